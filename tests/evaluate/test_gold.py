"""The gold scorer on hand-made reports: every check can pass, and every check can fail alone."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from newstally.errors import InputError
from newstally.evaluate.gold import (
    GoldScore,
    baseline,
    load_gold,
    main,
    score_report,
)
from newstally.model import (
    Article,
    Attribution,
    Count,
    Evidence,
    Figure,
    Measure,
    Period,
    Place,
    Quote,
    Relay,
    Report,
    Role,
    Source,
    SourceKind,
    Span,
    Status,
    Subject,
    article_id,
)

TEXT = (
    "On Monday, the health ministry confirmed that 12 people were killed in Kharkiv between "
    "Saturday and Sunday, according to Reuters. Rebels also destroyed 40 tanks.\n"
    '"We buried them at night," said Olga Petrenko, a nurse.'
)
PUBLISHED = dt.date(2025, 3, 12)  # a Wednesday


def at(words: str) -> int:
    return TEXT.index(words)


def make_figure(**changes: Any) -> Figure:
    """The figure that the gold below describes, with `changes` applied."""
    start = at("12 people")
    fields: dict[str, Any] = {
        "id": "f1",
        "measure": Measure.KILLED,
        "count": Count(low=12, high=12, text="12"),
        "subject": Subject(text="people", group="Ukraine", role=Role.PEOPLE),
        "place": Place(text="Kharkiv", country="UA", region="Kharkiv Oblast"),
        "period": Period(
            text="between Saturday and Sunday", start=dt.date(2025, 3, 8), end=dt.date(2025, 3, 9)
        ),
        "reported": dt.date(2025, 3, 10),
        "source": Source(
            text="the health ministry", name="health ministry", kind=SourceKind.GOVERNMENT
        ),
        "via": [Relay(text="Reuters", kind=SourceKind.MEDIA)],
        "cue": "confirm",
        "status": Status.CONFIRMED,
        "hedges": [],
        "evidence": Evidence(start=start, end=start + 2, sentence=Span(start=0, end=130)),
    }
    fields.update(changes)
    return Figure(**fields)


def make_quote(**changes: Any) -> Quote:
    start = at("We buried")
    fields: dict[str, Any] = {
        "speaker": "Olga Petrenko",
        "speaker_description": "a nurse",
        "to": None,
        "text": "We buried them at night,",
        "direct": True,
        "evidence": Span(start=start, end=start + 24),
    }
    fields.update(changes)
    return Quote(**fields)


# The report's attribution list names both sources, so the figure and quote checks stay independent.
ATTRIBUTIONS = [
    Attribution(
        source=Source(text="the health ministry", name="health ministry"),
        cue="confirm",
        content=Span(start=at("12 people"), end=at("according")),
    ),
    Attribution(
        source=Source(text="Olga Petrenko", name="Olga Petrenko", kind=SourceKind.PERSON),
        cue="say",
        content=Span(start=at("We buried"), end=at("We buried") + 24),
    ),
]


def make_report(
    figures: list[Figure] | None = None,
    quotes: list[Quote] | None = None,
    attributions: list[Attribution] | None = None,
    **article: Any,
) -> Report:
    meta: dict[str, Any] = {"outlet": "example-news.com", "authors": ["Jane Doe"]}
    meta.update(article)
    return Report(
        article=Article(id=article_id(TEXT), text=TEXT, published=PUBLISHED, **meta),
        figures=[make_figure()] if figures is None else figures,
        quotes=[make_quote()] if quotes is None else quotes,
        attributions=ATTRIBUTIONS if attributions is None else attributions,
    )


GOLD: dict[str, Any] = {
    "input": {"file": "x.txt", "published": "2025-03-12"},
    "article": {
        "outlet": ["example-news.com", "Example News"],
        "authors": ["Jane Doe"],
        "published": "2025-03-12",
    },
    "figures": [
        {
            "measure": ["killed"],
            "count": {"low": 12, "high": 12, "text": "12", "approximate": False},
            "subject": {"group": "Ukraine", "role": "people"},
            "place": {"country": "UA"},
            "period": {"start": "2025-03-08", "end": "2025-03-09"},
            "reported": "2025-03-10",
            "source": {"name": ["health ministry", "Health Ministry"], "kind": ["government"]},
            "status": "confirmed",
            "cue": ["confirm", "acknowledge"],
            "hedges": [],
            "via": ["Reuters"],
            "evidence": {"start": at("12 people"), "end": at("12 people") + 2},
        }
    ],
    "not_figures": ["40 tanks"],
    "quotes": [
        {
            "speaker": "Olga Petrenko",
            "speaker_description": ["a nurse", "nurse"],
            "to": None,
            "direct": True,
            "text_starts": "We buried",
            "evidence": {"start": at("We buried"), "end": at("We buried") + 9},
        }
    ],
    "attributions_sources": ["health ministry", "Olga Petrenko"],
    "notes": "hand-made gold for a hand-made report",
}

# article 3 + figure 14 (found + 12 fields + approximate + via) + not-figure 1 + quote 5 + sources 2
PERFECT_CHECKS = 3 + 15 + 1 + 5 + 2


def gold(**changes: Any) -> dict[str, Any]:
    """GOLD with the first figure's fields replaced."""
    result = copy.deepcopy(GOLD)
    result["figures"][0].update(changes)
    return result


def test_a_perfect_report_scores_one() -> None:
    result = score_report(make_report(), GOLD)
    assert result.misses == []
    assert (result.checks, result.passed, result.score) == (PERFECT_CHECKS, PERFECT_CHECKS, 1.0)


def test_a_wrong_status_is_one_readable_miss() -> None:
    report = make_report([make_figure(status=Status.CLAIMED)])
    result = score_report(report, GOLD)
    assert result.misses == [
        f'f1 \'12\' @{at("12 people")}: status: got "claimed", want "confirmed"'
    ]
    assert (result.checks, result.passed) == (PERFECT_CHECKS, PERFECT_CHECKS - 1)


def test_an_extra_figure_is_a_miss() -> None:
    start = at("Kharkiv")
    extra = make_figure(
        id="f2",
        count=Count(low=7, high=7, text="7"),
        evidence=Evidence(start=start, end=start + 7, sentence=Span(start=0, end=130)),
    )
    result = score_report(make_report([make_figure(), extra]), GOLD)
    assert result.misses == [f"extra figure f2 '7' @{start} (killed)"]
    assert result.checks == PERFECT_CHECKS + 1


def test_a_missing_figure_fails_all_its_checks_on_one_line() -> None:
    result = score_report(make_report(figures=[]), GOLD)
    assert result.misses == [f"f1 '12' @{at('12 people')}: not found (15 checks)"]
    assert (result.checks, result.passed) == (PERFECT_CHECKS, PERFECT_CHECKS - 15)


def test_a_figure_matches_only_where_the_evidence_overlaps() -> None:
    start = at("Saturday")
    elsewhere = make_figure(
        evidence=Evidence(start=start, end=start + 8, sentence=Span(start=0, end=130))
    )
    result = score_report(make_report([elsewhere]), GOLD)
    assert result.misses[0].endswith("not found (15 checks)")
    assert result.misses[1].startswith("extra figure f1 '12'")


def test_figures_match_one_to_one() -> None:
    gold_twice = copy.deepcopy(GOLD)
    gold_twice["figures"].append(copy.deepcopy(GOLD["figures"][0]))
    result = score_report(make_report(), gold_twice)
    assert result.misses == [f"f2 '12' @{at('12 people')}: not found (15 checks)"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"measure": Measure.INJURED}, "measure"),
        ({"count": Count(low=12, high=None, text="12")}, "high"),
        ({"count": Count(low=12, high=12, text="12", approximate=True)}, "approximate"),
        ({"subject": Subject(group="Russia", role=Role.PEOPLE)}, "subject.group"),
        ({"subject": Subject(group="Ukraine", role=Role.SOLDIERS)}, "subject.role"),
        ({"place": None}, "place"),
        ({"place": Place(text="Kursk", country="RU")}, "place"),
        ({"period": None}, "period"),
        (
            {"period": Period(text="Sunday", start=dt.date(2025, 3, 9), end=dt.date(2025, 3, 9))},
            "period",
        ),
        ({"reported": None}, "reported"),
        (
            {"source": Source(text="Reuters", name="Reuters", kind=SourceKind.GOVERNMENT)},
            "source.name",
        ),
        ({"source": Source(name="health ministry", kind=SourceKind.MEDIA)}, "source.kind"),
        ({"cue": "say"}, "cue"),
        ({"via": []}, "via"),
    ],
)
def test_each_field_is_one_check(changes: dict[str, Any], field: str) -> None:
    result = score_report(make_report([make_figure(**changes)]), GOLD)
    assert len(result.misses) == 1, result.misses
    assert f": {field}: got " in result.misses[0]


def test_a_list_in_the_gold_accepts_any_of_its_values() -> None:
    changed = gold(status=["claimed", "confirmed"], reported=[None, "2025-03-10"])
    report = make_report([make_figure(status=Status.CLAIMED, reported=None)])
    assert score_report(report, changed).misses == []


def test_null_in_the_gold_wants_nothing() -> None:
    changed = gold(place=None, period=None)
    assert len(score_report(make_report(), changed).misses) == 2
    report = make_report([make_figure(place=None, period=None)])
    assert score_report(report, changed).misses == []


def test_a_gold_region_must_match_when_given() -> None:
    changed = gold(place={"country": "UA", "region": ["Kharkiv", "Kharkiv Oblast"]})
    assert score_report(make_report(), changed).misses == []
    report = make_report([make_figure(place=Place(text="Kharkiv", country="UA"))])
    assert "place" in score_report(report, changed).misses[0]


def test_a_source_name_passes_as_the_source_words_without_the() -> None:
    source = Source(text="the health ministry", name=None, kind=SourceKind.GOVERNMENT)
    report = make_report([make_figure(source=source)])
    assert score_report(report, GOLD).misses == []


def test_hedges_are_substrings_of_predicted_hedges() -> None:
    changed = gold(hedges=["independently verified"])
    hedged = make_figure(hedges=["could not be independently verified"])
    assert score_report(make_report([hedged]), changed).misses == []
    assert (
        score_report(make_report(), changed)
        .misses[0]
        .endswith('hedge: got [], want "independently verified"')
    )


def test_via_accepts_alternative_chains_nearest_the_source_first() -> None:
    changed = gold(via=[["local official", "Reuters"], ["Reuters"]])
    assert score_report(make_report(), changed).misses == []
    two = [
        Relay(text="a local official", kind=SourceKind.OFFICIAL),
        Relay(text="Reuters", kind=SourceKind.MEDIA),
    ]
    assert score_report(make_report([make_figure(via=two)]), changed).misses == []
    backwards = list(reversed(two))
    assert len(score_report(make_report([make_figure(via=backwards)]), changed).misses) == 1


def test_a_not_figure_fails_when_a_figure_is_read_inside_it() -> None:
    start = at("40 tanks")
    tanks = make_figure(
        id="f2",
        count=Count(low=40, high=40, text="40"),
        evidence=Evidence(start=start, end=start + 2, sentence=Span(start=0, end=130)),
    )
    result = score_report(make_report([make_figure(), tanks]), GOLD)
    assert result.misses == [
        f"extra figure f2 '40' @{start} (killed)",
        "not a figure: '40 tanks' (predicted f2 '40')",
    ]


def test_quotes_match_within_three_characters() -> None:
    near = make_quote(evidence=Span(start=at("We buried") - 1, end=at("We buried") + 20))
    assert score_report(make_report(quotes=[near]), GOLD).misses == []
    far = make_quote(evidence=Span(start=at("We buried") + 4, end=at("We buried") + 20))
    misses = score_report(make_report(quotes=[far]), GOLD).misses
    assert misses == [f"q1 'We buried' @{at('We buried')}: not found (5 checks)"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"speaker": "Olga"}, "speaker"),
        ({"speaker_description": None}, "speaker_description"),
        ({"to": "Reuters"}, "to"),
        ({"direct": False}, "direct"),
    ],
)
def test_each_quote_field_is_one_check(changes: dict[str, Any], field: str) -> None:
    result = score_report(make_report(quotes=[make_quote(**changes)]), GOLD)
    assert len(result.misses) == 1
    assert f": {field}: got " in result.misses[0]


def test_speakers_compare_without_case() -> None:
    quote = make_quote(speaker="OLGA PETRENKO", speaker_description="A nurse")
    assert score_report(make_report(quotes=[quote]), GOLD).misses == []


def test_attribution_sources_are_found_in_attributions_figures_or_speakers() -> None:
    changed = copy.deepcopy(GOLD)
    changed["attributions_sources"].append("Ukrainian officials")
    report = make_report()
    assert score_report(report, changed).misses == [
        "attribution source 'Ukrainian officials': not found"
    ]
    said = Attribution(
        source=Source(text="senior Ukrainian officials", kind=SourceKind.OFFICIAL),
        cue="say",
        content=Span(start=0, end=10),
    )
    assert score_report(make_report(attributions=[*ATTRIBUTIONS, said]), changed).misses == []


@pytest.mark.parametrize(
    ("article", "field"),
    [
        ({"outlet": None}, "article.outlet"),
        ({"authors": ["Jane Doe", "Ali Khan"]}, "article.authors"),
    ],
)
def test_article_fields_are_checked(article: dict[str, Any], field: str) -> None:
    misses = score_report(make_report(**article), GOLD).misses
    assert len(misses) == 1 and misses[0].startswith(field)


def test_score_is_passed_over_checks() -> None:
    assert GoldScore(checks=4, passed=3).score == 0.75
    assert GoldScore().score == 1.0
    assert json.loads(GoldScore(checks=2, passed=1).model_dump_json())["score"] == 0.5


def test_baseline_rounds_down() -> None:
    scores = {"b": GoldScore(checks=3, passed=2), "a": GoldScore(checks=1, passed=1)}
    assert baseline(scores) == {"a": 1.0, "b": 0.6666}


def test_load_gold_reads_the_seed_format(tmp_path: Path) -> None:
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    assert load_gold(path) == GOLD


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a gold file"),
        ('{"figures": 3}', "not a gold file"),
    ],
)
def test_a_bad_gold_file_is_an_input_error_naming_it(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        load_gold(path)
    assert "bad.gold.json" in str(error.value)
    assert "\n" not in str(error.value)


def test_a_missing_gold_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such gold file"):
        load_gold(tmp_path / "absent.gold.json")


def test_main_reports_a_missing_path_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
