#!/usr/bin/env python3
"""Synthetic corpus for the StrategySite benchmark, in the content contract of the README.

    python3 bench/corpus.py 1000 /tmp/corpus-1000      # writes /tmp/corpus-1000/{site,themes,indicators}.yml, documents/

Deterministic: the same count and seed give byte-identical files. Each document has front
matter, an introduction, three to six `##` sections with `<!-- themes: ... -->` comments
(some `###` subsections inherit their parent's themes), paragraphs with indicator mentions
("NI 149", "PSA25"), `doc:` links to other documents and to their headings' anchors,
`theme:` and `indicator:` links, bullet and numbered lists, and pipe tables.
Standard library only.
"""

import argparse
import os
import random
import re
import sys

SEED = 2024

STRATEGIES = ["2008", "2010", "2017"]
YEARS = {"2008": (2008, 2010), "2010": (2010, 2016), "2017": (2017, 2023)}

SITE_YML = """\
# Synthetic benchmark corpus (bench/corpus.py).
title: Benchmark corpus
language: en-GB
description: A synthetic corpus for timing builds.
strategies:
  "2008":
    title: "Drugs: protecting families and communities"
    short-title: 2008 strategy
    published: 2008-02
    summary: The 2008 strategy.
    themes:
      - Protecting communities
      - Preventing harm to children, young people and families
  "2010":
    title: "Drug Strategy 2010"
    short-title: 2010 strategy
    published: 2010-12-08
    summary: The 2010 strategy.
    ambitions:
      - To reduce illicit and other harmful drug use
    themes:
      - Reducing demand
      - Restricting supply
      - Building recovery
  "2017":
    title: Drug Strategy 2017
    short-title: 2017 strategy
    published: 2017-07
    summary: The 2017 strategy.
governments:
  - name: Labour government
    from: 1997-05-02
    to: 2010-05-11
  - name: Coalition government
    from: 2010-05-11
    to: 2015-05-08
  - name: Conservative government
    from: 2015-05-08
"""

THEMES = [
    ("prevention", "Prevention and reducing demand"),
    ("enforcement", "Enforcement and restricting supply"),
    ("recovery", "Treatment and recovery"),
    ("families", "Children, young people and families"),
    ("communities", "Communities and public information"),
    ("criminal-justice", "Criminal justice, offenders and prisons"),
    ("reintegration", "Housing and employment"),
    ("localism", "Commissioning, funding and localism"),
    ("outcomes", "Measuring outcomes"),
    ("nps", "New psychoactive substances"),
    ("global", "Global action"),
]
THEME_IDS = [t for t, _ in THEMES]

WORDS = """
local partnership treatment recovery services families young people communities housing employment
support commissioning funding outcomes prisons offenders police enforcement supply demand prevention
education information alcohol dependence health safety evidence strategy delivery accountability
assessment access care plans workforce training progress monitoring partners residents schools
drugs misuse harm reduction needle exchange opiate crack cocaine cannabis heroin substances market
council authority agency teams practitioners outreach pathways referral review quality priorities
targets measures data reporting budgets grants pilot programme approach framework guidance action
early intervention support networks mutual aid peer mentors volunteers charities advice benefits
skills work training education tenancy hostels probation courts custody release continuity
""".split()

PUBLISHERS = ["HM Government", "Home Office", "Department of Health", "Local Drug Partnership",
              "County Council", "Public Health England", "Clinks", "London Drug Policy Forum"]
TYPES = ["Strategy summary", "Local briefing", "Guide", "Progress report", "Consultation response"]


def slugify(text):
    """The anchor Slugger.slug gives an ASCII heading (Sources/StrategySite/Parse/Slugger.swift)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.replace("'", "").lower()).strip("-")
    return slug or "section"


def indicators(rng):
    """PSAs, national indicators, 2010 outcomes and 2017 measures, as (id, code, record)."""
    records = []
    for n in range(1, 31):
        records.append(dict(id=f"psa-{n}", code=f"PSA {n}", strategy="2008", kind="psa"))
    for n in range(100, 200):
        records.append(dict(id=f"ni-{n}", code=f"NI {n}", strategy="2008", kind="national-indicator",
                            parent=f"psa-{1 + n % 30}", aliases=[f"N.I. {n}"] if n % 10 == 0 else []))
    for n in range(1, 21):
        records.append(dict(id=f"ro-{n}", code=f"RO {n}", strategy="2010", kind="outcome",
                            related=[f"ni-{100 + n * 3}"]))
    for n in range(1, 21):
        records.append(dict(id=f"om-{n}", code=f"OM {n}", strategy="2017", kind="measure",
                            related=[f"ro-{n}"]))
    for index, record in enumerate(records):
        record["title"] = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        record["themes"] = sorted(set(rng.sample(THEME_IDS, 2)))
        record["local-monitoring"] = " ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + "."
        if index % 4 == 0:
            start = rng.randrange(2008, 2016)
            record["values"] = [(f"{rng.uniform(1, 60):.1f}%", str(start + k)) for k in range(3)]
    return records


def indicators_yml(records, figures_source):
    out = ["# Synthetic indicators (bench/corpus.py)."]
    for r in records:
        out.append(f"- id: {r['id']}")
        out.append(f"  code: {r['code']}")
        out.append(f"  title: {r['title']}")
        out.append(f"  strategy: \"{r['strategy']}\"")
        out.append(f"  kind: {r['kind']}")
        if r.get("parent"):
            out.append(f"  parent: {r['parent']}")
        out.append(f"  themes: [{', '.join(r['themes'])}]")
        if r.get("aliases"):
            out.append("  aliases: [" + ", ".join(f'"{a}"' for a in r["aliases"]) + "]")
        out.append(f"  local-monitoring: {r['local-monitoring']}")
        if r.get("related"):
            out.append(f"  related: [{', '.join(r['related'])}]")
        if r.get("values"):
            out.append("  values:")
            for value, date in r["values"]:
                out.append(f"    - {{ value: \"{value}\", date: \"{date}\", source: \"{figures_source}\" }}")
    return "\n".join(out) + "\n"


def themes_yml():
    out = ["# Synthetic themes (bench/corpus.py)."]
    for theme_id, title in THEMES:
        out += [f"- id: {theme_id}", f"  title: {title}", f"  summary: Sections about {title.lower()}.", ""]
    return "\n".join(out)


class Plan:
    """What a document is made of, derived from its own seeded generator alone, so any
    document can name another's headings (for `doc:slug#anchor` links) without generating it."""

    def __init__(self, seed, index):
        rng = random.Random(seed * 1_000_003 + index)
        self.rng = rng
        self.index = index
        self.slug = f"d{index:05d}-" + "-".join(rng.choice(WORDS) for _ in range(2))
        self.strategy = STRATEGIES[index % 3]
        self.headings = []  # (level, text, themes or None)
        for s in range(1, rng.randint(3, 6) + 1):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5)))
            self.headings.append((2, f"{s}. {words.capitalize()}", rng.sample(THEME_IDS, rng.randint(1, 3))))
            for sub in range(1, rng.randint(0, 2) + 1):
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4)))
                themes = rng.sample(THEME_IDS, rng.randint(1, 2)) if rng.random() < 0.5 else None
                self.headings.append((3, f"{s}.{sub} {words.capitalize()}", themes))

    @property
    def anchors(self):
        return [slugify(text) for _, text, _ in self.headings]


def sentence(rng, codes, count, targets):
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    roll = rng.random()
    if roll < 0.25:  # a plain mention of an indicator code, linked automatically
        code = rng.choice(codes)
        words.insert(rng.randrange(1, len(words)), code if rng.random() < 0.8 else code.replace(" ", ""))
    elif roll < 0.33:
        words.insert(rng.randrange(1, len(words)), f"[{rng.choice(WORDS)} {rng.choice(WORDS)}]({targets()})")
    elif roll < 0.40:
        words.insert(rng.randrange(1, len(words)), f"**{rng.choice(WORDS)} {rng.choice(WORDS)}**")
    elif roll < 0.43:
        words.insert(rng.randrange(1, len(words)), f"`{rng.choice(WORDS)}`")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def document(seed, index, count, codes, indicator_ids, figures=()):
    plan = Plan(seed, index)
    rng = plan.rng

    def target():
        roll = rng.random()
        if roll < 0.55:
            other = Plan(seed, rng.randrange(count))
            return f"doc:{other.slug}#{rng.choice(other.anchors)}"
        if roll < 0.8:
            return f"doc:{Plan(seed, rng.randrange(count)).slug}"
        if roll < 0.9:
            return f"theme:{rng.choice(THEME_IDS)}"
        return f"indicator:{rng.choice(indicator_ids)}"

    def paragraph():
        return " ".join(sentence(rng, codes, count, target) for _ in range(rng.randint(2, 5)))

    low, high = YEARS[plan.strategy]
    year = rng.randint(low, high)
    precision = rng.random()
    published = (f"{year}" if precision < 0.1 else f"{year}-{rng.randint(1, 12):02d}" if precision < 0.3
                 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).title()
    summary = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 30))).capitalize() + "."
    out = [
        "---",
        f'title: "{title} ({index})"',
        f'strategy: "{plan.strategy}"',
        f"type: {rng.choice(TYPES)}",
        f"published: {published}",
        f"publisher: {rng.choice(PUBLISHERS)}",
        f"summary: {summary}",
        f"source: {index:03d}_{rng.getrandbits(64):016x}.txt",
        "---",
        "",
        paragraph(),
        "",
    ]
    if figures:  # every indicator value is written here, where indicators.yml says it is
        out += ["Figures: " + ", ".join(figures) + ".", ""]
    for level, text, themes in plan.headings:
        out.append("#" * level + " " + text)
        if themes:
            out.append(f"<!-- themes: {', '.join(themes)} -->")
        out.append("")
        for _ in range(rng.randint(1, 3)):
            out += [paragraph(), ""]
        roll = rng.random()
        if roll < 0.35:
            bullet = "-" if rng.random() < 0.6 else None
            for n in range(1, rng.randint(3, 7) + 1):
                out.append(f"{bullet or f'{n}.'} {sentence(rng, codes, count, target)}")
            out.append("")
        elif roll < 0.5:
            years = sorted(rng.sample(range(2008, 2024), 3))
            out.append("| Measure | " + " | ".join(map(str, years)) + " |")
            out.append("| --- | " + " | ".join("---:" for _ in years) + " |")
            for _ in range(rng.randint(2, 6)):
                label = rng.choice(codes) if rng.random() < 0.5 else rng.choice(WORDS).capitalize()
                out.append(f"| {label} | " + " | ".join(f"{rng.uniform(0, 100):.1f}%" for _ in years) + " |")
            out.append("")
    return plan.slug, "\n".join(out)


def generate(count, directory, seed=SEED):
    """Writes the corpus; returns (documents, bytes of Markdown)."""
    os.makedirs(os.path.join(directory, "documents"), exist_ok=True)
    rng = random.Random(seed)
    records = indicators(rng)
    codes = [r["code"] for r in records]
    ids = [r["id"] for r in records]
    with open(os.path.join(directory, "site.yml"), "w") as f:
        f.write(SITE_YML)
    with open(os.path.join(directory, "themes.yml"), "w") as f:
        f.write(themes_yml())
    with open(os.path.join(directory, "indicators.yml"), "w") as f:
        f.write(indicators_yml(records, f"doc:{Plan(seed, 0).slug}"))
    figures = [f"{value} in {date}" for r in records for value, date in r.get("values", [])]
    total = 0
    for index in range(count):
        slug, text = document(seed, index, count, codes, ids, figures if index == 0 else ())
        data = text.encode()
        total += len(data)
        with open(os.path.join(directory, "documents", slug + ".md"), "wb") as f:
            f.write(data)
    return count, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    documents, size = generate(args.count, args.directory, args.seed)
    print(f"{documents} documents, {size / 1e6:.1f} MB of Markdown in {args.directory}", file=sys.stderr)


if __name__ == "__main__":
    main()
