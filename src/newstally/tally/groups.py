"""Subject groups: 'North Korean troops', 'DPRK soldiers' and 'troops from Pyongyang' are one group.

A series is keyed by group, so two articles that name the same side differently must land in
the same series. The aliases are data (`newstally/data/groups.json`), matched as whole words,
longest first; a country the table does not know falls back to pycountry's short name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pycountry

from newstally.aliases import group_table
from newstally.errors import InputError
from newstally.model import Subject


@lru_cache(maxsize=4096)
def normalise_group(name: str | None) -> str | None:
    """Canonical group for a phrase, or the phrase itself (trimmed) when nothing matches.

    >>> normalise_group("troops from Pyongyang")
    'North Korea'
    """
    if name is None or not name.strip():
        return None
    phrase = " ".join(name.split())
    found = _find_alias(phrase)
    if found is not None:
        return found
    country = _lookup_country(phrase)
    if country is None:
        return phrase
    code = str(country.alpha_2)
    table = group_table()
    return table.name_of_iso.get(code) or str(getattr(country, "common_name", None) or country.name)


def subject_group(subject: Subject) -> str | None:
    """The group a figure counts: its extracted group if any, else one named in its words."""
    return group_of(subject.group, subject.text)


def group_of(group: str | None, text: str | None) -> str | None:
    """`subject_group` over plain strings (the store's columns).

    The extracted `group` is trusted first; the subject's words ('DPRK soldiers') are searched
    only when the extractor gave no group, because a text without an alias is no group at all.
    """
    if group and group.strip():
        return normalise_group(group)
    if text:
        return _find_alias(" ".join(text.split()))
    return None


def country_code(place: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a place filter: 'RU', 'rus', 'Russia' and 'Russian' all give 'RU'.

    Raises InputError naming the value when it is no country.
    """
    if place is None or not place.strip():
        return None
    phrase = " ".join(place.split())
    canonical = _find_alias(phrase)
    table = group_table()
    if canonical is not None and canonical in table.iso_of:
        return table.iso_of[canonical]
    country = _lookup_country(phrase)
    if country is None:
        raise InputError(f"place {place!r}: not a country name or ISO 3166-1 code")
    return str(country.alpha_2)


def _find_alias(phrase: str) -> str | None:
    table = group_table()
    return table.lookup(phrase) or table.search(phrase)


def _lookup_country(phrase: str) -> Any:
    try:
        return pycountry.countries.lookup(phrase)
    except LookupError:
        return None
