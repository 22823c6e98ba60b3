"""Measure FAQ301 (uncited medication claim) on the two labelled claim sets.

    python benchmarks/eval_claims.py [medquad|consumer|both] [--show-errors]

Runs the real linter (``faq_lint.lint`` with ``select=["FAQ301"]``, default options)
on one Markdown page per labelled sentence, written to a temporary folder:

- ``../shared/eval/claims_medquad/sentences.jsonl``: ``## {question}\\n\\n{answer}\\n`` where
  ``answer`` is the record's whole answer from ``../shared/corpora/medquad/medquad.jsonl``
  (``answer[start:end] == sentence``); the record's ``context`` when the corpus is absent.
- ``../shared/eval/claims_consumer/entries.jsonl``: as its README says,
  ``# {title}\\n\\n{intro}\\n\\n## {question}\\n\\n{answer}\\n`` with an intro, else
  ``## {question}\\n\\n{answer}\\n``.

A labelled sentence is *predicted* when a FAQ301 finding's span overlaps it; *gold* is
``expect_finding`` (a claim with no citation). Findings on other sentences are ignored
(only one sentence per entry is labelled). Prints the confusion table per set and per
``kind`` (and per ``case`` for the non-claims), precision and recall.
Nothing here is fitted on these sets: the rule runs as shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _pages_medquad() -> list[tuple[dict[str, object], str, int, int]]:
    rows = _rows(SHARED / "eval" / "claims_medquad" / "sentences.jsonl")
    corpus_path = SHARED / "corpora" / "medquad" / "medquad.jsonl"
    answers: dict[str, str] = {}
    if corpus_path.exists():
        wanted = {str(r["record_id"]) for r in rows}
        with corpus_path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["id"] in wanted:
                    answers[record["id"]] = record["answer"]
    pages = []
    for row in rows:
        sentence = str(row["sentence"])
        answer = answers.get(str(row["record_id"]))
        start = int(row["start"])  # type: ignore[call-overload]
        if answer is None or answer[start : start + len(sentence)] != sentence:
            answer = str(row["context"])
            start = answer.find(sentence)
        head = f"## {row['question']}\n\n"
        page = f"{head}{answer}\n"
        pages.append((row, page, len(head) + start, len(head) + start + len(sentence)))
    return pages


def _pages_consumer() -> list[tuple[dict[str, object], str, int, int]]:
    rows = _rows(SHARED / "eval" / "claims_consumer" / "entries.jsonl")
    pages = []
    for row in rows:
        sentence = str(row["sentence"])
        qa = f"## {row['question']}\n\n{row['answer']}\n"
        if row.get("position") == "intro":
            head = f"# {row['title']}\n\n"
            page = f"{head}{row['intro']}\n\n{qa}"
            start = len(head) + int(row["start"])  # type: ignore[call-overload]
        else:
            head = f"## {row['question']}\n\n"
            page = qa
            start = len(head) + int(row["start"])  # type: ignore[call-overload]
        assert page[start : start + len(sentence)] == sentence, row["id"]
        pages.append((row, page, start, start + len(sentence)))
    return pages


def _predict(pages: list[tuple[dict[str, object], str, int, int]]) -> list[bool]:
    from faq_lint.api import lint
    from faq_lint.config import Config

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (_, page, _, _) in enumerate(pages):
            path = Path(folder) / f"p{index:04d}.md"
            path.write_text(page, encoding="utf-8")
            paths.append(str(path))
        config = Config(root=folder)
        report = lint(paths, config, select=["FAQ301"], baseline=False, cache=False, jobs=1)
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        starts = {p: _line_starts(pages[i][1]) for i, p in enumerate(paths)}
        for finding in report.findings:
            if finding.rule != "FAQ301":
                continue
            lines = starts[finding.path]
            a = lines[finding.line - 1] + finding.column - 1
            end_line = finding.end_line or finding.line
            end_column = finding.end_column or finding.column + 1
            b = lines[end_line - 1] + end_column - 1
            spans[finding.path].append((a, b))
    predicted = []
    for page_path, (_, _, start, end) in zip(paths, pages, strict=True):
        predicted.append(any(a < end and start < b for a, b in spans[page_path]))
    return predicted


def _table(name: str, cells: list[tuple[bool, bool]]) -> str:
    tp = sum(1 for p, g in cells if p and g)
    fp = sum(1 for p, g in cells if p and not g)
    fn = sum(1 for p, g in cells if not p and g)
    tn = len(cells) - tp - fp - fn
    precision = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
    recall = f"{tp / (tp + fn):.3f}" if tp + fn else "-"
    return f"{name:<24} {len(cells):>4} {tp:>4} {fp:>4} {fn:>4} {tn:>4}  {precision:>6} {recall:>6}"


def evaluate(name: str, show_errors: bool) -> tuple[int, int, int]:
    pages = _pages_medquad() if name == "medquad" else _pages_consumer()
    began = time.perf_counter()
    predicted = _predict(pages)
    seconds = time.perf_counter() - began
    print(f"\n== claims_{name}: {len(pages)} labelled sentences ({seconds:.1f} s)")
    print(f"{'':<24} {'n':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}  {'prec':>6} {'recall':>6}")
    cells = [
        (p, bool(row["expect_finding"])) for p, (row, *_rest) in zip(predicted, pages, strict=True)
    ]
    print(_table("all", cells))
    groups: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for cell, (row, *_rest) in zip(cells, pages, strict=True):
        kind = str(row["kind"])
        if row["is_claim"] and row["cited"]:
            kind += " (cited)"
        groups[f"kind={kind}"].append(cell)
        if not row["is_claim"]:
            groups[f"case={row.get('case')}"].append(cell)
    for key in sorted(groups):
        print(_table(key, groups[key]))
    if show_errors:
        for (p, g), (row, *_rest) in zip(cells, pages, strict=True):
            if p != g:
                label = "FP" if p else "FN"
                print(
                    f"  {label} {row['id']} [{row['kind']}/{row.get('case')}] {row['sentence']!r}"
                )
    tp = sum(1 for p, g in cells if p and g)
    fp = sum(1 for p, g in cells if p and not g)
    fn = sum(1 for p, g in cells if not p and g)
    return tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", default="both", choices=["medquad", "consumer", "both"])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    if not (SHARED / "eval").exists():
        print(f"{SHARED / 'eval'} is absent", file=sys.stderr)
        return 2
    names = ["medquad", "consumer"] if args.set == "both" else [args.set]
    for name in names:
        evaluate(name, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
