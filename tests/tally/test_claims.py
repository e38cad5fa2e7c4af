"""Merging sightings into claims: SAME_CLAIM_RULE on hand-made figures."""

import pytest

from newstally.tally import tally


def only_series(*figures):  # type: ignore[no-untyped-def]
    result = tally(figures)
    assert len(result.series) == 1, [s.key for s in result.series]
    return result.series[0]


def test_officials_and_spokesperson_same_count_same_day_are_one_claim(seen) -> None:
    # The seed: "U.S. officials ... confirmed several dozens" and "Kirby officially
    # acknowledged several dozens", both on Monday 16 Dec.
    series = only_series(
        seen(
            36,
            108,
            text="several dozens",
            measure="casualties",
            country=None,
            source="U.S. officials",
            kind="official",
            status="confirmed",
            fid="f3",
            start=676,
        ),
        seen(
            36,
            108,
            text="several dozens",
            measure="casualties",
            country=None,
            source="John Kirby",
            kind="person",
            status="confirmed",
            fid="f4",
            start=943,
        ),
    )
    (claim,) = series.claims
    assert claim.source.name == "U.S. officials"
    assert [s.name for s in claim.sources] == ["U.S. officials", "John Kirby"]
    assert [(s.article, s.evidence.start) for s in claim.sightings] == [("a1", 676), ("a1", 943)]
    assert series.key == "casualties/North Korea/-"


def test_claim_relayed_by_other_outlets_next_day_is_one_claim_with_three_sightings(seen) -> None:
    series = only_series(
        seen(50, 50, reported="2024-12-16", article="a1", outlet="one.example"),
        seen(50, 50, reported="2024-12-17", article="a2", outlet="two.example"),
        seen(50, 50, reported="2024-12-16", article="a3", outlet="three.example"),
    )
    (claim,) = series.claims
    assert sorted(s.article for s in claim.sightings) == ["a1", "a2", "a3"]
    assert str(claim.reported) == "2024-12-16"


def test_exact_number_and_its_round_form_are_one_claim_showing_the_exact_number(seen) -> None:
    series = only_series(
        seen(10001, None, text="more than 10,000", article="a1", outlet="one.example"),
        seen(10100, 10100, text="10,100", article="a2", outlet="two.example"),
    )
    (claim,) = series.claims
    assert claim.count.text == "10,100"
    assert sorted(s.article for s in claim.sightings) == ["a1", "a2"]


def test_two_different_bounded_numbers_are_two_claims_however_close(seen) -> None:
    series = only_series(
        seen(3801, None, text="more than 3,800", article="a1"),
        seen(3845, None, text="at least 3,845", article="a2"),
    )
    assert sorted(c.count.text for c in series.claims) == ["at least 3,845", "more than 3,800"]


def test_two_close_precise_numbers_are_two_claims(seen) -> None:
    series = only_series(
        seen(12000, 12000, text="12,000", measure="deployed", article="a1"),
        seen(12200, 12200, text="about 12,200", measure="deployed", article="a2", approximate=True),
    )
    assert len(series.claims) == 2


def test_round_form_far_from_the_exact_number_is_another_claim(seen) -> None:
    series = only_series(
        seen(10001, None, text="more than 10,000", article="a1"),
        seen(14000, 14000, text="14,000", article="a2"),
    )
    assert len(series.claims) == 2


def test_sighting_without_country_or_day_joins_the_claim_that_has_them(seen) -> None:
    series = only_series(
        seen(50, 50, article="a1", outlet="one.example"),
        seen(50, 50, article="a2", outlet="two.example", country=None, reported=None),
    )
    (claim,) = series.claims
    assert claim.place == "RU"
    assert len(claim.sightings) == 2
    assert str(claim.reported) == "2024-12-16"


def test_source_restating_the_same_count_days_later_keeps_its_first_day(seen) -> None:
    series = only_series(
        seen(50, 50, reported="2024-12-16", article="a1"),
        seen(50, 50, reported="2024-12-20", article="a2", published="2024-12-20"),
    )
    (claim,) = series.claims
    assert str(claim.reported) == "2024-12-16"
    assert [s.article for s in claim.sightings] == ["a1", "a2"]


def test_two_sources_with_the_same_count_days_apart_are_two_claims(seen) -> None:
    series = only_series(
        seen(50, 50, reported="2024-12-16", article="a1", source="General Staff"),
        seen(50, 50, reported="2024-12-18", article="a2", source="Border Guard", kind="ngo"),
    )
    assert len(series.claims) == 2


def test_different_counts_are_different_claims(seen) -> None:
    series = only_series(seen(50, 50, article="a1"), seen(60, 60, article="a2"))
    assert [c.count.low for c in series.claims] == [50, 60]


def test_media_with_different_names_do_not_merge(seen) -> None:
    series = only_series(
        seen(101, None, text="over 100", source="evocation.info", kind="media", article="a1"),
        seen(101, None, text="over 100", source="Radio Free Asia", kind="media", article="a2"),
    )
    assert len(series.claims) == 2


def test_authorities_of_different_countries_do_not_merge(seen) -> None:
    series = only_series(
        seen(50, 50, source="Ukrainian military", kind="military", article="a1"),
        seen(50, 50, source="Russian defence ministry", kind="government", article="a2"),
    )
    assert len(series.claims) == 2


def test_unattributed_figures_merge_only_within_one_outlet(seen) -> None:
    one = dict(source=None, kind="unattributed")
    series = only_series(
        seen(300, 900, text="several hundred", article="a1", outlet="one.example", **one),
        seen(300, 900, text="several hundred", article="a2", outlet="one.example", **one),
        seen(300, 900, text="several hundred", article="a3", outlet="two.example", **one),
    )
    assert sorted(len(c.sightings) for c in series.claims) == [1, 2]


def test_unattributed_figures_in_copies_of_one_wire_story_are_one_claim(seen) -> None:
    # Three outlets run the agency's story, which states the toll itself: the story is the
    # source, so the copies are one claim seen three times, counted as one story.
    one = dict(source=None, kind="unattributed", text="several hundred")
    series = only_series(
        seen(300, 900, article="wire", outlet="wire.example", **one),
        seen(300, 900, article="c1", outlet="one.example", copy_of="wire", **one),
        seen(300, 900, article="c2", outlet="two.example", copy_of="wire", **one),
        seen(300, 900, article="own", outlet="three.example", **one),
    )
    by_size = sorted(series.claims, key=lambda c: len(c.sightings))
    assert [(len(c.sightings), c.stories) for c in by_size] == [(1, 1), (3, 1)]
    assert {s.article: s.copy_of for s in by_size[1].sightings} == {
        "wire": None,
        "c1": "wire",
        "c2": "wire",
    }


@pytest.mark.parametrize("copy_id", ["a-copy", "z-copy"])
def test_an_outlets_own_report_does_not_join_a_wire_story_it_ran(seen, copy_id) -> None:
    # Outlet two.example runs the wire story and also its own report with the same toll:
    # the wire story speaks in its copies, the outlet in its own report, whatever the ids.
    one = dict(source=None, kind="unattributed", text="12")
    series = only_series(
        seen(12, 12, article="m-wire", outlet="one.example", **one),
        seen(12, 12, article=copy_id, outlet="two.example", copy_of="m-wire", **one),
        seen(12, 12, article="n-own", outlet="two.example", **one),
    )
    assert sorted(sorted(s.article for s in c.sightings) for c in series.claims) == [
        sorted(["m-wire", copy_id]),
        ["n-own"],
    ]


def test_attributed_copies_count_as_one_story(seen) -> None:
    series = only_series(
        seen(50, 50, article="a1", outlet="one.example"),
        seen(50, 50, article="a2", outlet="two.example", copy_of="a1"),
        seen(50, 50, article="a3", outlet="three.example"),
    )
    (claim,) = series.claims
    assert (len(claim.sightings), claim.stories) == (3, 2)


def test_denial_never_merges_with_an_assertion(seen) -> None:
    series = only_series(seen(50, 50, status="claimed"), seen(50, 50, status="denied", fid="f2"))
    assert sorted(c.status.value for c in series.claims) == ["claimed", "denied"]


def test_merged_claim_takes_the_firmest_status_and_every_hedge(seen) -> None:
    series = only_series(
        seen(50, 50, status="claimed", article="a1", hedges=["could not be verified"]),
        seen(50, 50, status="confirmed", article="a2"),
    )
    (claim,) = series.claims
    assert claim.status.value == "confirmed"
    assert claim.hedges == ["could not be verified"]


def test_figure_without_country_takes_its_articles_only_country_for_that_measure(seen) -> None:
    result = tally(
        [
            seen(50, 50, period=("2024-12-14", "2024-12-16"), fid="f1"),
            seen(
                300,
                900,
                text="several hundred",
                country=None,
                reported="2024-12-17",
                fid="f2",
                source=None,
                kind="unattributed",
            ),
            seen(36, 108, text="several dozens", measure="casualties", country=None, fid="f3"),
        ]
    )
    assert [s.key for s in result.series] == [
        "casualties/North Korea/-",
        "killed/North Korea/RU",
    ]
    assert len(result.series[1].claims) == 2


def test_subjects_named_differently_land_in_one_series(seen) -> None:
    result = tally(
        [
            seen(50, 50, group=None, subject="DPRK soldiers", article="a1"),
            seen(50, 50, group="North Korean troops", article="a2"),
            seen(50, 50, group=None, subject="troops from Pyongyang", article="a3"),
        ]
    )
    assert [s.key for s in result.series] == ["killed/North Korea/RU"]
    assert len(result.series[0].claims[0].sightings) == 3


def test_filters_by_measure_group_place_and_since(seen) -> None:
    figures = [
        seen(50, 50, article="a1", reported="2024-12-10"),
        seen(60, 60, article="a2", reported="2024-12-17"),
        seen(7, 7, measure="injured", article="a3"),
        seen(5, 5, group="Ukraine", article="a4"),
    ]
    import datetime as dt

    result = tally(
        figures, measure="killed", group="DPRK", place="Russia", since=dt.date(2024, 12, 15)
    )
    assert [(s.key, [c.count.low for c in s.claims]) for s in result.series] == [
        ("killed/North Korea/RU", [60])
    ]


def test_toll_of_an_earlier_event_stays_out_of_the_current_series(seen) -> None:
    result = tally(
        [
            seen(1900, 1900, group=None, reported="2026-04-06", article="a1"),
            seen(
                9000,
                9000,
                group=None,
                reported="2026-04-06",
                period=("2015-04-25", "2015-04-25"),
                scope="cumulative",
                article="a1",
                fid="f2",
            ),
        ]
    )
    assert sorted(s.key for s in result.series) == ["killed/-/RU", "killed/people (2015)/RU"]


def test_a_headline_restating_its_articles_sourced_count_is_that_sources_claim(seen) -> None:
    # 'Quake toll rises to 44,218' over '..., the disaster authority said' in one article,
    # and a second outlet's article giving the authority's count
    headline = seen(44218, 44218, source=None, kind="unattributed", article="a1", fid="f1")
    body = seen(44218, 44218, source="disaster authority", kind="government", article="a1",
                fid="f2", start=80)  # fmt: skip
    relay = seen(44218, 44218, source="disaster authority", kind="government", article="a2",
                 outlet="two.example")  # fmt: skip
    (claim,) = only_series(headline, body, relay).claims
    assert claim.source.name == "disaster authority"
    assert sorted((s.article, s.figure) for s in claim.sightings) == [
        ("a1", "f1"), ("a1", "f2"), ("a2", "f1"),
    ]  # fmt: skip


def test_an_unattributed_count_two_sources_of_its_article_give_stays_the_articles(seen) -> None:
    own = seen(12, 12, source=None, kind="unattributed", article="a1", fid="f1")
    police = seen(12, 12, source="police", kind="government", article="a1", fid="f2")
    medics = seen(12, 12, source="medics", kind="ngo", article="a1", fid="f3")
    claims = tally([own, police, medics]).series[0].claims
    assert any(c.source.kind.value == "unattributed" for c in claims)


def test_an_event_toll_said_days_after_the_event_day_joins_the_running_toll(seen) -> None:
    # 'has risen to 44,218' (a total to date) and 'killed 44,218 people in the earthquake of
    # April 5' said on April 16: the event's toll so far, not what April 5 added
    rising = seen(44218, 44218, reported="2026-04-16", scope="cumulative", article="a1")
    by_event = seen(44218, 44218, reported="2026-04-16", period=("2026-04-05", "2026-04-05"),
                    scope="increment", article="a2", outlet="two.example")  # fmt: skip
    (claim,) = only_series(rising, by_event).claims
    assert claim.scope.value == "cumulative"
    assert sorted(s.article for s in claim.sightings) == ["a1", "a2"]


def test_a_count_for_the_day_before_stays_that_days_increment(seen) -> None:
    # 'killed on Sunday', said on Monday: what Sunday added, not a running toll
    total = seen(300, 300, reported="2026-04-06", scope="cumulative", article="a1")
    sunday = seen(300, 300, reported="2026-04-06", period=("2026-04-05", "2026-04-05"),
                  scope="increment", article="a2", outlet="two.example")  # fmt: skip
    claims = tally([total, sunday]).claims()
    assert sorted(c.scope.value for c in claims) == ["cumulative", "increment"]


def test_an_outlet_restating_a_distinctive_count_unsourced_relays_its_source(seen) -> None:
    # 'Nepal's official toll stood at 44,218' with no source, the day after the authority
    # gave 44,218 in another outlet: the authority's claim, seen twice
    given = seen(44218, 44218, source="disaster authority", kind="government", article="a1")
    unsourced = seen(44218, 44218, source=None, kind="unattributed", reported=None,
                     published="2024-12-17", article="a2", outlet="two.example")  # fmt: skip
    (claim,) = only_series(given, unsourced).claims
    assert claim.source.name == "disaster authority"
    assert sorted(s.article for s in claim.sightings) == ["a1", "a2"]


def test_a_round_or_small_unsourced_count_stays_the_outlets_own(seen) -> None:
    for value in (3000, 12):
        given = seen(value, value, source="disaster authority", kind="government", article="a1")
        unsourced = seen(value, value, source=None, kind="unattributed", article="a2",
                         outlet="two.example")  # fmt: skip
        claims = tally([given, unsourced]).claims()
        assert sorted(c.source.kind.value for c in claims) == ["government", "unattributed"]


def test_a_distinctive_count_two_sources_give_stays_unsourced(seen) -> None:
    police = seen(312, 312, source="police", kind="government", article="a1")
    medics = seen(312, 312, source="medics", kind="ngo", article="a2", outlet="two.example")
    unsourced = seen(312, 312, source=None, kind="unattributed", article="a3",
                     outlet="three.example")  # fmt: skip
    claims = tally([police, medics, unsourced]).claims()
    assert sorted(c.source.kind.value for c in claims) == ["government", "ngo", "unattributed"]


def test_an_agency_named_three_ways_is_one_source(seen) -> None:
    # 'OCHA said', 'the U.N. humanitarian office said', 'the United Nations said': one body
    names = ("OCHA", "U.N. humanitarian office", "United Nations")
    claims = tally(
        [
            seen(120001, None, text="more than 120,000", measure="displaced", source=name,
                 kind="international", article=f"a{i}", outlet=f"o{i}.example")  # fmt: skip
            for i, name in enumerate(names)
        ]
    ).claims()
    assert len(claims) == 1 and len(claims[0].sightings) == 3


def test_two_agencies_of_one_parent_are_two_sources(seen) -> None:
    claims = tally(
        [
            seen(312, 312, source=name, kind="international", article=f"a{i}",
                 outlet=f"o{i}.example")  # fmt: skip
            for i, name in enumerate(("UNICEF", "OCHA"))
        ]
    ).claims()
    assert len(claims) == 2
