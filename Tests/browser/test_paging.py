"""Bounded pages in a real browser, from file://: a generated library (bench/corpus.py, 60
documents) built with `page-size: 5`, so a theme's sections, the theme table, a strategy's
documents and an indicator's mentions all take several pages. A reader walks a paged theme
from its first page to its last by the pager's "Next" and back by "Previous", with and without
JavaScript; the lookup's row leads to an indicator's own page, whose mentions go on over
pages; and axe-core finds nothing on a paged theme page or an indicator page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import ROOT, Site, build_site
from helpers import describe_violations, run_axe, wait_for
from test_html_validity import vnu_jar


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Site:
    content = tmp_path_factory.mktemp("paged") / "content"
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "60", str(content)], check=True, capture_output=True)
    with open(content / "site.yml", "a", encoding="utf-8") as site_yml:
        site_yml.write("page-size: 5\n")
    output = build_site(content, content.parent / "site")
    return Site("paged", content, output)


def status(driver) -> tuple[int, int]:
    """The pager's "Page n of N", as (n, N)."""
    text = driver.find_element(By.CSS_SELECTOR, ".pager .pager-status").text
    match = re.fullmatch(r"Page (\d+) of (\d+)", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def busiest_theme(site: Site) -> str:
    """The theme whose first page has the most further pages."""
    best, most = "", 0
    for page in (site.output / "themes").glob("*.html"):
        folder = page.with_suffix("")
        count = len(list(folder.glob("*.html"))) if folder.is_dir() else 0
        if page.name != "index.html" and count > most:
            best, most = page.stem, count
    assert most >= 2, "the generated library should page its themes"
    return best


def walk(driver, site: Site, start: str) -> list[str]:
    """Follows "Next" from `start` to the last page, then "Previous" back to the first;
    returns the URLs seen going forward."""
    driver.get(site.url(start))
    seen = [driver.current_url]
    first, total = status(driver)
    assert first == 1 and total >= 3
    for expected in range(2, total + 1):
        driver.find_element(By.CSS_SELECTOR, '.pager a[rel="next"]').click()
        wait_for(driver, lambda d: status(d)[0] == expected, message=f"page {expected} did not open")
        seen.append(driver.current_url)
    assert not driver.find_elements(By.CSS_SELECTOR, '.pager a[rel="next"]'), "the last page has no next"
    for expected in range(total - 1, 0, -1):
        driver.find_element(By.CSS_SELECTOR, '.pager a[rel="prev"]').click()
        wait_for(driver, lambda d: status(d)[0] == expected, message=f"page {expected} did not open going back")
    assert driver.current_url == seen[0]
    return seen


def test_a_paged_theme_is_walked_page_by_page(paged_site, browser):
    theme = busiest_theme(paged_site)
    seen = walk(browser, paged_site, f"themes/{theme}.html")
    assert seen[1].endswith(f"/themes/{theme}/2.html")
    assert len(set(seen)) == len(seen)


def test_the_pager_needs_no_javascript(paged_site, nojs_driver):
    walk(nojs_driver, paged_site, "themes/index.html")


def test_the_lookup_row_leads_to_an_indicator_page_whose_mentions_go_on(paged_site, browser):
    lookup = (paged_site.output / "indicators" / "index.html").read_text(encoding="utf-8")
    # An indicator mentioned in more sections than a page holds.
    counts = {m.group(1): int(m.group(2)) for m in re.finditer(
        r'<article class="indicator" id="([^"]+)".*?<dt>Mentioned in</dt><dd>(\d+) sections</dd>', lookup, re.S)}
    indicator = max(counts, key=counts.get)
    assert counts[indicator] > 5
    browser.get(paged_site.url(f"indicators/index.html#{indicator}"))
    browser.find_element(By.CSS_SELECTOR, f"#{indicator} h4 a").click()
    wait_for(browser, lambda d: d.current_url.endswith(f"/indicators/{indicator}.html"), message="the row's link went elsewhere")
    assert browser.find_element(By.ID, "mentions-heading").text == f"Mentioned in {counts[indicator]} sections"
    walk(browser, paged_site, f"indicators/{indicator}.html")


@pytest.mark.parametrize("which", ["theme-page-2", "indicator"])
def test_paged_pages_pass_axe(paged_site, browser, which):
    if which == "theme-page-2":
        relative = f"themes/{busiest_theme(paged_site)}/2.html"
    else:
        relative = "indicators/" + sorted(p.name for p in (paged_site.output / "indicators").glob("*.html") if p.name != "index.html")[0]
    browser.get(paged_site.url(relative))
    problems = describe_violations(f"[paged] {relative}", run_axe(browser))
    assert not problems, "\n".join(problems)


def test_paged_pages_are_valid_html(paged_site):
    """The Nu HTML Checker on the second page of each kind of list, and on an indicator's page."""
    theme = busiest_theme(paged_site)
    second_pages = [p for p in paged_site.output.glob("*/*/2.html")]
    kinds = {p.parent.parent.name for p in second_pages}
    assert {"themes", "strategies", "indicators"} <= kinds, kinds
    pages = [paged_site.output / f"themes/{theme}/2.html", paged_site.output / "themes/index/2.html",
             *sorted(paged_site.output.glob("strategies/*/2.html"))[:1], *sorted(paged_site.output.glob("indicators/*/2.html"))[:1],
             paged_site.output / "index.html"]
    result = subprocess.run([shutil.which("java"), "-Xss16m", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always",
                             *map(str, pages)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in json.loads(result.stderr or result.stdout)["messages"]
              if m["type"] in ("error", "non-document-error")]
    assert errors == []
