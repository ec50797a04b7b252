"""The body of a generated draft: the explanation an agency publishes with its draft.

Sections as a provincial department writes them (why the policy is needed, its legal
basis, the articles or tasks, its effects, who does what, how to comment, questions and
answers), with headings, bulleted and numbered lists and one table. The body names places
(communes, a ferry landing, a street, a market) and article numbers ("Điều 5") that the
front matter never names. Sentences take their words from `slots`.
"""
from __future__ import annotations

import random

from bench import corpus_vocabulary as words

NECESSITY = (
    "Quy định hiện hành về {what} được ban hành từ năm {old_year}, khi tỉnh còn chính quyền ba cấp; đến nay "
    "nhiều nội dung không còn phù hợp.",
    "Từ ngày 01/7/2025, tỉnh {province} tổ chức chính quyền địa phương hai cấp, nên các việc trước đây do cấp "
    "huyện làm cần được giao rõ cho tỉnh hoặc cho xã, phường.",
    "Qua tổng kết thực hiện, {agency} nhận thấy {what} hiện nay chưa theo kịp chi phí thực tế và chưa thống nhất "
    "giữa các địa phương trong tỉnh.",
    "Tại các buổi tiếp xúc cử tri năm {last_year}, nhiều ý kiến ở {commune_a} và {commune_b} đề nghị sớm sửa đổi "
    "{what}.",
    "Một số quy định còn được hiểu theo nhiều cách, khiến người dân phải bổ sung hồ sơ nhiều lần và cán bộ xã, "
    "phường lúng túng khi giải quyết.",
    "Dự thảo giữ lại những nội dung còn phù hợp, sửa những điểm đã gây vướng mắc và bổ sung các trường hợp mới "
    "phát sinh.",
    "Ban hành văn bản mới giúp cả tỉnh áp dụng một quy định thống nhất và người dân, doanh nghiệp biết rõ quyền, "
    "nghĩa vụ của mình.",
    "Trong {years} năm qua, giá cả và mức lương cơ sở đều tăng, trong khi {what} gần như giữ nguyên.",
    "Nếu không điều chỉnh, ngân sách của nhiều xã, phường sẽ không đủ để thực hiện chính sách đến hết năm {y}.",
    "Ủy ban nhân dân tỉnh đã giao {agency} chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân các xã, "
    "phường xây dựng dự thảo.",
)
IMPACT = (
    "Theo báo cáo đánh giá tác động, chính sách ảnh hưởng trực tiếp đến khoảng {people} người và {households} hộ "
    "gia đình trong tỉnh.",
    "Tổng kinh phí dự kiến khoảng {money} tỷ đồng mỗi năm, tăng khoảng {money_more} tỷ đồng so với hiện nay.",
    "Dự thảo không đặt thêm thủ tục hành chính mới; một số giấy tờ được thay bằng dữ liệu đã có trong cơ sở dữ "
    "liệu quốc gia về dân cư.",
    "Các xã vùng sâu, vùng xa và vùng đồng bào dân tộc thiểu số được ưu tiên bố trí kinh phí trước.",
    "Về xã hội, chính sách giúp giảm chi phí cho các hộ thu nhập thấp và thu hẹp khoảng cách giữa thành thị và "
    "nông thôn.",
    "Về giới, dự thảo không có quy định phân biệt nam, nữ; phụ nữ làm chủ hộ nghèo được ưu tiên khi xét duyệt.",
    "Nếu giữ nguyên quy định cũ, mỗi năm có thêm khoảng {files} hồ sơ phải giải quyết bằng giấy tờ như trước.",
    "Mức thay đổi bình quân khoảng {pct}%, thấp hơn mức tăng giá tiêu dùng cộng dồn từ năm {old_year}.",
)
PLACES = (
    "Ví dụ, mỗi sáng có hàng trăm học sinh {commune_a} qua bến đò {ferry} trên {river} để đến trường ở "
    "{commune_b}.",
    "Tại {ward}, đoạn đường {street} từ ngã tư {street_b} đến chợ {market} thường ùn tắc vào giờ tan học.",
    "Ở thôn {village}, {commune_a}, nhiều hộ cho biết tiền đi lại đến trung tâm xã chiếm phần lớn thu nhập trong "
    "mùa mưa.",
    "Khu dân cư ven {river} thuộc {commune_b} là nơi chịu tác động nhiều nhất, với khoảng {village_households} hộ.",
    "Tiểu thương ở chợ {market} đề nghị được thông báo trước ít nhất một tháng khi có thay đổi.",
    "Trung tâm phục vụ hành chính công {ward}, số {house} đường {street}, sẽ hướng dẫn người dân làm hồ sơ.",
    "Trước đây, người dân thôn {village} phải đi hơn {km} km đến trụ sở huyện cũ để nộp hồ sơ; nay chỉ cần đến "
    "Ủy ban nhân dân {commune_a}.",
    "Đoàn khảo sát của {agency} đã làm việc tại {commune_a}, {commune_b} và {ward} trong tháng {month}/{last_year}.",
    "Bến đò {ferry} hiện có {boats} thuyền chở khách, mỗi ngày đưa khoảng {passengers} lượt người qua {river}.",
)
TASKS = (
    "Rà soát, cập nhật số liệu về {what} ở từng xã, phường và công khai trên Cổng thông tin điện tử của tỉnh.",
    "Ưu tiên nguồn lực cho các xã vùng sâu, vùng xa và vùng đồng bào dân tộc thiểu số.",
    "Tuyên truyền để người dân hiểu chính sách và cùng giám sát việc thực hiện.",
    "Dùng phần mềm dùng chung của tỉnh để theo dõi, báo cáo kết quả hằng quý.",
    "Mời doanh nghiệp, tổ chức xã hội cùng tham gia đóng góp nguồn lực.",
    "Tập huấn cho cán bộ xã, phường trước khi triển khai.",
    "Sơ kết sau một năm thực hiện để điều chỉnh những điểm chưa phù hợp.",
)
DUTIES = (
    "**{agency}** chủ trì hướng dẫn, kiểm tra việc thực hiện; tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh "
    "trước ngày 15 tháng 12 hằng năm.",
    "**Sở Tài chính** tham mưu bố trí kinh phí trong dự toán ngân sách hằng năm.",
    "**Sở Tư pháp** theo dõi việc thi hành và đề xuất sửa đổi khi cần.",
    "**Ủy ban nhân dân các xã, phường** lập danh sách, niêm yết công khai tại trụ sở và nhà văn hóa thôn, tổ dân phố.",
    "**Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh** và các tổ chức chính trị – xã hội tham gia giám sát.",
    "**Báo và Phát thanh, Truyền hình tỉnh** giới thiệu chính sách bằng tiếng Việt và tiếng các dân tộc thiểu số.",
)
STEPS = (
    "Người đề nghị nộp hồ sơ tại Trung tâm phục vụ hành chính công của xã, phường hoặc nộp trực tuyến trên Cổng "
    "dịch vụ công.",
    "Trong {days_check} ngày làm việc, Ủy ban nhân dân xã, phường kiểm tra hồ sơ và niêm yết danh sách tại trụ sở, "
    "nhà văn hóa thôn, tổ dân phố.",
    "Hết thời gian niêm yết, nếu không có ý kiến khác, Chủ tịch Ủy ban nhân dân xã, phường quyết định và gửi kết quả "
    "cho người đề nghị.",
    "Tiền được chi trả trong {days_pay} ngày làm việc kể từ ngày có quyết định, bằng tiền mặt hoặc chuyển khoản.",
)
QUESTIONS = (
    ("Ai được hưởng quy định mới?",
     "Những người, tổ chức nêu tại {where_who} của dự thảo. Nếu chưa rõ mình có thuộc diện được hưởng không, bạn hỏi "
     "cán bộ Ủy ban nhân dân xã, phường nơi cư trú."),
    ("Khi nào quy định mới được áp dụng?",
     "Nếu được thông qua, văn bản dự kiến có hiệu lực từ ngày {eff}. Hồ sơ nộp trước ngày đó tiếp tục được giải "
     "quyết theo quy định cũ."),
    ("Tôi cần chuẩn bị giấy tờ gì?",
     "Thường chỉ cần thẻ căn cước hoặc tài khoản định danh điện tử. Giấy tờ đã có trong cơ sở dữ liệu của Nhà "
     "nước thì không phải nộp lại."),
    ("Quy định mới có làm tăng chi phí của gia đình tôi không?",
     "Mức thay đổi bình quân khoảng {pct}%. Bảng tại {where_table} so sánh từng mức hiện nay với mức theo dự thảo."),
    ("Nếu không đồng ý với kết quả xét duyệt thì làm thế nào?",
     "Bạn có quyền khiếu nại đến Chủ tịch Ủy ban nhân dân xã, phường trong 90 ngày kể từ ngày nhận kết quả. "
     "Đơn có thể gửi trực tiếp, qua bưu điện hoặc trên Cổng dịch vụ công."),
    ("Góp ý của tôi có được trả lời không?",
     "Có. Sau khi hết hạn góp ý, {agency} tổng hợp mọi ý kiến, nói rõ ý kiến nào được tiếp thu và vì sao không "
     "tiếp thu, rồi công bố trên Cổng này."),
    ("Người không dùng điện thoại thông minh góp ý bằng cách nào?",
     "Bạn có thể gửi thư, gọi điện theo số ghi ở phần cách góp ý, hoặc nhờ trưởng thôn, tổ trưởng tổ dân phố "
     "chuyển ý kiến lên Ủy ban nhân dân xã, phường."),
    ("Vì sao mức ở phường và ở xã khác nhau?",
     "Chi phí và thu nhập ở phường thường cao hơn ở xã. Dự thảo chia khu vực để mức áp dụng sát với điều kiện "
     "của từng nơi."),
)
COMMENTS = {   # accepted -> (comment, answer) about {topic}
    "yes": (("Đề nghị có hướng dẫn cụ thể về {topic} để các xã, phường làm thống nhất.",
             "Tiếp thu: dự thảo đã bổ sung một khoản quy định chi tiết về {topic}."),
            ("Đề nghị cho người cao tuổi nộp hồ sơ và nhận kết quả qua bưu điện.",
             "Tiếp thu: bổ sung cách nộp hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích."),
            ("Đề nghị công khai danh sách người được hưởng tại nhà văn hóa thôn.",
             "Tiếp thu: danh sách được niêm yết tại trụ sở xã, phường và nhà văn hóa thôn, tổ dân phố trong 7 ngày.")),
    "partly": (("Quy định về {topic} chưa tính đến điều kiện của các xã vùng sâu, vùng xa.",
                "Tiếp thu một phần: bổ sung quy định riêng cho các xã vùng sâu, vùng xa; các khu vực khác giữ như "
                "dự thảo."),
               ("Thời điểm áp dụng quá gấp, đề nghị lùi lại để các xã, phường chuẩn bị.",
                "Tiếp thu một phần: lùi ba tháng với những nội dung cần chuẩn bị kinh phí.")),
    "no": (("Đề nghị giữ nguyên quy định cũ về {topic} vì người dân đã quen thực hiện.",
            "Không tiếp thu vì quy định cũ không còn phù hợp với chính quyền hai cấp; cơ quan soạn thảo sẽ hướng "
            "dẫn người dân trong thời gian đầu."),
           ("Đề nghị tăng mức lên gấp đôi.",
            "Không tiếp thu vì vượt khả năng cân đối của ngân sách tỉnh; mức trong dự thảo đã cao hơn hiện nay.")),
}


def nice(value: float) -> int:
    """A round figure, as agencies write them: 2 significant digits, 3 from 10,000 up."""
    value = max(1, int(value))
    digits = len(str(value)) - (3 if value >= 10_000 else 2)
    step = 10 ** max(0, digits)
    return max(step, round(value / step) * step)


def slots(r: random.Random, province: str, subject, doc_type: str, year: int, today, **given) -> dict:
    """The words of one draft's body: its subject, places, figures and dates."""
    commune_a, commune_b = r.sample(words.COMMUNES, 2)
    street, street_b = r.sample(words.STREETS, 2)
    money = r.randint(5, 900)
    return {
        "what": subject.what, "province": province, "agency": words.AGENCIES[subject.agency][0],
        "doc": words.DOC_TYPES[doc_type][1], "y": year, "y4": year + 4, "old_year": year - r.randint(4, 9),
        "last_year": min(today.year, year) - 1, "years": r.randint(3, 8), "goal_pct": r.randint(70, 100),
        "commune_a": f"xã {commune_a}", "commune_b": f"xã {commune_b}", "ward": f"phường {r.choice(words.WARDS)}",
        "village": r.choice(words.VILLAGES), "street": street, "street_b": street_b, "river": r.choice(words.RIVERS),
        "ferry": r.choice(words.FERRIES), "market": r.choice(words.MARKETS), "house": r.randint(2, 250),
        "km": r.randint(12, 60), "month": r.randint(1, 12), "boats": r.randint(2, 9),
        "passengers": r.randint(3, 40) * 50, "village_households": r.randint(40, 900),
        "people": vn_number(nice(r.uniform(2_000, 400_000))), "households": vn_number(nice(r.uniform(500, 90_000))),
        "files": vn_number(nice(r.uniform(300, 20_000))), "money": money,
        "money_more": r.randint(1, max(1, money // 4)), "days_check": r.choice((3, 5, 7)),
        "days_pay": r.choice((5, 10, 15)), "unit": subject.table.unit,
        "table_caption": subject.table.caption.split(",")[0], "laws": list(words.GENERAL_LAWS) + list(subject.laws),
        **given,
    }


def vn_number(value: int) -> str:
    """355000 -> "355.000"."""
    return f"{value:,}".replace(",", ".")


def _pick(r: random.Random, pool, k: int, slots: dict) -> list[str]:
    return [s.format_map(slots) for s in r.sample(pool, min(k, len(pool)))]


def _paragraphs(r: random.Random, pool, slots: dict, count: int, per: tuple[int, int] = (2, 4)) -> list[str]:
    sentences = _pick(r, pool, count * per[1], slots)
    out = []
    while sentences and len(out) < count:
        take = r.randint(*per)
        out.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return out


def table_rows(rows) -> list[str]:
    """rows: (label, current, proposed) -> a Markdown table with the change in per cent."""
    lines = ["| Nội dung | Hiện nay | Theo dự thảo | Thay đổi |", "|---|---:|---:|---:|"]
    for label, current, proposed in rows:
        change = round(100 * (proposed - current) / current) if current else 0
        sign = "+" if change > 0 else "−" if change < 0 else ""
        lines.append(f"| {label} | {vn_number(current)} | {vn_number(proposed)} | {sign}{abs(change)}% |")
    return lines


def body_sections(r: random.Random, slots: dict, legal: bool, target_words: int) -> list[tuple[str, str]]:
    """(heading, Markdown) sections whose words add up to about `target_words` (never fewer
    than the core: why, what, how to comment)."""
    doc = slots["doc"]
    first = r.choice((1, 1, 1, 2))   # some drafts put "Điều 1" aside for general provisions
    slots = dict(slots, where_who=f"Điều {first + 1}" if legal else "mục Mục tiêu",
                 where_table=f"Điều {first + 2}" if legal else "mục Chỉ tiêu cụ thể")
    core = [("Vì sao cần chính sách này" if r.random() < 0.5 else "Sự cần thiết ban hành",
             "\n\n".join(_paragraphs(r, NECESSITY, slots, 1 if target_words < 500 else 2)))]
    if legal:
        rules = slots["rows"]
        articles = [
            (f"Điều {first}. Phạm vi điều chỉnh",
             f"{doc} này quy định {slots['what']} và việc tổ chức thực hiện trên địa bàn tỉnh {slots['province']}. "
             f"Những nội dung không quy định tại {doc} này thực hiện theo pháp luật hiện hành."),
            (f"Điều {first + 1}. Đối tượng áp dụng", "\n".join(f"- {who}." for who in slots["affected"])),
            (f"Điều {first + 2}. {slots['table_caption']}",
             f"Mức cụ thể như sau (đơn vị: {slots['unit']}):\n\n" + "\n".join(table_rows(rules))),
            (f"Điều {first + 3}. Trình tự thực hiện",
             "\n".join(f"{n}. {s.format_map(slots)}" for n, s in enumerate(STEPS, 1))),
            (f"Điều {first + 4}. Nguồn kinh phí",
             f"Kinh phí do ngân sách tỉnh bảo đảm, bố trí trong dự toán hằng năm của {slots['agency']} và các xã, "
             "phường. Trường hợp xã, phường thiếu nguồn, ngân sách tỉnh hỗ trợ phần còn thiếu."),
        ]
        text = f"Dự thảo gồm {first + 5} điều. Những điều chính:\n\n" + "\n\n".join(
            f"### {title}\n\n{content}" for title, content in articles)
        core.append(("Nội dung chính của dự thảo", text))
    else:
        text = (f"### Mục tiêu\n\nĐến năm {slots['y4']}, phấn đấu {slots['goal_pct']}% xã, phường hoàn thành các "
                f"chỉ tiêu về {slots['what']}. {doc} áp dụng cho:\n\n"
                + "\n".join(f"- {who}." for who in slots["affected"])
                + "\n\n### Nhiệm vụ và giải pháp\n\n"
                + "\n".join(f"{n}. {s}" for n, s in enumerate(_pick(r, TASKS, r.randint(3, 6), slots), 1))
                + f"\n\n### Chỉ tiêu cụ thể\n\n{slots['table_caption']} (đơn vị: {slots['unit']}):\n\n"
                + "\n".join(table_rows(slots["rows"])))
        core.append(("Nội dung chính của dự thảo", text))
    consult = (f"Dự thảo được đăng trên Cổng này từ ngày {slots['opens']} đến hết ngày {slots['deadline']}. "
               "Ngoài góp ý trực tuyến, người dân có thể gửi thư, gọi điện hoặc góp ý trực tiếp tại hội nghị. "
               f"{slots['agency']} cũng tổ chức buổi đối thoại với người dân tại nhà văn hóa thôn {slots['village']}, "
               f"{slots['commune_a']}, và tại hội trường Ủy ban nhân dân {slots['ward']}, số {slots['house']} "
               f"đường {slots['street']}.")
    extra = [
        ("Căn cứ pháp lý", "\n".join(f"- {law}." for law in slots["laws"])
         + f"\n\nTheo khoản {r.randint(1, 4)} Điều {r.randint(20, 30)} của Luật Tổ chức chính quyền địa phương, "
           "việc này thuộc thẩm quyền của tỉnh."),
        ("Tác động của chính sách", "\n\n".join(_paragraphs(r, IMPACT, slots, 2))),
        ("Những nơi chịu tác động nhiều nhất", "\n\n".join(_paragraphs(r, PLACES, slots, 2, (2, 3)))),
        ("Tổ chức thực hiện", "\n".join(f"- {s}" for s in _pick(r, DUTIES, r.randint(3, 6), slots))),
        ("Giải đáp một số thắc mắc", "\n\n".join(
            f"### {q}\n\n{a.format_map(slots)}" for q, a in r.sample(QUESTIONS, r.randint(3, len(QUESTIONS))))),
    ]
    sections = core[:]
    words = sum(len(text.split()) for _, text in sections) + len(consult.split())
    for heading, text in extra:
        if words >= target_words:
            break
        sections.append((heading, text))
        words += len(text.split())
    sections.append(("Cách góp ý", consult))
    return sections


def body_markdown(sections) -> str:
    return "\n\n".join(f"## {n}. {heading}\n\n{text}" for n, (heading, text) in enumerate(sections, 1)) + "\n"
