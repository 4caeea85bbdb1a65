"""A death the leaver tells of (a parent, a partner, a patient, a resident, a colleague): a brief condolence that
names who died, never a question about its cause (data: ``data/wording/bereavement.json``).

The death of a person is read from a death word ("overleden", "died", "we lost") near a word for a person in
the same sentence; "nobody died", "bijna overleden", "worked to death" and "we lost a colleague" (to another
employer) are not deaths. Who died is said back in the leaver's relation to them ("je vader", "your father"),
or, where the person is someone else's ("his father"), in a plain condolence.
"""

from __future__ import annotations

import re
from typing import Any

from .wording import LANGUAGES, data_file

# How many words may stand between the person and the death word ("my dad, after a long illness, died").
NEAR = 7
# How many words before the death word may rule it out ("nobody on the ward died", "bijna overleden").
RULED_OUT = 3
ARTICLES = frozenset({"de", "het", "een", "die", "dat", "the", "a", "an", "that"})


def _data() -> dict[str, Any]:
    return data_file("bereavement.json")


def _words(sentence: str) -> list[str]:
    plain = re.sub(r"['’`]s\b", "", sentence.lower())  # "my gran's funeral" -> "my gran funeral"
    return re.findall(r"[\w'’-]+", plain)


def _who(words: list[str], at: int, data: dict[str, Any]) -> str | None:
    """Who died, in the leaver's relation to them; "" for someone else's relative; None for no person."""
    people: dict[str, str] = data["people"]
    work = set(data["work"].split("|"))
    loss_only = words[at] in data["loss_only"].split("|")
    near = [i for i in range(max(0, at - NEAR), min(len(words), at + NEAR + 1)) if words[i] in people]
    if loss_only:
        near = [i for i in near if words[i] not in work]  # "we lost a colleague" mostly means they left
    if not near:
        return None
    for j in near:
        if words[j + 1 : j + 2] in (["van"], ["of"]) and any(k in near for k in (j + 2, j + 3)):
            return ""  # "de vader van een collega", "the father of a colleague": someone else's relative
    i = min(near, key=lambda j: abs(j - at))
    before = words[i - 1] if i > 0 else ""
    if before in data["other"].split("|"):
        return ""
    if words[i] in work or people[words[i]].split()[0] in ("die", "the"):
        return people[words[i]]
    if before in ARTICLES:
        return ""  # "de man die overleed": not the leaver's own husband
    return people[words[i]]


def _died(text: str, language: str) -> tuple[str, str] | None:
    """Who died in ``text`` ("" for someone else's relative) and the word that names them; None for no death."""
    if language not in LANGUAGES:
        return None
    data: dict[str, Any] = _data()[language]
    deaths = set(data["death"].split("|"))
    ruled_out = set(data["not_a_death"].split("|"))
    for sentence in re.split(r"[.!?;:]+", text):
        words = _words(sentence)
        for at, word in enumerate(words):
            if word not in deaths or ruled_out & set(words[max(0, at - RULED_OUT) : at]):
                continue
            if at > 0 and words[at - 1] == "to":  # "worked to death", "scared to death"
                continue
            after = words[at + 1] if at + 1 < len(words) else ""
            if word == "passed" and after and after not in data["passed_when"].split("|"):
                continue  # "she passed the exam"
            who = _who(words, at, data)
            if who is None:
                continue
            return who, word
    return None


def condolence(text: str, language: str) -> str | None:
    """A brief condolence when ``text`` tells that a person died, else None."""
    found = _died(text, language)
    if found is None:
        return None
    data: dict[str, Any] = _data()[language]
    who = found[0]
    return str(data["condolence"]).format(who=who) if who else str(data["condolence_plain"])


def own_loss(text: str, language: str) -> bool:
    """Someone of the leaver's own died (a parent, a partner, a child): not a colleague, a patient or someone
    else's relative."""
    found = _died(text, language)
    if found is None or not found[0]:
        return False
    data: dict[str, Any] = _data()[language]
    work = {str(data["people"].get(w, "")) for w in data["work"].split("|")}
    who = found[0]
    return who not in work and who.split()[0] in ("je", "jouw", "your")
