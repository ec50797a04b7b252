"""Broken sites an editor could write, and the exact words `policyhub check` answers with.

Each folder under tests/sites/invalid/ is a site (drafts/, and site_config.yml unless the shared
_base_config.yml will do); expected.txt holds the full output and the exit code. Refresh
after a deliberate change of wording with: UPDATE_EXPECTED=1 scripts/test.sh tests/sites/test_invalid.py
"""
import os
import shutil
from pathlib import Path

import pytest

from generator.publish.output_folder import MARKER, MARKER_TEXT
from tests.conftest import TODAY, run_policyhub

CASES = Path(__file__).parent / "invalid"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_check_says_exactly_what_is_wrong_and_how_to_fix_it(case, tmp_path):
    site = tmp_path / case
    shutil.copytree(CASES / case, site, ignore=shutil.ignore_patterns("expected.txt"))
    if not (site / "site_config.yml").exists():
        shutil.copy(CASES / "_base_config.yml", site / "site_config.yml")
    result = run_policyhub("check", "--today", TODAY, cwd=site)
    actual = f"{result.stdout}exit: {result.returncode}\n"
    expected_file = CASES / case / "expected.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8"), result.stderr


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_a_broken_site_is_never_built_and_the_previous_site_stays(case, tmp_path):
    site = tmp_path / case
    shutil.copytree(CASES / case, site, ignore=shutil.ignore_patterns("expected.txt"))
    if not (site / "site_config.yml").exists():
        shutil.copy(CASES / "_base_config.yml", site / "site_config.yml")
    # the previous site, as policyhub marks what it builds (an unmarked folder is refused)
    previous = site / "site"
    previous.mkdir()
    (previous / "index.html").write_text("bản trước", encoding="utf-8")
    (previous / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8")
    result = run_policyhub("build", "--today", TODAY, "--quiet", cwd=site)
    code = int(expected.rsplit("exit: ", 1)[1])
    assert result.returncode == code
    if code:
        assert sorted(p.name for p in previous.iterdir()) == [MARKER, "index.html"]
        assert (previous / "index.html").read_text(encoding="utf-8") == "bản trước"
        assert (previous / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
        assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []
