"""search.html opened from disk: typing a phrase from each document finds it, highlighted;
?q= in the address, submitting, keyboard use, and text that is never taken as HTML."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import wait_for

PHRASE_WORDS = 5


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


def plain_paragraphs(markdown: str) -> list[str]:
    """The plain prose paragraphs of a document's body that come after its first heading
    (the part the search index holds as sections), with inline Markdown removed."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    paragraphs, seen_heading = [], False
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block.startswith("#"):
            seen_heading = True
            block = "\n".join(block.splitlines()[1:]).strip()
        if not seen_heading or not block:
            continue
        if re.match(r"(<!--|\||```|\[\^|>)", block):
            continue
        if re.match(r"([-*+]|\d+[.)]) ", block):  # a list: each item on its own
            paragraphs += plain_paragraphs_of_items(block)
            continue
        paragraphs.append(inline_text(block))
    return paragraphs


def plain_paragraphs_of_items(block: str) -> list[str]:
    items = re.split(r"^(?:[-*+]|\d+[.)]) ", block, flags=re.M)
    return [inline_text(item) for item in items if item.strip()]


def inline_text(block: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)  # links and images: their text
    text = re.sub(r"\[\^[^\]]*\]", "", text)  # note references
    text = re.sub(r"<[^>]*>", "", text)  # autolinks and comments
    text = re.sub(r"[*`]", "", text)
    return " ".join(text.split())


def document_phrases(content: Path) -> dict[str, str]:
    """For each document: a run of PHRASE_WORDS words from its body, found in no other
    document nor in indicators.yml, from a paragraph in the middle of the document."""
    documents = {path.stem: path.read_text(encoding="utf-8") for path in sorted((content / "documents").glob("*.md"))}
    folded = {slug: " ".join(words(text)) for slug, text in documents.items()}
    indicators = content / "indicators.yml"
    if indicators.exists():  # indicators are searchable too: avoid their wording
        folded[" indicators"] = " ".join(words(indicators.read_text(encoding="utf-8")))
    phrases = {}
    for slug, text in documents.items():
        paragraphs = [p for p in plain_paragraphs(text) if len(words(p)) >= PHRASE_WORDS + 3]
        assert paragraphs, f"{slug}: no prose paragraph to search for"
        ordered = paragraphs[len(paragraphs) // 2:] + paragraphs[:len(paragraphs) // 2]
        for paragraph in ordered:
            raw = paragraph.split()
            for start in range(1, len(raw) - PHRASE_WORDS):
                candidate = " ".join(raw[start:start + PHRASE_WORDS]).strip(".,;:()\"'“”‘’")
                key = " ".join(words(candidate))
                if sum(len(w) >= 6 for w in words(candidate)) < 3:
                    continue  # mostly short, common words
                if all(key not in other for other_slug, other in folded.items() if other_slug != slug):
                    phrases[slug] = candidate
                    break
            if slug in phrases:
                break
        assert slug in phrases, f"{slug}: no distinctive phrase found"
    return phrases


def search_page(browser, site, query: str | None = None):
    browser.get(site.url("search.html" + (f"?q={query}" if query else "")))
    return browser.find_element(By.ID, "search-query")


def results(browser) -> list[dict]:
    """Each result: a document (its link, title), the sections shown under it, every
    highlighted word and the whole text."""
    return browser.execute_script("""
        return Array.from(document.querySelectorAll('#search-results > li')).map(li => ({
          href: li.querySelector('a').getAttribute('href'),
          title: li.querySelector('a').textContent,
          sections: Array.from(li.querySelectorAll('.sub-results a')).map(a => a.getAttribute('href')),
          marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
          text: li.textContent}));""")


def stop_words(browser) -> set[str]:
    """The stop words the page neither requires nor marks (from the search manifest)."""
    return set(browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const wait = () => window.StrategySiteSearch ? StrategySiteSearch.stopWords().then(done) : setTimeout(wait, 20);
        wait();"""))


def wait_for_status(browser, pattern: str) -> str:
    status = wait_for(browser, lambda d: re.search(pattern, d.find_element(By.ID, "search-status").text)
                      and d.find_element(By.ID, "search-status").text,
                      message=f"status never matched {pattern!r}")
    return status


def type_query(browser, site, query: str) -> list[dict]:
    field = search_page(browser, site)
    field.send_keys(query)
    wait_for_status(browser, r"results? for|No results")
    return results(browser)


def test_each_document_found_by_a_phrase_of_its_body(site, browser):
    phrases = document_phrases(site.content)
    failures = []
    for slug, phrase in phrases.items():
        found = type_query(browser, site, phrase)
        target = f"documents/{slug}.html"
        hits = [(rank, r) for rank, r in enumerate(found) if r["href"].split("#")[0] == target]
        print(f"[{site.name}] {phrase!r}: {len(found)} results, {slug} at rank {hits[0][0] + 1 if hits else '-'}")
        if not hits:
            failures.append(f"{slug}: no result for {phrase!r} (got {[r['href'] for r in found[:5]]})")
            continue
        rank, hit = hits[0]
        if rank >= 3:
            failures.append(f"{slug}: first result for {phrase!r} only at rank {rank + 1}")
        marked = {w for m in hit["marks"] for w in words(m)}
        ignored = stop_words(browser)
        missing = [w for w in words(phrase) if w not in ignored and not any(m.startswith(w) or w.startswith(m) for m in marked)]
        if missing:
            failures.append(f"{slug}: {missing} not highlighted in {hit['text'][:300]!r}")
    assert failures == [], "\n".join(failures)


def test_results_link_to_section_anchors_and_highlight(fixture_site, browser):
    found = type_query(browser, fixture_site, "marmalade committee")
    assert found[0]["href"] == "documents/2008-local-guide.html"
    assert found[0]["sections"][0] == "documents/2008-local-guide.html#introduction"
    assert found[0]["marks"] == ["marmalade", "committee"]
    status = browser.find_element(By.ID, "search-status").text
    assert status == f"{len(found)} result{'s' if len(found) != 1 else ''} for \u201cmarmalade committee\u201d."
    # Following the section's link lands on the section.
    browser.find_element(By.CSS_SELECTOR, "#search-results .sub-results a").click()
    wait_for(browser, lambda d: d.current_url.endswith("documents/2008-local-guide.html#introduction"))
    assert browser.find_element(By.ID, "introduction").is_displayed()


def test_title_hits_rank_above_text_hits(fixture_site, browser):
    found = type_query(browser, fixture_site, "enforcement")
    # "Enforcement" is the title of a section; other entries only mention the word.
    assert found[0]["sections"][0] == "documents/2008-local-guide.html#enforcement"
    assert found[0]["marks"][0] == "Enforcement"


def test_every_word_must_match(fixture_site, browser):
    assert type_query(browser, fixture_site, "zebra marmalade") == []
    assert browser.find_element(By.ID, "search-status").text == "No results for \u201czebra marmalade\u201d."


def test_query_from_the_address(fixture_site, browser):
    field = search_page(browser, fixture_site, "zebra%20crossing")
    wait_for_status(browser, r"results? for")
    assert field.get_attribute("value") == "zebra crossing"
    assert results(browser)[0]["sections"][0] == "documents/2010-summary.html#building-recovery"


def test_submit_searches_without_leaving_the_page(fixture_site, browser):
    field = search_page(browser, fixture_site)
    browser.execute_script("window.notReloaded = true;")
    field.send_keys("marmalade", Keys.ENTER)
    wait_for_status(browser, r"results? for")
    assert browser.execute_script("return window.notReloaded === true")
    assert "q=marmalade" in browser.current_url


def test_keyboard_tab_reaches_the_first_result(fixture_site, browser):
    field = search_page(browser, fixture_site)
    field.send_keys("treatment")
    wait_for_status(browser, r"results? for")
    first = browser.find_element(By.CSS_SELECTOR, "#search-results > li a")
    for _ in range(8):  # past the button and the filters
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element == first:
            break
    assert browser.switch_to.active_element == first, "Tab did not reach the first result"
    # Arrow keys move between the results and back to the field.
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    second = browser.find_elements(By.CSS_SELECTOR, "#search-results > li a")[1]
    assert browser.switch_to.active_element == second
    browser.switch_to.active_element.send_keys(Keys.ARROW_UP, Keys.ARROW_UP)
    assert browser.switch_to.active_element == field
    field.send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element == first
    # The focused result is visibly marked (the stylesheet's focus style).
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_text_is_never_taken_as_html(fixture_site, browser):
    query = '<img src=x onerror="window.injected=1">'
    type_query(browser, fixture_site, query)
    assert browser.find_elements(By.CSS_SELECTOR, "#search-status img, #search-results img") == []
    assert not browser.execute_script("return window.injected")
    assert query in browser.find_element(By.ID, "search-status").text


def test_text_before_the_first_heading_is_found(fixture_site, browser):
    found = type_query(browser, fixture_site, "quarrelsome pelicans")
    assert any(r["href"].startswith("documents/2008-local-guide.html") for r in found)


def test_filters_narrow_the_results_and_stay_in_the_address(fixture_site, browser):
    search_page(browser, fixture_site, "recovery&strategy=2010")
    wait_for_status(browser, r"results? for")
    found = results(browser)
    assert found and all(r["href"].startswith("documents/2010-summary.html") or r["href"].startswith("indicators/") for r in found)
    assert browser.find_element(By.CSS_SELECTOR, "select[name=strategy]").get_attribute("value") == "2010"
    assert "strategy=2010" in browser.current_url


def test_a_misspelt_word_is_searched_as_the_nearest_indexed_word(fixture_site, browser):
    found = type_query(browser, fixture_site, "marmelade")
    assert found and found[0]["href"] == "documents/2008-local-guide.html"
    assert "Showing results for \u201cmarmalade\u201d" in browser.find_element(By.ID, "search-status").text


def test_stop_words_and_short_words_are_not_marked(fixture_site, browser):
    found = type_query(browser, fixture_site, "the police")
    marks = {m.lower() for r in found for m in r["marks"]}
    assert marks == {"police"}
