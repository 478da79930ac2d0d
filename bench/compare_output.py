#!/usr/bin/env python3
"""Builds the same sites with two strategy-site binaries and lists every file that differs.

    python3 bench/compare_output.py OLD_BINARY NEW_BINARY [--documents 1000]
    python3 bench/compare_output.py OLD_BINARY NEW_BINARY --old-templates OLD/Templates --paging

A speed-up must not change what readers get: this builds the real Content/ and a synthetic
corpus (bench/corpus.py, seeded) with both binaries, each into its own temporary folder, and
prints the files only one build wrote and the files whose bytes differ, with the first
differing line. Exit 0 when the outputs are identical, 1 otherwise. Standard library only.

Both builds use Templates/ unless --old-templates names the templates for the old binary
(for a change of binary and templates together; `git archive main Templates | tar -x -C DIR`
writes main's).

With --paging, each difference that bounded pages explain is named as such instead of counted:
a page that is page 2 or later of a list (`themes/recovery/2.html` beside
`themes/recovery.html`); an indicator's own page (`indicators/ni-149.html`, for an entry the
old lookup had); the first page of a list that now has a pager; the home page, once its timeline counts
documents per year; the lookup index itself; the
sitemap, when it lists every page the old one did; the pager's styles added to the end of
`assets/site.css`; and a file whose only change is that links
to `indicators/index.html#ID` now lead to `indicators/ID.html`, and links to a strategy's
column of a theme (`themes/recovery.html#strategy-2010`) to the page where that column now
starts (`themes/recovery/3.html#strategy-2010`). Anything else is still a
difference, and the exit status counts only those.
"""

import argparse
import difflib
import filecmp
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402

OLD_INDICATOR_LINK = re.compile(rb'indicators/index\.html#([a-z0-9-]+)(["\\])')
PAGE_OF_LIST = re.compile(r"^(.*)/(\d+)\.html$")
YEARLY_COUNT = re.compile(rb"</time>: \d+ documents?</li>")
LATER_THEME_PAGE = re.compile(rb'(themes/[a-z0-9-]+)/\d+\.html#')
INDICATOR_PAGE = re.compile(r"^indicators/([a-z0-9-]+)\.html$")


def build(binary, content, templates, output):
    subprocess.run([binary, "build", "--content", content, "--templates", templates,
                    "--output", output], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def paging_reason(relative, old, new):
    """Why bounded pages explain this difference (None when they do not). `old` is None for a
    file only the new build wrote."""
    new_path = os.path.join(new, relative)
    if old is None:
        page = PAGE_OF_LIST.match(relative)
        if page and int(page.group(2)) > 1 and os.path.exists(os.path.join(new, page.group(1) + ".html")):
            return "page 2 or later of a list split into pages (X/N.html beside X.html)"
        indicator = INDICATOR_PAGE.match(relative)
        old_lookup = os.path.join(OLD_ROOT[0], "indicators", "index.html")
        if indicator and os.path.exists(old_lookup) and f'id="{indicator.group(1)}"'.encode() in read(old_lookup):
            return "the indicator's own page"
        return None
    before, after = read(os.path.join(old, relative)), read(new_path)
    if relative == "indicators/index.html":
        return "the lookup index (each entry links to its indicator's page)"
    if relative == "sitemap.xml":
        urls = lambda text: set(re.findall(rb"<loc>([^<]*)</loc>", text))
        return "the sitemap lists the new pages too" if urls(before) <= urls(after) else None
    if relative == "assets/site.css" and after.startswith(before) and b".pager" in after[len(before):]:
        return "the pager's styles, added at the end of the stylesheet"
    rewritten = OLD_INDICATOR_LINK.sub(lambda m: b"indicators/" + m.group(1) + b".html" + m.group(2), before)
    if rewritten == LATER_THEME_PAGE.sub(rb"\1.html#", after):
        return "links lead to an indicator's own page, or to the page of a theme where a column now starts"
    if relative == "index.html" and YEARLY_COUNT.search(after) and not YEARLY_COUNT.search(before):
        return "the home page: its timeline counts documents per year, each strategy lists a share"
    if b'class="pager"' in after:
        return "first page of a list split into pages"
    return None


OLD_ROOT = [""]


def compare(name, old, new, paging=False):
    """Prints the differences between two output folders; returns how many files differ
    (with `paging`, how many differ for another reason than bounded pages)."""
    OLD_ROOT[0] = old
    differences, explained = 0, {}

    def note(relative, old_side, line):
        nonlocal differences
        reason = paging_reason(relative, old_side, new) if paging else None
        if reason:
            explained[reason] = explained.get(reason, 0) + 1
        else:
            print(line)
            differences += 1

    for folder, _, files in os.walk(old):
        for file in files:
            relative = os.path.relpath(os.path.join(folder, file), old)
            other = os.path.join(new, relative)
            if not os.path.exists(other):
                print(f"{name}: only in the old build: {relative}")
                differences += 1
            elif not filecmp.cmp(os.path.join(old, relative), other, shallow=False):
                with open(os.path.join(old, relative), errors="replace") as a, open(other, errors="replace") as b:
                    lines = list(difflib.unified_diff(a.read().splitlines(), b.read().splitlines(), lineterm="", n=0))
                note(relative, old, f"{name}: differs: {relative}: " + (" | ".join(lines[2:4]) if len(lines) > 2 else "(bytes)")[:300])
    for folder, _, files in os.walk(new):
        for file in files:
            relative = os.path.relpath(os.path.join(folder, file), new)
            if not os.path.exists(os.path.join(old, relative)):
                note(relative, None, f"{name}: only in the new build: {relative}")
    for reason, count in sorted(explained.items()):
        print(f"{name}: paging: {count} file(s): {reason}")
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--documents", type=int, default=1000, help="size of the synthetic corpus (default 1000)")
    parser.add_argument("--old-templates", default=os.path.join(ROOT, "Templates"),
                        help="templates for the old binary (default: Templates/, the same as the new)")
    parser.add_argument("--paging", action="store_true", help="name the differences bounded pages explain, and count only the rest")
    arguments = parser.parse_args()
    total = 0
    with tempfile.TemporaryDirectory() as temporary:
        generated = os.path.join(temporary, "corpus")
        corpus.generate(arguments.documents, generated)
        for name, content in [("Content", os.path.join(ROOT, "Content")), (f"corpus of {arguments.documents}", generated)]:
            old, new = os.path.join(temporary, name + "-old"), os.path.join(temporary, name + "-new")
            build(arguments.old, content, arguments.old_templates, old)
            build(arguments.new, content, os.path.join(ROOT, "Templates"), new)
            count = compare(name, old, new, paging=arguments.paging)
            print(f"{name}: {count} file(s) differ" + (" other than by paging" if arguments.paging else ""))
            total += count
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
