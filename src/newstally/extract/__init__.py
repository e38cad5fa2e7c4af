"""Article in, REPORT-V1 out. `extract()` is the one entry point; the modules beside this one
each handle one concern (numbers, measures, time, places, attribution, quotes, hedges)."""

from newstally.extract.report import MAX_TEXT_CHARS, extract, extract_many, normalise_text

__all__ = ["MAX_TEXT_CHARS", "extract", "extract_many", "normalise_text"]
