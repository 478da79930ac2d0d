"""The offline zip: unpacked anywhere, it reads like the website."""

from __future__ import annotations

import zipfile

from conftest import CONTENT, Site, build_site
from helpers import wait_for
from linkcheck import SiteLinks


def test_zip_unpacked_elsewhere_is_the_whole_site(tmp_path, browser):
    archive = tmp_path / "drug-strategies.zip"
    build_site(CONTENT, tmp_path / "built", "--zip", str(archive))
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert all(name.startswith("drug-strategies/") for name in names)
        bundle.extractall(tmp_path / "elsewhere")
    unpacked = tmp_path / "elsewhere" / "drug-strategies"
    built_pages = sorted(p.relative_to(tmp_path / "built").as_posix() for p in (tmp_path / "built").rglob("*.html"))
    assert sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*.html")) == built_pages

    broken, checked = SiteLinks(unpacked).check()
    assert checked > 100
    assert broken == []

    # Opened from disk, the home page reaches a document and its stylesheet applies.
    site = Site("zip", CONTENT, unpacked)
    browser.get(site.url("index.html"))
    link = browser.find_element("css selector", "a.document-link")
    title = link.text
    link.click()
    wait_for(browser, lambda d: d.find_element("css selector", "h1").text == title, message="document did not open")
    background = browser.execute_script(
        "return getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert background == "rgb(11, 12, 12)"  # --text, #0b0c0c: site.css loaded
