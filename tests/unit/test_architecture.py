"""The folders of generator/ are the stages of a build, and imports only run down them.

Every import counts, also one inside a function: a module may import its own package and
the packages below it in `LAYERS`, never one above or beside it. So plan cannot reach
back into validate, the engine cannot use the fill stage, and no two modules import each
other, directly or round a loop. Only the engine's own folder may import MkDocs.
"""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"

# bottom first; packages on one line are side by side and may not import each other
LAYERS = [
    ("messages",),
    ("model", "diagnostics", "parallel", "progress"),
    ("cache", "markup"),
    ("load",),
    ("validate",),
    ("plan",),
    ("render",),
    ("engines",),
    ("fill", "outputs", "publish"),
    ("build",),
    ("commands",),
    ("cli",),
    ("__main__",),
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    """generator.x.y -> its file, for every module of the package (the theme holds none)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(path: Path, known: dict[str, Path]) -> set[str]:
    """Every module of ours that `path` imports, at the top or inside a function."""
    own = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name.startswith("generator"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:   # relative: from the module's own package
                base = ".".join(own.split(".")[:-node.level] + ([base] if base else []))
            if not base.startswith("generator"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in known else base)
    return {name for name in out if name in known}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


MODULES = modules()


@functools.cache
def graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports; read once, when a test first asks."""
    return {name: imports_of(path, MODULES) for name, path in MODULES.items()}


def test_every_folder_of_the_package_has_a_place_in_the_stages():
    assert {stage(m) for m in MODULES} - {"__init__"} <= set(RANK)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if stage(m) != "__init__"))
def test_imports_only_run_down_the_stages(module):
    mine = stage(module)
    wrong = sorted(target for target in graph()[module]
                   if stage(target) != mine and stage(target) != "__init__"
                   and RANK[stage(target)] >= RANK[mine])
    assert wrong == [], f"{module} imports {wrong}, which are not below {mine} in LAYERS"


def test_no_import_cycle():
    done, active, cycles = set(), [], []

    def visit(node):
        if node in active:
            cycles.append(active[active.index(node):] + [node])
            return
        if node in done:
            return
        active.append(node)
        for target in sorted(graph()[node]):
            if target != node and not node.startswith(target + "."):   # a package's __init__ is not a loop
                visit(target)
        active.pop()
        done.add(node)

    for module in sorted(graph()):
        visit(module)
    assert cycles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_engine_folder_imports_mkdocs(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    named = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    named |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    if not module.startswith("generator.engines.mkdocs_material"):
        assert not named & {"mkdocs", "material"}, module


def test_the_model_imports_nothing_of_ours_but_itself():
    for module, targets in graph().items():
        if stage(module) == "model":
            assert all(stage(t) == "model" for t in targets), (module, targets)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_longer_than_it_can_be_read(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines"
