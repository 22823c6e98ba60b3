"""A one-page run with the data cache warm needs neither PyYAML nor multiprocessing.

The YAML word lists and data files are read through the start-up data cache
(:func:`faq_lint.safety.read_yaml_file`): these tests check that the cached data is what
parsing the file gives, that broken YAML still raises PyYAML's error, and that a run on
one page with a warm cache imports neither module (about 15 ms of its start-up).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from faq_lint.rulepack import default_pack_dir
from faq_lint.safety import read_yaml_file, yaml_error

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "data" / "piriformis-syndrome.txt"

PROBE = """
import json, sys
from faq_lint.cli import main
status = main([sys.argv[1], "--no-cache", "--format", "json", "-o", sys.argv[2]])
print(json.dumps({"status": status, "loaded": [m for m in ("yaml", "multiprocessing")
                                               if m in sys.modules]}))
"""


@pytest.fixture
def cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "data-cache"
    monkeypatch.setenv("FAQ_LINT_DATA_CACHE", str(folder))
    return folder


def _probe(folder: Path, page: Path, report: Path) -> dict[str, object]:
    env = {**os.environ, "FAQ_LINT_DATA_CACHE": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(page), str(report)],
        cwd=page.parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_one_page_run_with_warm_cache_imports_no_yaml(cache_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "site" / PAGE.name
    page.parent.mkdir()
    shutil.copy(PAGE, page)
    cold = _probe(cache_dir, page, tmp_path / "cold.json")
    assert "yaml" in cold["loaded"]  # the cache was empty: the YAML files were parsed
    warm = _probe(cache_dir, page, tmp_path / "warm.json")
    assert warm["loaded"] == []
    assert warm["status"] == cold["status"]
    assert (tmp_path / "warm.json").read_text() == (tmp_path / "cold.json").read_text()


@pytest.mark.parametrize(
    "name", ["medical/disclaimer-phrases.yaml", "medical/citation-sources.yaml"]
)
def test_cached_yaml_file_is_the_parsed_file(cache_dir: Path, name: str) -> None:
    path = str(default_pack_dir() / name)
    with open(path, encoding="utf-8") as handle:
        expected = yaml.safe_load(handle)
    assert read_yaml_file(path) == expected  # parsed and stored
    assert any(cache_dir.iterdir())
    assert read_yaml_file(path) == expected  # from the data cache


def test_broken_yaml_file_still_raises_yaml_error(cache_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1, 2\n  b: }\n", encoding="utf-8")
    for _ in range(2):  # a failed parse is not cached
        with pytest.raises(yaml_error()):
            read_yaml_file(str(broken))
    assert yaml_error() is yaml.YAMLError
