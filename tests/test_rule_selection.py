"""Which rules run (``select``, ``extend-select``, ``ignore`` as ruff reads them), and FAQ004's fix.

``extend-select`` adds rules to the selection; with no ``select`` it adds them to the
rules on by default and never turns those off (a bug found on real pages: a
configuration naming only ``extend-select = ["FAQ603"]`` ran FAQ603 alone).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from faq_lint.config import Config
from faq_lint.engine import all_rules, select_rules

PAGE = """Sunburn

Q: How do I treat a mild sunburn?
A: Cool the skin with a damp towel, drink water and keep out of the sun until it heals.

Q: When should I see someone
A:
"""


def _codes(config: Config, select: list[str] | None = None) -> set[str]:
    specs = [
        spec.model_copy(update={"enabled": False}) if spec.code == "FAQ102" else spec
        for spec in all_rules(config)
    ]
    return {rule.spec.code for rule in select_rules(specs, config, select=select)}


def test_extend_select_adds_to_the_default_rules() -> None:
    default = _codes(Config())
    assert "FAQ102" not in default and "FAQ101" in default
    extended = _codes(Config(extend_select=["FAQ102"]))
    assert extended == default | {"FAQ102"}


def test_extend_select_adds_to_select_and_ignore_still_wins() -> None:
    assert _codes(Config(select=["FAQ0"], extend_select=["FAQ102"])) == {
        code for code in _codes(Config(select=["FAQ0"]))
    } | {"FAQ102"}
    assert "FAQ102" not in _codes(Config(extend_select=["FAQ102"], ignore=["FAQ102"]))
    assert _codes(Config(extend_select=["FAQ102"]), select=["FAQ101"]) == {"FAQ101", "FAQ102"}


def test_extend_select_in_a_configuration_file_keeps_the_default_findings(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "sunburn.txt").write_text(PAGE, encoding="utf-8")

    def rules_found(config_text: str) -> set[str]:
        (tmp_path / "faq-lint.toml").write_text(config_text, encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "faq_lint", "pages", "--format", "json", "--no-cache"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode in (0, 1), run.stderr
        return {finding["rule"] for finding in json.loads(run.stdout)["findings"]}

    plain = rules_found('paths = ["pages"]\n')
    assert {"FAQ003", "FAQ004"} <= plain  # the empty answer, the question with no "?"
    extended = rules_found('paths = ["pages"]\nextend-select = ["FAQ603"]\n')
    assert plain <= extended


def test_not_a_question_offers_a_real_question(tmp_path: Path) -> None:
    """FAQ004's fix is a question a reader would ask, not the heading with "?" stuck on."""
    from faq_lint import lint

    page = tmp_path / "shingles.md"
    page.write_text(
        "# Shingles\n\n## About Shingles\n\nShingles is a painful rash.\n\n"
        "## Vaccine information\n\nAsk your pharmacist about the vaccine.\n\n"
        "## Can adults get shingles more than once\n\nYes, but it is rare.\n\n"
        "## The vaccine can be given to adults who have had shingles before\n\nTrue.\n",
        encoding="utf-8",
    )
    config = Config(paths=[str(tmp_path)], cache=False)
    config.root = str(tmp_path)
    findings = lint([str(page)], config, select=["FAQ004"]).findings
    suggestions = sorted(s for finding in findings for s in finding.suggestions)
    assert suggestions == [
        "Write it as a question, e.g. 'Can adults get shingles more than once?'",
        "Write it as a question, e.g. 'What should I know about shingles?'",
        "Write it as a question, e.g. 'What should I know about vaccine?'",
        "Write it as the question a reader would ask",
    ]
