#!/usr/bin/env python3
"""The stemmer's test vocabulary: each word of a word list and of Content/, with the stem the
Snowball project's own English stemmer gives it (PyPI `snowballstemmer`, the oracle).

    python3 Tests/stemmer/vocabulary.py OUT.tsv WORDLIST [FOLDER...]

Writes `word<TAB>stem` lines, sorted. Words are what the tokenizer hands the stemmer:
lower case, letters a-z and inner apostrophes. Nothing of this is committed; `make
stemmer-vocabulary` (part of `make test`) writes it into .build/stemmer/.
"""

import re
import sys
from pathlib import Path

import snowballstemmer

WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def words_of(text):
    return WORD.findall(text.lower().replace("\u2019", "'"))


def main():
    out, wordlist, *folders = sys.argv[1:]
    words = set(words_of(Path(wordlist).read_text(encoding="utf-8", errors="replace")))
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.suffix in (".md", ".yml"):
                words.update(words_of(path.read_text(encoding="utf-8", errors="replace")))
    stemmer = snowballstemmer.stemmer("english")
    lines = [f"{w}\t{stemmer.stemWord(w)}\n" for w in sorted(words)]
    Path(out).write_text("".join(lines), encoding="utf-8")
    print(f"{out}: {len(lines)} words, snowballstemmer {getattr(snowballstemmer, '__version__', '?')}")


if __name__ == "__main__":
    main()
