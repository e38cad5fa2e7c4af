"""One report against its gold: article, figures, not-figures, quotes and sources."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from newstally.evaluate.gold.checks import GoldScore, _Tally
from newstally.evaluate.gold.compare import _iso, _shown, _squash, options, text_matches
from newstally.evaluate.gold.figures import score_figures, score_not_figures
from newstally.model import Quote, Report

# Gold offsets are hand-checked, extractor offsets may drift by a quotation mark or a space.
QUOTE_START_SLACK = 3


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
