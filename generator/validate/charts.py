"""Infographics declared in front matter: charts from numbers, or a designed picture with its alt text."""
from __future__ import annotations

from pathlib import Path

from generator.load import site_files
from generator.model import (CompareChart, ComparedValue, FiguresChart, KeyFigure, Picture, SharePart, ShareChart)
from generator.model.vocab import CHART_TYPES
from generator.validate.attachments import attached_file
from generator.load.yaml_positions import dotted
from generator.validate.fields import FieldChecker, type_name
from generator.validate.tables import CHART_FIELDS, IMAGE_FIELDS


def _chart_number(value, path, check: FieldChecker, minimum=None) -> int | float | None:
    """A number in a chart: digits with an optional decimal point (YAML reads 12.5), never text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        hint = "write the number without thousands separators or units, e.g. 355000 or 12.5"
        if isinstance(value, str) and any(c.isdigit() for c in value):
            hint += f" (not '{value}'; the unit goes in 'unit:')"
        check.error(path, "not-a-number", f"'{dotted(path)}' must be a number, not {type_name(value)}", hint,
                    at_value=True)
        return None
    if minimum is not None and value < minimum:
        check.error(path, "negative-value", f"'{dotted(path)}' is {value}; it cannot be below {minimum}",
                    "write the amount as a positive number", at_value=True)
        return None
    return value


def _chart_items(raw, path, check: FieldChecker, fields, example, minimum=1) -> list | None:
    """The `items` list of a chart as (path, item) pairs of mappings, or None when it is
    unusable (reported)."""
    items = raw.get("items")
    if not isinstance(items, list) or len(items) < minimum:
        if "items" not in raw:
            check.error(path, "missing-field", f"missing required field '{dotted(path + ('items',))}'",
                        f"add 'items:' with one '- {example}' per line")
        else:
            check.error(path + ("items",), "chart-items",
                        f"'{dotted(path + ('items',))}' must be a list of at least {minimum} item(s)",
                        f"write one '- {example}' per line under 'items:'", at_value=True)
        return None
    pairs = [(path + ("items", i), item) for i, item in enumerate(items)
             if check.mapping(item, path + ("items", i), fields)]
    return pairs if len(pairs) == len(items) else None


def _chart_text(raw, path, check: FieldChecker, key: str, hint: str) -> str:
    """A required text of a chart (its title, an item's label), with a hint for charts."""
    text = check.text(raw.get(key), path + (key,))
    if not text and not (isinstance(raw.get(key), (dict, list, bool))):
        check.error(path if key not in raw else path + (key,), "missing-field" if key not in raw else "empty-field",
                    f"{'missing' if key not in raw else 'empty'} required field '{dotted(path + (key,))}'", hint)
    return text
_TITLE_HINT = "add 'title: …', the words that say what the chart shows, e.g. title: Học phí theo khu vực, đồng/tháng"
_LABEL_HINT = "add 'label: …', the words that say what the number is about, e.g. label: Mầm non"


def _figures(raw, p, check: FieldChecker) -> FiguresChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["figures"][0]):
        return None
    title = _chart_text(raw, p, check, "title", _TITLE_HINT)
    pairs = _chart_items(raw, p, check, CHART_FIELDS["figures"][1],
                         "{label: tuyến đường được điều chỉnh giá, value: 1150}")
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", _LABEL_HINT)
        value = _chart_number(item.get("value"), ip + ("value",), check) if "value" in item else None
        if "value" not in item:
            check.error(ip, "missing-field", f"missing required field '{dotted(ip + ('value',))}'",
                        "add 'value: …', the number without units, e.g. value: 1150")
        if value is not None and label:
            out.append(KeyFigure(label, value, check.text(item.get("unit"), ip + ("unit",)),
                                 check.text(item.get("note"), ip + ("note",))))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    return FiguresChart(title, tuple(out), check.text(raw.get("source"), p + ("source",)))


def _compare(raw, p, check: FieldChecker) -> CompareChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["compare"][0]):
        return None
    title = _chart_text(raw, p, check, "title", _TITLE_HINT)
    pairs = _chart_items(raw, p, check, CHART_FIELDS["compare"][1],
                         "{label: Mầm non, current: 330000, proposed: 355000}")
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", _LABEL_HINT)
        values = []
        for key, what in (("current", "the value in force"), ("proposed", "the proposed value")):
            if key not in item:
                check.error(ip, "missing-field", f"missing required field '{dotted(ip + (key,))}'",
                            f"add '{key}: …', {what} as a number, e.g. {key}: 355000")
                values.append(None)
            else:
                values.append(_chart_number(item.get(key), ip + (key,), check, 0))
        if None not in values and label:
            out.append(ComparedValue(label, *values))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    return CompareChart(title, tuple(out), unit=check.text(raw.get("unit"), p + ("unit",)),
                        current_label=check.text(raw.get("current_label"), p + ("current_label",)) or "Hiện hành",
                        proposed_label=check.text(raw.get("proposed_label"), p + ("proposed_label",)) or "Dự thảo",
                        source=check.text(raw.get("source"), p + ("source",)))


def _share(raw, p, check: FieldChecker) -> ShareChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["share"][0]):
        return None
    title = _chart_text(raw, p, check, "title", _TITLE_HINT)
    unit = check.text(raw.get("unit"), p + ("unit",))
    pairs = _chart_items(raw, p, check, CHART_FIELDS["share"][1], "{label: Hộ gia đình, value: 45}", minimum=2)
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", _LABEL_HINT)
        value = _chart_number(item.get("value"), ip + ("value",), check, 0) if "value" in item else None
        if "value" not in item:
            check.error(ip, "missing-field", f"missing required field '{dotted(ip + ('value',))}'",
                        "add 'value: …', the size of this part as a number, e.g. value: 45")
        if value is not None and label:
            out.append(SharePart(label, value))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    total = sum(part.value for part in out)
    if total <= 0:
        check.error(p + ("items",), "share-sum", "the parts of the share chart add up to 0",
                    "give at least one part a value above 0")
        return None
    if unit == "%" and abs(total - 100) > 0.5:
        check.error(p + ("items",), "share-sum",
                    f"the parts add up to {round(total, 2):g}%, not 100%",
                    "correct the percentages so that they add up to 100, or give amounts with their unit "
                    "(e.g. unit: tỷ đồng) and the chart works out the percentages")
        return None
    return ShareChart(title, tuple(out), unit, check.text(raw.get("source"), p + ("source",)))
_CHARTS = {"figures": _figures, "compare": _compare, "share": _share}


def check_infographics(raw, check: FieldChecker, base: Path, root: Path) -> tuple:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("infographics",), "wrong-type", "'infographics' must be a list",
                    "write one '- …' item per chart or picture", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("infographics", i)
        if isinstance(item, dict) and "image" in item:
            if not check.mapping(item, p, IMAGE_FIELDS, ()):
                continue
            if not check.text(item.get("alt"), p + ("alt",)):
                check.error(p + ("image",), "image-without-alt", "the infographic image has no alt text",
                            "add alt: a sentence that says what the picture shows")
                continue
            if attached_file(item["image"], p + ("image",), check, base, root, "image",
                             site_files.PICTURE_TYPES) is not None:
                out.append(Picture(check.text(item["image"], p + ("image",)), check.text(item["alt"], p + ("alt",)),
                                   check.text(item.get("caption"), p + ("caption",))))
        elif isinstance(item, dict) and item.get("type") in CHART_TYPES:
            chart = _CHARTS[item["type"]](item, p, check)
            chart is not None and out.append(chart)
        elif isinstance(item, dict) and "type" in item:
            check.error(p + ("type",), "bad-chart-type", f"unknown chart type '{item.get('type')}'",
                        "use one of: " + ", ".join(CHART_TYPES), at_value=True)
        else:
            check.error(p, "bad-infographic", f"{dotted(p)} is neither a chart nor an image",
                        "write {image: file.png, alt: …} or a chart with type: " + ", ".join(CHART_TYPES),
                        at_value=True)
    return tuple(out)
