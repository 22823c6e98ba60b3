"""Configuration: ``[tool.faq-lint]`` in pyproject.toml, ``faq-lint.toml`` or ``--config FILE``.

Keys are kebab-case, as in ruff. Unknown keys and wrong types are errors that name
the key and the file.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from faq_lint.models import CATEGORIES, SEVERITIES, Severity
from faq_lint.reading import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from faq_lint.rulepack import RuleSpec

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILES = ("faq-lint.toml", ".faq-lint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the key and the file."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """Validated configuration."""

    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)

    paths: list[str] = Field(default_factory=lambda: ["data/"])
    exclude: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    fail_on: Severity = "warning"
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per-rule options by code or name, e.g. {FAQ201 = {target-grade = 6}}; "
        "the key 'severity' overrides the rule's severity.",
    )
    rule_packs: list[str] = Field(default_factory=list)
    target_grade: float = Field(default=8.0, description="Project-wide readability target.")
    locale: str = "en-US"
    words: list[str] = Field(
        default_factory=list, description="The project's own word lists (text files)."
    )
    max_file_size: int = DEFAULT_MAX_BYTES
    baseline: str | None = None
    cache: bool = True
    cache_dir: str = ".faq-lint-cache"
    jobs: int = Field(
        default=0,
        ge=0,
        description="Processes for the per-file rules: 0 = one per core (used only when a "
        "run is big enough to gain from it), 1 = a single process.",
    )

    # Not a key users write: where the configuration came from.
    source: str | None = Field(default=None, exclude=True)
    root: str = Field(default=".", exclude=True)


def find_config_file(start: str | Path | None = None) -> Path | None:
    """Walk up from ``start`` (the working directory) to the first config file.

    ``pyproject.toml`` counts only when it has a ``[tool.faq-lint]`` table.
    """
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                with open(candidate, "rb") as handle:
                    data = tomllib.load(handle)
            except OSError:
                continue
            except tomllib.TOMLDecodeError as exc:
                # it may hold [tool.faq-lint]: never lint with some other configuration
                raise ConfigError(_toml_error(candidate, exc)) from exc
            except UnicodeDecodeError as exc:
                raise ConfigError(f"{candidate}:1: {_NOT_UTF8}") from exc
            tool = data.get("tool", {})
            if isinstance(tool, dict) and "faq-lint" in tool:
                return candidate
    return None


_NOT_UTF8 = "this configuration file is not UTF-8 text; save it as UTF-8"


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """One line naming the file, the line and what TOML found wrong there."""
    message = str(exc).splitlines()[0] if str(exc) else "not valid TOML"
    found = re.search(r"\(at line (\d+), column \d+\)", message)
    line = found.group(1) if found else "1"
    message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", message)
    return (
        f"{path}:{line}: this configuration file is not valid TOML ({message}); "
        "fix it so faq-lint can read its settings"
    )


def _table_of(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(path, exc)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:1: {_NOT_UTF8}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("faq-lint", {})
    else:
        table = data.get("tool", {}).get("faq-lint", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.faq-lint] must be a table")
    return table


def _line_of_key(path: Path, key: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(key) and stripped[len(key) :].lstrip().startswith(("=", ".")):
            return number
    return 1


def config_from_table(table: dict[str, Any], source: Path | None) -> Config:
    """Validate a ``[tool.faq-lint]`` table."""
    try:
        config = Config.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        where = f"{source}:{_line_of_key(source, key.split('.')[0])}" if source else "config"
        if first["type"] == "extra_forbidden":
            raise ConfigError(f"{where}: unknown configuration key '{key}'") from exc
        raise ConfigError(f"{where}: configuration key '{key}' is invalid: {first['msg']}") from exc
    config.source = str(source) if source else None
    config.root = str(source.parent) if source else os.getcwd()
    if source is not None:
        _refuse_outside_paths(config, source)
    return config


def _where(config: Config, *keys: str) -> str:
    """``file:line`` of a key (the first of ``keys`` found), or "configuration"."""
    if not config.source:
        return "configuration"
    source = Path(config.source)
    return f"{source}:{_line_of_keys(source, keys)}"


def _line_of_keys(path: Path, keys: Sequence[str]) -> int:
    """The line of the last of ``keys`` found in order: a table header ``[rules.X]``
    (or ``rules.X``, ``X = {...}``) and then a key inside it. Best effort; 1 when not found."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    start, found = 0, 0
    for key in keys:
        bare = key.strip('"')
        pattern = re.compile(
            r"^\s*(?:\[+\s*)?(?:tool\.faq-lint\.)?(?:[\w-]+\.)*[\"']?"
            + re.escape(bare)
            + r"[\"']?\s*(?:[=.\]])"
        )
        for number in range(start, len(lines)):
            if pattern.match(lines[number]):
                start = number + 1
                found = number + 1
                break
    return found or 1


def check_settings(config: Config) -> None:
    """Mistakes that need no rule pack to see: a severity that does not exist, a word
    list that is not there."""
    for key, table in config.rules.items():
        if not isinstance(table, dict):
            continue
        severity = table.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise ConfigError(
                f"{_where(config, f'rules.{key}', key, 'severity')}: [rules.{key}] severity "
                f"is {severity!r}, which is no severity; use one of {', '.join(SEVERITIES)}"
            )
    for words in config.words:
        path = os.path.join(config.root, words)
        if not os.path.isfile(path):
            what = "a folder, not a file" if os.path.isdir(path) else "not there"
            raise ConfigError(
                f"{_where(config, 'words')}: 'words' names the word list '{words}', which is "
                f"{what}; create it (one word a line) or take it out of 'words'"
            )


def _did_you_mean(name: str, specs: Sequence[RuleSpec], *, categories: bool = True) -> str:
    codes = [s.code for s in specs]
    names = [s.name for s in specs] + (list(CATEGORIES) if categories else [])
    close = difflib.get_close_matches(name.upper(), codes, n=1, cutoff=0.6)
    close += difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.6)
    if not close:
        return "; 'faq-lint --list-rules' lists every rule"
    return f"; did you mean {close[0]}? ('faq-lint --list-rules' lists every rule)"


def _selects_something(selector: str, specs: Sequence[RuleSpec], allow_all: bool) -> bool:
    """Whether a selector (code, code prefix, name, category; ALL) names any rule, as
    the engine reads selectors."""
    if allow_all and selector.upper() == "ALL":
        return True
    return any(
        s.code.startswith(selector.upper()) or selector in (s.name, s.category) for s in specs
    )


def check_rule_names(
    config: Config,
    specs: Sequence[RuleSpec],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> None:
    """Every rule named - ``--select``/``--ignore``, ``select``, ``extend-select``,
    ``ignore``, ``[rules.X]``, ``per-file-ignores`` - is a rule of the packs in use,
    and every per-rule option is one the rule has, of the type it takes."""
    given: list[tuple[str, str | None, Iterable[str] | None]] = [
        ("--select", None, select),
        ("--ignore", None, ignore),
        ("select", "select", config.select),
        ("extend-select", "extend-select", config.extend_select),
        ("ignore", "ignore", config.ignore),
    ]
    for label, key, selectors in given:
        for selector in selectors or []:
            selector = selector.strip()
            if selector and not _selects_something(selector, specs, allow_all=True):
                where = f"{_where(config, key)}: " if key else ""
                raise ConfigError(
                    f"{where}{label} names '{selector}', which is no rule code, code prefix, "
                    f"rule name or category{_did_you_mean(selector, specs)}"
                )
    for pattern, selectors in config.per_file_ignores.items():
        for selector in selectors:
            selector = selector.strip()
            if selector and not _selects_something(selector, specs, allow_all=False):
                raise ConfigError(
                    f"{_where(config, 'per-file-ignores', pattern)}: per-file-ignores for "
                    f"'{pattern}' names '{selector}', which is no rule code, code prefix, "
                    f"rule name or category{_did_you_mean(selector, specs)}"
                )
    by_key = {k: s for s in specs for k in (s.code, s.name)}
    for key, table in config.rules.items():
        spec = by_key.get(key)
        if spec is None:
            raise ConfigError(
                f"{_where(config, f'rules.{key}', key)}: [rules.{key}] names no rule: use a "
                f"rule's code or name{_did_you_mean(key, specs, categories=False)}"
            )
        for option, value in table.items():
            if option == "severity":
                continue
            if option not in spec.options:
                known = ", ".join(sorted(spec.options)) or "none"
                raise ConfigError(
                    f"{_where(config, f'rules.{key}', key, option)}: [rules.{key}] has the "
                    f"option '{option}', which rule {spec.code} ({spec.name}) does not have; "
                    f"its options: {known}"
                )
            problem = spec.option_problem(option, value)
            if problem:
                from faq_lint.rulepack import toml_value

                raise ConfigError(
                    f"{_where(config, f'rules.{key}', key, option)}: [rules.{key}] {option} "
                    f"is {toml_value(value)}, but {problem}"
                )


# Keys naming files or folders that faq-lint reads or writes. From a configuration file
# they must stay inside the project (the file's folder), so that linting a checkout
# cannot read or write elsewhere; ``paths`` is checked when it is used (api.py).
_PATH_KEYS = ("rule_packs", "words", "cache_dir", "baseline")


def _refuse_outside_paths(config: Config, source: Path) -> None:
    root = os.path.realpath(config.root)
    for name in _PATH_KEYS:
        value = getattr(config, name)
        for path in value if isinstance(value, list) else [value]:
            if path is None:
                continue
            where = os.path.realpath(os.path.join(config.root, path))
            if os.path.commonpath([where, root]) != root:
                key = _kebab(name)
                raise ConfigError(
                    f"{source}:{_line_of_key(source, key)}: '{key}' names '{path}', which is "
                    "outside the project; keep it inside the folder of this configuration file"
                )


def load_config(explicit: str | None = None, start: str | Path | None = None) -> Config:
    """Load the configuration named by ``--config`` or found by walking up."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file does not exist")
        return config_from_table(_table_of(path), path)
    found = find_config_file(start)
    if found is None:
        config = Config()
        config.root = str(Path(start or os.getcwd()))
        return config
    return config_from_table(_table_of(found), found)
