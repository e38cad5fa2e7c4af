"""How long the series page takes with 10,000 and 1,000,000 stored figures.

Run by hand: `python bench/series_page.py` (or `--sizes 10000` for a quick run).

For each size it makes a temporary SQLite store through `open_store` (so the real schema and
migrations), then writes synthetic articles and figures straight into its tables with
`executemany` in one transaction: building a million pydantic Reports for `store.add` would
time the generator, not the page. Ten figures per article; four measures, forty groups (named
by varied aliases, so group normalisation is exercised), twenty countries, thirty sources over a
year; one figure in three repeats an earlier claim (a relay) so claims have many sightings.
One headline series, killed/North Korea/RU, gets 1% of the figures: the page we time is that
series, the largest, at /series/killed/North%20Korea/RU; a typical series and the series index
are timed too. The server is real (uvicorn on a free loopback port), the client is httpx; the
number reported is the median of several requests after one warm-up request. Keying the store
(`ensure_keys`, once per new article) is timed on its own.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from newstally.store import open_store
from newstally.store.records import FIGURE_COLUMNS
from newstally.tally.groups import group_table
from newstally.tally.queries import ensure_keys
from newstally.web import create_app

FIGURES_PER_ARTICLE = 10
MEASURES = ("killed", "injured", "missing", "displaced")
COUNTRIES = ("RU", "UA", "KP", "IL", "PS", "LB", "SY", "SD", "MM", "NG", "CD", "HT", "ET",
             "SO", "YE", "AF", "PK", "IQ", "CO", "MX")
SOURCES = [(f"Source {i}", kind) for i, kind in enumerate(
    ["government", "military", "official", "media", "ngo", "international"] * 5)]
HEADLINE = ("killed", "North Korean soldiers", "RU")
REQUESTS = 7


def aliases() -> list[str]:
    """Forty group names as articles write them: 'North Korean', 'DPRK', 'Kyiv', ..."""
    table = group_table()
    by_group: dict[str, list[str]] = {}
    for alias, canonical in table.aliases.items():
        by_group.setdefault(canonical, []).append(alias)
    return [names[0] for names in list(by_group.values())[:40]]


def figure_row(
    article: str, position: int, measure: str, group: str, country: str, day: str,
    source: tuple[str, str], low: int, start: int,
) -> tuple[object, ...]:
    words = str(low)
    record = {
        "id": f"f{position + 1}", "measure": measure,
        "count": {"low": low, "high": low, "approximate": False, "text": words},
        "subject": {"text": f"{group} people", "group": group, "role": None},
        "place": {"text": country, "country": country, "region": None},
        "period": None, "reported": day,
        "source": {"text": source[0], "name": source[0], "kind": source[1]},
        "via": [], "cue": "say", "status": "claimed", "hedges": [], "scope": None,
        "evidence": {"start": start, "end": start + len(words),
                     "sentence": {"start": start, "end": start + 40}},
    }
    columns = {
        "figure_id": record["id"], "measure": measure, "low": low, "high": low,
        "approximate": False, "count_text": words, "subject_text": f"{group} people",
        "subject_group": group, "subject_role": None, "place_text": country, "country": country,
        "region": None, "period_text": None, "period_start": None, "period_end": None,
        "reported": day, "source_text": source[0], "source_name": source[0],
        "source_kind": source[1], "via": "[]", "cue": "say", "status": "claimed",
        "hedges": "[]", "evidence_start": start, "evidence_end": start + len(words),
        "sentence_start": start, "sentence_end": start + 40, "scope": None,
    }
    return (article, position, *(columns[c] for c in FIGURE_COLUMNS), json.dumps(record))


def generate(path: Path, figures: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    groups = aliases()
    days = [f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)]
    earlier: list[tuple[str, str, str, str, tuple[str, str], int]] = []
    articles = figures // FIGURES_PER_ARTICLE
    columns = ("article_id", "position", *FIGURE_COLUMNS, "record")
    insert_figure = (f"INSERT INTO figures ({', '.join(columns)}) "
                     f"VALUES ({', '.join('?' for _ in columns)})")
    with open_store(path) as store:
        backend = store.backend
        with backend.transaction():
            batch_articles: list[tuple[object, ...]] = []
            batch_figures: list[tuple[object, ...]] = []
            for a in range(articles):
                article = f"{a:016x}"
                day = days[a * len(days) // articles]
                text_parts = []
                for position in range(FIGURES_PER_ARTICLE):
                    reported = day
                    if earlier and rng.random() < 1 / 3:
                        # A relay: an earlier claim retold, with the day it was first made.
                        measure, group, country, reported, source, low = rng.choice(
                            earlier[-500:]
                        )
                    elif rng.random() < 0.01:
                        measure, group, country = HEADLINE
                        source, low = rng.choice(SOURCES[:6]), rng.randint(10, 3000)
                    else:
                        measure, group = rng.choice(MEASURES), rng.choice(groups)
                        country = rng.choice(COUNTRIES)
                        source, low = rng.choice(SOURCES), rng.randint(1, 5000)
                    earlier.append((measure, group, country, reported, source, low))
                    start = sum(len(p) for p in text_parts)
                    sentence = f"{low} {group} people {measure}, {source[0]} said on {day}. "
                    text_parts.append(sentence)
                    batch_figures.append(figure_row(article, position, measure, group, country,
                                                    reported, source, low, start))
                text = f"Synthetic article {a}. " + "".join(text_parts)
                batch_articles.append((article, None, f"Synthetic {a}", "bench.example", "[]",
                                       day, "en", text, "{}", "2026-01-01T00:00:00+00:00"))
                if len(batch_figures) >= 50_000:
                    _flush(backend, batch_articles, batch_figures, insert_figure)
            _flush(backend, batch_articles, batch_figures, insert_figure)


def _flush(backend, batch_articles, batch_figures, insert_figure) -> None:  # type: ignore[no-untyped-def]
    backend.executemany(
        "INSERT INTO articles (id, url, title, outlet, authors, published, language, text,"
        " report, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_articles)
    backend.executemany(insert_figure, batch_figures)
    batch_articles.clear()
    batch_figures.clear()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def median_ms(client: httpx.Client, url: str) -> tuple[float, float, int]:
    """(first request ms, median of the next REQUESTS ms, page size in bytes)."""
    started = time.perf_counter()
    first = client.get(url)
    cold = (time.perf_counter() - started) * 1000
    first.raise_for_status()
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return cold, statistics.median(times), len(first.content)


def bench(figures: int, keep: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newstally-bench-") as folder:
        path = keep / f"bench-{figures}.db" if keep else Path(folder) / "bench.db"
        started = time.perf_counter()
        if not path.exists():
            generate(path, figures)
        generated = time.perf_counter() - started
        with open_store(path) as store:
            started = time.perf_counter()
            ensure_keys(store)
            keyed = time.perf_counter() - started
            counts = store.counts()
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(200):
                try:
                    client.get("/openapi.json")
                    break
                except httpx.HTTPError:
                    time.sleep(0.05)
            index = client.get("/api/series", params={"limit": 100}).json()
            typical = index["series"][len(index["series"]) // 2]["key"]
            headline_cold, headline_ms, headline_bytes = median_ms(
                client, "/series/killed/North%20Korea/RU"
            )
            typical_cold, typical_ms, _ = median_ms(client, f"/series/{typical}")
            index_cold, index_ms, _ = median_ms(client, "/series")
            _, api_ms, _ = median_ms(client, "/api/series/killed/North%20Korea/RU")
        server.should_exit = True
        thread.join(timeout=10)
        headline = next(s for s in index["series"] if s["key"] == "killed/North Korea/RU")
        result = {
            "figures": counts["figures"],
            "articles": counts["articles"],
            "series": index["total"],
            "generate_s": round(generated, 1),
            "ensure_keys_s": round(keyed, 1),
            "headline_figures": headline["figures"],
            "series_page_first_ms": round(headline_cold, 1),
            "series_page_ms": round(headline_ms, 1),
            "series_page_kb": round(headline_bytes / 1024),
            "typical_series_page_first_ms": round(typical_cold, 1),
            "typical_series_page_ms": round(typical_ms, 1),
            "series_index_page_first_ms": round(index_cold, 1),
            "series_index_page_ms": round(index_ms, 1),
            "series_api_ms": round(api_ms, 1),
        }
        print(json.dumps(result), flush=True)
        return result


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--keep", type=Path, help="Keep (and reuse) the databases in this folder.")
    args = parser.parse_args(argv)
    for size in args.sizes:
        bench(size, args.keep)


if __name__ == "__main__":
    main(sys.argv[1:])
