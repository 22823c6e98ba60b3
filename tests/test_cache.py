"""Result cache: a second run reuses per-file results; any change that matters is seen."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED, shared_path

from faq_lint import lint
from faq_lint.cache import CACHE_VERSION, KEEP_RUNS, ResultCache, run_key
from faq_lint.checks.base import Rule
from faq_lint.cli import main
from faq_lint.config import Config
from faq_lint.engine import all_rules, select_rules
from faq_lint.models import Report

GOUT = "What is gout?\n\nGout is a kind of arthritis that causes sudden, severe joint pain.\n"
HIP = (
    "What causes hip pain?\n\nMost hip pain comes from the muscles and tendons around the joint.\n"
)


def _config(root: Path, **settings: object) -> Config:
    config = Config(paths=["pages/"], **settings)  # type: ignore[arg-type]
    config.root = str(root)
    return config


def _rules(root: Path, **settings: object) -> list[Rule]:
    config = _config(root, **settings)
    return select_rules(all_rules(config), config)


def _dump(report: Report) -> str:
    return report.model_dump_json()


def _entries(root: Path, kind: str = "files") -> list[Path]:
    return sorted((root / ".faq-lint-cache").glob(f"v*/*/{kind}/*/*.json"))


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEED, pages / SEED.name)
    (pages / "gout.txt").write_text(GOUT, encoding="utf-8")
    (pages / "hip.txt").write_text(HIP, encoding="utf-8")
    (pages / "broken.yaml").write_text("- question: What?\n  answer: [oops\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_second_run_reuses_results_and_matches(project: Path) -> None:
    first = lint(None, _config(project))
    entries = _entries(project)
    assert len(entries) == 4
    second = lint(None, _config(project))
    assert _dump(second) == _dump(first)
    assert _dump(first) == _dump(lint(None, _config(project), cache=False))
    assert (project / ".faq-lint-cache" / ".gitignore").read_text().strip().endswith("*")
    assert (project / ".faq-lint-cache" / "CACHEDIR.TAG").is_file()


def test_the_cache_is_really_read_and_no_cache_bypasses_it(project: Path) -> None:
    lint(None, _config(project))
    tampered = 0
    for entry in _entries(project):
        data = json.loads(entry.read_text(encoding="utf-8"))
        for finding in data["findings"]:
            finding["message"] = "FROM THE CACHE"
            tampered += 1
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert tampered, "the pages have per-file findings (the broken YAML file at least)"
    cached = lint(None, _config(project))
    assert any(f.message == "FROM THE CACHE" for f in cached.findings)
    fresh = lint(None, _config(project), cache=False)
    assert not any(f.message == "FROM THE CACHE" for f in fresh.findings)
    assert lint(None, _config(project, cache=False)).findings == fresh.findings


def test_a_changed_file_is_linted_again_and_corpus_rules_see_it(project: Path) -> None:
    lint(None, _config(project))
    # hip.txt now asks the question gout.txt asks: a duplicate across files,
    # found while gout.txt comes from the cache
    (project / "pages" / "hip.txt").write_text(GOUT.replace("Gout is", "It is"), "utf-8")
    cached = lint(None, _config(project))
    fresh = lint(None, _config(project), cache=False)
    assert _dump(cached) == _dump(fresh)
    assert [d.entries for d in cached.documents] == [d.entries for d in fresh.documents]
    duplicates = [f for f in cached.findings if f.category == "duplicate"]
    if any(s.category == "duplicate" for s in all_rules(_config(project))):
        assert duplicates, cached.findings
        assert {r.path for f in duplicates for r in f.related} | {f.path for f in duplicates} == {
            "pages/gout.txt",
            "pages/hip.txt",
        }


def test_hook_mode_uses_cached_context_documents(project: Path) -> None:
    lint(None, _config(project))
    named = ["pages/hip.txt"]
    (project / "pages" / "hip.txt").write_text(GOUT, "utf-8")
    assert _dump(lint(named, _config(project))) == _dump(lint(named, _config(project), cache=False))


def test_configuration_and_rule_pack_changes_are_seen(project: Path) -> None:
    (project / "pages" / "empty.txt").write_text("What is gout?\n\nWhat causes it?\n\nUric acid.\n")
    first = lint(None, _config(project))
    assert {f.severity for f in first.findings if f.rule == "FAQ003"} == {"error"}
    demoted = lint(None, _config(project, rules={"FAQ003": {"severity": "info"}}))
    assert {f.severity for f in demoted.findings if f.rule == "FAQ003"} == {"info"}

    pack = project / "house"
    pack.mkdir()
    rule = (
        "rules:\n  - code: HOUSE001\n    name: house-empty\n    category: style\n"
        "    severity: warning\n    check: empty-answer\n    summary: s\n    message: {message}\n"
        "    rationale: r\n    source: s\n    fix: f\n"
    )
    (pack / "house.yaml").write_text(rule.format(message="First wording"), encoding="utf-8")
    config = _config(project, rule_packs=["house"])
    assert "First wording" in {f.message for f in lint(None, config).findings}
    (pack / "house.yaml").write_text(rule.format(message="Second wording"), encoding="utf-8")
    messages = {f.message for f in lint(None, _config(project, rule_packs=["house"])).findings}
    assert "Second wording" in messages and "First wording" not in messages


def test_run_key_changes_with_what_decides_findings(project: Path) -> None:
    config = _config(project)
    rules = select_rules(all_rules(config), config)
    key = run_key(config, rules)
    assert key == run_key(_config(project), select_rules(all_rules(config), config))
    assert key != run_key(_config(project, target_grade=6.0), rules)
    assert key != run_key(config, rules[:-1])
    words = project / "words.txt"
    words.write_text("piriformis\n", encoding="utf-8")
    with_words = _config(project, words=["words.txt"])
    before = run_key(with_words, rules)
    words.write_text("piriformis\nsciatic\n", encoding="utf-8")
    assert run_key(with_words, rules) != before


def test_damaged_entries_are_misses(project: Path) -> None:
    fresh = lint(None, _config(project), cache=False)
    lint(None, _config(project))
    for entry in _entries(project) + _entries(project, "corpus"):
        entry.write_text('{"document": ', encoding="utf-8")
    assert _dump(lint(None, _config(project))) == _dump(fresh)


def test_unwritable_cache_folder_is_no_error(project: Path) -> None:
    (project / "not-a-folder").write_text("", encoding="utf-8")
    config = _config(project, cache_dir="not-a-folder/cache")
    assert _dump(lint(None, config)) == _dump(lint(None, _config(project), cache=False))


def test_cli_cache_dir_and_no_cache(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "faq-lint.toml").write_text(
        'paths = ["pages/"]\ncache-dir = "build/lint-cache"\n', encoding="utf-8"
    )
    assert main(["--no-cache"]) == 1
    assert not (project / "build").exists()
    no_cache = capsys.readouterr().out
    assert main([]) == 1
    assert (project / "build" / "lint-cache" / "CACHEDIR.TAG").is_file()
    assert capsys.readouterr().out == no_cache
    assert main([]) == 1
    assert capsys.readouterr().out == no_cache


def test_cache_over_a_real_corpus_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = shared_path("corpora", "medquad", "pages")
    target = tmp_path / "pages"
    target.mkdir()
    for sub in ("txt", "md", "yaml"):
        for page in sorted((pages / sub).iterdir())[:5]:
            shutil.copy(page, target / page.name)
    monkeypatch.chdir(tmp_path)
    first = lint(None, _config(tmp_path))
    second = lint(None, _config(tmp_path))
    assert _dump(first) == _dump(second) == _dump(lint(None, _config(tmp_path), cache=False))
    assert len(_entries(tmp_path)) == len(list(target.iterdir()))


def test_old_run_keys_are_pruned(project: Path) -> None:
    for grade in range(1, 9):
        lint(None, _config(project, target_grade=float(grade)))
    runs = [p for p in (project / ".faq-lint-cache").glob(f"v{CACHE_VERSION}/*") if p.is_dir()]
    assert len(runs) == KEEP_RUNS
    # the latest configuration is among the kept ones, and is reused
    latest = ResultCache.open(_config(project, target_grade=8.0), _rules(project))
    assert latest.run_folder in runs


def test_excluded_named_files_then_a_plain_run_still_find_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14 item 2: after ``faq-lint drafts/x.txt`` (excluded: no file linted), a
    plain ``faq-lint`` must not reuse that run's empty whole-corpus result."""
    (tmp_path / "data").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "data" / "a.txt").write_text(GOUT, encoding="utf-8")
    (tmp_path / "data" / "b.txt").write_text(GOUT, encoding="utf-8")
    (tmp_path / "drafts" / "x.txt").write_text(HIP, encoding="utf-8")
    (tmp_path / "faq-lint.toml").write_text(
        'paths = ["data/", "drafts/"]\nexclude = ["drafts/"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    argv = ["--select", "duplicate", "--format", "json"]
    assert main([*argv, "drafts/x.txt"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []
    assert (tmp_path / ".faq-lint-cache").is_dir()
    assert main([*argv, "--no-cache"]) == 1
    fresh = json.loads(capsys.readouterr().out)["findings"]
    assert {f["rule"] for f in fresh} == {"FAQ601", "FAQ602"}
    assert main(argv) == 1
    assert json.loads(capsys.readouterr().out)["findings"] == fresh


def test_corpus_key_tells_no_paths_from_all_excluded(project: Path) -> None:
    store = ResultCache.open(_config(project), _rules(project))
    keys = ["a" * 64, "b" * 64]
    assert store.corpus_key(keys, None) != store.corpus_key(keys, set())
    assert store.corpus_key(keys, set()) != store.corpus_key(keys, {""})
    assert store.corpus_key(keys, {"x", "y"}) == store.corpus_key(keys, ["y", "x"])
    assert store.corpus_key(keys, None) != store.corpus_key(keys[:1], None)


def test_run_key_hashes_project_files_not_just_their_size_and_time(project: Path) -> None:
    words = project / "words.txt"
    pack = project / "house"
    pack.mkdir()
    rule = pack / "data.txt"
    for path in (words, rule):
        path.write_text("piriformis\n", encoding="utf-8")
    config = _config(project, words=["words.txt"], rule_packs=["house"])
    rules = select_rules(all_rules(config), config)
    before = run_key(config, rules)
    for path in (words, rule):
        stamp = path.stat()
        path.write_text("piriformiz\n", encoding="utf-8")  # same size, same time
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        assert run_key(config, rules) != before, path
        before = run_key(config, rules)


def test_file_key_depends_on_where_the_file_is(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same bytes under the same relative name in another folder have other
    fingerprints (relative to the project root): another entry."""
    store = ResultCache.open(_config(project), _rules(project))
    here = store.file_key("pages/gout.txt")
    other = tmp_path_factory.mktemp("other")
    (other / "pages").mkdir()
    (other / "pages" / "gout.txt").write_text(GOUT, encoding="utf-8")
    monkeypatch.chdir(other)
    assert here is not None and store.file_key("pages/gout.txt") not in (None, here)
