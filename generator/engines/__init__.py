"""Stage engine: the engine-neutral seam (base: slots, frames, which pages are built whole,
the adapter's interface; audit: the check of every frame) and one folder per page engine.

`ADAPTERS` is the registry: site_config.yml's `engine:` names one of them (model.vocab.ENGINES
lists the same names for the config check, which runs before this stage). `build_site` runs
the chosen adapter and hands the fill stage one audited frame per framed page.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Mapping

from generator.diagnostics import Report
from generator.messages import Term
from generator.engines.audit import FrameError, audit
from generator.engines.base import Engine, EngineError, EngineJob, Frame, frame_key, specimens, whole_and_framed
from generator.engines.mkdocs_material.adapter import MkdocsMaterial
from generator.plan.plan import Page, Plan
from generator.render.pages import RenderedPage

__all__ = ["ADAPTERS", "Engine", "EngineError", "FrameError", "Frame", "build_site", "named", "whole_and_framed"]

ADAPTERS: dict[str, type[Engine]] = {adapter.name: adapter for adapter in (MkdocsMaterial,)}


def named(name: str) -> Engine:
    """The adapter site_config.yml's `engine:` names."""
    try:
        return ADAPTERS[name]()
    except KeyError:
        raise EngineError(Term("engine.unknown", name=name, engines=", ".join(sorted(ADAPTERS)))) from None


def build_site(engine: Engine, plan: Plan, whole: Mapping[str, RenderedPage], framed: list[Page],
               theme_dirs: list[Path], content_dir: Path, work: Path, site_dir: Path) -> dict[str, Frame]:
    """Build the pages of `whole` into `site_dir` with `engine`, and the frames of the
    `framed` pages: returns page URL -> its frame, every frame audited. Raises FrameError
    (one error per problem, naming the frame's template) when a frame is wrong, and
    EngineError when the engine fails."""
    pairs = specimens(framed)
    marked = tuple(page for pair in pairs.values() for page in pair)
    own = _own_folder(site_dir)
    html = engine.build(EngineJob(plan, whole, marked, tuple(theme_dirs), content_dir, work, own))
    _move_into(own, site_dir)
    report, frames = Report(), {}
    for key, (first, last) in pairs.items():
        template = engine.template_of(first.kind)
        found = Report()
        frames[key] = audit(found, f"theme/{template}", _template_named(theme_dirs, template),
                            engine.slot_sources, (first.url, html[first.url]), (last.url, html[last.url]))
        known = {(d.path, d.code) for d in report.diagnostics}
        report.extend([d for d in found.diagnostics if (d.path, d.code) not in known])
    if report.errors:
        raise FrameError(report)
    return {page.url: frames[frame_key(page)] for page in framed}


ENGINE_FOLDER = ".policyhub-engine"   # hidden: the publish stage never takes it for the site's


def _own_folder(site_dir: Path) -> Path:
    """An empty folder inside `site_dir` (so on its disk) for the engine to write into. An
    engine empties the folder it builds into (MkDocs does), and the site's folder holds the
    folders the last build kept for this one: removing and making them again would cost
    a millisecond each on a slow disk."""
    own = site_dir / ENGINE_FOLDER
    if os.path.lexists(own):   # left by a build that was stopped
        shutil.rmtree(own) if own.is_dir() and not own.is_symlink() else own.unlink()
    own.mkdir(parents=True)
    return own


def _move_into(own: Path, site_dir: Path) -> None:
    """Every file the engine wrote, moved to its place in `site_dir`; its folder removed."""
    for folder, _, names in os.walk(own):
        for name in names:
            source = Path(folder) / name
            target = site_dir / source.relative_to(own)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir() and not target.is_symlink():   # a kept folder where a file belongs now
                shutil.rmtree(target)
            os.replace(source, target)
    shutil.rmtree(own)


def _template_named(theme_dirs: list[Path], template: str):
    """`template` as the audit names it. When the site's theme/ does not replace it itself,
    the files of theme/ that do take part in the frame are named with it: the shipped theme
    passes the audit, so the fault is there."""
    if len(theme_dirs) < 2 or (theme_dirs[0] / template).is_file():
        return template
    own = sorted(path.relative_to(theme_dirs[0]).as_posix() for path in theme_dirs[0].rglob("*.html")
                 if path.relative_to(theme_dirs[0]).parts[0] not in ("pages", "components"))
    if not own:
        return template
    return Term("frame.shipped", template=template, files=", ".join(f"theme/{name}" for name in own))
