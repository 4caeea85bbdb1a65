"""A remark that something was fine, said with the words of complaining: "daar ga ik niet over klagen, dat was
prima", "ik mag niet klagen over het salaris", "I can't complain about the pay", "no complaints there".

It says the matter was fine; it is no refusal to talk about it ("daar ga ik niet over praten" is). Django-free;
never raises.
"""

from __future__ import annotations

import re

_F = re.IGNORECASE
_NO_COMPLAINT = {
    "nl": re.compile(
        r"\b(?:mag|kan|ga|zal|hoef|wil)\s+(?:ik\s+)?(?:(?:daar|er|hier|echt|eigenlijk|zeker|ook|toch|nou)\s+)*"
        r"(?:over\s+)?(?:\w+\s+){0,2}?niet\s+(?:over\s+)?(?:te\s+)?klagen\b"
        r"|\bgeen\s+(?:klagen|klachten|klacht)\b|\b(?:niks|niets)\s+(?:over\s+)?te\s+klagen\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:can'?t|cannot|can\s+not|won'?t|will\s+not|wouldn'?t|shouldn'?t|(?:am|'m)\s+not\s+going\s+to)"
        r"\s+(?:really\s+)?complain\b|\bno\s+complaints?\b|\bnothing\s+to\s+complain\s+about\b",
        _F,
    ),
}
# ... unless the leaver refuses in so many words as well ("ik wil daar niet over praten").
_REFUSED_TOO = {
    "nl": re.compile(r"\b(?:praten|hebben|vertellen|zeggen|bespreken)\b", _F),
    "en": re.compile(r"\b(?:talk|discuss|go\s+into|get\s+into|say)\b", _F),
}


def says_no_complaint(text: str, language: str) -> bool:
    """The leaver says a matter gave no cause to complain: it was fine, and they are not refusing anything."""
    language = "en" if language == "en" else "nl"
    return bool(_NO_COMPLAINT[language].search(text)) and not _REFUSED_TOO[language].search(text)
