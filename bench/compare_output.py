#!/usr/bin/env python3
"""Builds the same sites with two strategy-site binaries and lists every file that differs.

    python3 bench/compare_output.py OLD_BINARY NEW_BINARY [--documents 1000]

A speed-up must not change what readers get: this builds the real Content/ and a synthetic
corpus (bench/corpus.py, seeded) with both binaries, each into its own temporary folder, and
prints the files only one build wrote and the files whose bytes differ, with the first
differing line. Exit 0 when the outputs are identical, 1 otherwise. Standard library only.
"""

import argparse
import difflib
import filecmp
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402


def build(binary, content, output):
    subprocess.run([binary, "build", "--content", content, "--templates", os.path.join(ROOT, "Templates"),
                    "--output", output], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def compare(name, old, new):
    """Prints the differences between two output folders; returns how many files differ."""
    differences = 0
    for folder, _, files in os.walk(old):
        for file in files:
            relative = os.path.relpath(os.path.join(folder, file), old)
            other = os.path.join(new, relative)
            if not os.path.exists(other):
                print(f"{name}: only in the old build: {relative}")
                differences += 1
            elif not filecmp.cmp(os.path.join(old, relative), other, shallow=False):
                differences += 1
                with open(os.path.join(old, relative), errors="replace") as a, open(other, errors="replace") as b:
                    lines = list(difflib.unified_diff(a.read().splitlines(), b.read().splitlines(), lineterm="", n=0))
                print(f"{name}: differs: {relative}: " + (" | ".join(lines[2:4]) if len(lines) > 2 else "(bytes)")[:300])
    for folder, _, files in os.walk(new):
        for file in files:
            relative = os.path.relpath(os.path.join(folder, file), new)
            if not os.path.exists(os.path.join(old, relative)):
                print(f"{name}: only in the new build: {relative}")
                differences += 1
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--documents", type=int, default=1000, help="size of the synthetic corpus (default 1000)")
    arguments = parser.parse_args()
    total = 0
    with tempfile.TemporaryDirectory() as temporary:
        generated = os.path.join(temporary, "corpus")
        corpus.generate(arguments.documents, generated)
        for name, content in [("Content", os.path.join(ROOT, "Content")), (f"corpus of {arguments.documents}", generated)]:
            old, new = os.path.join(temporary, name + "-old"), os.path.join(temporary, name + "-new")
            build(arguments.old, content, old)
            build(arguments.new, content, new)
            count = compare(name, old, new)
            print(f"{name}: {count} file(s) differ")
            total += count
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
