"""YAML FAQ files, read safely (``yaml.SafeLoader`` only) with the position of every value.

The file is composed into nodes (which carry marks: line, column and character
offset), and every question and answer string is decoded again from the file's
own characters so that each character of the answer points at its place in the
file: plain and quoted scalars with their line folding and escapes, and ``|``/``>``
block scalars where each answer line maps to its own file line. When a scalar is
written in a way this decoder does not reproduce exactly, each answer line is
still found in the file (never a wrong text, at worst a coarser position).
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from faq_lint.models import Comment, Document
from faq_lint.parsers.mapped import LineIndex, Mapped
from faq_lint.parsers.tree import MAX_DEPTH, Node, document_from_tree
from faq_lint.reading import ParseError

MAX_NODES = 1_000_000
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
# Folding turns a blank line into one "\n"; the writer meant a new paragraph, so
# such breaks are marked while decoding and become "\n\n" in the answer text.
BLANK_BREAK = "\x00"
_BLANK_RUN = re.compile("\x00+")
_COMMENT_LINE = re.compile(r"^\s*#(.*)$")

_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_LENGTH = {"x": 2, "u": 4, "U": 8}


def _error_position(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return LineIndex(text).position(position)
    return 1, 1


def _error_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        message = f"{context}, {problem}" if context else str(problem)
    else:
        message = str(exc).split("\n")[0]
    context_mark = getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    if context_mark and problem_mark and context_mark.line != problem_mark.line:
        message += f" (it started on line {context_mark.line + 1})"
    return f"not valid YAML: {message}"


def _flow_depth_position(text: str) -> tuple[int, int]:
    """Where flow brackets nest deepest (to point at a file nested too deeply)."""
    depth = best = best_at = 0
    for index, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > best:
                best, best_at = depth, index
        elif char in "]}":
            depth = max(0, depth - 1)
    return LineIndex(text).position(best_at)


def _paragraphs(mapped: Mapped) -> Mapped:
    spans = [(m.start(), m.end(), "\n\n") for m in _BLANK_RUN.finditer(mapped.text)]
    return mapped.replace_spans(spans) if spans else mapped


class _Converter:
    """YAML nodes -> :class:`Node` records with decoded, position-mapped strings."""

    def __init__(self, text: str, loader: yaml.SafeLoader, line_offset: int = 0) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.loader = loader
        self.line_offset = line_offset
        self.memo: dict[int, Node] = {}

    def position(self, offset: int) -> tuple[int, int]:
        line, column = self.index.position(offset)
        return line + self.line_offset, column

    def convert_root(self, node: yaml.Node) -> Node:
        """Convert the document; aliases share one converted node, and a document
        whose aliases expand to more than ``MAX_NODES`` values is refused."""
        root = self.convert(node)
        sizes: dict[int, int] = {}

        def size(item: Node) -> int:
            key = id(item)
            if key not in sizes:
                children = item.items if item.kind == "seq" else list(item.pairs.values())
                sizes[key] = 1 + sum(size(child) for child in children)
            return sizes[key]

        if size(root) > MAX_NODES:
            raise ParseError(
                f"the file expands to more than {MAX_NODES:,} values (through YAML aliases);"
                " it was not read",
                root.line,
                root.column,
                kind="too-large",
            )
        return root

    def convert(self, node: yaml.Node, depth: int = 0) -> Node:
        known = self.memo.get(id(node))
        if known is not None:
            return known
        result = self._convert(node, depth)
        self.memo[id(node)] = result
        return result

    def _convert(self, node: yaml.Node, depth: int) -> Node:
        line, column = node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1
        if depth > MAX_DEPTH:
            raise ParseError(
                f"the data is nested more than {MAX_DEPTH} levels deep", line, column, kind="shape"
            )
        if isinstance(node, ScalarNode):
            try:
                value = self.loader.construct_object(node, deep=True)
            except (ValueError, OverflowError):
                value = node.value  # "9999-99-99", a 5,000-digit number: keep it as text
            if node.tag == STR_TAG or isinstance(value, str):
                return Node(
                    kind="str",
                    line=line,
                    column=column,
                    value=str(value),
                    decode=lambda n=node: self.scalar_mapped(n),  # type: ignore[misc]
                )
            return Node(
                kind="scalar",
                line=line,
                column=column,
                value=value,
                decode=lambda n=node: self.scalar_mapped(n),  # type: ignore[misc]
            )
        if node.tag not in yaml.SafeLoader.yaml_constructors:
            raise ParseError(
                f"not valid YAML here: the tag {node.tag} is not allowed (only plain YAML data)",
                line,
                column,
            )
        if isinstance(node, SequenceNode):
            return Node(
                kind="seq",
                line=line,
                column=column,
                items=[self.convert(item, depth + 1) for item in node.value],
            )
        assert isinstance(node, MappingNode)
        result = Node(kind="map", line=line, column=column)
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged = self.convert(value_node, depth + 1)
                merges.extend(merged.items if merged.kind == "seq" else [merged])
                continue
            key_value = self.loader.construct_object(key_node, deep=True)
            key = str(key_value) if not isinstance(key_value, (list, dict)) else str(key_value)
            result.keys[key] = self.convert(key_node, depth + 1)
            result.pairs[key] = self.convert(value_node, depth + 1)
        for merged in merges:
            for key, value in merged.pairs.items():
                result.pairs.setdefault(key, value)
                result.keys.setdefault(key, merged.keys.get(key, value))
        return result

    # --- scalar text mapped to the file --------------------------------------

    def scalar_mapped(self, node: ScalarNode) -> Mapped:
        value: str = node.value
        start, end = node.start_mark.index, node.end_mark.index
        style = node.style
        try:
            if style in ("|", ">"):
                mapped = self._block(start, end, style, value)
            elif style in ("'", '"'):
                mapped = self._flow(start + 1, end - 1, style)
            else:
                mapped = self._flow(start, end, None)
        except (IndexError, ValueError):
            mapped = None
        if mapped is not None and mapped.text.replace(BLANK_BREAK, "\n") == value:
            return _paragraphs(mapped)
        return self._fallback(start, end, value)

    def _decode_line(self, content: str, offset: int, style: str | None) -> Mapped:
        if style == "'":
            parts: list[Mapped] = []
            cursor = 0
            for match in re.finditer("''", content):
                parts.append(self._literal(content[cursor : match.start()], offset + cursor))
                parts.append(Mapped.at("'", *self.position(offset + match.start())))
                cursor = match.end()
            parts.append(self._literal(content[cursor:], offset + cursor))
            return Mapped.join(parts)
        if style == '"':
            return self._decode_double(content, offset)
        return self._literal(content, offset)

    def _literal(self, text: str, offset: int) -> Mapped:
        if not text:
            return Mapped("", [])
        return Mapped.at(text, *self.position(offset))

    def _decode_double(self, content: str, offset: int) -> Mapped:
        parts: list[Mapped] = []
        cursor = 0
        index = content.find("\\")
        while index != -1:
            parts.append(self._literal(content[cursor:index], offset + cursor))
            code = content[index + 1]
            if code in _HEX_LENGTH:
                length = _HEX_LENGTH[code]
                char = chr(int(content[index + 2 : index + 2 + length], 16))
                width = 2 + length
            else:
                char = _ESCAPES[code]
                width = 2
            parts.append(Mapped.at(char, *self.position(offset + index)))
            cursor = index + width
            index = content.find("\\", cursor)
        parts.append(self._literal(content[cursor:], offset + cursor))
        return Mapped.join(parts)

    def _flow(self, start: int, end: int, style: str | None) -> Mapped:
        """Plain and quoted scalars: lines are folded (one break -> space, n blank lines
        -> n newlines), leading/trailing blanks of inner lines dropped."""
        raw = self.text[start:end]
        lines = raw.split("\n")
        parts: list[Mapped] = []
        offset = start
        breaks = 0
        escaped_break = False
        last = len(lines) - 1
        for number, line in enumerate(lines):
            line_start = offset
            offset += len(line) + 1
            lead = len(line) - len(line.lstrip(" \t")) if number > 0 else 0
            stop = len(line.rstrip(" \t")) if number < last else len(line)
            content = line[lead:stop] if stop >= lead else ""
            next_escaped = False
            if style == '"' and number < last:
                body = line[lead:]
                slashes = len(body) - len(body.rstrip("\\"))
                if slashes % 2 == 1:
                    # A break escaped with "\": no space, and blanks before it are kept.
                    content = body[:-1]
                    next_escaped = True
            if number > 0:
                if not content and number < last:
                    breaks += 1
                    continue
                if breaks:
                    parts.append(Mapped(BLANK_BREAK * breaks, []))
                elif not escaped_break:
                    parts.append(Mapped(" ", []))
                breaks = 0
            escaped_break = next_escaped
            parts.append(self._decode_line(content, line_start + lead, style))
        return Mapped.join(parts)

    def _block(self, start: int, end: int, style: str, value: str) -> Mapped | None:
        raw = self.text[start:end]
        newline = raw.find("\n")
        if newline == -1:
            return Mapped("", [])
        header = raw[:newline]
        indicator = re.match(r"[|>]([+-]?)(\d?)([+-]?)", header)
        explicit = ""
        if indicator:
            explicit = indicator.group(2)
        body_start = start + newline + 1
        lines = raw[newline + 1 :].split("\n")
        indent = None
        if explicit:
            indent = None  # relative to the parent's indentation: detect instead
        for line in lines:
            if line.strip():
                indent = len(line) - len(line.lstrip(" "))
                break
        if indent is None:
            return Mapped("", [])
        pieces: list[tuple[str, Mapped | None]] = []  # (kind, text): kind "line"/"blank"
        offset = body_start
        for line in lines:
            if line.strip():
                pieces.append(("line", self._literal(line[indent:], offset + indent)))
            else:
                pieces.append(("blank", None))
            offset += len(line) + 1
        while pieces and pieces[-1][0] == "blank":
            pieces.pop()
        parts: list[Mapped] = []
        if style == "|":
            for number, (_kind, text) in enumerate(pieces):
                if number:
                    parts.append(Mapped("\n", []))
                if text is not None:
                    parts.append(text)
        else:
            previous: str | None = None  # "normal" | "more"
            blanks = 0
            for _kind, text in pieces:
                if text is None:
                    blanks += 1
                    continue
                this = "more" if text.text[:1] in (" ", "\t") else "normal"
                if previous is not None:
                    if previous == "normal" and this == "normal":
                        parts.append(Mapped(BLANK_BREAK * blanks if blanks else " ", []))
                    else:
                        parts.append(Mapped("\n" + BLANK_BREAK * blanks, []))
                parts.append(text)
                previous, blanks = this, 0
        content = Mapped.join(parts)
        decoded = content.text.replace(BLANK_BREAK, "\n")
        if value.startswith(decoded) and set(value[len(decoded) :]) <= {"\n"}:
            extra = value[len(decoded) :]
            return content + Mapped(extra, []) if extra else content
        return None

    def _fallback(self, start: int, end: int, value: str) -> Mapped:
        """Find each line of ``value`` in the file, in order; never changes the text.

        A line found verbatim is anchored exactly; otherwise the line is anchored
        where its first word is found.
        """
        raw = self.text[start:end]
        parts: list[Mapped] = []
        cursor = 0
        for number, line in enumerate(value.split("\n")):
            if number:
                parts.append(Mapped("\n", []))
            stripped = line.strip()
            if not stripped:
                continue
            lead = len(line) - len(line.lstrip())
            found = raw.find(stripped, cursor)
            length = len(stripped)
            if found == -1:
                word = stripped.split()[0]
                found = raw.find(word, cursor)
                length = len(word)
            if found == -1:
                parts.append(Mapped.at(line, *self.position(start + cursor)))
                continue
            line_no, column = self.position(start + found)
            cursor = found + length
            parts.append(Mapped.at(line, line_no, max(1, column - lead)))
        return Mapped.join(parts) if parts else Mapped.at("", *self.position(start))


def load_tree(text: str, line_offset: int = 0) -> Node | None:
    """Compose ``text`` safely and convert it; YAML errors raise :class:`ParseError`."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:  # the reader refuses control characters up front
        line, column = _error_position(exc, text)
        raise ParseError(_error_message(exc), line + line_offset, column) from exc
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        return _Converter(text, loader, line_offset).convert_root(root)
    except yaml.YAMLError as exc:
        line, column = _error_position(exc, text)
        raise ParseError(_error_message(exc), line + line_offset, column) from exc
    except RecursionError as exc:
        line, column = _flow_depth_position(text)
        raise ParseError(
            "the data is nested too deeply to read", line + line_offset, column, kind="shape"
        ) from exc
    finally:
        loader.dispose()


def yaml_comments(text: str, skip: list[tuple[int, int]] | None = None) -> list[Comment]:
    """Whole-line ``#`` comments (outside multi-line strings), kept for suppressions."""
    comments: list[Comment] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _COMMENT_LINE.match(line)
        if not match:
            continue
        if skip and any(first <= number <= last for first, last in skip):
            continue
        comments.append(
            Comment(text=match.group(1).strip(), line=number, column=line.index("#") + 1)
        )
    return comments


def _string_spans(root: Node | None) -> list[tuple[int, int]]:
    """Line ranges of multi-line strings, where a ``#`` line is text, not a comment."""
    spans: list[tuple[int, int]] = []
    stack = [root] if root else []
    while stack:
        node = stack.pop()
        if node.kind == "map":
            stack.extend(node.pairs.values())
        elif node.kind == "seq":
            stack.extend(node.items)
        elif node.kind == "str" and node.decode is not None and "\n" in node.text():
            mapped = node.mapped()
            last_line, _ = mapped.position(max(0, len(mapped.text) - 1))
            spans.append((node.line, last_line))
    return spans


def parse_yaml(text: str, path: str) -> Document:
    """Parse a YAML FAQ file."""
    root = load_tree(text)
    if root is None:
        raise ParseError("the YAML file holds no data", kind="shape")
    comments = yaml_comments(text, _string_spans(root))
    return document_from_tree(root, path, "yaml", comments)
