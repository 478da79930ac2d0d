"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide no page scrolls sideways; wide tables and
code scroll inside their own box. And screenshots at 1280 and 320 pixels into screenshots/."""

import base64

import pytest

from conftest import SCREENSHOTS, set_viewport

OVERFLOW = """
const width = window.innerWidth;
const offenders = [];
for (const e of document.body.querySelectorAll('*')) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > width + 1 || r.left < -1) {
    // Report the outermost offender only.
    if (!offenders.some(o => o.contains(e))) offenders.push(e);
  }
}
// An element inside a box that scrolls on its own (overflow-x auto/scroll) is fine.
const scrollsInside = e => { for (let p = e.parentElement; p; p = p.parentElement) {
  const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return p !== document.documentElement && p !== document.body; } return false; };
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width,
        offenders: offenders.filter(e => !scrollsInside(e)).slice(0, 5)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ').join('.') : '')
               + ' right=' + Math.round(e.getBoundingClientRect().right))};
"""


def test_no_horizontal_scrolling_at_320px(site, browser):
    set_viewport(browser, 320)
    problems = []
    pages = [site.relative(p) for p in site.pages()] + ["search.html?q=drug treatment"]
    for page in pages:
        browser.get(site.url(page))
        result = browser.execute_script(OVERFLOW)
        assert result["innerWidth"] == 320
        if result["scrollWidth"] > result["innerWidth"]:
            problems.append(f"[{site.name}] {page}: scrollWidth {result['scrollWidth']} > 320; {result['offenders']}")
    print("\n".join(problems))
    print(f"[{site.name}] reflow: {len(pages)} pages, {len(problems)} scroll sideways")
    assert problems == []


def first_theme(site) -> str:
    return sorted(p.name for p in (site.output / "themes").glob("*.html") if p.name != "index.html")[0]


def first_document(site) -> str:
    return sorted(p.name for p in (site.output / "documents").glob("*.html"))[0]


def save_screenshot(browser, path, max_height=4000):
    """The top of the page, up to `max_height` CSS pixels of it."""
    height = min(max_height, browser.execute_script("return document.documentElement.scrollHeight"))
    width = browser.execute_script("return window.innerWidth")
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    path.write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("width", [1280, 320])
def test_screenshots(content_site, fixture_site, browser, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    set_viewport(browser, width, 900)
    pages = {
        "home": (content_site, "index.html"),
        "document": (content_site, "documents/" + first_document(content_site)),
        "theme": (content_site, "themes/" + first_theme(content_site)),
        "indicators": (content_site, "indicators/index.html"),
        "fixture-indicators": (fixture_site, "indicators/index.html"),
        "fixture-document": (fixture_site, "documents/2008-local-guide.html"),
        "search": (content_site, "search.html?q=recovery housing"),
    }
    for name, (site, page) in pages.items():
        browser.get(site.url(page))
        path = SCREENSHOTS / f"{name}-{width}.png"
        save_screenshot(browser, path)
        assert path.stat().st_size > 1000
