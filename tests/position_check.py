"""Check that every reported line/column really points at the question and answer text."""

from __future__ import annotations

from faq_lint.models import Document


def _literal_prefix(text: str) -> str:
    """``text`` up to the first character a format may escape or decode."""
    for index, char in enumerate(text):
        if char in "\\\"'&<>\t" or ord(char) > 126:
            return text[:index]
    return text


def _at(lines: list[str], line: int, column: int) -> str:
    if not 1 <= line <= len(lines):
        return ""
    return lines[line - 1][column - 1 :]


def position_errors(document: Document, text: str) -> list[str]:
    """Anchors whose file text does not start with the text they stand for.

    Checks the question's first word run and every answer anchor's stretch (up
    to the next anchor, cut at the first line break, trailing blanks ignored).
    Text decoded from escapes (``\\n``, ``\\u00e9``, ``''``, ``&amp;``) cannot match the
    file verbatim, so a stretch is compared up to its first such character.
    """
    lines = text.split("\n")
    errors: list[str] = []
    for entry in document.entries:
        head = _literal_prefix(entry.question)[:30].split("  ")[0]
        found = _at(lines, entry.question_position.line, entry.question_position.column)
        if not found.startswith(head) and not (found and head.startswith(found.rstrip())):
            errors.append(
                f"question {entry.question!r} at {entry.question_position}: file has {found[:40]!r}"
            )
        anchors = entry.answer_anchors
        for index, anchor in enumerate(anchors):
            end = anchors[index + 1].offset if index + 1 < len(anchors) else len(entry.answer)
            stretch = entry.answer[anchor.offset : end].split("\n")[0].rstrip(" ")
            found = _at(lines, anchor.line, anchor.column)
            if stretch and not found.startswith(stretch):
                literal = _literal_prefix(stretch)
                if found.startswith(literal):
                    continue  # the stretch runs into a decoded escape
                errors.append(
                    f"answer of {entry.question!r}: anchor {anchor} stands for {stretch[:40]!r}"
                    f" but the file has {found[:40]!r}"
                )
    return errors
