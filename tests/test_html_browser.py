"""The HTML report in a real headless Chromium: no console errors, the filters work, and
content with script injection stays text.

Needs Debian's ``chromium`` and ``chromium-driver`` packages and the ``selenium`` package
(dev extra); skips with the reason when either is missing. Never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, shared_path

from faq_lint.api import lint
from faq_lint.config import Config
from faq_lint.models import Report
from faq_lint.render.html import render_html

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1366,900",
)
VISIBLE = "return Array.from(document.querySelectorAll(arguments[0]))"
VISIBLE += ".filter(function (e) { return e.getClientRects().length > 0; })"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip(
            f"headless Chromium is not installed ({CHROMIUM}, {CHROMEDRIVER}): "
            "apt-get install chromium chromium-driver"
        )
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="faq-lint-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _errors(driver: Any) -> list[dict[str, Any]]:
    """Console errors since the last call (uncaught exceptions, CSP violations, failed loads)."""
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def _count(driver: Any, selector: str) -> int:
    return len(driver.execute_script(VISIBLE, selector))


def _choose(driver: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


@pytest.fixture(scope="module")
def medquad(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    pages = shared_path("corpora", "medquad", "pages")
    folder = tmp_path_factory.mktemp("html")
    report = lint([str(pages)], Config(root=str(folder), paths=["."], cache=False))
    output = folder / "report.html"
    output.write_text(render_html(report), encoding="utf-8")
    return report, output


def test_medquad_report_opens_without_console_errors_and_filters_work(
    browser: Any, medquad: tuple[Report, Path]
) -> None:
    from selenium.webdriver.common.by import By

    report, output = medquad
    browser.get(output.as_uri())
    assert _errors(browser) == []
    assert browser.find_element(By.ID, "filters").is_displayed()
    total = len(report.findings)
    assert total > 0
    finding = ".finding:not(.mirror)"
    assert _count(browser, finding) == total
    status = browser.find_element(By.ID, "filter-status")
    assert status.text.startswith(f"Showing all {total} finding")

    # Severity: only that severity's findings stay visible.
    severities = Counter(f.severity for f in report.findings)
    for severity, count in severities.items():
        _choose(browser, "f-severity", severity)
        shown = browser.execute_script(VISIBLE, finding)
        assert len(shown) == count
        assert {e.get_attribute("data-severity") for e in shown} == {severity}
    _choose(browser, "f-severity", "")
    assert _count(browser, finding) == total

    # Category.
    categories = Counter(f.category for f in report.findings)
    category, count = categories.most_common()[-1]
    _choose(browser, "f-category", category)
    assert _count(browser, finding) == count
    assert f"Showing {count} of {total}" in status.text
    _choose(browser, "f-category", "")

    # Page: one section left, with that page's findings.
    paths = [d.path for d in report.documents]
    busiest, count = Counter(f.path for f in report.findings).most_common(1)[0]
    _choose(browser, "f-page", str(paths.index(busiest)))
    assert _count(browser, "section.page") == 1
    assert _count(browser, finding) == count
    _choose(browser, "f-page", "")

    # Search: only questions containing the words (in question, answer or findings).
    question = next(f.question for f in report.findings if f.question)
    box = browser.find_element(By.ID, "f-search")
    box.send_keys(question)
    browser.execute_script(
        "arguments[0].dispatchEvent(new Event('input'))", box
    )  # no wait for the debounce: fire it, then wait for the status to change
    _wait_for(browser, lambda: "Showing" in status.text and " of " in status.text)
    entries = browser.execute_script(VISIBLE, "article.entry")
    assert entries and all(question.lower() in e.text.lower() for e in entries)
    assert 0 < _count(browser, finding) < total or total == 1

    # Reset shows every finding again.
    browser.find_element(By.ID, "f-reset").click()
    _wait_for(browser, lambda: status.text.startswith("Showing all"))
    assert _count(browser, finding) == total

    # Questions without findings: hidden by default, shown on request.
    clean = len(browser.find_elements(By.CSS_SELECTOR, "article.entry.clean"))
    assert _count(browser, "article.entry.clean") == 0
    assert _count(browser, "article.entry") == report.summary.entries - clean
    browser.find_element(By.ID, "f-clean").click()
    assert _count(browser, "article.entry") == report.summary.entries
    assert _count(browser, "section.page") == report.summary.files
    assert _errors(browser) == []


def test_link_to_a_filtered_out_page_reveals_it(browser: Any, medquad: tuple[Report, Path]) -> None:
    from selenium.webdriver.common.by import By

    _, output = medquad
    browser.get(output.as_uri())
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg a[href^=\"#page-\"]'))"
        ".map(function (a) { return a.getAttribute('href').slice(1); })"
    )
    assert len(links) >= 2, "the per-page reading chart links to the pages"
    target, other = links[0], links[-1]
    _choose(browser, "f-page", other.removeprefix("page-"))
    assert _count(browser, f"#{target}") == 0  # filtered out
    link = browser.execute_script(f"return document.querySelector('svg a[href=\"#{target}\"]')")
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", link
    )
    assert _count(browser, f"#{target}") == 1  # the filters were cleared to show it
    assert browser.find_element(By.ID, "f-page").get_attribute("value") == ""
    assert _errors(browser) == []


def test_script_injection_stays_text_in_the_browser(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "injection.txt"
    shutil.copy(FIXTURES / "html" / "injection.txt", page)
    report = lint([str(page)], Config(root=str(tmp_path), paths=["."], cache=False))
    output = tmp_path / "report.html"
    output.write_text(render_html(report), encoding="utf-8")
    browser.get(output.as_uri())
    browser.find_element(By.ID, "f-clean").click()  # show everything
    for details in browser.find_elements(By.TAG_NAME, "details"):
        browser.execute_script("arguments[0].open = true", details)
    for element in browser.find_elements(By.CSS_SELECTOR, "mark, .answer"):
        browser.execute_script(
            "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", element
        )
    assert browser.execute_script("return window.__pwned === undefined")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "What is piriformis syndrome <script>window.__pwned = 1</script>" in body
    assert '<img src=x onerror="window.__pwned = 2">' in body
    assert browser.find_elements(By.CSS_SELECTOR, "main img, main b, a[href^='javascript']") == []
    assert _errors(browser) == []


def _wait_for(driver: Any, condition: Any, timeout: float = 5.0) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda _: condition())
