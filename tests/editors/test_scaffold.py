"""`policyhub new`: the draft it writes passes `check` as it is, with every field explained."""
import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import jsonschema
import yaml

from generator.load import yaml_positions
from generator.load.sources import split_front_matter
from generator.validate.tables import CONSULTATION_FIELDS, DRAFT_FIELDS
from tests.conftest import BASE_CONFIG, make_site, run_policyhub

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")


def _site(tmp_path, min_days=25):
    config = json.loads(json.dumps(BASE_CONFIG))
    config["rules"]["min_comment_days"] = min_days    # not the default: it must come from the config
    return make_site(tmp_path, {}, config=config)


def test_new_writes_a_draft_that_check_accepts_unchanged(tmp_path):
    config = _site(tmp_path)
    made = run_policyhub("new", "Dự thảo Nghị quyết về hỗ trợ học sinh", "--config", str(config),
                         "--agency", "so-giao-duc-dao-tao", "--type", "nghi-quyet-hdnd", "--topic", "giao-duc",
                         "--today", "2026-11-22")
    assert made.returncode == 0, made.stderr
    path = tmp_path / "drafts/2026/du-thao-nghi-quyet-ve-ho-tro-hoc-sinh.md"
    text = path.read_text(encoding="utf-8")
    checked = run_policyhub("check", "--config", str(config), "--today", "2026-11-22", "--format", "json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 0 and report["errors"] == 0 and report["warnings"] == 0, checked.stdout
    front, _, _ = split_front_matter(text)
    data = yaml.safe_load(front)
    assert data["title"] == "Dự thảo Nghị quyết về hỗ trợ học sinh"
    assert data["consultation"]["opens"] == dt.date(2026, 11, 22)
    assert data["consultation"]["closes"] == dt.date(2026, 12, 17)      # 25 days, from rules.min_comment_days
    # the draft is also valid for the editors' schema
    schema = json.loads(run_policyhub("schema", "--config", str(config)).stdout)
    jsonschema.validate(yaml_positions.load(front)[0], schema, cls=jsonschema.Draft202012Validator)


def test_every_field_is_there_with_a_vietnamese_comment(tmp_path):
    config = _site(tmp_path)
    run_policyhub("new", "Dự thảo thử", "--config", str(config), "--agency", "so-y-te",
                  "--type", "nghi-quyet-hdnd", "--today", "2026-11-22")
    lines = (tmp_path / "drafts/2026/du-thao-thu.md").read_text(encoding="utf-8").split("\n")
    front = lines[1:lines.index("---", 1)]
    for name in DRAFT_FIELDS + CONSULTATION_FIELDS:
        found = [i for i, line in enumerate(front) if re.match(rf"^\s*(# )?\s*{name}:", line)]
        assert found, f"{name} is missing from the scaffold"
        # the line before the field (or before its commented example block) explains it in Vietnamese
        index, block = found[0] - 1, []
        while index >= 0 and front[index].strip().startswith("#"):
            block.append(front[index])
            index -= 1
        assert VIETNAMESE.search(" ".join(block)), (name, block)
    # the optional fields are examples to uncomment, so they do not change what check sees
    for name in ("withdrawn_on", "versions", "translations", "infographics", "contact", "extended_to",
                 "shortened_reason"):
        assert any(re.match(rf"^\s*#\s*{name}:", line) for line in front), name


def test_without_today_the_dates_are_today_in_the_sites_zone(tmp_path):
    config = _site(tmp_path, min_days=20)
    made = run_policyhub("new", "Dự thảo hôm nay", "--config", str(config), "--agency", "so-y-te",
                         "--type", "nghi-quyet-hdnd")
    assert made.returncode == 0, made.stderr
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    data = yaml.safe_load(split_front_matter(
        (tmp_path / f"drafts/{today.year}/du-thao-hom-nay.md").read_text(encoding="utf-8"))[0])
    assert data["consultation"]["opens"] == today
    assert data["consultation"]["closes"] == today + dt.timedelta(days=20)


def test_unknown_keys_are_refused_with_the_keys_to_use(tmp_path):
    config = _site(tmp_path)
    made = run_policyhub("new", "Dự thảo", "--config", str(config), "--agency", "so-y", "--type", "nghi-quyet-hdnd",
                         "--topic", "khong-co")
    assert made.returncode == 2
    assert "unknown agency 'so-y'; use one of: so-y-te, so-giao-duc-dao-tao" in made.stderr
    assert "unknown topic 'khong-co'" in made.stderr
    assert not (tmp_path / "drafts").exists() or not list((tmp_path / "drafts").rglob("*.md"))
