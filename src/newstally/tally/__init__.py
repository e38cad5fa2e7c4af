"""The tally: claims, series, envelopes and disagreements, as pure functions over figures."""

from newstally.tally.claims import SAME_CLAIM_RULE, Claim, SightedFigure, Sighting, merge_claims
from newstally.tally.groups import country_code, normalise_group, subject_group
from newstally.tally.series import (
    DISAGREEMENT_RULE,
    ENVELOPE_RULE,
    Envelope,
    Series,
    Tally,
    parse_series_key,
    series_key,
    tally,
)

__all__ = [
    "DISAGREEMENT_RULE",
    "ENVELOPE_RULE",
    "SAME_CLAIM_RULE",
    "Claim",
    "Envelope",
    "Series",
    "SightedFigure",
    "Sighting",
    "Tally",
    "country_code",
    "merge_claims",
    "normalise_group",
    "parse_series_key",
    "series_key",
    "subject_group",
    "tally",
]
