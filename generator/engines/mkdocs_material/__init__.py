"""The MkDocs + mkdocs-material engine: the only code that imports MkDocs."""
