"""Long builds count their steps for a person at a terminal, and keep quiet in CI."""
import os
import subprocess
import sys

from tests.conftest import REPO, TODAY, draft_text, make_site


def build_output(tmp_path, env_changes, *extra):
    config = make_site(tmp_path, {"a.md": draft_text()})
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(env_changes, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(config), "--today", TODAY,
                           *extra], capture_output=True, text=True, env=env)


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
