"""The package exports exactly its public API, and every name it exports is real and documented.

Modelled on httpx's test of the same name: a name added to or dropped from `__all__` must be a
decision, seen in review, not an accident of an import.
"""

import inspect

import newstally

PUBLIC = {
    "ArticleInput", "IngestSummary", "InputError", "LexiconError", "ModelError",
    "NewstallyError", "Report", "Store", "StoreError", "Tally", "extract", "extract_many",
    "ingest_inputs", "open_store", "tally", "tally_store",
}


def test_all_is_the_public_api() -> None:
    assert set(newstally.__all__) == PUBLIC
    assert len(newstally.__all__) == len(PUBLIC), "a name is listed twice in __all__"


def test_every_exported_name_exists_and_says_why() -> None:
    for name in newstally.__all__:
        member = getattr(newstally, name)
        assert inspect.getdoc(member), f"newstally.{name} has no docstring"


def test_public_names_do_not_expose_private_modules() -> None:
    for name in newstally.__all__:
        module = getattr(getattr(newstally, name), "__module__", "newstally")
        assert not any(part.startswith("_") for part in module.split(".")), (name, module)


def test_errors_share_one_base_a_caller_can_catch() -> None:
    for name in ("InputError", "ModelError", "StoreError"):
        assert issubclass(getattr(newstally, name), newstally.NewstallyError)


def test_ingest_is_still_the_readers_package() -> None:
    # Why the function is `ingest_inputs`: `newstally.ingest` must stay the package of readers.
    import newstally.ingest.text

    assert inspect.ismodule(newstally.ingest)
    assert newstally.ingest.text.read_text_file
