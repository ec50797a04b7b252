"""The two optional dates feeds use: consultation.extended_on and withdrawn_on, checked like
every other field (file:line:column and what to write instead)."""
from __future__ import annotations

from tests.conftest import draft_text, make_site, run_policyhub

CHANNELS = "  channels:\n  - {type: email, address: gopy@example.gov.vn}\n"


def _draft(consultation: str, extra: str = "") -> str:
    text = draft_text()
    head, _, rest = text.partition("consultation:\n")
    _, _, body = rest.partition("---\n")
    return head + "consultation:\n" + consultation + CHANNELS + extra + "---\n" + body


def test_bad_lifecycle_dates_are_reported_all_at_once_with_positions_and_fixes(tmp_path):
    drafts = {
        "a-bad-date.md": _draft("  opens: 2026-11-10\n  closes: 2026-12-10\n  extended_to: 2026-12-20\n"
                                "  extended_on: 5/12/2026\n"),
        "b-no-extension.md": _draft("  opens: 2026-11-10\n  closes: 2026-12-10\n  extended_on: 2026-12-05\n"),
        "c-outside.md": _draft("  opens: 2026-11-10\n  closes: 2026-12-10\n  extended_to: 2026-12-20\n"
                               "  extended_on: 2026-12-25\n"),
        "d-not-withdrawn.md": _draft("  opens: 2026-11-10\n  closes: 2026-12-10\n", "withdrawn_on: 2026-11-20\n"),
        "e-withdrawn-bad.md": _draft("  opens: 2026-11-10\n  closes: 2026-12-10\n",
                                     "status: withdrawn\nwithdrawn_on: hôm qua\n"),
    }
    config = make_site(tmp_path, drafts)
    result = run_policyhub("check", "--config", str(config), "--today", "2026-11-22", cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    expected = [
        ("drafts/a-bad-date.md:", "Ngày thông báo gia hạn (consultation.extended_on) không phải là ngày hợp lệ: "
         "'5/12/2026'", "YYYY-MM-DD"),
        ("drafts/b-no-extension.md:", "có Ngày thông báo gia hạn (consultation.extended_on) nhưng dự thảo không được "
         "gia hạn", "thêm consultation.extended_to"),
        ("drafts/c-outside.md:", "(consultation.extended_on) là 2026-12-25, không nằm trong khoảng từ ngày bắt đầu góp ý "
         "(2026-11-10) đến hạn mới (2026-12-20)", "ghi ngày thông báo gia hạn"),
        ("drafts/d-not-withdrawn.md:", "có Ngày rút dự thảo (withdrawn_on) nhưng trạng thái (status) không phải "
         "'withdrawn'", "'status: withdrawn'"),
        ("drafts/e-withdrawn-bad.md:", "Ngày rút dự thảo (withdrawn_on) không phải là ngày hợp lệ: 'hôm qua'",
         "YYYY-MM-DD"),
    ]
    lines = out.splitlines()
    for where, message, fix in expected:
        index = next(i for i, line in enumerate(lines) if line.startswith(where) and message in line)
        assert lines[index].split(":")[1].isdigit() and lines[index].split(":")[2].isdigit()
        assert fix in lines[index + 1], (lines[index], lines[index + 1])
    position = next(line for line in lines if "d-not-withdrawn" in line)
    source = (tmp_path / "drafts" / "d-not-withdrawn.md").read_text(encoding="utf-8").splitlines()
    assert source[int(position.split(":")[1]) - 1].startswith("withdrawn_on:")


def test_valid_lifecycle_dates_pass(tmp_path):
    drafts = {
        "gia-han.md": _draft("  opens: 2026-11-10\n  closes: 2026-12-10\n  extended_to: 2026-12-20\n"
                             "  extended_on: 2026-12-08\n"),
        "rut.md": _draft("  opens: 2026-11-10\n  closes: 2026-12-10\n", "status: withdrawn\nwithdrawn_on: 2026-11-20\n"),
    }
    config = make_site(tmp_path, drafts)
    result = run_policyhub("check", "--config", str(config), "--today", "2026-11-22", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
