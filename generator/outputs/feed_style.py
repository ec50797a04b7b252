"""The XSLT stylesheet that shows an Atom or RSS feed as a readable Vietnamese page.

Every Atom and RSS feed names it (`<?xml-stylesheet type="text/xsl" href="…"?>`, relative
to the feed, see `feed_extension.stylesheet_instruction`). A browser that applies XSLT to a
feed it is served as XML (Firefox, Safari; Chromium too while it still does) then shows a
page in place of raw XML: what a feed is, the address to copy into a feed reader, a link
to the "Nhận tin" page, and every entry with its title, state, deadline, agency and link.
Feed readers ignore the instruction, so the feed itself stays exactly as valid as before.

XSLT 1.0 only (what browsers run), no script, no `disable-output-escaping`: every value
from the feed is written as text. The page's CSS is inside it (nothing else to load). The
link to the "Nhận tin" page is made relative from the instruction's own `href` (the
stylesheet sits in the page's folder), so it works under any sub-path and host too.
"""
from __future__ import annotations

from generator.model.vocab import FEED_STYLE_PATH

_NAME = FEED_STYLE_PATH.rpartition("/")[2]

_CSS = """
:root { color-scheme: light dark; }
body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: #1b1b1b; background: #fff; }
header, main { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.3; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.05rem; line-height: 1.4; margin: 0 0 0.25rem; }
a { color: #0b57d0; text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid #b3261e; outline-offset: 2px; }
.ph-kind { margin: 0; font-weight: 600; }
.ph-address { display: block; padding: 0.5rem 0.75rem; border: 1px solid #6b6b6b; border-radius: 4px;
  background: #f3f4f6; font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.ph-entries { list-style: none; padding: 0; margin: 0; }
.ph-entries > li { padding: 0.75rem 0; border-top: 1px solid #c4c4c4; }
.ph-entries p { margin: 0.15rem 0; }
.ph-state { font-weight: 600; }
@media (prefers-color-scheme: dark) {
  body { color: #ececec; background: #121212; }
  a { color: #8ab4f8; }
  a:focus-visible { outline-color: #f2b8b5; }
  .ph-address { background: #1f1f1f; border-color: #9a9a9a; }
  .ph-entries > li { border-color: #5c5c5c; }
}
"""

STYLESHEET = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows a feed of this site as a page. Feed readers do not read this file. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:a="http://www.w3.org/2005/Atom" exclude-result-prefixes="a">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- the instruction names this file relative to the feed; the Nhận tin page is beside it -->
  <xsl:variable name="style" select="substring-before(substring-after(/processing-instruction('xml-stylesheet'), 'href=&quot;'), '&quot;')"/>
  <xsl:variable name="guide" select="concat(substring-before($style, '{_NAME}'), 'index.html')"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="a:feed">
        <xsl:call-template name="page">
          <xsl:with-param name="format" select="'Atom'"/>
          <xsl:with-param name="title" select="a:feed/a:title"/>
          <xsl:with-param name="about" select="a:feed/a:subtitle"/>
          <xsl:with-param name="self" select="a:feed/a:link[@rel='self']/@href"/>
          <xsl:with-param name="home" select="a:feed/a:link[@rel='alternate']/@href"/>
          <xsl:with-param name="entries" select="a:feed/a:entry"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="page">
          <xsl:with-param name="format" select="'RSS'"/>
          <xsl:with-param name="title" select="rss/channel/title"/>
          <xsl:with-param name="about" select="rss/channel/description"/>
          <xsl:with-param name="self" select="rss/channel/a:link[@rel='self']/@href"/>
          <xsl:with-param name="home" select="rss/channel/link"/>
          <xsl:with-param name="entries" select="rss/channel/item"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page">
    <xsl:param name="format"/>
    <xsl:param name="title"/>
    <xsl:param name="about"/>
    <xsl:param name="self"/>
    <xsl:param name="home"/>
    <xsl:param name="entries"/>
    <html lang="vi">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (nguồn tin <xsl:value-of select="$format"/>)</title>
        <style>{_CSS}</style>
      </head>
      <body>
        <header>
          <p class="ph-kind">Nguồn tin <xsl:value-of select="$format"/></p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="$about"/></p>
        </header>
        <main>
          <h2>Nguồn tin là gì, theo dõi thế nào</h2>
          <p>Trang này là một nguồn tin (feed): một địa chỉ mà ứng dụng đọc tin trên điện thoại hoặc
            máy tính theo dõi giúp bạn. Mỗi khi có dự thảo mới, hoặc một dự thảo mở lấy ý kiến, được
            gia hạn, hết hạn góp ý, công bố kết quả tiếp thu hay được ban hành, ứng dụng báo cho bạn;
            không cần đăng ký tài khoản, cổng không biết ai theo dõi.</p>
          <p>Để theo dõi, sao chép địa chỉ này và dán vào ứng dụng đọc tin (chức năng thêm nguồn tin,
            thêm feed hoặc đăng ký theo địa chỉ):</p>
          <p><code class="ph-address"><xsl:value-of select="$self"/></code></p>
          <p><a href="{{$guide}}">Nhận tin: mọi nguồn tin của cổng, lịch hạn góp ý, dữ liệu mở và cách dùng</a></p>
          <p><a href="{{$home}}">Xem các dự thảo này trên cổng</a></p>
          <h2>Các dự thảo trong nguồn tin (<xsl:value-of select="count($entries)"/>)</h2>
          <xsl:choose>
            <xsl:when test="$entries">
              <ul class="ph-entries">
                <xsl:for-each select="$entries">
                  <xsl:call-template name="entry"/>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise><p>Hiện chưa có dự thảo nào trong nguồn tin này.</p></xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- one Atom entry or RSS item: title, state, deadline, agency, link -->
  <xsl:template name="entry">
    <xsl:variable name="status" select="*[local-name()='status']"/>
    <xsl:variable name="opens"><xsl:call-template name="day"><xsl:with-param name="at" select="*[local-name()='opens']"/></xsl:call-template></xsl:variable>
    <xsl:variable name="deadline"><xsl:call-template name="day"><xsl:with-param name="at" select="*[local-name()='deadline']"/></xsl:call-template></xsl:variable>
    <li>
      <h3><a href="{{(a:link[not(@rel) or @rel='alternate']/@href | link)[1]}}"><xsl:value-of select="a:title | title"/></a></h3>
      <p><span class="ph-state"><xsl:value-of select="$status"/></span>
        <xsl:text>. </xsl:text>
        <xsl:choose>
          <xsl:when test="$status/@key = 'upcoming'">Nhận góp ý từ ngày <xsl:value-of select="$opens"/> đến hết ngày <xsl:value-of select="$deadline"/>.</xsl:when>
          <xsl:when test="$status/@key = 'open'">Hạn góp ý: hết ngày <xsl:value-of select="$deadline"/>.</xsl:when>
          <xsl:otherwise>Hạn góp ý đã kết thúc ngày <xsl:value-of select="$deadline"/>.</xsl:otherwise>
        </xsl:choose>
      </p>
      <p>Cơ quan chủ trì soạn thảo: <xsl:value-of select="a:author/a:name | *[local-name()='creator']"/></p>
    </li>
  </xsl:template>

  <!-- 2026-12-20T23:59:59+07:00 as 20/12/2026 -->
  <xsl:template name="day">
    <xsl:param name="at"/>
    <xsl:value-of select="concat(substring($at, 9, 2), '/', substring($at, 6, 2), '/', substring($at, 1, 4))"/>
  </xsl:template>
</xsl:stylesheet>
"""
