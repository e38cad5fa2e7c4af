"""Article totals read like the examples here: who was hurt, who died, counted once each.

Every text is invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from newstally.extract.pipeline import load_pipeline
from newstally.extract.report import extract
from newstally.model import Measure

PUBLISHED = dt.date(2024, 5, 6)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def totals(nlp: Language, text: str) -> tuple[int | None, int | None]:
    """(killed, injured) lows of the report; None where the report has no total."""
    report = extract(text, published=PUBLISHED, nlp=nlp)
    killed = report.totals.get(Measure.KILLED)
    injured = report.totals.get(Measure.INJURED)
    return (killed.low if killed else None, injured.low if injured else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause is about the noun it hangs on
        ("Officers found a 30-year-old man who was shot in the arm outside a bakery.", (0, 1)),
        # both conjuncts are victims, and the second is a different person from the first
        ("A 70-year-old man and his 68-year-old wife were wounded when someone fired through "
         "their front door. The couple was taken to a hospital.", (0, 2)),
        # 'another' standing alone is a second person
        ("Someone fired into a kitchen window, killing one man and injuring another.", (1, 1)),
        # 'was slain'; 'the 52-year-old' is the victim of that age, not the one named last
        ("A 52-year-old man was slain and another man was badly hurt in gunfire on Elm Road. "
         "The 52-year-old was pronounced dead at the scene.", (1, 1)),
    ],
)
def test_victims_counted_once_each(nlp: Language, text: str, expected: tuple[int, int]) -> None:
    assert totals(nlp, text) == expected


def test_a_second_victim_is_new_only_once(nlp: Language) -> None:
    text = (
        "A woman was shot near a bus stop on Monday night. Police said a second woman was shot "
        "in the leg. Later, a second woman who had been shot in the hand was treated and released."
    )
    assert totals(nlp, text) == (0, 2)


def test_a_repeated_lead_is_read_once(nlp: Language) -> None:
    lead = "A gunman opened fire outside a diner, killing one man and wounding another."
    assert totals(nlp, f"{lead} Police are still looking for the gunman. {lead}") == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "A woman was charged with trying to shoot a man at a gas station on Sunday.",
        "The teenager is accused of attempting to kill a neighbor during an argument.",
    ],
)
def test_an_intended_shooting_hurts_no_one(nlp: Language, text: str) -> None:
    killed, injured = totals(nlp, text)
    assert not killed and not injured


def test_a_victim_who_walks_in_with_wounds(nlp: Language) -> None:
    text = (
        "Police responded to a shooting downtown. "
        "The victim walked into the hospital with two gunshot wounds."
    )
    assert totals(nlp, text) == (0, 1)


def test_wounds_after_a_shooting_sentence(nlp: Language) -> None:
    text = (
        "Officers were called to reports of shots fired on Birch Street. "
        "They found a man who had suffered serious injuries."
    )
    assert totals(nlp, text) == (0, 1)


def test_a_stab_wound_is_not_a_gunshot(nlp: Language) -> None:
    text = (
        "Deputies heard a shot from the garage. The suspect later had a stab wound to the arm "
        "that he caused himself."
    )
    assert totals(nlp, text)[1] in (None, 0)


def test_a_shooting_that_left_a_man_hurt(nlp: Language) -> None:
    text = "A shooting on Maple Avenue left a man in critical condition on Friday, police said."
    assert totals(nlp, text) == (0, 1)


def test_a_victim_found_later_is_the_same_person(nlp: Language) -> None:
    text = (
        "A man was shot on Tuesday afternoon near a park. Hours later a hospital told police "
        "that a victim had arrived with gunshot wounds."
    )
    assert totals(nlp, text) == (0, 1)


def test_shot_and_killed_is_one_victim(nlp: Language) -> None:
    text = "Another man was shot and killed on Oak Street late Friday, police said."
    assert totals(nlp, text) == (1, 0)


def test_a_sentence_about_an_earlier_incident(nlp: Language) -> None:
    text = (
        "A woman was shot and killed outside her home on Sunday, police said. "
        "Last August, a man was fatally shot on the same block."
    )
    assert totals(nlp, text) == (1, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officers found Dana Reyes, 17, and Omar Platt, 16, in a parked car, both suffering "
         "from gunshot wounds.", (0, 2)),
        ("Couple critically injured in late-night shooting. The couple was taken to a hospital.",
         (0, 2)),
        # the two people shot include the man who died
        ("Deputies found two people with gunshot wounds in a garage. A man was pronounced dead "
         "at the scene.", (1, 1)),
    ],
)
def test_a_group_of_known_size(nlp: Language, text: str, expected: tuple[int, int]) -> None:
    assert totals(nlp, text) == expected


def test_a_tally_of_several_shootings_is_not_this_one(nlp: Language) -> None:
    text = (
        "Two men were shot, one fatally, outside a laundromat on Friday night. "
        "At least nine other people were wounded in shootings across the county over the weekend."
    )
    assert totals(nlp, text) == (1, 1)


@pytest.mark.parametrize("noun", ["pedestrian", "girlfriend", "cashier"])
def test_people_named_by_role(nlp: Language, noun: str) -> None:
    text = f"Police said a man shot a {noun} in the leg outside a pharmacy on Tuesday."
    assert totals(nlp, text) == (0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the shooter is the second one killed
        ("A 64-year-old man fatally shot his brother and then himself on Sunday, deputies said.",
         (2, 0)),
        # 'he killed himself' is the shooter, not the wife he shot, who lived
        ("A man told a dispatcher he shot his wife and said she was still breathing, then he "
         "killed himself, police said.", (1, 1)),
    ],
)
def test_a_shooter_who_turns_the_gun_on_himself(
    nlp: Language, text: str, expected: tuple[int, int]
) -> None:
    assert totals(nlp, text) == expected


def test_a_name_given_with_an_age_joins_the_victim_of_no_other_age(nlp: Language) -> None:
    text = (
        "A 58-year-old man shot his wife and then himself in their kitchen, police said. "
        "Ronald Pike, 58, shot 55-year-old Carol Pike before turning the gun on himself."
    )
    assert totals(nlp, text) == (0, 2)


def test_a_count_shot_to_death_is_killed(nlp: Language) -> None:
    text = (
        "Neighbors mourned the two men shot to death outside a warehouse on Saturday. "
        "The first died on the pavement; the second died in an ambulance."
    )
    assert totals(nlp, text) == (2, 0)


def test_a_girl_after_she_is_the_same_victim(nlp: Language) -> None:
    text = (
        "Tanya Moss said she was sitting on her porch when she was suddenly shot. "
        "Police said a 16-year-old girl was shot in the arm early Sunday."
    )
    assert totals(nlp, text) == (0, 1)


def test_a_count_in_a_clause_of_its_own_is_not_the_shot(nlp: Language) -> None:
    text = (
        "Detectives said Lyle Brand shot his girlfriend while the two were arguing in a kitchen "
        "on Hope Street. She was in stable condition on Monday."
    )
    assert totals(nlp, text) == (0, 1)


def test_the_one_alleged_to_have_shot_is_not_hurt(nlp: Language) -> None:
    text = (
        "Prosecutors said Dale Ford is alleged to have shot and wounded a clerk during a robbery "
        "in May."
    )
    assert totals(nlp, text) == (0, 1)


def test_others_wounded_outweigh_a_part_of_them(nlp: Language) -> None:
    text = (
        "One teenager is dead and four others were wounded after gunfire at a cookout on "
        "Saturday. Two of the victims were shot in their legs."
    )
    assert totals(nlp, text) == (1, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bodies of two women were found on Tuesday morning in a parked van after a "
         "shooting.", (2, 0)),
        ("Officers said they found a person dead inside an apartment near the corner.", (1, 0)),
    ],
)
def test_bodies_and_the_dead(nlp: Language, text: str, expected: tuple[int, int]) -> None:
    assert totals(nlp, text) == expected


def test_a_link_to_another_story_counts_nothing(nlp: Language) -> None:
    text = (
        "A woman was found shot to death in her home on Sunday, deputies said. "
        "More: Neighbor says 4 bodies found in a house on Lake Road. "
        "A man was later found dead in a truck nearby."
    )
    assert totals(nlp, text) == (2, 0)


def test_spouses_who_share_a_surname_are_two_people(nlp: Language) -> None:
    text = (
        "Deputies found Ellen Marsh, 45, dead inside the home on Sunday. "
        "On Monday, police found Victor Marsh dead in a car."
    )
    assert totals(nlp, text) == (2, 0)


def test_one_of_the_bodies_is_a_part_not_the_total(nlp: Language) -> None:
    text = (
        "A mother and her son were found shot to death inside their house on Sunday. "
        "Police said one of the bodies lay in a back bedroom."
    )
    assert totals(nlp, text) == (2, 0)


def test_a_condition_after_a_shooting_is_one_hurt(nlp: Language) -> None:
    text = "One person is in stable condition at a hospital following a shooting outside a bar."
    assert totals(nlp, text) == (0, 1)


def test_his_injuries_after_a_gun_went_off(nlp: Language) -> None:
    text = (
        "A man was cleaning a rifle in his garage on Saturday night when it discharged. "
        "His injuries were not life-threatening, a sergeant said."
    )
    assert totals(nlp, text) == (0, 1)


def test_a_gun_carried_is_not_a_gun_fired(nlp: Language) -> None:
    text = (
        "Two men armed with a pistol pushed into a house and demanded money. "
        "The victim suffered minor injuries in the robbery."
    )
    assert totals(nlp, text)[1] in (None, 0)


def test_a_count_doing_the_harm_is_not_hurt(nlp: Language) -> None:
    text = (
        "Police said a clerk was shot in the arm during the robbery. "
        "\u201cAll of these lives were put in danger by these two individuals,\u201d "
        "a detective said."
    )
    assert totals(nlp, text) == (0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deputies say Cole Ames, 24, was shot in the leg after a chase. A man who ran from "
         "deputies was shot as he reached a fence.", (0, 1)),
        ("Deputies say Cole Ames, 24, was shot in the leg after a chase. A woman was also shot "
         "in the arm.", (0, 2)),
    ],
)
def test_a_named_victim_described_again(
    nlp: Language, text: str, expected: tuple[int, int]
) -> None:
    assert totals(nlp, text) == expected
