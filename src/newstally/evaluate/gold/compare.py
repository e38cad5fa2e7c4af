"""Comparing one predicted value with the acceptable gold values.

A list in a gold field means "any of these values is acceptable"; `null` means "nothing":
`text_matches("The Ministry", ["ministry", None])` is true.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from newstally.model import Figure, Place, Relay


def options(gold: Any) -> list[Any]:
    """The acceptable values of a scalar gold field: a list is alternatives, anything else one."""
    return list(gold) if isinstance(gold, list) else [gold]


def _squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()


def name_key(value: str) -> str:
    """How names compare: case-folded, spaces squashed, a leading 'the' dropped."""
    squashed = _squash(value).strip(" .,;:")
    return squashed[4:] if squashed.startswith("the ") else squashed


def text_matches(predicted: str | None, gold: Any) -> bool:
    """A predicted string against acceptable gold strings (or None), ignoring case and 'the'."""
    for want in options(gold):
        if want is None and predicted is None:
            return True
        if want is not None and predicted is not None and name_key(predicted) == name_key(want):
            return True
    return False


def _shown(value: Any) -> str:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return json.dumps(value, ensure_ascii=False, default=str)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def place_matches(predicted: Place | None, gold: Any) -> bool:
    """None matches None; a gold {country, region?} needs that country (and region, if given)."""
    for want in options(gold):
        if want is None:
            if predicted is None:
                return True
            continue
        if predicted is None or predicted.country is None:
            continue
        if options(want.get("country")) and not any(
            isinstance(c, str) and c.upper() == predicted.country.upper()
            for c in options(want.get("country"))
        ):
            continue
        if "region" in want and not text_matches(predicted.region, want["region"]):
            continue
        return True
    return False


def period_matches(predicted: Figure, gold: Any) -> bool:
    """None matches no period; a gold {start, end} needs both dates (None meaning unknown)."""
    for want in options(gold):
        if want is None:
            if predicted.period is None:
                return True
            continue
        if predicted.period is None:
            continue
        if _iso(predicted.period.start) == want.get("start") and _iso(
            predicted.period.end
        ) == want.get("end"):
            return True
    return False


def relays_match(predicted: list[Relay], gold: list[Any]) -> bool:
    """Gold via is one chain of names or a list of acceptable chains, nearest the source first.

    Each gold name must occur in the relay at the same position: 'Reuters' matches a relay
    whose text is 'Reuters'; 'local official' matches 'a local official'.
    """
    chains: list[list[str]] = (
        [list(c) for c in gold] if gold and isinstance(gold[0], list) else [list(gold)]
    )
    for chain in chains:
        pairs = zip(chain, predicted, strict=False)
        if len(chain) == len(predicted) and all(
            name_key(want) in name_key(relay.text) for want, relay in pairs
        ):
            return True
    return False


def source_name_matches(figure: Figure, gold: Any) -> bool:
    """The gold name against the predicted name, or the predicted source words minus 'the'."""
    if text_matches(figure.source.name, gold):
        return True
    return figure.source.text is not None and any(
        want is not None and name_key(figure.source.text) == name_key(want)
        for want in options(gold)
    )
