"""Figures against gold figures: pair them by evidence, then check each field.

    f3 'several dozens' @676: status: got claimed, want confirmed
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from newstally.errors import InputError
from newstally.evaluate.gold.checks import _Tally
from newstally.evaluate.gold.compare import (
    _iso,
    _shown,
    _squash,
    options,
    period_matches,
    place_matches,
    relays_match,
    source_name_matches,
    text_matches,
)
from newstally.model import Figure, Report


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
