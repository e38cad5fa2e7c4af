"""Direct quotes with their speakers: '"...," Mykhailo Makaruk, a soldier, told Radio Free Asia.'

Quotes are found by their marks, not by sentences (a quote may hold several sentences). The
speaker is the subject of a speech verb just after the closing mark or just before the opening
one. A quote with no speech verb of its own that follows a quote continues its speaker's words
('..." Makaruk told RFA. "...'); a short quote with no speaker is a scare quote and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newstally.extract.attribution import (
    CUE_STATUS,
    PRONOUNS,
    SourceRef,
    _phrase,
    _resolve_pronoun,
    make_source,
)
from newstally.extract.doccache import doc_text, first_token_from, last_token_before
from newstally.model import Quote, SourceKind, Span

# A quoted body holds no line break, and a straight-quoted one no curly marks: a stray mark
# would otherwise pair with the next one paragraphs later and swallow everything between. (A
# quote that runs over paragraphs opens each one and closes only the last, so a pair never
# spans a break.)
# Some archives write a double quote as two apostrophes: ''Of course,'' he said.
QUOTE_PAIRS = re.compile(
    r"“(?P<curly>[^“”\n]{1,5000})”|\"(?P<straight>[^\"“”\n]{1,5000})\""
    r"|''(?P<doubled>(?:(?!'')[^\n]){1,5000})''"
)
QUOTE_GROUPS = ("curly", "straight", "doubled")
SPEECH_CUES = {lemma for lemma in CUE_STATUS} | {"ask", "shout", "write", "tweet", "joke"}
WINDOW_TOKENS = 14
# A signature after a dash, spaces included (no-break ones too, not line breaks).
DASH_SIGNATURE = re.compile(
    r"[^\S\n]*[―—–][^\S\n]*(?P<name>[A-Z][\w.'’-]+(?:[^\S\n]+[A-Z][\w.'’-]+){0,3})"
)
MIN_QUOTE_WORDS = 5
# how far (characters) a continuation may start after the previous quote ended
CONTINUATION_GAP = 400


@dataclass
class FoundQuote:
    quote: Quote
    speaker: SourceRef | None
    cue: str | None
    cue_start: int | None


def _tokens_after(doc: Doc, char: int) -> list[Token]:
    """Tokens from `char` up to the end of the attribution clause (sentence end or a new quote)."""
    out: list[Token] = []
    for i in range(first_token_from(doc, char), len(doc)):
        tok = doc[i]
        if tok.text in {"“", '"'} or len(out) >= WINDOW_TOKENS:
            break
        out.append(tok)
        if tok.text in {".", "!", "?", ";"} or "\n" in tok.text:
            break
    return out


def _tokens_before(doc: Doc, char: int) -> list[Token]:
    """Tokens ending at or before `char`, back to the start of the clause (at most a window)."""
    out: list[Token] = []
    for i in range(last_token_before(doc, char), -1, -1):
        tok = doc[i]
        if tok.text in {"”", '"', ".", "!", "?"} or "\n" in tok.text or len(out) >= WINDOW_TOKENS:
            break
        out.append(tok)
    return list(reversed(out))


def _last_mark_before(text: str, end: int) -> str:
    """The last character before `end` that is not a space or tab ('' if none): what
    `text[:end].rstrip(" \\t")[-1:]` gives, read backwards instead of copying the article."""
    i = end - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return text[i] if i >= 0 else ""


def _speech_verb(tokens: list[Token]) -> Token | None:
    for tok in tokens:
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in SPEECH_CUES:
            return tok
    return None


def _speaker(doc: Doc, verb: Token) -> tuple[SourceRef | None, str | None, str | None]:
    """(speaker, description, recipient) of a speech verb."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return None, None, None
    subj = subjects[0]
    start, end = _phrase(subj)
    ref = make_source(doc, start, end)
    description = None
    for child in subj.children:
        if child.dep_ == "appos":
            ds = min(t.i for t in child.subtree)
            de = max(t.i for t in child.subtree) + 1
            description = doc[ds:de].text.strip(" ,")
    if subj.lower_ in PRONOUNS:
        ref.name = _resolve_pronoun(doc, subj)
    recipient = None
    if verb.lemma_.lower() == "tell":
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"}:
                rs = min(t.i for t in child.subtree)
                re_ = max(t.i for t in child.subtree) + 1
                recipient = doc[rs:re_].text.strip(" ,.")
    return ref, description, recipient


def find_quotes(doc: Doc) -> list[FoundQuote]:
    """Every direct quote in text order, with speaker, description and recipient."""
    text = doc_text(doc)
    found: list[FoundQuote] = []
    previous: FoundQuote | None = None
    previous_end = -1
    for match in QUOTE_PAIRS.finditer(text):
        group = next(name for name in QUOTE_GROUPS if match.group(name) is not None)
        q_start, q_end = match.start(group), match.end(group)
        body = text[q_start:q_end]
        # The attribution sits right against the quote: '...," she said' or 'She said: "...'.
        # A quote that runs on into the sentence ('the “several dozens” of casualties') is a
        # scare quote, whatever verb follows.
        verb = None
        after = text[match.end() : match.end() + 3].lstrip()
        if body.rstrip()[-1:] in {",", ".", "!", "?", "—", "-"} or after[:1] in {",", "—"}:
            verb = _speech_verb(_tokens_after(doc, match.end()))
        before = text[max(0, match.start() - 3) : match.start()].rstrip()
        if verb is None and before[-1:] in {":", ","}:
            verb = _speech_verb(list(reversed(_tokens_before(doc, match.start()))))
        speaker = description = recipient = None
        if verb is not None:
            speaker, description, recipient = _speaker(doc, verb)
        dash_cue = None
        if speaker is None:
            # '"..." ―Sonya Herridge, Brooklyn': a signature after a dash
            signed = DASH_SIGNATURE.match(text, match.end())
            if signed:
                span = doc.char_span(signed.start("name"), signed.end("name"),
                                     alignment_mode="expand")
                if span is not None:
                    speaker = make_source(doc, span.start, span.end)
                    speaker.kind = SourceKind.PERSON
                    dash_cue = span.start
        lead = _last_mark_before(text, match.start())
        starts_sentence = not lead or lead in {".", "!", "?", "”", '"', "\n", ":"}
        continuing = (
            speaker is None
            and starts_sentence
            and previous is not None
            and previous.speaker is not None
            and 0 <= match.start() - previous_end <= CONTINUATION_GAP
        )
        if continuing and previous is not None:
            speaker = previous.speaker
            description = previous.quote.speaker_description
            recipient = previous.quote.to
            verb_lemma = previous.cue
            cue_start = previous.cue_start
        else:
            verb_lemma = verb.lemma_.lower() if verb is not None else None
            cue_start = verb.i if verb is not None else dash_cue
        if speaker is None and len(body.split()) < MIN_QUOTE_WORDS:
            continue  # a scare quote: “several hundred”
        if speaker is None and verb is None and len(body.split()) < MIN_QUOTE_WORDS * 2:
            continue
        quote = Quote(
            speaker=(speaker.name or speaker.text) if speaker else None,
            speaker_description=description,
            to=recipient,
            text=body,
            direct=True,
            evidence=Span(start=q_start, end=q_end),
        )
        item = FoundQuote(quote, speaker, verb_lemma, cue_start)
        found.append(item)
        previous, previous_end = item, match.end()
    return found
