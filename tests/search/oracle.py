"""What the content of the drafts says a query should find first, independent of lunr.

For a query, the drafts that have every query word (folded) somewhere in what is indexed;
if the query has words typed with marks, those of them that have the most of these words
exactly as typed; among those, the drafts that have every word in the title, if any. The
top result must be one of them. Nothing here reads the index.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from generator.outputs.search import folding
from generator.outputs.search import index as search_index
from generator.build import Options, load_and_validate, make_plan

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def queries() -> list[dict]:
    return json.loads((HERE / "queries.json").read_text(encoding="utf-8"))


def plan_of(config: Path, today: str = "2026-11-22"):
    checked = load_and_validate(Options(config_path=config, today=dt.date.fromisoformat(today), quiet=True))
    assert not checked.report.errors
    return make_plan(checked)


@dataclass(frozen=True)
class DraftWords:
    title: str
    title_words: frozenset[str]      # exact forms
    all_words: frozenset[str]        # exact forms of everything indexed


def draft_words(plan) -> list[DraftWords]:
    """In the order of du-lieu.json (a result's ref is a position in this list, in hex)."""
    out = []
    for view in plan.drafts:
        draft = view.draft
        texts = [draft.title, draft.summary, *draft.affected, *draft.key_questions, view.agency.name,
                 view.agency.short, *(t.name for t in view.topics), *draft.tags,
                 *search_index.body_headings(draft.body)]
        words = frozenset(w for text in texts for w in folding.tokens(text))
        out.append(DraftWords(draft.title, frozenset(folding.tokens(draft.title)), words))
    return out


def expected_top(query: str, drafts: list[DraftWords]) -> set[int]:
    """Positions of the drafts one of which must come first; empty when none has all words."""
    words = list(dict.fromkeys(folding.tokens(query)))
    folded = {folding.fold(w) for w in words}
    marked = [w for w in words if folding.fold(w) != w]

    def has_all(vocabulary):
        return folded <= {folding.fold(w) for w in vocabulary}

    candidates = [i for i, d in enumerate(drafts) if has_all(d.all_words)]
    if marked and candidates:
        best = max(sum(w in drafts[i].all_words for w in marked) for i in candidates)
        candidates = [i for i in candidates if sum(w in drafts[i].all_words for w in marked) == best]
    in_title = [i for i in candidates if has_all(drafts[i].title_words)]
    return set(in_title or candidates)
