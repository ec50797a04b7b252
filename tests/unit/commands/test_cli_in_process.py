"""The command line run in the test's own process (tests/command_line.py) answers as the command
run in a process of its own does: same exit status, same stdout, same stderr; and it leaves the
test's process as it found it. The suite relies on both."""
from __future__ import annotations

import concurrent.futures
import logging
import os
import re
import shutil
import signal
import sys

from tests import command_line
from tests.conftest import TODAY, draft_text, make_site

CASES = command_line.REPO / "tests" / "sites" / "invalid"


def answer(result) -> tuple:
    return result.returncode, result.stdout, re.sub(r"\(\d+\.\d (?:s|giây)\)", "(seconds)", result.stderr)


def test_every_kind_of_answer_is_the_one_a_separate_process_gives(tmp_path):
    site = tmp_path / "broken"
    shutil.copytree(CASES / "closes-before-opens", site, ignore=shutil.ignore_patterns("expected.txt"))
    shutil.copy(CASES / "_base_config.yml", site / "site_config.yml")
    good = make_site(tmp_path / "good", {"a.md": draft_text()})
    runs = {
        "content errors (1, stdout)": (site, ("check", "--today", TODAY, "--format", "json")),
        "a refused build (1, stderr)": (site, ("build", "--today", TODAY, "--quiet")),
        "argparse's usage error (2)": (site, ("build", "--today", "22/11/2026")),
        "a missing configuration (2)": (tmp_path, ("check",)),
        "a build (0), progress on stderr": (good.parent, ("build", "--today", TODAY, "--no-cache")),
    }
    here = {}
    for name, (cwd, args) in runs.items():
        shutil.rmtree(cwd / "site", ignore_errors=True)   # each run on its folder as it was before (no site yet)
        here[name] = answer(command_line.in_this_process(*args, cwd=cwd))
    for cwd, _ in runs.values():
        shutil.rmtree(cwd / "site", ignore_errors=True)
    # the separate processes side by side (the one build among them has a folder of its own)
    with concurrent.futures.ThreadPoolExecutor(len(runs)) as pool:
        there = dict(zip(runs, pool.map(lambda run: answer(command_line.in_a_process(*run[1], cwd=run[0])),
                                        runs.values())))
    for name in runs:
        assert here[name] == there[name], name
    assert {code for code, _, _ in here.values()} == {0, 1, 2}


def test_an_uncaught_exception_prints_its_traceback_and_exits_with_1(monkeypatch):
    from generator import cli

    def broken(argv):
        print("partial output")
        raise RuntimeError("a defect")
    monkeypatch.setattr(cli, "main", broken)
    result = command_line.in_this_process("check")
    assert (result.returncode, result.stdout) == (1, "partial output\n")
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.rstrip().endswith("RuntimeError: a defect")


def test_the_process_is_left_as_it_was(tmp_path):
    config = make_site(tmp_path / "s", {"a.md": draft_text()})
    mkdocs = logging.getLogger("mkdocs")
    before = (os.getcwd(), dict(os.environ), list(sys.path), mkdocs.handlers[:], mkdocs.level,
              signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.stdout, sys.stderr)
    result = command_line.in_this_process("build", "--config", str(config), "--today", TODAY, cwd=tmp_path)
    assert result.returncode == 0 and "Đã dựng trang tại" in result.stdout
    after = (os.getcwd(), dict(os.environ), list(sys.path), mkdocs.handlers[:], mkdocs.level,
             signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), sys.stdout, sys.stderr)
    assert after == before
