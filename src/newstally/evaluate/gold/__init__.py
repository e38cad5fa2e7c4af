"""Score a Report against a hand-made gold file: the accuracy regression suite of `samples/`.

A gold file (format: `shared/fixtures/seed-report.gold.json`) says what extraction must find in
one article. Every field is one check, so a score is "checks passed / checks", and every failed
check is one readable line, so a regression says what broke:

    f3 'several dozens' @676: status: got claimed, want confirmed

A list in a gold field means "any of these values is acceptable"; `null` means "nothing". Fields
whose value is itself a list (hedges, via, authors) say so where they are read.

`python -m newstally.evaluate.gold samples/` prints the scores;
`--write-baseline tests/sample_scores.json` records them for `tests/test_samples.py`.

Modules: `files` (reading gold and articles, scoring them), `report` (one report against its
gold), `figures` (matching and checking figures), `compare` (one value against the gold's),
`checks` (counting), `command` (the command line).
"""

from newstally.evaluate.gold.checks import GoldScore
from newstally.evaluate.gold.command import main
from newstally.evaluate.gold.compare import (
    name_key,
    options,
    period_matches,
    place_matches,
    relays_match,
    source_name_matches,
    text_matches,
)
from newstally.evaluate.gold.figures import figure_check_count, figure_checks, match_figures
from newstally.evaluate.gold.files import (
    GOLD_SUFFIX,
    baseline,
    gold_files,
    gold_published,
    load_gold,
    sample_name,
    score_file,
    score_paths,
    text_path_for,
)
from newstally.evaluate.gold.report import match_quotes, score_report

__all__ = [
    "GOLD_SUFFIX",
    "GoldScore",
    "baseline",
    "figure_check_count",
    "figure_checks",
    "gold_files",
    "gold_published",
    "load_gold",
    "main",
    "match_figures",
    "match_quotes",
    "name_key",
    "options",
    "period_matches",
    "place_matches",
    "relays_match",
    "sample_name",
    "score_file",
    "score_paths",
    "score_report",
    "source_name_matches",
    "text_matches",
    "text_path_for",
]
