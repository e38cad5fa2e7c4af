import pytest

from newstally.errors import InputError
from newstally.model import Subject
from newstally.tally import country_code, normalise_group, subject_group


@pytest.mark.parametrize(
    "words",
    [
        "North Korean troops",
        "North Korean soldiers",
        "DPRK soldiers",
        "troops from Pyongyang",
        "north korea",
        "Korea, Democratic People's Republic of",
    ],
)
def test_names_of_north_korea_are_one_group(words: str) -> None:
    assert normalise_group(words) == "North Korea"


def test_longest_alias_wins() -> None:
    assert normalise_group("South Korean marines") == "South Korea"


def test_country_unknown_to_the_table_falls_back_to_pycountry() -> None:
    assert normalise_group("Estonia") == "Estonia"
    assert normalise_group("Russian Federation") == "Russia"


def test_unknown_group_is_kept_as_written() -> None:
    assert normalise_group("  the  rebels ") == "the rebels"


def test_subject_without_group_is_read_from_its_words() -> None:
    assert subject_group(Subject(text="DPRK soldiers")) == "North Korea"
    assert subject_group(Subject(text="soldiers")) is None


@pytest.mark.parametrize("place", ["RU", "rus", "Russia", "russian", " Russia "])
def test_place_filter_accepts_names_and_codes(place: str) -> None:
    assert country_code(place) == "RU"


def test_place_filter_names_the_bad_value() -> None:
    with pytest.raises(InputError, match="'Atlantis'"):
        country_code("Atlantis")
