"""Rule packs: rules declared as YAML data.

A rule pack is a folder of ``*.yaml`` files. Each file holds ``rules:``, a list of
rule declarations (code, name, category, default severity, message template,
rationale with its source standard, options with defaults, pass/fail examples)
that bind to a check kind implemented in :mod:`faq_lint.checks`. Word lists and
other data a rule needs live beside it in the pack and are named in its options.
Rule packs are data: they are read with a safe YAML loader and never run code.
"""

from __future__ import annotations

import hashlib
import json
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

    def option_problem(self, name: str, value: Any) -> str | None:
        """Why ``value`` cannot be this rule's option ``name`` (its type is that of the
        declared default), or None when it can. Says what it must be, in plain words."""
        default = self.options.get(name)
        if default is None:
            return None  # no default: the check decides (e.g. a target left to the project)
        wanted = _option_kind(default)
        example = f" (the default is {toml_value(default)})"
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(default, float):
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        elif isinstance(default, str):
            # "auto" is a third choice beside true and false (day-first = auto)
            ok = isinstance(value, str) or (default == "auto" and isinstance(value, bool))
            if default == "auto":
                wanted = 'true, false or "auto"'
                example = ""
        elif isinstance(default, dict):
            ok = isinstance(value, dict)
        elif isinstance(default, list):
            kinds = {type(item) for item in default}
            ok = isinstance(value, list) and (
                len(kinds) != 1 or all(isinstance(item, next(iter(kinds))) for item in value)
            )
        else:
            return None
        return None if ok else f"it must be {wanted}{example}"

    def resolve_path(self, value: str) -> str:
        """A file named in an option, relative to the pack folder."""
        return value if os.path.isabs(value) else os.path.join(self.pack_dir, value)


def _option_kind(default: Any) -> str:
    """What an option takes, in plain words, from its default."""
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, str):
        return 'text in quotes ("...")'
    if isinstance(default, dict):
        return "a table (key = value pairs)"
    if isinstance(default, list):
        kinds = {type(item) for item in default}
        if kinds == {str}:
            return 'a list of texts, like ["one", "two"]'
        if kinds == {dict}:
            return "a list of tables"
        return "a list [...]"
    return "a value"


def toml_value(value: Any) -> str:
    """A short TOML-like rendering of a default."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False)
        if len(text) <= 40:
            return text
        return "[...]" if isinstance(value, list) else "{...}"
    return str(value)


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
def _load_pack_cached(
    folder: str, stamp: tuple[tuple[str, int, int, str], ...]
) -> tuple[RuleSpec, ...]:
    # a project's pack (hashed in the stamp) is read as it is now: the data cache goes
    # by size and time, which two quick edits can leave unchanged
    own = any(digest for _path, _size, _time, digest in stamp)
    specs: list[RuleSpec] = []
    for path in _pack_files(Path(folder)):
        try:
            read = partial(_read_pack_file, path)
            raw = read() if own else cached("rule-pack", [str(path)], read)
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
    return [spec.model_copy() for spec in _load_pack_cached(str(folder.resolve()), _stamp(folder))]


def _stamp(folder: Path) -> tuple[tuple[str, int, int, str], ...]:
    """Which state of a pack's files: size and time, and for a project's own pack (edited
    by hand, maybe twice within one tick of the file system's clock) a hash of each."""
    own = folder.resolve() != default_pack_dir().resolve()
    stamp: list[tuple[str, int, int, str]] = []
    for path in _pack_files(folder):
        info = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if own else ""
        stamp.append((str(path), info.st_size, info.st_mtime_ns, digest))
    return tuple(stamp)


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
