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
