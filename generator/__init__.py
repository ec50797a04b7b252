"""policyhub: Markdown drafts with YAML metadata in, an accessible static policy hub out."""

__version__ = "0.1.0"
