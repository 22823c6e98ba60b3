"""JSON FAQ files (a list of questions, a mapping with metadata, or schema.org
FAQPage JSON-LD), with the file position of every value.

``json.loads`` checks the file and reports its own line and column for malformed
JSON. A small scan of the raw text (a regular expression per token, no
recursion) finds where each value starts and limits the nesting depth, so a
file nested thousands of levels deep is a finding, not a crash. String values
are decoded from their own characters, so every character of an answer (also
after ``\\n`` or ``\\u00e9`` escapes) points at its place in the file.
"""

from __future__ import annotations

import json
import re

from faq_lint.models import Document
from faq_lint.parsers.mapped import LineIndex, Mapped
from faq_lint.parsers.tree import MAX_DEPTH, Node, document_from_tree
from faq_lint.reading import ParseError

_TOKEN = re.compile(
    r'[ \t\n\r]*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([{}\[\]:,])|([^ \t\n\r{}\[\]:,"]+))', re.DOTALL
)
_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.",
    re.DOTALL,
)


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
FLAT_PAIR = re.compile(
    r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*:[ \t]*'
    rf"(?:({_STRING})|(-?[0-9][^,}}\s]*|true|false|null))"
    r"[ \t]*([,}])",
    re.DOTALL,
)


class _Inconsistent(Exception):
    """The scan met something ``json.loads`` will report properly."""


def decode_string(token: str, offset: int, where: LineIndex, line_offset: int = 0) -> Mapped:
    """The value of a JSON string token at ``offset``, mapped to file positions."""
    body = token[1:-1]
    start = offset + 1

    def at(index: int) -> tuple[int, int]:
        line, column = where.position(start + index)
        return line + line_offset, column

    if "\\" not in body:
        return Mapped.at(body, *at(0))
    parts: list[Mapped] = []
    cursor = 0
    for match in _ESCAPE.finditer(body):
        if match.start() > cursor:
            parts.append(Mapped.at(body[cursor : match.start()], *at(cursor)))
        parts.append(Mapped.at(json.loads(f'"{match.group()}"'), *at(match.start())))
        cursor = match.end()
    if cursor < len(body):
        parts.append(Mapped.at(body[cursor:], *at(cursor)))
    return Mapped.join(parts)


# The common escapes, decoded as json.loads decodes them (without a call per escape).
_SIMPLE_ESCAPES = {
    "\\n": "\n",
    "\\t": "\t",
    "\\r": "\r",
    '\\"': '"',
    "\\\\": "\\",
    "\\/": "/",
    "\\b": "\b",
    "\\f": "\f",
}


def decode_on_line(token: str, offset: int, line: int) -> Mapped:
    """:func:`decode_string` for a token on one line (``offset`` is its 0-based column),
    such as a JSON Lines record: the same text and anchors, made directly."""
    body = token[1:-1]
    column = offset + 2  # 1-based column of the first character after the quote
    if "\\" not in body:
        return Mapped(body, [(0, line, column)])
    texts: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    length = 0
    cursor = 0
    for match in _ESCAPE.finditer(body):
        begin = match.start()
        if begin > cursor:
            texts.append(body[cursor:begin])
            anchors.append((length, line, column + cursor))
            length += begin - cursor
        escape = match.group()
        decoded = _SIMPLE_ESCAPES.get(escape) or json.loads(f'"{escape}"')
        texts.append(decoded)
        anchors.append((length, line, column + begin))
        length += len(decoded)
        cursor = match.end()
    if cursor < len(body):
        texts.append(body[cursor:])
        anchors.append((length, line, column + cursor))
    return Mapped("".join(texts), anchors)


def scan(text: str, line_offset: int = 0, max_depth: int = MAX_DEPTH) -> Node | None:
    """Build the position tree of valid JSON ``text`` without recursion.

    Raises :class:`ParseError` when containers nest deeper than ``max_depth``
    (with the line and column of the bracket that goes too deep); returns None if
    the text is not consistent JSON (the caller lets ``json.loads`` explain).
    """
    where = LineIndex(text)
    stack: list[Node] = []
    pending: list[str | None] = []  # per open mapping: the key waiting for its value
    root: Node | None = None
    position = 0
    length = len(text)

    def place(node: Node) -> None:
        nonlocal root
        if not stack:
            if root is not None:
                raise _Inconsistent
            root = node
            return
        parent = stack[-1]
        if parent.kind == "seq":
            parent.items.append(node)
            return
        key = pending[-1]
        if key is None:
            raise _Inconsistent
        parent.pairs[key] = node
        pending[-1] = None

    try:
        while position < length:
            match = _TOKEN.match(text, position)
            if match is None:
                if text[position:].strip():
                    raise _Inconsistent
                break
            position = match.end()
            string, punct, literal = match.groups()
            start = match.start(1) if string else match.start(2) if punct else match.start(3)
            line, column = where.position(start)
            line += line_offset
            if punct in ("{", "["):
                if len(stack) >= max_depth:
                    raise ParseError(
                        f"the data is nested more than {max_depth} levels deep",
                        line,
                        column,
                        kind="shape",
                    )
                node = Node(kind="map" if punct == "{" else "seq", line=line, column=column)
                place(node)
                stack.append(node)
                pending.append(None)
            elif punct in ("}", "]"):
                if not stack:
                    raise _Inconsistent
                stack.pop()
                pending.pop()
            elif punct:
                continue
            elif string is not None:
                parent = stack[-1] if stack else None
                if parent is not None and parent.kind == "map" and pending[-1] is None:
                    key = json.loads(string)
                    pending[-1] = key
                    parent.keys[key] = Node(kind="str", line=line, column=column, value=key)
                    continue
                token, token_start = string, start
                place(
                    Node(
                        kind="str",
                        line=line,
                        column=column,
                        value=json.loads(token),
                        decode=lambda t=token, s=token_start: decode_string(  # type: ignore[misc]
                            t, s, where, line_offset
                        ),
                    )
                )
            else:
                value = json.loads(literal)
                place(Node(kind="scalar", line=line, column=column, value=value))
    except (_Inconsistent, ValueError, IndexError):
        return None
    if stack:
        return None
    return root


def scan_flat_object(line: str, value: object, line_offset: int = 0) -> Node | None:
    """Fast path for a one-line object of strings, numbers and nulls (a JSON Lines record).

    Returns None when the record has nested values; use :func:`scan` then.
    """
    if not isinstance(value, dict) or any(isinstance(v, (dict, list)) for v in value.values()):
        return None
    start = line.find("{")
    if start == -1:
        return None
    where = LineIndex(line)
    node = Node(kind="map", line=1 + line_offset, column=start + 1)
    for match in FLAT_PAIR.finditer(line, start + 1):
        raw_key, string, _literal, _end = match.groups()
        key = json.loads(f'"{raw_key}"') if "\\" in raw_key else raw_key
        if key not in value:
            return None
        node.keys[key] = Node(kind="str", line=1 + line_offset, column=match.start() + 1, value=key)
        column = (match.start(2) if string is not None else match.start(3)) + 1
        if string is not None:
            token, token_start = string, match.start(2)
            node.pairs[key] = Node(
                kind="str",
                line=1 + line_offset,
                column=column,
                value=value[key],
                decode=lambda t=token, s=token_start: decode_string(  # type: ignore[misc]
                    t, s, where, line_offset
                ),
            )
        else:
            node.pairs[key] = Node(
                kind="scalar", line=1 + line_offset, column=column, value=value[key]
            )
    if len(node.pairs) != len(value):
        return None
    return node


def json_message(exc: json.JSONDecodeError) -> str:
    """``json``'s message; "Unterminated string starting at" gets its place."""
    if exc.msg.endswith(" at"):
        return f"{exc.msg} column {exc.colno}"
    return exc.msg


_LONG_NUMBER = re.compile(r"\d{4000,}")


def too_long_number(text: str, line_offset: int = 0) -> ParseError:
    """The error for a number too long for Python to read, at the number's place."""
    found = _LONG_NUMBER.search(text)
    offset = found.start() if found else 0
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return ParseError(
        "a number in the file has thousands of digits; it cannot be read as a number",
        line + line_offset,
        column,
    )


def load_json(text: str, line_offset: int = 0) -> Node:
    """Check and scan a JSON text; malformed JSON raises :class:`ParseError`."""
    root = scan(text, line_offset)
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {json_message(exc)}"
        raise ParseError(message, exc.lineno + line_offset, exc.colno) from exc
    except RecursionError as exc:  # pragma: no cover - scan() limits depth first
        raise ParseError("the data is nested too deeply to read", kind="shape") from exc
    except ValueError as exc:  # Python reads integers of at most 4,300 digits
        raise too_long_number(text, line_offset) from exc
    if root is None:
        raise ParseError("not valid JSON", 1 + line_offset, 1)
    return root


def parse_json(text: str, path: str) -> Document:
    """Parse a JSON or JSON-LD FAQ file."""
    root = load_json(text)
    fmt = "jsonld" if path.lower().endswith(".jsonld") else "json"
    return document_from_tree(root, path, fmt)  # type: ignore[arg-type]
