"""Fixtures for the feeds, the calendar and the open data: the example site built on two days."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build import Options, load_and_validate, make_plan
from generator.plan.plan import Plan
from tests.conftest import REPO, SHARED_SITES, TODAY, build_example

LATER = "2026-12-06"   # two weeks on: some drafts have opened, others closed, most did not change


def plan_of(day: str, config: Path = REPO / "site_config.yml") -> Plan:
    """The core's plan for a day, the same one the build writes from."""
    checked = load_and_validate(Options(config_path=config, today=dt.date.fromisoformat(day), quiet=True))
    assert not checked.report.errors
    plan = make_plan(checked)
    assert plan is not None
    return plan


@pytest.fixture(scope="session")
def later_build(tmp_path_factory) -> Path:
    """The example two weeks on, built once per session (of the worker); only read it."""
    return SHARED_SITES.share("later_build", build_example(tmp_path_factory.mktemp("later") / "site", LATER))


@pytest.fixture(scope="session")
def example_plan() -> Plan:
    return plan_of(TODAY)
