"""`policyhub import du-thao.docx`: a Word draft, made here with python-docx as a department
writes it, becomes a draft folder whose page shows the text's structure and the file."""
import hashlib
import json
import re
import subprocess
import zipfile

import lxml.html
import pytest
import yaml

from generator.load.sources import split_front_matter
from tests.conftest import BASE_CONFIG, TODAY, make_site, run_policyhub
from tests.editors import word_fixtures as wf

SLUG = "muc-hoc-phi-co-so-giao-duc-2027-2028"


def _config(tmp_path, **doc_types):
    config = json.loads(json.dumps(BASE_CONFIG))
    config["doc_types"].update({k: {"name": v} for k, v in doc_types.items()})
    return make_site(tmp_path, {}, config=config)


def _import(config, source, *extra):
    return run_policyhub("import", str(source), "--config", str(config), "--agency", "so-giao-duc-dao-tao",
                         "--topic", "giao-duc", "--today", TODAY, *extra)


def _fill(text: str) -> str:
    """What the editor writes in place of the placeholders."""
    values = {"summary": '"Dự thảo quy định mức học phí năm học 2027–2028 theo ba khu vực."',
              "opens": "2026-11-20", "closes": "2026-12-20", "address": "gopy@example.gov.vn"}
    for key, value in values.items():
        text = re.sub(rf'({key}: )"\[CẦN ĐIỀN\][^"]*"', rf"\g<1>{value}", text)
    return text


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("import-docx")
    config = _config(root)
    source = wf.decree_docx(root / "incoming" / "Dự thảo NQ học phí.docx")
    made = _import(config, source)
    return root, config, source, made


def test_the_document_becomes_a_draft_folder_with_the_word_file_beside_it(imported):
    root, config, source, made = imported
    assert made.returncode == 0, made.stderr
    folder = root / "drafts" / "2026" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["du-thao-nq-hoc-phi.docx", "index.md"]
    assert (folder / "du-thao-nq-hoc-phi.docx").read_bytes() == source.read_bytes()
    front, body, _ = split_front_matter((folder / "index.md").read_text(encoding="utf-8"))
    data = yaml.safe_load(front)
    assert data["title"] == "Dự thảo Nghị quyết " + wf.SUBJECT[0].lower() + wf.SUBJECT[1:]
    assert data["doc_type"] == "nghi-quyet-hdnd"        # read from "NGHỊ QUYẾT", no --type given
    assert (data["agency"], data["topics"]) == ("so-giao-duc-dao-tao", ["giao-duc"])
    assert data["documents"] == [{"title": "Dự thảo Nghị quyết (lần 2)", "file": "du-thao-nq-hoc-phi.docx",
                                  "kind": "draft", "version": "2"}]
    # the emblem header, the title and the closing block are not dumped into the body
    for said in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập", "NQ-HĐND", "DỰ THẢO LẦN 2", "NGHỊ QUYẾT\n",
                 "Nơi nhận", "CHỦ TỊCH", "Nguyễn Văn A", wf.SUBJECT):
        assert said not in body, said
    assert "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG; Số: /2026/NQ-HĐND; Lâm Đồng, ngày tháng năm 2026" in front
    assert f"drafts/2026/{SLUG}/index.md" in made.stdout and "[CẦN ĐIỀN]" in made.stdout


def test_the_body_is_markdown_with_the_legal_structure(imported):
    root, *_ = imported
    _, body, _ = split_front_matter((root / "drafts/2026" / SLUG / "index.md").read_text(encoding="utf-8"))
    lines = body.split("\n")
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "## Chương I. Quy định chung",
        "#### Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng",
        "## Chương II. Mức học phí tại tỉnh Lâm Đồng",       # capitals become sentence case, names stay
        "### Mục 1. Mầm non và phổ thông",
        "#### Điều 2. Mức học phí",
        "#### Điều 3. Miễn, giảm học phí",
        "## Chương III. Tổ chức thực hiện",
        "#### Điều 4. Hiệu lực thi hành",
    ]
    start = lines.index("#### Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng")
    assert lines[start + 2].startswith("1. Phạm vi điều chỉnh: ")
    assert lines[start + 3] == "2. Đối tượng áp dụng:"
    assert lines[start + 4].startswith("    - a) Trẻ em mầm non")
    assert lines[start + 5] == "    - b) Cơ sở giáo dục mầm non, giáo dục phổ thông **công lập** và *dân lập, tư thục*;"
    assert "| Cấp học | Khu vực 1 (phường) | Khu vực 2 (xã, đặc khu) |" in lines
    assert "| Trung học phổ thông | 385.000 | 195.000 |" in lines
    assert "| Đối tượng | Mức hỗ trợ \\| tỷ lệ |   |" in lines          # a merged cell, a pipe in the text
    assert "*Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;*[^1]" in lines
    assert f"[^1]: {wf.FOOTNOTE}" in lines
    assert "<" not in body                                             # no raw HTML at all


def _filled_site(imported, tmp_path):
    """A copy of the imported site, with the placeholders filled in."""
    root, config, *_ = imported
    folder = root / "drafts/2026" / SLUG
    return make_site(tmp_path, {f"2026/{SLUG}/index.md": _fill((folder / "index.md").read_text(encoding="utf-8"))},
                     config=yaml.safe_load(config.read_text(encoding="utf-8")),
                     files={f"drafts/2026/{SLUG}/du-thao-nq-hoc-phi.docx":
                            (folder / "du-thao-nq-hoc-phi.docx").read_bytes()})


def test_check_reports_each_placeholder_until_it_is_filled_in(imported, tmp_path):
    root, config, *_ = imported
    text = (root / "drafts/2026" / SLUG / "index.md").read_text(encoding="utf-8")
    checked = run_policyhub("check", "--config", str(config), "--today", TODAY, "--format", "json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 1
    placeholder_lines = [n for n, line in enumerate(text.split("\n"), 1)
                         if "[CẦN ĐIỀN]" in line and not line.lstrip().startswith("#")]
    assert len(placeholder_lines) == 4
    assert [(d["code"], d["line"]) for d in report["diagnostics"]] == [("placeholder", n) for n in placeholder_lines]
    assert all("chỗ cần điền" in d["message"] for d in report["diagnostics"])
    # filled in, the draft passes
    copy = _filled_site(imported, tmp_path)
    checked = run_policyhub("check", "--config", str(copy), "--today", TODAY, "--format", "json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["errors"] == 0, checked.stdout


def test_the_built_page_shows_headings_lists_table_footnote_and_the_word_file(imported, tmp_path):
    source = imported[2]
    config = _filled_site(imported, tmp_path)
    built = run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "site"), "--today", TODAY,
                          "--quiet")
    assert built.returncode == 0, built.stderr
    page = lxml.html.parse(str(tmp_path / "site/du-thao" / SLUG / "index.html")).getroot()
    body = page.xpath('//section[@class="ph-fulltext"]')[0]
    assert [h.text_content() for h in body.xpath(".//h3")] == [
        "Chương I. Quy định chung", "Chương II. Mức học phí tại tỉnh Lâm Đồng", "Chương III. Tổ chức thực hiện"]
    assert [h.text_content() for h in body.xpath(".//h5")][:2] == [
        "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng", "Điều 2. Mức học phí"]
    clauses = body.xpath("./ol/li")
    assert clauses[1].text.strip() == "Đối tượng áp dụng:"
    assert [li.text_content()[:2] for li in clauses[1].xpath("./ul/li")] == ["a)", "b)", "c)"]
    assert clauses[1].xpath("./ul/li//strong")[0].text == "công lập"
    table = body.xpath(".//table")[0]
    assert [th.text_content() for th in table.xpath(".//th")] == ["Cấp học", "Khu vực 1 (phường)",
                                                                  "Khu vực 2 (xã, đặc khu)"]
    assert [td.text_content() for td in table.xpath(".//tbody/tr")[0]] == ["Mầm non", "355.000", "160.000"]
    reference = body.xpath('.//sup/a[@class="footnote-ref"]')[0]
    note = body.xpath(f'.//li[@id="{reference.get("href")[1:]}"]')[0]
    assert wf.FOOTNOTE in note.text_content()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in body.text_content()
    # the Word file is attached as the draft document, with its size and SHA-256
    document = page.xpath('//li[@class="ph-document"]')[0]
    assert document.xpath(".//a")[0].get("href") == "du-thao-nq-hoc-phi.docx"
    # its digest, for whoever checks the published file, behind "Kiểm tra tệp"
    [checks] = page.xpath('//details[@class="ph-checksums"]')
    assert checks.xpath("./summary")[0].text_content().startswith("Kiểm tra tệp")
    assert hashlib.sha256(source.read_bytes()).hexdigest() in checks.text_content()
    # its size in kilobytes, one decimal written with a comma as Vietnamese writes it
    kilobytes = f"{round(source.stat().st_size / 1024, 1):g}".replace(".", ",")
    assert f"DOCX · {kilobytes} KB" in document.text_content()
    assert (tmp_path / "site/du-thao" / SLUG / "du-thao-nq-hoc-phi.docx").read_bytes() == source.read_bytes()


def test_the_type_given_wins_and_an_unknown_type_asks_for_it(tmp_path):
    config = _config(tmp_path, **{"quyet-dinh-ubnd": "Quyết định của Ủy ban nhân dân tỉnh"})
    source = wf.decree_docx(tmp_path / "a.docx")
    made = _import(config, source, "--type", "quyet-dinh-ubnd", "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert "note: the document says \"NGHỊ QUYẾT\" (nghi-quyet-hdnd); --type quyet-dinh-ubnd" in made.stderr
    text = (tmp_path / "drafts/2026" / SLUG / "index.md").read_text(encoding="utf-8")
    assert "doc_type: quyet-dinh-ubnd\n" in text
    # a type the site has no key for: the command asks for --type and writes nothing
    plan = wf.plan_docx(tmp_path / "ke-hoach.docx")
    made = _import(config, plan)
    assert made.returncode == 2
    assert "\"KẾ HOẠCH\"" in made.stderr and "--type" in made.stderr and "quyet-dinh-ubnd" in made.stderr
    assert not (tmp_path / "drafts/2026/chuyen-doi-so-cap-xa-giai-doan-2027-2030").exists()


def test_two_resolution_types_are_told_apart_by_the_issuing_body(tmp_path):
    config = _config(tmp_path, **{"nghi-quyet-ubnd": "Nghị quyết của Ủy ban nhân dân"})
    made = _import(config, wf.decree_docx(tmp_path / "a.docx"))
    assert made.returncode == 0, made.stderr
    assert "doc_type: nghi-quyet-hdnd\n" in (tmp_path / "drafts/2026" / SLUG / "index.md").read_text(encoding="utf-8")


def test_a_plan_without_chapters_gets_its_sections_as_headings(tmp_path):
    config = _config(tmp_path, **{"ke-hoach": "Kế hoạch"})
    made = _import(config, wf.plan_docx(tmp_path / "ke-hoach.docx"))
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "drafts/2026/chuyen-doi-so-cap-xa-giai-doan-2027-2030/index.md").read_text(encoding="utf-8")
    front, body, _ = split_front_matter(text)
    assert yaml.safe_load(front)["title"] == "Dự thảo Kế hoạch chuyển đổi số cấp xã giai đoạn 2027 – 2030"
    assert body.split("\n")[1:6] == ["## I. Mục đích, yêu cầu", "", "1. Mục đích:",
                                     "    - Đưa dịch vụ công trực tuyến đến từng xã;", "    - Đào tạo cán bộ xã."]
    assert "Độc lập" not in body and "/KH-UBND" not in body


def test_nothing_in_the_document_becomes_markup_or_script(tmp_path):
    config = _config(tmp_path, **{"quyet-dinh": "Quyết định"})
    made = _import(config, wf.hostile_docx(tmp_path / "x.docx"), "--slug", "thu-nghiem")
    assert made.returncode == 0, made.stderr
    path = tmp_path / "drafts/2026/thu-nghiem/index.md"
    front, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    assert "<" not in body and "(file:" not in body and "(javascript:alert(document" not in body
    path.write_text(_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    built = run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "site"), "--today", TODAY,
                          "--quiet")
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site/du-thao/thu-nghiem/index.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    body = page.xpath('//section[@class="ph-fulltext"]')[0]
    assert not body.xpath(".//script | .//img | .//b | .//i | .//code | .//h1") and "onerror" not in [a for e in body.iter() for a in e.attrib]
    text = body.text_content()
    for shown in ("<script>alert('thân bài')</script>", "<img src=x onerror=alert(1)>", "**không đậm**",
                  "_không nghiêng_", "`mã` | ống", "# không phải đề mục", "1986. Năm bắt đầu", "& &amp; &lt;i&gt;"):
        assert shown in text, shown
    assert [a.get("href") for a in body.xpath(".//a")] == ["https://vanban.example.gov.vn/du-thao?id=1&x=%282%29"]
    assert "liên kết độc" in text and "tệp máy" in text
    assert "<script>alert('tiêu đề')" not in html


def test_pictures_become_infographics_whose_alt_text_check_asks_for(tmp_path):
    config = _config(tmp_path, **{"quyet-dinh": "Quyết định"})
    made = _import(config, wf.pictures_docx(tmp_path / "quy-hoach.docx"), "--slug", "quy-hoach", "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert "1 picture(s) not in PNG or JPEG were left out" in made.stdout
    folder = tmp_path / "drafts/2026/quy-hoach"
    assert sorted(p.name for p in folder.iterdir()) == ["hinh-1.png", "hinh-2.png", "index.md", "quy-hoach.docx"]
    front, body, _ = split_front_matter((folder / "index.md").read_text(encoding="utf-8"))
    assert yaml.safe_load(front)["infographics"] == [
        {"image": "hinh-1.png", "alt": "Sơ đồ ranh giới khu dân cư", "caption": "Hình 1"},
        {"image": "hinh-2.png", "alt": "[CẦN ĐIỀN] a sentence saying what the picture shows", "caption": "Hình 2"}]
    assert "Sơ đồ: *(Hình 1)*" in body and "Sơ đồ: *(Hình 2)*" in body and "![" not in body
    checked = run_policyhub("check", "--config", str(config), "--today", TODAY, "--format", "json")
    found = [d for d in json.loads(checked.stdout)["diagnostics"] if "infographics" in d["message"]]
    assert [d["code"] for d in found] == ["placeholder"] and "infographics[1].alt" in found[0]["message"]


@pytest.mark.parametrize("make, says, code", [
    (lambda p: p.write_bytes(b"Day khong phai tep Word"), "not a Word .docx file", 1),
    (wf.legacy_doc, "Word 97–2003 file (.doc)", 1),
    (wf.encrypted_like, "password-protected", 1),
    (lambda p: p.write_bytes(b""), "the file is empty", 1),
    (wf.empty_docx, "the document has no text", 1),
    (lambda p: p.write_bytes(wf.decree_docx(p.with_suffix(".tmp")).read_bytes()[:3000]), "damaged", 1),
    (lambda p: _zip(p, {"xl/workbook.xml": "<workbook/>"}), "an Excel workbook", 1),
    (lambda p: _zip(p, {"word/document.xml": "<w:document>", "word/vbaProject.bin": "x"}), "macros", 1),
    (lambda p: None, "there is no such file", 2),
])
def test_a_file_that_is_not_a_readable_draft_gets_one_clear_error(tmp_path, make, says, code):
    config = _config(tmp_path)
    source = tmp_path / "du-thao.docx"
    make(source)
    made = _import(config, source, "--lang", "en")
    assert made.returncode == code
    errors = [line for line in made.stderr.split("\n") if line.startswith("error:")]
    assert len(errors) == 1 and "du-thao.docx" in errors[0] and says in errors[0], made.stderr
    assert "    fix: " in made.stderr and "Traceback" not in made.stderr
    assert not (tmp_path / "drafts").exists()


def test_errors_are_vietnamese_on_a_vietnamese_site(tmp_path):
    config = _config(tmp_path)
    made = _import(config, wf.encrypted_like(tmp_path / "du-thao.docx"))
    assert made.returncode == 1
    assert made.stderr.startswith("lỗi: du-thao.docx: tệp Word được đặt mật khẩu")
    assert "\n    cách sửa: mở tệp trong Word" in made.stderr


def test_wrong_keys_are_all_reported_and_an_existing_folder_is_kept(tmp_path):
    config = _config(tmp_path)
    source = wf.decree_docx(tmp_path / "a.docx")
    made = run_policyhub("import", str(source), "--config", str(config), "--agency", "so-cong-thuong",
                         "--topic", "dat-dai", "--type", "luat", "--lang", "en")
    assert made.returncode == 2
    assert [line.split("'")[1] for line in made.stderr.split("\n") if line.startswith("error:")] == [
        "so-cong-thuong", "luat", "dat-dai"]
    made = run_policyhub("import", str(source), "--config", str(config), "--agency", "so-y-te", "--lang", "en")
    assert made.returncode == 2 and "add --topic KEY" in made.stderr
    assert _import(config, source).returncode == 0
    index = tmp_path / "drafts/2026" / SLUG / "index.md"
    index.write_text("đã sửa", encoding="utf-8")
    again = _import(config, source, "--lang", "en")
    assert again.returncode == 2 and f"drafts/2026/{SLUG}/ already exists" in again.stderr and "--slug" in again.stderr
    assert index.read_text(encoding="utf-8") == "đã sửa"
    assert _import(config, source, "--slug", "hoc-phi-lan-2").returncode == 0
    assert (tmp_path / "drafts/2026/hoc-phi-lan-2/index.md").is_file()


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)


def test_a_folder_that_cannot_be_written_is_one_error_and_leaves_nothing_behind(tmp_path):
    config = _config(tmp_path)
    (tmp_path / "drafts").write_text("a file where the folder should be", encoding="utf-8")
    made = _import(config, wf.decree_docx(tmp_path / "a.docx"), "--lang", "en")
    assert made.returncode == 2 and "Traceback" not in made.stderr
    assert made.stderr.startswith(f"error: cannot write drafts/2026/{SLUG}/ (") and "    fix: " in made.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "drafts", "site_config.yml"]


def test_a_read_only_disk_is_one_error(tmp_path):
    from tests.site.mounts import tmpfs

    source = wf.decree_docx(tmp_path / "a.docx")
    site = tmp_path / "site"
    with tmpfs(site, "4m"):
        config = _config(site)
        subprocess.run(["mount", "-o", "remount,ro", str(site)], check=True)
        made = _import(config, source, "--lang", "en")
        assert made.returncode == 2 and "Traceback" not in made.stderr
        assert made.stderr.startswith(f"error: cannot write drafts/2026/{SLUG}/ (Read-only file system)")
        assert sorted(p.name for p in site.iterdir()) == ["site_config.yml"]
