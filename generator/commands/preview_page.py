"""What the preview of `policyhub serve` adds to the pages it serves, and never to a built site.

- A script in every page that polls the preview's state: it reloads the page after a
  rebuild, and while the last rebuild failed it shows one short line fixed at the bottom of
  the window ("2 lỗi: bản xem trước chưa cập nhật.") with a link to the details. The line is
  one line tall whatever the screen (the words are cut with "…" before the link is), so the
  page under it stays readable on a 360 px phone; the page is padded by its height.
- The details page, `DETAILS_PATH`: every problem of the failed rebuild, as `check` prints it,
  with a link back to the preview.

The words come from the catalogue in the language of the run; the script puts them into the
page as text (`textContent`), never as HTML, and the details page escapes them.
"""
from __future__ import annotations

import html
import json

from generator import messages

STATE_PATH = "/__policyhub__/state"
DETAILS_PATH = "/__policyhub__/errors"
BANNER_ID = "ph-preview-errors"

RELOAD_SCRIPT = """
<script>
(function () {
  var seen = null, details = "%(details)s", onDetails = location.pathname === details;
  var height = "44px";   // px, not rem: a site may enlarge its root font
  function banner(state) {
    var bar = document.getElementById("%(banner)s");
    if (!state.errors || onDetails) {
      if (bar) { bar.remove(); document.body.style.paddingBottom = ""; }
      return;
    }
    if (!bar) {
      bar = document.createElement("div");
      bar.id = "%(banner)s";
      bar.setAttribute("role", "status");
      bar.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:1000;box-sizing:border-box;" +
        "height:" + height + ";display:flex;align-items:center;gap:12px;padding:0 12px;" +
        "background:#6b0f0f;color:#fff;font:15px/1.2 system-ui,sans-serif;white-space:nowrap";
      var words = document.createElement("span");
      words.style.cssText = "flex:1 1 auto;min-width:0;overflow:hidden;text-overflow:ellipsis";
      var link = document.createElement("a");
      link.href = details;
      link.style.cssText = "flex:none;color:#fff;font-weight:bold;text-decoration:underline;" +
        "outline-offset:2px;padding:8px 0";
      bar.appendChild(words);
      bar.appendChild(link);
      document.body.appendChild(bar);
      document.body.style.paddingBottom = height;
    }
    bar.firstChild.textContent = state.banner;
    bar.lastChild.textContent = state.link;
  }
  function poll() {
    fetch("%(state)s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      banner(s);
    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
</script>
""" % {"details": DETAILS_PATH, "state": STATE_PATH, "banner": BANNER_ID}

_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1a1a1a;max-width:48rem}"
          "h1{font-size:1.4rem;line-height:1.3}li{margin:0 0 1rem}code{font-size:.95rem;overflow-wrap:anywhere}"
          ".fix{display:block;color:#333}a{color:#0b4f9c}")


def banner_words(count: int, lang: str) -> dict:
    """The line and its link, for the state the script polls."""
    return {"banner": messages.text("lines", "serve.banner", lang, count=count),
            "link": messages.text("lines", "serve.banner-link", lang)}


def details_page(items: list[tuple[str, str, str, str]], lang: str) -> bytes:
    """The details of the last failed rebuild: (where, severity, message, fix) for each problem."""
    def say(key: str) -> str:
        return html.escape(messages.text("lines", key, lang))

    rows = []
    for where, severity, message, fix in items:
        fix_line = (f'<span class="fix">{html.escape(messages.word("fix", lang))}: {html.escape(fix)}</span>'
                    if fix else "")
        rows.append(f"<li><code>{html.escape(where)}</code> {html.escape(severity)}: {html.escape(message)}"
                    f"{fix_line}</li>")
    body = (f"<p>{say('serve.page-intro')}</p><ol>{''.join(rows)}</ol>" if rows
            else f"<p>{say('serve.page-none')}</p>")
    page = (f'<!doctype html><html lang="{html.escape(messages.language(lang))}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{say('serve.page-title')}</title><style>{_STYLE}</style></head>"
            f"<body><main><h1>{say('serve.page-title')}</h1>{body}"
            f'<p><a href="/">{say("serve.page-back")}</a></p></main>{RELOAD_SCRIPT}</body></html>')
    return page.encode("utf-8")


def state(version: int, errors: str, count: int, lang: str) -> bytes:
    return json.dumps({"version": version, "errors": errors, "count": count, **banner_words(count, lang)},
                      ensure_ascii=False).encode("utf-8")
