"""Measure extraction against human-made truth: gold files for single articles (`gold/`) and
public evaluation sets (`harness.py`, `counts.py`, `attributions.py`)."""
