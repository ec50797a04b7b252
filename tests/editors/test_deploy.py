"""The sample daily rebuild for the IT unit, and what the README tells them."""
import datetime as dt
from zoneinfo import ZoneInfo

import yaml

from tests.conftest import REPO

WORKFLOW = REPO / "docs/deploy/daily-rebuild.yml"


def test_the_sample_workflow_rebuilds_at_five_past_midnight_vietnam_time():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]      # YAML 1.1 reads the key "on" as true
    [schedule] = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"]
    # GitHub's cron runs in UTC: the run must fall at 00:05 in Asia/Ho_Chi_Minh
    run = dt.datetime(2026, 11, 22, int(hour), int(minute), tzinfo=dt.timezone.utc)
    local = run.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (local.hour, local.minute) == (0, 5)
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    build = next(s for s in steps if "policyhub build" in s)
    assert "--today" in build and "--base-url" in build and "--out site" in build
    assert any("rsync" in s and "site/" in s for s in steps)


def test_the_sample_workflow_keeps_its_cache_outside_the_repository_and_only_for_the_main_branch():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert not {"pull_request", "pull_request_target"} & set(workflow[True])   # never a pull request's cache
    [job] = [job for job in workflow["jobs"].values()
             if any("policyhub build" in step.get("run", "") for step in job["steps"])]
    [cache] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == "${{ runner.temp }}/policyhub-cache"
    for command in ("policyhub check", "policyhub build"):
        [run] = [s["run"] for s in job["steps"] if command in s.get("run", "")]
        assert '--cache-dir "$RUNNER_TEMP/policyhub-cache"' in run, run
        assert job["steps"].index(cache) < [s.get("run", "") for s in job["steps"]].index(run)


def test_the_readme_explains_deploying():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Deploying"):]
    for words in ("copy `site/`", "--base-url", "docs/deploy/daily-rebuild.yml", "00:05 Asia/Ho_Chi_Minh",
                  "--cache-dir", "--no-cache"):
        assert words in section, words


PULL_REQUEST_WORKFLOW = REPO / "docs/deploy/pull-request-build.yml"


def test_the_sample_pull_request_build_has_nothing_to_steal_and_deploys_nothing():
    text = PULL_REQUEST_WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert set(workflow[True]) == {"pull_request"}          # never pull_request_target
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in text.replace(" ", "")           # names no secret, not even in a comment's example
    [job] = workflow["jobs"].values()
    assert 0 < job["timeout-minutes"] <= 30                  # slow Markdown cannot hold the runner for hours
    steps = job["steps"]
    actions = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert actions == ["actions/checkout", "actions/setup-python", "actions/upload-artifact"]   # no cache, no deploy
    assert steps[0]["with"]["persist-credentials"] is False
    runs = [step.get("run", "") for step in steps]
    [install] = [step for step in steps if "pip install" in step.get("run", "")]
    assert "@" in install["env"]["POLICYHUB_SOURCE"]         # a fixed version, not the pull request's
    [build] = [run for run in runs if "policyhub build" in run]
    assert "--no-cache" in build and "--cache-dir" not in build
    assert not any(word in run for run in runs for word in ("rsync", "ssh", "scp", "deploy"))


def test_the_pull_request_build_neither_reads_nor_writes_the_cache(tmp_path):
    """The sample's own build command, run on a site whose default cache folder holds forged
    entries that pass their checks: the site is built without them, and the folder is as it was."""
    import shlex

    from generator.cache.store import FileCache
    from tests.conftest import cache_of, draft_text, make_site, run_policyhub

    config = make_site(tmp_path / "s", {"a.md": draft_text()})
    # from the site's folder, as the sample runs: the cache's keys cover the packages Python finds
    assert run_policyhub("build", "--today", "2026-11-22", "--quiet", cwd=config.parent).returncode == 0
    cache = cache_of(config)
    pages = FileCache(cache / "pages", ".html", 0)
    for path in (cache / "pages").rglob("*.html"):
        path.write_bytes(pages._check(path.name[:64], b"<p>FORGED</p>") + b"<p>FORGED</p>")
    before = {p: p.read_bytes() for p in sorted(cache.rglob("*")) if p.is_file()}

    workflow = yaml.safe_load(PULL_REQUEST_WORKFLOW.read_text(encoding="utf-8"))
    [build] = [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
               if "policyhub build" in step.get("run", "")]
    command = shlex.split(build)
    assert command[:2] == ["policyhub", "build"]
    result = run_policyhub(*command[1:], "--today", "2026-11-22", cwd=config.parent)
    assert result.returncode == 0, result.stderr
    site = config.parent / "site"
    assert not any(b"FORGED" in p.read_bytes() for p in site.rglob("*.html"))
    assert (site / "du-thao/a/index.html").is_file()
    assert {p: p.read_bytes() for p in sorted(cache.rglob("*")) if p.is_file()} == before
