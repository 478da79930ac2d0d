"""The built site served by Debian's nginx under a sub-path (/strategies/), as a policy team
would publish it: pages, assets with the right content types, the data scripts, and the
site's own 404 page with a 404 status, at every depth.

nginx is installed by Tests/browser/install.sh; this test only writes a config into a
temporary folder and runs nginx in the foreground on a free loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import CONTENT, build_site

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PREFIX = "/strategies/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(folder: Path, site: Path, port: int) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""  # the site folder may be private to root
    temp = "\n".join(f"  {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
daemon off;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css application/javascript text/javascript;
  access_log off;
{temp}
  server {{
    listen 127.0.0.1:{port};
    location {PREFIX} {{
      alias {site}/;
      index index.html;
      error_page 404 {PREFIX}404.html;
    }}
  }}
}}
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: run Tests/browser/install.sh")
    folder = tmp_path_factory.mktemp("nginx")
    # Built with a base URL, as a published site would be (sitemap.xml, feed.xml).
    site = build_site(CONTENT, folder / "site", "--base-url", "https://example.org" + PREFIX)
    port = free_port()
    config = folder / "nginx.conf"
    config.write_text(nginx_config(folder, site, port))
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(folder), "-e", str(folder / "error.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{PREFIX}"
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
                pytest.fail(f"nginx did not start:\n{output}\n{log}")
            time.sleep(0.05)
    yield base, site
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


class Resources(HTMLParser):
    """The stylesheets, scripts and links of a page."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        elif tag == "a" and attributes.get("href") and not attributes["href"].startswith(("#", "http", "mailto")):
            self.links.append(attributes["href"])


def resources(body: bytes) -> Resources:
    parser = Resources()
    parser.feed(body.decode("utf-8"))
    return parser


def test_pages_and_assets(served):
    base, site = served
    status, kind, body = fetch(base)
    assert status == 200 and kind.startswith("text/html")
    assert body == (site / "index.html").read_bytes()
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        relative = page.relative_to(site).as_posix()
        status, kind, body = fetch(base + relative)
        assert (status, kind.split(";")[0]) == (200, "text/html"), relative
        # Everything the page loads or links to is there, from where it is served.
        found = resources(body)
        for url in found.stylesheets + found.scripts + found.links:
            target = urljoin(base + relative, url).split("#")[0]
            assert fetch(target)[0] == 200, f"{relative}: {url} -> {target}"


@pytest.mark.parametrize("path, types", [
    ("assets/site.css", {"text/css"}),
    ("assets/site.js", {"application/javascript", "text/javascript"}),
    ("assets/search.js", {"application/javascript", "text/javascript"}),
    ("assets/indicators.js", {"application/javascript", "text/javascript"}),
    ("search/manifest.js", {"application/javascript", "text/javascript"}),
    ("search/t/0.js", {"application/javascript", "text/javascript"}),
    ("indicators/indicators-data.js", {"application/javascript", "text/javascript"}),
    ("robots.txt", {"text/plain"}),
    ("sitemap.xml", {"text/xml", "application/xml"}),
    ("feed.xml", {"text/xml", "application/xml", "application/atom+xml"}),
])
def test_asset_content_types(served, path, types):
    base, site = served
    status, kind, body = fetch(base + path)
    assert status == 200, path
    assert kind.split(";")[0].strip() in types, f"{path}: {kind}"
    assert body == (site / path).read_bytes()


@pytest.mark.parametrize("missing", ["no-such-page.html", "documents/no-such-document.html"])
def test_missing_page_gets_the_sites_404(served, missing):
    base, site = served
    status, kind, body = fetch(base + missing)
    assert status == 404
    assert kind.startswith("text/html")
    assert body == (site / "404.html").read_bytes()
    assert b"Page not found" in body


def not_found_resources_load(base: str, missing: str) -> list[str]:
    _, _, body = fetch(base + missing)
    found = resources(body)
    broken = []
    for url in found.stylesheets + found.scripts + found.links:
        target = urljoin(base + missing, url)
        if fetch(target)[0] != 200:
            broken.append(f"{url} -> {target}")
    return broken


def test_404_page_at_the_top_loads_its_css_and_links(served):
    base, _ = served
    assert not_found_resources_load(base, "no-such-page.html") == []


@pytest.mark.parametrize("missing", ["documents/no-such-document.html", "a/b/c/deep.html"])
def test_404_page_deeper_loads_its_css_and_links(served, missing):
    base, _ = served
    assert not_found_resources_load(base, missing) == []


def test_judged_queries_over_nginx(served, browser):
    """The judged queries score as well served under a sub-path as from disk."""
    from search_quality import run_queries
    from test_search_quality import check_quality
    base, _ = served
    check_quality("nginx", run_queries(browser, base + "search.html"))
