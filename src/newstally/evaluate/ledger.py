"""Score the tally against a ledger a researcher built by hand: one story, many articles.

The extraction's gold (gold.py) checks one article at a time; a researcher judges the ledger:
who said what number when, merged across the outlets that carried it. A story folder holds
articles (`NN-outlet.txt` with `.meta.json` sidecars) and `ledger.gold.json`:

    {"claims": [{"id": "army-412-rebels", "measure": "killed", "low": 412, "high": 412,
                 "group": "M23 fighters", "source": "Congolese army",
                 "source_aliases": ["army", "Lt. Col. Patrick Mwamba"],
                 "reported": "2026-03-04", "articles": ["07-cpa", "08-harbor"]}]}

A gold claim's *candidates* are the tally claims with an accepted measure, the same low and high,
and a sighting in one of the claim's articles. Per story (`MEASURES` says it in words):

- found: the claim has a candidate;
- source: a candidate shows the claim's source (its name or an alias; case, punctuation and a
  leading "the" ignored);
- day: a candidate is reported on the claim's day (`null` in the gold: a candidate with no day);
- merged, for claims carried by 2+ articles: one candidate holds sightings from every listed
  article in which the tally found the claim (in any candidate);
- one series, per gold quantity (measure, group): one series holds a candidate of each found
  claim of the quantity and is not the only series of a found claim of another quantity.

Scoring is pure (`score_story` over `TallyClaim`s, read from the tally by `tally_claims`);
`ingest_articles` is the one place that puts articles into the store, so the way they get there
can change without touching the scores.

    python -m newstally.evaluate.ledger samples/stories/*/ [--json] [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from newstally.errors import InputError, NewstallyError
from newstally.model import Measure

if TYPE_CHECKING:
    from spacy.language import Language

    from newstally.store import Store
    from newstally.tally import Tally

GOLD_NAME = "ledger.gold.json"
# A ledger of a few hundred claims is a few hundred kB; anything bigger is not one.
MAX_GOLD_BYTES = 5_000_000

MEASURES = {
    "found": "a tally claim with an accepted measure and the same low/high has a sighting in one "
    "of the claim's articles",
    "source": "... and shows the claim's source (name or alias, case-insensitive)",
    "day": "... and is reported on the claim's day (no day in the gold: a claim with no day)",
    "merged": "claims in 2+ articles: one matching tally claim holds the sightings of every "
    "article where any matching tally claim was seen",
    "one series": "quantities (measure, group): one series holds a match of each found claim "
    "and is not the only series of another quantity's claim",
}


class GoldFileError(InputError):
    """A ledger gold file or story folder is unusable; `path` names it, `problem` says why."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


# --- the gold -------------------------------------------------------------------------------


class LedgerRecord(BaseModel):
    """Gold records: plain data; an unknown key is an error, so a typo fails loudly."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldClaim(LedgerRecord):
    """One source's statement of one count, as the researcher logged it."""

    id: str = Field(min_length=1)
    #: The measures accepted for it, first the one that names its quantity.
    measure: tuple[Measure, ...] = Field(min_length=1)
    low: int | None = Field(ge=0)
    high: int | None = Field(ge=0)
    group: str | None
    source: str = Field(min_length=1)
    source_aliases: tuple[str, ...] = ()
    reported: dt.date | None
    #: File stems of the story's articles that carry the claim ("07-cpa").
    articles: tuple[str, ...] = Field(min_length=1)

    @field_validator("measure", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _ordered(self) -> GoldClaim:
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(f"claim {self.id!r}: high {self.high} is below low {self.low}")
        return self

    @property
    def quantity(self) -> tuple[Measure, str]:
        """What real quantity the claim counts: its first measure and its group."""
        return (self.measure[0], " ".join((self.group or "").casefold().split()))


class LedgerGold(LedgerRecord):
    """A story's ledger: every claim a careful reader finds in its articles."""

    claims: tuple[GoldClaim, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> LedgerGold:
        seen: set[str] = set()
        for claim in self.claims:
            if claim.id in seen:
                raise ValueError(f"claim id {claim.id!r} is used twice")
            seen.add(claim.id)
        return self


def load_gold(path: Path) -> LedgerGold:
    """Read and validate a ledger gold file; any problem is a GoldFileError naming the file."""
    try:
        if path.stat().st_size > MAX_GOLD_BYTES:
            raise GoldFileError(path, f"is over {MAX_GOLD_BYTES:,} bytes; not a ledger gold file")
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldFileError(path, "no such ledger gold file") from exc
    except OSError as exc:
        raise GoldFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFileError(path, f"is not valid JSON ({exc})") from exc
    try:
        return LedgerGold.model_validate(raw)
    except ValidationError as exc:
        raise GoldFileError(path, _first_problem(exc, raw)) from exc


def _first_problem(exc: ValidationError, raw: object) -> str:
    """'claims[3] (army-412-rebels).sourc: unknown key' from pydantic's first error."""
    error = exc.errors()[0]
    where = error["loc"]
    parts: list[str] = []
    for step in where:
        if isinstance(step, int) and parts:
            parts[-1] += f"[{step}]"
            claims = raw.get("claims") if isinstance(raw, dict) else None
            if where[0] == "claims" and isinstance(claims, list) and step < len(claims):
                entry = claims[step]
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    parts[-1] += f" ({entry['id']})"
        else:
            parts.append(str(step))
    field = ".".join(parts) or "the file"
    if error["type"] == "extra_forbidden":
        return f"{field}: unknown key"
    return f"{field}: {error['msg']}"


# --- what the tally says, as the scores read it ---------------------------------------------


@dataclass(frozen=True)
class TallyClaim:
    """A tally claim reduced to what a ledger check reads; `articles` are file stems."""

    id: str
    series: str
    measure: Measure
    low: int | None
    high: int | None
    #: The words naming the claim's shown source (its normalised name and its text).
    source: tuple[str, ...]
    reported: dt.date | None
    articles: frozenset[str]


def tally_claims(result: Tally, stems: Mapping[str, str]) -> list[TallyClaim]:
    """Read a tally's claims for scoring; `stems` maps article ids to file stems.

    >>> tally_claims(tally(store.figures()), {"3f2a...": "07-cpa"})[0].articles  # doctest: +SKIP
    frozenset({'07-cpa'})
    """
    claims: list[TallyClaim] = []
    for series in result.series:
        for claim in series.claims:
            words = tuple(w for w in (claim.source.name, claim.source.text) if w)
            claims.append(
                TallyClaim(
                    id=claim.id,
                    series=series.key,
                    measure=claim.measure,
                    low=claim.count.low,
                    high=claim.count.high,
                    source=words,
                    reported=claim.reported,
                    articles=frozenset(stems.get(s.article, s.article) for s in claim.sightings),
                )
            )
    return claims


# --- scores ---------------------------------------------------------------------------------


class Ratio(BaseModel):
    """hits out of total; `value` is None when nothing was scored."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def shown(self) -> str:
        value = self.value
        return f"{self.hits:3d}/{self.total:<3d} " + ("  -  " if value is None else f"{value:.2f}")


class ClaimResult(BaseModel):
    """How one gold claim fared; None where a check does not apply."""

    id: str
    found: bool
    source: bool
    day: bool
    #: Gold claims carried by 2+ articles only.
    merged: bool | None
    #: The claim's articles in which a matching tally claim was seen.
    found_in: list[str]
    #: The matching tally claims (ids) and the series they are in.
    matches: list[str]
    series: list[str]
    #: What the matching tally claims show, for reading a miss.
    shown_sources: list[str]
    shown_days: list[dt.date | None]


class QuantityResult(BaseModel):
    """One gold quantity (measure, group) and whether its claims sit in one series."""

    measure: Measure
    group: str
    claims: list[str]
    found: int
    series: str | None
    in_one_series: bool


class StoryScore(BaseModel):
    """The five ledger measures for one story, with the per-claim results behind them."""

    story: str
    articles: int
    tally_claims: int
    tally_series: int
    found: Ratio
    source: Ratio
    day: Ratio
    merged: Ratio
    one_series: Ratio
    #: Merged claims the tally found in only one of their articles (merged trivially).
    merged_in_one_article: int
    claims: list[ClaimResult]
    quantities: list[QuantityResult]


_NOISE = re.compile(r"[^\w\s]")


def source_words(name: str) -> str:
    """'The U.N. Office' and 'UN office' compare equal: case, punctuation, a leading 'the'."""
    words = _NOISE.sub("", name.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def candidates(gold: GoldClaim, claims: Iterable[TallyClaim]) -> list[TallyClaim]:
    """Tally claims with an accepted measure, the same low/high, seen in one of its articles."""
    articles = set(gold.articles)
    return [
        c
        for c in claims
        if c.measure in gold.measure
        and c.low == gold.low
        and c.high == gold.high
        and not articles.isdisjoint(c.articles)
    ]


def names_source(claim: TallyClaim, gold: GoldClaim) -> bool:
    """Whether the tally claim shows the gold claim's source under its name or an alias."""
    wanted = {source_words(n) for n in (gold.source, *gold.source_aliases)} - {""}
    return any(source_words(words) in wanted for words in claim.source)


def score_claim(gold: GoldClaim, claims: Sequence[TallyClaim]) -> ClaimResult:
    """Check one gold claim against the tally's claims (see the module's docstring)."""
    matches = candidates(gold, claims)
    articles = set(gold.articles)
    seen_in: set[str] = set()
    for claim in matches:
        seen_in |= claim.articles
    found_in = sorted(seen_in & articles)
    merged = None
    if len(articles) >= 2:
        merged = bool(matches) and any(set(found_in) <= c.articles for c in matches)
    return ClaimResult(
        id=gold.id,
        found=bool(matches),
        source=any(names_source(c, gold) for c in matches),
        day=any(c.reported == gold.reported for c in matches),
        merged=merged,
        found_in=found_in,
        matches=[c.id for c in matches],
        series=sorted({c.series for c in matches}),
        shown_sources=sorted({c.source[0] if c.source else "-" for c in matches}),
        shown_days=sorted({c.reported for c in matches}, key=lambda d: d or dt.date.min),
    )


def score_quantities(gold: LedgerGold, results: Mapping[str, ClaimResult]) -> list[QuantityResult]:
    """Per gold quantity, a series that holds all its found claims and no other's alone."""
    by_quantity: dict[tuple[Measure, str], list[GoldClaim]] = {}
    for claim in gold.claims:
        by_quantity.setdefault(claim.quantity, []).append(claim)
    # A series is taken by a quantity when one of its found claims is seen in that series only.
    taken: dict[str, set[tuple[Measure, str]]] = {}
    for claim in gold.claims:
        series = results[claim.id].series
        if len(series) == 1:
            taken.setdefault(series[0], set()).add(claim.quantity)
    quantities: list[QuantityResult] = []
    for key, members in by_quantity.items():
        found = [results[m.id] for m in members if results[m.id].found]
        common = set(found[0].series).intersection(*(r.series for r in found)) if found else set()
        pure = sorted(s for s in common if taken.get(s, set()) <= {key})
        quantities.append(
            QuantityResult(
                measure=key[0],
                group=members[0].group or "",
                claims=[m.id for m in members],
                found=len(found),
                series=pure[0] if pure else None,
                in_one_series=bool(pure),
            )
        )
    return quantities


def score_story(
    story: str, gold: LedgerGold, claims: Sequence[TallyClaim], articles: int = 0
) -> StoryScore:
    """The five ledger measures of one story's tally against its gold. Pure: no I/O.

    >>> score_story("quake", gold, tally_claims(result, stems)).found.value  # doctest: +SKIP
    0.8
    """
    results = [score_claim(g, claims) for g in gold.claims]
    by_id = {r.id: r for r in results}
    quantities = score_quantities(gold, by_id)
    relayed = [r for r in results if r.merged is not None]
    return StoryScore(
        story=story,
        articles=articles,
        tally_claims=len(claims),
        tally_series=len({c.series for c in claims}),
        found=Ratio(hits=sum(r.found for r in results), total=len(results)),
        source=Ratio(hits=sum(r.source for r in results), total=len(results)),
        day=Ratio(hits=sum(r.day for r in results), total=len(results)),
        merged=Ratio(hits=sum(bool(r.merged) for r in relayed), total=len(relayed)),
        one_series=Ratio(hits=sum(q.in_one_series for q in quantities), total=len(quantities)),
        merged_in_one_article=sum(bool(r.merged) and len(r.found_in) == 1 for r in relayed),
        claims=results,
        quantities=quantities,
    )


# --- the runner: a story folder in, scores out ----------------------------------------------


@dataclass(frozen=True)
class Story:
    """A story folder: its article files (by stem) and its ledger gold."""

    name: str
    articles: dict[str, Path]
    gold: LedgerGold


def read_story(folder: Path) -> Story:
    """A story folder's `*.txt` articles and `ledger.gold.json`; every listed stem must exist."""
    if not folder.is_dir():
        raise GoldFileError(folder, "no such story folder")
    gold_path = folder / GOLD_NAME
    gold = load_gold(gold_path)
    articles = {p.stem: p for p in sorted(folder.glob("*.txt")) if p.name.lower() != "readme.txt"}
    if not articles:
        raise GoldFileError(folder, "holds no .txt articles")
    for claim in gold.claims:
        for stem in claim.articles:
            if stem not in articles:
                raise GoldFileError(
                    gold_path, f"claim {claim.id!r}: no article {stem}.txt in {folder}"
                )
    return Story(folder.resolve().name, articles, gold)


def ingest_articles(store: Store, paths: Mapping[str, Path], nlp: Language) -> dict[str, str]:
    """Extract and store each article as `newstally ingest` does; returns article id -> stem.

    The one seam between the ledger evaluation and ingestion: when the application layer has
    its ingest function, this body becomes a call to it.
    """
    from newstally.extract import extract, normalise_text
    from newstally.ingest.inputs import read_text_article
    from newstally.model import article_id

    stems: dict[str, str] = {}
    for stem, path in paths.items():
        item = read_text_article(path)
        text = normalise_text(item.text, str(path))
        stems[article_id(text)] = stem
        if store.has(article_id(text)):
            continue
        store.add(
            extract(
                text,
                item.published,
                url=item.url,
                title=item.title,
                outlet=item.outlet,
                authors=item.authors,
                nlp=nlp,
            )
        )
    return stems


def tally_story(story: Story, nlp: Language) -> tuple[Tally, dict[str, str]]:
    """Ingest a story into a temporary SQLite store and tally it with the project's own code."""
    from newstally.store import open_store
    from newstally.tally import tally

    with (
        tempfile.TemporaryDirectory(prefix="newstally-ledger-") as folder,
        open_store(Path(folder) / "story.db") as store,
    ):
        stems = ingest_articles(store, story.articles, nlp)
        result = tally(store.figures())
    return result, stems


def evaluate_stories(folders: Sequence[Path], model: str | None = None) -> list[StoryScore]:
    """Read, ingest, tally and score story folders (`newstally eval FOLDER` calls this).

    Every folder and gold file is read and checked before the first article is extracted.
    """
    from newstally.extract.pipeline import load_pipeline

    stories = [read_story(folder) for folder in folders]
    nlp = load_pipeline(model)
    scores: list[StoryScore] = []
    for story in stories:
        result, stems = tally_story(story, nlp)
        claims = tally_claims(result, stems)
        scores.append(score_story(story.name, story.gold, claims, len(story.articles)))
    return scores


# --- printing -------------------------------------------------------------------------------


def total(scores: Sequence[StoryScore], measure: str) -> Ratio:
    """One measure added up over stories."""
    ratios: list[Ratio] = [getattr(s, measure) for s in scores]
    return Ratio(hits=sum(r.hits for r in ratios), total=sum(r.total for r in ratios))


ROWS = (
    ("claims found", "found"),
    ("with the right source", "source"),
    ("with the right day", "day"),
    ("relayed claims merged", "merged"),
    ("quantities in one series", "one_series"),
)


def format_table(scores: Sequence[StoryScore], verbose: bool = False) -> str:
    """A block per story: the five measures, then (verbose) every gold claim's checks."""
    lines: list[str] = []
    for score in scores:
        lines.append(
            f"{score.story}: {score.articles} articles, {len(score.claims)} gold claims; "
            f"tally: {score.tally_claims} claims in {score.tally_series} series"
        )
        for label, measure in ROWS:
            note = ""
            if measure == "merged" and score.merged_in_one_article:
                note = f"  ({score.merged_in_one_article} found in one article only)"
            lines.append(f"  {label:<26}{getattr(score, measure).shown()}{note}")
        if verbose:
            lines.extend(_claim_lines(score))
        lines.append("")
    if len(scores) > 1:
        lines.append(f"all {len(scores)} stories")
        for label, measure in ROWS:
            lines.append(f"  {label:<26}{total(scores, measure).shown()}")
    return "\n".join(lines).rstrip() + "\n"


def _claim_lines(score: StoryScore) -> list[str]:
    lines: list[str] = []
    for r in score.claims:
        if not r.found:
            lines.append(f"    {r.id}: not found")
            continue
        checks = [
            "source" if r.source else f"source shown {', '.join(r.shown_sources)}",
            "day" if r.day else f"day shown {', '.join(str(d) for d in r.shown_days)}",
        ]
        if r.merged is not None:
            checks.append(
                f"merged ({len(r.found_in)} articles)"
                if r.merged
                else f"split over {len(r.matches)} claims ({len(r.found_in)} articles)"
            )
        lines.append(f"    {r.id}: {'; '.join(checks)}; series {', '.join(r.series)}")
    for q in score.quantities:
        where = q.series if q.in_one_series else "not in one series"
        lines.append(f"    quantity {q.measure.value}/{q.group}: {where}")
    return lines


def scores_json(scores: Sequence[StoryScore]) -> dict[str, Any]:
    """The `--json` output: per story the five values and the per-claim details."""
    return {
        "stories": [
            {
                "scores": {m: getattr(s, m).value for _, m in ROWS},
                **s.model_dump(mode="json"),
            }
            for s in scores
        ],
        "measures": MEASURES,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newstally.evaluate.ledger",
        description="Score the tally against hand-made ledger gold, one story folder at a time.",
    )
    parser.add_argument(
        "stories", nargs="+", type=Path, help=f"story folders (articles + {GOLD_NAME})"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every gold claim")
    parser.add_argument("--model", help="spaCy pipeline (default: the pinned one)")
    args = parser.parse_args(argv)
    try:
        scores = evaluate_stories(args.stories, args.model)
    except NewstallyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(scores_json(scores), indent=1) + "\n")
    else:
        sys.stdout.write(format_table(scores, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
