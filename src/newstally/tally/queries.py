"""SQL for the tally and the web UI: series keys kept in a side table so a page reads one series.

The tally groups figures by canonical subject group and country, which are worked out in Python
(alias table, per-article country inheritance). Doing that for a million figures on every page
view is too slow, so `ensure_keys` stores each figure's (measure, group, country, day) once in
`tally_keys`, filling in only articles added since, and the queries below filter and aggregate
on that indexed table. The table is derived data: dropping it loses nothing, and it is rebuilt
when the alias table or the rule (`KEYS_VERSION`) changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newstally.aliases import table_digest
from newstally.model import Figure, Measure
from newstally.store.base import Store, _date
from newstally.store.records import StoredFigure
from newstally.tally.claims import inherit_countries
from newstally.tally.groups import group_of

# Bump when `group_of` or `inherit_countries` changes what they return.
KEYS_VERSION = "2"
# Articles keyed per transaction: bounds memory and the size of an IN (...) list.
KEY_CHUNK = 500
# The longest sentence a tooltip shows; sentences are hostile text of any length.
MAX_SENTENCE_CHARS = 600

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS tally_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS tally_articles ("
    " article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE)",
    "CREATE TABLE IF NOT EXISTS tally_keys ("
    " article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL, measure TEXT NOT NULL, grp TEXT, place TEXT, day TEXT,"
    " PRIMARY KEY (article_id, position))",
    "CREATE INDEX IF NOT EXISTS tally_keys_series ON tally_keys (measure, grp, place, day)",
    # One row per series, kept up to date as articles are keyed, so the series index does not
    # group a million rows per request. '' stands for an unknown group or place here, because
    # NULLs never conflict in a primary key.
    "CREATE TABLE IF NOT EXISTS tally_series ("
    " measure TEXT NOT NULL, grp TEXT NOT NULL, place TEXT NOT NULL,"
    " figures INTEGER NOT NULL, articles INTEGER NOT NULL, first TEXT, last TEXT,"
    " PRIMARY KEY (measure, grp, place))",
)
_SUMMARY_UPSERT = (
    "INSERT INTO tally_series AS s (measure, grp, place, figures, articles, first, last)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (measure, grp, place) DO UPDATE SET"
    # The old row's columns are qualified: PostgreSQL finds a bare name ambiguous here.
    " figures = s.figures + excluded.figures, articles = s.articles + excluded.articles,"
    " first = CASE WHEN s.first IS NULL THEN excluded.first WHEN excluded.first IS NULL"
    " THEN s.first WHEN excluded.first < s.first THEN excluded.first ELSE s.first END,"
    " last = CASE WHEN s.last IS NULL THEN excluded.last WHEN excluded.last IS NULL"
    " THEN s.last WHEN excluded.last > s.last THEN excluded.last ELSE s.last END"
)


@dataclass(frozen=True)
class SeriesSummary:
    """One series as the index lists it: counted in SQL, without its claims."""

    measure: Measure
    group: str | None
    place: str | None
    figures: int
    articles: int
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True)
class KeyedFigure:
    """A stored figure with the series keys `ensure_keys` gave it."""

    stored: StoredFigure
    group: str | None
    place: str | None
    day: dt.date | None


def _keys_version() -> str:
    return f"{KEYS_VERSION}:{table_digest()}"


def ensure_keys(store: Store) -> int:
    """Key every article not keyed yet; return how many articles the store holds.

    The count doubles as a cheap version of the store for caches: it changes when articles
    are added or deleted."""
    backend = store.backend
    with backend.migration_lock():  # two processes may create the tables at once
        for statement in _SCHEMA:
            backend.execute(statement)
    version = _keys_version()
    stored = [
        row["value"] for row in backend.query("SELECT value FROM tally_meta WHERE name = 'keys'")
    ]
    if stored != [version]:
        with backend.transaction():
            backend.execute("DELETE FROM tally_keys")
            backend.execute("DELETE FROM tally_articles")
            backend.execute("DELETE FROM tally_series")
            backend.execute("DELETE FROM tally_meta WHERE name = 'keys'")
            backend.execute("INSERT INTO tally_meta (name, value) VALUES ('keys', ?)", (version,))
    counts = next(
        iter(
            backend.query(
                "SELECT (SELECT count(*) FROM articles) AS stored,"
                " (SELECT count(*) FROM tally_articles) AS keyed"
            )
        )
    )
    remembered = [
        int(row["value"])
        for row in backend.query("SELECT value FROM tally_meta WHERE name = 'keyed'")
    ]
    if remembered and remembered[0] > counts["keyed"]:
        _rebuild_summary(store)  # articles were deleted: their series counts must go down
    if counts["stored"] == counts["keyed"]:
        if remembered != [counts["keyed"]]:
            _remember_keyed(store, int(counts["keyed"]))
        return int(counts["stored"])
    missing = [
        row["id"]
        for row in backend.query(
            "SELECT a.id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM tally_articles t WHERE t.article_id = a.id)"
        )
    ]
    for start in range(0, len(missing), KEY_CHUNK):
        _key_articles(store, missing[start : start + KEY_CHUNK])
    _remember_keyed(store, int(counts["stored"]))
    return int(counts["stored"])


def _remember_keyed(store: Store, keyed: int) -> None:
    with store.backend.transaction():
        store.backend.execute("DELETE FROM tally_meta WHERE name = 'keyed'")
        store.backend.execute(
            "INSERT INTO tally_meta (name, value) VALUES ('keyed', ?)", (str(keyed),)
        )


def _rebuild_summary(store: Store) -> None:
    with store.backend.transaction():
        store.backend.execute("DELETE FROM tally_series")
        store.backend.execute(
            "INSERT INTO tally_series (measure, grp, place, figures, articles, first, last)"
            " SELECT measure, COALESCE(grp, ''), COALESCE(place, ''), count(*),"
            " count(DISTINCT article_id), min(day), max(day) FROM tally_keys"
            " GROUP BY measure, COALESCE(grp, ''), COALESCE(place, '')"
        )


def _key_articles(store: Store, article_ids: Sequence[str]) -> None:
    backend = store.backend
    marks = ", ".join("?" for _ in article_ids)
    rows = list(
        backend.query(
            "SELECT f.article_id, f.position, f.measure, f.subject_group, f.subject_text,"
            " f.country, COALESCE(f.reported, a.published) AS day"
            " FROM figures f JOIN articles a ON a.id = f.article_id"
            f" WHERE f.article_id IN ({marks})",
            tuple(article_ids),
        )
    )
    groups = [group_of(row["subject_group"], row["subject_text"]) for row in rows]
    places = inherit_countries(
        [
            (row["article_id"], row["measure"], group, row["country"])
            for row, group in zip(rows, groups, strict=True)
        ]
    )
    with backend.transaction():
        backend.executemany(
            "INSERT INTO tally_keys (article_id, position, measure, grp, place, day)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, position) DO NOTHING",
            [
                (row["article_id"], row["position"], row["measure"], group, place, row["day"])
                for row, group, place in zip(rows, groups, places, strict=True)
            ],
        )
        backend.executemany(
            "INSERT INTO tally_articles (article_id) VALUES (?) ON CONFLICT DO NOTHING",
            [(article_id,) for article_id in article_ids],
        )
        backend.executemany(_SUMMARY_UPSERT, _summarise(rows, groups, places))


def _summarise(
    rows: Sequence[Any], groups: Sequence[str | None], places: Sequence[str | None]
) -> list[tuple[object, ...]]:
    """Per series in a chunk of articles: figures, distinct articles, first and last day."""
    figures: dict[tuple[str, str, str], int] = {}
    articles: dict[tuple[str, str, str], set[str]] = {}
    days: dict[tuple[str, str, str], list[str]] = {}
    for row, group, place in zip(rows, groups, places, strict=True):
        key = (row["measure"], group or "", place or "")
        figures[key] = figures.get(key, 0) + 1
        articles.setdefault(key, set()).add(row["article_id"])
        if row["day"]:
            days.setdefault(key, []).append(row["day"])
    summary: list[tuple[object, ...]] = []
    for key, count in figures.items():
        seen = days.get(key)
        first, last = (min(seen), max(seen)) if seen else (None, None)
        summary.append((*key, count, len(articles[key]), first, last))
    return summary


def _where(
    measure: Measure | None,
    group: str | None,
    place: str | None,
    since: dt.date | None,
    *,
    exact: bool = False,
) -> tuple[str, list[object]]:
    """SQL conditions on tally_keys k. With `exact`, None means 'unknown' (IS NULL), else 'any'."""
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (
        ("k.measure", measure.value if measure else None),
        ("k.grp", group),
        ("k.place", place),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
        elif exact and column != "k.measure":
            clauses.append(f"{column} IS NULL")
    if since is not None:
        clauses.append("k.day >= ?")
        params.append(since.isoformat())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def series_index(
    store: Store,
    *,
    measure: Measure | None = None,
    group: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[SeriesSummary], int]:
    """A page of series (most figures first) and how many series match in all."""
    if since is not None:
        return _series_index_since(store, measure, group, place, since, limit, offset)
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (
        ("measure", measure.value if measure else None),
        ("grp", group),
        ("place", place),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = next(
        iter(store.backend.query(f"SELECT count(*) AS n FROM tally_series{where}", params))
    )["n"]
    rows = store.backend.query(
        f"SELECT measure, grp, place, figures, articles, first, last FROM tally_series{where}"
        " ORDER BY figures DESC, measure, grp, place LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    )
    return [
        SeriesSummary(
            Measure(row["measure"]),
            row["grp"] or None,
            row["place"] or None,
            int(row["figures"]),
            int(row["articles"]),
            _date(row["first"]),
            _date(row["last"]),
        )
        for row in rows
    ], int(total)


def _series_index_since(
    store: Store,
    measure: Measure | None,
    group: str | None,
    place: str | None,
    since: dt.date,
    limit: int,
    offset: int,
) -> tuple[list[SeriesSummary], int]:
    """The index for claims since a day: grouped from tally_keys, as the summary cannot say."""
    where, params = _where(measure, group, place, since)
    grouped = f"FROM tally_keys k{where} GROUP BY k.measure, k.grp, k.place"
    total = next(
        iter(
            store.backend.query(
                f"SELECT count(*) AS n FROM (SELECT 1 AS one {grouped}) AS s", params
            )
        )
    )["n"]
    rows = store.backend.query(
        "SELECT k.measure, k.grp, k.place, count(*) AS figures,"
        " count(DISTINCT k.article_id) AS articles, min(k.day) AS first, max(k.day) AS last"
        f" {grouped} ORDER BY figures DESC, k.measure, k.grp, k.place LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    )
    return [
        SeriesSummary(
            Measure(row["measure"]),
            row["grp"],
            row["place"],
            int(row["figures"]),
            int(row["articles"]),
            _date(row["first"]),
            _date(row["last"]),
        )
        for row in rows
    ], int(total)


def keyed_figures(
    store: Store,
    *,
    measure: Measure | None = None,
    group: str | None = None,
    place: str | None = None,
    since: dt.date | None = None,
    exact: bool = False,
    limit: int = 10_000,
    offset: int = 0,
) -> list[KeyedFigure]:
    """Figures by series keys, newest day first, with their keys.

    `exact=True` reads one series: group or place None then means 'unknown', not 'any'.
    """
    where, params = _where(measure, group, place, since, exact=exact)
    rows = store.backend.query(
        "SELECT k.grp, k.place, k.day, f.article_id, f.record, a.published, a.outlet, a.url,"
        " a.title, a.copy_of FROM tally_keys k"
        " JOIN figures f ON f.article_id = k.article_id AND f.position = k.position"
        f" JOIN articles a ON a.id = k.article_id{where}"
        " ORDER BY k.day IS NULL, k.day DESC, k.article_id, k.position LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    )
    # The record is validated straight from its JSON text (pydantic-core parses it), and the
    # StoredFigure around it is built without validating the figure a second time.
    return [
        KeyedFigure(
            StoredFigure.model_construct(
                article_id=row["article_id"],
                published=_date(row["published"]),
                outlet=row["outlet"],
                url=row["url"],
                title=row["title"],
                copy_of=row["copy_of"],
                figure=Figure.model_validate_json(row["record"]),
            ),
            row["grp"],
            row["place"],
            _date(row["day"]),
        )
        for row in rows
    ]


def sentences(store: Store, figures: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The sentence around each (article id, figure id), cut at MAX_SENTENCE_CHARS."""
    wanted = set(figures)
    if not wanted:
        return {}
    articles = sorted({article for article, _ in wanted})
    found: dict[tuple[str, str], str] = {}
    for start in range(0, len(articles), KEY_CHUNK):
        chunk = articles[start : start + KEY_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows: Iterable[Any] = store.backend.query(
            # CASE rather than a two-argument min(), which PostgreSQL spells least().
            "SELECT f.article_id, f.figure_id, substr(a.text, f.sentence_start + 1,"
            " CASE WHEN f.sentence_end - f.sentence_start < ? THEN f.sentence_end"
            " - f.sentence_start ELSE ? END) AS sentence"
            " FROM figures f JOIN articles a ON a.id = f.article_id"
            f" WHERE f.article_id IN ({marks})",
            (MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, *chunk),
        )
        for row in rows:
            key = (row["article_id"], row["figure_id"])
            if key in wanted:
                found[key] = row["sentence"]
    return found
