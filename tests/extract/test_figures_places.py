"""Places with regions: 'the province of X', 'in X' parsed as a clause, 'the X region'."""

from __future__ import annotations

from spacy.tokens import Doc

from newstally.extract.pipeline import load_pipeline
from newstally.extract.places import find_place, resolve_place, subdivisions_by_name
from newstally.extract.report import extract
from newstally.model import Measure


def test_the_province_of_a_named_place_is_where_the_count_is() -> None:
    text = "A typhoon battered the northern province of Ilocos Norte on Friday, killing 8 people."
    figure = extract(text, None).figures[0]
    assert figure.place is not None and figure.place.region == "Ilocos Norte"


def test_a_place_the_parser_hangs_off_in_as_a_clause_is_still_a_place() -> None:
    # the small model sometimes parses 'in Davao del Sur' with the name as a clause (pcomp)
    nlp = load_pipeline()
    words = ["40", "died", "in", "Davao", "del", "Sur"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 1, 2, 3, 4],
              deps=["nsubj", "ROOT", "prep", "pcomp", "prep", "pobj"])  # fmt: skip
    place = find_place(doc[:], doc[0], Measure.KILLED)
    assert place is not None and place.region == "Davao del Sur"


def test_a_name_written_with_its_kind_finds_any_subdivision() -> None:
    place = resolve_place("the Mandalay region")
    assert place is not None and (place.country, place.region) == ("MM", "Mandalay")
    assert resolve_place("Mandalay region") is not None


def test_a_bare_word_of_direction_is_no_subdivision_of_its_own() -> None:
    assert "east" not in subdivisions_by_name()


def test_a_province_written_without_its_diacritics_is_found() -> None:
    # ISO 3166-2 writes 'Kermānshāh' and 'Uttarākhand'; news copy does not
    for name, country in [("Kermanshah", "IR"), ("Uttarakhand", "IN"), ("Lorestan", "IR")]:
        place = resolve_place(name)
        assert place is not None and place.country == country, name


def test_a_toll_put_in_a_province_is_placed_there_not_in_the_country_before() -> None:
    text = ("The authority said 900 people had been killed in Nepal. "
            "India's Home Ministry put the toll in Uttarakhand at 140.")
    places = {f.count.text: f.place.country if f.place else None
              for f in extract(text, None).figures}
    assert places == {"900": "NP", "140": "IN"}


def _places(text: str) -> list[str | None]:
    return [f.place.country if f.place else None for f in extract(text, None).figures]


def test_a_count_whose_sentence_names_no_place_takes_the_storys_country() -> None:
    text = (
        "GENEVA — Up to 60 migrants are feared dead after a boat capsized off Yemen's coast,"
        " the IOM said on Tuesday.\n\n"
        "At least 20 people were still missing on Wednesday, an official said."
    )
    # the dateline is the agency's office, not where the boat sank
    assert _places(text) == ["YE", "YE"]


def test_a_wire_dateline_with_its_filing_date_gives_the_country() -> None:
    text = (
        "EL OBEID, Sudan, March 3 (Reuters) - Shelling killed at least 30 people, the health"
        " ministry said."
    )
    assert _places(text) == ["SD"]


def test_people_of_another_country_are_not_placed_in_the_storys_country() -> None:
    text = (
        "Fighting raged in Russia's Kursk region, where a hospital in Russia took in 80 wounded."
        "\n\nOfficials said several hundred North Korean soldiers had been killed."
    )
    assert _places(text) == ["RU", None]


def test_congo_alone_is_the_democratic_republic_as_wires_write_it() -> None:
    assert resolve_place("Congo").country == "CD"  # type: ignore[union-attr]
    assert resolve_place("Republic of Congo").country == "CG"  # type: ignore[union-attr]


def test_each_count_of_a_list_takes_the_place_right_after_it() -> None:
    text = (
        "The quake killed 2,595 people in Hatay, 2,195 in Kahramanmaras, 350 in Adiyaman"
        " and 300 in Malatya, the agency said."
    )
    regions = [f.place.region for f in extract(text, None).figures if f.place]
    assert regions == ["Hatay", "Kahramanmaraş", "Adıyaman", "Malatya"]
    assert _places("The toll rose to 1,541 in Turkey and 810 in Syria.") == ["TR", "SY"]


def test_counts_given_respectively_take_the_places_listed_before_them() -> None:
    text = (
        "Floods have killed more than 3,600 people in Pakistan and Afghanistan, with the two"
        " governments reporting 1,414 and 2,274 deaths respectively."
    )
    assert _places(text)[1:] == ["PK", "AF"]
