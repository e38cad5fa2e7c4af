"""Small invented news articles written into a folder, one NAME.txt and NAME.meta.json each.

The towns, outlets and events are made up; each text is different, so each is its own article.
"""

from __future__ import annotations

import json
from pathlib import Path

TOWNS = ("Valdoria", "Kesh", "Ostra", "Marrowby", "Tellin", "Quarry Hill", "Lonmere", "Aster")
EVENTS = (
    ("Flood", "{n} people were killed when the river burst its banks in {town} on {day}, the "
     "regional governor said. Rescue teams were searching for {m} people reported missing."),
    ("Bus crash", "A bus left the road near {town} on {day}, killing {n} passengers and injuring "
     "{m}, police said. The driver was taken to hospital."),
    ("Fire", "{n} people were injured when a fire swept through a market in {town} on {day}, "
     "the fire brigade said. {m} stalls were destroyed."),
    ("Storm", "A storm hit {town} on {day}, injuring {n} people and leaving {m} homes without "
     "power, the mayor told reporters."),
    ("Mine collapse", "{n} miners were killed and {m} were rescued after a tunnel collapsed "
     "near {town} on {day}, the mine's owner said."),
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def write_articles(folder: Path, count: int = 40) -> dict[str, str]:
    """Write `count` articles into `folder`; returns each file's name and its title."""
    folder.mkdir(parents=True, exist_ok=True)
    titles: dict[str, str] = {}
    for number in range(count):
        town = TOWNS[number % len(TOWNS)]
        event, template = EVENTS[number // len(TOWNS) % len(EVENTS)]
        n, m = 3 + number, 40 + 2 * number
        text = template.format(n=n, m=m, town=town, day=DAYS[number % len(DAYS)])
        name = f"article-{number:03d}"
        title = f"{event} in {town}: {n}"
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({
            "title": title, "published": f"2024-03-{1 + number % 28:02d}",
            "outlet": "The Daily Lantern", "url": f"https://lantern.example/{name}",
        }), encoding="utf-8")
        titles[f"{name}.txt"] = title
    return titles
