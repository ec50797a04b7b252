"""What the suite shares between tests to save builds cannot change what a test sees: a shared
built site that a test changes is caught, and the installed theme's files are listed as MkDocs
lists them."""
from __future__ import annotations

from types import SimpleNamespace

import yaml

from tests import longest_first, theme_files
from tests.conftest import SharedSites


def test_a_test_that_changes_a_shared_site_is_named_and_later_ones_are_told(tmp_path):
    site = tmp_path / "site"
    (site / "du-thao").mkdir(parents=True)
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    shared = SharedSites()
    shared.share("example_build", site)
    reader = SimpleNamespace(nodeid="test_reads", fixturenames=["example_build"])
    other = SimpleNamespace(nodeid="test_other", fixturenames=["tmp_path"])
    assert shared.changes(reader) == []
    (site / "index.html").write_text("<html>đổi</html>", encoding="utf-8")
    (site / "du-thao" / "moi.html").write_text("", encoding="utf-8")
    writer = SimpleNamespace(nodeid="test_writes", fixturenames=["tmp_path", "example_build"])
    assert shared.changes(other) == []   # a test that did not use it is not blamed
    [problem] = shared.changes(writer)
    assert "`example_build`" in problem and "by this test" in problem
    assert "du-thao/moi.html, index.html" in problem
    [later] = shared.changes(reader)
    assert "by test_writes" in later


def test_a_removed_shared_site_is_caught(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("a", encoding="utf-8")
    shared = SharedSites()
    shared.share("later_build", site)
    (site / "a.html").unlink()
    site.rmdir()
    assert shared.changes(SimpleNamespace(nodeid="t", fixturenames=["later_build"]))


def mkdocs_theme_files(root, static_templates=()) -> list[str]:
    """The theme files MkDocs copies into a site of mkdocs-material with the overrides in root/overrides."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    (root / "docs").mkdir(exist_ok=True)
    theme = {"name": "material", "custom_dir": "overrides", "static_templates": list(static_templates)}
    (root / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "x", "theme": theme}), encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted(f"{f.src_uri} {f.abs_src_path}" for f in files)


def test_the_kept_theme_listing_is_what_mkdocs_lists_and_sees_a_new_override(tmp_path):
    (tmp_path / "overrides/assets/images").mkdir(parents=True)
    (tmp_path / "overrides/assets/images/favicon.png").write_bytes(b"png")
    (tmp_path / "overrides/partials").mkdir()
    (tmp_path / "overrides/partials/footer.html").write_text("<footer></footer>", encoding="utf-8")
    with theme_files.as_jinja2_lists():
        plain = mkdocs_theme_files(tmp_path)
        without_favicon = mkdocs_theme_files(tmp_path, ["assets/images/favicon.png"])
    with theme_files.kept_across_builds():
        assert mkdocs_theme_files(tmp_path) == mkdocs_theme_files(tmp_path) == plain
        assert mkdocs_theme_files(tmp_path, ["assets/images/favicon.png"]) == without_favicon
        (tmp_path / "overrides/assets/new.css").write_text("", encoding="utf-8")
        added = mkdocs_theme_files(tmp_path)
    assert f"assets/images/favicon.png {tmp_path}/overrides/assets/images/favicon.png" in plain
    assert not any(line.startswith("assets/images/favicon.png") for line in without_favicon)
    assert sorted(set(added) - set(plain)) == [f"assets/new.css {tmp_path}/overrides/assets/new.css"]
    assert len(plain) > 10 and not any(line.endswith(".html") or "/.icons/" in line for line in plain)


def first_parts_of_worksteal(nodeids: list[str], workers: int) -> list[list[str]]:
    """What xdist's worksteal scheduler first sends each of `workers` workers."""
    from xdist.scheduler.worksteal import WorkStealingScheduling

    class Worker:
        shutting_down = False

        def __init__(self, number: int):
            self.sent: list[int] = []
            self.gateway = SimpleNamespace(id=f"gw{number}")

        def send_runtest_some(self, indices):
            self.sent.extend(indices)

    config = SimpleNamespace(getvalue={"tx": [f"{workers}*popen"]}.get)
    scheduler = WorkStealingScheduling(config)
    nodes = [Worker(number) for number in range(workers)]
    for node in nodes:
        scheduler.add_node(node)
    for node in nodes:
        scheduler.add_node_collection(node, nodeids)
    scheduler.schedule()
    return [[nodeids[i] for i in node.sent] for node in nodes]


def test_long_files_start_every_part_worksteal_hands_out_and_stay_whole():
    nodeids = [f"tests/{name}.py::t{i}" for name, count in (("a", 30), ("b", 3), ("c", 40), ("d", 2), ("e", 25))
               for i in range(count)]
    durations = {n: 0.1 for n in nodeids} | {"tests/b.py::t1": 20.0, "tests/d.py::t0": 15.0, "tests/e.py::t3": 9.0}
    order = longest_first.arranged(nodeids, durations, 2)
    assert sorted(order) == sorted(nodeids)
    first, second = first_parts_of_worksteal(order, 2)
    assert [len(first), len(second)] == longest_first.parts_of(len(nodeids), 2)
    assert first[:3] == [f"tests/b.py::t{i}" for i in range(3)]   # the longest file first, its tests in order
    assert second[:2] == ["tests/d.py::t0", "tests/d.py::t1"] and second[2:27] == [f"tests/e.py::t{i}" for i in range(25)]
    for part in (first, second):   # a file is cut only where the parts are cut
        files = [n.split("::")[0] for n in part]
        assert all(files[files.index(f):len(files) - files[::-1].index(f)] == [f] * files.count(f) for f in files)
    # the other files keep their order
    assert [n for n in order if n.split("::")[0] in ("tests/a.py", "tests/c.py")] == nodeids[:30] + nodeids[33:73]
    assert longest_first.arranged(nodeids, {}, 2) == nodeids
    assert longest_first.arranged(nodeids, durations, 1) == nodeids
