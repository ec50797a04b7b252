"""A national hub's size, once: the first build of N corpus drafts (filling an empty cache)
and the next day's build with the cache in place, with wall and CPU time, peak memory of
the whole process tree as PSS (shared pages counted once), and the files the next day
rewrote.

    .venv/bin/python bench/scale.py --size 50000
    nice -n 19 .venv/bin/python bench/scale.py --size 50000    # beside other work: CPU and
                                                                 # memory stay true, wall grows

Prints a table (Markdown with --markdown FILE too). The corpus, site, cache and log go to
bench/out/scale-N (ignored by git).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import machine, modification_times, policyhub_command, run_measured  # noqa: E402

TODAY = "2026-11-21"


def load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def measured_build(policyhub: list[str], config: Path, site: Path, cache: Path, today: str, log: Path,
                   timeout: float) -> dict:
    times = log.with_suffix(f".{today}.time")
    cmd = ["/usr/bin/time", "-f", "%U %S", "-o", str(times)] + policyhub + [
        "build", "--config", str(config), "--out", str(site), "--today", today, "--cache-dir", str(cache), "--quiet"]
    before = modification_times(site) if site.is_dir() else {}
    load_before = load_average()
    wall, _tree_mb, pss_mb, maxrss_mb, failed = run_measured(cmd, log, timeout)
    after = modification_times(site) if site.is_dir() and not failed else {}
    rewritten = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    user, system = (float(x) for x in times.read_text().split()[-2:]) if times.is_file() else (0.0, 0.0)
    return {"day": today, "wall": wall, "cpu": user + system, "pss": pss_mb, "maxrss": maxrss_mb,
            "files": len(after), "rewritten": rewritten, "load": f"{load_before} → {load_average()}",
            "failed": failed}


def table(size: int, runs: list[dict]) -> str:
    lines = ["| drafts | build | day | wall s | CPU s (user + sys) | peak PSS MB (all processes) | "
             "max RSS MB (one process) | files | rewritten | load average before → after |",
             "|--:|---|---|--:|--:|--:|--:|--:|--:|---|"]
    for name, run in zip(("first (empty cache)", "next day (cache in place)"), runs):
        share = f"{run['rewritten']:,} ({100 * run['rewritten'] / max(run['files'], 1):.1f} %)"
        lines.append(f"| {size:,} | {name} | {run['day']} | {run['wall']:.1f} | {run['cpu']:.1f} | {run['pss']:.0f} | "
                     f"{run['maxrss']:.0f} | {run['files']:,} | {share} | {run['load']} |"
                     + (f" FAILED: {run['failed']}" if run["failed"] else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=50000, help="number of drafts (default 50,000)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out", help="work folder (default bench/out)")
    ap.add_argument("--timeout", type=float, default=4 * 3600, help="seconds one build may take (default 4 h)")
    ap.add_argument("--policyhub", default=None, help='command that runs policyhub (default: this environment\'s)')
    ap.add_argument("--markdown", type=Path, default=None, help="also write the table as Markdown to this file")
    args = ap.parse_args(argv)
    folder = (args.out / f"scale-{args.size}").resolve()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    corpus, site, cache, log = folder / "corpus", folder / "site", folder / "cache", folder / "runs.log"
    about = machine()
    print(about, file=sys.stderr, flush=True)
    print(f"writing {args.size:,} drafts", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), str(args.size), str(corpus), "--today", TODAY],
                   check=True, stdout=subprocess.DEVNULL)
    policyhub = policyhub_command(args.policyhub)
    next_day = (dt.date.fromisoformat(TODAY) + dt.timedelta(days=1)).isoformat()
    runs = []
    for today in (TODAY, next_day):
        print(f"building for {today}", file=sys.stderr, flush=True)
        runs.append(measured_build(policyhub, corpus / "site_config.yml", site, cache, today, log, args.timeout))
        print(table(args.size, runs), file=sys.stderr, flush=True)
        if runs[-1]["failed"]:
            break
    text = table(args.size, runs)
    print(text)
    if args.markdown:
        args.markdown.write_text(f"Measured {dt.date.today().isoformat()} on {about}.\n\n{text}\n", encoding="utf-8")
    return 0 if not any(r["failed"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
