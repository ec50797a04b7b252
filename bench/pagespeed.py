"""Lighthouse on the pages a citizen opens first, as a cheap phone on a slow line sees them.

    .venv/bin/python bench/pagespeed.py [--site DIR] [--runs 3] [--today 2026-11-22] [--json FILE]
                                        [--pages search,home]

Builds the example site (or takes `--site`, a site policyhub built), serves it the way a
host with `gzip_static` does (`bench/gzip_static.py`: `X.gz` for `X`), and runs Lighthouse 12
with its mobile preset (a Moto G Power on slow 4G, the CPU slowed four times) in Debian's
Chromium on the home page, an open draft, the list of open drafts and the search page with a
query. It prints one row per page: the four category scores (0–100), first and largest
contentful paint, total blocking time, layout shift, speed index, and the bytes the page
transferred; with `--runs N`, each figure is the median of N runs; `--pages` measures only the
pages whose names begin with the given words. The 1-minute load average is printed before and
after each run: Lighthouse's simulated timings grow with the machine's load.

Lighthouse (npm, pinned in bench/lighthouse/package-lock.json) is installed into
bench/lighthouse/node_modules on first use with `npm ci --ignore-scripts`; it needs Node 20
or later (Lighthouse 13 needs 22) and /usr/bin/chromium. About 20 s a page a run. It is
never run by the test suite: the suite keeps the byte budget (tests/browser/test_phone.py).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.gzip_static import serve_gzip_static  # noqa: E402

LIGHTHOUSE_DIR = REPO / "bench" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (("FCP s", "first-contentful-paint", 1000), ("LCP s", "largest-contentful-paint", 1000),
           ("TBT ms", "total-blocking-time", 1), ("CLS", "cumulative-layout-shift", 1),
           ("SI s", "speed-index", 1000))
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking"


def pages(site: Path) -> list[tuple[str, str]]:
    """(name, address in the site) of the pages measured: home, an open draft, a listing, search."""
    open_draft = next(p for p in sorted((site / "du-thao").glob("*/index.html"))
                      if "ph-status--open" in p.read_text(encoding="utf-8"))
    return [("home", ""), ("draft (open)", open_draft.parent.relative_to(site).as_posix() + "/"),
            ("listing (open)", "dang-lay-y-kien/"), ("search", "tim-kiem/?q=hoc+phi")]


def lighthouse_bin() -> Path:
    """bench/lighthouse's Lighthouse, installed from its lock file when that changed."""
    lock = LIGHTHOUSE_DIR / "package-lock.json"
    stamp = LIGHTHOUSE_DIR / "node_modules" / ".lock.sha256"
    want = hashlib.sha256(lock.read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != want:
        print("pagespeed: npm ci (bench/lighthouse)", file=sys.stderr)
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=LIGHTHOUSE_DIR, check=True, stdout=subprocess.DEVNULL)
        stamp.write_text(want + "\n")
    return LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(binary: Path, url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run([str(binary), url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
                    f"--output-path={out}", "--only-categories=" + ",".join(CATEGORIES)],
                   env=env, check=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def figures(report: dict) -> dict:
    audits = report["audits"]
    row = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    for label, audit, scale in METRICS:
        row[label] = audits[audit]["numericValue"] / scale
    row["KB"] = audits["total-byte-weight"]["numericValue"] / 1024
    row["failed"] = sorted(key for key, audit in audits.items()
                           if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0)
    return row


def table(rows: list[tuple[str, dict]]) -> str:
    heads = ["page", *CATEGORIES, *(label for label, _, _ in METRICS), "KB", "load"]
    lines = ["| " + " | ".join(heads) + " |", "|---" + "|--:" * (len(heads) - 1) + "|"]
    for name, row in rows:
        cells = [name, *(str(row[c]) for c in CATEGORIES)]
        cells += [f"{row[label]:.3f}" if label == "CLS" else (f"{row[label]:.0f}" if label.endswith("ms")
                                                             else f"{row[label]:.2f}") for label, _, _ in METRICS]
        cells.append(f"{row['KB']:.1f}")
        cells.append(f"{row['load']:.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def build_example(today: str, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(REPO / "site_config.yml"),
                    "--out", str(out), "--today", today, "--no-cache", "--quiet"], check=True, cwd=REPO,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a site policyhub built (default: build the example)")
    parser.add_argument("--today", default="2026-11-22", help="the day the example is built for")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; figures are medians")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--pages", default="", help="comma-separated beginnings of page names (default: all)")
    args = parser.parse_args(argv)
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory(prefix="policyhub-pagespeed-") as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            build_example(args.today, site)
        rows, runs = [], {}
        with serve_gzip_static(site) as base:
            wanted = [w.strip() for w in args.pages.split(",") if w.strip()]
            for name, address in pages(site):
                if wanted and not any(name.startswith(w) for w in wanted):
                    continue
                results = []
                for number in range(args.runs):
                    before = os.getloadavg()[0]
                    row = figures(run_lighthouse(binary, base + address, Path(work) / "report.json"))
                    row["load"] = (before + os.getloadavg()[0]) / 2
                    results.append(row)
                    print(f"pagespeed: {name} run {number + 1}: performance {row['performance']}, "
                          f"LCP {row['LCP s']:.2f} s, TBT {row['TBT ms']:.0f} ms, CLS {row['CLS']:.3f}, "
                          f"load average {before:.1f} → {os.getloadavg()[0]:.1f}", file=sys.stderr)
                runs[name] = results
                median = {key: statistics.median(r[key] for r in results) for key in results[0] if key != "failed"}
                median["failed"] = sorted({a for r in results for a in r["failed"]})
                rows.append((name, median))
                print(f"pagespeed: {name}: performance {median['performance']}", file=sys.stderr)
    print(table(rows))
    for name, row in rows:
        if row["failed"]:
            print(f"\n{name}: failed audits: {', '.join(row['failed'])}")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
