"""axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every page of both sites, opened from disk,
and on the search and lookup pages in the states their scripts create."""

from selenium.webdriver.common.by import By

from helpers import describe_violations, run_axe, wait_for


def test_axe_every_page(site, browser):
    problems = []
    pages = site.pages()
    assert pages, f"no pages in {site.output}"
    for page in pages:
        browser.get(page.as_uri())
        problems += describe_violations(f"[{site.name}] {site.relative(page)}", run_axe(browser))
    print("\n".join(problems))
    print(f"[{site.name}] axe: {len(pages)} pages, {len(problems)} violations (rule x element)")
    assert problems == [], f"{len(problems)} axe violations in the {site.name} site (listed above)"


def test_axe_search_with_results(site, browser):
    browser.get(site.url("search.html?q=drug treatment"))
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"), message="no search results")
    problems = describe_violations(f"[{site.name}] search.html?q=…", run_axe(browser))
    browser.get(site.url("search.html?q=zzzzqqq"))
    wait_for(browser, lambda d: "No results" in d.find_element(By.ID, "search-status").text)
    problems += describe_violations(f"[{site.name}] search.html (no results)", run_axe(browser))
    print("\n".join(problems))
    assert problems == []


def test_axe_lookup_filtered(fixture_site, browser):
    browser.get(fixture_site.url("indicators/index.html"))
    field = browser.find_element(By.ID, "lookup-query")
    field.send_keys("NI 149")
    wait_for(browser, lambda d: d.find_element(By.ID, "lookup-count").text.startswith("1 of"))
    problems = describe_violations("[fixture] indicators (filtered)", run_axe(browser))
    field.clear()
    field.send_keys("zzzz")
    wait_for(browser, lambda d: d.find_element(By.ID, "lookup-count").text.startswith("0 of"))
    problems += describe_violations("[fixture] indicators (no match)", run_axe(browser))
    print("\n".join(problems))
    assert problems == []
