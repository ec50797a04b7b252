"""docs/ and the README describe the product as the code has it, and the repository stands
alone: every command, option, front-matter field, configuration key and diagnostic code of
the code is named in its page, and nothing points outside the repository."""
from __future__ import annotations

import argparse
import ast
import re

import pytest

from generator import cli
from generator.validate import config
from generator.validate import tables as validate
from generator.model import vocab
from tests.conftest import REPO

DOCS = REPO / "docs"
CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")


def text(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8")


def named(word: str, page: str) -> bool:
    """`word` written as code in the page: `word`, `--word …` or in a code block."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", page) is not None


def commands() -> dict[str, list[str]]:
    """Each command of the command line and its options (long forms; positionals by name)."""
    out = {}
    [sub] = [a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction)]
    for name, parser in sub.choices.items():
        out[name] = [option for action in parser._actions for option in action.option_strings
                     if option.startswith("--") and option != "--help"]
    return out


@pytest.mark.parametrize("page", ["docs/commands.md", "README.md"])
def test_every_command_and_option_is_listed(page):
    doc = text(page)
    usage = "\n".join(line for line in doc.splitlines() if line.startswith("policyhub "))
    for command, options in commands().items():
        lines = [line for line in usage.splitlines() if line.split()[1] == command]
        assert lines, f"{page} has no usage line for 'policyhub {command}'"
        for option in options:
            assert any(named(option, line) for line in lines), f"{page}: policyhub {command} {option}"


def test_every_front_matter_field_is_described():
    doc = (DOCS / "front-matter.md").read_text(encoding="utf-8")
    fields = set(validate.DRAFT_FIELDS + validate.CONSULTATION_FIELDS + validate.DOCUMENT_FIELDS
                 + tuple(vocab.DOCUMENT_KINDS) + validate.IMAGE_FIELDS + vocab.CHART_TYPES + validate.CONTACT_FIELDS
                 + validate.OUTCOME_FIELDS + validate.RESPONSE_FIELDS + tuple(vocab.RESPONSE_GROUPS)
                 + validate.RESPONSE_ITEM_FIELDS + validate.VERSION_FIELDS + validate.TRANSLATION_FIELDS
                 + validate.CONTENT_FIELDS)
    for kind, (required, optional) in validate.CHANNEL_FIELDS.items():
        fields |= {kind, *required, *optional}
    for chart, item in validate.CHART_FIELDS.values():
        fields |= set(chart) | set(item)
    missing = sorted(f for f in fields if f"`{f}`" not in doc)
    assert missing == []


def test_every_configuration_key_is_described():
    doc = (DOCS / "site-config.md").read_text(encoding="utf-8")
    keys = set(config.TOP_FIELDS + config.SITE_FIELDS + config.PATH_FIELDS + config.RULE_FIELDS
               + config.PLAIN_LANGUAGE_FIELDS) | {"page_size"}
    missing = sorted(k for k in keys if f"`{k}`" not in doc)
    assert missing == []
    # and the defaults it gives are the code's
    for name, default in vars(config.Paths()).items():
        assert f"| `{name}` | `{default}` |" in doc, name
    for name, default in vars(config.Rules()).items():
        assert f"| `{name}` | `{default}` |" in doc, name


def diagnostic_codes() -> set[str]:
    """The constant codes given to Report.error/warning and FieldChecker.error/warning."""
    codes = set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("error", "warning"):
                codes |= {arg.value for arg in node.args[:3]
                          if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.match(arg.value)}
    return codes


def test_every_diagnostic_code_is_explained():
    codes = diagnostic_codes()
    assert len(codes) > 40          # the scan finds the codes at all
    doc = (DOCS / "rules.md").read_text(encoding="utf-8")
    missing = sorted(code for code in codes if f"`{code}`" not in doc)
    assert missing == []


def test_the_docs_link_only_to_pages_that_exist():
    for page in sorted(DOCS.rglob("*.md")) + [REPO / "README.md"]:
        for target in re.findall(r"\]\(([^)#]+)", page.read_text(encoding="utf-8")):
            if "://" not in target:
                assert (page.parent / target).exists(), f"{page.relative_to(REPO)} links to {target}"


def test_nothing_in_the_repository_reaches_outside_it():
    outside = re.compile(r"\.\./shared|REPO\.parent|REPO_ROOT\.parent|parents\[[3-9]\]|shared/(?:SPEC|STYLE|LAYOUT|"
                         r"TESTING|SEARCH|corpus)")
    found = []
    for folder in ("tests", "bench", "scripts", ".ci", "generator", "docs", "theme"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".md", ".sh", ".yml", ".toml", ".html", ".js", "") \
                    and path != REPO / "tests/docs/test_docs.py":
                for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                    if outside.search(line):
                        found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    for name in ("README.md", "pyproject.toml"):
        found += [f"{name}: {line}" for line in text(name).splitlines() if outside.search(line) or "SPEC.md" in line]
    assert found == []


def test_the_editors_guide_quotes_check_as_it_speaks_and_commands_that_run():
    """Every error the Vietnamese guide shows is word for word what `check` prints for a broken
    site of tests/sites/invalid/, and every command it shows is one the command line accepts."""
    guide = (DOCS / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
    printed = "".join(p.read_text(encoding="utf-8")
                      for p in sorted((REPO / "tests/sites/invalid").glob("*/expected.vi.txt")))
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```$", guide, re.S | re.M)
    shown = [block for block in blocks if ": lỗi: " in block]
    assert len(shown) >= 5
    for block in shown:
        assert block in printed, block
    lines = [line for block in blocks for line in block.splitlines() if line.startswith("policyhub ")]
    assert {line.split()[1] for line in lines} >= {"new", "import", "check", "serve"}
    for line in lines:
        words = re.findall(r'"[^"]*"|\S+', line)[1:]
        cli.parser().parse_args([w.strip('"') for w in words])   # exits (SystemExit) when not accepted
