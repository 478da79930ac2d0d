"""The judged queries (judged_queries.json) run through the search page's own search, scored
as recall@5 and mean reciprocal rank. Shared by the file:// and nginx tests and by
bench/search_bench.py.

A result is a document with its best sections under it. A judged item 'slug#anchor' is
found at a result whose document is `slug` and whose sections include the anchor; 'slug'
at any result of that document; 'indicators#id' at the lookup's result showing that entry.
Recall@5 is the share of a query's judged items found in its first five results (out of at
most five items); the reciprocal rank is 1/rank of the first result holding a judged item.
"""

from __future__ import annotations

import json
from pathlib import Path

JUDGED = Path(__file__).with_name("judged_queries.json")


def judged_queries() -> list[dict]:
    return json.loads(JUDGED.read_text(encoding="utf-8"))["queries"]


def item_of(url: str) -> tuple[str, str]:
    """('slug', 'anchor') of a result URL relative to the site root."""
    path, _, anchor = url.partition("#")
    if path.startswith("indicators/"):
        return "indicators", anchor
    name = path.rsplit("/", 1)[-1]
    return (name[:-5] if name.endswith(".html") else name), anchor


def found_at(judged: str, result: dict) -> bool:
    slug, _, anchor = judged.partition("#")
    if item_of(result["url"])[0] != slug:
        return False
    if not anchor:
        return True
    return any(item_of(section) == (slug, anchor) for section in result["sections"])


def score(query: dict, results: list[dict]) -> dict:
    relevant = query["relevant"]
    if not relevant:
        return {"query": query["query"], "recall": None, "rr": None, "results": len(results)}
    top = results[:5]
    hits = sum(1 for item in relevant if any(found_at(item, r) for r in top))
    rr = 0.0
    for rank, result in enumerate(results, 1):
        if any(found_at(item, result) for item in relevant):
            rr = 1 / rank
            break
    return {"query": query["query"], "recall": hits / min(len(relevant), 5), "rr": rr, "results": len(results)}


def summary(scores: list[dict]) -> dict:
    judged = [s for s in scores if s["recall"] is not None]
    return {
        "recall@5": sum(s["recall"] for s in judged) / len(judged),
        "mrr": sum(s["rr"] for s in judged) / len(judged),
        "queries": len(scores),
    }


SEARCH_SCRIPT = """
const done = arguments[arguments.length - 1];
const wait = () => window.StrategySiteSearch ? window.StrategySiteSearch.search(arguments[0])
    .then(r => done(r), e => done({error: String(e)})) : setTimeout(wait, 20);
wait();
"""


def run_queries(driver, search_url: str) -> list[dict]:
    """Opens search.html at `search_url` and scores every judged query."""
    driver.get(search_url)
    scores = []
    for query in judged_queries():
        found = driver.execute_async_script(SEARCH_SCRIPT, query["query"])
        assert "error" not in found, f"{query['query']!r}: {found.get('error')}"
        scores.append(score(query, found["documents"]) | {"top": [r["url"] for r in found["documents"][:5]]})
    return scores


def report(name: str, scores: list[dict]) -> str:
    lines = [f"[{name}] " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in summary(scores).items())]
    for s in scores:
        if s["recall"] is None:
            lines.append(f"  {s['query']!r}: no answer judged, {s['results']} results")
        else:
            lines.append(f"  {s['query']!r}: recall@5 {s['recall']:.2f}, rr {s['rr']:.2f}")
    return "\n".join(lines)
