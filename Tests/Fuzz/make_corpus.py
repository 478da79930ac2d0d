#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus (Tests/Fuzz/corpus/) from Content/ and the fixture
sites, plus the inputs that once broke an invariant (written by hand below, or copied from
.build-fuzz/crashes/ as found-*, which this script keeps). Each seed is at most MAX bytes, so the
corpus stays small and libFuzzer's inputs short. Run from the repository root; the output is
committed, so run it again only when the content changes a lot."""
import hashlib
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests/Fuzz/corpus"
MAX = 3000

# Inputs found by fuzzing, kept so every run starts from them.
MARKDOWN_CASES = [
    "a|b\n-|:\n",
    "[a *b [^1] c*](http://x.example)\n\n[^1]: n\n",
    "a[^1]\n\n[^1]: one\n[^2]: two[^1]\n",
    "Text[^1].\n\n[^1]: > quote\n\n        code\n",
    "| a\\\\|b |\n| - |\n| c |\n",
    "word [^1] | NI 149 " * 50 + "\n\n[^1]: n\n",
    "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <a href=\"http://evil.example\">y</a>\n",
    "## Contents\n\n## Note 1\n\n[^1]\n\n[^1]: x\n",
    "a[^1]\n\n[^1]: <https:x>\n\n[^1]: A note [a *b [^1] c*](http://x.example)\n",
    "a[^1]\n\n[^1]: > quote\n\n    Online: <https://x.example/a>\n",
    "x[^1]\n\n[^1]: t[a *b [c <https://x.example/a> d [^1] e*](http://y.example)\n",
]
YAML_CASES = [
    "k0: &a0 [x, x, x, x, x, x, x, x, x, x]\nk1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n? *a1\n: 1\n",
    'title: T\nstrategies:\n  "2010": { title: A }\n  2010: { title: B }\n  "2017!": { title: C }\n  ? [a, b]\n  : { title: D }\n',
    "- { id: a, title: A, strategy: \"2010\", kind: psa, parent: b }\n- { id: b, title: B, strategy: \"2010\", kind: psa, parent: a, related: [b] }\n",
    "---\ntitle: \"a\\nb\\e[31m\"\nstrategy: \"2010\"\npublished: 2010\nsummary: S\n---\n\nBody.\n",
]


def chunks(text, pattern):
    """Pieces of `text` split before each match of `pattern`, joined up to MAX bytes."""
    parts = re.split(pattern, text)
    piece = ""
    for part in parts:
        if piece and len((piece + part).encode()) > MAX:
            yield piece
            piece = ""
        piece += part
        while len(piece.encode()) > MAX:
            cut = piece.encode()[:MAX].decode(errors="ignore")
            yield cut
            piece = piece[len(cut):]
    if piece:
        yield piece


def write(kind, text):
    data = text.encode()
    name = hashlib.sha1(data).hexdigest()[:16]
    (OUT / kind / name).write_bytes(data)


def main():
    for kind in ("markdown", "yaml"):
        (OUT / kind).mkdir(parents=True, exist_ok=True)
        for old in (OUT / kind).iterdir():
            if not old.name.startswith("found-"):  # inputs the fuzzers found are kept
                old.unlink()
    contents = [ROOT / "Content"] + sorted((ROOT / "Tests/Fixtures").iterdir())
    for content in contents:
        for document in sorted(content.glob("documents/*.md")):
            text = document.read_text()
            head, _, body = text.partition("\n---\n")
            write("yaml", head + "\n---\n\nBody.\n")
            for piece in chunks(body, r"(?m)^(?=#{1,3} )"):
                write("markdown", piece)
        for name in ("site.yml", "themes.yml", "indicators.yml"):
            path = content / name
            if path.exists():
                for piece in chunks(path.read_text(), r"(?m)^(?=- )"):
                    write("yaml", piece)
    for case in MARKDOWN_CASES:
        write("markdown", case)
    for case in YAML_CASES:
        write("yaml", case)


if __name__ == "__main__":
    main()
