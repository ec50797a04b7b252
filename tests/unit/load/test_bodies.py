"""A checked draft's body kept apart (`load.bodies`) is the text that was checked, read back
in the build's workers too, and a temporary folder that cannot be written keeps the build
going with the bodies in memory."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import tempfile

import pytest

from generator import build as pipeline
from generator.load import bodies as kept
from tests.conftest import draft_text, make_site

BODIES = {"hoc-phi.md": "## Mức thu\n\nHọc phí bậc trung học cơ sở ở xã Đắk Ơ: 95.000 đồng/tháng (Điều 5).\n",
          "ngan.md": "Nội dung.\n", "trong.md": ""}
CHECKED = {name: "\n" + body for name, body in BODIES.items()}   # what follows the closing fence


def checked_site(tmp_path):
    config = make_site(tmp_path, {name: draft_text(title=f"Dự thảo {name}", body=body) for name, body in BODIES.items()})
    checked = pipeline.load_and_validate(pipeline.Options(config_path=config, today=dt.date(2026, 11, 22),
                                                          use_cache=False, workers=1))
    assert not checked.report.errors
    return checked


def test_the_plan_holds_no_body_and_gives_back_the_text_that_was_checked(tmp_path):
    checked = checked_site(tmp_path)
    plan = pipeline.make_plan(checked)
    by_file = {view.draft.source.rsplit("/", 1)[1]: view.draft for view in plan.drafts}
    assert set(by_file) == set(BODIES)
    for name, draft in by_file.items():
        assert draft.body == "" and draft.body_digest == kept.digest_of(CHECKED[name])
        assert plan.body(draft) == CHECKED[name]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_a_forked_worker_reads_the_bodies_of_its_parent(tmp_path):
    plan = pipeline.make_plan(checked_site(tmp_path))
    # a build's workers inherit the plan (nothing is pickled), as they inherit this global
    global _PLAN
    _PLAN = plan
    with multiprocessing.get_context("fork").Pool(1) as pool:
        read = pool.apply(_read_all)
    assert read == [CHECKED[view.draft.source.rsplit("/", 1)[1]] for view in plan.drafts]


_PLAN = None


def _read_all() -> list[str]:
    return [_PLAN.body(view.draft) for view in _PLAN.drafts]


def test_bodies_stay_in_memory_when_the_temporary_folder_cannot_be_written(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", refused)
    plan = pipeline.make_plan(checked_site(tmp_path))
    assert sorted(plan.body(view.draft) for view in plan.drafts) == sorted(CHECKED.values())
