"""Hostile files: whatever authors save, the run ends with a report, never a traceback.

The files are made at test time under tmp_path (nothing big is committed): a 100 MB
file, 5,000-deep nesting, a single 1 MB line, NUL bytes, invalid UTF-8 in the middle,
files that vanish or cannot be opened, named pipes, symbolic link loops, a YAML alias
bomb, and file names that are not UTF-8. Each gives a clean finding at ``path:line``
(or is linted as the text it is), the other files are still linted, the exit status
follows the contract, and the input files are never written to.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_path

import faq_lint.api
from faq_lint import lint
from faq_lint.config import Config
from faq_lint.models import Report
from faq_lint.render import renderer
from faq_lint.safety import INTERNAL_ERROR

GOOD = (
    "What is gout?\n\nGout is a kind of arthritis. It causes sudden pain and swelling in a "
    "joint, often the big toe.\n\nHow is gout treated?\n\nRest the joint and ask your doctor "
    "about medicines that lower uric acid.\n"
)
ANSWER_LINE = "Rest the joint, drink water and see a doctor if the pain lasts more than a week. "
MB = 1024 * 1024


def _cli(args: list[str], cwd: Path, timeout: float = 600) -> tuple[int, str, str]:
    """Run faq-lint: exit status, stdout, stderr.

    ``timeout`` guards against a hang (a FIFO, a loop); it is not a speed assertion.
    """
    result = subprocess.run(
        [sys.executable, "-m", "faq_lint", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.returncode, result.stdout, result.stderr


def _peak_mb(args: list[str], cwd: Path, timeout: float = 600) -> tuple[int, float]:
    """Exit status and peak resident memory (MB) of one faq-lint run."""
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "faq_lint", "--no-cache", *args],
            cwd=cwd,
            stdout=sink,
            stderr=sink,
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            process.returncode = 0 if process.returncode is None else process.returncode
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024


def _digests(folder: Path) -> dict[str, tuple[str, int, int]]:
    """sha256, mode and mtime of every regular file under ``folder`` (links not followed)."""
    found: dict[str, tuple[str, int, int]] = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            info = os.stat(path)
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda h=handle: h.read(MB), b""):
                    digest.update(block)
            found[path] = (digest.hexdigest(), info.st_mode, info.st_mtime_ns)
    return found


def _deep_json(depth: int) -> str:
    return '[{"question": "What?", "answer": ' + "[" * depth + "]" * depth + "}]"


def _deep_yaml_flow(depth: int) -> str:
    return "- question: What?\n  answer: " + "[" * depth + "]" * depth + "\n"


def _deep_yaml_block(depth: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b\n"


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    lines.append("faqs:\n  - question: What is it?\n    answer: *a9")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder of hostile files beside good ones (the 100 MB file is tested apart)."""
    folder = tmp_path_factory.mktemp("hostile")
    files: dict[str, str | bytes] = {
        "good.txt": GOOD,
        "nested/also-good.md": "# What is gout?\n\nA kind of arthritis.\n",
        "deep.json": _deep_json(5000),
        "deep-object.json": '{"faqs": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}",
        "deep-flow.yaml": _deep_yaml_flow(5000),
        "deep-block.yaml": _deep_yaml_block(5000),
        "deep.jsonl": '{"question": "What?", "answer": ' + "[" * 5000 + "]" * 5000 + "}\n",
        "alias-bomb.yaml": _alias_bomb(),
        "long-line.md": "# What is gout?\n\n" + (ANSWER_LINE * (MB // len(ANSWER_LINE) + 1)) + "\n",
        "long-line.txt": "What is gout?\n\n" + ("word " * (MB // 5)) + "\n",
        "nul.md": b"# What is gout?\n\nGout is a kind \x00 of arthritis.\n",
        "nul.csv": b"question,answer\nWhat is gout?,A kind of\x00 arthritis.\n",
        "bad-utf8.txt": b"What is gout?\n\nGout is a kind of arthritis.\n\nIs it caf\xe9 "
        b"related?\n\nNo \xff\xfe it is not.\n",
        "utf16.txt": "What is gout?\n\nA kind of arthritis.\n".encode("utf-16"),
        "bom-only.md": b"\xef\xbb\xbf",
        "blank.yaml": b"  \n\n\t\n",
        "huge-number.json": '[{"question": "What?", "answer": "x", "n": ' + "9" * 5000 + "}]",
        "bad-date.yaml": "- question: What is gout?\n  answer: Arthritis.\n"
        "  reviewed: 2024-13-45\n",
        "names/surrogates.json": '[{"question": "What is \\udce9 gout?", '
        '"answer": "Arth\\ud800ritis."}]',
        "binary.json": bytes(range(256)) * 10,
    }
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    # Links: a dangling one, a file-link loop, folders linked into themselves and above.
    (folder / "dangling.txt").symlink_to(folder / "was-deleted.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "nested" / "self").symlink_to(folder / "nested")
    (folder / "nested" / "up").symlink_to(folder)
    # A named pipe with a supported name: opening it for reading would wait forever.
    os.mkfifo(folder / "pipe.txt")
    # A file name that is not valid UTF-8.
    with open(os.path.join(os.fsencode(folder), b"names", b"caf\xe9.txt"), "wb") as handle:
        handle.write(GOOD.encode())
    yield folder


Run = tuple[int, dict[str, Any], str, dict[str, tuple[str, int, int]]]


@pytest.fixture(scope="module")
def hostile_run(hostile: Path) -> Run:
    """One run over the whole hostile folder: status, JSON report, stderr, input digests."""
    before = _digests(hostile)
    status, out, err = _cli(["--format", "json", "."], cwd=hostile)
    return status, json.loads(out), err, before


def _findings(report: dict[str, Any], path: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["path"] in (path, f"./{path}")]


def test_hostile_folder_gives_a_report_not_a_traceback(hostile_run: Run) -> None:
    status, report, err, _ = hostile_run
    assert "Traceback" not in err, err
    assert status == 1  # error findings (broken files), not 2: the run itself was fine
    messages = [f["message"] for f in report["findings"]]
    assert not [m for m in messages if INTERNAL_ERROR in m], "a parser or check crashed"


def test_good_files_are_still_linted(hostile_run: Run) -> None:
    _, report, _, _ = hostile_run
    by_path = {d["path"].removeprefix("./"): d for d in report["documents"]}
    assert by_path["good.txt"]["entries"] == 2
    assert by_path["nested/also-good.md"]["entries"] == 1
    assert by_path["long-line.md"]["entries"] == 1
    assert by_path["long-line.txt"]["entries"] == 1
    assert by_path["bad-date.yaml"]["entries"] == 1
    assert by_path["names/surrogates.json"]["entries"] == 1


@pytest.mark.parametrize(
    ("name", "line", "expected"),
    [
        ("deep.json", 1, "nested"),
        ("deep-object.json", 1, "nested"),
        ("deep-flow.yaml", 2, "nested"),
        ("deep-block.yaml", None, "nested"),
        ("deep.jsonl", 1, "nested"),
        ("alias-bomb.yaml", None, "aliases"),
        ("nul.md", 3, "NUL"),
        ("nul.csv", 2, "NUL"),
        ("binary.json", 1, "NUL"),
        ("bom-only.md", 1, "empty"),
        ("blank.yaml", 1, "empty"),
        ("huge-number.json", 1, "digits"),
        ("dangling.txt", 1, "No such file"),
        ("loop-a.txt", 1, "symbolic links"),
        ("pipe.txt", 1, "not an ordinary file"),
    ],
)
def test_each_hostile_file_gets_a_clean_structure_finding(
    hostile_run: Run, name: str, line: int | None, expected: str
) -> None:
    _, report, _, _ = hostile_run
    broken = [f for f in _findings(report, name) if f["rule"] == "FAQ001"]
    assert len(broken) == 1, _findings(report, name)
    finding = broken[0]
    assert finding["category"] == "structure" and finding["severity"] == "error"
    assert expected in finding["message"], finding["message"]
    assert finding["line"] >= 1 and finding["column"] >= 1
    if line is not None:
        assert finding["line"] == line, finding


def test_invalid_utf8_in_the_middle_is_read_and_reported_where_it_is(hostile_run: Run) -> None:
    _, report, _, _ = hostile_run
    encoding = [f for f in _findings(report, "bad-utf8.txt") if f["rule"] == "FAQ002"]
    assert [(f["line"], f["column"]) for f in encoding] == [(5, 10)]
    assert "0xe9" in encoding[0]["message"]
    document = next(d for d in report["documents"] if d["path"].endswith("bad-utf8.txt"))
    assert document["entries"] == 2  # the rest of the file is still linted


def test_text_output_names_path_and_line(hostile: Path) -> None:
    status, out, err = _cli(["deep.json", "nul.md", "dangling.txt", "good.txt"], cwd=hostile)
    assert status == 1 and "Traceback" not in err
    assert "deep.json:1:" in out and "nul.md:3:" in out and "dangling.txt:1:" in out


def test_surrogates_and_undecodable_names_do_not_break_any_output(hostile: Path) -> None:
    """JSON "\\ud800" escapes and a Latin-1 file name: every output format still writes."""
    for fmt in ("json", "sarif", "github", "html", "text"):
        status, out, err = _cli(["--format", fmt, "names"], cwd=hostile)
        assert "Traceback" not in err, (fmt, err)
        assert status == 1, (fmt, err)
        out.encode("utf-8")  # writable as UTF-8
        if fmt == "json":
            report = json.loads(out)
            paths = sorted(d["path"] for d in report["documents"])
            assert paths == ["names/caf\ufffd.txt", "names/surrogates.json"], paths
            questions = {f["question"] for f in report["findings"]}
            assert "What is \ufffd gout?" in questions, questions


def test_symlink_loops_neither_trap_nor_repeat_the_walk(hostile_run: Run) -> None:
    _, report, _, _ = hostile_run
    paths = [d["path"].removeprefix("./") for d in report["documents"]]
    assert len(paths) == len(set(paths))
    assert not any("/self/" in p or "/up/" in p for p in paths), paths
    assert paths.count("nested/also-good.md") == 1


def test_linting_never_writes_to_the_inputs(hostile: Path, hostile_run: Run) -> None:
    *_, before = hostile_run
    assert _digests(hostile) == before


def test_file_that_vanishes_after_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real discovery runs; then a file is deleted, as an editor might mid-run."""
    (tmp_path / "stays.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "goes.md").write_text("# What is gout?\n\nArthritis.\n", encoding="utf-8")
    discover = faq_lint.api.discover

    def discover_then_delete(paths: list[str], exclude: list[str]) -> list[str]:
        found = discover(paths, exclude)
        (tmp_path / "goes.md").unlink(missing_ok=True)
        return found

    monkeypatch.setattr(faq_lint.api, "discover", discover_then_delete)
    config = Config(paths=[str(tmp_path)], cache=False)
    config.root = str(tmp_path)
    report = lint([str(tmp_path)], config)
    gone = [f for f in report.findings if f.path.endswith("goes.md")]
    assert [(f.rule, f.line) for f in gone] == [("FAQ001", 1)]
    assert "No such file" in gone[0].message
    stays = next(d for d in report.documents if d.path.endswith("stays.txt"))
    assert stays.entries == 2
    _render_everything(report)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_that_cannot_be_opened(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        status, out, err = _cli(["--format", "json", str(locked)], cwd=tmp_path)
    finally:
        locked.chmod(0o644)
    assert status == 1 and "Traceback" not in err
    assert "Permission denied" in json.loads(out)["findings"][0]["message"]


def _render_everything(report: Report) -> None:
    for fmt in ("text", "json", "sarif", "github", "html"):
        renderer(fmt)(report).encode("utf-8")


def test_100_mb_file_is_reported_as_too_large_and_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "w", encoding="utf-8") as handle:
        block = (GOOD * (MB // len(GOOD) + 1))[:MB]
        for _ in range(100):
            handle.write(block)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    status, out, err = _cli(["--format", "json", "."], cwd=tmp_path)
    assert status == 1 and "Traceback" not in err
    report = json.loads(out)
    big_findings = _findings(report, "big.txt")
    assert [f["rule"] for f in big_findings] == ["FAQ001"]
    message = big_findings[0]["message"]
    assert "104,857,600 bytes" in message and "max-file-size" in message and "not read" in message
    assert next(d for d in report["documents"] if d["path"].endswith("good.txt"))["entries"] == 2
    # Not read whole: the run's peak memory grows far less than the file's 100 MB.
    _, small_peak = _peak_mb(["good.txt"], cwd=tmp_path)
    _, big_peak = _peak_mb(["big.txt", "good.txt"], cwd=tmp_path)
    assert big_peak - small_peak < 50, (small_peak, big_peak)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "faq-lint.toml").write_text("max-file-size = 100\n", encoding="utf-8")
    (tmp_path / "small.txt").write_text("What is gout?\n\nArthritis.\n", encoding="utf-8")
    (tmp_path / "larger.txt").write_text(GOOD, encoding="utf-8")
    status, out, err = _cli(["--format", "json", "small.txt", "larger.txt"], cwd=tmp_path)
    assert "Traceback" not in err
    report = json.loads(out)
    assert [f["rule"] for f in _findings(report, "larger.txt")] == ["FAQ001"]
    assert "over the 100-byte limit" in _findings(report, "larger.txt")[0]["message"]
    assert not [f for f in _findings(report, "small.txt") if f["rule"] == "FAQ001"]


def _records(path: Path) -> int:
    with open(path, encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip())


@pytest.mark.parametrize(
    "corpus",
    [
        "covid-faq-deepset/covid-faq-deepset.jsonl",
        "covid-faq-jhu/covid-faq-jhu.jsonl",
        "medquad/pages",
        "medquad/medquad.jsonl",
    ],
)
def test_every_shared_corpus_lints_without_a_traceback(corpus: str, tmp_path: Path) -> None:
    """Real content written by others, full default rule set (corpus rules included)."""
    target = shared_path("corpora", *corpus.split("/"))
    output = tmp_path / "report.json"
    status, _, err = _cli(
        ["--format", "json", "--output", str(output), str(target)], cwd=tmp_path, timeout=1800
    )
    assert "Traceback" not in err, err[-3000:]
    assert status in (0, 1), err[-3000:]
    report = json.loads(output.read_text(encoding="utf-8"))
    _no_internal_errors(report)
    if target.is_file():  # every record is an entry, including those with an empty answer
        assert report["summary"]["entries"] == _records(target)
    else:
        pages = [p for p in target.rglob("*") if p.suffix in (".md", ".txt", ".yaml")]
        assert report["summary"]["files"] == len(pages)
        assert not [f for f in report["findings"] if f["rule"] == "FAQ001"]


def _no_internal_errors(report: dict[str, Any]) -> None:
    crashed = [f["message"] for f in report["findings"] if INTERNAL_ERROR in f["message"]]
    assert not crashed, crashed[:5]
