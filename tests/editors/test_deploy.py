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


def test_the_readme_explains_deploying():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Deploying"):]
    for words in ("copy `site/`", "--base-url", "docs/deploy/daily-rebuild.yml", "00:05 Asia/Ho_Chi_Minh"):
        assert words in section, words
