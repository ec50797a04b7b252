"""Golden files: the main content of one draft page and of the home page, built with the
clock frozen. After a deliberate change, refresh them with
UPDATE_GOLDEN=1 scripts/test.sh tests/sites/test_golden.py and read the diff before committing."""
import os
from pathlib import Path

import pytest

from tests.site.html_tools import main_content

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("page, golden", [
    ("du-thao/hoc-phi-2027-2028/index.html", "draft-hoc-phi-2027-2028.html"),
    ("du-thao/phi-su-dung-long-duong-he-pho/index.html", "draft-phi-su-dung-long-duong-he-pho.html"),
    ("index.html", "home.html"),
])
def test_main_content_matches_the_golden_file(example_build, page, golden):
    actual = main_content(example_build / page)
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
