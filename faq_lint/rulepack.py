"""Rule packs: rules declared as YAML data.

A rule pack is a folder of ``*.yaml`` files. Each file holds ``rules:``, a list of
rule declarations (code, name, category, default severity, message template,
rationale with its source standard, options with defaults, pass/fail examples)
that bind to a check kind implemented in :mod:`faq_lint.checks`. Word lists and
other data a rule needs live beside it in the pack and are named in its options.
Rule packs are data: they are read with a safe YAML loader and never run code.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from faq_lint.datacache import cached
from faq_lint.models import Category, Format, Severity
from faq_lint.safety import load_yaml, yaml_error


class RulePackError(Exception):
    """A rule pack that cannot be loaded: bad YAML, unknown keys, clashing codes."""


class RuleExample(BaseModel):
    """A failing or passing example, run by the test suite."""

    model_config = ConfigDict(extra="forbid")

    content: str = ""
    files: dict[str, str] = Field(
        default_factory=dict,
        description="Several files (name -> content) for corpus-wide rules, instead of content.",
    )
    format: Format = "text"
    options: dict[str, Any] = Field(default_factory=dict)
    count: int | None = Field(
        default=None, description="For failing examples: how many findings exactly."
    )
    contains: str | None = Field(
        default=None, description="For failing examples: text the message must contain."
    )
    note: str | None = None


class RuleExamples(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail: list[RuleExample] = Field(default_factory=list)
    pass_: list[RuleExample] = Field(default_factory=list, alias="pass")


class RuleSpec(BaseModel):
    """One rule as declared in a pack."""

    model_config = ConfigDict(extra="forbid")

    code: str
    name: str
    category: Category
    severity: Severity
    check: str = Field(description="The check kind this rule binds to.")
    summary: str = Field(description="What the rule checks, in one line.")
    message: str = Field(description="Message template; {placeholders} come from the check.")
    rationale: str
    source: str = Field(description="The health-communication standard the rule comes from.")
    fix: str = Field(description="How to fix a finding, in plain words.")
    options: dict[str, Any] = Field(default_factory=dict)
    option_docs: dict[str, str] = Field(default_factory=dict)
    enabled: bool = True
    examples: RuleExamples = Field(default_factory=RuleExamples)
    pack: str = ""
    pack_dir: str = ""

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not value[:1].isalpha() or not value.isalnum() or not value.isupper():
            raise ValueError(f"rule code {value!r} must be letters then digits, like FAQ101")
        return value

    def resolve_path(self, value: str) -> str:
        """A file named in an option, relative to the pack folder."""
        return value if os.path.isabs(value) else os.path.join(self.pack_dir, value)


class RulePackFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pack: str | None = None
    description: str | None = None
    rules: list[RuleSpec] = Field(default_factory=list)


def default_pack_dir() -> Path:
    """The default rule pack: inside the installed wheel, or ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "rules"
    if shipped.is_dir():
        return shipped
    return here.parent / "rules"


_RULES_KEY = re.compile(r"^rules\s*:", re.MULTILINE)


def _pack_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def _read_pack_file(path: Path) -> Any:
    """The YAML data of a pack file, or ``None`` for a word list or other data file."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if not _RULES_KEY.search(text):
        return None  # a word list or other data file: not parsed at start-up
    return load_yaml(text)


@lru_cache(maxsize=32)
def _load_pack_cached(folder: str, stamp: tuple[tuple[str, float], ...]) -> tuple[RuleSpec, ...]:
    del stamp  # part of the cache key only
    specs: list[RuleSpec] = []
    for path in _pack_files(Path(folder)):
        try:
            raw = cached("rule-pack", [str(path)], partial(_read_pack_file, path))
        except (OSError, yaml_error()) as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
            raise RulePackError(f"{where}: cannot read rule pack: {exc}") from exc
        if raw is None:
            continue
        if not isinstance(raw, dict) or "rules" not in raw:
            continue  # word lists and other data files live beside the rules
        try:
            pack = RulePackFile.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            message = f"{path}:1: invalid rule declaration at {loc}: {first['msg']}"
            raise RulePackError(message) from exc
        for spec in pack.rules:
            spec.pack = pack.pack or Path(folder).name
            spec.pack_dir = str(Path(folder))
            specs.append(spec)
    return tuple(specs)


def load_pack(folder: str | Path) -> list[RuleSpec]:
    """Load every rule of one pack folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RulePackError(f"{folder}: rule pack folder does not exist")
    stamp = tuple((str(p), p.stat().st_mtime) for p in _pack_files(folder))
    return [spec.model_copy() for spec in _load_pack_cached(str(folder.resolve()), stamp)]


def load_rules(extra_packs: list[str] | None = None) -> list[RuleSpec]:
    """The default pack plus users' packs; a later pack may override a rule by code."""
    by_code: dict[str, RuleSpec] = {}
    for spec in load_pack(default_pack_dir()):
        if spec.code in by_code:
            raise RulePackError(f"{spec.pack_dir}: rule code {spec.code} is declared twice")
        by_code[spec.code] = spec
    for folder in extra_packs or []:
        for spec in load_pack(folder):
            by_code[spec.code] = spec
    return sorted(by_code.values(), key=lambda s: s.code)
