"""Rule documentation from the rule packs: ``--list-rules``, ``--explain CODE`` and docs/rules.md.

Everything here is generated from the rules' YAML (summary, rationale, source
standard, fix, options, examples), so the command line, the generated page and the
rules themselves never disagree.

    python -m faq_lint.docs            # rewrite docs/rules.md
    python -m faq_lint.docs --check    # exit 1 if docs/rules.md is stale
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from faq_lint.rulepack import RuleExample, RuleSpec, load_rules

DOCS_FILE = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
WIDTH = 88
FENCE_LANG = {
    "text": "text",
    "markdown": "markdown",
    "yaml": "yaml",
    "json": "json",
    "jsonld": "json",
    "jsonl": "json",
    "csv": "csv",
}


def toml_value(value: Any) -> str:
    """A default as it would be written in ``[tool.faq-lint.rules.CODE]``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


def find_rule(specs: Sequence[RuleSpec], wanted: str) -> RuleSpec | None:
    """A rule by code (any case) or name."""
    for spec in specs:
        if spec.code == wanted.upper() or spec.name == wanted:
            return spec
    return None


# --- --list-rules -------------------------------------------------------------------------


def list_rules(specs: Sequence[RuleSpec]) -> str:
    """One line per rule: code, name, category, default severity, summary."""
    if not specs:
        return "No rules.\n"
    name_width = max(len(s.name) for s in specs)
    category_width = max(len(s.category) for s in specs)
    lines = []
    for spec in specs:
        off = "" if spec.enabled else " (off by default)"
        lines.append(
            f"{spec.code:<7} {spec.name:<{name_width}}  {spec.category:<{category_width}}  "
            f"{spec.severity:<7}  {spec.summary}{off}"
        )
    return "\n".join(lines) + "\n"


def rules_json(specs: Sequence[RuleSpec]) -> str:
    rows = [
        {
            "code": s.code,
            "name": s.name,
            "category": s.category,
            "severity": s.severity,
            "enabled": s.enabled,
            "summary": s.summary,
        }
        for s in specs
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


# --- --explain ----------------------------------------------------------------------------


def _para(text: str, indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        lines.extend(
            textwrap.wrap(
                " ".join(paragraph.split()),
                WIDTH,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [indent.rstrip()]
        )
    return lines


def _example_files(example: RuleExample) -> list[tuple[str | None, str]]:
    if example.files:
        return [(name, content) for name, content in example.files.items()]
    return [(None, example.content)]


def _example_text(kind: str, example: RuleExample) -> list[str]:
    label = f"Example that {kind} ({example.format}"
    if example.options:
        label += "; options " + ", ".join(
            f"{k} = {toml_value(v)}" for k, v in example.options.items()
        )
    lines = [label + "):"]
    if example.note:
        lines.extend(_para(example.note))
    for name, content in _example_files(example):
        if name:
            lines.append(f"  {name}:")
        lines.extend(f"  | {line}".rstrip() for line in content.rstrip("\n").split("\n"))
    return lines


def _suppress_lines(code: str) -> list[str]:
    return [
        f"  Markdown/HTML, inside the entry:  <!-- faq-lint: ignore {code} -->",
        f"  Plain text, inside the entry:     # faq-lint: ignore {code}",
        f"  YAML/JSON entry key:              lint-ignore: [{code}]",
        f"  Whole page (Markdown):            <!-- faq-lint: ignore-file {code} -->",
        f'  Whole folder (configuration):     per-file-ignores = {{"data/old/*" = ["{code}"]}}',
    ]


def explain(spec: RuleSpec) -> str:
    """The rule's documentation for the terminal."""
    on = "on by default" if spec.enabled else "off by default (turn on with --select)"
    lines = [
        f"{spec.code}  {spec.name}",
        f"  category: {spec.category}; default severity: {spec.severity}; {on}",
        "",
        "What it checks",
        *_para(spec.summary),
        "",
        "Why it matters",
        *_para(spec.rationale),
        "",
        "Standard it comes from",
        *_para(spec.source),
        "",
        "How to fix",
        *_para(spec.fix),
    ]
    for kind, examples in (("fails", spec.examples.fail), ("passes", spec.examples.pass_)):
        if examples:
            lines += ["", *_example_text(kind, examples[0])]
    lines += ["", f"Options (set them in [tool.faq-lint.rules.{spec.code}])"]
    if spec.options:
        for name, value in spec.options.items():
            lines.append(f"  {name} = {toml_value(value)}")
            if name in spec.option_docs:
                lines.extend(_para(spec.option_docs[name], indent="      "))
    else:
        lines.append("  none")
    lines.append(f'  severity = "{spec.severity}"')
    lines.extend(
        _para("Changes how serious the rule's findings are (error, warning or info).", "      ")
    )
    lines += ["", "Silence one finding", *_suppress_lines(spec.code)]
    return "\n".join(lines) + "\n"


# --- docs/rules.md ------------------------------------------------------------------------


def _fence(content: str, lang: str) -> list[str]:
    ticks = "```"
    while ticks in content:
        ticks += "`"
    return [f"{ticks}{lang}", content.rstrip("\n"), ticks]


def _md_example(kind: str, example: RuleExample) -> list[str]:
    title = f"**Fails** ({example.format})" if kind == "fail" else f"**Passes** ({example.format})"
    if example.options:
        title += " with " + ", ".join(
            f"`{k} = {toml_value(v)}`" for k, v in example.options.items()
        )
    lines = [title + (f": {' '.join(example.note.split())}" if example.note else ""), ""]
    for name, content in _example_files(example):
        if name:
            lines += [f"`{name}`:", ""]
        lines += [*_fence(content, FENCE_LANG.get(example.format, "text")), ""]
    return lines


def _md_text(text: str) -> str:
    return " ".join(text.split())


def _anchor(spec: RuleSpec) -> str:
    return f"{spec.code.lower()}-{spec.name}"


def rules_markdown(specs: Sequence[RuleSpec]) -> str:
    """docs/rules.md: an index by category, then every rule's documentation."""
    lines = [
        "# faq-lint rules",
        "",
        "<!-- Generated from the rule packs by `python -m faq_lint.docs`; do not edit by hand. -->",
        "",
        "Every rule, generated from its YAML in `rules/`. On the command line, "
        "`faq-lint --list-rules` lists them and `faq-lint --explain CODE` shows one. Options "
        "are set per rule in `[tool.faq-lint.rules.CODE]`, for example "
        '`[tool.faq-lint.rules.FAQ003]` then `severity = "warning"`. '
        "One finding is silenced with `<!-- faq-lint: ignore CODE -->` in the entry "
        "(Markdown), a line `# faq-lint: ignore CODE` (plain text) or a `lint-ignore: [CODE]` "
        "key (YAML/JSON).",
        "",
        "| code | name | category | severity | checks |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in sorted(specs, key=lambda s: s.code):
        off = " (off by default)" if not spec.enabled else ""
        summary = _md_text(spec.summary).replace("|", "\\|")
        lines.append(
            f"| [{spec.code}](#{_anchor(spec)}) | {spec.name} | {spec.category} | "
            f"{spec.severity} | {summary}{off} |"
        )
    for spec in sorted(specs, key=lambda s: s.code):
        lines += [
            "",
            f"## {spec.code} {spec.name}",
            "",
            f"*Category* {spec.category} · *default severity* {spec.severity} · "
            + ("on by default" if spec.enabled else "off by default"),
            "",
            _md_text(spec.summary),
            "",
            f"**Why.** {_md_text(spec.rationale)}",
            "",
            f"**Source.** {_md_text(spec.source)}",
            "",
            f"**How to fix.** {_md_text(spec.fix)}",
            "",
        ]
        if spec.options:
            lines += ["| option | default | meaning |", "| --- | --- | --- |"]
            for name, value in spec.options.items():
                doc = _md_text(spec.option_docs.get(name, "")).replace("|", "\\|")
                default = toml_value(value).replace("|", "\\|")
                lines.append(f"| `{name}` | `{default}` | {doc} |")
            lines.append("")
        for example in spec.examples.fail[:1]:
            lines += _md_example("fail", example)
        for example in spec.examples.pass_[:1]:
            lines += _md_example("pass", example)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m faq_lint.docs", description="Generate docs/rules.md from the rule packs."
    )
    parser.add_argument("--output", default=str(DOCS_FILE), help="file to write")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = rules_markdown(load_rules())
    target = Path(args.output)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            sys.stderr.write(f"{target} is stale: run 'python -m faq_lint.docs'\n")
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {target}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
