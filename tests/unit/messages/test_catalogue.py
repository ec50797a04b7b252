"""The message catalogue: every key the code asks for is in both languages, with the same
parameters, and nothing the code says in Vietnamese is English.

The code is read, not run: every call that names a catalogue entry with written-out words
(a diagnostic's code given to `.error`/`.warning`, `messages.text("lines", "build.done", …)`,
a module's own helper around `messages.text(SECTION, code, …)`, a `Term("…")`) is found in
the source, so an entry that only a rare path asks for is checked as well as a common one.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import messages

PACKAGE = Path(messages.__file__).resolve().parents[1]
LOOKUPS = {"text", "problem", "problem_text", "lines", "word", "require", "needed"}
KEY = re.compile(r"^[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*(?:\.[a-z0-9_]+(?:-[a-z0-9_]+)*)*$")


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _constants(tree) -> dict[str, str]:
    """Module-level NAME = "text" assignments (SECTION = "import-docx")."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def _value(node, constants):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    return None


def _lookup(call) -> str | None:
    """"text" for messages.text(…), and so on."""
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "messages" \
            and func.attr in LOOKUPS:
        return func.attr
    return None


def _prefix(node) -> str | None:
    """The written-out start of an f-string key: f"new.{code}" -> "new."."""
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return node.values[0].value
    return None


def _templates(node, name: str) -> set[tuple[str, str]]:
    """How a helper makes its key of its parameter `name`, as (before, after): `name` is
    ("", ""), `name + ".hint"` ("", ".hint"), f"help.{name}" ("help.", "")."""
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id == name and node is sub:
            found.add(("", ""))
        elif isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.Add) and isinstance(sub.left, ast.Name) \
                and sub.left.id == name and isinstance(sub.right, ast.Constant):
            found.add(("", sub.right.value))
        elif isinstance(sub, ast.JoinedStr):
            parts = sub.values
            names = [i for i, part in enumerate(parts) if isinstance(part, ast.FormattedValue)
                     and isinstance(part.value, ast.Name) and part.value.id == name]
            if len(names) == 1 and all(isinstance(part, ast.Constant) for i, part in enumerate(parts) if i != names[0]):
                i = names[0]
                found.add(("".join(p.value for p in parts[:i]), "".join(p.value for p in parts[i + 1:])))
    if isinstance(node, ast.BoolOp):      # `hint or code + ".hint"`: the parameter's own key too
        found |= set().union(*(_templates(value, name) for value in node.values))
    return found


def _keywords(call) -> tuple[set[str], bool]:
    names = {k.arg for k in call.keywords if k.arg}
    return names, any(k.arg is None for k in call.keywords)


def asked_for() -> list[tuple[str, str, str, frozenset | None]]:
    """(where, section, key or "prefix*", parameters given or None when **passed on) of every
    call in the code that names a catalogue entry in written-out words."""
    found = []
    for path, tree in _sources():
        where = path.relative_to(PACKAGE.parent).as_posix()
        constants = _constants(tree)
        # helpers of the module: def f(code, …) whose body looks `code` up in a section
        helpers: dict[str, tuple[str, set[tuple[str, str]]]] = {}
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda))]
        for _ in range(3):   # helpers of helpers
            for function in functions:
                if not isinstance(function, ast.FunctionDef) or not function.args.args:
                    continue
                first = function.args.args[0].arg
                for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                    lookup = _lookup(call)
                    inner = call.func.id if isinstance(call.func, ast.Name) and call.func.id in helpers else None
                    if lookup in ("word",) or not (lookup or inner) or not call.args:
                        continue
                    section = _value(call.args[0], constants) if lookup else helpers[inner][0]
                    key_arg = call.args[1] if lookup and len(call.args) > 1 else (call.args[0] if inner else None)
                    if section is None or key_arg is None:
                        continue
                    made = _templates(key_arg, first)
                    if inner:   # a helper of a helper: its own way of making the key, then the other's
                        made = {(b + b2, a2 + a) for b, a in made for b2, a2 in helpers[inner][1]}
                    if made:
                        helpers[function.name] = (section, helpers.get(function.name, (section, set()))[1] | made)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            given, passed_on = _keywords(call)
            params = None if passed_on else frozenset(given)
            lookup = _lookup(call)
            func = call.func
            if lookup == "word" and call.args:
                key = _value(call.args[0], constants)
                if key:
                    found.append((where, "words", key, params))
            elif lookup and len(call.args) >= 2:
                section = _value(call.args[0], constants)
                key = _value(call.args[1], constants)
                if section and key:
                    found.append((where, section, key, params))
                elif section and _prefix(call.args[1]):
                    found.append((where, section, _prefix(call.args[1]) + "*", None))
            elif isinstance(func, ast.Name) and func.id in helpers and call.args:
                section, templates = helpers[func.id]
                key = _value(call.args[0], constants)
                if key:
                    found += [(where, section, before + key + after, None) for before, after in sorted(templates)]
            elif isinstance(func, ast.Name) and func.id == "Term" and call.args:
                key = _value(call.args[0], constants)
                if key:
                    found.append((where, "terms", key, params))
            elif isinstance(func, ast.Attribute) and (func.attr in ("error", "warning") and call.args
                                                      or func.attr == "add" and len(call.args) >= 4):
                # Report.error(path, position, code, …), FieldChecker.error(field, code, …): the code
                # is the last written-out word among the arguments
                words = [_value(arg, constants) for arg in call.args[:4]]
                words = [w for w in words if w and KEY.match(w) and w not in ("error", "warning")]
                if words:
                    found.append((where, "diagnostics", words[-1], params))
    return found


def _entries(lang: str, section: str) -> dict:
    return messages.catalogue(lang)[section]


def test_the_scan_finds_the_code_asking_for_words():
    found = asked_for()
    sections = {section for _, section, _, _ in found}
    assert {"diagnostics", "lines", "words", "terms", "cli", "commands", "import-docx", "import-responses",
            "import-sheet", "import-word", "import"} <= sections
    assert sum(1 for _, section, _, _ in found if section == "diagnostics") > 80


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_every_entry_the_code_asks_for_is_in_the_catalogue_with_its_parameters(lang):
    missing, short = [], []
    for where, section, key, given in asked_for():
        entries = _entries(lang, section)
        if key.endswith("*"):
            if not any(name.startswith(key[:-1]) for name in entries):
                missing.append(f"{where}: {section}.{key}")
            continue
        if key not in entries:
            missing.append(f"{where}: {section}.{key}")
            continue
        wanted = messages.parameters(entries[key])
        if given is not None and section == "diagnostics":
            given = given | {"field"}       # FieldChecker gives the field itself
        if given is not None and not wanted <= given:
            short.append(f"{where}: {section}.{key} needs {sorted(wanted - given)}")
    assert missing == []
    assert short == []


def _flat(tree, prefix=""):
    """(key, text) of every string of a catalogue, "section/key/part"."""
    if isinstance(tree, dict):
        for name, value in tree.items():
            yield from _flat(value, f"{prefix}/{name}" if prefix else str(name))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from _flat(value, f"{prefix}[{index}]")
    else:
        yield prefix, tree


def test_both_catalogues_have_the_same_entries_with_the_same_parameters():
    vi, en = dict(_flat(messages.catalogue("vi"))), dict(_flat(messages.catalogue("en")))
    assert sorted(set(vi) ^ set(en)) == []
    # argparse's phrases and PyYAML's are looked up by their English and shown as they are
    templates = [key for key in vi if isinstance(vi[key], str) and not key.startswith(("argparse/", "yaml/"))]
    differ = [key for key in templates if messages.parameters(vi[key]) != messages.parameters(en[key])]
    assert differ == []


def test_every_diagnostic_has_a_message_and_a_fix_and_a_code_that_is_documented():
    rules = (PACKAGE.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    for lang in messages.LANGUAGES:
        for key, entry in _entries(lang, "diagnostics").items():
            assert set(entry) == {"message", "fix"}, key
            assert entry["message"].strip(), key
    undocumented = sorted({key.split(".")[0] for key in _entries("vi", "diagnostics")}
                          - set(re.findall(r"`([a-z][a-z0-9-]*)`", rules)))
    assert undocumented == []


def test_every_field_label_is_in_both_languages():
    for scope, table in messages.labels().items():
        for key, label in table.items():
            assert set(label) == set(messages.LANGUAGES), (scope, key)
            assert all(isinstance(label[lang], str) and label[lang].strip() for lang in messages.LANGUAGES)


# -- no English in Vietnamese ------------------------------------------------------------
# English words an English sentence cannot do without, that are not Vietnamese syllables
ENGLISH = {"the", "is", "are", "was", "be", "of", "to", "and", "or", "not", "with", "for", "from", "this",
           "that", "must", "should", "write", "missing", "error", "errors", "warning", "fix", "field", "file",
           "value", "line", "use", "instead", "here", "there", "than", "more", "only", "every", "one", "an",
           "it", "its", "has", "have", "can", "cannot", "no", "yes", "date", "draft", "page", "folder",
           "unknown", "invalid", "empty", "required", "add", "remove", "replace", "give", "name", "does"}
# what a Vietnamese message quotes as written: keys, values, addresses, code, commands, lists of keys
VERBATIM = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|\([a-z_.\[\]0-9, ]+\)|\{[^}\n]*\}|\S*[./@=_\\]\S*|\S+:\S+"
                      r"|--[a-z-]+|policyhub \w+|[A-Z][A-Z-]+|(?:\b[a-z_]+, )+[a-z_]+\b")


def english_words(text: str) -> list[str]:
    plain = VERBATIM.sub(" ", text)
    return sorted({word for word in re.findall(r"\w+", plain) if word.isascii() and word.lower() in ENGLISH})


def test_the_english_detector_sees_english_and_not_what_vietnamese_quotes():
    assert english_words("error: missing required field 'summary'") == ["error", "field", "missing", "required"]
    assert english_words("thiếu trường bắt buộc Tóm tắt dễ hiểu (summary); ghi 'the value: …'") == []


def test_no_vietnamese_text_of_the_catalogue_is_english():
    found = [(key, words) for key, text in _flat(messages.catalogue("vi"))
             if isinstance(text, str) and not key.startswith("argparse/") and (words := english_words(text))]
    assert found == []


def test_the_field_labels_are_vietnamese():
    found = [(scope, key) for scope, table in messages.labels().items() for key, label in table.items()
             if english_words(label["vi"])]
    assert found == []


def test_what_check_says_in_vietnamese_has_no_english():
    """The whole output of `check --lang vi` for every broken site (tests/sites/invalid/)."""
    found = []
    for expected in sorted((PACKAGE.parent / "tests/sites/invalid").glob("*/expected.vi.txt")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            if english_words(line):
                found.append(f"{expected.parent.name}: {line}")
    assert found == []
