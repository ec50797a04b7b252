"""Site URLs. Pages are addressed as folders ("du-thao/hoc-phi/"); every link written into a
page is relative and names index.html, so the output works at a domain root, under a
sub-path and opened from disk. Absolute URLs (feeds, sitemap, share tags) come from the
base URL."""
from __future__ import annotations


def file_of(url: str) -> str:
    """The file that serves a URL: "du-thao/x/" -> "du-thao/x/index.html"."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def relative(target: str, from_url: str) -> str:
    """Link from the page at `from_url` to `target` (a page URL or a file path)."""
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    folder = from_url if from_url.endswith("/") else from_url.rpartition("/")[0]
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth + file_of(target) + fragment


def absolute(target: str, base_url: str) -> str:
    return base_url + target
