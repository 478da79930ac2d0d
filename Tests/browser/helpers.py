"""Helpers the browser tests share: axe-core, waiting, and what is visible."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def axe_source() -> str:
    """axe.min.js as bundled by the axe-playwright-python package (not committed here)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is not installed: run Tests/browser/install.sh")
    path = Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
    source = path.read_text(encoding="utf-8")
    assert source.startswith("/*! axe v4."), f"expected axe-core 4.x in {path}"
    return source


def run_axe(driver) -> list[dict]:
    """axe-core's violations on the page now in `driver`, for the WCAG 2.2 AA tags."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(axe_source())
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
          .then(r => done({violations: r.violations.map(v => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary, html: n.html.slice(0, 200)}))}))}))
          .catch(e => done({error: String(e)}));
        """, AXE_TAGS)
    if "error" in result:
        raise RuntimeError(f"axe failed: {result['error']}")
    return result["violations"]


def describe_violations(page: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{page}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
                         f"    target: {node['target']}\n    html: {node['html']}\n"
                         f"    {(node['summary'] or '').replace(chr(10), chr(10) + '    ')}")
    return lines


def wait_for(driver, condition, timeout: float = 5, message: str = ""):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d), message)


def visible_ids(driver, selector: str = "article.indicator") -> list[str]:
    """Ids of the elements matching `selector` that are rendered (not display:none)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".filter(e => e.getClientRects().length > 0).map(e => e.id);", selector)


def is_displayed(driver, css: str) -> bool:
    elements = driver.find_elements(By.CSS_SELECTOR, css)
    return bool(elements) and elements[0].is_displayed()
