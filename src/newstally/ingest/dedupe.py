"""Find near-duplicate articles: the same wire story republished by many outlets.

Outlets run an agency story with small edits: their own dateline or lead-in, a trimmed last
paragraph, a changed word or two, another byline. Counting each copy as a separate report of
"12 killed" would inflate the evidence, so copies are linked to one canonical article and the
tally can count one claim with many sightings.

Method: each text becomes a set of word 5-grams ("shingles"); MinHash estimates the Jaccard
similarity of two sets from 128-value signatures. Locality-sensitive hashing finds the candidates
without comparing every pair: the signature is cut into BANDS bands of ROWS values, and two texts
share at least one whole band with a probability that rises steeply with their similarity: 0.55
at the threshold itself, 0.98 at 0.7, 0.06 at 0.3 (BANDS and ROWS are what datasketch's
MinHashLSH picks for THRESHOLD and NUM_PERM). So copies a little above the threshold are missed
about half the time; real copies, which differ by a dateline and a word or two, score 0.7 and
more and are found. Band keys are plain strings,
so the same index lives in memory (`DuplicateIndex`) or in a database table (the store's
`article_buckets`). Each candidate is then checked against the threshold with its MinHash
estimate, because shared bands also bring some pairs below it.

THRESHOLD = 0.5. An edited word breaks the (up to) five shingles that contain it. Measured on
the invented 150-word wire story in tests/ingest/test_dedupe.py: copies with the dateline
dropped and a word or two changed score 0.83-0.84, one with its last lines replaced 0.78, the
first two-thirds alone 0.70; another reporter's story of the same event, with the same names and
numbers, scores 0.0, and the first two lines alone 0.18. 0.5 sits well between; a copy cut to
less than about half of the original counts as a different article. A text of fewer than
MIN_SHINGLES shingles (about 14 words) is never linked: two one-line items that share a
sentence ('At least 12 people killed') are not one story.

>>> lead = "Twelve people were killed when the river burst its banks on Monday, flooding the town"
>>> find_duplicates({"a": lead + ", officials said.", "b": lead + ", the governor said.",
...                  "c": "The central bank raised interest rates by a quarter point today, "
...                       "citing food and energy prices, and said more rises could follow."})
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5
# 25 bands of 5 values: the false-positive and false-negative weights MinHashLSH balances for
# THRESHOLD 0.5 and 128 permutations (its `b` and `r`). A pair at similarity 0.5 shares a band
# with probability 1 - (1 - 0.5**5)**25 = 0.55; at 0.7, 0.98; at 0.3, 0.06.
BANDS = 25
ROWS = 5
MIN_SHINGLES = 10

# A signature: the NUM_PERM minimum hash values, each below 2**32 in the 'affine32' scheme.
Signature = npt.NDArray[np.uint32]
# MinHash permutations come from this seed and hashing scheme; stored signatures compare only
# with signatures made the same way, so both are fixed here (datasketch 2 names its schemes).
SEED = 1
SCHEME = "affine32"

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-grams of the case-folded text, punctuation ignored. A text shorter than `size`
    words is one shingle, so short texts still compare (only with identical ones)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> Signature | None:
    """The MinHash signature of a text's shingles, or None for a text too short to link."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(grams))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def bucket_keys(values: Signature) -> list[str]:
    """The signature's band keys: 'band:hash' strings; texts sharing one are candidates."""
    return [
        f"{band}:"
        + hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8)
        .hexdigest()
        for band in range(BANDS)
    ]


def similarity(first: Signature, second: Signature) -> float:
    """The estimated Jaccard similarity: the share of equal signature values."""
    return float(np.count_nonzero(first == second)) / len(first)


def encode(values: Signature) -> str:
    """A signature as text (base64 of its 32-bit values, 684 characters), for a database."""
    return base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def decode(text: str) -> Signature:
    """The signature `encode` wrote."""
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


def closest(
    values: Signature, candidates: Mapping[str, Signature], threshold: float = THRESHOLD
) -> tuple[str, float] | None:
    """The most similar candidate at or above the threshold, ties to the first; None if none."""
    best: tuple[str, float] | None = None
    for key, other in candidates.items():
        score = similarity(values, other)
        if score >= threshold and (best is None or score > best[1]):
            best = (key, score)
    return best


class DuplicateIndex:
    """An incremental index in memory: add articles one by one, learn each one's canonical.

    The canonical article of a group is the first one added, so adding in publication order
    makes the earliest copy canonical. A copy links to the canonical of the most similar
    earlier article, which also joins chains of edits (A ~ B ~ C) into one group. The store
    keeps the same index in tables (see `newstally.store.base.Store.add`).
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self._buckets: dict[str, list[str]] = defaultdict(list)
        self._signatures: dict[str, Signature] = {}
        self._canonical: dict[str, str] = {}

    def add(self, key: str, text: str) -> str:
        """Index an article and return its canonical key (its own key when it is new)."""
        if key in self._canonical:
            return self._canonical[key]
        minhash = signature(text)
        if minhash is None:
            self._canonical[key] = key
            return key
        buckets = bucket_keys(minhash)
        candidates = {
            other: self._signatures[other]
            for bucket in buckets
            for other in self._buckets.get(bucket, ())
        }
        best = closest(minhash, candidates, self.threshold)
        canonical = self._canonical[best[0]] if best else key
        for bucket in buckets:
            self._buckets[bucket].append(key)
        self._signatures[key] = minhash
        self._canonical[key] = canonical
        return canonical

    def canonical(self, key: str) -> str:
        return self._canonical[key]

    def similarity(self, first: str, second: str) -> float:
        """The estimated Jaccard similarity of two indexed articles (0.0 if either is empty)."""
        a, b = self._signatures.get(first), self._signatures.get(second)
        return similarity(a, b) if a is not None and b is not None else 0.0


def find_duplicates(texts: Mapping[str, str], threshold: float = THRESHOLD) -> dict[str, str]:
    """Map every key to its canonical key; keys are taken in the mapping's order."""
    index = DuplicateIndex(threshold)
    return {key: index.add(key, text) for key, text in texts.items()}


def jaccard(first: str, second: str) -> float:
    """The exact Jaccard similarity of two texts' shingles, for tests and for tuning."""
    a, b = shingles(first), shingles(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
