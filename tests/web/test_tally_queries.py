"""The tally's side tables stay true to the store as articles come and go."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from web_reports import hostile_report, story_reports

from newstally.model import Measure
from newstally.store import open_store
from newstally.tally.queries import ensure_keys, keyed_figures, series_index


def index(store) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    found, _ = series_index(store)
    return {f"{s.measure.value}/{s.group}/{s.place}": (s.figures, s.articles) for s in found}


def test_summary_follows_additions_and_deletions(tmp_path: Path) -> None:
    first, second, third = story_reports()
    with open_store(tmp_path / "keys.db") as store:
        store.add(first)
        assert ensure_keys(store) == 1
        assert index(store) == {"killed/North Korea/RU": (1, 1)}
        store.add(second)
        store.add(third)
        store.add(hostile_report())
        assert ensure_keys(store) == 4
        assert index(store) == {"killed/North Korea/RU": (3, 3), "killed/Guinea/GN": (1, 1)}
        store.backend.execute("DELETE FROM articles WHERE id = ?", (second.article.id,))
        assert ensure_keys(store) == 3
        assert index(store) == {"killed/North Korea/RU": (2, 2), "killed/Guinea/GN": (1, 1)}


def test_since_filter_and_exact_series(tmp_path: Path) -> None:
    with open_store(tmp_path / "keys.db") as store:
        for item in story_reports():
            store.add(item)
        ensure_keys(store)
        found, total = series_index(store, since=dt.date(2024, 12, 18))
        assert total == 1 and (found[0].figures, found[0].first) == (1, dt.date(2024, 12, 19))
        assert keyed_figures(store, measure=Measure.KILLED, group="North Korea", place=None,
                             exact=True) == []
        assert len(keyed_figures(store, measure=Measure.KILLED, group="North Korea",
                                 place="RU", exact=True)) == 3
