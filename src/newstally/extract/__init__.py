"""Article in, REPORT-V1 out. `extract()` is the one entry point; the modules beside this one
each handle one concern (numbers, measures, time, places, attribution, quotes, hedges)."""

from newstally.articles import MAX_TEXT_CHARS, ArticleInput, normalise_text
from newstally.extract.many import extract_many
from newstally.extract.report import extract

__all__ = ["MAX_TEXT_CHARS", "ArticleInput", "extract", "extract_many", "normalise_text"]
