"""policyhub as another province gets it: installed from the repository (not in editable
mode) into a fresh virtual environment, its `policyhub` command builds a site kept in a
folder of its own, with nothing of this checkout on its path.

The new environment gets policyhub itself from pip (the repository built into a wheel, its
build requirements from pip's configured index) and, for its dependencies, exactly the
distributions that policyhub's declared requirements name, followed requirement by
requirement, linked from this environment: so a module the package imports without
declaring it fails here as it would for a province, and no dependency is downloaded and
unpacked again. Marker `install`, so `pytest -m "not install"` leaves it out.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement

from bench.corpus import write_corpus
from tests.conftest import REPO

pytestmark = pytest.mark.install

TODAY = dt.date(2026, 11, 21)


def repository_files(target: Path) -> Path:
    """The files a clone of the repository has (tracked, and new ones not ignored), without
    the checkout's virtual environment, caches and build folders."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def outside_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def declared_closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions that `requirements` name, and those they name in turn
    (markers evaluated for this interpreter, no extras)."""
    found: dict[str, metadata.Distribution] = {}
    pending = [Requirement(r) for r in requirements]
    while pending:
        wanted = pending.pop()
        if wanted.marker is not None and not wanted.marker.evaluate({"extra": ""}):
            continue
        key = re.sub(r"[-_.]+", "-", wanted.name).lower()
        if key in found:
            continue
        dist = metadata.distribution(wanted.name)
        assert dist.version in wanted.specifier, f"{wanted} is declared, {dist.version} is installed"
        found[key] = dist
        pending.extend(Requirement(r) for r in dist.requires or [])
    return list(found.values())


def link_distributions(dists: list[metadata.Distribution], site_packages: Path) -> None:
    """Each distribution's top-level packages, modules and metadata folder, linked into
    `site_packages` (scripts installed outside site-packages are left out)."""
    for dist in dists:
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in sorted(tops - {"__pycache__"}):
            source = Path(dist.locate_file(top))
            if source.exists() and not (site_packages / top).exists():
                (site_packages / top).symlink_to(source)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh virtual environment with policyhub installed from the repository."""
    work = tmp_path_factory.mktemp("install")
    source = repository_files(work / "policyhub")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    declared = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    purelib = sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)})
    link_distributions(declared_closure(declared), Path(purelib))
    # this environment's pip installs into the new one: no pip to bootstrap there
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                           "--quiet", "--no-compile", "--no-deps", "--disable-pip-version-check", str(source)],
                          capture_output=True, text=True, cwd=work, env=outside_env())
    assert done.returncode == 0, done.stdout + done.stderr
    return venv / "bin"


def test_the_installed_package_carries_the_theme(installed):
    code = "import generator.render.pages as r; print(r.package_theme_dir())"
    theme = Path(subprocess.run([str(installed / "python"), "-c", code], capture_output=True, text=True, check=True,
                                cwd=installed.parent, env=outside_env()).stdout.strip())
    assert theme.is_relative_to(installed.parent) and theme.name == "theme" and theme.parent.name == "generator"
    shipped = sorted(p.relative_to(REPO / "theme").as_posix() for p in (REPO / "theme").rglob("*") if p.is_file())
    assert sorted(p.relative_to(theme).as_posix() for p in theme.rglob("*") if p.is_file()) == shipped


def test_the_installed_command_builds_another_provinces_site_from_its_own_folder(installed, tmp_path):
    corpus = write_corpus(tmp_path / "gop-y-gia-lai", 12, today=TODAY, province="Gia Lai")
    (corpus.root / "theme/pages").mkdir(parents=True)
    (corpus.root / "theme/pages/footer.html").write_text("<p>Chân trang của tỉnh Gia Lai</p>", encoding="utf-8")
    policyhub = str(installed / "policyhub")
    checked = subprocess.run([policyhub, "check", "--today", TODAY.isoformat()], capture_output=True, text=True,
                             cwd=corpus.root, env=outside_env())
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = subprocess.run([policyhub, "build", "--today", TODAY.isoformat(), "--quiet"], capture_output=True,
                           text=True, cwd=corpus.root, env=outside_env())
    assert built.returncode == 0, built.stderr
    site = corpus.root / "site"
    assert "tỉnh Gia Lai" in (site / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (site / "du-thao").iterdir()) == sorted(d.slug for d in corpus.drafts)
    page = (site / "du-thao" / corpus.drafts[0].slug / "index.html").read_text(encoding="utf-8")
    assert "Chân trang của tỉnh Gia Lai" in page                     # the site's own override
    assert 'href="../../assets/stylesheets/policyhub.css"' in page   # and the shipped theme under it
    assert (site / "assets/stylesheets/policyhub.css").read_bytes() == \
        (REPO / "theme/assets/stylesheets/policyhub.css").read_bytes()
