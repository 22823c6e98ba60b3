"""Configuration: ``[tool.faq-lint]`` in pyproject.toml, ``faq-lint.toml`` or ``--config FILE``.

Keys are kebab-case, as in ruff. Unknown keys and wrong types are errors that name
the key and the file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from faq_lint.models import Severity
from faq_lint.reading import DEFAULT_MAX_BYTES

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
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if "faq-lint" in data.get("tool", {}):
                return candidate
    return None


def _table_of(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
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
