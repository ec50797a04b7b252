"""The site's content as typed, immutable data. No I/O here, and nothing of ours imported
from outside this package.

Front-matter field names are English (docs/front-matter.md); what users read is Vietnamese
and lives in the templates, in `vocab.py` and in `lifecycle.py`.
"""
from generator.model.charts import (ComparedValue, CompareChart, FiguresChart, Infographic, KeyFigure, Picture,
                                    SharePart, ShareChart)
from generator.model.config import (Agency, Contact, DocType, GlossaryTerm, Paths, PlainLanguage, Rules, SiteConfig,
                                    SiteInfo, Topic)
from generator.model.content import ContentPage
from generator.model.draft import (Channel, Consultation, Document, Draft, Outcome, Response,
                                   ResponseItem, Status, Translation, Version)
from generator.model.vocab import SETTABLE_STATUSES

__all__ = [
    "Agency", "Channel", "ComparedValue", "CompareChart", "Consultation", "Contact", "ContentPage", "DocType",
    "Document", "Draft", "FiguresChart", "GlossaryTerm", "Infographic", "KeyFigure", "Outcome", "Paths",
    "Picture", "PlainLanguage", "Response", "ResponseItem", "Rules", "SETTABLE_STATUSES", "SharePart",
    "ShareChart", "SiteConfig", "SiteInfo", "Status", "Topic", "Translation", "Version",
]
