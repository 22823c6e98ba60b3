"""Issue 14 items 1, 6 and 9: writers never destroy, nothing is skipped in silence.

Real files made at test time (links, a FIFO, a locked folder), the real CLI in a
subprocess.
"""

from __future__ import annotations

import ctypes
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from faq_lint.reading import DEFAULT_MAX_BYTES

PAGE = "What is flu?\n\nFlu is an illness caused by a virus. Rest and drink water.\n"
ROOT = Path(__file__).resolve().parent.parent


def _cli(args: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "faq_lint", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_refuses_to_write_over_a_linted_file(tmp_path: Path, page: Path, option: str) -> None:
    (tmp_path / "link.txt").symlink_to("page.txt")
    os.link(page, tmp_path / "hard.txt")
    for target in ("page.txt", "link.txt", "hard.txt"):
        done = _cli(["page.txt", option, target], tmp_path)
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert target in done.stderr and "reads" in done.stderr
        assert page.read_text(encoding="utf-8") == PAGE


def test_refuses_to_write_over_config_and_baseline(tmp_path: Path, page: Path) -> None:
    (tmp_path / "faq-lint.toml").write_text('paths = ["."]\nbaseline = "bl.json"\n')
    assert _cli(["--write-baseline", "bl.json", "page.txt"], tmp_path).returncode == 0
    before = (tmp_path / "bl.json").read_text()
    for target in ("faq-lint.toml", "bl.json"):
        done = _cli(["page.txt", "-o", target], tmp_path)
        assert done.returncode == 2 and target in done.stderr, done.stderr
    assert (tmp_path / "bl.json").read_text() == before


def test_writes_through_a_symlink(tmp_path: Path, page: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "report.json").symlink_to("out/real.json")
    done = _cli(["page.txt", "--format", "json", "-o", "report.json"], tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "report.json").is_symlink()
    assert '"schema_version"' in (tmp_path / "out" / "real.json").read_text()


def test_existing_report_keeps_its_mode(tmp_path: Path, page: Path) -> None:
    out = tmp_path / "report.txt.out"
    out.write_text("old")
    out.chmod(0o640)
    assert _cli(["page.txt", "-o", str(out)], tmp_path).returncode in (0, 1)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and "Found" in out.read_text()


def test_dev_null_is_written_as_a_stream(tmp_path: Path, page: Path) -> None:
    done = _cli(["page.txt", "-o", "/dev/null"], tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # not replaced by a regular file


def test_dev_stdout_is_standard_output(tmp_path: Path, page: Path) -> None:
    done = _cli(["page.txt", "-o", "/dev/stdout"], tmp_path)
    assert done.returncode in (0, 1) and "Found" in done.stdout, done.stderr


def test_fifo_is_written_as_a_stream(tmp_path: Path, page: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    done = _cli(["page.txt", "-o", str(fifo)], tmp_path)
    reader.join(60)
    assert done.returncode in (0, 1), done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Found" in got[0]


def test_errors_name_the_path_given(tmp_path: Path, page: Path) -> None:
    done = _cli(["page.txt", "-o", "nodir/sub/report.txt"], tmp_path)
    assert done.returncode == 2
    assert "nodir/sub/report.txt" in done.stderr and ".tmp" not in done.stderr
    done = _cli(["page.txt", "-o", str(tmp_path)], tmp_path)
    assert done.returncode == 2 and "folder" in done.stderr


def _without_dac_override() -> None:
    """Root reads any folder; drop that power (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP; effective on exec


@pytest.mark.parametrize("named", ["top", "locked"])
def test_unreadable_folder_is_a_finding(tmp_path: Path, named: str) -> None:
    top = tmp_path / "top"
    locked = top / "locked"
    locked.mkdir(parents=True)
    (top / "ok.txt").write_text(PAGE)
    (locked / "in.txt").write_text(PAGE)
    locked.chmod(0)
    try:
        probe = subprocess.run(
            [sys.executable, "-c", f"import os; os.listdir({str(locked)!r})"],
            preexec_fn=_without_dac_override,
            capture_output=True,
        )
        if probe.returncode == 0:
            pytest.skip("the folder stays readable here even with permissions 000")
        arg = "top" if named == "top" else "top/locked"
        done = _cli([arg], tmp_path, preexec_fn=_without_dac_override)
        assert done.returncode == 1, done.stderr
        line = next(x for x in done.stdout.splitlines() if x.startswith("top/locked:"))
        assert "FAQ001" in line and "cannot read this folder" in line
    finally:
        locked.chmod(0o755)


def test_summary_says_what_the_baseline_hides(tmp_path: Path, page: Path) -> None:
    assert _cli(["--write-baseline", "bl.json", "page.txt"], tmp_path).returncode == 0
    done = _cli(["--baseline", "bl.json", "page.txt"], tmp_path)
    assert done.returncode == 0
    assert re.search(r"\d+ findings? hidden by bl\.json; --no-baseline shows them", done.stdout)
    import json

    report = json.loads(
        _cli(["--baseline", "bl.json", "--format", "json", "page.txt"], tmp_path).stdout
    )
    assert (
        report["summary"]["hidden_by_baseline"] > 0 and report["summary"]["baseline"] == "bl.json"
    )


def test_text_output_escapes_control_characters(tmp_path: Path) -> None:
    name = "bad\nname.txt"
    (tmp_path / name).write_text("What is \x1b[31mflu\x1b[0m?\n\nFlu is a virus.\n")
    done = _cli([name], tmp_path)
    assert "\x1b" not in done.stdout
    for line in done.stdout.splitlines():
        if "FAQ" in line and ": FAQ" in line:
            assert line.startswith("bad\\nname.txt:")


def test_readme_states_the_code_size_limit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"`max-file-size` \((\d+) MiB", readme)
    assert match and int(match.group(1)) * 1024 * 1024 == DEFAULT_MAX_BYTES


@pytest.mark.parametrize("fmt", ["sarif", "html", "github"])
def test_statistics_refused_where_it_has_no_place(tmp_path: Path, page: Path, fmt: str) -> None:
    done = _cli(["page.txt", "--statistics", "--format", fmt], tmp_path)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_read(tmp_path: Path, codec: str) -> None:
    (tmp_path / "u.txt").write_bytes(PAGE.encode(codec))
    done = _cli(["u.txt"], tmp_path)
    assert "binary" not in done.stdout and "UTF-16" in done.stdout
    assert "1 entries" in done.stdout


def test_broken_utf16_says_so(tmp_path: Path) -> None:
    data = b"\xff\xfe" + PAGE.encode("utf-16-le")[:20] + b"\x00\xd8A\x00"
    (tmp_path / "u.txt").write_bytes(data)
    done = _cli(["u.txt"], tmp_path)
    assert "does not decode as UTF-16" in done.stdout and "binary" not in done.stdout
