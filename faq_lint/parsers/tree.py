"""Structured FAQ data (YAML, JSON, JSON-LD) as one kind of tree, turned into a Document.

The YAML and JSON parsers each build a tree of :class:`Node` records that keep the
file position of every value and, for strings, the decoded text mapped back to
the file (:class:`~faq_lint.parsers.mapped.Mapped`). :func:`document_from_tree`
then reads the shapes FAQ content comes in:

- a list of ``{question, answer, ...}`` mappings;
- a mapping with metadata keys (``title``, ``reviewed``, ``owner``, ``disclaimer``,
  ``references``) and the list under ``faqs``/``questions``/``entries``;
- schema.org ``FAQPage`` JSON-LD: ``mainEntity`` Questions whose
  ``acceptedAnswer.text`` is HTML (reduced to text, paragraphs kept), also inside
  an ``@graph`` or a list of JSON-LD objects.

Keys of an entry other than its question and answer go to ``Entry.metadata``
(for example ``lint-ignore: [FAQ101]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from faq_lint.models import Comment, Document, Entry, Format, ParseProblem, Reference
from faq_lint.parsers.common import IdMaker
from faq_lint.parsers.layout import (
    ANSWER_KEYS,
    DISCLAIMER_KEYS,
    LIST_KEYS,
    QUESTION_KEYS,
    REFERENCE_KEYS,
    apply_metadata,
    find_key,
    normalize_key,
    parse_reference_item,
    plain,
    scalar_text,
)
from faq_lint.parsers.mapped import Mapped, entry_from_mapped
from faq_lint.reading import ParseError

MAX_DEPTH = 100
EXTRA_ANSWER_KEYS = ("accepted_answer", "suggested_answer", "body", "content")
MAX_BAD_ITEMS_LISTED = 1


@dataclass
class Node:
    """One value of a YAML or JSON document with its file position (1-based)."""

    kind: str  # "map" | "seq" | "str" | "scalar"
    line: int
    column: int
    value: Any = None  # Python value of a scalar
    items: list[Node] = field(default_factory=list)
    pairs: dict[str, Node] = field(default_factory=dict)
    keys: dict[str, Node] = field(default_factory=dict)  # key nodes, for positions
    decode: Callable[[], Mapped] | None = None

    def get(self, key: str) -> Node | None:
        return self.pairs.get(key)

    def mapped(self) -> Mapped:
        """The text of a string (or scalar) value, mapped to the file."""
        if self.decode is not None:
            return self.decode()
        text = "" if self.value is None else str(plain(self.value))
        return Mapped.at(text, self.line, self.column)

    def text(self) -> str:
        if self.kind == "str":
            return str(self.value)
        return "" if self.value is None else str(plain(self.value))

    def python(self, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ParseError(
                f"the data is nested more than {MAX_DEPTH} levels deep",
                self.line,
                self.column,
                kind="shape",
            )
        if self.kind == "map":
            return {k: v.python(depth + 1) for k, v in self.pairs.items()}
        if self.kind == "seq":
            return [item.python(depth + 1) for item in self.items]
        return plain(self.value)


def _type_names(node: Node) -> list[str]:
    kind = node.get("@type")
    if kind is None:
        return []
    if kind.kind == "seq":
        return [item.text() for item in kind.items]
    return [kind.text()]


def _is_type(node: Node, *names: str) -> bool:
    wanted = {n.lower() for n in names}
    return any(t.split("/")[-1].split(":")[-1].lower() in wanted for t in _type_names(node))


def find_faq_pages(root: Node) -> list[Node]:
    """Every schema.org FAQPage (or QAPage) object: at the root, in ``@graph``, in a list."""
    found: list[Node] = []
    stack = [root]
    depth_guard = 0
    while stack and depth_guard < 10_000:
        depth_guard += 1
        node = stack.pop(0)
        if node.kind == "seq":
            stack.extend(item for item in node.items if item.kind in ("map", "seq"))
        elif node.kind == "map":
            if _is_type(node, "FAQPage", "QAPage") and node.get("mainEntity") is not None:
                found.append(node)
            graph = node.get("@graph")
            if graph is not None:
                stack.append(graph)
    return found


def _kind_name(node: Node) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    if node.kind == "str":
        return "a piece of text"
    if isinstance(node.value, bool):
        return "a true/false value"
    if node.value is None:
        return "an empty value"
    if isinstance(node.value, (int, float)):
        return "a number"
    return "a plain value"


@dataclass
class EntryBuilder:
    document: Document
    ids: IdMaker = field(default_factory=IdMaker)
    bad: list[tuple[str, int, int]] = field(default_factory=list)
    seen_ids: set[str] = field(default_factory=set)
    # HTML comments in HTML answers (suppressions: "<!-- faq-lint: ignore FAQ101 -->")
    html_comments: list[Comment] = field(default_factory=list)

    def problem(self, message: str, node: Node) -> None:
        self.bad.append((message, node.line, node.column))

    # --- entries -------------------------------------------------------------

    def add_entries(self, seq: Node, section: str | None = None) -> None:
        for index, item in enumerate(seq.items, start=1):
            if item.kind != "map":
                self.problem(
                    f"item {index} of the list is {_kind_name(item)}, not a question "
                    "with its answer",
                    item,
                )
                continue
            question_key = find_key(item.pairs, QUESTION_KEYS)
            if question_key is None:
                nested_key = find_key(item.pairs, LIST_KEYS)
                nested = item.pairs[nested_key] if nested_key else None
                if nested is not None and nested.kind == "seq":
                    title_key = find_key(item.pairs, ("title", "name", "section", "heading"))
                    title = item.pairs[title_key].text() if title_key else None
                    self.add_entries(nested, title or section)
                    continue
                # {"@type": "Question", "name": ...} or a CMS export's {"title", "body"}.
                has_answer = find_key(item.pairs, (*ANSWER_KEYS, *EXTRA_ANSWER_KEYS)) is not None
                if _is_type(item, "Question") or has_answer:
                    question_key = find_key(item.pairs, ("name", "title", "heading"))
            if question_key is None:
                self.problem(f"item {index} of the list has no 'question'", item)
                continue
            self.add_entry(item, question_key, section)

    def add_entry(self, item: Node, question_key: str, section: str | None) -> None:
        question_node = item.pairs[question_key]
        if question_node.kind in ("map", "seq"):
            self.problem("the question is not a piece of text", question_node)
            return
        answer_key = find_key(
            {k: v for k, v in item.pairs.items() if k != question_key},
            (*ANSWER_KEYS, *EXTRA_ANSWER_KEYS),
        )
        answer_node = item.pairs[answer_key] if answer_key else None
        answer = self.answer_text(answer_node) if answer_node is not None else None
        metadata = {
            key: value.python()
            for key, value in item.pairs.items()
            if key not in (question_key, answer_key)
        }
        if section and "section" not in metadata:
            metadata["section"] = section
        raw_id = item.get("id") or item.get("@id")
        id_text = raw_id.text() if raw_id is not None and raw_id.kind in ("str", "scalar") else None
        self.append_entry(question_node.mapped(), answer, metadata, id_text)

    def append_entry(
        self,
        question: Mapped,
        answer: Mapped | None,
        metadata: dict[str, Any],
        id_text: str | None,
    ) -> None:
        """Add an entry; ``id_text`` (the record's ``id``) becomes its id if not taken."""
        entry_id: str | None = None
        candidate = id_text.strip() if id_text is not None else ""
        if candidate and candidate not in self.seen_ids:
            entry_id = candidate
            self.seen_ids.add(candidate)
        self.document.entries.append(
            entry_from_mapped(self.ids, question, answer, metadata=metadata, entry_id=entry_id)
        )

    def answer_text(self, node: Node) -> Mapped | None:
        """An answer: a string, a list of paragraphs, or an Answer object with ``text``."""
        if node.kind == "str" or node.kind == "scalar":
            if node.value is None:
                return None
            mapped = node.mapped()
            if looks_like_html(mapped.text):
                return html_to_text(mapped, self.html_comments)
            return mapped
        if node.kind == "seq":
            parts: list[Mapped] = []
            for item in node.items:
                text = self.answer_text(item)
                if text is None or not text.text.strip():
                    continue
                if parts:
                    parts.append(Mapped("\n\n", []))
                parts.append(text)
            return Mapped.join(parts) if parts else None
        key = find_key(node.pairs, ("text", "answer", "body", "content", "value"))
        if key is not None:
            return self.answer_text(node.pairs[key])
        return None

    # --- JSON-LD -------------------------------------------------------------

    def add_faq_page(self, page: Node) -> None:
        main = page.get("mainEntity")
        if main is None:
            return
        questions = main.items if main.kind == "seq" else [main]
        for index, question in enumerate(questions, start=1):
            if question.kind != "map":
                self.problem(f"mainEntity item {index} is {_kind_name(question)}", question)
                continue
            name = question.get("name") or question.get("text")
            if name is None or name.kind not in ("str", "scalar"):
                self.problem(f"mainEntity item {index} has no 'name' (the question)", question)
                continue
            answer_node = question.get("acceptedAnswer") or question.get("suggestedAnswer")
            if answer_node is not None and answer_node.kind == "seq" and answer_node.items:
                answer_node = answer_node.items[0]
            answer = self.answer_text(answer_node) if answer_node is not None else None
            question_text = name.mapped()
            if looks_like_html(question_text.text):
                question_text = html_to_text(question_text)
            metadata = {
                key: value.python()
                for key, value in question.pairs.items()
                if key not in ("name", "acceptedAnswer", "suggestedAnswer", "@type")
                and not (key == "text" and name is question.get("text"))
            }
            self.document.entries.append(
                entry_from_mapped(self.ids, question_text, answer, metadata=metadata)
            )

    def finish(self) -> None:
        """Report the items that are not entries: a problem, or an error if nothing was."""
        if not self.bad:
            return
        message, line, column = self.bad[0]
        more = len(self.bad) - 1
        suffix = f" ({more} more like it)" if more else ""
        if not self.document.entries:
            raise ParseError(f"{message}{suffix}", line, column, kind="shape")
        self.document.problems.append(
            ParseProblem(kind="shape", message=f"{message}{suffix}", line=line, column=column)
        )

    # --- metadata ------------------------------------------------------------

    def metadata(self, mapping: Node, skip: set[str]) -> None:
        meta = {k: v.python() for k, v in mapping.pairs.items() if k not in skip}
        apply_metadata(self.document, meta)
        for key, value in mapping.pairs.items():
            norm = normalize_key(key)
            if norm in ("title", "name", "headline") and self.document.title_line is None:
                self.document.title_line = value.line
            if norm in DISCLAIMER_KEYS and self.document.disclaimer_line is None:
                self.document.disclaimer_line = value.line
        ref_key = find_key(mapping.pairs, REFERENCE_KEYS)
        if ref_key is not None and ref_key not in skip:
            node = mapping.pairs[ref_key]
            self.document.references.extend(references_from(node))
            self.document.references_line = mapping.keys[ref_key].line


def references_from(node: Node) -> list[Reference]:
    """References from a list of strings/mappings, a mapping of marker -> text, or a string."""
    result: list[Reference] = []
    if node.kind == "seq":
        for index, item in enumerate(node.items, start=1):
            result.extend(_reference(item, str(index)))
    elif node.kind == "map" and not _is_reference_object(node):
        for key, value in node.pairs.items():
            result.extend(_reference(value, key))
    else:
        result.extend(_reference(node, "1"))
    return result


def _is_reference_object(node: Node) -> bool:
    return find_key(node.pairs, ("text", "citation", "title", "name", "url")) is not None


def _reference(node: Node, default_marker: str) -> Iterator[Reference]:
    if node.kind in ("str", "scalar"):
        text = node.text().strip()
        if not text:
            return
        parsed = parse_reference_item(text)
        marker, body = parsed if parsed else (default_marker, text)
        yield Reference(marker=marker, text=body, line=node.line, column=node.column)
    elif node.kind == "map":
        marker_key = find_key(node.pairs, ("marker", "id", "number", "key", "label", "@id"))
        marker = node.pairs[marker_key].text() if marker_key else default_marker
        parts = []
        for key in ("author", "text", "citation", "title", "name", "publisher", "date", "url"):
            found = find_key(node.pairs, (key,))
            if found is not None:
                value = scalar_text(node.pairs[found].python())
                if value and value not in parts:
                    parts.append(value)
        if parts:
            yield Reference(
                marker=marker, text=". ".join(parts), line=node.line, column=node.column
            )


def looks_like_html(text: str) -> bool:
    return ("<" in text or "&" in text) and bool(_HTML_TAG.search(text))


def document_from_tree(
    root: Node | None,
    path: str,
    fmt: Format,
    comments: list[Comment] | None = None,
) -> Document:
    """Read a YAML/JSON tree as an FAQ document; a wrong shape raises :class:`ParseError`."""
    document = Document(path=path, format=fmt)
    if root is None:
        raise ParseError("the file holds no data", kind="shape")
    builder = EntryBuilder(document)
    pages = find_faq_pages(root)
    if pages:
        if fmt == "json":
            document.format = "jsonld"
        for page in pages:
            builder.metadata(page, {"mainEntity", "@context", "@type", "@graph"})
            builder.add_faq_page(page)
    elif root.kind == "seq":
        builder.add_entries(root)
    elif root.kind == "map":
        container = _container(root)
        if container is None:
            if find_key(root.pairs, QUESTION_KEYS) is not None:
                single = Node(kind="seq", line=root.line, column=root.column, items=[root])
                builder.add_entries(single)
            else:
                keys = ", ".join(list(root.pairs)[:6]) or "none"
                raise ParseError(
                    "no list of questions found: expected a list of question/answer "
                    f"items, or one under 'faqs', 'questions' or 'entries' (keys here: {keys})",
                    root.line,
                    root.column,
                    kind="shape",
                )
        else:
            holder, list_key = container
            if holder is not root:
                builder.metadata(root, {k for k, v in root.pairs.items() if v is holder})
            builder.metadata(holder, {list_key})
            builder.add_entries(holder.pairs[list_key])
    else:
        raise ParseError(
            f"the file holds {_kind_name(root)}, not a list of questions and answers",
            root.line,
            root.column,
            kind="shape",
        )
    builder.finish()
    assign_comments(document, [*(comments or []), *builder.html_comments])
    return document


def _container(root: Node) -> tuple[Node, str] | None:
    """The mapping that holds the list of entries and the key it is under."""
    key = find_key(root.pairs, LIST_KEYS)
    if key is not None and root.pairs[key].kind == "seq":
        return root, key
    # One level down: {"faq": {"title": ..., "questions": [...]}}
    for value in root.pairs.values():
        if value.kind == "map":
            inner = find_key(value.pairs, LIST_KEYS)
            if inner is not None and value.pairs[inner].kind == "seq":
                return value, inner
    return None


def assign_comments(document: Document, comments: list[Comment]) -> None:
    """Comments go to the entry whose lines they sit in (up to the next entry)."""
    starts = [e.question_position.line for e in document.entries]
    for comment in comments:
        owner: Entry | None = None
        for index, entry in enumerate(document.entries):
            end = starts[index + 1] if index + 1 < len(starts) else entry.end_line + 1
            if entry.question_position.line <= comment.line < end:
                owner = entry
                break
        if owner is None:
            document.comments.append(comment)
        else:
            owner.comments.append(comment)


# --- HTML answers (JSON-LD) --------------------------------------------------

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
_BLOCK_TAGS = {
    "p", "div", "section", "article", "ul", "ol", "table", "tr", "blockquote", "h1", "h2",
    "h3", "h4", "h5", "h6", "dl", "pre", "figure", "header", "footer", "hr",
}  # fmt: skip
_LINE_TAGS = {"br", "li", "dt", "dd", "td", "th"}
_SKIP_TAGS = {"script", "style", "template"}


class _TextExtractor(HTMLParser):
    def __init__(self, source: Mapped) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = [0]
        for index, char in enumerate(source.text):
            if char == "\n":
                self.starts.append(index + 1)
        self.parts: list[Mapped] = []
        self.skip = 0
        self.comments: list[Comment] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[min(line, len(self.starts)) - 1] + column

    def _break(self, text: str) -> None:
        self.parts.append(Mapped(text, []))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self._break("\n\n")
        elif tag in _LINE_TAGS:
            self._break("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break("\n\n")
        elif tag in _LINE_TAGS:
            self._break("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self._break("\n\n")
        elif tag in ("dd", "tr"):
            self._break("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        start = self._offset()
        self.parts.append(self.source.slice(start, start + len(data)).collapse_spaces())

    def _char(self, text: str) -> None:
        if self.skip:
            return
        line, column = self.source.position(self._offset())
        self.parts.append(Mapped.at(text, line, column))

    def handle_comment(self, data: str) -> None:
        line, column = self.source.position(self._offset())
        self.comments.append(Comment(text=data.strip(), line=line, column=column))

    def handle_entityref(self, name: str) -> None:
        self._char(unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._char(unescape(f"&#{name};"))


def html_to_text(source: Mapped, comments: list[Comment] | None = None) -> Mapped:
    """Reduce an HTML fragment to text: block tags become paragraph breaks, ``<br>``
    and list items line breaks, runs of spaces one space; positions are kept. The
    fragment's HTML comments (with their file positions) are added to ``comments``."""
    parser = _TextExtractor(source)
    parser.feed(source.text)
    parser.close()
    if comments is not None:
        comments.extend(parser.comments)
    return Mapped.join(parser.parts)
