"""Two constructions of wire and wartime copy: killed and wounded said of one count
('killed or wounded 30', 'dead or injured', military losses) is casualties; a count given as
the value of a noun ('put the death toll at 75') is a figure of what the noun names, sourced to
whoever put it there. And a dateline before a colon is not a speaker."""

from __future__ import annotations

from newstally.extract.report import extract


def measures(text: str) -> dict[str, str]:
    return {f.count.text: f.measure.value for f in extract(text, None).figures}


def sources(text: str) -> dict[str, str | None]:
    return {f.count.text: f.source.text for f in extract(text, None).figures}


# --- killed and wounded together ------------------------------------------------------------


def test_killed_or_wounded_one_count_is_casualties() -> None:
    assert measures("Raiders killed or wounded at least 40 guards near the dam.") == {
        "at least 40": "casualties"
    }


def test_were_killed_and_wounded_is_casualties() -> None:
    assert measures("Some 25 conscripts were killed and wounded in the shelling.") == {
        "Some 25": "casualties"
    }


def test_dead_or_injured_after_the_count_is_casualties() -> None:
    assert measures("The storm left 70 dead or injured along the coast.") == {"70": "casualties"}


def test_troops_killed_or_wounded_are_casualties() -> None:
    found = measures("The brigade lost about 900 troops killed or wounded in a month.")
    assert found == {"about 900": "casualties"}


def test_military_losses_are_casualties() -> None:
    # 'lost 300 men' is the killed and the wounded together, as military losses are counted
    assert measures("The garrison had lost 300 men by the spring.") == {"300": "casualties"}


def test_two_counts_keep_their_own_measures() -> None:
    assert measures("Six people were killed and 19 others wounded at the market.") == {
        "Six": "killed", "19": "injured"}  # fmt: skip
    assert measures("The gunmen killed four villagers and wounded seven.") == {
        "four": "killed", "seven": "injured"}  # fmt: skip
    assert measures("Two died and eight were hurt when the bus overturned.") == {
        "Two": "killed", "eight": "injured"}  # fmt: skip


# --- a count as the value of a noun ---------------------------------------------------------


def test_put_the_death_toll_at_is_killed_and_sourced() -> None:
    text = "The provincial health office put the death toll at 212 on Sunday."
    assert measures(text) == {"212": "killed"}
    assert sources(text) == {"212": "provincial health office"}


def test_pegged_the_toll_at() -> None:
    assert sources("The civil defence agency pegged the toll at 87.") == {
        "87": "civil defence agency"
    }


def test_the_number_of_what_names_the_measure() -> None:
    assert measures("The mayor put the number of injured at 1,450.") == {"1,450": "injured"}
    assert measures("Rescuers put the figure of missing people at 3,000.") == {
        "3,000": "missing"
    }


def test_putting_people_somewhere_is_not_a_value() -> None:
    found = extract("The army put 300 soldiers at the border crossing.", None).figures
    assert [f.measure.value for f in found] == ["deployed"]
    assert found[0].source.text is None


# --- datelines --------------------------------------------------------------------------------


def test_a_dateline_before_a_colon_is_not_the_source() -> None:
    assert sources("BAMAKO, Oct 2: Eleven soldiers died in an ambush, the army said.") == {
        "Eleven": "army"
    }
    assert sources("BAMAKO, Oct 2: Eleven soldiers died in an ambush.") == {"Eleven": None}


def test_a_family_losing_a_son_is_a_death_not_a_military_loss() -> None:
    assert measures("The family lost two children in the house fire.") == {"two": "killed"}
    assert measures("Neighbours have seen four young men lose their lives here.") == {
        "four": "killed"
    }
