"""Series: latest per source, disagreements and the envelope, on hand-made figures."""

import json

import pytest

from newstally.errors import InputError
from newstally.model import Measure
from newstally.tally import ENVELOPE_RULE, parse_series_key, series_key, tally


def one(figures):  # type: ignore[no-untyped-def]
    result = tally(figures)
    assert len(result.series) == 1, [s.key for s in result.series]
    return result.series[0]


def test_envelope_low_from_confirming_sources_high_from_any(seen) -> None:
    series = one(
        [
            seen(
                40,
                None,
                text="at least 40",
                status="confirmed",
                source="Pentagon",
                kind="government",
                reported="2024-12-10",
                article="a1",
            ),
            seen(
                100,
                200,
                text="100 to 200",
                status="claimed",
                source="SOF",
                reported="2024-12-12",
                article="a2",
            ),
            seen(
                60,
                60,
                status="confirmed",
                source="Pentagon",
                kind="government",
                reported="2024-12-14",
                article="a3",
            ),
            seen(500, 500, status="denied", source="Kremlin", kind="government", article="a4"),
        ]
    )
    env = series.envelope
    assert (env.low, env.high) == (60, 200)  # 500 is denied: left out
    assert env.best is not None and env.best.text == "60"  # the latest confirmed total
    assert env.rule == ENVELOPE_RULE


def test_envelope_without_confirmation_has_no_low_but_its_claimed_total_is_best(seen) -> None:
    series = one([seen(300, 900, text="several hundred")])
    env = series.envelope
    assert (env.low, env.high) == (None, 900)
    assert env.best is not None and env.best.text == "several hundred"


def test_confirmed_total_is_best_over_a_later_claimed_one(seen) -> None:
    series = one(
        [
            seen(40, 40, status="confirmed", source="Ministry", kind="government", article="a1"),
            seen(70, 70, reported="2024-12-17", source="Rebel spokesman", kind="ngo", article="a2"),
        ]
    )
    assert series.envelope.best is not None and series.envelope.best.text == "40"


def test_open_range_gives_its_low_as_high(seen) -> None:
    series = one([seen(101, None, text="over 100")])
    assert series.envelope.high == 101


def test_increments_are_never_summed_into_totals(seen) -> None:
    # 50 over three days, then 30 the next day, both confirmed: the envelope is not 80.
    series = one(
        [
            seen(50, 50, status="confirmed", period=("2024-12-14", "2024-12-16"), article="a1"),
            seen(
                30,
                30,
                status="confirmed",
                period=("2024-12-17", "2024-12-17"),
                reported="2024-12-17",
                article="a2",
            ),
        ]
    )
    assert [c.scope.value for c in series.claims] == ["increment", "increment"]
    assert series.envelope.low == 50  # a total is at least any part of it
    assert series.envelope.high is None  # no source gave a total
    assert series.envelope.best is None


def test_explicit_scope_beats_the_period_heuristic(seen) -> None:
    series = one([seen(112, 112, scope="cumulative", period=("2024-12-01", "2024-12-16"))])
    assert series.claims[0].scope.value == "cumulative"


def test_latest_claim_per_source(seen) -> None:
    series = one(
        [
            seen(20, 20, source="SOF", reported="2024-12-10", article="a1"),
            seen(50, 50, source="SOF", reported="2024-12-16", article="a2"),
            seen(30, 30, source="Pentagon", kind="government", reported="2024-12-12", article="a3"),
        ]
    )
    latest = {c.id: (c.source.name, c.count.low) for c in series.claims if c.id in series.latest}
    assert sorted(latest.values()) == [("Pentagon", 30), ("SOF", 50)]


def test_totals_from_different_sources_on_the_same_day_that_do_not_overlap_disagree(seen):
    series = one(
        [
            seen(300, 900, text="several hundred", source="SOF", article="a1"),
            seen(
                36,
                108,
                text="several dozens",
                source="Pentagon",
                kind="government",
                article="a2",
                reported="2024-12-17",
            ),
        ]
    )
    assert series.disagreement is True
    assert len(series.disagreements) == 1


def test_overlapping_ranges_do_not_disagree(seen) -> None:
    series = one(
        [
            seen(300, 900, text="several hundred", source="SOF", article="a1"),
            seen(500, 500, source="Pentagon", kind="government", article="a2"),
        ]
    )
    assert series.disagreement is False


def test_approximate_counts_get_ten_percent_slack(seen) -> None:
    series = one(
        [
            seen(100, 100, text="about 100", approximate=True, source="SOF", article="a1"),
            seen(108, 108, source="Pentagon", kind="government", article="a2"),
        ]
    )
    assert series.disagreement is False


def test_totals_days_apart_do_not_disagree_counts_grow(seen) -> None:
    series = one(
        [
            seen(
                36,
                108,
                text="several dozens",
                source="Pentagon",
                kind="government",
                reported="2024-12-10",
                article="a1",
            ),
            seen(
                300, 900, text="several hundred", source="SOF", reported="2024-12-17", article="a2"
            ),
        ]
    )
    assert series.disagreement is False


def test_one_source_revising_itself_is_no_disagreement(seen) -> None:
    series = one(
        [
            seen(50, 50, source="SOF", reported="2024-12-16", article="a1"),
            seen(80, 80, source="SOF", reported="2024-12-16", article="a2"),
        ]
    )
    assert series.disagreement is False


def test_increments_over_the_same_period_disagree_when_ranges_do_not_overlap(seen) -> None:
    series = one(
        [
            seen(50, 50, source="SOF", period=("2024-12-14", "2024-12-16"), article="a1"),
            seen(
                5,
                5,
                source="Kremlin",
                kind="government",
                period=("2024-12-14", "2024-12-16"),
                article="a2",
            ),
        ]
    )
    assert series.disagreement is True


def test_nested_increment_periods_are_not_compared(seen) -> None:
    series = one(
        [
            seen(50, 50, source="SOF", period=("2024-12-10", "2024-12-16"), article="a1"),
            seen(
                5,
                5,
                source="Kremlin",
                kind="government",
                period=("2024-12-14", "2024-12-14"),
                article="a2",
            ),
        ]
    )
    assert series.disagreement is False


def test_total_below_an_earlier_increment_from_another_source_disagrees(seen) -> None:
    series = one(
        [
            seen(50, 50, source="SOF", period=("2024-12-14", "2024-12-16"), article="a1"),
            seen(20, 20, source="Kremlin", kind="government", reported="2024-12-18", article="a2"),
        ]
    )
    assert series.disagreement is True


def test_json_has_the_shape_the_issue_names(seen) -> None:
    result = tally([seen(50, 50, period=("2024-12-14", "2024-12-16"))])
    doc = json.loads(result.model_dump_json())
    (series,) = doc["series"]
    assert {"measure", "group", "place", "claims", "envelope", "disagreement"} <= set(series)
    assert (series["measure"], series["group"], series["place"]) == ("killed", "North Korea", "RU")
    (claim,) = series["claims"]
    assert {"source", "count", "status", "reported", "period", "sightings"} <= set(claim)
    assert claim["source"] == {
        "text": "Special Operations Forces",
        "name": "Special Operations Forces",
        "kind": "military",
    }
    assert claim["count"] == {"low": 50, "high": 50, "approximate": False, "text": "50"}
    assert claim["period"]["start"] == "2024-12-14"
    assert claim["sightings"][0]["article"] == "a1"
    assert set(claim["sightings"][0]["evidence"]) == {"start", "end", "sentence"}
    assert set(series["envelope"]) >= {"low", "best", "high", "rule"}


@pytest.mark.parametrize(
    ("key", "parts"),
    [
        ("killed/North Korea/RU", (Measure.KILLED, "North Korea", "RU")),
        ("casualties/North Korea/-", (Measure.CASUALTIES, "North Korea", None)),
        ("killed/Israel/Hamas/-", (Measure.KILLED, "Israel/Hamas", None)),
        ("killed/-/ua", (Measure.KILLED, None, "UA")),
    ],
)
def test_series_keys_round_trip(key: str, parts: tuple[Measure, str | None, str | None]) -> None:
    assert parse_series_key(key) == parts
    assert series_key(*parts) == key.replace("/ua", "/UA")


@pytest.mark.parametrize("key", ["killed", "slain/North Korea/RU"])
def test_bad_series_key_names_itself(key: str) -> None:
    with pytest.raises(InputError, match=key.split("/")[0]):
        parse_series_key(key)


def test_unknown_measure_filter_is_an_input_error(seen) -> None:
    with pytest.raises(InputError, match="'slain'"):
        tally([seen(1, 1)], measure="slain")


def test_no_disagreement_where_group_and_country_are_both_unknown(seen) -> None:
    # Such a series mixes unrelated events: two stories' death tolls are not a dispute.
    series = one(
        [
            seen(3, 3, group=None, country=None, source="police", kind="government", article="a1"),
            seen(40, 40, group=None, country=None, source="Red Cross", kind="ngo", article="a2"),
        ]
    )
    assert series.key == "killed/-/-"
    assert series.disagreement is False


def test_a_denial_of_another_sources_count_is_a_disagreement(seen) -> None:
    claimed = seen(230, 230, source="Army spokesman", kind="military", article="a1")
    denied = seen(
        230,
        230,
        status="denied",
        source="Rebel alliance",
        kind="ngo",
        reported="2024-12-18",
        article="a2",
    )
    series = one([claimed, denied])
    assert series.disagreement is True
    (pair,) = series.disagreements
    by_id = {c.id: c for c in series.claims}
    assert sorted(by_id[i].status.value for i in pair) == ["claimed", "denied"]


def test_a_denial_of_a_different_count_is_not_a_disagreement_with_this_one(seen) -> None:
    claimed = seen(230, 230, source="Army spokesman", kind="military", article="a1")
    denied = seen(9, 9, status="denied", source="Rebel alliance", kind="ngo", article="a2")
    assert one([claimed, denied]).disagreement is False
