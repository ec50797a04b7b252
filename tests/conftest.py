"""Shared helpers: write small sites in a temporary folder and run the real command on them."""
from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests import command_line, theme_files

pytest_plugins = ["tests.browser_fixtures",   # Chromium, the served example site: one of each per session
                  "tests.longest_first"]     # with -n, each worker starts with long tests

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"   # the day the example site's states are written for

BASE_CONFIG = {
    "site": {"name": "Cổng góp ý thử nghiệm", "base_url": "https://duthao.example.gov.vn/",
             "language": "vi", "timezone": "Asia/Ho_Chi_Minh",
             "contact": {"name": "Văn phòng UBND tỉnh", "email": "gopy@example.gov.vn", "phone": "0263 3822 111"}},
    "agencies": {"so-y-te": {"name": "Sở Y tế"}, "so-giao-duc-dao-tao": {"name": "Sở Giáo dục và Đào tạo"}},
    "topics": {"y-te": {"name": "Y tế"}, "giao-duc": {"name": "Giáo dục"}},
    "doc_types": {"nghi-quyet-hdnd": {"name": "Nghị quyết của Hội đồng nhân dân tỉnh"}},
    "rules": {"min_comment_days": 20, "response_due_days": 30, "summary_max_words": 120},
}


def draft_text(title="Dự thảo Nghị quyết về học phí", opens="2026-11-10", closes="2026-12-10",
               extra: str = "", body: str = "## Nội dung\n\nNội dung dự thảo.\n", **fields) -> str:
    """A valid draft; `extra` is appended to the front matter as YAML lines."""
    front = {"title": title, "doc_type": "nghi-quyet-hdnd", "agency": "so-giao-duc-dao-tao",
             "topics": ["giao-duc"], "summary": "Tóm tắt dễ hiểu của dự thảo.",
             "consultation": {"opens": opens, "closes": closes,
                              "channels": [{"type": "email", "address": "gopy@example.gov.vn"}]}}
    front.update(fields)
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    if extra:
        text += textwrap.dedent(extra).strip("\n") + "\n"
    return f"---\n{text}---\n\n{body}"


def make_site(root: Path, drafts: dict[str, str], config: dict | None = None,
              content: dict[str, str] | None = None, files: dict[str, bytes] | None = None) -> Path:
    """Write a site: config, drafts/<name>, content/<name>, other files; returns the config path."""
    root.mkdir(parents=True, exist_ok=True)
    config_path = root / "site_config.yml"
    config_path.write_text(yaml.safe_dump(config or BASE_CONFIG, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    for name, text in drafts.items():
        path = root / "drafts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, text in (content or {}).items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, data in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return config_path


def counting(monkeypatch, owner, name) -> list:
    """Count the calls of owner.name and the arguments of each (in this process only: count with builds of one worker)."""
    calls = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


@pytest.fixture(autouse=True, scope="session")
def theme_listed_once():
    """The installed theme's files are listed once per test process, not once per build
    (tests/theme_files.py)."""
    with theme_files.kept_across_builds():
        yield


@pytest.fixture(autouse=True, scope="session")
def user_cache_home(tmp_path_factory) -> Path:
    """Builds keep their cache in the user's cache folder by default: in tests, one of the
    session's own (platformdirs follows XDG_CACHE_HOME), never the home folder's; so is the
    folder of the key that seals it (XDG_CONFIG_HOME), and no key comes from the environment."""
    folder = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("user-config")))
        patch.delenv("POLICYHUB_CACHE_KEY", raising=False)
        yield folder


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by its relative path, with its bytes: two builds compared."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cache_of(config_path: Path) -> Path:
    """Where builds of the site with this config keep their cache by default."""
    from generator.cache.location import default_folder
    return default_folder(config_path.resolve().parent)


def example_draft_paths(root: Path = REPO) -> list[Path]:
    """The example site's draft files: every .md under drafts/ except the earlier versions and
    translations that drafts name (they belong to their draft)."""
    from generator.load.sources import markdown_files, read_source, referenced_editions
    from generator.diagnostics import Report

    paths = markdown_files(root / "drafts")
    editions = referenced_editions(s for p in paths if (s := read_source(p, root, Report())) is not None)
    return [p for p in paths if p.resolve() not in editions]


def run_policyhub(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command line (`policyhub ARGS` in `cwd`, default the repository) and return
    what a separate process would: exit status, stdout, stderr. It runs in this process, which
    saves the start of a new Python for every call (tests/command_line.py); tests about the
    process itself (serve, signals, builds side by side) start `python -m generator` with `_env()`."""
    return command_line.in_this_process(*args, cwd=cwd)


def _env() -> dict[str, str]:
    """The environment for a separate `python -m generator`: the checkout first on the path."""
    return command_line.environment()


def build_example(out: Path, today: str = TODAY) -> Path:
    """Build the repository's example site as of `today` into `out`."""
    result = run_policyhub("build", "--config", str(REPO / "site_config.yml"), "--out", str(out),
                           "--today", today, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


class SharedSites:
    """Built sites that many tests of a session read and none may change: each is noted file
    by file (size, time, mode) when it is made, and after every test that used it the
    folder is compared with that note, so a test that writes into one fails itself instead
    of misleading the tests after it (copy a shared site before changing it)."""

    def __init__(self):
        self.notes: dict[str, tuple[Path, dict]] = {}   # fixture name -> (folder, note)
        self.changed_by: dict[str, str] = {}

    @staticmethod
    def note(folder: Path) -> dict[str, tuple[int, int, int]]:
        return {p.relative_to(folder).as_posix(): (s.st_size, s.st_mtime_ns, s.st_mode)
                for p in sorted(folder.rglob("*")) for s in [p.lstat()]}

    def share(self, fixture: str, folder: Path) -> Path:
        self.notes[fixture] = (folder, self.note(folder))
        return folder

    def changes(self, item) -> list[str]:
        problems = []
        for fixture in sorted(self.notes.keys() & set(item.fixturenames)):
            folder, before = self.notes[fixture]
            after = self.note(folder) if folder.is_dir() else {}
            if after != before:
                first = self.changed_by.setdefault(fixture, item.nodeid)
                names = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))
                problems.append(f"the shared site `{fixture}` ({folder}) was changed"
                                + (" by this test" if first == item.nodeid else f" by {first}")
                                + f": {', '.join(names[:5])}{' …' if len(names) > 5 else ''}; copy it before changing it")
        return problems


SHARED_SITES = SharedSites()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    problems = SHARED_SITES.changes(item)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The repository's example site, built once for the day its states are written for.
    Shared by every test of the session (of the worker, with xdist): only read it; a test that
    changes a built site copies this one first (a test that changes this one fails)."""
    return SHARED_SITES.share("example_build", build_example(tmp_path_factory.mktemp("example") / "site"))


@pytest.fixture(scope="session")
def example_built_again(tmp_path_factory, example_build) -> Path:
    """A second build of the example for the same day, into another folder, after the first
    (for tests that compare two builds; only read it)."""
    return SHARED_SITES.share("example_built_again",
                              build_example(tmp_path_factory.mktemp("example-again") / "site"))


BROWSER_FIXTURES = {"browser", "browser_nojs", "page", "page_nojs", "_playwright"}


def pytest_collection_modifyitems(config, items):
    """Tests that meet the site in Chromium (or check it with the Nu Html Checker, in
    tests/browser/) carry the `browser` marker: `pytest -m "not browser"` leaves them out."""
    browser_folder = REPO / "tests" / "browser"
    for item in items:
        if BROWSER_FIXTURES & set(item.fixturenames) or browser_folder in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
