"""Placeholders that a command leaves for the editor fail `check` until they are replaced,
each at its own line, and say nothing else about the field; `response.items[].group`."""
import json

from tests.conftest import BASE_CONFIG, TODAY, draft_text, make_site, run_policyhub

TOKEN = "[CẦN ĐIỀN]"


def _check(config):
    checked = run_policyhub("check", "--config", str(config), "--today", TODAY, "--format", "json")
    return checked.returncode, json.loads(checked.stdout)["diagnostics"]


def _lines(text, needle):
    return [n for n, line in enumerate(text.split("\n"), 1) if needle in line]


def test_each_placeholder_is_one_error_at_its_line_and_the_field_says_nothing_else(tmp_path):
    text = draft_text(summary=f"{TOKEN} tóm tắt", opens=f"{TOKEN} ngày bắt đầu",
                      body=f"## Nội dung\n\nĐiều 1. Mức thu là {TOKEN} đồng.\n")
    text = text.replace("address: gopy@example.gov.vn", "address: '[can dien] thư điện tử'")
    config = make_site(tmp_path, {"a.md": text})
    code, found = _check(config)
    assert code == 1
    lines = _lines(text, TOKEN) + _lines(text, "[can dien]")
    assert sorted((d["line"], d["code"]) for d in found) == sorted((n, "placeholder") for n in lines)
    body = next(d for d in found if d["line"] == lines[-2])
    assert body["column"] == text.split("\n")[lines[-2] - 1].index(TOKEN) + 1
    values = [d for d in found if "field" in d["params"]]
    assert all(d["message"].startswith(f"{label} ({d['params']['field']}) vẫn là chỗ cần điền: ")
               and d["hint"] == "thay cả giá trị này (kể cả [CẦN ĐIỀN]) bằng nội dung thật"
               for d, label in zip(values, ("Tóm tắt dễ hiểu", "Ngày bắt đầu góp ý", "Địa chỉ nhận góp ý")))
    assert [d["params"]["field"] for d in values] == ["summary", "consultation.opens", "consultation.channels[0].address"]
    assert body["message"] == f'phần nội dung còn chỗ cần điền: "Điều 1. Mức thu là {TOKEN} đồng."'



def test_on_an_english_site_the_message_is_english(tmp_path):
    config = json.loads(json.dumps(BASE_CONFIG))
    config["site"]["language"] = "en"
    site = make_site(tmp_path, {"a.md": draft_text(summary=f"{TOKEN} tóm tắt")}, config=config)
    code, found = _check(site)
    assert code == 1 and [d["message"] for d in found] == [
        f'Plain-language summary (summary) is still a placeholder: "{TOKEN} tóm tắt"']


def test_a_draft_without_placeholders_passes_and_square_brackets_alone_are_not_one(tmp_path):
    config = make_site(tmp_path, {"a.md": draft_text(summary="Tóm tắt [xem Điều 2] của dự thảo.",
                                                     body="## A\n\nChú thích [1] và [cần sửa sau].\n")})
    assert _check(config) == (0, [])


def test_a_response_item_placeholder_is_reported_once(tmp_path):
    text = draft_text(opens="2026-10-01", closes="2026-10-31", extra=f"""
        response:
          published: 2026-11-10
          total: 2
          by_group: {{citizens: 1, organisations: 1, businesses: 0}}
          items:
            - {{group: citizens, comment: Ý kiến một, answer: Trả lời, accepted: "yes"}}
            - {{group: organisations, comment: Ý kiến hai, answer: "{TOKEN} giải trình", accepted: "{TOKEN} kết quả"}}
        """)
    config = make_site(tmp_path, {"a.md": text})
    code, found = _check(config)
    assert code == 1 and [(d["code"], d["line"]) for d in found] == [("placeholder", _lines(text, TOKEN)[0])] * 2


def test_a_response_item_may_say_its_group_and_the_page_shows_it(tmp_path):
    items = """
        response:
          published: 2026-11-10
          total: 2
          items:
            - {group: citizens, topic: Mức thu, comment: Ý kiến một, answer: Trả lời một, accepted: "yes"}
            - {topic: Thời hạn, comment: Ý kiến hai, answer: Trả lời hai, accepted: partly}
        """
    config = make_site(tmp_path, {"a.md": draft_text(opens="2026-10-01", closes="2026-10-31", extra=items)})
    assert _check(config) == (0, [])
    built = run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "site"), "--today", TODAY, "--quiet")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site/du-thao/a/index.html").read_text(encoding="utf-8")
    table = page[page.index('class="ph-response__table"'):page.index("</table>", page.index("ph-response__table"))]
    assert '<th scope="col">Người góp ý</th>' in table
    assert "<tr><td>Người dân</td><td>Mức thu</td>" in table and "<tr><td></td><td>Thời hạn</td>" in table
    wrong = make_site(tmp_path / "wrong", {"a.md": draft_text(opens="2026-10-01", closes="2026-10-31",
                                                             extra=items.replace("group: citizens", "group: nguoi-dan"))})
    code, found = _check(wrong)
    assert code == 1 and [d["code"] for d in found] == ["bad-group"]
    assert "citizens" in found[0]["hint"] and "nguoi-dan" in found[0]["message"]
