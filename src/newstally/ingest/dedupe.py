"""Find near-duplicate articles: the same wire story republished by many outlets.

Outlets run an agency story with small edits: their own dateline or lead-in, a trimmed last
paragraph, a changed word or two, another byline. Counting each copy as a separate report of
"12 killed" would inflate the evidence, so copies are linked to one canonical article and the
tally can count one claim with many sightings.

Method: each text becomes a set of word 5-grams ("shingles"); MinHash estimates the Jaccard
similarity of two sets from 128-value signatures, and MinHashLSH finds the candidates above a
threshold without comparing every pair. Each candidate is then checked against the threshold
with its MinHash estimate, because LSH also returns some pairs below it.

THRESHOLD = 0.5. An edited word breaks the (up to) five shingles that contain it. Measured on
the invented 150-word wire story in tests/ingest/test_dedupe.py: copies with the dateline
dropped and a word or two changed score 0.83-0.84, one with its last lines replaced 0.78, the
first two-thirds alone 0.70; another reporter's story of the same event, with the same names and
numbers, scores 0.0, and the first two lines alone 0.18. 0.5 sits well between; a copy cut to
less than about half of the original counts as a different article.

>>> find_duplicates({"a": "Twelve people were killed when the river burst its banks on Monday",
...                  "b": "Twelve people were killed when the river burst its banks on Monday.",
...                  "c": "The central bank raised interest rates by a quarter point today"})
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5
# MinHash permutations come from this seed; every index must use the same one to compare.
SEED = 1

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


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    """The MinHash of a text's shingles, or None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=num_perm, seed=SEED)
    minhash.update_batch(sorted(grams))
    return minhash


class DuplicateIndex:
    """An incremental index: add articles one by one, learn each one's canonical article.

    The canonical article of a group is the first one added, so adding in publication order
    makes the earliest copy canonical. A copy links to the canonical of the most similar
    earlier article, which also joins chains of edits (A ~ B ~ C) into one group.
    """

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, MinHash] = {}
        self._canonical: dict[str, str] = {}

    def add(self, key: str, text: str) -> str:
        """Index an article and return its canonical key (its own key when it is new)."""
        if key in self._canonical:
            return self._canonical[key]
        minhash = signature(text, self.num_perm)
        if minhash is None:
            self._canonical[key] = key
            return key
        best: tuple[float, str] | None = None
        for other in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._signatures[other]))
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, other)
        canonical = self._canonical[best[1]] if best else key
        self._lsh.insert(key, minhash)
        self._signatures[key] = minhash
        self._canonical[key] = canonical
        return canonical

    def canonical(self, key: str) -> str:
        return self._canonical[key]

    def similarity(self, first: str, second: str) -> float:
        """The estimated Jaccard similarity of two indexed articles (0.0 if either is empty)."""
        a, b = self._signatures.get(first), self._signatures.get(second)
        return float(a.jaccard(b)) if a is not None and b is not None else 0.0


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
