"""Load ``../shared/corpora/medquad/medquad.jsonl`` as faq-lint documents.

Uses the JSON Lines parser (``faq_lint.parsers.jsonl``) when it exists; until then the
records are turned into one :class:`~faq_lint.models.Document` directly (one entry per
line, positions pointing at the record's line), which is what the parser produces.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from faq_lint.models import Document, Entry, Position

MEDQUAD = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpora"
    / "medquad"
    / "medquad.jsonl"
)


def load(path: Path = MEDQUAD, limit: int | None = None) -> Document:
    """The corpus as one document (the first ``limit`` records when given)."""
    try:
        import faq_lint.parsers.jsonl  # noqa: F401  (only to know the parser exists)
        from faq_lint.parsers import parse_file
    except ImportError:
        return _direct(path, limit)
    document = parse_file(str(path), max_bytes=1 << 30)
    if limit is not None:
        document.entries = document.entries[:limit]
    return document


def _direct(path: Path, limit: int | None) -> Document:
    entries: list[Entry] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(entries) >= limit:
                break
            record = json.loads(line)
            answer = record.get("answer") or ""
            entries.append(
                Entry(
                    id=str(record["id"]),
                    question=record["question"],
                    answer=answer,
                    paragraphs=[p for p in answer.split("\n\n") if p.strip()],
                    question_position=Position(line=number, column=1),
                    answer_position=Position(line=number, column=1),
                    end_line=number,
                    metadata={"topic": record.get("topic"), "origin": record.get("origin")},
                )
            )
    return Document(path=str(path), format="jsonl", entries=entries)


_EDITS = (
    (re.compile(r"\bmay\b"), "can"),
    (re.compile(r"\bdoctor\b"), "health care provider"),
    (re.compile(r"\bpeople\b"), "individuals"),
    (re.compile(r"\bsymptoms\b"), "signs"),
    (re.compile(r"\bcondition\b"), "disorder"),
)


def light_edit(text: str, rng: random.Random) -> str:
    """A lightly edited copy: one or two word swaps and maybe a dropped sentence."""
    for pattern, replacement in rng.sample(_EDITS, 2):
        text = pattern.sub(replacement, text, count=1)
    sentences = text.split(". ")
    if len(sentences) > 3 and rng.random() < 0.5:
        del sentences[rng.randrange(1, len(sentences))]
    return ". ".join(sentences)


def scaled(document: Document, size: int, seed: int = 20240607) -> Document:
    """A corpus of ``size`` entries: the original, then lightly edited copies of it."""
    rng = random.Random(seed)
    base = document.entries
    entries = list(base[:size])
    copy = 0
    while len(entries) < size:
        copy += 1
        for entry in base:
            if len(entries) >= size:
                break
            answer = light_edit(entry.answer, rng) if entry.answer else ""
            question = entry.question if rng.random() < 0.5 else light_edit(entry.question, rng)
            entries.append(
                entry.model_copy(
                    update={
                        "id": f"{entry.id}~copy{copy}",
                        "question": question,
                        "answer": answer,
                        "paragraphs": [p for p in answer.split("\n\n") if p.strip()],
                    }
                )
            )
    return Document(path=document.path, format=document.format, entries=entries)
