"""`policyhub report`: the yearly figures, checked against the example drafts read directly."""
import csv
import io
import json
from collections import defaultdict

import yaml

from tests.conftest import REPO, TODAY, example_draft_paths, run_policyhub


def example_fronts():
    for path in example_draft_paths():
        yield yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_the_json_report_counts_each_agencys_drafts_and_comments():
    result = run_policyhub("report", "--year", "2026", "--today", TODAY, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    config = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))
    drafts, comments, days = defaultdict(int), defaultdict(int), defaultdict(list)
    for front in example_fronts():
        opens = front["consultation"]["opens"]
        if str(opens)[:4] != "2026":
            continue
        name = config["agencies"][front["agency"]]["name"]
        drafts[name] += 1
        comments[name] += (front.get("response") or {}).get("total", 0)
        closes = front["consultation"].get("extended_to") or front["consultation"]["closes"]
        days[name].append((closes - opens).days)
    rows = {row["agency"]: row for row in data["rows"]}
    assert {k: v["drafts"] for k, v in rows.items() if k != "Tổng cộng"} == dict(drafts)
    assert {k: v["comments_total"] for k, v in rows.items() if k != "Tổng cộng"} == dict(comments)
    assert {k: v["min_comment_days"] for k, v in rows.items() if k != "Tổng cộng"} == {k: min(v) for k, v in days.items()}
    total = rows["Tổng cộng"]
    assert total["drafts"] == sum(drafts.values()) and total["comments_total"] == sum(comments.values())
    assert total["comments_citizens"] + total["comments_organisations"] + total["comments_businesses"] <= total["comments_total"]


def test_csv_and_markdown_carry_the_same_rows():
    as_csv = run_policyhub("report", "--year", "2026", "--today", TODAY, "--format", "csv").stdout
    as_md = run_policyhub("report", "--year", "2026", "--today", TODAY).stdout
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert rows and all(row["year"] == "2026" for row in rows)
    for row in rows:
        assert f"| {row['agency']} | {row['drafts']} |" in as_md


def test_a_year_without_drafts_says_so():
    result = run_policyhub("report", "--year", "2019", "--today", TODAY)
    assert result.returncode == 0 and "Không có dự thảo nào" in result.stdout
