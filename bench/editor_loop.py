#!/usr/bin/env python3
"""The editor's loop, end to end through the real preview server: save, then reload.

    python3 bench/editor_loop.py --content Content                 # the real content (on a copy)
    python3 bench/editor_loop.py --documents 1000 --edits 20       # a bench/corpus.py corpus

Starts `strategy-site serve --port 0` on a copy of the content, opens the server-sent events
stream the open pages use, then, edit after edit, appends a sentence to one document and
times from just before the write to the `reload` event on the stream. Between edits it waits
until the server is quiet, so every edit is timed alone, as an editor's save is. Also reads the
server's resident memory (VmRSS, and its peak VmHWM) from /proc after the first build and after
the edits. `make bench` runs this through bench/run.py. Standard library only.
"""

import argparse
import os
import queue
import re
import shutil
import signal
import socket
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

TEMPLATES = os.path.join(ROOT, "Templates")


def log(message):
    print(message, file=sys.stderr, flush=True)


class Server:
    """`strategy-site serve` on a free port; its output is read on threads so it never blocks."""

    def __init__(self, binary, content, templates, start_timeout):
        self.process = subprocess.Popen([binary, "serve", "--content", content, "--templates", templates,
                                         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        self.rebuilds = []
        self.errors = []
        threading.Thread(target=self._read, args=(self.process.stdout, True), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, False), daemon=True).start()
        deadline = time.monotonic() + start_timeout
        self.port = None
        while self.port is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("the preview did not start:\n" + "\n".join(self.errors[-20:]))
            try:
                line = self.lines.get(timeout=min(remaining, 1))
            except queue.Empty:
                continue
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match.group(1))

    def _read(self, stream, is_output):
        for raw in stream:
            line = raw.decode(errors="replace").rstrip("\n")
            if is_output:
                match = re.match(r"Rebuilt (\d+) pages? in (\d+) ms", line)
                if match:
                    self.rebuilds.append(int(match.group(2)))
                self.lines.put(line)
            else:
                self.errors.append(line)

    def memory_mb(self):
        """Resident memory now and at its peak, from /proc (None where there is no /proc)."""
        try:
            with open(f"/proc/{self.process.pid}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
        except (OSError, KeyError, ValueError):
            return None, None

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class EventStream:
    """The page's end of /__strategy-site/events: the arrival time of each `reload` event."""

    def __init__(self, port):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.socket.sendall(f"GET /__strategy-site/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                            f"Accept: text/event-stream\r\n\r\n".encode())
        self.reloads = queue.Queue()
        self.connected = threading.Event()
        self.socket.settimeout(None)
        threading.Thread(target=self._read, daemon=True).start()
        if not self.connected.wait(30):
            raise RuntimeError("the event stream did not open")

    def _read(self):
        pending = b""
        while True:
            try:
                data = self.socket.recv(65536)
            except OSError:
                return
            now = time.perf_counter()
            if not data:
                return
            pending += data
            if b": connected" in pending:
                self.connected.set()
            while b"data: reload\n\n" in pending:
                pending = pending.split(b"data: reload\n\n", 1)[1]
                self.reloads.put(now)
            pending = pending[-64:]

    def close(self):
        try:
            self.socket.close()
        except OSError:
            pass


def quiet(events, seconds):
    """Waits until no event has come for `seconds`; returns how many came (and drops them)."""
    count = 0
    while True:
        try:
            events.reloads.get(timeout=seconds)
            count += 1
        except queue.Empty:
            return count


def run(binary, content, edits=20, templates=TEMPLATES, start_timeout=900, edit_timeout=300, label=None):
    """Times `edits` saves of one document of `content` (a folder this function may edit)."""
    documents = sorted(name for name in os.listdir(os.path.join(content, "documents")) if name.endswith(".md"))
    target = os.path.join(content, "documents", documents[len(documents) // 2])
    started = time.perf_counter()
    server = Server(binary, content, templates, start_timeout)
    first_build = time.perf_counter() - started
    rss_built, _ = server.memory_mb()
    events = EventStream(server.port)
    latencies = []
    extra = 0
    try:
        quiet(events, 0.3)
        for index in range(edits):
            sentence = f"\n\nEditor-loop benchmark: sentence {index + 1} appended to the document.\n"
            start = time.perf_counter()
            with open(target, "a", encoding="utf-8") as f:
                f.write(sentence)
            try:
                arrived = events.reloads.get(timeout=edit_timeout)
            except queue.Empty:
                raise RuntimeError(f"no reload event within {edit_timeout} s of a save:\n"
                                   + "\n".join(server.errors[-20:]))
            latencies.append((arrived - start) * 1000)
            # A second reload for the same save would mean the save was seen in two parts.
            extra += quiet(events, 0.2)
        rss_after, rss_peak = server.memory_mb()
    finally:
        events.close()
        server.stop()
    result = {"label": label or content, "documents": len(documents), "edits": len(latencies),
              "median_ms": statistics.median(latencies), "p90_ms": sorted(latencies)[int(0.9 * (len(latencies) - 1))],
              "min_ms": min(latencies), "max_ms": max(latencies), "extra_reloads": extra,
              "server_rebuild_median_ms": statistics.median(server.rebuilds) if server.rebuilds else None,
              "first_build_s": first_build, "rss_built_mb": rss_built, "rss_after_mb": rss_after,
              "rss_peak_mb": rss_peak, "latencies_ms": [round(x, 1) for x in latencies]}
    log(f"  editor loop, {result['label']} ({result['documents']} documents): save → reload median "
        f"{result['median_ms']:.0f} ms, p90 {result['p90_ms']:.0f} ms (server's own rebuild median "
        f"{fmt(result['server_rebuild_median_ms'])} ms; {extra} extra reloads); first build {first_build:.1f} s; RSS "
        f"{fmt(rss_built)} MB built, {fmt(rss_after)} MB after the edits, peak {fmt(rss_peak)} MB")
    return result


def fmt(value):
    return "-" if value is None else f"{value:.0f}"


def copy_of(content, work):
    copy = os.path.join(work, "editor-content")
    shutil.copytree(content, copy)
    return copy


def main():
    parser = argparse.ArgumentParser(description="Time save → reload through the real preview server.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--content", help="a content folder (copied first; the copy is edited)")
    source.add_argument("--documents", type=int, help="generate a bench/corpus.py corpus of this many documents")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "strategy-site"),
                        help="strategy-site, whose serve is timed")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="strategy-site-editor-")
    try:
        if args.content:
            content, label = copy_of(args.content, work), os.path.basename(os.path.abspath(args.content)) + "/"
        else:
            content, label = os.path.join(work, "corpus"), f"{args.documents} documents"
            corpus.generate(args.documents, content)
        result = run(os.path.abspath(args.binary), content, edits=args.edits, label=label)
        print(f"{result['label']}: save → reload median {result['median_ms']:.1f} ms, p90 {result['p90_ms']:.1f} ms, "
              f"min {result['min_ms']:.1f} ms, max {result['max_ms']:.1f} ms over {result['edits']} edits; "
              f"server RSS {fmt(result['rss_after_mb'])} MB (peak {fmt(result['rss_peak_mb'])} MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
