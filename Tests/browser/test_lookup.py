"""The indicator lookup (indicators/index.html) opened from disk: filtering by code, words,
theme and strategy on the fixture site, whose ten entries are known exactly; the code search
on the real site when it has NI 149; and every entry visible without JavaScript."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from helpers import is_displayed, visible_ids, wait_for

ALL = ["psa-16", "psa-25", "ni-40", "ni-143", "ni-149",
       "outcome-free-of-dependence", "outcome-crime", "figure-in-treatment",
       "measure-not-returning", "measure-deaths"]


def open_lookup(browser, site):
    browser.get(site.url("indicators/index.html"))
    wait_for(browser, lambda d: d.find_element(By.ID, "lookup-count").text != "", message="count never shown")
    return browser.find_element(By.ID, "lookup-query")


def filter_by(browser, query: str | None = None, strategy: str | None = None) -> tuple[list[str], str]:
    """Types `query` (replacing the field) and picks `strategy`; returns the visible ids and
    the count once the count has caught up."""
    field = browser.find_element(By.ID, "lookup-query")
    if query is not None:
        # Select all and delete, as a user would (clear() sends no input event).
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.BACKSPACE)
        field.send_keys(query)
    if strategy is not None:
        Select(browser.find_element(By.ID, "lookup-strategy")).select_by_value(strategy)

    def settled(d):
        ids = visible_ids(d)
        text = d.find_element(By.ID, "lookup-count").text
        return text.startswith(f"{len(ids)} of ") and (ids, text)
    return wait_for(browser, settled, message="count does not match the visible entries")


@pytest.fixture()
def lookup(fixture_site, browser):
    open_lookup(browser, fixture_site)
    return browser


def test_form_is_shown_with_every_entry(lookup):
    assert is_displayed(lookup, "[data-lookup-form]")
    assert visible_ids(lookup) == ALL
    assert lookup.find_element(By.ID, "lookup-count").text == "10 of 10 indicators"
    assert not is_displayed(lookup, "#lookup-empty")


@pytest.mark.parametrize("query", ["NI 149", "ni149", "Ni 149 ", "NI149"])
def test_code_with_or_without_space(lookup, query):
    assert filter_by(lookup, query) == (["ni-149"], "1 of 10 indicators")
    # Only the groups holding the entry remain.
    assert visible_ids(lookup, "section.indicator-strategy") == ["strategy-2008"]
    kinds = lookup.execute_script(
        "return Array.from(document.querySelectorAll('[data-kind-group]')).filter(e => e.getClientRects().length)"
        ".map(e => e.querySelector('h3').textContent)")
    assert kinds == ["National indicators"]


def test_alias_and_start_of_a_code(lookup):
    assert filter_by(lookup, "psa25")[0] == ["psa-25"]
    assert filter_by(lookup, "PSA 25")[0] == ["psa-25"]
    assert filter_by(lookup, "NI 14") == (["ni-143", "ni-149"], "2 of 10 indicators")
    assert filter_by(lookup, "ni4")[0] == ["ni-40"]


def test_words_must_each_start_a_word(lookup):
    assert filter_by(lookup, "settled accom") == (["psa-16", "ni-143"], "2 of 10 indicators")
    assert filter_by(lookup, "free dependence")[0] == ["outcome-free-of-dependence", "measure-not-returning"]
    # "ccommodation" is inside a word, not at its start.
    assert filter_by(lookup, "ccommodation")[0] == []
    assert filter_by(lookup, "mental health EMPLOYMENT")[0] == ["ni-149"]


def test_theme_names(lookup):
    assert filter_by(lookup, "housing") == (["psa-16", "ni-143", "ni-149"], "3 of 10 indicators")
    assert filter_by(lookup, "measuring outcomes")[0] == [
        "psa-25", "figure-in-treatment", "measure-not-returning", "measure-deaths"]


def test_strategy_filter_alone_and_with_words(lookup):
    assert filter_by(lookup, strategy="2017") == (["measure-not-returning", "measure-deaths"], "2 of 10 indicators")
    assert visible_ids(lookup, "section.indicator-strategy") == ["strategy-2017"]
    assert filter_by(lookup, "treatment", strategy="2010") == (
        ["outcome-free-of-dependence", "figure-in-treatment"], "2 of 10 indicators")
    assert visible_ids(lookup, "section.indicator-strategy") == ["strategy-2010"]
    assert filter_by(lookup, "treatment", strategy="") == (
        ["psa-25", "ni-40", "ni-149", "outcome-free-of-dependence", "figure-in-treatment", "measure-not-returning"],
        "6 of 10 indicators")


def test_no_match_shows_the_message_and_clearing_shows_all(lookup):
    assert filter_by(lookup, "zzzz") == ([], "0 of 10 indicators")
    assert is_displayed(lookup, "#lookup-empty")
    assert visible_ids(lookup, "section.indicator-strategy") == []
    assert filter_by(lookup, "") == (ALL, "10 of 10 indicators")
    assert not is_displayed(lookup, "#lookup-empty")
    assert visible_ids(lookup, "section.indicator-strategy") == ["strategy-2008", "strategy-2010", "strategy-2017"]


def test_a_row_leads_to_the_indicators_page_and_on_to_its_parent(lookup):
    filter_by(lookup, "NI 149")
    lookup.find_element(By.CSS_SELECTOR, "#ni-149 h4 a").click()
    wait_for(lookup, lambda d: d.current_url.endswith("/indicators/ni-149.html"), message="the row's link went elsewhere")
    assert "NI 149" in lookup.find_element(By.TAG_NAME, "h1").text
    # NI 149 is part of PSA 16: its page links to PSA 16's.
    lookup.find_element(By.CSS_SELECTOR, 'article.indicator a[href="psa-16.html"]').click()
    wait_for(lookup, lambda d: d.current_url.endswith("/indicators/psa-16.html"), message="the parent's link went elsewhere")


def test_an_old_link_to_an_entry_still_lands_on_it(fixture_site, browser):
    browser.get(fixture_site.url("indicators/index.html") + "#psa-16")
    wait_for(browser, lambda d: d.find_element(By.ID, "lookup-count").text != "", message="count never shown")
    entry = browser.find_element(By.ID, "psa-16")
    assert entry.is_displayed()
    assert browser.execute_script("return document.querySelector(':target') === arguments[0]", entry)
    assert entry.find_element(By.CSS_SELECTOR, "h4 a").get_attribute("href").endswith("/indicators/psa-16.html")


def test_enter_does_not_reload(lookup):
    lookup.execute_script("window.notReloaded = true")
    field = lookup.find_element(By.ID, "lookup-query")
    field.send_keys("NI 40\n")
    wait_for(lookup, lambda d: visible_ids(d) == ["ni-40"])
    assert lookup.execute_script("return window.notReloaded === true")


def test_without_javascript_every_entry_is_visible(fixture_site, nojs_driver):
    nojs_driver.get(fixture_site.url("indicators/index.html"))
    assert visible_ids(nojs_driver) == ALL
    assert not is_displayed(nojs_driver, "[data-lookup-form]")
    assert not is_displayed(nojs_driver, "#lookup-empty")


def test_real_site_code_lookup(content_site, browser):
    indicators = content_site.output / "indicators" / "index.html"
    if 'id="ni-149"' not in indicators.read_text(encoding="utf-8"):
        pytest.skip("Content/indicators.yml has no ni-149 yet")
    open_lookup(browser, content_site)
    total = len(visible_ids(browser))
    assert browser.find_element(By.ID, "lookup-count").text == f"{total} of {total} indicators"
    for query in ("NI 149", "ni149"):
        assert filter_by(browser, query) == (["ni-149"], f"1 of {total} indicators")


def test_real_site_without_javascript(content_site, nojs_driver):
    nojs_driver.get(content_site.url("indicators/index.html"))
    expected = nojs_driver.execute_script("return Array.from(document.querySelectorAll('article.indicator')).map(e => e.id)")
    assert visible_ids(nojs_driver) == expected


def test_entries_without_a_code_borrow_none(fixture_site, browser):
    """A lineage or parent link to an entry without a code shows its title only (Mustache must
    not fall back to the code of the entry being rendered)."""
    browser.get(fixture_site.url("indicators/ni-40.html"))
    text = browser.find_element(By.CSS_SELECTOR, 'article.indicator a[href="outcome-free-of-dependence.html"]').text
    assert text == "Freedom from dependence on drugs or alcohol"
