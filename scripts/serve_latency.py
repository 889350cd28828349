#!/usr/bin/env python3
"""vios serve latency: how long after saving one plan does the browser have the new page?

Runs `vios serve` on a copy of a synthetic corpus and, per run, saves
Content/scholen/school-00001/veiligheidsplan.md with a unique marker sentence, then measures
  (a) save -> `reload` Server-Sent Event received on /__vios/events, and
  (b) save -> the page, fetched over HTTP after that event, contains the marker,
which is what an open browser tab goes through. Runs alternate between an atomic save
(temp file + os.replace, as most editors do) and a plain in-place write. The rebuild
times vios prints ("Gebouwd in 0,42 s") are collected per run as well.

usage: scripts/serve_latency.py [--vios PATH] [--schools 700] [--runs 10] [--corpus DIR]
Python 3 standard library only.
"""
import argparse
import http.client
import os
import queue
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TODAY = "2026-01-15"  # make_corpus.py's dates are valid for this day
PLAN = "Content/scholen/school-00001/veiligheidsplan.md"
PAGE = "/scholen/school-00001/veiligheidsplan/index.html"  # how the site's own links point at it
TIMEOUT = 30.0
clock = time.perf_counter


def prepare_site(args, workdir):
    """A private copy of the corpus, so other work on the shared corpus is not disturbed."""
    site = os.path.join(workdir, "site")
    source = args.corpus or os.path.join(ROOT, ".bench", f"c{args.schools}")
    if os.path.exists(os.path.join(source, "Content", "site.yml")):
        # Output/ and .vios-cache/ are left behind: serve builds into its own folder, and
        # a stale cache from someone else's run must not make the first build warm.
        shutil.copytree(source, site, symlinks=True,
                        ignore=shutil.ignore_patterns("Output", ".vios-cache", ".Output*"))
    else:
        maker = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")
        print(f"corpus {source} not found; generating {args.schools} schools", file=sys.stderr)
        subprocess.run([sys.executable, maker, site, "--schools", str(args.schools)],
                       check=True, stdout=subprocess.DEVNULL)
    return site


class Terminal:
    """Everything vios prints, line by line with the time it arrived, so each rebuild
    message can be attributed to the run whose save caused it (vios writes unbuffered)."""

    def __init__(self, proc):
        self.lines = []  # (time, stream, text)
        self.lock = threading.Lock()
        self.url = queue.Queue()
        for stream, name in ((proc.stdout, "out"), (proc.stderr, "err")):
            threading.Thread(target=self._pump, args=(stream, name), daemon=True).start()

    def _pump(self, stream, name):
        for raw in stream:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.lock:
                self.lines.append((clock(), name, line))
            match = re.match(r"vios serve: (http://\S+)", line)
            if match:
                self.url.put(match.group(1))

    def since(self, start, end=None):
        with self.lock:
            return [(t, s, l) for t, s, l in self.lines if t >= start and (end is None or t < end)]


class Events:
    """The live-reload stream, read the way a page's EventSource does; every dispatched
    event goes into a queue with the time its `event:` line arrived."""

    def __init__(self, host, port):
        self.queue = queue.Queue()
        self.conn = http.client.HTTPConnection(host, port, timeout=None)
        self.conn.request("GET", "/__vios/events", headers={"Accept": "text/event-stream"})
        self.response = self.conn.getresponse()
        if self.response.status != 200:
            raise RuntimeError(f"/__vios/events answered {self.response.status}")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        event, data, stamp = None, [], None
        try:
            while True:
                line = self.response.readline()
                if not line:
                    self.queue.put(("closed", "", clock()))
                    return
                line = line.decode("utf-8").rstrip("\r\n")
                if line.startswith("event:"):
                    event, stamp = line[6:].strip(), clock()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and event:
                    self.queue.put((event, "\n".join(data), stamp))
                    event, data = None, []
                # `: ping` heartbeats and `retry:` need no action.
        except (OSError, ValueError):
            self.queue.put(("closed", "", clock()))

    def next(self, name, deadline):
        """The next `name` event before `deadline`, plus any other events seen meanwhile."""
        others = []
        while True:
            left = deadline - clock()
            if left <= 0:
                return None, others
            try:
                item = self.queue.get(timeout=left)
            except queue.Empty:
                return None, others
            if item[0] == name:
                return item, others
            others.append(item)

    def drain(self):
        items = []
        while True:
            try:
                items.append(self.queue.get_nowait())
            except queue.Empty:
                return items

    def close(self):
        try:
            self.conn.sock and self.conn.sock.shutdown(2)
        except OSError:
            pass
        self.conn.close()


def fetch(host, port):
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", PAGE)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def with_marker(original, marker):
    """The plan with the marker as its own paragraph right after the front matter, so
    it lands in the rendered page without touching fields or sections the checks need."""
    end = original.index("\n---\n", 4) + len("\n---\n")
    return original[:end] + marker + "\n\n" + original[end:]


def save(path, text, mode):
    if mode == "replace":
        # Dot-named temp file in the same folder: the watcher ignores it, and the rename
        # is atomic. No fsync: that would time the disk, not vios.
        temp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".latency-tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    else:
        # Same inode; only mtime (and size) change, which the poller must notice too.
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)


REBUILD = re.compile(r"Gebouwd in (\d+),(\d+) s")


def one_run(number, mode, plan_path, original, host, port, events, terminal):
    marker = "Meetzin latentie " + "".join(random.choices(string.ascii_lowercase, k=12)) + "."
    text = with_marker(original, marker)
    stray = events.drain()  # anything arriving between runs is a rebuild nobody asked for
    t0 = clock()
    save(plan_path, text, mode)
    reload_event, others = events.next("reload", t0 + TIMEOUT)
    result = {"run": number, "mode": mode, "stray_before": stray + others, "reload": None, "page": None,
              "fetches": 0}
    if reload_event is None:
        result["error"] = f"no reload event within {TIMEOUT:.0f} s"
    else:
        result["reload"] = reload_event[2] - t0
        # Like the page's `location.reload()`: fetch after the event, until the marker shows
        # (more than one fetch would mean the event came before the new page was served).
        while clock() - t0 < TIMEOUT:
            result["fetches"] += 1
            status, body = fetch(host, port)
            if status == 200 and marker in body:
                result["page"] = clock() - t0
                break
            time.sleep(0.01)
        else:
            result["error"] = f"page without marker after {TIMEOUT:.0f} s"
    time.sleep(0.5)
    # A second rebuild for the same save would show up as a reload event in this pause.
    result["extra_reloads"] = [e for e in events.drain() if e[0] == "reload"]
    lines = terminal.since(t0)
    result["terminal"] = [l for _, _, l in lines]
    result["rebuilds"] = [int(a) + int(b) / 100 for a, b in (REBUILD.search(l).groups()
                                                            for _, _, l in lines if REBUILD.search(l))]
    return result


def ms(seconds):
    return f"{seconds * 1000:.0f}"


def spread(values):
    if not values:
        return "–"
    return f"{ms(statistics.median(values))} / {ms(min(values))} / {ms(max(values))}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vios", default=os.path.join(ROOT, ".build", "release", "vios"))
    parser.add_argument("--schools", type=int, default=700)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--corpus", help="existing corpus (default .bench/c<schools>, as make bench makes it; generated if missing)")
    parser.add_argument("--today", default=TODAY)
    args = parser.parse_args()
    if not os.access(args.vios, os.X_OK):
        sys.exit(f"no vios binary at {args.vios}; build it: swift build -c release --product vios")

    workdir = tempfile.mkdtemp(prefix="vios-serve-latency-")
    proc = events = None
    try:
        site = prepare_site(args, workdir)
        plan_path = os.path.join(site, PLAN)
        with open(plan_path, encoding="utf-8") as handle:
            original = handle.read()

        # --port 0 lets vios pick a free port itself (no race with a port we probe and
        # release); it prints the address once the first build is done.
        started = clock()
        proc = subprocess.Popen([args.vios, "serve", "--root", site, "--port", "0", "--today", args.today],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        terminal = Terminal(proc)
        deadline = started + 600
        url = None
        while url is None:
            try:
                url = terminal.url.get(timeout=0.5)
            except queue.Empty:
                if proc.poll() is not None or clock() > deadline:
                    raise RuntimeError("vios serve did not start:\n" +
                                       "\n".join(l for _, _, l in terminal.since(0)))
        host, port = re.match(r"http://([^/:]+):(\d+)/", url).groups()
        port = int(port)
        while True:
            status, _ = fetch(host, port)
            if status == 200:
                break
            if clock() > deadline:
                raise RuntimeError(f"{PAGE} still answers {status}")
            time.sleep(0.1)
        first_build = clock() - started
        print(f"vios serve at {url} ({args.vios}); first build + first page {first_build:.2f} s")
        for _, _, line in terminal.since(0):
            print(f"  vios | {line}")

        events = Events(host, port)
        hello, _ = events.next("hello", clock() + 10)
        if hello is None:
            raise RuntimeError("no hello event on /__vios/events")
        print(f"event stream open (hello, generation {hello[1]})\n")

        results = []
        for number in range(1, args.runs + 1):
            mode = "replace" if number % 2 else "in-place"
            r = one_run(number, mode, plan_path, original, host, port, events, terminal)
            results.append(r)
            rebuilds = ", ".join(f"{s:.2f}" for s in r["rebuilds"]) or "none"
            # What is not the build itself: polling, the settle check, snapshots, the event.
            overhead = (f"  (rest {ms(r['reload'] - sum(r['rebuilds']))} ms)"
                        if r["reload"] and r["rebuilds"] else "")
            print(f"run {number:2} {mode:8}  save→reload {ms(r['reload']) if r['reload'] else '–':>5} ms  "
                  f"save→page {ms(r['page']) if r['page'] else '–':>5} ms  fetches {r['fetches']}  "
                  f"vios rebuild(s) {rebuilds} s{overhead}")
            for line in r["terminal"]:
                print(f"  vios | {line}")
            for problem in (r.get("error"),
                            r["stray_before"] and f"unexpected events before this save's reload: {r['stray_before']}",
                            r["extra_reloads"] and f"{len(r['extra_reloads'])} extra reload event(s) after it",
                            len(r["rebuilds"]) > 1 and f"{len(r['rebuilds'])} rebuilds for one save"):
                if problem:
                    print(f"  !! {problem}")

        print()
        print("| save mode | runs | save → reload event, ms (median / min / max) "
              "| save → new page, ms (median / min / max) | vios rebuild, s (median) |")
        print("|---|---:|---:|---:|---:|")
        for label, subset in (("os.replace", [r for r in results if r["mode"] == "replace"]),
                              ("in-place", [r for r in results if r["mode"] == "in-place"]),
                              ("all", results)):
            if not subset:
                continue
            rebuilt = [s for r in subset for s in r["rebuilds"]]
            print(f"| {label} | {len(subset)} | {spread([r['reload'] for r in subset if r['reload']])} "
                  f"| {spread([r['page'] for r in subset if r['page']])} "
                  f"| {f'{statistics.median(rebuilt):.2f}' if rebuilt else '–'} |")
        failed = [r for r in results if r.get("error")]
        return 1 if failed else 0
    finally:
        # Always stop serve and remove the copy, also after an error or Ctrl-C.
        if events:
            events.close()
        if proc and proc.poll() is None:
            proc.terminate()  # vios stops cleanly on SIGTERM
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
