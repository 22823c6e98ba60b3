"""A real pre-commit client runs the faq-lint hook from this repository.

``pre-commit try-repo <repo> faq-lint --all-files`` in a scratch git repository
builds a fresh virtual environment, installs faq-lint into it from source and runs
the hook on the scratch repository's pages. To run offline, every wheel that
install needs (faq-lint's dependencies and the hatchling build backend) is
repacked from the packages installed in this environment into a local wheelhouse,
and pip is pointed at it (``PIP_NO_INDEX``, ``PIP_FIND_LINKS``).

The repository under test is a temporary git copy of this working tree (tracked
and untracked, not ignored files), so the test sees the hook files as they will
be committed, whatever state the shared checkout's git index is in.
"""

from __future__ import annotations

import base64
import csv
import datetime
import hashlib
import importlib.metadata as metadata
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO
from packaging.requirements import Requirement

from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SKIP_IN_DIST_INFO = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(*names: str) -> list[str]:
    """``names`` and everything they need at run time, by walking installed metadata."""
    wanted: list[str] = []
    stack = list(names)
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        key = _normalize(current)
        if key in seen:
            continue
        seen.add(key)
        wanted.append(current)
        try:
            dist = metadata.distribution(current)
        except metadata.PackageNotFoundError:
            continue
        for raw in dist.requires or []:
            requirement = Requirement(raw)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            stack.append(requirement.name)
    return wanted


def _project_requirements() -> list[str]:
    """faq-lint's run-time requirements as pyproject.toml declares them (markers applied)."""
    with open(REPO / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)["project"]
    names = []
    for raw in project.get("dependencies", []):
        requirement = Requirement(raw)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            names.append(requirement.name)
    return names


def _wheel_tag(wheel_text: str) -> str:
    tags = [
        line.split(":", 1)[1].strip() for line in wheel_text.splitlines() if line.startswith("Tag:")
    ]
    parts = [t.split("-") for t in tags] or [["py3", "none", "any"]]
    return "-".join(".".join(sorted({p[i] for p in parts})) for i in range(3))


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def repack(name: str, folder: Path) -> Path | None:
    """Rebuild the wheel of an installed distribution from its RECORD (None if not possible)."""
    dist = metadata.distribution(name)
    files = dist.files or []
    info_dirs = {f.parts[0] for f in files if f.parts and f.parts[0].endswith(".dist-info")}
    wheel_text = dist.read_text("WHEEL")
    if (
        len(info_dirs) != 1
        or wheel_text is None
        or (dist.read_text("direct_url.json") or "").find('"editable": true') >= 0
    ):
        return None
    info_dir = info_dirs.pop()
    stem = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    build = [
        line.split(":", 1)[1].strip()
        for line in wheel_text.splitlines()
        if line.startswith("Build:")
    ]
    version = "-".join([dist.version, *build[:1]])
    target = folder / f"{stem}-{version}-{_wheel_tag(wheel_text)}.whl"
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for item in files:
            if not item.parts or item.parts[0] == ".." or "__pycache__" in item.parts:
                continue
            if item.parts[0] == info_dir and item.name in SKIP_IN_DIST_INFO:
                continue
            source = Path(str(dist.locate_file(item)))
            if not source.is_file():
                continue
            data = source.read_bytes()
            arcname = "/".join(item.parts)
            archive.writestr(arcname, data)
            writer.writerow([arcname, _record_hash(data), len(data)])
        writer.writerow([f"{info_dir}/RECORD", "", ""])
        archive.writestr(f"{info_dir}/RECORD", record.getvalue())
    return target


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wheels for faq-lint's dependencies and its build backend, from this environment."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e .[dev])")
    try:
        metadata.distribution("hatchling")
    except metadata.PackageNotFoundError:
        pytest.skip("hatchling (faq-lint's build backend) is not installed: pip install -e .[dev]")
    folder = tmp_path_factory.mktemp("wheelhouse")
    for name in _project_requirements():
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            pytest.skip(f"{name} (a faq-lint requirement) is not installed: pip install -e .[dev]")
    for name in dict.fromkeys(_requirements(*_project_requirements(), "hatchling")):
        try:
            repack(name, folder)
        except metadata.PackageNotFoundError:
            continue
    return folder


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding this working tree as it would be committed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip(f"{REPO} is not a git checkout: {listed.stderr.decode(errors='replace')}")
    copy = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    assert (copy / ".pre-commit-hooks.yaml").is_file()
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "faq-lint under test")
    return copy


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=faq-lint tests",
            "-c",
            "user.email=tests@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _scratch(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir()
    for name, content in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    return folder


def try_repo(scratch: Path, hook_repo: Path, wheelhouse: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    for key in [k for k in env if k.startswith(("PIP_", "VIRTUALENV_", "PRE_COMMIT"))]:
        del env[key]
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        VIRTUALENV_OVERRIDE_APP_DATA=str(scratch.parent / "virtualenv-app-data"),
        GIT_AUTHOR_NAME="faq-lint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="faq-lint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
    )
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            "faq-lint",
            "--all-files",
            "--color",
            "never",
        ],
        cwd=scratch,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


UNCITED = """\
# Piriformis syndrome

## What is the fastest way to fix piriformis syndrome?

While medications, such as pain relievers, muscle relaxants, and anti-inflammatory
drugs may be recommended, the mainstay of treatment is physical therapy, exercise,
and stretching.
"""


def _clean_page() -> str:
    reviewed = datetime.date.today().isoformat()
    return f"""\
---
title: Piriformis syndrome
reviewed: {reviewed}
owner: Patient Education Team
---

# Piriformis syndrome

## What is piriformis syndrome?

It is pain in the buttock. A muscle deep in the hip presses on a nerve.

## How is it treated?

Rest and gentle stretches help most people feel better in a few weeks.

This page is for general information only. It is not medical advice. Talk to your
doctor about your own health.
"""


RunHook = Callable[[dict[str, str]], "subprocess.CompletedProcess[str]"]


@pytest.fixture()
def run_hook(tmp_path: Path, hook_repo: Path, wheelhouse: Path) -> RunHook:
    scratch = tmp_path / "scratch"

    def run(pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return try_repo(_scratch(scratch, pages), hook_repo, wheelhouse)

    run.scratch = scratch  # type: ignore[attr-defined]
    return run


def _local_findings(scratch: Path, name: str) -> list[Finding]:
    """What faq-lint in this process reports on the scratch page (default configuration)."""
    config = Config(cache=False)
    config.root = str(scratch)
    here = os.getcwd()
    os.chdir(scratch)
    try:
        return lint([name], config).findings
    finally:
        os.chdir(here)


def test_hook_fails_and_names_the_page_with_an_uncited_claim(run_hook: RunHook) -> None:
    result = run_hook({"faq/piriformis.md": UNCITED})
    output = result.stdout + result.stderr
    assert "Failed" in output, output
    assert result.returncode == 1, output
    assert "faq/piriformis.md" in output, output
    assert re.search(r"faq/piriformis\.md:\d+:\d+: FAQ301 ", output), output
    # every finding is named, as a local run names them (the hook failing hides none)
    expected = _local_findings(run_hook.scratch, "faq/piriformis.md")  # type: ignore[attr-defined]
    assert expected
    for finding in expected:
        assert f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} " in output


def test_hook_passes_on_a_clean_reviewed_page_with_a_disclaimer(run_hook: RunHook) -> None:
    result = run_hook({"faq/piriformis.md": _clean_page()})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"faq-lint\.+Passed", output), output


def _pre_commit_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "PIP_"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def test_this_repositorys_hook_runs_faq_lint_on_data_against_the_baseline(
    hook_repo: Path, tmp_path: Path
) -> None:
    """.pre-commit-config.yaml: faq-lint on data/ passes today and fails on a new problem."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e .[dev])")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(hook_repo), str(clone)], check=True)
    env = _pre_commit_env(tmp_path / "pre-commit-home")
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "run",
        "faq-lint",
        "--all-files",
        "--color",
        "never",
    ]
    clean = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"faq-lint data/.*Passed", clean.stdout), clean.stdout

    page = clone / "data" / "piriformis-syndrome.txt"
    page.write_text("Is piriformis syndrome serious?\n\n" + page.read_text("utf-8"), "utf-8")
    _git(clone, "add", "-A")
    dirty = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True, check=False)
    output = dirty.stdout + dirty.stderr
    assert dirty.returncode == 1, output
    assert "data/piriformis-syndrome.txt:1:1: FAQ003 " in output, output


def test_hook_mode_still_compares_named_files_with_the_whole_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit names only the changed page; duplicates with unchanged pages are still found."""
    from faq_lint.cli import main

    data = tmp_path / "data"
    data.mkdir()
    answer = "Gout is a kind of arthritis that causes sudden, severe pain in a joint.\n"
    (data / "gout.txt").write_text("What is gout?\n\n" + answer, encoding="utf-8")
    (data / "joints.txt").write_text(
        "What causes hip pain?\n\nMost hip pain comes from muscles and tendons.\n",
        encoding="utf-8",
    )
    (tmp_path / "faq-lint.toml").write_text('paths = ["data/"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["data/joints.txt", "--select", "FAQ601", "--no-cache"]) == 0
    capsys.readouterr()
    (data / "joints.txt").write_text("What is gout?\n\nA joint disease.\n", encoding="utf-8")
    for cache in ("--no-cache", None, None):  # without, then filling and reusing the cache
        args = ["data/joints.txt", "--select", "FAQ601", *([cache] if cache else [])]
        assert main(args) == 1
        out = capsys.readouterr().out
        assert "data/joints.txt:1:1: FAQ601 " in out, out
        assert "data/gout.txt" in out, out


# --- the README's pre-commit snippet, verbatim (issue 14, item 7) -----------------


def _readme_snippet() -> str:
    """The ```yaml block of the README's pre-commit paragraph, as written."""
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("**pre-commit.**") :]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, "the README's pre-commit paragraph has no yaml block"
    return match.group(1)


def test_readme_rev_is_the_release_tag_of_this_version() -> None:
    """The tag the README names is the one a release of this version gets (v + version)."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    rev = re.search(r"^\s*rev:\s*(\S+)\s*$", _readme_snippet(), re.MULTILINE)
    assert rev and rev.group(1) == f"v{version}"


def test_readme_snippet_runs_with_a_real_pre_commit(
    hook_repo: Path, wheelhouse: Path, tmp_path: Path
) -> None:
    """The README's snippet (its URL placeholder replaced by a clone of this repository,
    tagged as the snippet's rev) in a repository holding FAQ pages, a README, a docs page
    and faq-lint's own files: only the FAQ pages under the configured paths are linted."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    snippet = _readme_snippet()
    rev = re.search(r"^\s*rev:\s*(\S+)\s*$", snippet, re.MULTILINE)
    assert rev
    clone = tmp_path / "faq-lint-clone"
    subprocess.run(["git", "clone", "-q", str(hook_repo), str(clone)], check=True)
    _git(clone, "tag", rev.group(1))
    config = snippet.replace("<url of this repository>", str(clone))
    assert config != snippet
    pages = {
        ".pre-commit-config.yaml": config,
        "faq-lint.toml": 'paths = ["faq/"]\nbaseline = "faq-lint-baseline.json"\n',
        "faq-lint-baseline.json": '{"version": 1, "findings": []}\n',
        "faq-lint-report.json": '{"findings": []}\n',
        "README.md": "# Our health site\n\n## How do I build it?\n\nRun `make` to build it.\n",
        "docs/editing.md": "# How to edit\n\nOpen the file and save it.\n",
        "faq/piriformis.md": _clean_page(),
    }
    scratch = _scratch(tmp_path / "site", pages)
    env = dict(os.environ)
    for key in [k for k in env if k.startswith(("PIP_", "VIRTUALENV_", "PRE_COMMIT"))]:
        del env[key]
    env.update(  # offline: the hook's environment installs from the local wheelhouse only
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        VIRTUALENV_OVERRIDE_APP_DATA=str(tmp_path / "virtualenv-app-data"),
    )
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=scratch, env=env, capture_output=True, text=True, timeout=900
        )

    clean = run()
    output = clean.stdout + clean.stderr
    assert clean.returncode == 0, output
    assert re.search(r"faq-lint\.+Passed", output), output

    (scratch / "faq" / "piriformis.md").write_text(UNCITED, encoding="utf-8")
    _git(scratch, "add", "-A")
    dirty = run()
    output = dirty.stdout + dirty.stderr
    assert dirty.returncode == 1, output
    assert re.search(r"faq/piriformis\.md:\d+:\d+: FAQ301 ", output), output
    for name in pages:
        if not name.startswith("faq/"):
            assert f"{name}:" not in output, output


def test_hook_flag_skips_files_outside_paths_and_faq_lints_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from faq_lint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "piriformis.md").write_text(UNCITED, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Site\n\nRun make.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nSome notes.\n", encoding="utf-8")
    (tmp_path / "faq-lint.sarif").write_text("{}\n", encoding="utf-8")
    own = ["README.md", "faq-lint.sarif", ".pre-commit-config.yaml"]
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    # no paths configured: what pre-commit sends, less README-like and faq-lint's own files
    assert main(["--hook", "--no-cache", *own]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--hook", "--no-cache", *own, "notes.md", "faq/piriformis.md"]) == 1
    out = capsys.readouterr().out
    assert "faq/piriformis.md:" in out and "README.md" not in out and "in 2 files" in out
    # paths configured: only files under them (the configuration itself never)
    (tmp_path / "faq-lint.toml").write_text('paths = ["faq/"]\n', encoding="utf-8")
    args = ["--hook", "--no-cache", *own, "notes.md", "faq-lint.toml"]
    assert main(args) == 0
    assert capsys.readouterr().out == ""
    assert main([*args, "faq/piriformis.md"]) == 1
    out = capsys.readouterr().out
    assert "faq/piriformis.md:" in out and "in 1 file," in out
    # without --hook a file named on the command line is linted as before
    assert main(["--no-cache", "notes.md"]) == 0
    assert "1 file" in capsys.readouterr().out
