"""Place names -> ISO codes: 'Kursk' -> RU / Kursk Oblast, 'in Russia' -> RU.

Countries come from pycountry (names, common and official names) and from the group table;
regions and cities from `data/places.tsv`, an offline gazetteer a user can extend; first-level
subdivisions (US states and the like) from pycountry when their name is written as is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources

import pycountry
from spacy.tokens import Span, Token

from newstally.aliases import group_table
from newstally.extract.doccache import span_ents
from newstally.model import Measure, Place

LOCATIVE_PREPOSITIONS = {"in", "at", "near", "outside", "inside", "across", "around",
                         "throughout", "within", "into", "on"}  # fmt: skip
# Where troops go is where they are counted: 'sent 12,000 troops to Kursk'.
DESTINATION_PREPOSITIONS = {"to", "into"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
SUFFIXES = (" region", " province", " oblast", " governorate", " district", " state", " county")
MAX_NGRAM = 3
# Subdivision names that are also plain words of direction: 'the central region' is no place.
DIRECTION_WORDS = {"central", "north", "south", "east", "west", "northern", "southern", "eastern",
                   "western", "northeast", "northwest", "southeast", "southwest", "north-east",
                   "north-west", "south-east", "south-west", "coast", "capital", "upper",
                   "lower", "middle", "centre", "center", "interior"}  # fmt: skip
# 'the province of X', 'the town of X': the noun before 'of' says X is a place.
PLACE_NOUNS = {"province", "region", "state", "district", "county", "city", "town", "village",
               "oblast", "governorate", "municipality", "island", "prefecture"}  # fmt: skip
PLACE_ALIASES = {
    "britain": "GB",
    "u.s.": "US",
    "the u.s.": "US",
    "america": "US",
    "the united states": "US",
    "uk": "GB",
    "u.k.": "GB",
    "the uk": "GB",
    # wire style: 'Congo' alone is the Democratic Republic (Kinshasa); the other one is named
    # in full ('Republic of Congo', 'Congo Republic', 'Congo-Brazzaville')
    "congo": "CD",
    "the congo": "CD",
    "dr congo": "CD",
    "drc": "CD",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "republic of congo": "CG",
    "congo republic": "CG",
    "congo-brazzaville": "CG",
}


# Letters with no decomposition into a base letter and a mark ('Adıyaman', 'Łódź').
UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae"})


def ascii_fold(text: str) -> str:
    """'uttarākhand' -> 'uttarakhand', 'adıyaman' -> 'adiyaman': the spelling without
    diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _load_tsv(name: str) -> list[list[str]]:
    text = resources.files("newstally.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str | None]]:
    """name (lower case) -> (country alpha-2, region or None)."""
    table: dict[str, tuple[str, str | None]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                table[name.lower()] = (country.alpha_2, None)
    # country names from the group table ('Russia'); its demonyms and metonyms ('Russian',
    # 'Kremlin', 'Washington') name a group, not a place
    for name, code in group_table().iso_of.items():
        table.setdefault(name.lower(), (code, None))
    for alias, code in PLACE_ALIASES.items():
        table[alias] = (code, None)  # a decision over the ISO names ('Congo' is CD)
    folded: dict[str, set[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code == "US" or sub.type in {"State", "Province"}:
            table.setdefault(sub.name.lower(), (sub.country_code, sub.name))
            plain = ascii_fold(sub.name.lower())
            if plain != sub.name.lower():
                folded.setdefault(plain, set()).add((sub.country_code, sub.name))
    # ISO 3166-2 romanises with diacritics ('Uttarākhand', 'Kermānshāh'); news does not. The
    # plain spelling is added when only one subdivision has it.
    for plain, subs in folded.items():
        if len(subs) == 1:
            table.setdefault(plain, next(iter(subs)))
    for row in _load_tsv("places.tsv"):
        name, code, region = row[0], row[1], (row[2] if len(row) > 2 and row[2] else None)
        table[name] = (code, region)
    return table


@lru_cache(maxsize=1)
def subdivisions_by_name() -> dict[str, tuple[str, str]]:
    """Every first-level subdivision of every type (regions, divisions, states ...), by name,
    for names written with their kind ('the Sagaing region'); a name that several countries
    use is left out. Bare names of these kinds are not places on their own: 'Central' is."""
    found: dict[str, set[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            found.setdefault(sub.name.lower(), set()).add((sub.country_code, sub.name))
    return {name: next(iter(v)) for name, v in found.items()
            if len(v) == 1 and name not in DIRECTION_WORDS}  # fmt: skip


def resolve_place(text: str) -> Place | None:
    """'the Kursk region' -> Place(text='the Kursk region', country='RU', region='Kursk Oblast')."""
    key = text.lower().strip().replace("’", "'")
    if key.startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    table = gazetteer()
    candidates = [key] + [key[: -len(s)] for s in SUFFIXES if key.endswith(s)]
    for candidate in candidates:
        if candidate in table:
            country, region = table[candidate]
            if candidate != key and region is None and country:
                # "the Kursk region" where only "kursk" is known keeps its region
                pass
            return Place(text=text, country=country, region=region)
    subdivisions = subdivisions_by_name()
    for candidate in candidates[1:]:
        if candidate in subdivisions:
            country, region = subdivisions[candidate]
            return Place(text=text, country=country, region=region)
    return None


def _place_spans(sent: Span) -> list[Span]:
    """Candidate place names in a sentence: named entities and gazetteer n-grams."""
    doc = sent.doc
    spans = [e for e in span_ents(sent) if e.label_ in PLACE_ENTS]
    covered = {t.i for e in spans for t in e}
    table = gazetteer()
    i = sent.start
    while i < sent.end:
        matched = False
        for n in range(MAX_NGRAM, 0, -1):
            if i + n > sent.end or any(k in covered for k in range(i, i + n)):
                continue
            span = doc[i : i + n]
            if span[0].is_title and span.text.lower() in table:
                spans.append(span)
                i += n
                matched = True
                break
        if not matched:
            i += 1
    return spans


def _locative(span: Span, measure: Measure) -> bool:
    """Whether a place name is where something happened: the object of 'in', 'near' ...

    Possessives ('Moscow's operations') and objects of verbs ('to support Russia') are not.
    """
    tok: Token = span.root
    while tok.dep_ in {"compound", "appos", "flat", "amod", "nmod"} and tok.head != tok:
        tok = tok.head
    if tok.dep_ not in {"pobj", "pcomp"}:  # 'in Lanao del Norte' may parse as a clause
        return False
    prep = tok.head.lower_
    if prep in LOCATIVE_PREPOSITIONS:
        return True
    if prep == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return prep in DESTINATION_PREPOSITIONS and measure == Measure.DEPLOYED


def find_place(sent: Span, anchor: Token, measure: Measure) -> Place | None:
    """The place of a count in its sentence: the most specific locative place, nearest wins."""
    best: tuple[tuple[int, int, int], Place] | None = None
    for span in _place_spans(sent):
        if not _locative(span, measure):
            continue
        text = span.text
        # "the Kursk region": take the whole noun phrase of which the name is part
        head = span.root.head
        if span.root.dep_ == "compound" and head.lower_ in {"region", "province", "oblast"}:
            text = sent.doc[span.start : head.i + 1].text
        place = resolve_place(text) or resolve_place(span.text)
        if place is None:
            continue
        place = Place(text=text, country=place.country, region=place.region)
        # 'killed 2,595 in Hatay, 2,195 in Kahramanmaras ...': the place right after its count
        # ('N in X', 'N people in X') is that count's, whatever else is near or more precise
        own = 0 if _right_after(anchor, span) else 1
        specificity = 0 if place.region else 1
        distance = abs(span.root.i - anchor.i)
        key = (own, specificity, distance)
        if best is None or key < best[0]:
            best = (key, place)
    return best[1] if best else None


def _right_after(anchor: Token, span: Span) -> bool:
    """Whether `span` is the object of a locative preposition just after `anchor`."""
    after = anchor.i + 1
    if after >= len(anchor.doc) or anchor.doc[after].lower_ not in LOCATIVE_PREPOSITIONS:
        return False
    start = after + 1
    if start < len(anchor.doc) and anchor.doc[start].lower_ == "the":
        start += 1
    return span.start == start


DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z'’./\- ]{2,40}?)(?:,\s*(?P<country>[A-Z][A-Za-z .]{2,30}?))?"
    # the filing date of wire copy: 'EL OBEID, Sudan, March 3 (Reuters) -', 'SEOUL, Jan. 9'
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s",
    re.MULTILINE,
)
DATELINE_LINES = 6


def dateline_place(text: str) -> Place | None:
    """The place of a wire dateline ('MANILA —', 'PUNO, Peru —'): where the report is filed,
    and so, when a sentence names no place, where its events are. Country only."""
    head = "\n".join(text.splitlines()[:DATELINE_LINES])
    match = DATELINE.search(head)
    if match is None:
        return None
    for part in (match.group("country"), match.group("city")):
        if part:
            place = resolve_place(part.strip().title() if part.isupper() else part.strip())
            if place and place.country:
                return Place(text=match.group(0).strip(" —–-"), country=place.country)
    return None


LIST_JOINS = {"", "and", "or"}  # what may stand between two items of a list, commas aside


def respective_places(sent: Span, n: int) -> list[Place] | None:
    """'killed 3,600 in Pakistan and Afghanistan, with 1,414 and 2,274 deaths respectively':
    the first list of `n` places named before 'respectively', one for each of its counts."""
    doc = sent.doc
    cut = next((t.i for t in sent if t.lower_ == "respectively"), None)
    if cut is None:
        return None
    chains: list[list[tuple[Span, Place]]] = []
    for span in _place_spans(sent):
        found = resolve_place(span.text)
        if span.end > cut or found is None or found.country is None:
            continue
        place = (span, Place(text=span.text, country=found.country, region=found.region))
        if chains and doc[chains[-1][-1][0].end : span.start].text.strip(" ,") in LIST_JOINS:
            chains[-1].append(place)
        else:
            chains.append([place])
    chain = next((c for c in chains if len(c) == n), None)
    return [place for _, place in chain] if chain else None


LEDE_SENTENCES = 3  # the headline and the first sentences say what country a story is about
OWN_PLACE_WEIGHT = 2


def story_place(
    sentences: list[Span], own_places: list[Place], dateline: Place | None
) -> Place | None:
    """The country a story is about, for the counts whose sentence names no place.

    Wire copy names the country once, in the lede ('in Mozambique's Sofala province', 'off
    Yemen's coast'), and its dateline is often the wire's office, not the story's country
    ('GENEVA —' for Yemen, 'LONDON --' for Ukraine, 'ASTANA' for Kyrgyzstan). So the countries
    of the counts' own places weigh most, then every place named in the lede, then the
    dateline; the first named wins a tie. Country only: a region is never guessed.
    """
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}

    def vote(country: str | None, weight: int, order: int) -> None:
        if country:
            votes[country] += weight
            first_seen.setdefault(country, order)

    for order, sent in enumerate(sentences[:LEDE_SENTENCES]):
        for span in _place_spans(sent):
            found = resolve_place(span.text)
            vote(found.country if found else None, 1, order)
    for place in own_places:
        vote(place.country, OWN_PLACE_WEIGHT, LEDE_SENTENCES)
    vote(dateline.country if dateline else None, 1, LEDE_SENTENCES + 1)
    if not votes:
        return None
    country = min(votes, key=lambda c: (-votes[c], first_seen[c]))
    if dateline is not None and dateline.country == country:
        return dateline
    name = pycountry.countries.get(alpha_2=country)
    return Place(text=name.name if name else country, country=country)
