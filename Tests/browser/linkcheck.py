"""A link checker for a built site folder, with the standard library only.

Every relative URL in the HTML pages (href, src, srcset, SVG xlink:href), in the CSS files
(url(...)) and in the search fragments (search/d/) must lead to a file inside the site, and every #fragment
must be an id (or an <a name>) in the page it points at. URLs with a scheme (http:, https:,
mailto:, tel:, data:) are not fetched; javascript: URLs and links that leave the site folder
are errors.

Usage: python linkcheck.py SITE_FOLDER   (prints one line per broken link; exit 1 if any)
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL_ATTRIBUTES = {"href", "src", "xlink:href", "poster", "data", "action", "cite"}
SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "data"}


@dataclass(frozen=True)
class Broken:
    page: str
    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.url}: {self.reason}"


class PageParser(HTMLParser):
    """Collects the ids and the URLs (with their line numbers) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in URL_ATTRIBUTES:
                if tag == "form" and name == "action" and value == "":
                    continue
                self.urls.append((line, value))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.urls.append((line, url))

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


class SiteLinks:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._pages: dict[Path, PageParser] = {}

    def page(self, path: Path) -> PageParser:
        if path not in self._pages:
            self._pages[path] = parse_page(path)
        return self._pages[path]

    def check_url(self, source: Path, line: int, url: str) -> Broken | None:
        """None when `url`, found in `source`, leads to an existing file and fragment."""
        where = source.relative_to(self.root).as_posix()
        parts = urlsplit(url)
        if parts.scheme:
            if parts.scheme.lower() in SKIPPED_SCHEMES:
                return None
            return Broken(where, line, url, f"scheme '{parts.scheme}:' is not allowed")
        if parts.netloc:
            return None  # protocol-relative: external
        if parts.path.startswith("/"):
            return Broken(where, line, url, "root-relative URL: breaks from file:// and under a sub-path")
        if parts.path:
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(where), unquote(parts.path)))
            if joined == ".." or joined.startswith("../"):
                return Broken(where, line, url, "leads outside the site folder")
            target = self.root / joined
            if target.is_dir():
                return Broken(where, line, url, "is a folder: from file:// a folder link shows a listing, link its index.html")
            if not target.is_file():
                return Broken(where, line, url, f"no such file {joined}")
        else:
            target = source
        if parts.fragment:
            if target.suffix != ".html":
                return Broken(where, line, url, "fragment on a file that is not a page")
            fragment = unquote(parts.fragment)
            if fragment not in self.page(target).ids:
                return Broken(where, line, url, f"no id '{fragment}' in {target.relative_to(self.root).as_posix()}")
        return None

    def check(self) -> tuple[list[Broken], int]:
        """Every broken link of the site, and how many URLs were checked."""
        broken: list[Broken] = []
        checked = 0
        for page in sorted(self.root.rglob("*.html")):
            for line, url in self.page(page).urls:
                checked += 1
                if problem := self.check_url(page, line, url):
                    broken.append(problem)
        for stylesheet in sorted(self.root.rglob("*.css")):
            text = stylesheet.read_text(encoding="utf-8")
            for match in re.finditer(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text):
                line = text.count("\n", 0, match.start()) + 1
                checked += 1
                if problem := self.check_url(stylesheet, line, match.group(1)):
                    broken.append(problem)
        # The search page is at the root, and the fragments' URLs are relative to the root.
        search_page = self.root / "search.html"
        for fragment in sorted((self.root / "search" / "d").glob("*.js")):
            value = load_search_data(fragment)
            for section in value["sections"]:
                url = value["url"] + ("#" + section[0] if section[0] else "")
                checked += 1
                if problem := self.check_url(search_page, 0, url):
                    broken.append(Broken(fragment.relative_to(self.root).as_posix(), 0, problem.url,
                                         problem.reason + f" (section '{section[1]}')"))
        return broken, checked


def load_search_data(path: Path):
    """The value a search data script hands to `StrategySiteSearchData(kind, key, value);`."""
    text = path.read_text(encoding="utf-8").strip()
    match = re.match(r'StrategySiteSearchData\("[a-z]+","[^"]*",(.*)\);$', text, re.S)
    if not match:
        raise ValueError(f"{path}: not a search data script")
    return json.loads(match.group(1))


def load_script_json(path: Path, name: str):
    """The value of `window.NAME = <json>;` in a data script."""
    text = path.read_text(encoding="utf-8").strip()
    prefix = f"window.{name} = "
    if not text.startswith(prefix):
        raise ValueError(f"{path} does not start with {prefix!r}")
    return json.loads(text[len(prefix):].rstrip(";"))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    broken, checked = SiteLinks(Path(argv[1])).check()
    for problem in broken:
        print(problem)
    print(f"{checked} links checked, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
