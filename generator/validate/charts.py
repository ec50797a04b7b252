"""Infographics declared in front matter: charts from numbers, or a designed picture with its alt text."""
from __future__ import annotations

from pathlib import Path

from generator.load import site_files
from generator.model import (CompareChart, ComparedValue, FiguresChart, KeyFigure, Picture, SharePart, ShareChart)
from generator.model.vocab import CHART_TYPES
from generator.validate.attachments import attached_file
from generator.validate.fields import FieldChecker, type_name
from generator.validate.tables import CHART_FIELDS, IMAGE_FIELDS


def _chart_number(value, path, check: FieldChecker, minimum=None) -> int | float | None:
    """A number in a chart: digits with an optional decimal point (YAML reads 12.5), never text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        with_unit = isinstance(value, str) and any(c.isdigit() for c in value)
        check.error(path, "not-a-number.unit" if with_unit else "not-a-number", type=type_name(value),
                    value=str(value), at_value=True)
        return None
    if minimum is not None and value < minimum:
        check.error(path, "negative-value", value=str(value), minimum=minimum, at_value=True)
        return None
    return value


def _chart_items(raw, path, check: FieldChecker, kind, example, minimum=1) -> list | None:
    """The `items` list of a chart as (path, item) pairs of mappings, or None when it is
    unusable (reported)."""
    items = raw.get("items")
    fields = CHART_FIELDS[kind][1]
    if not isinstance(items, list) or len(items) < minimum:
        if "items" not in raw:
            check.missing(path, "items", CHART_FIELDS[kind][0], raw, "items", example=example)
        else:
            check.error(path + ("items",), "chart-items", minimum=minimum, example=example, at_value=True)
        return None
    pairs = [(path + ("items", i), item) for i, item in enumerate(items)
             if check.mapping(item, path + ("items", i), fields)]
    return pairs if len(pairs) == len(items) else None


def _chart_text(raw, path, check: FieldChecker, key: str, fields) -> str:
    """A required text of a chart (its title, an item's label), with a wording for charts."""
    text = check.text(raw.get(key), path + (key,))
    if not text and not (isinstance(raw.get(key), (dict, list, bool))):
        if key in raw:
            check.error(path + (key,), f"empty-field.chart-{key}", key=key)
        else:
            check.missing(path, key, fields, raw, f"chart-{key}")
    return text


def _figures(raw, p, check: FieldChecker) -> FiguresChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["figures"][0]):
        return None
    title = _chart_text(raw, p, check, "title", CHART_FIELDS["figures"][0])
    pairs = _chart_items(raw, p, check, "figures", "{label: tuyến đường được điều chỉnh giá, value: 1150}")
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", CHART_FIELDS["figures"][1])
        value = _chart_number(item.get("value"), ip + ("value",), check) if "value" in item else None
        if "value" not in item:
            check.missing(ip, "value", CHART_FIELDS["figures"][1], item, "chart-value")
        if value is not None and label:
            out.append(KeyFigure(label, value, check.text(item.get("unit"), ip + ("unit",)),
                                 check.text(item.get("note"), ip + ("note",))))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    return FiguresChart(title, tuple(out), check.text(raw.get("source"), p + ("source",)))


def _compare(raw, p, check: FieldChecker) -> CompareChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["compare"][0]):
        return None
    title = _chart_text(raw, p, check, "title", CHART_FIELDS["compare"][0])
    pairs = _chart_items(raw, p, check, "compare", "{label: Mầm non, current: 330000, proposed: 355000}")
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", CHART_FIELDS["compare"][1])
        values = []
        for key in ("current", "proposed"):
            if key not in item:
                check.missing(ip, key, CHART_FIELDS["compare"][1], item, f"chart-{key}")
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
    title = _chart_text(raw, p, check, "title", CHART_FIELDS["share"][0])
    unit = check.text(raw.get("unit"), p + ("unit",))
    pairs = _chart_items(raw, p, check, "share", "{label: Hộ gia đình, value: 45}", minimum=2)
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", CHART_FIELDS["share"][1])
        value = _chart_number(item.get("value"), ip + ("value",), check, 0) if "value" in item else None
        if "value" not in item:
            check.missing(ip, "value", CHART_FIELDS["share"][1], item, "share-value")
        if value is not None and label:
            out.append(SharePart(label, value))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    total = sum(part.value for part in out)
    if total <= 0:
        check.error(p + ("items",), "share-sum.zero")
        return None
    if unit == "%" and abs(total - 100) > 0.5:
        check.error(p + ("items",), "share-sum", total=f"{round(total, 2):g}")
        return None
    return ShareChart(title, tuple(out), unit, check.text(raw.get("source"), p + ("source",)))
_CHARTS = {"figures": _figures, "compare": _compare, "share": _share}


def check_infographics(raw, check: FieldChecker, base: Path, root: Path) -> tuple:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("infographics",), "wrong-type.infographics", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("infographics", i)
        if isinstance(item, dict) and "image" in item:
            if not check.mapping(item, p, IMAGE_FIELDS, ()):
                continue
            if not check.text(item.get("alt"), p + ("alt",)):
                if p + ("alt",) not in check.placeholders:   # a placeholder is reported as one already
                    check.error(p + ("image",), "image-without-alt")
                continue
            if attached_file(item["image"], p + ("image",), check, base, root, site_files.PICTURE_TYPES) is not None:
                out.append(Picture(check.text(item["image"], p + ("image",)), check.text(item["alt"], p + ("alt",)),
                                   check.text(item.get("caption"), p + ("caption",))))
        elif isinstance(item, dict) and item.get("type") in CHART_TYPES:
            chart = _CHARTS[item["type"]](item, p, check)
            chart is not None and out.append(chart)
        elif isinstance(item, dict) and "type" in item:
            check.error(p + ("type",), "bad-chart-type", value=str(item.get("type")), choices=", ".join(CHART_TYPES),
                        at_value=True)
        else:
            check.error(p, "bad-infographic", choices=", ".join(CHART_TYPES), at_value=True)
    return tuple(out)
