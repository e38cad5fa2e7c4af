"""Attribution frames read from invented news sentences: who is said to say or hold what."""

from __future__ import annotations

import pytest

from newstally.extract.attribution import source_kind
from newstally.extract.report import extract
from newstally.model import Attribution


def attributions(text: str) -> list[Attribution]:
    return extract(text).attributions


def content_of(text: str, cue: str) -> list[str]:
    """The content of every attribution with this cue lemma, as words."""
    return [text[a.content.start : a.content.end] for a in attributions(text) if a.cue == cue]


def test_an_aside_after_a_comma_is_not_part_of_what_was_said() -> None:
    text = "The mayor claimed that the bridge was safe, although he later refused to close it."
    claimed = content_of(text, "claim")
    assert claimed == ["that the bridge was safe"]
    assert content_of(text, "refuse") == ["to close it"]


def test_a_relative_clause_on_the_object_is_its_own_statement() -> None:
    text = "The teachers' union endorsed Maria Lopez, who says she is grateful."
    assert content_of(text, "endorse") == ["Maria Lopez"]


def test_a_common_noun_subject_can_hold_a_stance() -> None:
    text = "The appeals court ruled that the new voting rules were unlawful."
    found = attributions(text)
    assert [(a.cue, a.source.text) for a in found] == [("rule", "appeals court")]


def test_a_verb_of_causing_is_not_a_cue() -> None:
    text = "The new rule allows farmers to sell their grain abroad."
    assert attributions(text) == []


def test_a_name_and_a_colon_open_a_transcript_turn() -> None:
    text = (
        "HARPER: We will not raise taxes this year. The budget is balanced.\n\n"
        "MOORE: That is simply not true.\n"
    )
    turns = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert ("", "") not in turns
    assert (":", "HARPER", "We will not raise taxes this year. The budget is balanced.") in turns
    assert (":", "MOORE", "That is simply not true.") in turns


def test_a_speech_verb_before_a_colon_takes_the_next_paragraph() -> None:
    text = "The senator added:\n\nThe bill is a disaster for the farmers of this state.\n"
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("add", "senator", "The bill is a disaster for the farmers of this state.")]


def test_a_label_before_a_colon_is_not_a_speaker() -> None:
    text = "Correction: An earlier version of this story misstated the date of the vote.\n"
    assert [a.cue for a in attributions(text)] == []


def test_a_cue_inside_a_quote_without_a_speaker_is_part_of_the_quote() -> None:
    text = (
        'Banners along the route carried one line: "We believe the council has failed every '
        'family on this street and we want it gone."'
    )
    assert [a.cue for a in attributions(text) if a.cue in {"believe", "want"}] == []


def test_a_statement_inside_another_is_part_of_it() -> None:
    text = "The mayor said the engineers believe the old bridge will not last another winter."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert found == [("say", "mayor")]


def test_a_verb_of_voicing_a_view_takes_its_object_as_content() -> None:
    text = "The governor expressed deep doubts about the new stadium."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("express", "governor", "deep doubts about the new stadium")]


def test_mentioning_something_attributes_it() -> None:
    text = "In her speech, Senator Alvarez mentioned the rising cost of child care."
    assert [a.cue for a in attributions(text)] == ["mention"]


def test_a_stray_straight_quote_does_not_pair_across_curly_quotes() -> None:
    text = (
        'A resident called the vote "a farce.\n\n'
        "“We are done with this,” the mayor said.\n\n"
        "“The fund is empty,” the treasurer said.\n\n"
        'The clerk wrote "no comment" in the minutes.'
    )
    said = [(a.source.text, text[a.content.start : a.content.end])
            for a in attributions(text) if a.cue == "say"]
    assert said == [("mayor", "We are done with this"), ("treasurer", "The fund is empty")]


def test_a_second_verb_shares_the_subject_of_the_first() -> None:
    text = "The senator praised the farmers and criticized the new import rules."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert ("criticize", "senator", "the new import rules") in found


def test_by_saying_takes_the_subject_of_the_verb_it_hangs_on() -> None:
    text = "The minister answered critics by saying that the budget was balanced."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("say", "minister") in found


def unsourced(text: str) -> list[tuple[str, str]]:
    return [(a.cue, text[a.content.start : a.content.end])
            for a in attributions(text) if a.source.text is None]


def test_an_agentless_passive_cue_attributes_to_no_one_named() -> None:
    text = "The mayor is expected to resign next week."
    assert unsourced(text) == [("expect", "The mayor is expected to resign next week")]


def test_a_verb_of_seeming_is_the_writer_s_impression() -> None:
    text = "The new stadium seems too expensive for the city."
    assert unsourced(text) == [("seem", "The new stadium seems too expensive for the city")]


def test_a_hearsay_adverb_attributes_its_clause() -> None:
    text = "The driver allegedly fled the scene after the crash."
    assert unsourced(text) == [("allegedly", "The driver allegedly fled the scene after the crash")]


def test_an_unsourced_cue_inside_a_sourced_one_leaves_the_source() -> None:
    text = "Police said 12 people are believed killed in the blast."
    report = extract(text)
    assert [(a.cue, a.source.text) for a in report.attributions] == [("say", "Police")]
    assert [f.source.text for f in report.figures if f.source] == ["Police"]


def test_a_verb_of_voicing_a_view_through_a_preposition() -> None:
    text = "The governor railed against the new fishing quotas."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("rail", "governor", "against the new fishing quotas")]


def test_a_preposition_of_time_is_not_the_content() -> None:
    text = "The governor spoke on Tuesday in the capital."
    assert [a.cue for a in attributions(text)] == []


def test_a_dash_signature_after_a_no_break_space_names_the_speaker() -> None:
    text = (
        "Readers wrote in about the bridge.\n"
        "“The bridge has been closed for a year and nobody seems to care at all.”\u00a0― Ana Ruiz\n"
        "“My commute is now an hour longer every single day of the week.”\u00a0― Tom Reyes\n"
    )
    speakers = [a.source.text for a in attributions(text) if a.source.text != "Readers"]
    assert speakers == ["Ana Ruiz", "Tom Reyes"]


def test_a_straight_quote_does_not_pair_across_a_paragraph_break() -> None:
    text = (
        'The mayor called the flood response "a disaster.\n\n'
        "Council members said they would vote on the repair budget on Friday.\n\n"
        '"We are ready to rebuild," one member said.'
    )
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("say", "Council members") in found



def test_a_nominal_cue_with_an_owner_takes_its_topic() -> None:
    text = "The senator's criticism of the harbor plan surprised her colleagues."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("criticism", "senator's", "of the harbor plan")]


def test_a_date_after_a_nominal_cue_is_not_its_topic() -> None:
    text = "His remarks on Saturday were brief."
    assert attributions(text) == []


def test_a_relative_pronoun_holds_the_view_of_its_antecedent() -> None:
    text = "The fishermen's union, which endorsed the harbor plan last year, now opposes it."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("endorse", "which") in found


def test_an_accusation_names_its_charge() -> None:
    text = "The council accused the contractor of hiding the cost overruns."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("accuse", "council", "the contractor of hiding the cost overruns")]


def test_a_curly_quote_does_not_pair_across_a_paragraph_break() -> None:
    text = (
        "The mayor said there was “no danger\" to residents.\n\n"
        "The fire chief said the blaze was under control by midnight.\n\n"
        "Officials said it would take \"more hours” to reopen the road."
    )
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert ("say", "fire chief") in found


def test_a_verb_of_the_manner_of_saying_is_a_cue() -> None:
    text = "Protesters chanted slogans against the new mine outside the hall."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert found == [("chant", "Protesters")]


def test_agreeing_and_complaining_need_no_clause() -> None:
    text = "The farmers complained about the new water tax."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("complain", "farmers", "about the new water tax")]


def test_a_poll_named_in_a_prepositional_phrase_is_the_source() -> None:
    text = "In a poll released on Monday, the mayor led her rival by six points."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [("in", "poll", "the mayor led her rival by six points")]


def test_an_adjective_of_stance_after_a_copula_is_a_cue() -> None:
    text = "The fishermen were worried that the new quotas would end their season."
    found = [(a.cue, a.source.text, text[a.content.start : a.content.end])
             for a in attributions(text)]
    assert found == [
        ("worried", "fishermen", "that the new quotas would end their season")
    ]


def test_seeing_something_as_something_is_a_view() -> None:
    text = "Local critics see the new harbor tax as a gift to developers."
    found = [(a.cue, a.source.text) for a in attributions(text)]
    assert found == [("see", "Local critics")]


def test_two_apostrophes_quote_like_a_double_quote() -> None:
    text = (
        "''The bridge is safe,'' the mayor said on Friday. "
        "''We believe it will reopen to traffic by the spring.''"
    )
    report = extract(text)
    assert [q.speaker for q in report.quotes] == ["mayor", "mayor"]
    assert [a.source.text for a in report.attributions] == ["mayor"]


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("officials in Valdoria", "official"),  # not the agency RIA
        ("RIA Novosti", "media"),
        ("evocation.info", "media"),
        ("human rights groups", "ngo"),
        ("army spokesmen", "military"),
    ],
)
def test_source_kinds_match_whole_words(words: str, kind: str) -> None:
    assert source_kind(words, has_person=False).value == kind


def test_a_kicker_over_a_story_is_not_a_speaker() -> None:
    text = "FLOODS: At least 12 people were killed on Monday, the regional governor said."
    sources = {a.source.text for a in attributions(text)}
    assert "FLOODS" not in sources
    assert "regional governor" in sources


def test_a_source_wrapped_over_two_lines_has_a_one_line_name() -> None:
    text = (
        "Twelve people died in the town after the river overflowed on Monday, officials\n"
        "in the province said on Tuesday morning."
    )
    (found,) = [a for a in attributions(text) if a.cue == "say"]
    assert found.source.name is not None and "\n" not in found.source.name
