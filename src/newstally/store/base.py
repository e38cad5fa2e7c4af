"""The store's logic, written once over a small `Backend` that each database implements.

`Store` knows the tables and turns records into rows and back; a `Backend` knows one database:
how to connect, run a statement, open a transaction and record the schema version. SQL here is
portable (SQLite and PostgreSQL) and uses `?` placeholders; a backend whose driver wants `%s`
translates them. Every value reaches the database as a parameter, never inside SQL text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from importlib import resources
from types import TracebackType
from typing import Any

from newstally.errors import InputError, StoreError
from newstally.ingest import dedupe
from newstally.model import Article, Measure, Report
from newstally.store.records import FIGURE_COLUMNS, Copy, StoredFigure, figure_columns

Row = Mapping[str, Any]
Params = Sequence[object]

# The schema version that links near-duplicate articles (migrations/0002_copies.sql).
COPIES_SCHEMA = 2
# How a stored report was made (migrations/0003_mode.sql): the whole article, or the ledger
# mode's selected sentences (`extract.figures_only`).
FULL_MODE = "full"
FIGURES_ONLY_MODE = "figures-only"
# Stored articles compared with each new one: those sharing the most MinHash bands with it.
COPY_CANDIDATES = 50

_MIGRATION_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql\Z")


class Backend(ABC):
    """One database connection, as `Store` needs it. Implementations: `sqlite.SqliteBackend`."""

    #: What the user named (a path or URL), for error messages.
    name: str

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        """Run one statement for each parameter row."""

    @abstractmethod
    def query(self, sql: str, params: Params = ()) -> Iterator[Row]:
        """Run a SELECT; yield rows as mappings from column name to value."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Everything inside commits together or not at all."""

    @abstractmethod
    def schema_version(self) -> int:
        """The last migration applied; 0 for a new, empty database."""

    @abstractmethod
    def set_schema_version(self, version: int) -> None:
        """Record that `version` is applied; called inside the migration's transaction."""

    @abstractmethod
    def check_is_ours(self) -> None:
        """Raise StoreError if the database holds something other than a newstally store."""

    @abstractmethod
    def contains(self, column: str) -> str:
        """SQL that is true when `column` contains the next `?` parameter, ignoring case.
        The parameter is passed through `like_pattern`."""

    def migration_lock(self) -> AbstractContextManager[None]:
        """Held while the schema is checked and migrated, so two processes opening a new
        database do not both create its tables. SQLite's write lock already does this."""
        return nullcontext()

    def lock_copies(self) -> None:
        """Called inside a transaction before near-duplicates are looked up and indexed, so two
        writers adding copies of one story at once see each other's. SQLite's transactions
        already take the write lock at BEGIN (IMMEDIATE); PostgreSQL takes an advisory lock
        held to the end of the transaction."""
        return None

    @abstractmethod
    def close(self) -> None: ...


def like_pattern(fragment: str) -> str:
    """'50%' searched literally: escape LIKE's wildcards, then wrap in % (ESCAPE '\\')."""
    escaped = fragment.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def migrations() -> list[tuple[int, str]]:
    """The numbered SQL files in `store/migrations/`, in order: (version, sql)."""
    found: list[tuple[int, str]] = []
    for entry in resources.files("newstally.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [version for version, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"store migrations are not numbered 1..n: {versions}")
    return found


def statements(sql: str) -> list[str]:
    """Split a migration into statements: they end with ';' at a line end; '--' comments go."""
    lines = [line.split("--", 1)[0].rstrip() for line in sql.splitlines()]
    text = "\n".join(line for line in lines if line.strip())
    return [part.strip() for part in re.split(r";\s*(?:\n|\Z)", text) if part.strip()]


def migrate(backend: Backend) -> int:
    """Bring the schema up to date, one transaction per migration; return the version reached.
    A database written by a newer newstally is refused rather than guessed at."""
    with backend.migration_lock():
        return _migrate(backend)


def _migrate(backend: Backend) -> int:
    backend.check_is_ours()
    available = migrations()
    latest = available[-1][0]
    current = backend.schema_version()
    if current > latest:
        raise StoreError(
            f"{backend.name}: schema version {current} is newer than this newstally "
            f"understands ({latest}); upgrade newstally"
        )
    for version, sql in available:
        if version <= current:
            continue
        with backend.transaction():
            # read again under the write lock: another process opening the same new store
            # may have run this migration since the version was first read (SQLite takes its
            # lock at BEGIN IMMEDIATE, not before `schema_version`)
            if backend.schema_version() >= version:
                continue
            for statement in statements(sql):
                backend.execute(statement)
            backend.set_schema_version(version)
    return latest


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


class Store:
    """Articles and their extractions, keyed by content id, so storing twice is a no-op.

    >>> with open_store(tmp_path / "newstally.db") as store:   # doctest: +SKIP
    ...     store.add(report)
    True
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        before = backend.schema_version()
        self.schema_version = migrate(backend)
        if 0 < before < COPIES_SCHEMA <= self.schema_version:
            # Articles stored before copies were tracked are indexed once, now, oldest first,
            # so that articles added from here on link to the earliest copy.
            self.index_copies()

    # -- context manager ------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    # -- writing --------------------------------------------------------------------------

    def add(self, report: Report, *, figures_only: bool = False) -> bool:
        """Store a report and its rows in one transaction. False if the article was there.

        `figures_only` records that the ledger mode made the report. A full-mode report of an
        article stored in that mode replaces it (its figures, quotes and attributions; the
        article and its copy links stay): the fuller reading wins, never the other way round.
        """
        article = report.article
        payload = report.model_dump(mode="json", by_alias=True)
        del payload["article"]["text"]  # kept once, in articles.text
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        mode = FIGURES_ONLY_MODE if figures_only else FULL_MODE
        report_json = json.dumps(payload, ensure_ascii=False)
        with self.backend.transaction():
            inserted = self.backend.execute(
                "INSERT INTO articles (id, url, title, outlet, authors, published, language,"
                " text, report, ingested_at, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (
                    article.id,
                    article.url,
                    article.title,
                    article.outlet,
                    json.dumps(article.authors, ensure_ascii=False),
                    _iso(article.published),
                    article.language,
                    article.text,
                    report_json,
                    now,
                    mode,
                ),
            )
            if inserted:
                self._add_rows(report)
                self._link_copy(article.id, article.text)
                return True
            if figures_only:  # a ledger-mode report never replaces a stored one
                return False
            replaced = self.backend.execute(
                "UPDATE articles SET url = ?, title = ?, outlet = ?, authors = ?, published = ?,"
                " language = ?, report = ?, ingested_at = ?, mode = ? WHERE id = ? AND mode = ?",
                (
                    article.url,
                    article.title,
                    article.outlet,
                    json.dumps(article.authors, ensure_ascii=False),
                    _iso(article.published),
                    article.language,
                    report_json,
                    now,
                    FULL_MODE,
                    article.id,
                    FIGURES_ONLY_MODE,
                ),
            )
            if not replaced:  # stored in full mode already
                return False
            for table in ("figures", "quotes", "attributions"):
                self.backend.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            self._add_rows(report)
        return True

    def _link_copy(self, article_id: str, text: str) -> None:
        """Index the article's MinHash and, when an earlier stored article is a near-duplicate
        of it, record that article's canonical as the one this copies (see ingest/dedupe.py).

        Candidates are the articles sharing the most bands with it, at most COPY_CANDIDATES,
        so one story syndicated thousands of times does not make each add slower."""
        self.backend.lock_copies()
        values = dedupe.signature(text)
        if values is None:  # too short to link; the empty row marks it indexed
            self.backend.execute(
                "INSERT INTO article_minhash (article_id, signature) VALUES (?, '')", (article_id,)
            )
            return
        buckets = dedupe.bucket_keys(values)
        marks = ", ".join("?" for _ in buckets)
        candidates: dict[str, dedupe.Signature] = {}
        canonical: dict[str, str] = {}
        for row in self.backend.query(
            "SELECT m.article_id, m.signature, a.copy_of FROM ("
            " SELECT article_id, count(*) AS shared FROM article_buckets"
            f" WHERE bucket IN ({marks}) GROUP BY article_id"
            " ORDER BY shared DESC, article_id LIMIT ?) c"
            " JOIN article_minhash m ON m.article_id = c.article_id"
            " JOIN articles a ON a.id = c.article_id ORDER BY c.shared DESC, c.article_id",
            (*buckets, COPY_CANDIDATES),
        ):
            candidates[row["article_id"]] = dedupe.decode(row["signature"])
            canonical[row["article_id"]] = row["copy_of"] or row["article_id"]
        best = dedupe.closest(values, candidates)
        if best is not None:
            self.backend.execute(
                "UPDATE articles SET copy_of = ?, copy_similarity = ? WHERE id = ?",
                (canonical[best[0]], round(best[1], 4), article_id),
            )
        self.backend.execute(
            "INSERT INTO article_minhash (article_id, signature) VALUES (?, ?)",
            (article_id, dedupe.encode(values)),
        )
        self.backend.executemany(
            "INSERT INTO article_buckets (bucket, article_id) VALUES (?, ?)",
            [(bucket, article_id) for bucket in buckets],
        )

    def index_copies(self) -> int:
        """Link copies among articles stored before near-duplicates were indexed (schema 1),
        oldest publication first, so the earliest copy becomes canonical; return how many
        articles were indexed. Opening an upgraded store does this once."""
        pending = [
            row["id"]
            for row in self.backend.query(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_minhash)"
                " ORDER BY published IS NULL, published, id"
            )
        ]
        for article_id in pending:
            with self.backend.transaction():
                for row in self.backend.query(
                    "SELECT text FROM articles WHERE id = ?", (article_id,)
                ):
                    self._link_copy(article_id, row["text"])
        return len(pending)

    def copies(self) -> list[Copy]:
        """Every article stored as a near-duplicate of an earlier one, grouped by canonical."""
        return [
            Copy(
                article_id=row["id"],
                copy_of=row["copy_of"],
                similarity=float(row["copy_similarity"] or 0.0),
                published=_date(row["published"]),
                outlet=row["outlet"],
                title=row["title"],
            )
            for row in self.backend.query(
                "SELECT id, copy_of, copy_similarity, published, outlet, title FROM articles"
                " WHERE copy_of IS NOT NULL ORDER BY copy_of, published IS NULL, published, id"
            )
        ]

    def _add_rows(self, report: Report) -> None:
        article_id = report.article.id
        columns = ("article_id", "position", *FIGURE_COLUMNS, "record")
        self.backend.executemany(
            f"INSERT INTO figures ({', '.join(columns)})"
            f" VALUES ({', '.join('?' for _ in columns)})",
            [
                (
                    article_id,
                    position,
                    *figure_columns(figure).values(),
                    figure.model_dump_json(),
                )
                for position, figure in enumerate(report.figures)
            ],
        )
        self.backend.executemany(
            "INSERT INTO quotes (article_id, position, speaker, speaker_description, addressee,"
            " text, direct, evidence_start, evidence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    position,
                    quote.speaker,
                    quote.speaker_description,
                    quote.to,
                    quote.text,
                    quote.direct,
                    quote.evidence.start,
                    quote.evidence.end,
                )
                for position, quote in enumerate(report.quotes)
            ],
        )
        self.backend.executemany(
            "INSERT INTO attributions (article_id, position, source_text, source_name,"
            " source_kind, cue, content_start, content_end, cue_start, cue_end, source_start,"
            " source_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    position,
                    item.source.text,
                    item.source.name,
                    item.source.kind.value,
                    item.cue,
                    item.content.start,
                    item.content.end,
                    item.cue_span.start if item.cue_span else None,
                    item.cue_span.end if item.cue_span else None,
                    item.source_span.start if item.source_span else None,
                    item.source_span.end if item.source_span else None,
                )
                for position, item in enumerate(report.attributions)
            ],
        )

    # -- reading --------------------------------------------------------------------------

    def has(self, article_id: str, *, full: bool = False) -> bool:
        """Whether the article is stored; with `full`, only a full-mode report counts (an
        ingest in full mode redoes the articles the ledger mode stored)."""
        sql = "SELECT 1 AS found FROM articles WHERE id = ?"
        params: tuple[str, ...] = (article_id,)
        if full:
            sql, params = sql + " AND mode = ?", (article_id, FULL_MODE)
        return any(True for _ in self.backend.query(sql, params))

    def mode(self, article_id: str) -> str | None:
        """How the article's report was made (FULL_MODE or FIGURES_ONLY_MODE), None if absent."""
        for row in self.backend.query("SELECT mode FROM articles WHERE id = ?", (article_id,)):
            return str(row["mode"])
        return None

    def report(self, article_id: str) -> Report | None:
        """The report as it was added, or None if the article is not stored."""
        for row in self.backend.query(
            "SELECT text, report FROM articles WHERE id = ?", (article_id,)
        ):
            return self._report(row)
        return None

    @staticmethod
    def _report(row: Row) -> Report:
        payload = json.loads(row["report"])
        payload["article"]["text"] = row["text"]
        return Report.model_validate(payload)

    def reports(self) -> Iterator[Report]:
        """Every stored report, oldest publication first (undated last)."""
        ids = [
            row["id"]
            for row in self.backend.query(
                "SELECT id FROM articles ORDER BY published IS NULL, published, id"
            )
        ]
        # One query per report keeps memory flat and lets the caller write while iterating.
        for article_id in ids:
            report = self.report(article_id)
            if report is not None:
                yield report

    def articles(
        self, *, search: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Article]:
        """Stored articles, newest first; `search` is a case-insensitive substring of the text
        or title, matched literally ('50%' finds '50%', not '50 people')."""
        where, params = "", []
        if search:
            pattern = like_pattern(search)
            where = f" WHERE {self.backend.contains('text')} OR {self.backend.contains('title')}"
            params = [pattern, pattern]
        rows = self.backend.query(
            "SELECT id, url, title, outlet, authors, published, language, text FROM articles"
            f"{where} ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
            (*params, max(0, limit), max(0, offset)),
        )
        return [
            Article(
                id=row["id"],
                url=row["url"],
                title=row["title"],
                outlet=row["outlet"],
                authors=json.loads(row["authors"]),
                published=_date(row["published"]),
                language=row["language"],
                text=row["text"],
            )
            for row in rows
        ]

    def figures(
        self,
        *,
        measure: Measure | str | None = None,
        group: str | None = None,
        place: str | None = None,
        since: dt.date | None = None,
        article_id: str | None = None,
        limit: int | None = None,
    ) -> list[StoredFigure]:
        """Figures matching every filter given, oldest article first, in text order.

        `group` matches the subject's group ignoring case; `place` matches an ISO country code
        or part of the place's name or region; `since` keeps figures reported (or, when the
        report date is unknown, published) on or after that day.
        """
        clauses: list[str] = []
        params: list[object] = []
        if measure is not None:
            try:
                chosen = Measure(measure)
            except ValueError as exc:
                known = ", ".join(m.value for m in Measure)
                raise InputError(f"{measure!r} is not a measure (use one of {known})") from exc
            clauses.append("f.measure = ?")
            params.append(chosen.value)
        if group:
            clauses.append("lower(f.subject_group) = lower(?)")
            params.append(group)
        if place:
            pattern = like_pattern(place)
            contains = self.backend.contains
            clauses.append(
                f"(upper(f.country) = upper(?) OR {contains('f.place_text')}"
                f" OR {contains('f.region')})"
            )
            params.extend([place, pattern, pattern])
        if since is not None:
            clauses.append("COALESCE(f.reported, a.published) >= ?")
            params.append(since.isoformat())
        if article_id is not None:
            clauses.append("f.article_id = ?")
            params.append(article_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        tail = ""
        if limit is not None:
            tail = " LIMIT ?"
            params.append(max(0, limit))
        rows = self.backend.query(
            "SELECT f.article_id, f.record, a.published, a.outlet, a.url, a.title, a.copy_of"
            " FROM figures f JOIN articles a ON a.id = f.article_id"
            f"{where} ORDER BY a.published IS NULL, a.published, f.article_id, f.position{tail}",
            params,
        )
        return [
            StoredFigure.model_validate(
                {
                    "article_id": row["article_id"],
                    "published": _date(row["published"]),
                    "outlet": row["outlet"],
                    "url": row["url"],
                    "title": row["title"],
                    "copy_of": row["copy_of"],
                    "figure": json.loads(row["record"]),
                }
            )
            for row in rows
        ]

    def counts(self) -> dict[str, int]:
        """How many rows each table holds."""
        result: dict[str, int] = {}
        for table in ("articles", "figures", "quotes", "attributions"):
            for row in self.backend.query(f"SELECT count(*) AS n FROM {table}"):
                result[table] = int(row["n"])
        return result
