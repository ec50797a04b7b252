"""The preview server: rebuilds on save, keeps the last good site, shows diagnostics in the
site's language: a one-line banner on every page and the details on a page of their own."""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import TODAY, _env, draft_text, make_site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_rebuilds_on_save_and_keeps_the_last_good_site_when_a_draft_breaks(tmp_path):
    config = make_site(tmp_path, {"a.md": draft_text(title="Dự thảo ban đầu")})
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--config", str(config), "--port", str(port),
                             "--today", TODAY], env=_env(), stderr=subprocess.PIPE, text=True,
                            # Ctrl+C reaches it as from a terminal, also where the suite was started
                            # in the background (which starts children with SIGINT ignored)
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}/"
    state = lambda: json.loads(get(base + "__policyhub__/state"))  # noqa: E731
    try:
        wait_for(lambda: "Dự thảo ban đầu" in get(base + "du-thao/a/index.html"))
        page = get(base + "du-thao/a/")
        assert "/__policyhub__/state" in page      # the page reloads itself after a rebuild
        first = state()["version"]
        time.sleep(0.05)
        (tmp_path / "drafts/a.md").write_text(draft_text(title="Dự thảo đã sửa"), encoding="utf-8")
        wait_for(lambda: state()["version"] > first)
        assert "Dự thảo đã sửa" in get(base + "du-thao/a/index.html")
        (tmp_path / "drafts/a.md").write_text(draft_text(title="Dự thảo hỏng", agency="khong-co"), encoding="utf-8")
        errors = wait_for(lambda: state()["errors"])
        assert re.search(r"drafts/a\.md:\d+:\d+: lỗi: Cơ quan chủ trì soạn thảo \(agency\): "
                         r"không có cơ quan 'khong-co' trong site_config\.yml", errors)
        assert (state()["banner"], state()["link"]) == ("Bản xem trước chưa cập nhật: có 1 lỗi.", "Xem cách sửa")
        details = get(base + "__policyhub__/errors")
        assert '<html lang="vi">' in details and "Những lỗi cần sửa trong bản xem trước" in details
        assert re.search(r"<code>drafts/a\.md:\d+:\d+</code> lỗi: Cơ quan chủ trì soạn thảo \(agency\): "
                         r"không có cơ quan &#x27;khong-co&#x27;", details)
        assert "cách sửa: dùng một khóa trong mục" in details
        assert "Dự thảo đã sửa" in get(base + "du-thao/a/index.html")   # the last good page stays
        # saved as many editors save: a new file written beside it, then renamed over it
        (tmp_path / "drafts/.a.md.swp").write_text(draft_text(title="Dự thảo đã sửa lại"), encoding="utf-8")
        os.replace(tmp_path / "drafts/.a.md.swp", tmp_path / "drafts/a.md")
        wait_for(lambda: not state()["errors"])
        assert "Dự thảo đã sửa lại" in get(base + "du-thao/a/index.html")
        assert "Không có lỗi: bản xem trước đã cập nhật." in get(base + "__policyhub__/errors")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("Ctrl+C did not stop the preview within 10 s") from None
    said = proc.stderr.read()
    assert f"Xem trước tại {base} (bấm Ctrl+C để dừng)\n" in said
    assert "dựng không được, vẫn giữ bản dựng tốt gần nhất" in said and "đã dựng lại" in said


def test_a_quick_update_in_the_preview_leaves_the_build_cache_as_it_was(tmp_path):
    """Cached pages and the site's pages may be one file (hard links): the preview's quick
    update must replace a page, never write into it."""
    import datetime as dt

    from generator import build as pipeline
    from generator.commands import serve

    # two drafts: a draft page alone in its frame is built whole, and the full rebuild updates it
    config = make_site(tmp_path / "s", {"a.md": draft_text(title="Dự thảo ban đầu"), "b.md": draft_text()})
    options = pipeline.Options(config_path=config, today=dt.date.fromisoformat(TODAY), quiet=True)
    preview = serve.Preview(options)
    preview.rebuild()
    page = preview.out / "du-thao/a/index.html"
    original = page.read_bytes()
    draft = tmp_path / "s/drafts/a.md"
    draft.write_text(draft_text(title="Dự thảo đã sửa"), encoding="utf-8")
    assert preview.quick_update([draft])
    assert "Dự thảo đã sửa" in page.read_text(encoding="utf-8")
    draft.write_text(draft_text(title="Dự thảo ban đầu"), encoding="utf-8")   # the edit is undone
    pipeline.build(pipeline.dataclasses.replace(options, out=tmp_path / "again"))
    assert (tmp_path / "again/du-thao/a/index.html").read_bytes() == original
