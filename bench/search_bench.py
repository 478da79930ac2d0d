#!/usr/bin/env python3
"""`make bench` (and `make bench-search`): the site's search against Pagefind, side by side.

    .venv-browser/bin/python bench/search_bench.py                   # Content/ and 10,000 documents
    .venv-browser/bin/python bench/search_bench.py --sizes content,1000

For each library (the real Content/, with the judged queries of
Tests/browser/judged_queries.json; or a synthetic corpus of bench/corpus.py, with a fixed set
of queries over its words) it builds the site with strategy-site (release), indexes the same
built pages with Pagefind (PyPI `pagefind-bin`, installed into .build/pagefind/; the document
pages and the indicator lookup, which is what our search covers), serves the
folder on loopback and drives headless Chromium (Debian's, as the browser tests) with the
cache disabled. Per query, in a freshly loaded page:

- bytes loaded: every response's body (the page, its scripts and styles, the index data and
  the excerpts of the results shown: ten documents' for ours, ten results' data() for
  Pagefind, loaded by a bare page that only imports pagefind.js);
- time to results: from the query's last key (an input event in our page, the
  pagefind.search() call for Pagefind) to the results shown with their excerpts, any
  debounce included;
- page load: from navigation to the search being ready (our manifest loaded and the filters
  shown; pagefind.init() done);
- on Content/, recall@5 and MRR of the judged queries, scored as the browser tests do.

It also reports each index's bytes on disk (ours: search/ and assets/search.js; Pagefind's:
pagefind/ without its UI files) and our largest data script. Pagefind needs fetch and
WebAssembly, so both are served over HTTP here; ours also works from file://.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "Tests" / "browser"))
import corpus  # noqa: E402
from search_quality import judged_queries, score, summary  # noqa: E402

PAGEFIND_VERSION = "1.5.2"
PAGEFIND_DIR = ROOT / ".build" / "pagefind"
# Over the synthetic corpus' words (bench/corpus.py): single words, pairs, a phrase, codes.
SYNTHETIC_QUERIES = ["treatment", "housing", "recovery services", "needle exchange", "mutual aid peer mentors",
                     "probation courts", "NI 149", "psa25", "tenancy hostels", "crack cocaine market",
                     "volunteers charities advice", "continuity of care"]
UI_FILES = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight")


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def pagefind_binary() -> Path:
    binary = PAGEFIND_DIR / "pagefind_bin" / "pagefind"
    if not binary.exists():
        log(f"installing pagefind-bin {PAGEFIND_VERSION} into {PAGEFIND_DIR}…")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(PAGEFIND_DIR),
                        f"pagefind-bin=={PAGEFIND_VERSION}"], check=True)
    return binary


def build(binary: str, content: Path, output: Path) -> float:
    start = time.perf_counter()
    subprocess.run([binary, "build", "--content", str(content), "--templates", str(ROOT / "Templates"),
                    "--output", str(output)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def tree_bytes(folder: Path, skip=()) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.name.startswith(skip))


class Server:
    """The site folder over HTTP on loopback, quietly."""

    def __init__(self, folder: Path):
        handler = functools.partial(Quiet, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


PAGEFIND_PAGE = """<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
const started = performance.now();
window.pagefind = await import("./pagefind/pagefind.js");
await window.pagefind.init();
window.pagefindReady = performance.now();
</script></html>
"""

LOADED_BYTES = """
return [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize || 0), 0);
"""

OUR_QUERY = """
const done = arguments[arguments.length - 1];
const query = arguments[0];
const input = document.getElementById('search-query'), status = document.getElementById('search-status');
const started = performance.now();
input.value = query;
input.dispatchEvent(new Event('input', {bubbles: true}));
const check = () => {
  const list = document.getElementById('search-results');
  if (list.getAttribute('data-query') === query || /No results/.test(status.textContent)) {
    done({ms: performance.now() - started});
  } else { requestAnimationFrame(check); }
};
check();
"""

PAGEFIND_QUERY = """
const done = arguments[arguments.length - 1];
const started = performance.now();
window.pagefind.search(arguments[0]).then(r => Promise.all(r.results.slice(0, 10).map(x => x.data())))
  .then(data => done({ms: performance.now() - started,
                      results: data.map(d => ({url: d.url.replace(/^\\//, ''), sections: d.sub_results.map(s => s.url.replace(/^\\//, ''))}))}),
        e => done({error: String(e)}));
"""


def run_ours(driver, base: str, queries: list[str]) -> list[dict]:
    out = []
    for query in queries:
        driver.get(base + "search.html")
        ready = wait(driver, "return document.querySelector('.search-filters') ? performance.now() : null")
        timing = driver.execute_async_script(OUR_QUERY, query)
        found = driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; StrategySiteSearch.search(arguments[0]).then(done)", query)
        out.append({"query": query, "load_ms": ready, "ms": timing["ms"], "bytes": driver.execute_script(LOADED_BYTES),
                    "results": found["documents"]})
    return out


def run_pagefind(driver, base: str, queries: list[str]) -> list[dict]:
    out = []
    for query in queries:
        driver.get(base + "bench-pagefind.html")
        ready = wait(driver, "return window.pagefindReady || null")
        found = driver.execute_async_script(PAGEFIND_QUERY, query)
        if "error" in found:
            raise RuntimeError(f"pagefind {query!r}: {found['error']}")
        out.append({"query": query, "load_ms": ready, "ms": found["ms"], "bytes": driver.execute_script(LOADED_BYTES),
                    "results": found["results"]})
    return out


def wait(driver, script: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value is not None:
            return value
        time.sleep(0.01)
    raise RuntimeError(f"timed out: {script}")


def bench_library(name: str, content: Path, work: Path, binary: str, driver, queries: list[dict] | list[str]) -> dict:
    site = work / "site"
    log(f"\n== {name}: building…")
    build_seconds = build(binary, content, site)
    ours_index = tree_bytes(site / "search") + (site / "assets" / "search.js").stat().st_size
    largest = max(p.stat().st_size for p in (site / "search").rglob("*.js"))
    log(f"  built in {build_seconds:.1f} s; indexing with Pagefind…")
    start = time.perf_counter()
    # Over the documents and the lookup, the pages our search covers (theme and list pages
    # would only compete with them).
    subprocess.run([str(pagefind_binary()), "--site", str(site), "--glob", "{documents/*.html,indicators/index.html}"],
                   check=True, stdout=subprocess.DEVNULL)
    pagefind_seconds = time.perf_counter() - start
    pagefind_index = tree_bytes(site / "pagefind", skip=UI_FILES)
    (site / "bench-pagefind.html").write_text(PAGEFIND_PAGE)
    texts = [q["query"] if isinstance(q, dict) else q for q in queries]
    server = Server(site)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        log(f"  {len(texts)} queries, ours…")
        ours = run_ours(driver, server.base, texts)
        log("  … and Pagefind's")
        theirs = run_pagefind(driver, server.base, texts)
    finally:
        server.close()
    result = {"library": name, "build_seconds": build_seconds, "pagefind_seconds": pagefind_seconds,
              "index_bytes": {"ours": ours_index, "pagefind": pagefind_index}, "largest_script": largest,
              "queries": []}
    for mine, other, query in zip(ours, theirs, queries):
        row = {"query": mine["query"], "ours": {k: mine[k] for k in ("ms", "bytes", "load_ms")},
               "pagefind": {k: other[k] for k in ("ms", "bytes", "load_ms")}}
        if isinstance(query, dict):
            row["ours"] |= score(query, mine["results"])
            row["pagefind"] |= score(query, other["results"])
        result["queries"].append(row)
    if isinstance(queries[0], dict):
        for tool in ("ours", "pagefind"):
            result[tool + "_quality"] = summary([q[tool] for q in result["queries"]])
    return result


def median(rows, tool, key):
    return statistics.median(r[tool][key] for r in rows)


def report(results: list[dict]) -> str:
    lines = ["", "Search: strategy-site against Pagefind " + PAGEFIND_VERSION + " (same built site, same queries, headless Chromium, cache off)"]
    goals = []
    for r in results:
        q = r["queries"]
        ib, pb = r["index_bytes"]["ours"], r["index_bytes"]["pagefind"]
        lines.append(f"\n{r['library']}: {len(q)} queries")
        lines.append(f"  {'':34} {'ours':>12} {'Pagefind':>12} {'ratio':>7}")

        def row(label, a, b, unit=""):
            ratio = f"{a / b:.2f}" if b else "-"
            lines.append(f"  {label:34} {a:>12,.1f}{unit} {b:>12,.1f}{unit} {ratio:>7}")
        row("index on disk, KB", ib / 1024, pb / 1024)
        row("bytes per query, median KB", median(q, "ours", "bytes") / 1024, median(q, "pagefind", "bytes") / 1024)
        row("bytes per query, largest KB", max(x["ours"]["bytes"] for x in q) / 1024, max(x["pagefind"]["bytes"] for x in q) / 1024)
        row("time to results, median ms", median(q, "ours", "ms"), median(q, "pagefind", "ms"))
        row("page load to ready, median ms", median(q, "ours", "load_ms"), median(q, "pagefind", "load_ms"))
        lines.append(f"  largest data script: {r['largest_script'] / 1024:,.1f} KB; build {r['build_seconds']:.1f} s, Pagefind indexing {r['pagefind_seconds']:.1f} s")
        if "ours_quality" in r:
            o, p = r["ours_quality"], r["pagefind_quality"]
            lines.append(f"  recall@5: ours {o['recall@5']:.2f}, Pagefind {p['recall@5']:.2f}; MRR: ours {o['mrr']:.2f}, Pagefind {p['mrr']:.2f}")
            for x in q:
                if x["ours"].get("recall") is not None:
                    lines.append(f"    {x['query']!r:34} recall@5 {x['ours']['recall']:.2f} / {x['pagefind']['recall']:.2f}, "
                                 f"rr {x['ours']['rr']:.2f} / {x['pagefind']['rr']:.2f}")
                else:
                    lines.append(f"    {x['query']!r:34} no answer: {x['ours']['results']} / {x['pagefind']['results']} results")
            goals.append((f"{r['library']}: recall@5 and MRR at least Pagefind's", o["recall@5"] >= p["recall@5"] and o["mrr"] >= p["mrr"],
                          f"{o['recall@5']:.2f}/{p['recall@5']:.2f}, {o['mrr']:.2f}/{p['mrr']:.2f}"))
        bytes_median = median(q, "ours", "bytes")
        goals += [
            (f"{r['library']}: bytes per query ≤ 300 KB and ≤ Pagefind's (median)", bytes_median <= 300 * 1024 and bytes_median <= median(q, "pagefind", "bytes"),
             f"{bytes_median / 1024:.0f} KB vs {median(q, 'pagefind', 'bytes') / 1024:.0f} KB"),
            (f"{r['library']}: index ≤ 1.5 × Pagefind's", ib <= 1.5 * pb, f"{ib / pb:.2f} ×"),
            (f"{r['library']}: largest data script ≤ 512 KB", r["largest_script"] <= 512 * 1024, f"{r['largest_script'] / 1024:.0f} KB"),
            (f"{r['library']}: time to results ≤ 200 ms (median)", median(q, "ours", "ms") <= 200, f"{median(q, 'ours', 'ms'):.0f} ms"),
            (f"{r['library']}: page load ≤ 500 ms (median)", median(q, "ours", "load_ms") <= 500, f"{median(q, 'ours', 'load_ms'):.0f} ms"),
        ]
    lines.append("\nGoals:")
    lines += [f"  {'met   ' if ok else 'MISSED'} {name}: {value}" for name, ok, value in goals]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="The site's search against Pagefind.")
    parser.add_argument("--sizes", default="content,10000", help="'content' and/or document counts, comma-separated")
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "strategy-site"))
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if not Path(args.binary).exists():
        sys.exit(f"{args.binary} is missing: run `swift build -c release --product strategy-site`")
    from conftest import make_driver  # the browser tests' Chromium, offline and headless

    work = Path(tempfile.mkdtemp(prefix="strategy-site-search-bench-"))
    driver = make_driver()
    results = []
    try:
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            folder = work / size
            folder.mkdir()
            if size == "content":
                results.append(bench_library("Content/", ROOT / "Content", folder, args.binary, driver, judged_queries()))
            else:
                count = int(size.replace("_", ""))
                log(f"\n== generating {count:,} documents…")
                subprocess.run([sys.executable, str(HERE / "corpus.py"), str(count), str(folder / "content")], check=True,
                               stdout=subprocess.DEVNULL)
                results.append(bench_library(f"{count:,} documents", folder / "content", folder, args.binary, driver, SYNTHETIC_QUERIES))
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        driver.quit()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
