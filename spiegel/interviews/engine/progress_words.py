"""An honest answer to "zijn we bijna klaar?" / "are we nearly done?" from the conversation's real progress:
how many topics are still to come after this one, or that this is the last one, or that only the closing is
left. Never "bijna aan het einde" when it is not so. Django-free; never raises.
"""

from __future__ import annotations

_NUMBERS = {
    "nl": ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight"),
}
_SAY = {
    "nl": {
        "closing": "We zijn bijna klaar: er volgt alleen nog een korte afsluiting.",
        "last": "Dit is het laatste onderwerp; daarna volgt nog een korte afsluiting.",
        "one": "Na dit onderwerp komt er nog één, daarna een korte afsluiting.",
        "more": "Na dit onderwerp volgen er nog {n} onderwerpen, daarna een korte afsluiting.",
    },
    "en": {
        "closing": "We're nearly done: only a short closing is left.",
        "last": "This is the last topic; after it there is only a short closing.",
        "one": "After this topic there is one more, then a short closing.",
        "more": "After this topic there are {n} more topics, then a short closing.",
    },
}
_EARLIER = {
    "nl": " Je kunt ook altijd eerder afronden.",
    "en": " You can always wrap up earlier.",
}


def progress_answer(language: str, topics_left: int, closing: bool) -> str:
    """What is still to come: ``topics_left`` topics after the current one, or only the ``closing``."""
    language = language if language in _SAY else "nl"
    say = _SAY[language]
    if closing:
        return say["closing"]
    if topics_left <= 0:
        return say["last"]
    if topics_left == 1:
        return say["one"] + _EARLIER[language]
    n = _NUMBERS[language][topics_left] if topics_left < len(_NUMBERS[language]) else str(topics_left)
    return say["more"].format(n=n) + _EARLIER[language]
