"""What a publisher's readers cite, print and reuse: printed PDFs of a document and of a whole
strategy, the open data files against their schemas, and a link to a paragraph made before
its text was edited."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urldefrag, unquote

import jsonschema

from conftest import CONTENT, FIXTURE_CONTENT, Site, build_site


def printed_text(browser, url: str, tmp_path: Path, name: str) -> tuple[str, int]:
    """The page at `url` printed by Chromium (A4, its print stylesheet): its text, as
    pdftotext reads it, and its number of pages."""
    browser.get(url)
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})["data"])
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return text, pages


def test_a_printed_document_has_its_contents_and_each_address_once(content_site: Site, browser, tmp_path):
    text, pages = printed_text(browser, content_site.url("documents/2017-drug-strategy-briefing.html"), tmp_path, "briefing")
    assert pages > 3
    assert "Contents" in text
    assert "Briefing on the 2017 Drugs Strategy" in text
    # An endnote whose text is its address prints the address once, not again in brackets.
    assert text.count("www.clinks.org/responses") == 1
    # No back links, theme tags, counterpart blocks or site navigation on paper.
    assert "↩" not in text
    assert "Counterparts in the other strategies" not in text
    assert "Skip to main content" not in text
    assert "BibTeX" not in text


def test_a_strategy_prints_as_one_document_with_one_contents_list(content_site: Site, browser, tmp_path):
    strategy_page = (content_site.output / "strategies" / "2010.html").read_text(encoding="utf-8")
    titles = re.findall(r'<a class="document-link" href="[^"]+">([^<]+)</a>', strategy_page)
    assert len(titles) >= 2
    assert 'href="print/2010.html"' in strategy_page
    text, pages = printed_text(browser, content_site.url("strategies/print/2010.html"), tmp_path, "strategy-2010")
    flat = " ".join(text.split())
    # One contents list, then every document of the strategy, in the strategy's order.
    assert flat.count("Contents") == 1
    positions = []
    for title in titles:
        plain = " ".join(title.replace("&amp;", "&").replace("&quot;", '"').split())
        found = [m.start() for m in re.finditer(re.escape(plain), flat)]
        assert len(found) >= 2, f"{plain} should be in the contents and above its text"
        positions.append(found[-1])
    assert positions == sorted(positions)
    # Each document starts on a page of its own.
    assert pages >= len(titles)
    assert "↩" not in text and "Read on its own page" not in text


def test_the_open_data_match_their_schemas_and_point_at_real_places(content_site: Site):
    data = content_site.output / "data"
    document = json.loads((data / "indicators.json").read_text(encoding="utf-8"))
    schema = json.loads((data / "indicators.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert len(document["indicators"]) > 50

    metadata = json.loads((data / "indicators.csv-metadata.json").read_text(encoding="utf-8"))
    tables = {table["url"]: table["tableSchema"]["columns"] for table in metadata["tables"]}
    rows = {}
    for name, columns in tables.items():
        raw = (data / name).read_bytes()
        assert raw.endswith(b"\r\n")
        reader = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert reader[0] == [column["name"] for column in columns]
        decimals = [i for i, column in enumerate(columns) if column["datatype"] == "decimal"]
        for row in reader[1:]:
            assert len(row) == len(columns)
            for i in decimals:
                assert row[i] == "" or re.fullmatch(r"-?\d+(\.\d+)?", row[i]), row
        rows[name] = reader[1:]
    assert [row[0] for row in rows["indicators.csv"]] == [entry["id"] for entry in document["indicators"]]
    values = [(entry["id"], value) for entry in document["indicators"] for value in entry["values"]]
    assert len(rows["indicator-values.csv"]) == len(values)
    assert [(row[0], row[2], row[4]) for row in rows["indicator-values.csv"]] == \
        [(entry, value["value"], value["period"] or "") for entry, value in values]

    # Every figure's address is a page of the site with that id on it.
    checked = 0
    for _, value in values:
        if not value["sourceURL"]:
            continue
        path, fragment = urldefrag(value["sourceURL"])
        page = content_site.output / path
        assert page.is_file(), value
        if fragment:
            assert f'id="{unquote(fragment)}"' in page.read_text(encoding="utf-8"), value
        checked += 1
    assert checked > 40
    lookup = (content_site.output / "indicators" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/indicator-values.csv"' in lookup and 'href="../data/indicators.schema.json"' in lookup


def test_a_link_made_before_an_edit_lands_on_the_edited_paragraph(tmp_path, browser):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "passages.ledger").write_text("", encoding="utf-8")
    output = build_site(content, tmp_path / "before")
    # The longest paragraph of the first document that has one, and the id readers linked.
    documents = sorted((content / "documents").glob("*.md"))
    page_path = None
    for source in documents:
        html = (output / "documents" / f"{source.stem}.html").read_text(encoding="utf-8")
        found = re.findall(r'<p id="(p:[0-9a-f]+)">([A-Z][^<]{60,}?)[<\s]', html)
        if found:
            page_path, (old_id, opening) = f"documents/{source.stem}.html", found[0]
            break
    assert page_path, "the fixture has a paragraph of plain words"
    words = opening.split()
    source_text = source.read_text(encoding="utf-8")
    assert " ".join(words[:6]) in source_text
    # An editor mends one word of it.
    edited = source_text.replace(" ".join(words[:6]), " ".join(words[:5] + [words[5] + "s"]), 1)
    assert edited != source_text
    source.write_text(edited, encoding="utf-8")
    output = build_site(content, tmp_path / "after")
    site = Site("after", content, output)
    browser.get(site.url(page_path + "#" + old_id))
    landed = browser.execute_script(
        "var t = document.querySelector(':target'); if (!t) return null;"
        "var p = t.closest('p'); return {tag: t.tagName, paragraph: p && p.id, text: p && p.textContent,"
        " top: t.getBoundingClientRect().top};")
    assert landed is not None, "the old id is on the page"
    assert landed["paragraph"] != old_id, "the paragraph has a new id of its own"
    assert " ".join(words[:5] + [words[5] + "s"]) in " ".join(landed["text"].split())
    assert 0 <= landed["top"] < 900, "the browser scrolled to it"
    # The citation names the paragraph it was reached at (cite.js).
    citation = browser.find_element("id", "citation-text").text
    assert f".html#{old_id} (accessed" in citation
