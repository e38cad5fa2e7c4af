"""Measures read from the sentence: 'were still missing', elided passives, wounds, shelters,
and running totals ('bringing the total to 71')."""

from __future__ import annotations

from newstally.extract.report import extract


def measures(text: str) -> dict[str, str]:
    return {f.count.text: f.measure.value for f in extract(text, None).figures}


def test_missing_tagged_as_a_verb_is_still_missing() -> None:
    found = measures("The council said 80 people were hurt and 6 were still missing on Friday.")
    assert found == {"80": "injured", "6": "missing"}


def test_a_participle_whose_were_was_left_out_is_passive() -> None:
    found = measures("Four miners were killed and 11 others injured when the shaft collapsed.")
    assert found["11"] == "injured"


def test_the_doers_of_an_active_harm_are_not_its_count() -> None:
    found = measures("Two masked men stabbed a guard outside the depot.")
    assert found.get("Two") != "injured"


def test_people_found_with_wounds_are_casualties() -> None:
    # found with wounds: some may die of them, so hit, not yet injured or killed
    assert measures("Paramedics found five men with gunshot wounds in the car park.") == {
        "five": "casualties"
    }


def test_people_treated_for_burns_are_injured() -> None:
    assert measures("Doctors said 40 workers were being treated for burns.") == {"40": "injured"}


def test_people_staying_in_evacuation_centres_are_displaced() -> None:
    found = measures("More than 6,000 people remained in evacuation centres on Tuesday.")
    assert found == {"More than 6,000": "displaced"}


def test_people_at_a_community_centre_are_not_displaced() -> None:
    found = measures("About 200 people remained in the community centre after the concert.")
    assert found.get("About 200") != "displaced"


def test_a_running_total_counts_what_its_clause_counted() -> None:
    found = measures(
        "Divers recovered another 7 bodies on Sunday, bringing the total to 58, the coastguard "
        "said."
    )
    assert found == {"7": "killed", "58": "killed"}


def test_among_the_dead_names_the_measure_of_the_count_after_it() -> None:
    assert measures("Among the dead were six climbers who had set out at dawn.") == {
        "six": "killed"
    }


def test_a_counted_possessor_before_things_counts_the_things() -> None:
    found = measures("Officials shut three girls' boarding schools and evacuated 90 pupils.")
    assert found == {"90": "evacuated"}


def test_captives_counted_as_they_are_rescued_are_no_longer_captured() -> None:
    found = measures("Police said they had rescued 18 of the hostages and that gunmen held 6.")
    assert found["18"] == "other"
    assert measures("Pirates seized 20 hostages off the coast.") == {"20": "captured"}


def test_a_headline_verb_read_as_a_plural_noun_still_measures_its_count() -> None:
    assert measures("Mudflow kills at least 23 in mountain village") == {"at least 23": "killed"}
    assert measures("Quake injures 40 in Peru") == {"40": "injured"}


def test_people_moved_to_camps_are_displaced_but_soldiers_are_not() -> None:
    assert measures("About 85,000 had been moved to camps, he said.") == {
        "About 85,000": "displaced"
    }
    assert measures("The army moved 300 soldiers to the camp.") == {"300": "deployed"}


def test_a_sentence_opening_of_the_dead_measures_its_bare_counts() -> None:
    found = measures("Of the dead, 812 were in Kermanshah, 536 in Ilam and 295 in Lorestan.")
    assert found == {"812": "killed", "536": "killed", "295": "killed"}
    assert measures("Of the injured, two were in critical condition.") == {"two": "injured"}


def test_a_total_brought_to_a_number_the_model_reads_as_a_date_is_a_running_total() -> None:
    text = (
        "Another 12 people were killed overnight, bringing the total killed in the capital"
        " since July 1 to 112, the UN said."
    )
    found = {f.count.text: (f.measure.value, f.scope) for f in extract(text, None).figures}
    assert found["112"] == ("killed", "cumulative")
    # a number of days is still part of its date
    assert measures("The siege lasted 100 days and killed 40.") == {"40": "killed"}
