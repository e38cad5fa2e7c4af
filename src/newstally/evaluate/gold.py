"""Score a Report against a hand-made gold file: the accuracy regression suite of `samples/`.

A gold file (format: `shared/fixtures/seed-report.gold.json`) says what extraction must find in
one article. Every field is one check, so a score is "checks passed / checks", and every failed
check is one readable line, so a regression says what broke:

    f3 'several dozens' @676: status: got claimed, want confirmed

A list in a gold field means "any of these values is acceptable"; `null` means "nothing". Fields
whose value is itself a list (hedges, via, authors) say so where they are read.

`python -m newstally.evaluate.gold samples/` prints the scores;
`--write-baseline tests/sample_scores.json` records them for `tests/test_samples.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, computed_field
from spacy.language import Language

from newstally.errors import InputError, NewstallyError
from newstally.model import Figure, Place, Quote, Relay, Report

GOLD_SUFFIX = ".gold.json"
# Gold offsets are hand-checked, extractor offsets may drift by a quotation mark or a space.
QUOTE_START_SLACK = 3
# Gold files are small; anything bigger is not a gold file.
MAX_GOLD_BYTES = 2_000_000


class GoldScore(BaseModel):
    """How much of a gold file a report gets right; `misses` says what it got wrong."""

    checks: int = 0
    passed: int = 0
    misses: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def score(self) -> float:
        """Passed checks over all checks; a gold file with no checks scores 1.0."""
        return self.passed / self.checks if self.checks else 1.0


@dataclass
class _Tally:
    """Counts checks while scoring; becomes a GoldScore at the end."""

    checks: int = 0
    passed: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, miss: str) -> None:
        self.checks += 1
        if ok:
            self.passed += 1
        else:
            self.misses.append(miss)

    def fail(self, count: int, miss: str) -> None:
        """Count `count` failed checks under one line (a figure that was not found at all)."""
        self.checks += count
        self.misses.append(miss)


# ---------------------------------------------------------------------------------------------
# Comparing one value with the acceptable gold values


def options(gold: Any) -> list[Any]:
    """The acceptable values of a scalar gold field: a list is alternatives, anything else one."""
    return list(gold) if isinstance(gold, list) else [gold]


def _squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


def name_key(value: str) -> str:
    """How names compare: case-folded, spaces squashed, a leading 'the' dropped."""
    squashed = _squash(value).strip(" .,;:")
    return squashed[4:] if squashed.startswith("the ") else squashed


def text_matches(predicted: str | None, gold: Any) -> bool:
    """A predicted string against acceptable gold strings (or None), ignoring case and 'the'."""
    for want in options(gold):
        if want is None and predicted is None:
            return True
        if want is not None and predicted is not None and name_key(predicted) == name_key(want):
            return True
    return False


def _shown(value: Any) -> str:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return json.dumps(value, ensure_ascii=False, default=str)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def place_matches(predicted: Place | None, gold: Any) -> bool:
    """None matches None; a gold {country, region?} needs that country (and region, if given)."""
    for want in options(gold):
        if want is None:
            if predicted is None:
                return True
            continue
        if predicted is None or predicted.country is None:
            continue
        if options(want.get("country")) and not any(
            isinstance(c, str) and c.upper() == predicted.country.upper()
            for c in options(want.get("country"))
        ):
            continue
        if "region" in want and not text_matches(predicted.region, want["region"]):
            continue
        return True
    return False


def period_matches(predicted: Figure, gold: Any) -> bool:
    """None matches no period; a gold {start, end} needs both dates (None meaning unknown)."""
    for want in options(gold):
        if want is None:
            if predicted.period is None:
                return True
            continue
        if predicted.period is None:
            continue
        if _iso(predicted.period.start) == want.get("start") and _iso(
            predicted.period.end
        ) == want.get("end"):
            return True
    return False


def relays_match(predicted: list[Relay], gold: list[Any]) -> bool:
    """Gold via is one chain of names or a list of acceptable chains, nearest the source first.

    Each gold name must occur in the relay at the same position: 'Reuters' matches a relay
    whose text is 'Reuters'; 'local official' matches 'a local official'.
    """
    chains: list[list[str]] = (
        [list(c) for c in gold] if gold and isinstance(gold[0], list) else [list(gold)]
    )
    for chain in chains:
        pairs = zip(chain, predicted, strict=False)
        if len(chain) == len(predicted) and all(
            name_key(want) in name_key(relay.text) for want, relay in pairs
        ):
            return True
    return False


def source_name_matches(figure: Figure, gold: Any) -> bool:
    """The gold name against the predicted name, or the predicted source words minus 'the'."""
    if text_matches(figure.source.name, gold):
        return True
    return figure.source.text is not None and any(
        want is not None and name_key(figure.source.text) == name_key(want)
        for want in options(gold)
    )


# ---------------------------------------------------------------------------------------------
# Figures


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _evidence_of(gold: dict[str, Any]) -> tuple[int, int]:
    evidence = gold.get("evidence") or {}
    try:
        return int(evidence["start"]), int(evidence["end"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"gold figure without evidence start/end: {_shown(gold)[:80]}") from exc


def match_figures(report: Report, gold_figures: Sequence[dict[str, Any]]) -> list[Figure | None]:
    """Pair each gold figure with the unmatched predicted figure whose evidence overlaps it most.

    One-to-one, in gold order; a tie goes to the nearer start. None where nothing overlaps.
    """
    free = list(report.figures)
    matches: list[Figure | None] = []
    for gold in gold_figures:
        start, end = _evidence_of(gold)
        best: Figure | None = None
        best_key = (0, 0)
        for figure in free:
            shared = _overlap(
                start,
                max(end, start + 1),
                figure.evidence.start,
                max(figure.evidence.end, figure.evidence.start + 1),
            )
            key = (shared, -abs(figure.evidence.start - start))
            if shared and (best is None or key > best_key):
                best, best_key = figure, key
        if best is not None:
            free.remove(best)
        matches.append(best)
    return matches


FigureCheck = tuple[str, bool, Any, Any]


def _role(figure: Figure) -> str | None:
    return figure.subject.role.value if figure.subject.role else None


def _period(figure: Figure) -> dict[str, str | None] | None:
    if figure.period is None:
        return None
    return {"start": _iso(figure.period.start), "end": _iso(figure.period.end)}


def _scope_checked(gold: dict[str, Any]) -> bool:
    # `scope` (cumulative / increment) is checked once the Figure record carries it.
    return "scope" in gold and "scope" in Figure.model_fields


def figure_check_count(gold: dict[str, Any]) -> int:
    """How many checks a gold figure asks for, counting 'found'."""
    count = gold.get("count") or {}
    return (
        1
        + 12
        + ("approximate" in count)
        + len(gold.get("hedges") or [])
        + ("via" in gold)
        + _scope_checked(gold)
    )


def figure_checks(figure: Figure, gold: dict[str, Any]) -> list[FigureCheck]:
    """Compare a matched figure with its gold: (label, passed, predicted, wanted) per field."""
    count = gold.get("count") or {}
    subject = gold.get("subject") or {}
    source = gold.get("source") or {}
    want_kind, want_status = source.get("kind"), gold.get("status")
    checks: list[FigureCheck] = [
        (
            "measure",
            figure.measure.value in options(gold.get("measure")),
            figure.measure.value,
            gold.get("measure"),
        ),
        ("low", figure.count.low in options(count.get("low")), figure.count.low, count.get("low")),
        (
            "high",
            figure.count.high in options(count.get("high")),
            figure.count.high,
            count.get("high"),
        ),
    ]
    if "approximate" in count:
        checks.append(
            (
                "approximate",
                figure.count.approximate in options(count["approximate"]),
                figure.count.approximate,
                count["approximate"],
            )
        )
    checks += [
        (
            "subject.group",
            text_matches(figure.subject.group, subject.get("group")),
            figure.subject.group,
            subject.get("group"),
        ),
        (
            "subject.role",
            _role(figure) in options(subject.get("role")),
            _role(figure),
            subject.get("role"),
        ),
        (
            "place",
            place_matches(figure.place, gold.get("place")),
            figure.place.model_dump(exclude={"text"}) if figure.place else None,
            gold.get("place"),
        ),
        ("period", period_matches(figure, gold.get("period")), _period(figure), gold.get("period")),
        (
            "reported",
            _iso(figure.reported) in options(gold.get("reported")),
            _iso(figure.reported),
            gold.get("reported"),
        ),
        (
            "source.name",
            source_name_matches(figure, source.get("name")),
            figure.source.name if figure.source.name is not None else figure.source.text,
            source.get("name"),
        ),
        (
            "source.kind",
            figure.source.kind.value in options(want_kind),
            figure.source.kind.value,
            want_kind,
        ),
        ("status", figure.status.value in options(want_status), figure.status.value, want_status),
        ("cue", text_matches(figure.cue, gold.get("cue")), figure.cue, gold.get("cue")),
    ]
    for hedge in gold.get("hedges") or []:
        found = any(_squash(hedge) in _squash(p) for p in figure.hedges)
        checks.append(("hedge", found, figure.hedges, hedge))
    if "via" in gold:
        checks.append(
            (
                "via",
                relays_match(figure.via, gold["via"]),
                [r.text for r in figure.via],
                gold["via"],
            )
        )
    if _scope_checked(gold):
        scope = getattr(figure, "scope", None)
        checks.append(("scope", scope in options(gold["scope"]), scope, gold["scope"]))
    return checks


def _label(index: int, gold: dict[str, Any]) -> str:
    count = gold.get("count") or {}
    start, _ = _evidence_of(gold)
    return f"f{index} '{count.get('text', '?')}' @{start}"


def score_figures(report: Report, gold: dict[str, Any], tally: _Tally) -> None:
    gold_figures: list[dict[str, Any]] = list(gold.get("figures") or [])
    matches = match_figures(report, gold_figures)
    for index, (want, got) in enumerate(zip(gold_figures, matches, strict=True), start=1):
        label = _label(index, want)
        if got is None:
            total = figure_check_count(want)
            tally.fail(total, f"{label}: not found ({total} checks)")
            continue
        tally.check(True, "")
        for name, passed, predicted, wanted in figure_checks(got, want):
            tally.check(passed, f"{label}: {name}: got {_shown(predicted)}, want {_shown(wanted)}")
    matched = {id(f) for f in matches if f is not None}
    for figure in report.figures:
        if id(figure) not in matched:
            tally.check(
                False,
                f"extra figure {figure.id} '{figure.count.text}' @{figure.evidence.start} "
                f"({figure.measure.value})",
            )


def _occurrences(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def score_not_figures(report: Report, gold: dict[str, Any], tally: _Tally) -> None:
    """A not-figure fails if a predicted count reads as it or lies inside one of its places."""
    text = report.article.text
    for phrase in gold.get("not_figures") or []:
        spans = [(s, s + len(phrase)) for s in _occurrences(text, phrase)]
        culprit = next(
            (
                f
                for f in report.figures
                if _squash(f.count.text) == _squash(phrase)
                or any(s <= f.evidence.start and f.evidence.end <= e for s, e in spans)
            ),
            None,
        )
        tally.check(
            culprit is None,
            f"not a figure: '{phrase}' (predicted {culprit.id if culprit else ''} "
            f"'{culprit.count.text if culprit else ''}')",
        )


# ---------------------------------------------------------------------------------------------
# Quotes, attributions, article


def match_quotes(report: Report, gold_quotes: Sequence[dict[str, Any]]) -> list[Quote | None]:
    """Pair each gold quote with the nearest unmatched predicted quote starting within slack."""
    free = list(report.quotes)
    matches: list[Quote | None] = []
    for gold in gold_quotes:
        start = int((gold.get("evidence") or {}).get("start", -10))
        near = [q for q in free if abs(q.evidence.start - start) <= QUOTE_START_SLACK]
        best = min(near, key=lambda q: abs(q.evidence.start - start), default=None)
        if best is not None:
            free.remove(best)
        matches.append(best)
    return matches


def score_quotes(report: Report, gold: dict[str, Any], tally: _Tally) -> None:
    gold_quotes: list[dict[str, Any]] = list(gold.get("quotes") or [])
    for index, (want, got) in enumerate(
        zip(gold_quotes, match_quotes(report, gold_quotes), strict=True), start=1
    ):
        start = (want.get("evidence") or {}).get("start")
        label = f"q{index} '{want.get('text_starts', '')}' @{start}"
        if got is None:
            tally.fail(5, f"{label}: not found (5 checks)")
            continue
        tally.check(True, "")
        for name, predicted, wanted in (
            ("speaker", got.speaker, want.get("speaker")),
            ("speaker_description", got.speaker_description, want.get("speaker_description")),
            ("to", got.to, want.get("to")),
        ):
            tally.check(
                text_matches(predicted, wanted),
                f"{label}: {name}: got {_shown(predicted)}, want {_shown(wanted)}",
            )
        tally.check(
            got.direct in options(want.get("direct", True)),
            f"{label}: direct: got {_shown(got.direct)}, want {_shown(want.get('direct', True))}",
        )


def _source_strings(report: Report) -> Iterator[str]:
    for attribution in report.attributions:
        yield from (s for s in (attribution.source.name, attribution.source.text) if s)
    for figure in report.figures:
        yield from (s for s in (figure.source.name, figure.source.text) if s)
    for quote in report.quotes:
        if quote.speaker:
            yield quote.speaker


def score_attribution_sources(report: Report, gold: dict[str, Any], tally: _Tally) -> None:
    """Each named source must appear in some attribution, figure source or quote speaker."""
    found = [_squash(s) for s in _source_strings(report)]
    for name in gold.get("attributions_sources") or []:
        tally.check(
            any(_squash(name) in s for s in found),
            f"attribution source '{name}': not found",
        )


def score_article(report: Report, gold: dict[str, Any], tally: _Tally) -> None:
    want = gold.get("article") or {}
    article = report.article
    if "outlet" in want:
        tally.check(
            text_matches(article.outlet, want["outlet"]),
            f"article.outlet: got {_shown(article.outlet)}, want {_shown(want['outlet'])}",
        )
    if want.get("authors") is not None:
        tally.check(
            list(article.authors) == list(want["authors"]),
            f"article.authors: got {_shown(article.authors)}, want {_shown(want['authors'])}",
        )
    if "published" in want:
        got = _iso(article.published)
        tally.check(
            got in options(want["published"]),
            f"article.published: got {_shown(got)}, want {_shown(want['published'])}",
        )


def score_report(report: Report, gold: dict[str, Any]) -> GoldScore:
    """Score one report against its gold: article, figures, not-figures, quotes, sources."""
    tally = _Tally()
    score_article(report, gold, tally)
    score_figures(report, gold, tally)
    score_not_figures(report, gold, tally)
    score_quotes(report, gold, tally)
    score_attribution_sources(report, gold, tally)
    return GoldScore(checks=tally.checks, passed=tally.passed, misses=tally.misses)


# ---------------------------------------------------------------------------------------------
# Files


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold file; an unreadable or malformed one is an InputError naming the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_GOLD_BYTES:
            raise InputError(f"{path}: is larger than {MAX_GOLD_BYTES:,} bytes; not a gold file")
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such gold file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("figures", []), list):
        raise InputError(f"{path}: not a gold file (want an object with a 'figures' list)")
    return gold


def gold_published(gold: dict[str, Any], path: str | Path = "gold") -> dt.date | None:
    """The publication date the gold was made for (`input.published`)."""
    value = (gold.get("input") or {}).get("published")
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"{path}: input.published {value!r} is not YYYY-MM-DD") from exc


def score_file(
    text_path: str | Path, gold_path: str | Path, nlp: Language | None = None
) -> GoldScore:
    """Extract the article at `text_path` (published as the gold says) and score it."""
    from newstally.extract import extract

    gold = load_gold(gold_path)
    text_path = Path(text_path)
    try:
        text = text_path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{text_path}: no such article file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{text_path}: cannot read article: {exc}") from exc
    report = extract(text, gold_published(gold, gold_path), nlp=nlp)
    return score_report(report, gold)


def gold_files(paths: Sequence[str | Path]) -> list[Path]:
    """Gold files named directly or found in the named directories, in name order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob(f"*{GOLD_SUFFIX}")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such gold file or directory")
    return found


def sample_name(gold_path: Path) -> str:
    """'samples/01-x.gold.json' -> '01-x': the key of a sample in the baseline file."""
    return gold_path.name.removesuffix(GOLD_SUFFIX)


def text_path_for(gold_path: Path, gold: dict[str, Any]) -> Path:
    """The article a gold file describes: `input.file`, beside the gold file."""
    name = (gold.get("input") or {}).get("file") or sample_name(gold_path) + ".txt"
    return gold_path.parent / str(name)


def score_paths(paths: Sequence[str | Path], nlp: Language | None = None) -> dict[str, GoldScore]:
    """Score every gold file in `paths` against the extractor, keyed by sample name."""
    from newstally.extract.pipeline import load_pipeline

    found = gold_files(paths)
    pipeline = nlp or load_pipeline()
    scores: dict[str, GoldScore] = {}
    for gold_path in found:
        gold = load_gold(gold_path)
        scores[sample_name(gold_path)] = score_file(
            text_path_for(gold_path, gold), gold_path, pipeline
        )
    return scores


def baseline(scores: dict[str, GoldScore]) -> dict[str, float]:
    """Scores rounded down to 4 places, so that re-running the same extractor never falls below."""
    return {name: math.floor(s.score * 10_000) / 10_000 for name, s in sorted(scores.items())}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newstally.evaluate.gold",
        description="Score the extractor against hand-made gold files.",
    )
    parser.add_argument("paths", nargs="+", help="gold files or directories of *.gold.json")
    parser.add_argument("--write-baseline", metavar="FILE", help="write the scores to FILE")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    try:
        scores = score_paths(args.paths)
    except NewstallyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, result in sorted(scores.items()):
        print(f"{result.score:6.3f}  {result.passed:4d}/{result.checks:<4d}  {name}")
        if args.verbose:
            for miss in result.misses:
                print(f"        {miss}")
    checks = sum(s.checks for s in scores.values())
    passed = sum(s.passed for s in scores.values())
    print(f"{passed / checks if checks else 1.0:6.3f}  {passed:4d}/{checks:<4d}  (all)")
    if args.write_baseline:
        target = Path(args.write_baseline)
        target.write_text(json.dumps(baseline(scores), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
