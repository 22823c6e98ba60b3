"""The start-up data cache: built once, reused, rebuilt when a source changes, never fatal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faq_lint import datacache
from faq_lint.datacache import cached


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", str(folder))
    return folder


def word_set_builder(source: Path, calls: list[int]):  # type: ignore[no-untyped-def]
    def build() -> frozenset[str]:
        calls.append(1)
        return frozenset(source.read_text(encoding="utf-8").split())

    return build


def test_built_once_then_loaded(cache_dir: Path, tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("ibuprofen\nparacetamol\n", encoding="utf-8")
    calls: list[int] = []
    first = cached("words", [str(words)], word_set_builder(words, calls))
    second = cached("words", [str(words)], word_set_builder(words, calls))
    assert first == second == frozenset({"ibuprofen", "paracetamol"})
    assert isinstance(second, frozenset)
    assert len(calls) == 1
    assert len(list(cache_dir.iterdir())) == 1


def test_a_changed_source_is_rebuilt_and_the_old_file_removed(
    cache_dir: Path, tmp_path: Path
) -> None:
    words = tmp_path / "words.txt"
    words.write_text("ibuprofen\n", encoding="utf-8")
    calls: list[int] = []
    assert cached("words", [str(words)], word_set_builder(words, calls)) == {"ibuprofen"}
    words.write_text("ibuprofen\nnaproxen\n", encoding="utf-8")
    assert cached("words", [str(words)], word_set_builder(words, calls)) == {
        "ibuprofen",
        "naproxen",
    }
    assert len(calls) == 2
    assert len(list(cache_dir.iterdir())) == 1  # the stale file is gone


def test_extra_key_separates_values(cache_dir: Path, tmp_path: Path) -> None:
    assert cached("value", [], lambda: 1, extra="a") == 1
    assert cached("value", [], lambda: 2, extra="b") == 2
    assert cached("value", [], lambda: 3, extra="a") == 1


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_file_is_rebuilt(cache_dir: Path, damage: bytes | None) -> None:
    cached("numbers", [], lambda: {"one": 1})
    (stored,) = cache_dir.iterdir()
    blob = stored.read_bytes()
    # None: flip one byte of the payload, so only the checksum can tell
    stored.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]) if damage is None else damage)
    assert cached("numbers", [], lambda: {"one": 2}) == {"one": 2}


def test_cache_off_always_builds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", "off")
    calls: list[int] = []
    for _ in range(2):
        cached("value", [], lambda: calls.append(1) or len(calls))
    assert len(calls) == 2
    assert datacache.cache_folder() is None


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FAQ_LINT_DATA_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert datacache.cache_folder() == os.path.join(str(tmp_path), "faq-lint", "data")


def test_unwritable_folder_and_unmarshalable_values_still_work(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", str(blocker / "cache"))
    assert cached("value", [], lambda: [1, 2]) == [1, 2]
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", str(tmp_path / "cache"))
    value = object()
    assert cached("object", [], lambda: value) is value  # marshal cannot write it: not cached
    assert not any((tmp_path / "cache").glob("object-*"))


def test_rule_packs_load_the_same_from_the_cache(cache_dir: Path) -> None:
    from faq_lint.rulepack import _load_pack_cached, default_pack_dir, load_pack

    _load_pack_cached.cache_clear()
    cold = load_pack(default_pack_dir())
    _load_pack_cached.cache_clear()
    warm = load_pack(default_pack_dir())
    assert any(p.name.startswith("rule-pack-") for p in cache_dir.iterdir())
    assert [s.model_dump() for s in cold] == [s.model_dump() for s in warm]
    assert len(cold) > 30
