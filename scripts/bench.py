#!/usr/bin/env python3
"""vios benchmark: `make bench`.

Generates the synthetic corpora (700 and 7,000 schools) into .bench/ (git-ignored),
then measures, each several times, and prints one Markdown table of medians:
vios check, a cold vios build, a rebuild with nothing changed, the first rebuild
after one plan changed (it also makes the second tree, see README) and a later one,
peak memory (/usr/bin/time -v), and, when `hugo` is installed,
Hugo's build of the same Markdown with minimal layouts, alternating with vios.
Each cold build (vios and Hugo) writes into a new folder under .bench-runs/ of the
corpus; everything is deleted at the very end, not between runs or corpora (see
main()), and measuring starts only five minutes after the last deletion (see settle()).

usage: scripts/bench.py [--runs N] [--schools 700,7000] [--vios PATH]
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".bench")
TODAY = "2026-01-15"  # make_corpus.py's dates are valid for this day


def corpus(schools):
    path = os.path.join(BENCH, f"c{schools}")
    if not os.path.exists(os.path.join(path, "Content", "site.yml")):
        maker = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")
        subprocess.run([sys.executable, maker, path, "--schools", str(schools)], check=True)
    return path


def timed(cmd, cwd=None):
    """Wall seconds and peak RSS (MB) of one run, via /usr/bin/time -v; CPU seconds
    (user + sys) go to LAST_CPU because wall time is noisy on a shared machine."""
    # The previous run's written files go to disk first: the kernel's
    # writeback would otherwise take CPU from the next run (vios or Hugo).
    os.sync()
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    rss = int(match.group(1)) / 1024 if match else float("nan")
    status = re.search(r"Exit status: (\d+)", proc.stderr)
    code = int(status.group(1)) if status else proc.returncode
    if code not in (0,):
        print(f"warning: {' '.join(cmd)} exited {code}", file=sys.stderr)
        print(proc.stderr[-2000:], file=sys.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", proc.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", proc.stderr)
    if user and system:
        LAST_CPU[0] = float(user.group(1)) + float(system.group(1))
        LAST_CPU[1] = float(user.group(1))
    return wall, rss


LAST_CPU = [float("nan"), float("nan")]  # user + sys, user

# ext4 without a journal (as here) skips inodes freed in the last minute
# when it creates files, and in the last five minutes while their inode
# table block is dirty, which creating files makes it again: each new inode
# then scans past every recently freed one (`recently_deleted` in
# fs/ext4/ialloc.c). With a wait of one minute, a national cold build spent
# a third of its CPU there and Hugo's too. Deletions are synced and timed,
# and measuring waits until the last one is SETTLE seconds old.
SETTLE = 310
DELETED_AT = os.path.join(BENCH, ".deleted-at")


def remove_tree(path):
    if os.path.exists(path):
        shutil.rmtree(path, ignore_errors=True)
        os.sync()
        os.makedirs(BENCH, exist_ok=True)
        with open(DELETED_AT, "w") as f:
            f.write(str(time.time()))


def remove_runs(path):
    """A corpus's cold-build folders and their entries in .vios-cache/."""
    remove_tree(os.path.join(path, ".bench-runs"))
    cache = os.path.join(path, ".vios-cache")
    for name in os.listdir(cache) if os.path.isdir(cache) else []:
        if "bench-runs" in name:
            full = os.path.join(cache, name)
            remove_tree(full) if os.path.isdir(full) else os.remove(full)


def settle():
    try:
        with open(DELETED_AT) as f:
            wait = float(f.read()) + SETTLE - time.time()
    except (OSError, ValueError):
        return
    if wait > 0:
        print(f"waiting {wait:.0f} s for the file system to settle after deleting files", file=sys.stderr)
        time.sleep(wait)


def hugo_site(content):
    site = content + "-hugo"
    os.makedirs(os.path.join(site, "layouts", "_default"), exist_ok=True)
    with open(os.path.join(site, "config.toml"), "w") as f:
        f.write(f'baseURL = "https://bench.example.nl/"\ncontentDir = "{content}/Content"\n'
                'disableKinds = ["taxonomy", "term"]\n[markup.goldmark.renderer]\nunsafe = false\n')
    layouts = {"single.html": "<!doctype html><title>{{ .Title }}</title>{{ .Content }}",
               "list.html": "<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}"}
    for name, text in layouts.items():
        with open(os.path.join(site, "layouts", "_default", name), "w") as f:
            f.write(text)
    return site


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--schools", default="700,7000")
    ap.add_argument("--vios", default=os.path.join(ROOT, ".build", "release", "vios"))
    a = ap.parse_args()
    vios = a.vios
    hugo = shutil.which("hugo")
    rows = []
    corpora = [(schools, corpus(schools)) for schools in [int(s) for s in a.schools.split(",")]]
    # Runs left by an interrupted bench go first; this bench's own are
    # deleted only after the last measurement.
    for _, path in corpora:
        remove_runs(path)
    settle()
    for schools, path in corpora:
        plan = os.path.join(path, "Content", "scholen", "school-00001", "veiligheidsplan.md")
        with open(plan, encoding="utf-8") as f:
            original = f.read()
        common = ["--root", path, "--today", TODAY, "--quiet"]
        res = {k: [] for k in ("check", "cold", "second", "noop", "first", "one", "hugo")}
        mem = {k: [] for k in res}
        cpu = {k: [] for k in res}
        usr = {k: [] for k in res}
        # Every cold build (vios and Hugo alike) writes into a folder of its
        # own, and nothing is deleted until the end: on ext4, files created
        # within a minute or so of deleting tens of thousands of others are
        # several times slower to create (the allocator skips recently freed
        # inodes), which would measure the deletion order, not the tools.
        runs_dir = os.path.join(path, ".bench-runs")
        timed([vios, "build"] + common + ["--output", ".bench-runs/warm-up"])  # file cache
        for run in range(a.runs):
            output = ["--output", f".bench-runs/vios-{run}"]
            w, m = timed([vios, "check"] + common); res["check"].append(w); mem["check"].append(m); cpu["check"].append(LAST_CPU[0]); usr["check"].append(LAST_CPU[1])
            w, m = timed([vios, "build"] + common + output); res["cold"].append(w); mem["cold"].append(m); cpu["cold"].append(LAST_CPU[0]); usr["cold"].append(LAST_CPU[1])
            # The second build keeps the first one's tree as the shadow
            # (.vios-cache/); from the third on, builds update it in place.
            w, m = timed([vios, "build"] + common + output); res["second"].append(w); mem["second"].append(m); cpu["second"].append(LAST_CPU[0]); usr["second"].append(LAST_CPU[1])
            w, m = timed([vios, "build"] + common + output); res["noop"].append(w); mem["noop"].append(m); cpu["noop"].append(LAST_CPU[0]); usr["noop"].append(LAST_CPU[1])
            # The first edit after a cold build also makes the second tree
            # (the shadow); every later one updates it in place.
            for key, text in (("first", f"Wijziging {run}a.\n\n## "), ("one", f"Wijziging {run}b.\n\n## ")):
                with open(plan, "w", encoding="utf-8") as f:
                    f.write(original.replace("## ", text, 1))
                w, m = timed([vios, "build"] + common + output); res[key].append(w); mem[key].append(m); cpu[key].append(LAST_CPU[0]); usr[key].append(LAST_CPU[1])
            if hugo:
                hs = hugo_site(path)
                dest = os.path.join(runs_dir, f"hugo-{run}")
                w, m = timed([hugo, "--quiet", "-s", hs, "-d", dest]); res["hugo"].append(w); mem["hugo"].append(m); cpu["hugo"].append(LAST_CPU[0]); usr["hugo"].append(LAST_CPU[1])
        with open(plan, "w", encoding="utf-8") as f:
            f.write(original)
        docs = sum(len(fs) for _, _, fs in os.walk(os.path.join(path, "Content")))
        mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(path, "Content")) for f in fs) / 1e6
        rows.append((schools, docs, mb, res, mem, cpu, usr))
    print(f"\nvios benchmark — {platform.node()} ({os.cpu_count()} cores), {a.runs} runs each, medians, --today {TODAY}\n")
    print("| corpus | files | MB | check | cold build | 2nd build, no change | no-change rebuild | first edit after cold | one plan changed | one plan / cold | peak RSS (cold) | Hugo build | Hugo peak RSS | vios/Hugo (cold) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for schools, docs, mb, res, mem, cpu, usr in rows:
        h = median(res["hugo"])
        ratio = f"{median(res['cold']) / h:.2f}" if res["hugo"] else "–"
        hugo_cell = f"{h:.2f} s" if res["hugo"] else "not installed"
        hugo_mem = f"{median(mem['hugo']):.0f} MB" if res["hugo"] else "–"
        print(f"| {schools} schools | {docs} | {mb:.0f} | {median(res['check']):.2f} s | {median(res['cold']):.2f} s | "
              f"{median(res['second']):.2f} s | {median(res['noop']):.2f} s | {median(res['first']):.2f} s | {median(res['one']):.2f} s | "
              f"{100 * median(res['one']) / median(res['cold']):.1f} % | {median(mem['cold']):.0f} MB | {hugo_cell} | {hugo_mem} | {ratio} |")
    print("\nCPU seconds (user + sys), medians — steadier than wall time on a busy machine:\n")
    print("| corpus | check | cold build | 2nd build, no change | no-change rebuild | first edit after cold | one plan changed | Hugo build |")
    print("|---|---|---|---|---|---|---|---|")
    for schools, docs, mb, res, mem, cpu, usr in rows:
        hugo_cpu = f"{median(cpu['hugo']):.2f} s" if cpu["hugo"] else "–"
        print(f"| {schools} schools | {median(cpu['check']):.2f} s | {median(cpu['cold']):.2f} s | {median(cpu['second']):.2f} s | "
              f"{median(cpu['noop']):.2f} s | {median(cpu['first']):.2f} s | {median(cpu['one']):.2f} s | {hugo_cpu} |")
    print("\nUser CPU seconds, medians — each tool's own work; the rest is the kernel's file-system work,")
    print("which on this disk varies severalfold with what was written and deleted before:\n")
    print("| corpus | check | cold build | no-change rebuild | first edit after cold | one plan changed | Hugo build | vios/Hugo (cold, user CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for schools, docs, mb, res, mem, cpu, usr in rows:
        hugo_usr = f"{median(usr['hugo']):.2f} s" if usr["hugo"] else "–"
        ratio = f"{median(usr['cold']) / median(usr['hugo']):.2f}" if usr["hugo"] else "–"
        print(f"| {schools} schools | {median(usr['check']):.2f} s | {median(usr['cold']):.2f} s | {median(usr['noop']):.2f} s | "
              f"{median(usr['first']):.2f} s | {median(usr['one']):.2f} s | {hugo_usr} | {ratio} |")
    for _, path in corpora:
        remove_runs(path)


if __name__ == "__main__":
    main()
