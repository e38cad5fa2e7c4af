"""One invented wire story, the copies outlets would run, and stories that are not copies.

Shared by the near-duplicate tests (tests/ingest/test_dedupe.py) and the store and tally tests of
copies. All text here is made up for the tests.
"""

WIRE = """KESH, Valdoria (Lantern Wire) - At least 12 people were killed and 40 injured when the
Ostra river burst its banks on Monday, flooding low-lying districts of the town of Kesh, the
regional governor said.
Governor Anton Brel told reporters that rescue teams were still searching for seven people
reported missing, and that more than 300 homes had been damaged by the water.
"We have never seen water this high," said Ilse Varga, a resident who spent the night on the
roof of her house with her two children before a boat reached them.
The civil protection agency said 1,200 people had been moved to schools and sports halls on
higher ground, and warned that more rain was expected in the mountains upstream on Tuesday.
The Ostra last flooded in 2009, when four people died. Residents said the embankments built
after that flood had not been maintained.
Lantern Wire reporter Mara Quill contributed from Kesh."""

# The copies an outlet would run: its own lead-in, a changed word or two, a trimmed ending.
COPIES = {
    "courier": WIRE.replace("KESH, Valdoria (Lantern Wire) - ", "")
    .replace("told reporters", "said")
    .replace("Lantern Wire reporter Mara Quill contributed from Kesh.", "(Kesh Courier)"),
    "gazette": "FLOODS: "
    + WIRE.replace("sports halls", "gymnasiums").replace(
        "more rain was expected", "heavier rain was forecast"
    ),
    "herald": WIRE.rsplit("\n", 3)[0] + "\nThis story has been updated.",
}

# The same event, the same names and numbers, written by another reporter.
OTHER_REPORT = """Twelve people died in Kesh on Monday after the Ostra river overflowed, officials
in Valdoria said. Forty were hurt. Governor Anton Brel said seven residents were missing and
300 homes were damaged; 1,200 people spent the night in schools. Ilse Varga, who waited on her
roof with her children, said the water had never been so high. The river last flooded in 2009."""

UNRELATED = """The central bank of Valdoria raised its main interest rate by a quarter of a
percentage point on Thursday, citing persistent inflation in food and energy prices, and said
further increases could follow if wages kept rising faster than productivity."""
