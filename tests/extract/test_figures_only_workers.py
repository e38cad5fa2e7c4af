"""The ledger mode reaches worker processes: two workers give the reports one process gives."""

from __future__ import annotations

import datetime as dt

from newstally.articles import ArticleInput
from newstally.extract.fastpath import FastExtractor
from newstally.extract.report import extract_batched

FLOOD = (
    "Floods in the valley\n"
    "The river rose overnight. Officials said 12 people were killed and 30 injured.\n"
    "\"We will rebuild every house,\" the mayor told reporters.\n"
)
ARTICLES = [
    ArticleInput(FLOOD, dt.date(2025, 3, 4)),
    ArticleInput("Rescuers said four miners were missing after the collapse.", None),
    ArticleInput(FLOOD.replace("12", "15"), dt.date(2025, 3, 5)),
]


def test_two_workers_give_the_figures_only_reports_of_one_process() -> None:
    in_process = list(extract_batched(ARTICLES, figures_only=True))
    with FastExtractor(n_process=2, figures_only=True) as extractor:
        from_workers = list(extractor.extract_many(ARTICLES))
    assert [r.to_json() for r in from_workers] == [r.to_json() for r in in_process]


def test_the_workers_leave_out_the_quote_full_mode_finds() -> None:
    with FastExtractor(n_process=2, figures_only=True) as extractor:
        ledger = list(extractor.extract_many(ARTICLES))
    full = list(extract_batched(ARTICLES))
    assert [q.text for q in full[0].quotes] == ["We will rebuild every house,"]
    assert ledger[0].quotes == []
    assert [f.count.low for f in ledger[0].figures] == [f.count.low for f in full[0].figures]
