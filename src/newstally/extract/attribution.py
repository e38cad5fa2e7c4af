"""Sources, cues, relay chains and status: who says what, through whom, how firmly.

An attribution frame is a cue ('said', 'confirmed', 'according to'), a source (its subject, or
the agent of a passive: 'confirmed by U.S. officials') and a content span (what is attributed).
Relays come from 'citing X' and 'X told Y': the source is the party nearest the facts, and the
relays run from it towards the article. The cue verb sets the status (CUE_STATUS) and the words
of the source set its kind (SOURCE_KINDS); both tables are data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newstally.model import SourceKind, Status

CUE_STATUS: dict[str, Status] = {
    **dict.fromkeys(["confirm", "acknowledge", "verify", "admit", "concede", "certify"],
                    Status.CONFIRMED),
    **dict.fromkeys(["say", "claim", "report", "tell", "announce", "add", "state", "reveal",
                     "note", "describe", "write", "declare", "allege", "insist", "assert",
                     "explain", "post", "publish", "show", "indicate", "cite", "quote", "argue",
                     "warn", "maintain", "suggest", "record", "list", "count", "put", "tally",
                     "disclose", "inform", "brief", "testify", "boast", "stress", "emphasize",
                     "respond", "reply", "answer", "recount", "recall", "observe", "predict",
                     "accuse", "blame", "announce", "mention", "remark", "agree", "complain",
                     "promise", "vow", "pledge", "urge", "call", "ask", "acknowledge",
                     # verbs of the manner or medium of saying
                     "tweet", "shout", "yell", "scream", "chant", "whisper", "mutter",
                     "exclaim", "joke", "quip", "retort", "contend", "reiterate", "caution",
                     "assure", "reassure", "comment", "aver", "opine", "proclaim",
                     "lament"],
                    Status.CLAIMED),
    **dict.fromkeys(["estimate", "believe", "assess", "expect", "think", "fear", "calculate",
                     "project", "suspect", "guess", "gauge", "reckon", "assume", "understand",
                     "consider", "feel", "hope", "worry", "conclude", "find"],
                    Status.ESTIMATED),
    **dict.fromkeys(["deny", "reject", "dismiss", "refute", "rebut"], Status.DENIED),
    **dict.fromkeys(["dispute", "question", "contest", "challenge", "doubt"], Status.DISPUTED),
}  # fmt: skip
# "acknowledge" is listed twice above; the first (confirmed) wins by dict order below.
CUE_STATUS["acknowledge"] = Status.CONFIRMED
# Cues that only attribute with a clause or object of speech, never with a bare noun object.
# ('agree with', 'complained about', 'understood the past' attribute without a clause.)
CLAUSE_ONLY_CUES = {"show", "find", "feel", "hope", "worry", "call", "ask", "consider",
                    "record", "list", "count", "post", "publish", "put", "answer",
                    "respond", "reply", "promise", "vow", "pledge", "urge", "predict", "blame",
                    "accuse", "suggest", "mention", "remark"}  # fmt: skip
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
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd", "parataxis"}
NEGATIONS = {"not", "n't", "never", "no"}
# 'X reported, citing / quoting Y': Y is the source, X a relay.
RELAY_VERBS = {"cite", "quote"}
# Definite descriptions that refer back to a named source: 'the office', 'the agency'.
ANAPHORIC_HEADS = {"office", "agency", "ministry", "council", "group", "organisation",
                   "organization", "department", "committee", "commission", "force", "forces",
                   "army", "military", "government", "charity", "outlet", "newspaper", "site",
                   "service", "authority", "authorities", "mission", "monitor", "observatory"}


@dataclass
class SourceRef:
    """A source phrase: token range and the derived name and kind."""

    start: int
    end: int
    text: str
    name: str | None
    kind: SourceKind


@dataclass
class Frame:
    """One attribution: cue, source, content and relays, as token and character ranges."""

    cue: str
    cue_start: int
    cue_end: int
    status: Status
    source: SourceRef | None
    content_start: int  # char offset
    content_end: int  # char offset
    via: list[SourceRef] = field(default_factory=list)
    recipient: SourceRef | None = None
    sentence_start: int = 0
    sentence_end: int = 0

    def covers(self, start: int, end: int) -> bool:
        return self.content_start <= start and end <= self.content_end


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


def source_name(doc: Doc, start: int, end: int) -> str | None:
    """A normalised name: the person or organisation, without titles, owners or acronyms.

    'National Security Council Communications Adviser John Kirby' -> 'John Kirby';
    "Ukraine's Special Operations Forces (SOF)" -> 'Special Operations Forces';
    'Ukrainian outlet evocation.info' -> 'evocation.info'; 'reports' -> None.
    """
    span = doc[start:end]
    for ent in span.ents:
        if ent.label_ == "PERSON":
            name = re.sub(r"[’']s$", "", ent.text).strip()
            return name
    for ent in span.ents:
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
    has_person = any(e.label_ == "PERSON" for e in doc[start:end].ents)
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


def _resolve_pronoun(doc: Doc, tok: Token) -> str | None:
    """'he said' -> the last person named before it (for `source.name`)."""
    lower = tok.lower_
    if lower not in {"he", "she", "they"}:
        return None
    for ent in reversed([e for e in doc.ents if e.end <= tok.i]):
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
    return ref


CALL_FOR = {"call", "ask", "push", "press", "argue", "plead", "appeal", "advocate", "lobby"}


# Verbs that voice a view through a preposition: its object is what the view is about.
PHRASAL_CUES: dict[str, frozenset[str]] = {
    verb: frozenset(preps.split())
    for verb, preps in {
        "speak": "of about", "talk": "about", "rail": "against", "vote": "for against",
        "decide": "against on", "warn": "against about of", "complain": "about of",
        "seize": "on upon", "bristle": "at", "go": "after", "call": "for on",
        "comment": "on about", "apologize": "for", "apologise": "for", "advocate": "for",
        "argue": "for against about", "insist": "on", "object": "to", "push": "for",
        "lash": "at against", "weigh": "on about", "focus": "on", "double": "on",
        "campaign": "for against",
        "rally": "behind against around", "side": "with against", "agree": "with on",
        "disagree": "with on about", "boast": "about of", "brag": "about", "joke": "about",
        "worry": "about", "care": "about", "fret": "about over", "testify": "about",
        "muse": "about on", "plead": "for", "appeal": "for to", "lobby": "for against",
        "hint": "at", "elaborate": "on", "dwell": "on", "harp": "on", "scoff": "at",
        "balk": "at", "lament": "over", "marvel": "at", "protest": "against",
    }.items()
}  # fmt: skip


def _phrasal_cue(verb: Token, child: Token) -> bool:
    """'railed against the deal': a verb of voicing a view and its preposition."""
    preps = PHRASAL_CUES.get(verb.lemma_.lower())
    return (
        preps is not None
        and child.dep_ == "prep"
        and child.lower_ in preps
        and child.i > verb.i
    )


def _content_range(verb: Token, skip: set[int]) -> tuple[int, int] | None:
    """Character range of what a cue verb attributes: its clause or object."""
    parts: list[Token] = []
    for child in verb.children:
        if child.i in skip:
            continue
        if (
            child.dep_ in CONTENT_DEPS
            or child.dep_ == "prep"
            and child.lower_ in {"as", "about", "of"}
            and child.i > verb.i
        ):
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ == "for" and verb.lemma_.lower() in CALL_FOR:
            parts.append(child)  # 'called for a ban'
        elif child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_.lower() == "point":
            parts.append(child)  # 'pointed to the polls'
        elif _phrasal_cue(verb, child):
            parts.append(child)  # 'railed against the deal', 'spoke of his fears'

    if not parts:
        return None
    for part in parts:
        skip = skip | _trailing_asides(part)
    tokens = [t for p in parts for t in p.subtree if t.i not in skip]
    if not tokens:
        return None
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


# Clause relations that can hang a separate statement on the end of what is attributed.
ASIDE_DEPS = {"advcl", "relcl", "acl", "conj"}
# Marks that set an aside off from the clause before it.
ASIDE_MARKS = {",", ";", "(", "—", "–", "--", "-"}


def _trailing_asides(part: Token) -> set[int]:
    """Tokens of statements set off at the end of a content clause, which are not what was said.

    'He said the plan was dead, citing the vote' or '..., although he refused to ...' or
    'endorsed Smith, who says he is honored': a clause after the comma that holds a cue of its
    own is a second statement, and leaving it in lets this content swallow that one. A clause
    joined by 'and' counts when its verb is itself a cue ('... and warned that ...'). An aside
    with no cue stays: 'killed two, raising the toll to 31' is all the speaker's.
    """
    dropped: set[int] = set()
    end = max(t.i for t in part.subtree)
    while True:
        cut = None
        for tok in part.subtree:
            if tok.i in dropped or tok.dep_ not in ASIDE_DEPS or tok.i == part.i:
                continue
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            sub = [t.i for t in tok.subtree]
            if max(sub) != end:
                continue
            first = min(sub)
            doc = tok.doc
            before = doc[first - 1] if first > part.left_edge.i else None
            if before is None:
                continue
            set_off = before.text in ASIDE_MARKS
            if tok.dep_ == "conj" and not set_off:
                set_off = before.dep_ == "cc" and _is_cue(tok)
            if not set_off or not any(_is_cue(t) for t in tok.subtree):
                continue
            if cut is None or first < min(t.i for t in cut.subtree):
                cut = tok
        if cut is None:
            return dropped
        first = min(t.i for t in cut.subtree)
        dropped.update(t.i for t in cut.subtree)
        k = first - 1
        while k > part.i and (cut.doc[k].is_punct or cut.doc[k].dep_ == "cc"):
            dropped.add(k)
            k -= 1
        end = k
        if end <= part.i:
            return dropped


def _relays(doc: Doc, verb: Token) -> list[Token]:
    """'citing X' under a cue verb: X, the party nearer the facts."""
    cited = []
    for child in verb.subtree:
        if (
            child.lemma_ in RELAY_VERBS
            and child.i != verb.i
            and child.dep_ in {"advcl", "xcomp", "acl", "relcl", "conj", "pcomp"}
        ):
            for obj in child.children:
                if obj.dep_ == "dobj":
                    cited.append(obj)
    return cited


def _status(lemma: str, verb: Token) -> Status:
    status = CUE_STATUS.get(lemma, Status.CLAIMED)
    negated = any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in verb.children)
    if negated and status in {Status.CONFIRMED, Status.CLAIMED}:
        return Status.DISPUTED if status == Status.CONFIRMED else Status.DENIED
    return status


def find_frames(doc: Doc) -> list[Frame]:
    """Every attribution frame in the document, in text order."""
    frames: list[Frame] = []
    for sent in doc.sents:
        frames.extend(_frames_in_sentence(doc, sent))
    frames.sort(key=lambda f: (f.content_start, f.cue_start))
    _resolve_definite_sources(doc, frames)
    return frames


def _resolve_definite_sources(doc: Doc, frames: list[Frame]) -> None:
    """'The office said ...' after 'the UN human rights office said ...': the same source.

    A source written as 'the' + one head noun takes the name and kind of the nearest earlier
    source whose words contain that noun; `text` stays the words in the sentence.
    """
    named: list[SourceRef] = []
    for frame in sorted(frames, key=lambda f: f.cue_start):
        ref = frame.source
        if ref is None:
            continue
        words = ref.text.lower().split()
        head = words[-1] if words else ""
        before = doc[ref.start - 1] if ref.start > 0 else None
        definite = before is not None and before.lower_ == "the"
        if definite and len(words) == 1 and head in ANAPHORIC_HEADS:
            for earlier in reversed(named):
                if head in earlier.text.lower().split() and earlier.text.lower() != head:
                    ref.name, ref.kind = earlier.name, earlier.kind
                    break
        else:
            named.append(ref)


def _according_to(doc: Doc, sent: Span) -> list[Frame]:
    frames = []
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= sent.end or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        obj = objs[0]
        start, end = _phrase(obj)
        source = make_source(doc, start, end)
        phrase_end = max(t.i for t in obj.subtree) + 1
        # content: the sentence without the 'according to' phrase
        if tok.i <= sent.start + 1:
            c_start_tok = phrase_end
            while c_start_tok < sent.end and doc[c_start_tok].is_punct:
                c_start_tok += 1
            c_end_tok = sent.end
        else:
            c_start_tok = sent.start
            c_end_tok = tok.i
        while c_end_tok > c_start_tok and (
            doc[c_end_tok - 1].is_punct or doc[c_end_tok - 1].is_space
        ):
            c_end_tok -= 1
        if c_end_tok <= c_start_tok:
            continue
        cited = [c for c in obj.subtree if c.lemma_ in RELAY_VERBS]
        via: list[SourceRef] = []
        if cited:
            for c in cited:
                dobj = [g for g in c.children if g.dep_ == "dobj"]
                if dobj:
                    via = [
                        SourceRef(source.start, source.end, source.text, source.name, source.kind)
                    ]
                    s2, e2 = _phrase(dobj[0])
                    source = make_source(doc, s2, e2)
                    # the relay phrase ends before ", which cited"
                    first_rel = min(t.i for t in c.subtree)
                    rs, re_ = _trim(doc, via[0].start, min(via[0].end, first_rel))
                    via = [make_source(doc, rs, re_)]
        frames.append(
            Frame(
                cue="according to",
                cue_start=tok.i,
                cue_end=tok.i + 2,
                status=Status.CLAIMED,
                source=source,
                content_start=doc[c_start_tok].idx,
                content_end=doc[c_end_tok - 1].idx + len(doc[c_end_tok - 1].text),
                via=via,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
            )
        )
    return frames


# 'In a new poll, ...', 'In his view, ...', 'By one estimate, ...': a preposition whose object
# names where a statement comes from, standing in for a cue verb.
SOURCE_PREPOSITIONS = {"in", "by"}
SOURCE_NOUNS = {"poll", "survey", "study", "view", "eyes", "opinion", "estimate", "account",
                "analysis", "assessment", "judgment", "judgement", "telling", "reckoning",
                "count", "calculation", "tally", "mind", "words"}  # fmt: skip


def _source_phrase_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'In a poll released Monday, Smith led by 5 points': the sentence without the phrase is
    the content and the phrase's object the source. Skipped when the phrase hangs on a cue verb
    ('said in an interview'), whose own frame already holds the statement."""
    frames = []
    for prep in sent:
        if prep.lower_ not in SOURCE_PREPOSITIONS or prep.dep_ != "prep":
            continue
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs or objs[0].lemma_.lower() not in SOURCE_NOUNS:
            continue
        if prep.head.pos_ in {"VERB", "AUX"} and _is_cue(prep.head):
            continue
        obj = objs[0]
        phrase = [t.i for t in prep.subtree]
        first, last = min(phrase), max(phrase) + 1
        if first <= sent.start + 1:
            c_start = last
            while c_start < sent.end and (doc[c_start].is_punct or doc[c_start].is_space):
                c_start += 1
            c_end = sent.end
        else:
            c_start, c_end = sent.start, first
        while c_end > c_start and (doc[c_end - 1].is_punct or doc[c_end - 1].is_space):
            c_end -= 1
        if c_end <= c_start:
            continue
        start, end = _phrase(obj)
        frames.append(Frame(
            cue=prep.lower_, cue_start=prep.i, cue_end=prep.i + 1, status=Status.CLAIMED,
            source=make_source(doc, start, end), content_start=doc[c_start].idx,
            content_end=doc[c_end - 1].idx + len(doc[c_end - 1].text),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames


# Adjectives of stance and certainty after a copula: 'She was sure that ...', 'They are
# worried about ...', 'He is determined to ...'. Their clause or phrase is the content.
STANCE_ADJECTIVES = {"sure", "certain", "confident", "convinced", "worried", "concerned",
                     "frustrated", "afraid", "fearful", "hopeful", "optimistic", "pessimistic",
                     "skeptical", "sceptical", "critical", "opposed", "supportive", "eager",
                     "determined", "adamant", "willing", "unwilling", "reluctant", "wary",
                     "doubtful", "coy", "passionate", "furious", "angry", "upset",
                     "proud", "ready", "keen", "insistent", "unhappy", "disappointed",
                     "satisfied", "dissatisfied", "pleased"}  # fmt: skip
STANCE_COMPLEMENTS = {"ccomp", "xcomp", "prep"}


def _stance_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'Protesters were frustrated that the video was cut': the subject of the copula holds
    the view its adjective names, about the adjective's clause or phrase."""
    frames = []
    for adj in sent:
        if adj.lower_ not in STANCE_ADJECTIVES or adj.dep_ not in {"acomp", "oprd"}:
            continue
        parts = [c for c in adj.children if c.dep_ in STANCE_COMPLEMENTS]
        if not parts:
            continue
        subjects = [c for c in adj.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or subjects[0].lower_ in {"it", "this", "that", "there"}:
            continue
        tokens = [t for p in parts for t in p.subtree]
        frames.append(Frame(
            cue=adj.lower_, cue_start=adj.i, cue_end=adj.i + 1, status=Status.ESTIMATED,
            source=_source_from_subject(doc, subjects[0]),
            content_start=min(t.idx for t in tokens),
            content_end=max(t.idx + len(t.text) for t in tokens),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames


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


# Verbs of intent and stance: PARC counts 'Republicans want lower taxes' as attributed too.
ATTITUDE_VERBS = {"want", "need", "plan", "intend", "seek", "aim", "decide", "refuse",
                  "threaten", "support", "oppose", "criticize", "criticise", "condemn",
                  "praise", "demand", "propose", "favor", "favour", "reject", "endorse",
                  "attack", "blast", "slam", "defend", "back", "emphasize", "stress",
                  "insist", "question", "doubt", "prefer", "urge", "welcome", "applaud",
                  "decry", "denounce", "fault", "brand", "label", "dub", "vow", "promise",
                  "pledge", "ask", "call", "show", "suggest", "indicate",
                  "point",
                  # verbs of voicing, weighing and naming a view, with an object: 'offered
                  # support', 'expressed doubts', 'mocked the plan', 'likened him to ...'
                  "offer", "express", "decline", "mock", "ridicule", "highlight", "view",
                  "encourage", "reference", "detail", "invoke", "recognize", "recognise",
                  "liken", "compare", "address", "promote", "champion", "embrace", "examine",
                  "discuss", "mention", "echo", "tout", "hail", "laud", "lament", "bemoan",
                  "like", "love", "hate", "dislike", "accept", "outline",
                  "challenge",
                  # accusing and blaming name their charge with 'of' and 'for'
                  "accuse", "blame"}  # fmt: skip


# Verbs that take a clause or object without reporting anyone's words or views: 'the rule
# allows banks to ...', 'the plan needs votes', 'the war cost jobs', 'it means that ...'.
NOT_CUE_VERBS = {"allow", "need", "mean", "cost", "go", "earn", "end", "hold", "sit", "launch",
                 "attract", "receive", "hit", "expose", "pursue", "model", "cause", "require",
                 "enable", "force", "lead", "help", "keep", "leave", "take", "give", "bring",
                 "put", "set", "become", "remain", "seem", "appear"}  # fmt: skip


# Links from a verb with no subject of its own to the verb whose subject it shares: 'criticized
# X and praised Y' (conj), 'refused to answer' (xcomp), 'responded, saying ...' (advcl),
# 'by saying that ...' (pcomp under a preposition).
SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "pcomp"}
SHARED_SUBJECT_HOPS = 3


def _shared_subject(verb: Token) -> Token | None:
    """The subject a verb without one takes from the verb it hangs on, up a few links."""
    tok = verb
    for _ in range(SHARED_SUBJECT_HOPS):
        if tok.dep_ not in SHARED_SUBJECT_DEPS:
            return None
        head = tok.head
        if tok.dep_ == "pcomp" and head.pos_ == "ADP":
            head = head.head
        if head is tok or head.pos_ not in {"VERB", "AUX"}:
            return None
        if tok.dep_ == "conj" and not any(c.dep_ == "cc" and c.i < tok.i for c in head.children):
            return None  # a conjunct with no 'and' is more often a misparsed noun: ', figures'
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
        if any(c.dep_ == "nsubjpass" for c in head.children):
            return None
        tok = head
    return None


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Verbs that cast a view with 'as': 'critics see the law as a loophole', 'portrayed him as'.
REGARD_AS_VERBS = {"see", "regard", "portray", "characterize", "characterise", "cast", "paint",
                   "depict", "frame", "treat"}  # fmt: skip


def _regards_as(verb: Token) -> bool:
    """'see X as Y' with a subject: a view of X, whoever holds it."""
    return (
        verb.lemma_.lower() in REGARD_AS_VERBS
        and verb.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in verb.children)
        # 'as' hangs on the verb or, as the parser often has it, on the object
        and any(
            c.dep_ == "prep" and c.lower_ == "as"
            for t in [verb, *(o for o in verb.children if o.dep_ == "dobj")]
            for c in t.children
        )
        and (any(c.dep_ == "nsubj" for c in verb.children) or _shared_subject(verb) is not None)
    )


def _is_cue(verb: Token) -> bool:
    """A cue verb: from the table, or any verb that takes a clause from a speaker-like subject
    ('Trump wants the wall built', 'officials believe that ...'), as PARC annotates them."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    if verb.lemma_.lower() in CUE_STATUS:
        return True
    if _regards_as(verb):
        return True
    if verb.lemma_.lower() in {"be", "have", "do", "make", "let", "help", "see", "get"}:
        return False
    deps = {"ccomp", "xcomp", "dobj"} if verb.lemma_.lower() in ATTITUDE_VERBS else {"ccomp"}
    clause = any(c.dep_ in deps or _phrasal_cue(verb, c) for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and (shared := _shared_subject(verb)) is not None:
        subjects = [shared]
    if not clause or not subjects:
        return False
    subject = subjects[0]
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head  # 'the union, which endorsed ...': the union holds the view
    if _speaker_like(subject):
        return True
    # 'The union endorsed Smith', 'The court ruled that ...': a named or common noun can hold a
    # view when the verb is one of stance or takes a clause; verbs of having and causing cannot.
    return subject.pos_ in {"NOUN", "PROPN"} and verb.lemma_.lower() not in NOT_CUE_VERBS


NOMINAL_CUES = {"claim", "statement", "assertion", "allegation", "argument", "suggestion",
                "warning", "belief", "view", "promise", "pledge", "remark", "comment",
                "accusation", "denial", "insistence", "fear", "hope", "call", "demand",
                "proposal", "plan", "vow", "threat", "prediction", "estimate", "assessment",
                "announcement", "admission", "contention", "charge", "complaint", "insinuation",
                "theory", "position", "idea", "notion", "pitch", "message", "decision",
                # nouns of judging and answering: 'her criticism of', 'his praise for'
                "criticism", "attack", "praise", "concern", "worry", "doubt", "skepticism",
                "scepticism", "opposition", "objection", "support", "endorsement", "rejection",
                "rhetoric", "opinion", "reaction", "response", "answer", "explanation",
                "account", "description", "testimony", "advice", "recommendation", "request",
                "appeal", "assurance", "admiration", "disdain", "contempt",
                "determination", "push", "defense", "defence", "campaign",
                "crusade"}  # fmt: skip


# Prepositions that give the topic of a nominal cue whose owner is named: 'her criticism of',
# 'his remarks about', 'their attacks on'.
NOMINAL_TOPIC_PREPS = {"of", "about", "on", "over", "against", "for", "toward", "towards"}


def _nominal_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'The mayor's claim that there had been hundreds of complaints': a noun as the cue, its
    owner ('Trump's') or agent ('by the ministry') as the source, its clause as the content."""
    frames = []
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOMINAL_CUES:
            continue
        clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}
                   and any(g.dep_ == "mark" or g.lower_ == "to" for g in c.children)]
        if not clauses:
            # 'his comments about the wall', "Trump's attacks on Machado": the topic
            clauses = [c for c in noun.children if c.dep_ == "prep"
                       and c.lower_ in NOMINAL_TOPIC_PREPS and c.i > noun.i
                       and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)]
        if not clauses:
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        agents = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        holder = owners[0] if owners else agents[0] if agents else None
        if holder is None or holder.lower_ in {"its", "their"} and not _speaker_like(holder):
            continue
        tokens = list(clauses[0].subtree)
        source = _source_from_subject(doc, holder)
        frames.append(Frame(
            cue=noun.lemma_.lower(), cue_start=noun.i, cue_end=noun.i + 1,
            status=CUE_STATUS.get(noun.lemma_.lower(), Status.CLAIMED), source=source,
            content_start=tokens[0].idx, content_end=tokens[-1].idx + len(tokens[-1].text),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames


# Words that label a passage rather than name a speaker: 'Correction: ...', 'Source: ...'.
COLON_LABELS = {"correction", "clarification", "source", "sources", "update",
                "updated", "note", "editor", "photo", "video", "related", "read", "watch",
                "see", "listen", "credit", "contact", "disclosure", "warning"}  # fmt: skip
# The most words a bare name before a colon may have: 'SMITH:', 'Senator Jane Doe:', 'Poll:'.
COLON_NAME_TOKENS = 5


def _line_end(doc: Doc, start: int) -> int:
    """Index of the token that ends the paragraph holding token `start` (exclusive)."""
    k = start
    while k < len(doc) and "\n" not in doc[k].text:
        if doc[k].whitespace_ == "" and k + 1 < len(doc) and "\n" in doc[k + 1].text:
            return k + 1
        k += 1
    return k


def _is_transcript(doc: Doc) -> bool:
    """Whether two or more lines open with an all-caps word and a colon ('HARPER: ...'): a
    transcript, whose labels name speakers. One such line is a kicker over a story."""
    labels = 0
    for tok in doc[:-1]:
        line_start = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
        if line_start and tok.is_upper and len(tok.text) > 1 and doc[tok.i + 1].text == ":":
            labels += 1
            if labels >= 2:
                return True
    return False


def _colon_frames(doc: Doc, sent: Span) -> list[Frame]:
    """'The governor added: ...', 'SMITH: Well, ...', 'Poll: Smith leads': a colon that stands
    for a speech verb, or follows one that has no clause of its own. The content runs from the
    colon to the end of the paragraph (the next one when the colon ends its line), since a
    transcript turn or a quoted passage after a colon is often several sentences long."""
    frames = []
    for colon in sent:
        if colon.text != ":" or colon.i + 1 >= len(doc):
            continue
        lead = [t for t in doc[sent.start : colon.i] if not t.is_space]
        if not lead:
            continue
        verbs = [t for t in lead if t.pos_ in {"VERB", "AUX"}]
        source_tok: Token | None = None
        cue = ":"
        cue_tok = colon
        if verbs:
            verb = verbs[-1]
            lemma = verb.lemma_.lower()
            if lemma not in CUE_STATUS and lemma not in SPEECH_AFTER_COLON:
                continue
            if any(c.dep_ in {"ccomp", "xcomp"} and c.i < colon.i for c in verb.children):
                continue  # the verb has its own clause before the colon
            subjects = [c for c in verb.children if c.dep_ in {"nsubj"}]
            if not subjects:
                continue
            source_tok, cue, cue_tok = subjects[0], lemma, verb
        elif len(lead) <= COLON_NAME_TOKENS:
            # the word the name hangs from: its head lies outside the name
            heads = [t for t in lead if not lead[0].i <= t.head.i < colon.i or t.dep_ == "ROOT"]
            head = heads[0] if heads else lead[-1]
            shouted = head.is_upper and len(head.text) > 1  # 'SMITH:', but also 'FLOODS:'
            named = head.ent_type_ in {"PERSON", "ORG"} or (
                head.pos_ == "PROPN" and not shouted
            )
            if shouted and not named and len(lead) == 1 and not _is_transcript(doc):
                continue  # a kicker over a story ('FLOODS: ...', 'BREAKING: ...')
            if not (named or shouted or _speaker_like(head)):
                continue
            if any(t.lower_ in COLON_LABELS for t in lead):
                continue
            source_tok = head
        else:
            continue
        first = colon.i + 1
        while first < len(doc) and (doc[first].is_space or doc[first].text in {'"', "“"}):
            first += 1
        if first >= len(doc):
            continue
        last = _line_end(doc, first)
        while last > first and (doc[last - 1].is_space or doc[last - 1].text in {'"', "”"}):
            last -= 1
        if last <= first:
            continue
        if verbs:
            source = _source_from_subject(doc, source_tok)
        else:
            source = make_source(doc, lead[0].i, lead[-1].i + 1)
        frames.append(Frame(
            cue=cue, cue_start=cue_tok.i, cue_end=cue_tok.i + 1,
            status=CUE_STATUS.get(cue, Status.CLAIMED), source=source,
            content_start=doc[first].idx, content_end=doc[last - 1].idx + len(doc[last - 1].text),
            sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames


# Verbs that introduce speech after a colon besides the cue table: 'He continued: ...'.
SPEECH_AFTER_COLON = {"continue", "comment", "respond", "reply", "write", "tweet", "conclude",
                      "begin", "start", "explain", "put"}  # fmt: skip


def _frames_in_sentence(doc: Doc, sent: Span) -> list[Frame]:
    colon = _colon_frames(doc, sent)
    taken = {f.cue_start for f in colon}
    frames = _according_to(doc, sent) + _nominal_frames(doc, sent) + colon
    frames += _source_phrase_frames(doc, sent) + _stance_frames(doc, sent)
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.i in taken:
            continue
        if not _is_cue(verb):
            continue
        source_tok: Token | None = None
        content: tuple[int, int] | None = None
        # the subject nearest the verb: the parser may hang a dateline on as a second one
        subjects = sorted(
            (c for c in verb.children if c.dep_ in SUBJECT_DEPS),
            key=lambda c: abs(verb.i - c.i),
        )
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]  # fmt: skip
        recipient: SourceRef | None = None
        skip: set[int] = set()
        own_subject = any(c.dep_ == "nsubj" for c in verb.children)
        if (
            verb.dep_ in {"acl", "relcl"}
            and verb.head.pos_ in {"NOUN", "PROPN", "NUM"}
            and not own_subject
        ):
            noun = verb.head
            if agents:
                # 'the several dozens of casualties confirmed by U.S. officials': the content is
                # the whole noun phrase, from the count that 'of casualties' hangs on
                source_tok = agents[0]
                if noun.dep_ == "pobj" and noun.head.lower_ == "of":
                    noun = noun.head.head
                head_tokens = [t for t in noun.subtree if t.i < verb.i]
                content = (
                    min(t.idx for t in head_tokens),
                    max(t.idx + len(t.text) for t in head_tokens),
                )
            elif verb.dep_ == "acl" and verb.tag_ == "VBG":
                # 'reports on Tuesday revealing several hundred killed'
                source_tok = noun
                content = _content_range(verb, skip)
            else:
                continue
        else:
            if agents and verb.tag_ == "VBN":
                source_tok = agents[0]
                if subjects:
                    s = subjects[0]
                    content = (
                        min(t.idx for t in s.subtree),
                        max(t.idx + len(t.text) for t in s.subtree),
                    )
            elif subjects and subjects[0].dep_ != "nsubjpass":
                source_tok = subjects[0]
            elif not subjects:
                source_tok = _shared_subject(verb)
            if source_tok is None or source_tok.lower_ in {"it", "this", "that", "there"}:
                continue
            for child in verb.children:
                if child.dep_ in {"dative"} or (
                    lemma == "tell"
                    and child.dep_ == "dobj"
                    and child.ent_type_ in {"ORG", "PERSON"}
                ):
                    rs, re_ = _phrase(child)
                    recipient = make_source(doc, rs, re_)
                    skip.update(t.i for t in child.subtree)
            if content is None:
                skip.update(t.i for t in source_tok.subtree)
                content = _content_range(verb, skip)
            if content is None and verb.dep_ in {"parataxis", "ccomp", "advcl"}:
                # 'The museum, Mr. Bush said, celebrated ...': the host clause is the content
                inner = {t.i for t in verb.subtree}
                host = [t for t in verb.head.subtree if t.i not in inner and not t.is_punct]
                if host:
                    content = (host[0].idx, host[-1].idx + len(host[-1].text))
        if content is None or source_tok is None:
            continue
        if (
            lemma in CLAUSE_ONLY_CUES
            and lemma not in ATTITUDE_VERBS
            and not any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)
        ):
            continue
        source = _source_from_subject(doc, source_tok)
        via: list[SourceRef] = []
        cited = _relays(doc, verb)
        if cited:
            via = [source]
            s2, e2 = _phrase(cited[0])
            source = make_source(doc, s2, e2)
        if recipient is not None and recipient.kind == SourceKind.MEDIA:
            via.append(recipient)
        frames.append(
            Frame(
                cue=lemma,
                cue_start=verb.i,
                cue_end=verb.i + 1,
                status=_status(lemma, verb),
                source=source,
                content_start=content[0],
                content_end=content[1],
                via=via,
                recipient=recipient,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
            )
        )
    return frames


# Cues that attribute with no source named: 'He is expected to win', 'She was accused of
# fraud', 'Statements were rated false'; the passive hides who expects, accuses or rates.
# Not 'supposed to' (obligation), 'charged with' (a legal act) or 'seen', 'known', 'called'
# (too often plain description).
UNSOURCED_PASSIVE_CUES = {"expect", "accuse", "criticize", "criticise", "consider", "think",
                          "believe", "blame", "rate", "label", "dub", "report", "allege",
                          "suspect", "rumor", "rumour", "fear", "deem", "describe",
                          "estimate", "view", "regard", "brand", "define", "say",
                          "understand", "assume", "project", "predict", "presume", "debate",
                          "question", "dispute", "implicate"}  # fmt: skip
# Verbs of seeming: the writer's impression ('He seems confident'), attributed to no one.
SEEM_VERBS = {"seem", "appear"}
SEEM_COMPLEMENTS = {"xcomp", "ccomp", "acomp", "oprd", "attr", "prep"}
# Adverbs that attribute their clause to someone unnamed: 'he allegedly fired a pistol'.
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "presumably",
                   "ostensibly"}  # fmt: skip


def _clause_range(head: Token) -> tuple[int, int]:
    """Character range of a clause: its head's subtree without the closing punctuation."""
    tokens = [t for t in head.subtree if not t.is_space]
    while len(tokens) > 1 and tokens[-1].is_punct and tokens[-1].text not in {'"', "”", "’"}:
        tokens.pop()
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _agentless_passive(tok: Token) -> bool:
    """'was accused of', 'is expected to': a passive cue verb with no 'by' agent."""
    return (
        tok.pos_ == "VERB"
        and tok.tag_ == "VBN"
        and tok.lemma_.lower() in UNSOURCED_PASSIVE_CUES
        and any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
        and not any(c.dep_ == "agent" for c in tok.children)
    )


def _seeming(tok: Token) -> bool:
    """'seems confident', 'appears to be', 'seems like': a verb of seeming with a complement."""
    return (
        tok.lemma_.lower() in SEEM_VERBS
        and tok.pos_ == "VERB"
        and any(c.dep_ in SEEM_COMPLEMENTS for c in tok.children)
    )


def _unsourced_clause_head(tok: Token) -> Token | None:
    """The head of the clause `tok` attributes to no one named, if it is such a cue."""
    if _agentless_passive(tok) or _seeming(tok):
        return tok
    if tok.lower_ in HEARSAY_ADVERBS and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head
    return None


def find_unsourced_frames(doc: Doc) -> list[Frame]:
    """Statements the article attributes without naming a source: agentless passives of cue
    verbs, verbs of seeming and hearsay adverbs. Kept apart from `find_frames`, whose frames
    give figures their sources, so that 'is believed killed' never hides 'police said'."""
    frames: list[Frame] = []
    for sent in doc.sents:
        for tok in sent:
            lemma = tok.lemma_.lower()
            head = _unsourced_clause_head(tok)
            if head is None:
                continue
            start, end = _clause_range(head)
            frames.append(Frame(
                cue=lemma, cue_start=tok.i, cue_end=tok.i + 1,
                status=CUE_STATUS.get(lemma, Status.CLAIMED), source=None,
                content_start=start, content_end=end,
                sentence_start=sent.start_char, sentence_end=sent.end_char))
    return frames


def innermost_frame(frames: list[Frame], start: int, end: int) -> Frame | None:
    """The attribution whose content holds [start, end) most tightly."""
    holding = [f for f in frames if f.covers(start, end)]
    if not holding:
        return None
    return min(holding, key=lambda f: f.content_end - f.content_start)
