"""Every relative link, script, stylesheet and search result of the built sites resolves."""

from pathlib import Path

from linkcheck import SiteLinks


def test_no_broken_links(site):
    broken, checked = SiteLinks(site.output).check()
    for problem in broken:
        print(f"[{site.name}] {problem}")
    print(f"[{site.name}] {checked} links checked, {len(broken)} broken")
    assert checked > 0
    assert broken == [], f"{len(broken)} broken links in the {site.name} site (listed above)"


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_link_checker_finds_each_kind_of_break(tmp_path):
    """The checker itself: a site with one of each problem, and links that are fine."""
    write(tmp_path, "index.html", """<!DOCTYPE html><title>x</title>
<p id="top"><a href="docs/a.html#there">ok</a> <a href="#top">ok</a> <a href="https://example.org/x">external</a>
<a href="mailto:a@example.org">mail</a> <img src="img.png" alt="" srcset="img.png 1x, missing@2x.png 2x">
<a href="docs/a.html#nowhere">bad fragment</a> <a href="docs/missing.html">missing</a>
<a href="/abs.html">absolute</a> <a href="../outside.html">outside</a> <a href="docs">folder</a>
<a href="javascript:alert(1)">js</a> <a href="#nope">bad local fragment</a>""")
    write(tmp_path, "img.png", "")
    write(tmp_path, "docs/a.html", '<!DOCTYPE html><title>a</title><h2 id="there">t</h2><a name="old"></a>'
                                   '<a href="../index.html#top">ok</a> <a href="a.html#old">ok</a>')
    write(tmp_path, "assets/site.css", "a { background: url('../img.png'); } b { background: url(nothing.svg); }")
    write(tmp_path, "search/d/0.js", 'StrategySiteSearchData("document","0",{"url":"docs/a.html","title":"A","meta":"",'
                                      '"sections":[["there","A",""],["gone","B",""]]});\n')
    broken, checked = SiteLinks(tmp_path).check()
    found = sorted((b.page, b.url) for b in broken)
    assert found == sorted([
        ("index.html", "missing@2x.png"),
        ("index.html", "docs/a.html#nowhere"),
        ("index.html", "docs/missing.html"),
        ("index.html", "/abs.html"),
        ("index.html", "../outside.html"),
        ("index.html", "docs"),
        ("index.html", "javascript:alert(1)"),
        ("index.html", "#nope"),
        ("assets/site.css", "nothing.svg"),
        ("search/d/0.js", "docs/a.html#gone"),
    ]), "\n".join(map(str, broken))
    assert checked == 20
