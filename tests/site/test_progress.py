"""Long builds count their steps for a person at a terminal, and keep quiet in CI."""
import pytest

from tests.conftest import TODAY, draft_text, make_site, run_policyhub


def build_output(tmp_path, env_changes, *extra):
    config = make_site(tmp_path, {"a.md": draft_text()})
    with pytest.MonkeyPatch.context() as patch:   # outside CI, unless CI is set here
        patch.delenv("CI", raising=False)
        for name, value in env_changes.items():
            patch.setenv(name, value)
        return run_policyhub("build", "--config", str(config), "--today", TODAY, *extra)


def test_steps_are_counted_outside_ci(tmp_path):
    result = build_output(tmp_path, {})
    steps = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert result.returncode == 0 and len(steps) >= 5
    assert steps[0].startswith("[1/") and steps[-1].startswith(f"[{len(steps)}/{len(steps)}]")


def test_ci_and_quiet_print_nothing_but_the_result(tmp_path):
    for env, extra in (({"CI": "true"}, ()), ({}, ("--quiet",))):
        result = build_output(tmp_path / str(len(extra)), env, *extra)
        assert result.returncode == 0
        assert result.stderr == ""
