"""Hand-made reports for the web tests: one story told three times, and a hostile article."""

from __future__ import annotations

import datetime as dt
from typing import Any

from newstally.model import Article, Figure, Report, article_id

HOSTILE_LINE = ("<b>&amp;\"'</b>" * 700)[:10_000]
HOSTILE_TEXT = (
    "Crush at the stadium<script>alert(1)</script>\n\n"
    "Officials said 17 people were killed in the crush on Sunday.\n\n"
    'A comment read: "><img src=x onerror=alert(1)>\n\n' + HOSTILE_LINE + "\n\nThe end."
)


def figure(text: str, words: str, fid: str, **fields: Any) -> Figure:
    """A figure whose evidence is the first occurrence of `words` in `text`."""
    start = text.index(words)
    sentence_start = text.rfind("\n", 0, start) + 1
    sentence_end = text.find("\n", start)
    record = {
        "id": fid,
        "measure": "killed",
        "count": {"low": 50, "high": 50, "text": words},
        "evidence": {
            "start": start,
            "end": start + len(words),
            "sentence": {
                "start": sentence_start,
                "end": sentence_end if sentence_end >= 0 else len(text),
            },
        },
        **fields,
    }
    return Figure.model_validate(record)


def report(text: str, published: str, outlet: str, figures: list[Figure], **extra: Any) -> Report:
    article = Article(
        id=article_id(text),
        text=text,
        published=dt.date.fromisoformat(published),
        outlet=outlet,
        title=text.splitlines()[0],
        url=f"https://{outlet}/story",
    )
    return Report(article=article, figures=figures, **extra)


NK = {"subject": {"text": "North Korean soldiers", "group": "North Korea", "role": "soldiers"}}
KURSK = {"place": {"text": "Kursk", "country": "RU", "region": "Kursk Oblast"}}


def story_reports() -> list[Report]:
    """One story told three times: SOF's 50 (relayed by two outlets), later several hundred."""
    one = (
        "SOF says 50 North Korean soldiers killed\n"
        "Ukraine's special forces said on Monday they killed 50 North Korean soldiers "
        "in Kursk from Saturday to Monday."
    )
    two = (
        "Kursk fighting: 50 North Korean troops dead, Ukraine says\n"
        "The Special Operations Forces said on Monday that 50 DPRK soldiers were killed "
        "in Kursk, a claim that has not been independently verified."
    )
    three = (
        "Several hundred North Korean soldiers killed, Pentagon says\n"
        "The Pentagon confirmed on Thursday that several hundred North Korean soldiers "
        "have been killed or wounded in Kursk so far."
    )
    sof = {
        "source": {
            "text": "Special Operations Forces",
            "name": "Special Operations Forces",
            "kind": "military",
        },
        "cue": "say",
        "status": "claimed",
    }
    period = {
        "period": {"text": "from Saturday to Monday", "start": "2024-12-14", "end": "2024-12-16"}
    }
    return [
        report(
            one,
            "2024-12-16",
            "one.example",
            [
                figure(one, "50", "f1", reported="2024-12-16", **NK, **KURSK, **sof, **period),
            ],
        ),
        report(
            two,
            "2024-12-17",
            "two.example",
            [
                figure(
                    two,
                    "50",
                    "f1",
                    reported="2024-12-16",
                    hedges=["has not been independently verified"],
                    **NK,
                    **KURSK,
                    **sof,
                    **period,
                ),
            ],
        ),
        report(
            three,
            "2024-12-19",
            "three.example",
            [
                figure(
                    three,
                    "several hundred",
                    "f1",
                    reported="2024-12-19",
                    count={"low": 300, "high": 900, "text": "several hundred"},
                    source={"text": "The Pentagon", "name": "Pentagon", "kind": "government"},
                    cue="confirm",
                    status="confirmed",
                    **NK,
                    **KURSK,
                ),
            ],
        ),
    ]


def hostile_report() -> Report:
    text = HOSTILE_TEXT
    quote_start = text.index('"><img')
    return report(
        text,
        "2024-12-20",
        "hostile.example",
        [
            figure(
                text,
                "17",
                "f1",
                reported="2024-12-20",
                source={
                    "text": "Officials<script>",
                    "name": "Officials<script>",
                    "kind": "official",
                },
                subject={"text": "people", "group": "Guinea", "role": "people"},
                place={"text": "Conakry", "country": "GN"},
            )
        ],
        quotes=[
            {
                "speaker": '"><img src=x onerror=alert(2)>',
                "text": text[quote_start:],
                "evidence": {"start": quote_start, "end": len(text)},
            }
        ],
        attributions=[
            {
                "source": {"text": "Officials", "name": "Officials", "kind": "official"},
                "cue": "say",
                "content": {"start": 0, "end": text.index(" in the crush")},
            }
        ],
    )
