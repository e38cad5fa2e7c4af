"""Counts and vague quantities: '50', '12,000', 'two dozen', 'several hundred' -> ranges.

A count is read from the tokens of a parsed document, with its modifiers ('over', 'at least',
'between 20 and 30'). Whether a count is a *figure* (a count of people) is decided later, by
measures.py; this module only reads numbers and drops the ones that are clearly not counts of
anything (years, ages, times, money, percentages, dates).

The vague-quantity table is a convention, not a truth (REPORT-V1): it is the `[vague]` table of
newstally/data/quantities.toml (`VAGUE_QUANTITIES` here), which a user extends or replaces with
a lexicon file named by `NEWSTALLY_LEXICON` (see `newstally.lexicon`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newstally.extract.doccache import token_lowers
from newstally.lexicon import in_use

_WORDS = in_use().quantities  # the vocabulary lives in newstally/data/quantities.toml
_PEOPLE_NOUNS = in_use().measures.people_nouns
# words (lower case, as tokens) -> (low, high). Longest match wins.
VAGUE_QUANTITIES = _WORDS.vague
UNITS = _WORDS.units
# "a"/"an"/"no" only count before a multiplier ("a dozen", "a hundred"); see _number_words.
ARTICLE_UNITS = _WORDS.article_units
MULTIPLIERS = _WORDS.multipliers
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
COUPLE = _WORDS.couple

# Modifiers before a number: words -> how they bound it.
LOWER_BOUND_STRICT = _WORDS.lower_bound_strict
LOWER_BOUND = _WORDS.lower_bound
UPPER_BOUND_STRICT = _WORDS.upper_bound_strict
UPPER_BOUND = _WORDS.upper_bound
APPROX_UPPER = _WORDS.approx_upper
APPROXIMATE = _WORDS.approximate
TRAILING_LOWER = _WORDS.trailing_lower
# Verbs that put a toll above a number: "the toll surpassed 3,000" is 3,001 and up, the same
# bound as "more than 3,000" (surface forms; "past" is left out: "the past 24 hours").
OPEN_ABOVE_VERBS = _WORDS.open_above_verbs
# "half a million", "half a dozen": the article and multiplier after "half".
HALF = "half"
# Digits grouped by a space, as many wires outside the US write them: "3 000", "1 200 000".
DIGIT_GROUP = re.compile(r"^\d{3}$")
LEAD_GROUP = re.compile(r"^\d{1,3}$")
TRAILING_APPROX = _WORDS.trailing_approx

# Entity labels whose numbers are not counts of people.
NOT_COUNT_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
QUOTE_CHARS = {'"', "“", "”", "'", "‘", "’", "``", "''"}


@dataclass(frozen=True)
class CountMention:
    """A count read from the text: token range [start, end) and its bounds."""

    start: int  # token index
    end: int  # token index, exclusive
    low: int | None
    high: int | None
    approximate: bool
    vague: bool

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


PhraseTable = Collection[tuple[str, ...]]
# Phrase tables indexed by their first and by their last word. Keyed by the table object, and
# rebuilt when its size changes.
_BY_FIRST: dict[int, tuple[PhraseTable, int, dict[str, list[tuple[str, ...]]]]] = {}
_BY_LAST: dict[int, tuple[PhraseTable, int, dict[str, list[tuple[str, ...]]]]] = {}


def _indexed(
    phrases: PhraseTable,
    cache: dict[int, tuple[PhraseTable, int, dict[str, list[tuple[str, ...]]]]],
    position: int,
) -> dict[str, list[tuple[str, ...]]]:
    cached = cache.get(id(phrases))
    if cached is not None and cached[0] is phrases and cached[1] == len(phrases):
        return cached[2]
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        index.setdefault(phrase[position], []).append(phrase)
    cache[id(phrases)] = (phrases, len(phrases), index)
    return index


def _match_phrase(doc: Doc, i: int, phrases: PhraseTable) -> int:
    """Length of the longest phrase from `phrases` starting at token i, or 0."""
    if not 0 <= i < len(doc):
        return 0
    for phrase in _indexed(phrases, _BY_FIRST, 0).get(doc[i].lower_, ()):
        if all(_lower(doc, i + k) == phrase[k] for k in range(1, len(phrase))):
            return len(phrase)
    return 0


def _match_before(doc: Doc, end: int, phrases: PhraseTable) -> int:
    """Length of the longest phrase from `phrases` ending just before token `end`, or 0."""
    if not 0 < end <= len(doc):
        return 0
    for phrase in _indexed(phrases, _BY_LAST, -1).get(doc[end - 1].lower_, ()):
        n = len(phrase)
        if end - n >= 0 and all(_lower(doc, end - n + k) == phrase[k] for k in range(n - 1)):
            return n
    return 0


# More people than have ever lived at once: a "count" above this is a serial number, an
# overflow or a hostile text, never a figure. It also keeps a 400-digit string from becoming
# float infinity.
MAX_COUNT = 10**11
MAX_DIGITS = len(str(MAX_COUNT))


def _digits(text: str) -> float | None:
    if DIGITS.match(text) and len(text.split(".")[0].replace(",", "")) <= MAX_DIGITS:
        return float(text.replace(",", ""))
    return None


def _hyphen_word(text: str) -> int | None:
    """'twenty-five' -> 25."""
    parts = text.lower().split("-")
    if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
        tens, ones = UNITS[parts[0]], UNITS[parts[1]]
        if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
            return tens + ones
    return None


def read_number(doc: Doc, i: int) -> tuple[int, int, bool] | None:
    """Read an exact number starting at token i: (value, end token, is_vague=False).

    Handles digits ('12,000', '1.2 million'), words ('twenty-five', 'two hundred', 'a dozen',
    'three thousand'). Returns None when token i does not start a number.
    """
    n = len(doc)
    tok = doc[i]
    value: float | None = _digits(tok.text)
    j = i + 1
    if value is not None and LEAD_GROUP.match(tok.text):
        # "3 000": groups of three digits, each one space after the last
        while j < n and doc[j - 1].whitespace_ == " " and DIGIT_GROUP.match(doc[j].text):
            value = value * 1000 + int(doc[j].text)
            j += 1
    if value is None and tok.lower_ == HALF:
        # "half a million" is 500,000, "half a dozen" 6
        if _lower(doc, i + 1) in {"a", "an"} and _lower(doc, i + 2) in MULTIPLIERS:
            value = MULTIPLIERS[_lower(doc, i + 2)] / 2
            j = i + 3
            if value != int(value):
                return None
            return int(value), j, False
        return None
    if value is None:
        word = tok.lower_
        hyphen = _hyphen_word(tok.text)
        if hyphen is not None:
            value = hyphen
        elif word in UNITS:
            if word in ARTICLE_UNITS and _lower(doc, i + 1) not in MULTIPLIERS:
                return None
            value = UNITS[word]
            # "twenty-five" split by the tokenizer into twenty / - / five
            if (
                value >= 20 and value % 10 == 0 and _lower(doc, i + 1) == "-"
                and _lower(doc, i + 2) in UNITS and 0 < UNITS[_lower(doc, i + 2)] < 10
                and _lower(doc, i + 2) not in ARTICLE_UNITS
            ):
                value += UNITS[_lower(doc, i + 2)]
                j = i + 3
            # "twenty five" written apart
            if value >= 20 and value % 10 == 0 and j < n and doc[j].lower_ in UNITS:
                extra = UNITS[doc[j].lower_]
                if 0 < extra < 10:
                    value += extra
                    j += 1
        elif word in MULTIPLIERS and word != "dozen":
            # bare "hundred"/"thousand" is not a count on its own
            return None
        else:
            return None
    # "27-hundred", "ten-thousand": a multiplier joined by a hyphen
    if (
        j + 1 < n and doc[j].text == "-" and not doc[j - 1].whitespace_
        and not doc[j].whitespace_ and doc[j + 1].lower_ in MULTIPLIERS
        and doc[j + 1].lower_ != "dozen"
    ):
        j += 1
    # multipliers: "1.2 million", "two hundred", "three thousand", "two dozen"
    while j < n and doc[j].lower_ in MULTIPLIERS:
        value *= MULTIPLIERS[doc[j].lower_]
        j += 1
        # "two hundred and fifty", "three hundred fifty"
        k = j + 1 if _lower(doc, j) == "and" else j
        if k < n and (_hyphen_word(doc[k].text) or doc[k].lower_ in UNITS) and value >= 100:
            rest = _hyphen_word(doc[k].text) or UNITS.get(doc[k].lower_, 0)
            if 0 < rest < 100 and doc[k].lower_ not in ARTICLE_UNITS:
                value += rest
                j = k + 1
    if value != int(value) or value > MAX_COUNT:
        return None
    return int(value), j, False


def read_quantity(doc: Doc, i: int) -> tuple[int, int, int, bool] | None:
    """Read a number or a vague quantity at token i: (low, high, end, vague)."""
    length = _match_phrase(doc, i, VAGUE_QUANTITIES)
    couple = _match_phrase(doc, i, COUPLE)
    exact = read_number(doc, i)
    if exact is not None and exact[1] - i >= length:
        value, end, _ = exact
        return value, value, end, False
    if length:
        words = tuple(_lower(doc, i + k) for k in range(length))
        low, high = VAGUE_QUANTITIES[words]
        return (
            low,
            high,
            i + length,
            words not in {("a", "dozen"), ("a", "hundred"), ("a", "thousand")},
        )
    if couple:
        words = tuple(_lower(doc, i + k) for k in range(couple))
        low, high = COUPLE[words]
        # "of" belongs to the noun phrase, not the count words
        return low, high, i + couple - (1 if words[-1] == "of" else 0), True
    return None


def _before_quotes(doc: Doc, i: int) -> int:
    """The token before i, stepping back over quote marks."""
    i -= 1
    while i >= 0 and doc[i].text in QUOTE_CHARS:
        i -= 1
    return i


def _skip_quotes(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].text in QUOTE_CHARS:
        i += 1
    return i


# A number before a street word is an address ('45 Elm Street'), and '911' is a phone number.
STREET_WORDS = _WORDS.street_words
NOT_COUNT_NUMBERS = _WORDS.not_count_numbers


def _is_age_or_year(doc: Doc, start: int, end: int, low: int) -> bool:
    """'a 20-year-old', 'aged 45', 'Smith, 45,' and bare years are not counts."""
    after = " ".join(_lower(doc, k) for k in range(end, min(end + 4, len(doc))))
    if re.match(r"^(-\s*)?(year|years|yr|month|months|week|day)s?\s*(-\s*)?old", after):
        return True
    if re.match(r"^(-\s*)?year\s*-?\s*old", after):
        return True
    # "aged 45", "ages 25, 27 and 29"
    k = start - 1
    while k >= 0 and start - k <= 6 and (doc[k].like_num or doc[k].lower_ in {",", "and"}):
        k -= 1
    if _lower(doc, k) in {"aged", "age", "ages"}:
        return True
    first = doc[start]
    if YEAR.match(first.text) and end == start + 1:
        return True
    # "3900 Bluestone Road", "the 100 block of", "a 911 dispatcher": places and numbers
    if first.text in NOT_COUNT_NUMBERS or _lower(doc, end) == "block":
        return True
    street = any(_lower(doc, k) in STREET_WORDS for k in range(end, min(end + 4, len(doc))))
    if street and end < len(doc) and doc[end].is_title:
        return True
    # "John Smith, 45, of Springfield", "The man, 23, was shot": an age set off by commas
    return (
        start >= 2
        and doc[start - 1].text == ","
        and (doc[start - 2].ent_type_ == "PERSON" or doc[start - 2].pos_ in {"NOUN", "PROPN"})
        and end < len(doc)
        and doc[end].text in {",", "."}
        and low < 120
    )


def _in_excluded_entity(tok: Token) -> bool:
    if tok.ent_type_ not in NOT_COUNT_ENTS:
        return False
    # the small model tags some counts of people as a QUANTITY ('Up to 60 migrants'): a number
    # that modifies a noun for people is a count whatever the entity label says
    if tok.ent_type_ == "QUANTITY":
        return not _modifies_people_noun(tok)
    # ... and glues a count to a date before it ('since July 1 to 112'): a number no calendar
    # has (past 31, not a year) that counts no unit of time is no part of a date
    if tok.ent_type_ == "DATE":
        return not _no_date_number(tok)
    return True


TIME_UNITS = _WORDS.time_units


def _no_date_number(tok: Token) -> bool:
    text = tok.text.replace(",", "")
    if not text.isdigit() or YEAR.match(text) or int(text) <= 31:
        return False
    doc = tok.doc
    following = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    return following not in TIME_UNITS


def _modifies_people_noun(tok: Token) -> bool:
    for _ in range(3):
        if tok.dep_ not in {"quantmod", "nummod", "advmod"} or tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in _PEOPLE_NOUNS or tok.lower_ in _PEOPLE_NOUNS:
            return True
    return False


# A digit: what `DIGITS` needs first; a word's lower case starts with one exactly when it does.
STARTS_WITH_DIGIT = re.compile(r"\d")


def _quantity_first_words() -> set[str]:
    """The lower-case words `read_quantity` can start at, besides digits and hyphenated words
    ('twenty-five'): a vague quantity's or couple's first word, a unit, 'half'. Read from the
    tables at each call, so a user's edit of them is seen."""
    return (
        {words[0] for words in VAGUE_QUANTITIES}
        | {words[0] for words in COUPLE}
        | set(UNITS)
        | {HALF}
    )


def _may_start_quantity(lower: str, first_words: set[str]) -> bool:
    """False only where `read_quantity` finds nothing: it reads a phrase from the tables, a
    unit, 'half', a hyphenated number word or digits, so the token must be one of those."""
    return lower in first_words or "-" in lower or STARTS_WITH_DIGIT.match(lower) is not None


def find_counts(doc: Doc) -> list[CountMention]:
    """Every count in the document with its bounds, in text order; no overlaps.

    >>> [(c.low, c.high) for c in find_counts(nlp("over 100 soldiers and between 20 and 30"))]
    [(101, None), (20, 30)]
    """
    counts: list[CountMention] = []
    i = 0
    n = len(doc)
    # Most tokens cannot start a number; ruling them out by their lower case alone, before
    # anything else is read from them, is most of the speed of this loop.
    lowers = token_lowers(doc)
    first_words = _quantity_first_words()
    while i < n:
        if not _may_start_quantity(lowers[i], first_words):
            i += 1
            continue
        tok = doc[i]
        if _in_excluded_entity(tok) or tok.like_url or tok.like_email:
            i += 1
            continue
        got = read_quantity(doc, i)
        if got is not None and tok.lower_ == "one" and _lower(doc, i - 1) in {"no", "any"}:
            got = None  # "no one was hurt" is a zero, read by totals.py, not a count of one
        if got is None:
            i += 1
            continue
        low_v, high_v, end, vague = got
        start = i
        low: int | None = low_v
        high: int | None = high_v
        approximate = vague
        # ranges: "between 20 and 30", "20 to 30", "from 20 to 30", "20-30"
        joiner = _lower(doc, end)
        if joiner in {"and", "to", "-", "–", "or"} and not vague:
            second = read_quantity(doc, end + 1) if end + 1 < n else None
            opener = _lower(doc, start - 1)
            if second is not None and (
                (joiner == "and" and opener == "between")
                or (joiner in {"to", "-", "–"} and second[0] > low_v)
                or (joiner == "or" and second[0] > low_v and second[0] - low_v <= 10)
            ):
                high = second[1]
                end = second[2]
                if opener in {"between", "from"}:
                    start -= 1
        # modifiers before the number (quote marks may sit between: 'over “100”')
        before = start
        strict_low = _match_before(doc, before, LOWER_BOUND_STRICT)
        plain_low = _match_before(doc, before, LOWER_BOUND)
        strict_high = _match_before(doc, before, UPPER_BOUND_STRICT)
        plain_high = _match_before(doc, before, UPPER_BOUND)
        approx_high = _match_before(doc, before, APPROX_UPPER)
        approx = _match_before(doc, before, APPROXIMATE)
        if strict_low and doc[start - 1].tag_ == "RP":
            strict_low = 0  # "hand over two captured soldiers": a particle, not a bound
        if strict_low and low is not None:
            low, high, start = low + 1 if not vague else low, None, start - strict_low
        elif plain_low:
            high, start = None, start - plain_low
        elif strict_high and high is not None:
            low, high, start = None, max(high - 1, 0), start - strict_high
        elif plain_high:
            low, start = None, start - plain_high
        elif approx_high:
            low, approximate, start = None, True, start - approx_high
        elif approx:
            approximate, start = True, start - approx
        elif (
            not vague and low is not None and low == high
            and _lower(doc, _before_quotes(doc, start)) in OPEN_ABOVE_VERBS
        ):
            low, high = low + 1, None  # "the toll surpassed 3,000": the verb is the bound
        # trailing modifiers: "100 or more", "50 or so"
        trail = _match_phrase(doc, end, TRAILING_LOWER)
        if trail:
            high, end = None, end + trail
        elif _match_phrase(doc, end, TRAILING_APPROX):
            approximate, end = True, end + 2
        if low is not None and high is not None and high < low:
            low, high = high, low  # "between 50 and 10" means 10 to 50, however it is written
        value = low if low is not None else high
        if value is not None and not _is_age_or_year(doc, i, got[2], value):
            counts.append(CountMention(start, end, low, high, approximate, vague))
        i = max(end, i + 1)
    return counts


QUANTITY_WORDS = _WORDS.quantity_words


def count_head_index(doc: Doc, mention: CountMention) -> int:
    """The token of the count that attaches to the rest of the sentence (its syntactic head)."""
    span = doc[mention.start : mention.end]
    for tok in span:
        outside = tok.head.i < mention.start or tok.head.i >= mention.end or tok.head.i == tok.i
        if outside and (tok.like_num or tok.lower_ in QUANTITY_WORDS):
            return tok.i
    # fall back on the last number-like token
    for tok in reversed(span):
        if tok.like_num or tok.lower_ in MULTIPLIERS:
            return tok.i
    return mention.end - 1


def next_content_index(doc: Doc, i: int) -> int:
    """Index of the first token at or after i that is not a quotation mark."""
    return _skip_quotes(doc, i)
