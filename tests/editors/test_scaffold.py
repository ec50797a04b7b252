"""`policyhub new`: an honest draft. Every field is explained in Vietnamese; what only the
editor knows is a `[CẦN ĐIỀN]` placeholder that `check` reports at its line until it is
written; once written as the placeholders say, the draft passes `check`."""
import datetime as dt
import json
import re
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml

from generator.load import yaml_positions
from generator.load.sources import split_front_matter
from generator.validate.placeholders import TOKEN
from generator.validate.tables import CONSULTATION_FIELDS, DRAFT_FIELDS
from tests.conftest import BASE_CONFIG, make_site, run_policyhub

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")


def _site(tmp_path, min_days=25):
    config = json.loads(json.dumps(BASE_CONFIG))
    config["rules"]["min_comment_days"] = min_days    # not the default: it must come from the config
    return make_site(tmp_path, {}, config=config)


def _new(config, title, *extra, today="2026-11-22"):
    return run_policyhub("new", title, "--config", str(config), "--agency", "so-giao-duc-dao-tao",
                         "--type", "nghi-quyet-hdnd", *extra, *(("--today", today) if today else ()),
                         cwd=config.parent)


def _filled(text: str) -> str:
    """The draft as an editor fills it in: each placeholder replaced with what it asks for."""
    values = {"summary": "Hỗ trợ học phí cho học sinh vùng khó khăn từ năm học 2027-2028.",
              "affected": "Phụ huynh học sinh", "key_questions": "Mức hỗ trợ có phù hợp không?",
              "opens": "2026-11-22", "closes": "2026-12-17", "address": "gopy@example.gov.vn"}
    out = []
    for line in text.split("\n"):
        if TOKEN in line and not line.lstrip().startswith("#"):
            key = next((k for k in values if re.match(rf"^\s*(- )?(\{{type: email, )?{k}:", line)), None)
            if key is None and line.lstrip().startswith("- "):
                key = "affected" if "nhóm người" in line else "key_questions"
            if key is None and line.startswith(TOKEN):
                line = "Nội dung đã viết."
            else:
                line = re.sub(r'"\[CẦN ĐIỀN\][^"]*"', json.dumps(values[key], ensure_ascii=False), line)
        out.append(line)
    return "\n".join(out)


def test_new_writes_placeholders_that_check_reports_at_their_lines_until_they_are_written(tmp_path):
    config = _site(tmp_path)
    made = _new(config, "Dự thảo Nghị quyết về hỗ trợ học sinh", "--topic", "giao-duc")
    assert made.returncode == 0, made.stderr
    path = tmp_path / "drafts/2026/ho-tro-hoc-sinh.md"
    assert made.stdout == f"Đã tạo drafts/2026/ho-tro-hoc-sinh.md: điền 8 chỗ ghi {TOKEN} rồi chạy: policyhub check\n"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    checked = run_policyhub("check", "--config", str(config), "--today", "2026-11-22", "--format", "json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 1
    # one error per placeholder, at the placeholder's own line, nothing else
    assert [d["code"] for d in report["diagnostics"]] == ["placeholder"] * 8
    marked = [number for number, line in enumerate(lines, 1) if TOKEN in line and not line.lstrip().startswith("#")]
    assert [d["line"] for d in report["diagnostics"]] == marked
    assert all("vẫn là chỗ cần điền" in d["message"] or "còn chỗ cần điền" in d["message"]
               for d in report["diagnostics"])
    fields = {d["params"].get("field") for d in report["diagnostics"]}
    assert {"summary", "affected[0]", "key_questions[0]", "consultation.opens", "consultation.closes",
            "consultation.channels[0].address"} <= fields
    # filled in as the placeholders ask, the draft passes check, for the editors' schema too
    path.write_text(_filled(text), encoding="utf-8")
    checked = run_policyhub("check", "--config", str(config), "--today", "2026-11-22", "--format", "json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 0 and report["errors"] == 0 and report["warnings"] == 0, checked.stdout
    front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(front)
    assert data["title"] == "Dự thảo Nghị quyết về hỗ trợ học sinh"
    assert data["topics"] == ["giao-duc"]
    schema = json.loads(run_policyhub("schema", "--config", str(config)).stdout)
    jsonschema.validate(yaml_positions.load(front)[0], schema, cls=jsonschema.Draft202012Validator)


def test_the_dates_are_placeholders_whose_examples_follow_the_config(tmp_path):
    config = _site(tmp_path, min_days=25)
    assert _new(config, "Dự thảo thử", "--topic", "y-te").returncode == 0
    text = (tmp_path / "drafts/2026/thu.md").read_text(encoding="utf-8")
    data = yaml.safe_load(split_front_matter(text)[0])
    assert data["consultation"]["opens"].startswith(TOKEN) and "ví dụ 2026-11-22" in data["consultation"]["opens"]
    assert data["consultation"]["closes"].startswith(TOKEN) and "ít nhất 25 ngày" in data["consultation"]["closes"]
    assert "ví dụ 2026-12-17" in data["consultation"]["closes"]


def test_every_field_is_there_with_a_vietnamese_comment(tmp_path):
    config = _site(tmp_path)
    _new(config, "Dự thảo thử", "--topic", "y-te")
    lines = (tmp_path / "drafts/2026/thu.md").read_text(encoding="utf-8").split("\n")
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


def test_without_today_the_year_and_examples_are_today_in_the_sites_zone(tmp_path):
    config = _site(tmp_path, min_days=20)
    made = _new(config, "Dự thảo hôm nay", "--topic", "y-te", today=None)
    assert made.returncode == 0, made.stderr
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    data = yaml.safe_load(split_front_matter(
        (tmp_path / f"drafts/{today.year}/hom-nay.md").read_text(encoding="utf-8"))[0])
    assert f"ví dụ {today.isoformat()}" in data["consultation"]["opens"]
    assert f"ví dụ {(today + dt.timedelta(days=20)).isoformat()}" in data["consultation"]["closes"]


def test_without_topic_nothing_is_written_and_the_topics_are_listed(tmp_path):
    config = _site(tmp_path)
    made = _new(config, "Dự thảo thử")
    assert made.returncode == 2
    assert made.stderr.startswith("lỗi: chưa ghi lĩnh vực của dự thảo\n    cách sửa: thêm --topic KHÓA")
    assert "giao-duc" in made.stderr and "y-te" in made.stderr
    assert not (tmp_path / "drafts").exists() or not list((tmp_path / "drafts").rglob("*.md"))


@pytest.mark.parametrize("title, slug", [
    ("Dự thảo Nghị quyết của Hội đồng nhân dân tỉnh Lâm Đồng quy định mức học phí đối với cơ sở giáo dục "
     "công lập năm học 2027-2028", "muc-hoc-phi-co-so-giao-duc-2027-2028"),
    ("Dự thảo Quyết định của Ủy ban nhân dân tỉnh ban hành Quy định về quản lý, sử dụng lòng đường, hè phố "
     "trên địa bàn tỉnh", "quan-ly"),
    ("Dự thảo Kế hoạch chuyển đổi số", "chuyen-doi-so"),
])
def test_slugs_are_a_few_key_words_of_the_title(tmp_path, title, slug):
    config = _site(tmp_path)
    assert _new(config, title, "--topic", "y-te").returncode == 0
    [made] = (tmp_path / "drafts/2026").glob("*.md")
    assert made.stem == slug and len(made.stem) <= 60


def test_a_taken_name_gets_a_number_and_the_first_file_stays(tmp_path):
    config = _site(tmp_path)
    assert _new(config, "Dự thảo thử", "--topic", "y-te").returncode == 0
    first = (tmp_path / "drafts/2026/thu.md").read_bytes()
    assert _new(config, "Dự thảo thử", "--topic", "y-te").returncode == 0
    assert (tmp_path / "drafts/2026/thu.md").read_bytes() == first
    assert (tmp_path / "drafts/2026/thu-2.md").is_file()


def test_a_file_that_cannot_be_written_is_one_problem_not_a_traceback(tmp_path):
    config = _site(tmp_path)
    (tmp_path / "drafts").mkdir(exist_ok=True)
    (tmp_path / "drafts/2026").write_text("a file where the year's folder should be", encoding="utf-8")
    made = _new(config, "Dự thảo thử", "--topic", "y-te")
    assert made.returncode == 2
    assert "Traceback" not in made.stderr
    assert made.stderr.startswith("lỗi: không ghi được drafts/2026/thu.md (")
    assert "\n    cách sửa: kiểm tra đĩa và các thư mục trên đường dẫn, rồi chạy lại lệnh\n" in made.stderr
    english = _new(config, "Dự thảo thử", "--topic", "y-te", "--lang", "en")
    assert english.returncode == 2 and "Traceback" not in english.stderr
    assert english.stderr.startswith("error: cannot write drafts/2026/thu.md (")


def test_schema_out_that_cannot_be_written_is_one_problem_not_a_traceback(tmp_path):
    config = _site(tmp_path)
    (tmp_path / "in-the-way").write_text("a file", encoding="utf-8")
    made = run_policyhub("schema", "--config", str(config), "--out", str(tmp_path / "in-the-way/schema.json"))
    assert made.returncode == 2
    assert "Traceback" not in made.stderr and "không ghi được" in made.stderr and "cách sửa:" in made.stderr


def test_unknown_keys_are_refused_with_the_keys_to_use(tmp_path):
    config = _site(tmp_path)
    made = run_policyhub("new", "Dự thảo", "--config", str(config), "--agency", "so-y", "--type", "nghi-quyet-hdnd",
                         "--topic", "khong-co")
    assert made.returncode == 2
    assert ("lỗi: không có cơ quan 'so-y' trong site_config.yml\n"
            "    cách sửa: dùng một trong: so-y-te, so-giao-duc-dao-tao") in made.stderr
    assert "lỗi: không có lĩnh vực 'khong-co' trong site_config.yml" in made.stderr
    assert not (tmp_path / "drafts").exists() or not list((tmp_path / "drafts").rglob("*.md"))
    english = run_policyhub("new", "Dự thảo", "--config", str(config), "--agency", "so-y", "--type",
                            "nghi-quyet-hdnd", "--topic", "y-te", "--lang", "en")
    assert "error: there is no agency 'so-y' in site_config.yml\n    fix: use one of: so-y-te" in english.stderr
