"""Golden file: one agency's Atom feed, byte for byte, built with the clock frozen. After a
deliberate change, refresh it with UPDATE_GOLDEN=1 scripts/test.sh tests/feeds and read the
diff before committing."""
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "sites" / "golden" / "feeds"


def test_an_agency_feed_matches_the_golden_file(example_build):
    # Sở Xây dựng has an open, a responded and a withdrawn draft: three kinds of entry
    actual = (example_build / "feeds" / "co-quan" / "so-xay-dung.xml").read_text(encoding="utf-8")
    path = GOLDEN / "co-quan-so-xay-dung.xml"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
