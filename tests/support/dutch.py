"""How Dutch writes days and months, written out by hand so that a test checks the product's Dutch dates against
something other than the product's own lists."""

from __future__ import annotations

import datetime as dt

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(day: dt.date) -> str:
    """``3 maart 2027``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
