"""Broken sites an editor could write, and the exact words `policyhub check` answers with,
in Vietnamese and in English.

Each folder under tests/sites/invalid/ is a site (drafts/, and site_config.yml unless the shared
_base_config.yml will do); expected.vi.txt and expected.en.txt hold the whole output (what goes
to stdout, then to stderr) and the exit code of `policyhub check --lang vi` and `--lang en`.
Refresh after a deliberate change of wording with:
UPDATE_EXPECTED=1 scripts/test.sh tests/sites/test_invalid.py
"""
import os
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.publish.output_folder import MARKER, MARKER_TEXT
from tests.conftest import TODAY, run_policyhub

CASES = Path(__file__).parent / "invalid"
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
EXPECTED = shutil.ignore_patterns("expected.*.txt")


def _copy(case: str, tmp_path: Path) -> Path:
    site = tmp_path / case
    shutil.copytree(CASES / case, site, ignore=EXPECTED)
    if not (site / "site_config.yml").exists():
        shutil.copy(CASES / "_base_config.yml", site / "site_config.yml")
    return site


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", NAMES)
def test_check_says_exactly_what_is_wrong_and_how_to_fix_it(case, lang, tmp_path, monkeypatch, capsys):
    """In this process (the command line's own process is the next test's and the last one's)."""
    site = _copy(case, tmp_path)
    monkeypatch.chdir(site)
    code = cli.main(["check", "--today", TODAY, "--lang", lang])
    captured = capsys.readouterr()
    actual = f"{captured.out}{captured.err}exit: {code}\n"
    expected_file = CASES / case / f"expected.{lang}.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_without_lang_check_speaks_the_sites_language(tmp_path):
    site = _copy("many-at-once", tmp_path)
    result = run_policyhub("check", "--today", TODAY, cwd=site)
    assert f"{result.stdout}{result.stderr}exit: {result.returncode}\n" == \
        (CASES / "many-at-once" / "expected.vi.txt").read_text(encoding="utf-8")
    config = site / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: vi", "language: en"), encoding="utf-8")
    result = run_policyhub("check", "--today", TODAY, cwd=site)
    assert f"{result.stdout}{result.stderr}exit: {result.returncode}\n" == \
        (CASES / "many-at-once" / "expected.en.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", NAMES)
def test_a_broken_site_is_never_built_and_the_previous_site_stays(case, tmp_path):
    site = _copy(case, tmp_path)
    # the previous site, as policyhub marks what it builds (an unmarked folder is refused)
    previous = site / "site"
    previous.mkdir()
    (previous / "index.html").write_text("bản trước", encoding="utf-8")
    (previous / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    expected = (CASES / case / "expected.vi.txt").read_text(encoding="utf-8")
    result = run_policyhub("build", "--today", TODAY, "--quiet", cwd=site)
    code = int(expected.rsplit("exit: ", 1)[1])
    assert result.returncode == code
    if code:
        assert sorted(p.name for p in previous.iterdir()) == [MARKER, "index.html"]
        assert (previous / "index.html").read_text(encoding="utf-8") == "bản trước"
        assert (previous / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
        assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []
        assert result.stderr.endswith("Trang chưa được dựng; trang cũ vẫn giữ nguyên.\n") or code == 2
