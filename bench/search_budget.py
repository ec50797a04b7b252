"""Measure the search against its budgets on the corpus and write bench/SEARCH-RESULTS.md.

    .venv/bin/python bench/search_budget.py [--sizes 2000,20000] [--keep DIR] [--repeat 3]

For each size, `bench/corpus.py` writes the drafts (bodies name places and articles the
front matter never names) and the search files are built from its plan, timed and with the
memory of the process that builds them. The browser part opens the search page of the
example site with the corpus's search files in place of its own (the page is the same; only
its filter lists differ) in Chromium, from a local server, a fresh profile per query:

- bytes of search data a first query downloads (gzip -6 of each file, as a server sends it):
  the contents, the shards of its terms and the files of the results on screen;
- bytes and time of a second query typed on the same page;
- time to the first result: from the moment the query is run (the page, its contents and
  the engine loaded: served over http the engine is a Web Worker with lunr.js) until its
  first result is on the page (results appear in order as their files come in), and until
  the first ten are; with `--repeat N`, the median of N runs in fresh profiles.

Budgets (#16): 2,000 drafts: a first query ≤ 150 KB, built ≤ 3 s; 20,000: ≤ 300 KB, built
≤ 30 s, memory ≤ 1 GB; results ≤ 300 ms after the page is loaded.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TODAY = "2026-11-21"
QUERIES = ["hoc phi", "học phí", "dat dai", "đất đai", "giá đất", "phí", "ho tro", "bảo hiểm y tế", "thu hoi dat",
           "nha o xa hoi", "trạm y tế xã", "chuyen doi so", "dich vu cong truc tuyen", "khanh hoa",
           "hoc sinh ban tru dan toc thieu so", "bến khách ngang sông", "hộ cận nghèo", "phí bảo vệ môi trường",
           "du lịch cộng đồng", "dieu 5", "ben do thuy bieu", "zzzz"]
BUDGETS = {2000: (150_000, 3.0, None), 20000: (300_000, 30.0, 1000)}   # first query bytes, build s, MB
RESULT_MS = 300
NOTES = "## Reading the figures"   # SEARCH-RESULTS.md from this heading on is written by hand
LOAD_BEFORE = os.getloadavg()   # the bench's own processes (workers, Chromium, its server) raise the load it ends with


def kb(n: float) -> str:
    return f"{n / 1000:.1f} KB"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


# ---- building the index, in a process of its own -----------------------------------------

def build_index(config: Path, out: Path, runs: int) -> dict:
    """Plan the corpus (not timed), then write the search files as a build does (on the
    build's workers, with a cache folder of its own) `runs` times each way:

    - cold: an empty cache;
    - next day: the cache the cold run left and the plan of the next day (states move on);
    - an edit: as the next day, with one block's cached part and the shards' entry gone, as
      after one draft's text changed (the drafts of its block are read again, the shards cut again).

    Seconds of each (wall clock, and CPU: user + system of this process and its workers,
    which other work on the machine does not inflate as much), the peak memory of this
    process and of its largest worker."""
    import dataclasses
    import resource

    from generator import parallel
    from generator.build import Options, load_and_validate, make_plan
    from generator.outputs.search import drafts
    from generator.outputs.search import index as search_index

    day = dt.date.fromisoformat(TODAY)
    workers = parallel.default_workers()

    def plan_of(today: dt.date, cache: Path):
        plan = make_plan(load_and_validate(Options(config_path=config, today=today, quiet=True)))
        return dataclasses.replace(plan, cache_dir=cache)

    def cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    def timed(plan, record: dict) -> None:
        shutil.rmtree(out, ignore_errors=True)
        started, started_cpu = time.perf_counter(), cpu()
        search_index.write_search(plan, out, workers)
        record.setdefault("times", []).append(time.perf_counter() - started)
        record.setdefault("cpu", []).append(cpu() - started_cpu)

    cold, nightly, edit = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="policyhub-search-cache-") as folder:
        cache = Path(folder)
        plan = plan_of(day, cache)      # one plan in memory at a time: the budget is of one build
        before = _rss_mb()
        _reset_peak()                   # from here: the plan in memory and the index step
        for _ in range(runs):
            shutil.rmtree(cache / search_index.CACHE_FOLDER, ignore_errors=True)
            timed(plan, cold)
        index_peak = _rss_mb("VmHWM:")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        states = [view.status for view in plan.drafts]
        del plan
        plan = plan_of(day + dt.timedelta(days=1), cache)
        changed = sum(a != view.status for a, view in zip(states, plan.drafts))
        for _ in range(runs):
            timed(plan, nightly)
        search_url = f"{plan.config.paths.search}/"
        keys = [drafts.key(view, search_url) for view in plan.drafts]
        middle = len(plan.drafts) // 2
        block, = (n for n in drafts.blocks([view.draft.slug for view in plan.drafts]) if middle in n)
        edited = drafts.block_key(keys[block.start:block.stop])
        for _ in range(runs):
            for entry in [*(cache / search_index.CACHE_FOLDER).glob(f"*/{edited}{drafts.ENTRY_SUFFIX}"),
                          *(cache / search_index.CACHE_FOLDER).glob(f"*/*{search_index.SHARDS_SUFFIX}")]:
                entry.unlink()
            timed(plan, edit)
    return {**cold, "nightly": nightly, "edit": edit, "states_changed": changed, "workers": workers,
            "peak_mb": peak, "index_peak_mb": index_peak, "worker_peak_mb": worker_peak, "before_mb": before,
            "drafts": len(states)}


def _rss_mb(field: str = "VmRSS:") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    """Linux: the peak resident size (VmHWM) starts again from the present size."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


# ---- the browser ---------------------------------------------------------------------------

RUN = """async q => { const t = performance.now();
    await PolicyhubSearch.page.run({q: q, status: '', agency: '', topic: '', year: ''});
    const all = performance.now() - t;   // a page that draws its results at once has no firstMs
    return [PolicyhubSearch.page.firstMs === undefined ? all : PolicyhubSearch.page.firstMs, all]; }"""


def measure_browser(site: Path, repeat: int) -> tuple[list[dict], dict]:
    """Each query `repeat` times, a fresh profile each time: times are the medians."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, serve_directory

    search = site / "tim-kiem"
    out, modes, load = [], set(), [os.getloadavg()[0]]
    with serve_directory(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for number, query in enumerate(QUERIES):
            second = QUERIES[(number + 1) % len(QUERIES)]
            runs = []
            for _ in range(repeat):
                context = browser.new_context()
                page = context.new_page()
                requests: list[str] = []
                page.on("request", lambda request: requests.append(request.url))
                page.goto(base + "tim-kiem/index.html")
                page.wait_for_selector("form[data-ph-search][data-ph-ready]", timeout=60_000)
                before = len(requests)
                first_ms, page_ms = page.evaluate(RUN, query)
                results = page.evaluate("PolicyhubSearch.page.refs.length")
                modes.add(page.evaluate("PolicyhubSearch.searcher.mode || 'page'"))
                first_files = _search_files(requests, base, search)
                middle = len(requests)
                second_ms, _ = page.evaluate(RUN, second)
                second_files = _search_files(requests[middle:], base, search)
                runs.append({"query": query, "results": results, "first_ms": first_ms, "page_ms": page_ms,
                             "second_ms": second_ms, "first_bytes": sum(gz(f) for f in first_files),
                             "first_files": len(first_files), "shards": sum("/chi-muc/" in str(f) for f in first_files),
                             "second_bytes": sum(gz(f) for f in second_files), "asked_before": before})
                context.close()
                load.append(os.getloadavg()[0])
            row = dict(runs[0])
            for key in ("first_ms", "page_ms", "second_ms"):
                row[key] = statistics.median(r[key] for r in runs)
            out.append(row)
        browser.close()
    return out, {"modes": sorted(modes), "load": load, "repeat": repeat}


def _search_files(urls: list[str], base: str, search: Path) -> list[Path]:
    files = []
    for url in dict.fromkeys(urls):
        if url.startswith(base + "tim-kiem/") and url.endswith(".js"):
            files.append(search / url[len(base + "tim-kiem/"):])
    return files


def search_page_site(example: Path, index_out: Path, work: Path) -> Path:
    """The example site's search page and assets with the corpus's search files."""
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(example / "assets", site / "assets")
    (site / "tim-kiem").mkdir(parents=True)
    shutil.copyfile(example / "tim-kiem" / "index.html", site / "tim-kiem" / "index.html")
    for name in ("muc-luc.js", "bo-loc.js", "chi-muc", "du-thao"):
        source = index_out / "tim-kiem" / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, site / "tim-kiem" / name)
    return site


# ---- the report ------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each query in the browser (medians)")
    parser.add_argument("--index-only", nargs=3, metavar=("CONFIG", "OUT", "RUNS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.index_only:
        config, out, runs = args.index_only
        print(json.dumps(build_index(Path(config), Path(out), int(runs))))
        return
    from bench.corpus import write_corpus

    work = args.keep or Path(tempfile.mkdtemp(prefix="policyhub-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    example = work / "example"   # built every time: the page and its scripts are what is measured
    shutil.rmtree(example, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(REPO / "site_config.yml"),
                    "--out", str(example), "--today", TODAY, "--quiet", "--no-cache"], cwd=REPO, check=True)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = work / f"corpus-{size}"
        if not (folder / "site_config.yml").exists():
            write_corpus(folder, size, today=dt.date.fromisoformat(TODAY))
        index_out = work / f"index-{size}"
        runs = 3 if size <= 5000 else 1
        built = json.loads(subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--index-only", str(folder / "site_config.yml"),
             str(index_out), str(runs)], cwd=REPO, check=True, capture_output=True, text=True).stdout)
        site = search_page_site(example, index_out, work / f"browser-{size}")
        queries, browser = measure_browser(site, args.repeat)
        search = index_out / "tim-kiem"
        rows.append({"size": size, "built": built, "queries": queries, "browser": browser,
                     "shards": len(list((search / "chi-muc").glob("*.js"))),
                     "contents": gz(search / "muc-luc.js"), "filters": gz(search / "bo-loc.js"),
                     "index_mb": sum(f.stat().st_size for f in (search / "chi-muc").glob("*.js")) / 1e6,
                     "cards_mb": sum(f.stat().st_size for f in (search / "du-thao").glob("*.js")) / 1e6})
        write_report(rows, work)   # after each size: the larger ones take long


def write_report(rows: list[dict], work: Path) -> None:
    load = os.getloadavg()
    lines = [
        "# Search: measured budgets",
        "",
        f"Measured {dt.date.today().isoformat()} with `bench/search_budget.py --sizes "
        f"{','.join(str(r['size']) for r in rows)}` on {platform.machine()} Linux, {os.cpu_count()} cores "
        f"(shared), Python {platform.python_version()}, Chromium (Debian) headless, local server. "
        f"Load average (1, 5, 15 min) before the run: {LOAD_BEFORE[0]:.2f}, {LOAD_BEFORE[1]:.2f}, "
        f"{LOAD_BEFORE[2]:.2f}; at the end: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}, the bench's own "
        "processes included (with more than a few tenths before the run, other work shared the machine "
        "and times are upper bounds). Corpus: `bench/corpus.py N` (seed 42), "
        f"`--today {TODAY}`.",
        "",
        "| drafts | first query: search data, gzip (median / worst) | second query (median / worst) "
        "| first result after the page is loaded (median / worst) | first ten results (median / worst) "
        "| index built, cold (wall / CPU) | next day | after an edit | build memory (peak) |",
        "|---:|---|---|---|---|---|---|---|---|",
    ]
    verdicts = []
    for row in rows:
        q = row["queries"]
        first = [x["first_bytes"] for x in q]
        second = [x["second_bytes"] for x in q]
        ms = [x["first_ms"] for x in q]
        page_ms = [x["page_ms"] for x in q]
        built = row["built"]
        build_s = statistics.median(built["times"])
        lines.append(f"| {row['size']:,} | {kb(statistics.median(first))} / {kb(max(first))} | "
                     f"{kb(statistics.median(second))} / {kb(max(second))} | {statistics.median(ms):.0f} ms / "
                     f"{max(ms):.0f} ms | {statistics.median(page_ms):.0f} ms / {max(page_ms):.0f} ms | "
                     f"{build_s:.1f} s / {statistics.median(built['cpu']):.1f} s | "
                     + "".join(f"{statistics.median(built[k]['times']):.1f} s / {statistics.median(built[k]['cpu']):.1f} s | "
                               if built.get(k) else "– | " for k in ("nightly", "edit"))
                     + f"{built['peak_mb']:.0f} MB |")
        budget = BUDGETS.get(row["size"])
        if budget:
            verdicts.append(f"- {row['size']:,} drafts: first query ≤ {kb(budget[0])}: "
                            f"{'met' if max(first) <= budget[0] else 'MISSED'} (worst {kb(max(first))}); "
                            f"built ≤ {budget[1]:.0f} s: {'met' if build_s <= budget[1] else 'MISSED'} "
                            f"({build_s:.1f} s)"
                            + (f"; memory ≤ {budget[2]} MB: {'met' if built['peak_mb'] <= budget[2] else 'MISSED'}"
                               f" ({built['peak_mb']:.0f} MB)" if budget[2] else "")
                            + f"; results ≤ {RESULT_MS} ms: first result {'met' if max(ms) <= RESULT_MS else 'MISSED'} "
                            f"(median {statistics.median(ms):.0f}, worst {max(ms):.0f} ms), first ten "
                            f"{'met' if max(page_ms) <= RESULT_MS else 'MISSED'} (median "
                            f"{statistics.median(page_ms):.0f}, worst {max(page_ms):.0f} ms).")
    lines += ["", "Budgets:", "", *verdicts, "", "Files:", ""]
    for row in rows:
        lines.append(f"- {row['size']:,} drafts: {row['shards']} shards ({row['index_mb']:.1f} MB raw in all), "
                     f"contents `muc-luc.js` {kb(row['contents'])} gzip (loaded with the page), filters `bo-loc.js` "
                     f"{kb(row['filters'])} gzip (loaded when a filter is used), one file per draft for its result "
                     f"card ({row['cards_mb']:.1f} MB raw in all). Index build: the plan of the corpus in memory "
                     f"({row['built']['before_mb']:.0f} MB) before it; while the index was built the process "
                     f"peaked at {row['built'].get('index_peak_mb', row['built']['peak_mb']):.0f} MB, so the index "
                     f"step added {row['built'].get('index_peak_mb', row['built']['peak_mb']) - row['built']['before_mb']:.0f}"
                     f" MB (the process's peak, planning included: {row['built']['peak_mb']:.0f} MB; its largest worker "
                     f"{row['built'].get('worker_peak_mb', 0):.0f} MB, mostly pages shared with it); "
                     f"{row['built'].get('workers', 1)} workers; "
                     + "; ".join(f"{name} {', '.join(f'{t:.1f}' for t in runs['times'])} s "
                                 f"(CPU {', '.join(f'{t:.1f}' for t in runs['cpu'])} s)"
                                 for name, runs in (("every run cold", row["built"]), ("next day", row["built"].get("nightly")),
                                                    ("after an edit", row["built"].get("edit"))) if runs)
                     + f"; {row['built'].get('states_changed', 0)} drafts change state the next day.")
    for row in rows:
        load = row["browser"]["load"]
        lines.append(f"- {row['size']:,} drafts, in the browser: the engine ran in "
                     f"{' and '.join(row['browser']['modes'])} mode; each query {row['browser']['repeat']} time(s) "
                     f"in a fresh profile, times are medians; 1-minute load average {min(load):.1f} to "
                     f"{max(load):.1f} (median {statistics.median(load):.1f}) while the queries ran.")
    scripts = ("lunr.js", "search-engine.js", "search.js")
    lines += ["- lunr.js 2.3.9, search-engine.js and search.js load with the search page only (lunr.js in the "
              "engine's worker): " + ", ".join(kb(gz(REPO / "theme/assets/javascripts" / name)) for name in scripts)
              + " gzip, not counted above.", ""]
    for row in rows:
        lines += [f"### {row['size']:,} drafts", "",
                  "| query | results | first query: data (files, shards) | first result | first ten "
                  "| second query: data | first result |",
                  "|---|---:|---|---:|---:|---|---:|"]
        for x in row["queries"]:
            lines.append(f"| {x['query']} | {x['results']:,} | {kb(x['first_bytes'])} ({x['first_files']}, "
                         f"{x['shards']}) | {x['first_ms']:.0f} ms | {x['page_ms']:.0f} ms | {kb(x['second_bytes'])} | "
                         f"{x['second_ms']:.0f} ms |")
        lines.append("")
    text = "\n".join(lines)
    report = REPO / "bench" / "SEARCH-RESULTS.md"
    # what people wrote below the figures (reading them, what is proposed) stays
    kept = report.read_text(encoding="utf-8").partition(NOTES)[2] if report.exists() else ""
    report.write_text(text + (f"\n{NOTES}{kept}" if kept else ""), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
