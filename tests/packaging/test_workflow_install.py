"""The sample deploy workflow installs policyhub the way it is distributed: from its
repository (a git address or a checkout), since it is not published on a package index."""
import re

import yaml

from tests.conftest import REPO

WORKFLOW = REPO / "docs/deploy/daily-rebuild.yml"


def test_the_sample_workflow_installs_policyhub_from_its_repository_at_a_fixed_version():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    installs = [step for step in steps if "pip install" in step.get("run", "")]
    assert len(installs) == 1
    [step] = installs
    command = step["run"]
    for name, value in step.get("env", {}).items():
        command = command.replace(f"${name}", value).replace(f"${{{name}}}", value)
    target = re.search(r"pip install\s+\"?([^\"\s]+)", command).group(1)
    # a git address pinned to a tag or commit, or a folder checked out beside the site
    assert re.fullmatch(r"git\+https://\S+\.git@[\w.\-]+", target) or target.startswith("./"), target
    # and the build runs the policyhub installed that way
    assert any(s.get("run", "").startswith("policyhub build") for s in steps)
