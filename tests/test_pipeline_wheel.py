"""The wheel ships what the package needs at run time: the rule packs and the report schema."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


def test_wheel_ships_rules_and_report_schema(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("faq_lint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "faq_lint/report.schema.json" in names
    assert "faq_lint/rules/structure.yaml" in names
    shipped_rules = {n for n in names if n.startswith("faq_lint/rules/") and n.endswith(".yaml")}
    in_repo = {
        f"faq_lint/rules/{p.relative_to(REPO / 'rules')}" for p in (REPO / "rules").rglob("*.yaml")
    }
    assert in_repo <= shipped_rules
    assert "faq_lint/parsers/markdown.py" in names
