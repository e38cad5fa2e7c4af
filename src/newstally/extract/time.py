"""Time expressions -> dates, relative to the publication date and to the story's own timeline.

'On Monday' in an article published on Wednesday 2024-12-18 is 2024-12-16; 'a day earlier',
after a sentence about Tuesday, is Monday: the anchor of a relative expression is the last day
the article named, not the publication date. Libraries do not do this (dateparser returns
nothing for 'a day earlier'), so relative and weekday expressions are resolved here, and
dateparser reads absolute dates ('Dec. 14', '14 December 2024').
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

import dateparser
from spacy.tokens import Doc, Span

from newstally.extract.doccache import doc_ents, doc_text

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
SAME_DAY = {"today", "this morning", "this afternoon", "this evening", "tonight", "earlier today"}
DAY_BEFORE = {"yesterday", "last night", "overnight", "late last night", "early yesterday"}
# 'early this morning', 'late yesterday afternoon': the modifier places the hour, not the day
TIME_OF_DAY_LEAD = re.compile(r"^(?:early|late|earlier|later|just) (?:on )?")
TIME_OF_DAY_TAIL = re.compile(r" (?:morning|afternoon|evening|night)$")
# Expressions relative to the last day the story named (the anchor).
ANCHOR_SHIFT = re.compile(
    r"^(?:just |only )?(?P<n>a|an|one|two|three|four|five|six|seven|\d+) days? "
    r"(?P<dir>earlier|before|later|after)$"
)
ANCHOR_WORDS = {"the day before": -1, "the previous day": -1, "the day prior": -1,
                "the next day": 1, "the following day": 1, "the day after": 1}  # fmt: skip
DAYS_AGO = re.compile(r"^(?P<n>a|an|one|two|three|four|five|six|seven|\d+) days? ago$")
PAST_SPAN = re.compile(
    r"^(?:over |in |during |within )?(?:the )?(?:past|last|previous) "
    r"(?:(?P<n>a|an|one|two|three|four|five|six|seven|ten|24|48|72|\d+) )?"
    r"(?P<unit>hours?|days?|weeks?|months?)$"
)
RANGE = re.compile(r"^(?:from |between )?(?P<a>.+?) (?:to|through|until|till|and|-|–) (?P<b>.+)$")
SINCE = re.compile(r"^since (?P<a>.+)$")
WEEKDAY_PHRASE = re.compile(
    r"^(?:on |late |early |last |this past |past )*(?P<next>next |this coming |coming )?"
    r"(?:late |early )?"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?: (?:morning|afternoon|evening|night))?$"
)
NEXT_WORD = re.compile(r"\b(?:next|coming)\b")
LAST_WORD = re.compile(r"\b(?:last|past)\b")
WEEKEND = re.compile(r"^(?:over |during |on )?(?:the |this |last |this past |past )?weekend$")


@dataclass(frozen=True)
class TimeExpression:
    """A resolved time expression: one day (start == end) or a range. Tokens [start_i, end_i)."""

    text: str
    start_i: int
    end_i: int
    first: dt.date | None
    last: dt.date | None
    is_range: bool


def _n(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def relative_day_shift(text: str) -> int | None:
    """Days back from publication for 'today'-like words, or None for anything else.

    'early this morning' is 0 and 'late yesterday afternoon' is 1: the leading modifier and the
    part of the day only place the hour.
    """
    key = re.sub(r"\s+", " ", text.lower().strip(" ,.")).replace("’", "'")
    key = re.sub(r"^(?:on|by|as of|until|at) ", "", key)
    for form in (key, TIME_OF_DAY_LEAD.sub("", key)):
        if form in SAME_DAY:
            return 0
        if form in DAY_BEFORE or TIME_OF_DAY_TAIL.sub("", form) in DAY_BEFORE:
            return 1
    return None


# What date arithmetic raises when a text's day falls outside years 1..9999: timedelta sums
# raise OverflowError, date constructors ValueError. Resolvers turn them into "no day".
OUT_OF_CALENDAR = (OverflowError, ValueError)


def weekday_on_or_before(day: str, ref: dt.date) -> dt.date:
    """The most recent `day` on or before `ref`: 'Monday' in a Wednesday paper is 2 days back."""
    target = WEEKDAYS.index(day)
    return ref - dt.timedelta(days=(ref.weekday() - target) % 7)


def weekday_after(day: str, ref: dt.date) -> dt.date:
    """The first `day` after `ref`: 'next Monday' looks ahead, never back."""
    return weekday_on_or_before(day, ref) + dt.timedelta(days=7)


def named_weekday(day: str, phrase: str, published: dt.date) -> dt.date:
    """The day a weekday phrase names: the most recent such day on or before publication;
    'next Monday' the first one after it; 'last Sunday' in a Sunday paper a week back."""
    if NEXT_WORD.search(phrase):
        return weekday_after(day, published)
    recent = weekday_on_or_before(day, published)
    if recent == published and LAST_WORD.search(phrase):
        return recent - dt.timedelta(days=7)
    return recent


def _absolute(text: str, published: dt.date) -> dt.date | None:
    """Absolute dates through dateparser, never later than the publication date's year end."""
    lowered = text.lower()
    if not any(m in lowered for m in MONTHS) and not re.search(r"\d{1,4}[-/]\d{1,2}", lowered):
        return None
    if (
        re.fullmatch(r"(?:in |the )?\d{4}s?", lowered)
        or re.fullmatch(r"\w+ \d{4}", lowered)
        and not re.search(r"\d{1,2}", lowered.split()[0])
    ):
        # "in 2019", "the 1990s", "December 2024": not one day
        return None
    base = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month"],
            "STRICT_PARSING": False,
        },
    )
    if parsed is None:
        return None
    day: dt.date = parsed.date()
    if YEAR.search(lowered):
        return day
    return _nearest_year(day, published, _weekday_named(lowered))


YEAR = re.compile(r"\b\d{4}\b")


def _weekday_named(lowered: str) -> int | None:
    """The weekday a date names beside its month and day ('Thursday, Jan. 5'), if any."""
    for index, name in enumerate(WEEKDAYS):
        if name in lowered:
            return index
    return None


def _nearest_year(day: dt.date, published: dt.date, weekday: int | None) -> dt.date:
    """The year of a date written without one: the year that puts it nearest the publication.

    'Dec. 30' in a January paper is last December and 'Jan. 2' in a December paper is next
    January (dateparser's past preference would put an announced 'Feb. 6' hearing a year back,
    where it looks like a past event). A weekday beside the date picks the year it fits.
    """
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    if not candidates:
        return day
    if weekday is not None and any(c.weekday() == weekday for c in candidates):
        candidates = [c for c in candidates if c.weekday() == weekday]
    return min(candidates, key=lambda c: abs((c - published).days))


def resolve_day(text: str, published: dt.date, anchor: dt.date) -> dt.date | None:
    """One day from an expression, or None when it names no single day.

    A day the calendar cannot hold ('99999999 days ago', a paper dated 0001-01-03 speaking of
    'last Monday') names no day either: article text is hostile, so date arithmetic that leaves
    the calendar is a missing day, never an exception.

    >>> resolve_day("a day earlier", dt.date(2024, 12, 18), dt.date(2024, 12, 17))
    datetime.date(2024, 12, 16)
    >>> resolve_day("99999999 days ago", dt.date(2024, 12, 18), dt.date(2024, 12, 18)) is None
    True
    """
    try:
        return _resolve_day(text, published, anchor)
    except OUT_OF_CALENDAR:
        return None


def _resolve_day(text: str, published: dt.date, anchor: dt.date) -> dt.date | None:
    key = re.sub(r"\s+", " ", text.lower().strip(" ,.")).replace("’", "'")
    key = re.sub(r"^(?:on|by|as of|until|at) ", "", key)
    shift = relative_day_shift(key)
    if shift is not None:
        return published - dt.timedelta(days=shift)
    if key in ANCHOR_WORDS:
        return anchor + dt.timedelta(days=ANCHOR_WORDS[key])
    match = ANCHOR_SHIFT.match(key)
    if match:
        n = _n(match.group("n")) or 1
        sign = -1 if match.group("dir") in {"earlier", "before"} else 1
        return anchor + dt.timedelta(days=sign * n)
    match = DAYS_AGO.match(key)
    if match:
        return published - dt.timedelta(days=_n(match.group("n")) or 1)
    match = WEEKDAY_PHRASE.match(key)
    if match:
        return named_weekday(match.group("day"), key, published)
    return _absolute(text, published)


def resolve_range(
    text: str, published: dt.date, anchor: dt.date
) -> tuple[dt.date | None, dt.date | None] | None:
    """A period from an expression: 'from Saturday to Monday', 'since Friday', 'the past week'.

    None when it names no period, or one the calendar cannot hold (see `resolve_day`)."""
    try:
        return _resolve_range(text, published, anchor)
    except OUT_OF_CALENDAR:
        return None


def _resolve_range(
    text: str, published: dt.date, anchor: dt.date
) -> tuple[dt.date | None, dt.date | None] | None:
    key = re.sub(r"\s+", " ", text.lower().strip(" ,.")).replace("’", "'")
    match = PAST_SPAN.match(key)
    if match:
        n = _n(match.group("n") or "one") or 1
        unit = match.group("unit").rstrip("s")
        days = max(1, n // 24) if unit == "hour" else n * {"day": 1, "week": 7, "month": 30}[unit]
        return published - dt.timedelta(days=days), published
    if WEEKEND.match(key):
        saturday = weekday_on_or_before("saturday", published)
        if saturday == published:
            saturday -= dt.timedelta(days=7)
        return saturday, saturday + dt.timedelta(days=1)
    match = SINCE.match(key)
    if match:
        start = resolve_day(match.group("a"), published, anchor)
        return (start, published) if start else None
    match = RANGE.match(key)
    if match:
        end = resolve_day(match.group("b"), published, anchor)
        if end is None:
            return None
        day_a = match.group("a").strip()
        weekday = WEEKDAY_PHRASE.match(day_a)
        if weekday:
            start = weekday_on_or_before(weekday.group("day"), end)
        else:
            start = resolve_day(day_a, published, anchor)
            if start is None and day_a.isdigit() and " " in match.group("b"):
                # "December 14 to 16" style: reuse the month of the end
                start = resolve_day(f"{match.group('b').split()[0]} {day_a}", published, anchor)
        if start is None or start > end:
            return None
        return start, end
    return None


# Holidays that name one day; the NER tags some as EVENT and misses others, so they are found
# by name. Fixed ones as (month, day); moveable ones as (month, weekday, nth; -1 is the last).
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's morning": (1, 1), "new year's eve": (12, 31),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas morning": (12, 25),
    "christmas night": (12, 25), "fourth of july": (7, 4), "july fourth": (7, 4),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "st. patrick's day": (3, 17), "st patrick's day": (3, 17), "saint patrick's day": (3, 17),
    "veterans day": (11, 11), "veterans' day": (11, 11),
}  # fmt: skip
MOVEABLE_HOLIDAYS = {
    "thanksgiving": (11, 3, 4), "memorial day": (5, 0, -1), "labor day": (9, 0, 1),
    "martin luther king jr. day": (1, 0, 3), "martin luther king day": (1, 0, 3),
    "mlk day": (1, 0, 3),
}  # fmt: skip
EASTER = ("easter sunday", "easter")
HOLIDAY = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(name)
        for name in sorted([*FIXED_HOLIDAYS, *MOVEABLE_HOLIDAYS, *EASTER], key=len, reverse=True)
    )
    + r")(?![\w'])"
)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth `weekday` of a month (nth -1: the last): Thanksgiving is the 4th Thursday."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_day(name: str, published: dt.date) -> dt.date | None:
    """The day a holiday's name stands for, in the year nearest the publication.

    'New Year's Day' in a June paper is last January 1; 'Christmas Eve' in a January paper is
    last December 24.
    """
    key = name.lower().replace("’", "'")
    days = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            if key in FIXED_HOLIDAYS:
                days.append(dt.date(year, *FIXED_HOLIDAYS[key]))
            elif key in MOVEABLE_HOLIDAYS:
                days.append(_nth_weekday(year, *MOVEABLE_HOLIDAYS[key]))
            elif key in EASTER:
                days.append(_easter(year))
        except OUT_OF_CALENDAR:
            continue  # the year before 1 or after 9999 (or a date reckoned past its end)
    if not days:
        return None
    return min(days, key=lambda day: abs((day - published).days))


NOUN_MODIFIER = {"compound", "nmod", "poss", "amod"}


def _holidays(doc: Doc, published: dt.date, taken: set[int]) -> list[TimeExpression]:
    """Holidays named in the text, outside the tokens other expressions took."""
    found = []
    # same length as doc.text, so the offsets hold
    for match in HOLIDAY.finditer(doc_text(doc).lower().replace("’", "'")):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        day = holiday_day(match.group(0), published)
        if (
            span is None
            or day is None
            or taken & set(range(span.start, span.end))
            or span.root.dep_ in NOUN_MODIFIER
        ):
            # 'since the Valentine's Day school shooting': a name for some other, known event
            continue
        found.append(TimeExpression(span.text, span.start, span.end, day, day, False))
    return found


# A year alone: 'the 2015 earthquake', 'in 2010', '2019'; 'since 2015' keeps its lead word.
YEAR_ONLY = re.compile(r"^(?:(?P<lead>in|since|during|the) )?(?P<year>(?:19|20)\d\d)$")


def _past_year(doc: Doc, start: int, end: int, published: dt.date) -> TimeExpression | None:
    """A year before the publication year, as the period it names: background.

    'The 2010 floods killed about 1,800 people' covers 2010, not today, and so does a figure in
    'the deadliest since 2015, when a quake killed about 9,000': the 'when' clause is set in
    2015 itself. 'Since 2015' alone runs from that year to the publication date. The current
    year is left alone: it says nothing a publication date does not.
    """
    span = doc[start:end]
    match = YEAR_ONLY.match(span.text.lower())
    if match is None:
        return None
    year = int(match.group("year"))
    if not 1900 <= year < published.year:
        return None
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    when_follows = (
        end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "when"
    )
    if match.group("lead") == "since" and not when_follows:
        last = published
    text = match.group("year") if when_follows else span.text
    return TimeExpression(text, start, end, first, last, True)


# 'september', 'sep', 'sept' -> 9: the full English names and the abbreviations of MONTHS
MONTH_NUMBERS = {
    **{calendar.month_name[k].lower(): k for k in range(1, 13)},
    **{abbreviation: k for k, abbreviation in enumerate(MONTHS, start=1)},
    "sept": 9,
}
# A month alone, or with its year: 'in September', 'since February 2022', 'this year'.
MONTH_ONLY = re.compile(
    r"^(?:(?P<lead>in|since|during|the|last) )?(?P<month>[a-z]+)\.?(?: (?P<year>(?:19|20)\d\d))?$"
)
THIS_YEAR = {"this year", "so far this year", "in this year"}


def _named_month(doc: Doc, start: int, end: int, published: dt.date) -> TimeExpression | None:
    """A month as the period it names: 'lost 33,000 troops in September' covers September;
    'since February 2022' and 'since the February 2022 invasion' run from its first day to the
    publication date, and so does 'this year' from January 1. A month with no year is the
    latest one not after the publication date; the current month ends at that date."""
    span = doc[start:end]
    if span.text.lower() in THIS_YEAR:
        return TimeExpression(span.text, start, end, dt.date(published.year, 1, 1), published, True)
    match = MONTH_ONLY.match(span.text.lower())
    if match is None:
        return None
    lead = match.group("lead")
    if lead in {None, "the"} and start >= 2 and doc[start - 1].lower_ == "the":
        lead = doc[start - 2].lower_  # 'since the February 2022 invasion'
    elif lead == "the" and start >= 1:
        lead = doc[start - 1].lower_
    month = MONTH_NUMBERS.get(match.group("month") or "")
    if month is None:
        return None
    year = int(match.group("year")) if match.group("year") else published.year
    if not match.group("year") and month > published.month:
        year -= 1
    if dt.date(year, month, 1) > published:
        return None
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = min(following - dt.timedelta(days=1), published)
    if lead == "since":
        last = published
    return TimeExpression(span.text, start, end, first, last, True)


def is_coarse(expr: TimeExpression) -> bool:
    """A whole year or month ('in 2015', 'in September'): background or a span, never the day
    of an event."""
    lowered = expr.text.lower()
    month = MONTH_ONLY.match(lowered)
    return (
        bool(YEAR_ONLY.match(lowered))
        or (month is not None and month.group("month") in MONTH_NUMBERS)
        or lowered in THIS_YEAR
    )


RANGE_LEADS = {"from", "between", "since"}
SPAN_LEADS = {"over", "in", "during", "within"}


def find_time_expressions(doc: Doc, published: dt.date | None) -> list[TimeExpression]:
    """All resolvable day and period expressions in text order, anchored as the story goes.

    The anchor starts at the publication date and moves to each single day the text names.
    """
    if published is None:
        return []
    found: list[TimeExpression] = []
    anchor = published
    for ent in doc_ents(doc):
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        start, end = ent.start, ent.end
        # include the lead word: "from Saturday to Monday", "since Friday", "over the past week"
        if start > 0 and doc[start - 1].lower_ in RANGE_LEADS | SPAN_LEADS:
            start -= 1
        span: Span = doc[start:end]
        text = span.text
        lowered = text.lower()
        if ent.label_ == "TIME" and relative_day_shift(lowered) is None:
            # 'early Sunday morning', 'Monday night' name a day; '7:45 p.m.' does not
            day_words = [w for w in WEEKDAYS if w in lowered]
            if not day_words:
                continue
            text = day_words[0]
            try:
                weekday = named_weekday(text, lowered, published)
            except OUT_OF_CALENDAR:
                continue
            found.append(TimeExpression(ent.text, ent.start, ent.end, weekday, weekday, False))
            anchor = weekday
            continue
        period = resolve_range(text, published, anchor)
        if period and period[0] != period[1] or (period and SINCE.match(text.lower())):
            found.append(TimeExpression(text, start, end, period[0], period[1], True))
            continue
        day = resolve_day(ent.text, published, anchor)
        if day is not None:
            found.append(TimeExpression(ent.text, ent.start, ent.end, day, day, False))
            anchor = day
            continue
        past_span = _past_year(doc, start, end, published) or _named_month(
            doc, start, end, published
        )
        if past_span is not None:
            found.append(past_span)
    taken = {i for expr in found for i in range(expr.start_i, expr.end_i)}
    found = sorted([*found, *_holidays(doc, published, taken)], key=lambda expr: expr.start_i)
    return _dated_weekdays(doc, found)


DATE_APPOSITION_GAP = 2  # tokens between 'Saturday' and 'Jan. 25': ',', '(' or none


def _dated_weekdays(doc: Doc, found: list[TimeExpression]) -> list[TimeExpression]:
    """A weekday followed by its date ('midnight Saturday, Jan. 25', 'Friday (Jan. 17)') is
    that date: the weekday alone would be read as the most recent one, maybe a week off."""
    out = list(found)
    for index in range(len(out) - 1):
        weekday, date = out[index], out[index + 1]
        gap = doc[weekday.end_i : date.start_i]
        if (
            weekday.is_range
            or date.is_range
            or date.first is None
            or _weekday_named(weekday.text.lower()) is None
            or not any(m in date.text.lower() for m in MONTHS)
            or len(gap) > DATE_APPOSITION_GAP
            or any(not t.is_punct for t in gap)
        ):
            continue
        out[index] = TimeExpression(
            weekday.text, weekday.start_i, weekday.end_i, date.first, date.first, False
        )
    return out
