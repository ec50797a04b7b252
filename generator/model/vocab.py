"""The site's shared words, defined once: the keys front matter and open data write, the
labels citizens read, and the addresses of the files every build writes.

Templates get them as globals (`render.pages.make_environment`), so a label or a path is
never written twice.
"""
from __future__ import annotations

from generator.model.draft import Status

# -- states ------------------------------------------------------------------------------
STATUS_LABEL = {
    Status.UPCOMING: "Sắp lấy ý kiến",
    Status.OPEN: "Đang lấy ý kiến",
    Status.CLOSED: "Đã hết hạn góp ý",
    Status.RESPONDED: "Đã công bố kết quả tiếp thu",
    Status.ADOPTED: "Đã ban hành",
    Status.WITHDRAWN: "Đã rút, dừng xây dựng",
}
# a state in an address (?trang-thai=…): Vietnamese words, like every URL of the site
STATUS_SLUG = {
    Status.OPEN: "dang-lay-y-kien",
    Status.UPCOMING: "sap-lay-y-kien",
    Status.CLOSED: "het-han-gop-y",
    Status.RESPONDED: "da-cong-bo-tiep-thu",
    Status.ADOPTED: "da-ban-hanh",
    Status.WITHDRAWN: "da-rut",
}
SETTABLE_STATUSES = (Status.ADOPTED, Status.WITHDRAWN)   # the only states written by hand
# the events of a draft's life, as feeds and open data name them
LIFECYCLE_CHANGES = ("announced", "opened", "extended", "closed", "responded", "adopted", "withdrawn")

# -- what front matter lists ---------------------------------------------------------------
DOCUMENT_KINDS = {
    "draft": "Dự thảo văn bản",
    "submission": "Tờ trình",
    "impact_assessment": "Báo cáo đánh giá tác động",
    "response_report": "Báo cáo tổng hợp, tiếp thu, giải trình",
    "other": "Tài liệu khác",
}
RESPONSE_GROUPS = {"citizens": "Người dân", "organisations": "Cơ quan, tổ chức", "businesses": "Doanh nghiệp"}
ACCEPTED_LABEL = {"yes": "Tiếp thu", "partly": "Tiếp thu một phần", "no": "Giải trình, không tiếp thu"}
CHANNEL_TYPES = ("form", "email", "post", "phone", "meeting")
CHART_TYPES = ("figures", "compare", "share")

# -- the page engines policyhub has an adapter for (generator/engines/), as site_config.yml's
# `engine:` names them; the first is the default
ENGINES = ("mkdocs-material",)

# -- files every build writes, relative to the site's root ---------------------------------
RSS_PATH = "feeds/rss.xml"
ATOM_PATH = "feeds/atom.xml"
JSON_FEED_PATH = "feeds/feed.json"
OPEN_FEED_PATH = "feeds/dang-lay-y-kien.xml"
FEED_STYLE_PATH = "feeds/feed.xsl"   # the XSLT stylesheet that shows an Atom or RSS feed as a page
FEEDS_PAGE = "feeds/"                # "Nhận tin": every feed, the calendar and the open data, explained
CALENDAR_PATH = "calendar.ics"
OPEN_DATA_PATH = "api/drafts.json"
OPEN_DATA_SCHEMA_PATH = "api/drafts.schema.json"
SEARCH_INDEX_FILE = "muc-luc.js"    # in the search page's folder: the contents of the sharded index
SHARE_IMAGE = "anh-chia-se.png"    # a draft's share card, in its folder: du-thao/<slug>/anh-chia-se.png
NOTICE = "thong-bao/"              # its printable notice: du-thao/<slug>/thong-bao/
KIT = "truyen-thong/"              # its communication kit (radio script, post, card): du-thao/<slug>/truyen-thong/
KIT_STATUSES = (Status.UPCOMING, Status.OPEN)   # the only states that have a kit: there is still time to comment


def agency_feed_path(key: str) -> str:
    return f"feeds/co-quan/{key}.xml"


def topic_feed_path(key: str) -> str:
    return f"feeds/linh-vuc/{key}.xml"
