"""Sources: the words of a frame's source, its normalised name and its kind.

'National Security Council Communications Adviser John Kirby' is named 'John Kirby', a person;
'the UN human rights office' is international; 'he' is the last person named before it; 'the
office' after it is the same source (`sourced._resolve_definite_sources`). The kinds are
data (SOURCE_KINDS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newstally.aliases import group_table
from newstally.extract.doccache import doc_ents, span_ents
from newstally.model import SourceKind

SOURCE_KINDS: list[tuple[SourceKind, tuple[str, ...]]] = [
    (SourceKind.INTERNATIONAL, ("united nations", "u.n.", " un ", "unicef", "unhcr", "ocha",
                                "world health organization", "who ", "nato",
                                "international committee of the red cross", "ifrc", "iaea",
                                "european union", "eu ", "icrc",
                                "international organization", "world food programme", "wfp",
                                "security council", "general assembly", "un ")),
    (SourceKind.NGO, ("human rights watch", "amnesty", "ngo", "red cross", "red crescent",
                      "observatory", "monitor",
                      "rights group", "charity", "aid group", "doctors without borders", "msf",
                      "foundation", "watchdog", "nonprofit", "non-profit", "advocacy",
                      "archive", "airwars", "acled", "body count", "relief group")),
    (SourceKind.MILITARY, ("military", "army", "forces", "armed forces", "defense ministry",
                           "defence ministry", "ministry of defense", "ministry of defence",
                           "general staff", "command", "brigade", "battalion", "commander",
                           "idf", "pentagon", "navy", "air force", "sof", "militia",
                           "regiment", "troops", "soldier", "general ", "colonel", "marines",
                           "spokesman for the army", "rebels", "fighters", "armed group",
                           "defence headquarters", "defense headquarters", "defence force",
                           "defense force", "defence spokesman", "defense spokesman")),
    (SourceKind.MEDIA, ("outlet", "newspaper", "news agency", "press agency", "media",
                        "reuters", "associated press",
                        "afp", "bbc", "cnn", "radio", "television", " tv", "broadcaster",
                        "channel", "times", "post", "journal", "report", "reports", "tass",
                        "ria", "interfax", "al jazeera", "xinhua", "yonhap", "kcna",
                        "ukrinform", "daily", "gazette", "herald", "tribune", "website",
                        "news", "press", "magazine", "blogger", "telegram channel", "journalist",
                        "reporter", "correspondent", ".com", ".info", ".org", ".net", ".ua",
                        ".ru", ".kr")),
    (SourceKind.GOVERNMENT, ("government", "ministry", "minister", "president", "prime minister",
                             "white house", "kremlin", "administration", "department",
                             "governor", "mayor", "state", "council", "parliament", "senator",
                             "congress", "police", "sheriff", "authorities", "authority",
                             "spokesperson", "spokesman", "spokeswoman", "office", "cabinet",
                             "agency", "emergency service", "fire department", "coroner",
                             "medical examiner", "prosecutor", "health ministry", "officer",
                             "intelligence", "national security", "secretary", "adviser",
                             "embassy", "ambassador", "municipality", "city hall", "county")),
    # one person named by what they do or where they live: 'a rescue worker', 'a witness'
    (SourceKind.PERSON, ("witness", "eyewitness", "resident", "worker", "survivor", "villager",
                         "farmer", "shopkeeper", "neighbour", "neighbor", "relative", "nurse",
                         "teacher", "student", "passenger", "driver")),
    (SourceKind.OFFICIAL, ("official", "officials", "source", "sources", "aide", "diplomat")),
]  # fmt: skip
# What a source issues rather than who it is: 'a department news release' is the department's,
# so these words are dropped before the kind is read ('news' would make it the media's).
ISSUED_DOCUMENTS = re.compile(
    r"\b(?:news|press|media)\s+(?:release|statement|conference|briefing|advisory)s?\b"
)
# Sources that name nobody in particular: their `name` stays None.
ANONYMOUS_SOURCES = {"reports", "report", "media reports", "news reports", "sources", "source",
                     "rumors", "rumours", "footage", "it", "estimates", "figures", "data",
                     "statistics", "records", "documents"}  # fmt: skip
# Words before a name that say what the name is: 'outlet evocation.info', 'spokesman John Doe'.
DESCRIPTORS = {"outlet", "newspaper", "daily", "agency", "broadcaster", "channel", "website",
               "site", "portal", "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor",
               "minister", "president", "governor", "mayor", "commander", "chief", "director",
               "secretary", "official", "analyst", "expert", "blogger", "journalist", "reporter",
               "general", "colonel", "captain", "sergeant", "lieutenant", "officer", "head",
               "leader", "ambassador", "senator", "representative", "sheriff", "told",
               "correspondent", "editor", "founder", "researcher", "professor", "doctor",
               "dr.", "lt.", "gen.", "col.", "sgt.", "capt.", "maj."}  # fmt: skip
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


@dataclass
class SourceRef:
    """A source phrase: token range and the derived name and kind."""

    start: int
    end: int
    text: str
    name: str | None
    kind: SourceKind


def source_kind(text: str, has_person: bool, proper: bool = False) -> SourceKind:
    """The kind of a source from its words. A named person is a person whatever their title
    ('Communications Adviser John Kirby'); a proper name with no other clue is a person too."""
    if has_person:
        return SourceKind.PERSON
    lowered = ISSUED_DOCUMENTS.sub(" ", " ".join(text.lower().split()))
    for kind, pattern in _kind_patterns():
        if pattern.search(lowered):
            return kind
    return SourceKind.PERSON if proper else SourceKind.OFFICIAL


@lru_cache(maxsize=1)
def _kind_patterns() -> list[tuple[SourceKind, re.Pattern[str]]]:
    """SOURCE_KINDS as whole-word patterns, plurals included: 'ria' is the agency, not the end
    of 'Valdoria', and 'rights group' finds 'rights groups'; an entry starting with '.' is a
    domain ending ('.info') and ends a word instead."""
    compiled = []
    for kind, words in SOURCE_KINDS:
        parts = []
        for word in words:
            core = re.escape(word.strip())
            if word.startswith("."):
                parts.append(rf"\w{core}\b")
            else:
                parts.append(rf"(?<!\w){core}(?:s|es)?(?!\w)")
        compiled.append((kind, re.compile("|".join(parts))))
    return compiled


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners, punctuation and line breaks, and trailing punctuation."""
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].dep_ == "det"
        or doc[start].lower_ in {"the", "a", "an"}
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text == ")" and "(" in doc[start : end - 1].text:
            break  # keep a closing parenthesis that closes an acronym: '(NDRRMC)'
        end -= 1
    return start, end


def people_in(span: Span) -> list[Span]:
    """The PERSON entities of a source phrase, less the countries the small model tags as
    people ("Nepal's disaster authority" is an authority of Nepal, not a person named Nepal)."""
    countries = group_table().iso_of
    return [
        e for e in span_ents(span)
        if e.label_ == "PERSON" and re.sub(r"[’']s$", "", e.text).strip() not in countries
    ]  # fmt: skip


def source_name(doc: Doc, start: int, end: int) -> str | None:
    """A normalised name: the person or organisation, without titles, owners or acronyms.

    'National Security Council Communications Adviser John Kirby' -> 'John Kirby';
    "Ukraine's Special Operations Forces (SOF)" -> 'Special Operations Forces';
    'Ukrainian outlet evocation.info' -> 'evocation.info'; 'reports' -> None.
    """
    span = doc[start:end]
    for ent in people_in(span):
        name = re.sub(r"[’']s$", "", ent.text).strip()
        return name
    for ent in span_ents(span):
        # 'The Front for the Renewal of the North': the organisation's whole name
        if ent.label_ == "ORG" and ent.start <= span.root.i < ent.end:
            return re.sub(r"^(?:the|The) ", "", ent.text).strip()
    tokens = list(span)
    # drop a possessive owner ("Ukraine's"), parentheses and what follows a comma or preposition
    cut: list[Token] = []
    depth = 0
    skip_until = -1
    for tok in tokens:
        if tok.i <= skip_until:
            continue
        if tok.text == "(":
            depth += 1
            continue
        if tok.text == ")":
            depth -= 1
            continue
        if depth:
            continue
        if (
            tok.dep_ in {"poss", "nmod"}
            and tok.head.i < end
            and any(t.tag_ == "POS" for t in tok.subtree)
        ):
            skip_until = max(t.i for t in tok.subtree)
            continue
        if tok.text in {",", "—", "–"} or (tok.dep_ in {"prep", "relcl", "acl"} and cut):
            break
        cut.append(tok)
    words = [t for t in cut if t.dep_ != "det" and t.tag_ != "POS" and not t.is_space]
    while words and words[0].is_punct:
        words = words[1:]
    if not words:
        return None
    text = " ".join(t.text for t in words)
    if text.lower() in ANONYMOUS_SOURCES:
        return None
    # 'outlet evocation.info' -> 'evocation.info'
    for k in range(len(words) - 1, -1, -1):
        if words[k].lower_ in DESCRIPTORS and k < len(words) - 1:
            rest = words[k + 1 :]
            if rest and (rest[0].pos_ == "PROPN" or rest[0].like_url or "." in rest[0].text):
                return " ".join(doc[rest[0].i : rest[-1].i + 1].text.split())
            break
    # a name wrapped over two lines is one name: 'officials\nin Valdoria' -> one line
    return " ".join(doc[words[0].i : words[-1].i + 1].text.split())


def make_source(doc: Doc, start: int, end: int) -> SourceRef:
    start, end = _trim(doc, start, end)
    text = doc[start:end].text
    has_person = bool(people_in(doc[start:end]))
    name = source_name(doc, start, end)
    if name is None and doc[start:end].text.lower() not in ANONYMOUS_SOURCES:
        name = text or None
    root = doc[start:end].root if end > start else None
    proper = (
        root is not None and root.pos_ == "PROPN" and root.ent_type_ not in {"ORG", "GPE", "NORP"}
    )
    kind = source_kind(text, has_person, proper)
    return SourceRef(start, end, text, name, kind)


def _phrase(tok: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    """Token range of a noun phrase without relative clauses, dates and trailing clauses."""
    exclude = exclude or set()
    drop: set[int] = set()
    for child in tok.children:
        if child.dep_ in {"relcl", "acl", "advcl"} or child.i in exclude:
            drop.update(t.i for t in child.subtree)
        if child.dep_ == "prep" and any(g.ent_type_ in {"DATE", "TIME"} for g in child.subtree):
            drop.update(t.i for t in child.subtree)
        if child.dep_ == "punct" and child.i > tok.i and child.text == ",":
            # an appositive after a comma is a description, not part of the name
            for sib in tok.children:
                if sib.dep_ == "appos" and sib.i > child.i:
                    drop.update(t.i for t in sib.subtree)
            drop.add(child.i)
    kept = [t.i for t in tok.subtree if t.i not in drop]
    start, end = min(kept), max(kept) + 1
    # keep it contiguous around the head
    while start < tok.i and start in drop:
        start += 1
    return start, end


# What 'it' can stand for when it says something: a body, not a thing ('It said 38 bodies ...'
# after 'Yemen's coast guard gave a lower toll.').
SPEAKING_BODIES = {"agency", "ministry", "government", "guard", "office", "group", "organisation",
                   "organization", "company", "department", "council", "committee", "army",
                   "military", "police", "network", "service", "authority", "administration",
                   "commission", "court", "campaign", "party", "union", "bureau", "centre",
                   "center", "crescent", "cross", "mission", "unit", "force", "staff",
                   "newspaper", "broadcaster", "outlet", "channel", "station", "institute"}
# How far back, in sentences, the body that 'it' stands for may be named.
IT_LOOKBACK_SENTENCES = 2


def _antecedent_body(doc: Doc, tok: Token) -> Token | None:
    """The body 'it' stands for: the nearest subject before it, in its sentence or the two
    before, that is an organisation (an ORG name or a noun such as 'agency', 'coast guard')."""
    sentence = tok.sent
    first = sentence.start
    for _ in range(IT_LOOKBACK_SENTENCES):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for cand in reversed(doc[first : tok.i]):
        if cand.dep_ not in {"nsubj", "nsubjpass"} or cand.lower_ in PRONOUNS:
            continue
        if cand.ent_type_ == "ORG" or cand.lemma_.lower() in SPEAKING_BODIES:
            return cand
    return None


def _resolve_pronoun(doc: Doc, tok: Token) -> str | None:
    """'he said' -> the last person named before it, 'it said' -> the body named as a subject
    just before (for `source.name`)."""
    lower = tok.lower_
    if lower == "it":
        body = _antecedent_body(doc, tok)
        if body is None:
            return None
        start, end = _phrase(body)
        return source_name(doc, *_trim(doc, start, end)) or doc[start:end].text
    if lower not in {"he", "she", "they"}:
        return None
    for ent in reversed([e for e in doc_ents(doc) if e.end <= tok.i]):
        if lower in {"he", "she"} and ent.label_ == "PERSON":
            return ent.text
        if lower == "they" and ent.label_ in {"ORG", "NORP", "GPE"}:
            return ent.text
    return None


def _source_from_subject(doc: Doc, subj: Token) -> SourceRef:
    start, end = _phrase(subj)
    ref = make_source(doc, start, end)
    if subj.lower_ in PRONOUNS:
        ref.name = _resolve_pronoun(doc, subj)
        ref.kind = SourceKind.PERSON if subj.lower_ in {"he", "she"} else ref.kind
        if subj.lower_ == "it" and ref.name is not None:
            ref.kind = source_kind(ref.name, False)
    return ref


def _speaker_like(tok: Token) -> bool:
    """A subject that can hold a view: a person, organisation, place-as-government, pronoun."""
    if tok.lower_ in {"he", "she", "they", "we", "i"}:
        return True
    if tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    return tok.lemma_.lower() in {"official", "source", "aide", "spokesman", "spokeswoman",
                                  "campaign", "administration", "government", "police",
                                  "critic", "expert", "analyst", "supporter", "voter",
                                  "lawmaker", "leader", "report", "poll", "survey", "study"}
