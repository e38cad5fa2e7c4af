"""The ledger scorer on tiny hand-made tally claims: each measure passes when the tally is right
and fails when it is wrong in the way that measure is about."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newstally.errors import InputError
from newstally.evaluate.ledger import (
    GoldClaim,
    GoldFileError,
    LedgerGold,
    TallyClaim,
    evaluate_stories,
    format_table,
    load_gold,
    main,
    read_story,
    score_claim,
    score_story,
    tally_claims,
)
from newstally.model import Count, Evidence, Figure, Measure, Source, SourceKind, Span
from newstally.tally import tally

WED = dt.date(2026, 3, 4)
THU = dt.date(2026, 3, 5)

# The army said on Wednesday it had killed 412 rebels; three outlets carried it.
ARMY_412: dict[str, Any] = {
    "id": "army-412",
    "measure": "killed",
    "low": 412,
    "high": 412,
    "group": "M23 fighters",
    "source": "Congolese army",
    "source_aliases": ["army", "Lt. Col. Patrick Mwamba"],
    "reported": "2026-03-04",
    "articles": ["07-cpa", "08-harbor", "09-worlddesk"],
}


def gold_claim(**changes: Any) -> GoldClaim:
    return GoldClaim.model_validate({**ARMY_412, **changes})


def seen(
    *articles: str,
    id: str = "c1",
    series: str = "killed/M23/CD",
    measure: Measure = Measure.KILLED,
    low: int | None = 412,
    high: int | None = 412,
    source: tuple[str, ...] = ("army",),
    reported: dt.date | None = WED,
) -> TallyClaim:
    return TallyClaim(id, series, measure, low, high, source, reported, frozenset(articles))


# --- found ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "found"),
    [
        (seen("07-cpa"), True),
        (seen("07-cpa", measure=Measure.CASUALTIES), False),  # another measure
        (seen("08-harbor", low=401, high=None), False),  # 'more than 400' is not 412
        (seen("07-cpa", low=412, high=None), False),  # 'at least 412' is not exactly 412
        (seen("03-harbor"), False),  # 412 in an article that does not carry the claim
    ],
)
def test_found_needs_an_accepted_measure_the_same_range_and_a_listed_article(
    claim: TallyClaim, found: bool
) -> None:
    assert score_claim(gold_claim(), [claim]).found is found


def test_a_list_of_measures_accepts_any_of_them() -> None:
    either = gold_claim(measure=["killed", "casualties"])
    assert either.measure == (Measure.KILLED, Measure.CASUALTIES)
    assert score_claim(either, [seen("07-cpa", measure=Measure.CASUALTIES)]).found


# --- source -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "right"),
    [
        (("Congolese army",), True),
        (("The Army",), True),  # an alias, case and a leading 'the' ignored
        (("Lt Col Patrick Mwamba",), True),  # punctuation ignored
        (("army spokesman", "Lt. Col. Patrick Mwamba"), True),  # the source's text names him
        (("M23",), False),
        (("army spokesman",), False),  # close, but not a name the researcher gave
        ((), False),  # unattributed
    ],
)
def test_source_is_the_gold_name_or_an_alias(shown: tuple[str, ...], right: bool) -> None:
    assert score_claim(gold_claim(), [seen("07-cpa", source=shown)]).source is right


def test_the_right_source_must_be_on_a_claim_with_the_right_count() -> None:
    # The army is named on 'more than 400', the 412 is unattributed: the source is wrong.
    claims = [seen("07-cpa", source=()), seen("07-cpa", id="c2", low=401, high=None)]
    result = score_claim(gold_claim(), claims)
    assert (result.found, result.source) == (True, False)


# --- day --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reported", "shown", "right"),
    [
        ("2026-03-04", WED, True),
        ("2026-03-04", THU, False),  # restated on Thursday and re-dated: wrong
        ("2026-03-04", None, False),
        (None, None, True),  # a background figure: the ledger gives it no day
        (None, WED, False),  # ... and the tally dated it to the article
    ],
)
def test_day_is_the_claims_reported_day(
    reported: str | None, shown: dt.date | None, right: bool
) -> None:
    result = score_claim(gold_claim(reported=reported), [seen("07-cpa", reported=shown)])
    assert result.day is right


# --- merged -----------------------------------------------------------------------------------


def test_one_claim_holding_every_article_is_merged() -> None:
    result = score_claim(gold_claim(), [seen("07-cpa", "08-harbor", "09-worlddesk")])
    assert (result.merged, result.found_in) == (True, ["07-cpa", "08-harbor", "09-worlddesk"])


def test_a_claim_split_in_two_is_not_merged() -> None:
    claims = [seen("07-cpa", "08-harbor"), seen("09-worlddesk", id="c2", reported=THU)]
    result = score_claim(gold_claim(), claims)
    assert (result.found, result.merged, result.matches) == (True, False, ["c1", "c2"])


def test_an_article_where_the_tally_missed_the_claim_does_not_count_against_merging() -> None:
    # 08-harbor's 'more than 400' stayed a claim of its own: it is not a sighting of 412.
    claims = [seen("07-cpa", "09-worlddesk"), seen("08-harbor", id="c2", low=401, high=None)]
    result = score_claim(gold_claim(), claims)
    assert (result.merged, result.found_in) == (True, ["07-cpa", "09-worlddesk"])


def test_merged_is_scored_only_for_claims_in_two_or_more_articles() -> None:
    single = gold_claim(articles=["07-cpa"])
    assert score_claim(single, [seen("07-cpa")]).merged is None
    gold = LedgerGold(claims=(single, gold_claim(id="relayed")))
    score = score_story("war", gold, [seen("07-cpa"), seen("08-harbor", id="c2")])
    assert (score.merged.hits, score.merged.total) == (0, 1)


def test_a_claim_not_found_is_not_merged() -> None:
    assert score_claim(gold_claim(), [seen("07-cpa", low=1)]).merged is False


# --- one series -------------------------------------------------------------------------------


def two_day_gold() -> LedgerGold:
    """Two army claims of rebels killed (one quantity) and the UN's displaced (another)."""
    return LedgerGold(
        claims=(
            gold_claim(),
            gold_claim(id="army-640", low=640, high=640, reported="2026-03-07",
                       articles=["14-cpa"]),
            gold_claim(id="ocha-displaced", measure="displaced", low=120001, high=None,
                       group="people", source="OCHA", articles=["07-cpa"]),
        )
    )  # fmt: skip


def displaced(series: str = "displaced/-/CD") -> TallyClaim:
    return seen("07-cpa", id="d1", series=series, measure=Measure.DISPLACED, low=120001,
                high=None, source=("OCHA",))  # fmt: skip


def test_a_quantity_whose_claims_share_a_series_is_in_one_series() -> None:
    claims = [seen("07-cpa"), seen("14-cpa", id="c2", low=640, high=640), displaced()]
    score = score_story("war", two_day_gold(), claims)
    assert [(q.group, q.series) for q in score.quantities] == [
        ("M23 fighters", "killed/M23/CD"),
        ("people", "displaced/-/CD"),
    ]
    assert (score.one_series.hits, score.one_series.total) == (2, 2)


def test_a_quantity_scattered_over_two_series_is_not_in_one_series() -> None:
    claims = [seen("07-cpa"), seen("14-cpa", id="c2", series="killed/-/CD", low=640, high=640)]
    score = score_story("war", two_day_gold(), [*claims, displaced()])
    assert [q.in_one_series for q in score.quantities] == [False, True]


def test_a_series_holding_another_quantity_is_not_that_quantitys_own() -> None:
    # Rebels killed and people displaced in one catch-all series: neither has a series of its own.
    claims = [seen("07-cpa", series="any/-/-"), seen("14-cpa", id="c2", series="any/-/-",
              low=640, high=640), displaced(series="any/-/-")]  # fmt: skip
    score = score_story("war", two_day_gold(), claims)
    assert [q.in_one_series for q in score.quantities] == [False, False]


def test_a_quantity_with_no_claim_found_is_not_in_one_series() -> None:
    score = score_story("war", two_day_gold(), [displaced()])
    assert [q.in_one_series for q in score.quantities] == [False, True]


# --- a story's ratios, and the table ----------------------------------------------------------


def test_story_ratios_count_every_gold_claim() -> None:
    claims = [
        seen("07-cpa", "08-harbor", "09-worlddesk", reported=THU),
        seen("14-cpa", id="c2", low=640, high=640, source=("M23",), reported=dt.date(2026, 3, 7)),
    ]
    score = score_story("war", two_day_gold(), claims, articles=5)
    assert [(r.hits, r.total) for r in (score.found, score.source, score.day)] == [
        (2, 3),
        (1, 3),
        (1, 3),
    ]
    table = format_table([score])
    assert "war: 5 articles, 3 gold claims; tally: 2 claims in 1 series" in table
    assert "claims found                2/3   0.67" in table


def test_an_undated_claim_counts_in_the_day_measure() -> None:
    # 'The 2010 floods killed about 1,800': a restated background figure, dated by the tally.
    background = gold_claim(id="floods-2010", low=1800, high=1800, reported=None,
                            articles=["05-gulf", "13-paw"])  # fmt: skip
    claims = [seen("05-gulf", low=1800, high=1800, reported=dt.date(2026, 8, 12)),
              seen("13-paw", id="c2", low=1800, high=1800, reported=None)]  # fmt: skip
    score = score_story("flood", LedgerGold(claims=(background,)), claims)
    assert (score.day.hits, score.day.total) == (1, 1)
    assert (score.merged.hits, score.merged.total) == (0, 1)
    only_dated = score_story("flood", LedgerGold(claims=(background,)), claims[:1])
    assert (only_dated.day.hits, only_dated.day.total) == (0, 1)
    # Found in one of its two articles only: merged, and the table says how it was.
    assert (only_dated.merged.hits, only_dated.merged_in_one_article) == (1, 1)
    assert "(1 found in one article only)" in format_table([only_dated])


# --- the gold file ----------------------------------------------------------------------------


def write_gold(folder: Path, claims: list[dict[str, Any]]) -> Path:
    path = folder / "ledger.gold.json"
    path.write_text(json.dumps({"claims": claims}), encoding="utf-8")
    return path


def test_an_unknown_key_is_an_error_naming_the_file_and_the_claim(tmp_path: Path) -> None:
    path = write_gold(tmp_path, [ARMY_412, {**ARMY_412, "id": "typo", "sorce": "army"}])
    with pytest.raises(GoldFileError) as caught:
        load_gold(path)
    assert caught.value.path == path
    assert caught.value.problem == "claims[1] (typo).sorce: unknown key"
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"measure": "slain"}, "measure"),
        ({"low": 500}, "high 412 is below low 500"),
        ({"reported": "Wednesday"}, "reported"),
        ({"articles": []}, "articles"),
    ],
)
def test_a_bad_claim_is_an_error_naming_the_file(
    tmp_path: Path, change: dict[str, Any], problem: str
) -> None:
    path = write_gold(tmp_path, [{**ARMY_412, **change}])
    with pytest.raises(GoldFileError, match=problem) as caught:
        load_gold(path)
    assert str(caught.value).startswith(f"{path}: claims[0] (army-412)")


def test_claim_ids_are_unique(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="'army-412' is used twice"):
        load_gold(write_gold(tmp_path, [ARMY_412, ARMY_412]))


def test_every_listed_article_must_be_in_the_story(tmp_path: Path) -> None:
    (tmp_path / "07-cpa.txt").write_text("The army said 412 rebels were killed.\n")
    write_gold(tmp_path, [ARMY_412])
    with pytest.raises(GoldFileError, match=r"claim 'army-412': no article 08-harbor.txt"):
        read_story(tmp_path)


# --- from the tally's own records, and end to end ----------------------------------------------


@dataclass(frozen=True)
class Seen:
    """A figure as the store hands it to the tally (the SightedFigure protocol)."""

    article_id: str
    figure: Figure
    published: dt.date | None = WED
    outlet: str | None = None
    url: str | None = None
    title: str | None = None

    @property
    def story(self) -> str:
        return self.article_id


def army_412() -> Figure:
    return Figure(
        id="f1",
        measure=Measure.KILLED,
        count=Count(low=412, high=412, text="412"),
        reported=WED,
        source=Source(text="the army", name="army", kind=SourceKind.MILITARY),
        evidence=Evidence(start=0, end=3, sentence=Span(start=0, end=40)),
    )


def test_tally_claims_reads_the_tallys_claims_with_file_stems() -> None:
    result = tally([Seen("a1", army_412()), Seen("b2", army_412(), outlet="Harbor Times")])
    claims = tally_claims(result, {"a1": "07-cpa", "b2": "08-harbor"})
    assert [(c.low, c.high, c.source, c.reported, c.articles) for c in claims] == [
        (412, 412, ("army", "the army"), WED, frozenset({"07-cpa", "08-harbor"}))
    ]
    score = score_story("war", LedgerGold(claims=(gold_claim(),)), claims)
    assert [r.value for r in (score.found, score.source, score.day, score.merged)] == [1, 1, 1, 1]


def test_a_story_folder_is_ingested_tallied_and_scored(tmp_path: Path, capsys: Any) -> None:
    story = tmp_path / "war"
    story.mkdir()
    for stem, published, text in [
        ("01-cpa", "2026-03-04", "The army said on Wednesday it had killed 412 rebels."),
        ("02-harbor", "2026-03-05", "The army said on Wednesday that 412 rebels were killed."),
    ]:
        (story / f"{stem}.txt").write_text(f"Fighting in the east\n\n{text}\n", encoding="utf-8")
        meta = {"published": published, "outlet": stem.split("-")[1]}
        (story / f"{stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    write_gold(story, [{**ARMY_412, "articles": ["01-cpa", "02-harbor"]}])
    [score] = evaluate_stories([story])
    assert (score.story, score.articles, score.found.hits) == ("war", 2, 1)
    assert score.claims[0].found_in == ["01-cpa", "02-harbor"]
    assert main([str(story), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["stories"][0]["scores"]["found"] == 1.0
    assert main([str(tmp_path / "nope")]) == 2
    assert "no such story folder" in capsys.readouterr().err
