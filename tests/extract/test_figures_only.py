from newstally.extract.figures_only import CONTEXT_BEFORE, mask_for_figures


def test_sentence_without_number_is_blanked() -> None:
    text = (
        "Storm hits coast\nThe mayor spoke at length. It rained. The weather was bad."
        " Three people were killed."
    )
    masked = mask_for_figures(text + " The band played on.")
    assert len(masked) == len(text) + len(" The band played on.")
    assert masked.endswith(" " * len(" The band played on."))
    assert "Three people were killed." in masked
    assert masked.startswith("Storm hits coast\n")


def test_offsets_stay_valid_and_newlines_kept() -> None:
    text = "Headline\n\nNothing here.\nPolice said 12 people were injured on Monday."
    masked = mask_for_figures(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    start = text.index("12")
    assert masked[start : start + 2] == "12"


def test_sentences_within_the_reach_before_a_figure_are_kept() -> None:
    before = [f"Filler number {word}." for word in ("one", "two", "three", "four", "five", "six")]
    before = before[: CONTEXT_BEFORE + 1]
    text = " ".join(["Title.", *before, "Four people died."])
    masked = mask_for_figures(text)
    assert before[1] in masked  # the farthest sentence the reach keeps
    assert before[0] not in masked  # one further back is blanked


def test_inflected_harm_verb_selects_the_sentence() -> None:
    masked = mask_for_figures("Title. Nothing. Nothing. Nothing. Two were killed.")
    assert "Two were killed." in masked


def test_figures_only_report_keeps_original_text_and_offsets() -> None:
    import datetime as dt

    from newstally.extract.report import extract

    text = (
        "Fire in Leeds\nThe council met on Tuesday. The band played on and on. It was late."
        " Police said three people were killed in the fire."
    )
    full = extract(text, published=dt.date(2024, 1, 2))
    fast = extract(text, published=dt.date(2024, 1, 2), figures_only=True)
    assert fast.article.text == text
    assert [(f.measure, f.count) for f in fast.figures] == [
        (f.measure, f.count) for f in full.figures
    ]
    assert fast.figures
    for figure in fast.figures:
        span = figure.evidence
        assert text[span.start : span.end] == full.article.text[span.start : span.end]
