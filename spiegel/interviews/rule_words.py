"""The interviewer's rule checks (engine/checks.py, Django-free, in English codes) in words people read, in
the page's language: what the guide page and `spiegel guide set` say when an added question is refused."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_LONGER = re.compile(r"^(question|message) longer than (\d+) words$")
_THEME = re.compile(r"^suggests a theme the leaver did not name: (.+)$")
_LANGUAGE = re.compile(r"^wrong language \(expected (\w+), looks like (\w+)\)$")


def _fixed() -> dict[str, str]:
    return {
        "empty message": _("it is empty"),
        "more than one question": _("it asks more than one question"),
        "a closing message asks no question": _("a closing message asks no question"),
        "closed question (answerable with yes or no)": _("it is a closed question (answerable with yes or no)"),
        "leading question (suggests a reason)": _("it is a leading question (it suggests a reason)"),
        "repeats an earlier sentence": _("it repeats an earlier sentence"),
    }


def rule_problem_words(problem: str, labels: dict[str, str] | None = None) -> str:
    """One problem of `check_question` in words; a problem this module does not know reads as given.
    ``labels``: the guide's topic labels, to name a suggested theme by its label rather than its id."""
    fixed = _fixed().get(problem)
    if fixed is not None:
        return fixed
    if found := _LONGER.match(problem):
        words = int(found.group(2))
        if found.group(1) == "question":
            return _("the question is longer than %(n)s words") % {"n": words}
        return _("the message is longer than %(n)s words") % {"n": words}
    if found := _THEME.match(problem):
        themes = ", ".join((labels or {}).get(t.strip(), t.strip()) for t in found.group(1).split(","))
        return _("it names a reason the leaver has not named themselves (%(themes)s)") % {"themes": themes}
    if found := _LANGUAGE.match(problem):
        return _("it is not in the guide's language (%(expected)s); it looks like %(seen)s") % {
            "expected": found.group(1),
            "seen": found.group(2),
        }
    return problem


def rule_problems_in_words(problems: list[str], labels: dict[str, str] | None = None) -> str:
    """The problems of one question, each once, joined: 'it is a closed question …; it asks more than one …'."""
    return "; ".join(dict.fromkeys(rule_problem_words(p, labels) for p in problems))
