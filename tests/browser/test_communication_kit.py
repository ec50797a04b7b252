"""The communication kit page in Chromium: accessible in light and dark at phone and desktop
widths, readable and selectable without JavaScript, and its copy buttons put exactly the
text (or the share card) on the clipboard, also where the Clipboard API is missing."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, format_violations, run_axe

OPEN_KIT = "du-thao/hoc-phi-2027-2028/truyen-thong/index.html"
UPCOMING_KIT = "du-thao/phi-tham-quan-di-tich-2027/truyen-thong/index.html"
FIELDS = {"kit-loi-doc": "Đã chép lời đọc truyền thanh.", "kit-bai-dang": "Đã chép bài đăng.",
          "kit-mo-ta-anh": "Đã chép lời mô tả ảnh."}
# the Clipboard API as a page opened from disk in some browsers, or an older one, has it: not at all
NO_CLIPBOARD_API = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});"


@pytest.fixture(scope="module")
def clipboard_browser(_playwright):
    """A browser whose pages may read and write the clipboard (as a user allows it)."""
    browser = _playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def clipboard(clipboard_browser, site_server):
    context = clipboard_browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.route(lambda url: not url.startswith(("http://127.0.0.1", "file:")),
                  lambda route: route.abort("blockedbyclient"))
    yield context
    context.close()


def read_clipboard(context, site_server) -> str:
    """What a paste would give, read from a page of the site (the clipboard is the browser's)."""
    reader = context.new_page()
    reader.goto(site_server + OPEN_KIT)
    text = reader.evaluate("() => navigator.clipboard.readText()")
    reader.close()
    return text


def click_and_wait(page, selector: str, expected: str) -> str:
    button = page.locator(selector)
    button.click()
    status = button.locator("xpath=following-sibling::*[@role='status']")
    status.filter(has_text=expected).wait_for()
    return status.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_kit_page_passes_axe_and_fits_the_screen(browser, site_server, scheme, width):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    failures = []
    for path in (OPEN_KIT, UPCOMING_KIT):
        page.goto(site_server + path)
        page.locator("[data-ph-copy='kit-loi-doc']").wait_for()          # the script has shown the buttons
        violations = run_axe(page)
        if violations:
            failures.append(f"{path} ({scheme}, {width} px):\n{format_violations(violations)}")
        sideways = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert sideways <= 0, (path, width, sideways)
    page.close()
    assert not failures, "\n".join(failures)


def test_without_javascript_every_text_can_be_read_and_selected(page_nojs, site_server):
    page_nojs.goto(site_server + OPEN_KIT)
    for field in FIELDS:
        area = page_nojs.locator(f"#{field}")
        assert area.is_visible() and area.get_attribute("readonly") is not None
        assert page_nojs.locator(f"label[for='{field}']").is_visible()
        area.focus()
        page_nojs.keyboard.press("Control+A")
        selected = page_nojs.evaluate("id => { const e = document.getElementById(id);"
                                      " return e.value.slice(e.selectionStart, e.selectionEnd); }", field)
        assert selected == area.input_value() and len(selected) > 100
    assert page_nojs.locator(".ph-kit__copy:visible").count() == 0     # no button that cannot work
    assert page_nojs.locator("a[download]").is_visible()


def test_each_copy_button_puts_its_own_text_on_the_clipboard(clipboard, site_server):
    page = clipboard.new_page()
    page.goto(site_server + OPEN_KIT)
    for field, done in FIELDS.items():
        status = click_and_wait(page, f"[data-ph-copy='{field}']", done)
        assert status.startswith(done)
        assert read_clipboard(clipboard, site_server) == page.locator(f"#{field}").input_value()
    script = page.locator("#kit-loi-doc").input_value()
    assert script.startswith("Kính thưa bà con.") and not any(c.isdigit() for c in script)
    assert page.locator("#kit-bai-dang").input_value().endswith(
        "https://duthao.lamdong.example.gov.vn/du-thao/hoc-phi-2027-2028/")
    page.close()


def test_without_the_clipboard_api_the_text_is_copied_by_selection(clipboard, site_server):
    page = clipboard.new_page()
    page.add_init_script(NO_CLIPBOARD_API)
    page.goto(site_server + OPEN_KIT)
    assert page.evaluate("() => navigator.clipboard === undefined")
    click_and_wait(page, "[data-ph-copy='kit-bai-dang']", "Đã chép bài đăng.")
    assert read_clipboard(clipboard, site_server) == page.locator("#kit-bai-dang").input_value()
    assert page.evaluate("() => document.activeElement.getAttribute('data-ph-copy')") == "kit-bai-dang"
    # the card cannot be copied that way: its button stays hidden, the download link is there
    assert page.locator("[data-ph-copy-image]").is_hidden()
    page.close()


def test_when_nothing_can_copy_the_text_is_left_selected_with_what_to_do(clipboard, site_server):
    page = clipboard.new_page()
    page.add_init_script(NO_CLIPBOARD_API + "document.execCommand = () => false;")
    page.goto(site_server + OPEN_KIT)
    status = click_and_wait(page, "[data-ph-copy='kit-loi-doc']", "Ctrl + C")
    assert status.startswith("Chưa chép tự động được")
    selection = page.evaluate("""() => { const e = document.activeElement;
        return [e.id, e.selectionStart, e.selectionEnd, e.value.length]; }""")
    assert selection[0] == "kit-loi-doc" and selection[1] == 0 and selection[2] == selection[3] > 100


def test_a_page_opened_from_disk_copies_too(clipboard, site_server, example_site):
    page = clipboard.new_page()
    page.goto((example_site / OPEN_KIT).as_uri())
    click_and_wait(page, "[data-ph-copy='kit-loi-doc']", "Đã chép lời đọc truyền thanh.")
    assert read_clipboard(clipboard, site_server) == page.locator("#kit-loi-doc").input_value()
    assert page.locator("[data-ph-copy-image]").is_hidden()   # a file cannot be fetched from disk
    page.close()


def test_the_card_button_puts_the_share_card_on_the_clipboard(clipboard, site_server, example_site):
    page = clipboard.new_page()
    page.goto(site_server + OPEN_KIT)
    click_and_wait(page, "[data-ph-copy-image]", "Đã chép ảnh chia sẻ.")
    pasted = page.evaluate("""async () => {
        const items = await navigator.clipboard.read();
        const blob = await items[0].getType('image/png');
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
    }""")
    page.close()
    card = Image.open(io.BytesIO(bytes(pasted))).convert("RGB")
    original = Image.open(example_site / "du-thao/hoc-phi-2027-2028/anh-chia-se.png").convert("RGB")
    assert card.size == original.size == (1200, 630)
    assert card.tobytes() == original.tobytes()      # the browser may re-encode the PNG, not change its pixels
