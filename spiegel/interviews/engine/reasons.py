"""The leaver's main reason: what they put first, or the push behind a pull (docs/interviewing.md).

A leaver often opens with a socially easy reason — a better offer, a move, "tijd voor iets nieuws" — and only
names what drove them away when asked what made them start looking. The main reason the closing summary
names first is then that push, not the pull. Themes come from the signal lexicon and from what the
understanding adds (its own theme words), in the order the leaver named them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spiegel.language.signals import THEME_IDS, AnswerSignals, Mention
from spiegel.language.understanding import Understanding

from .wording import matter_phrase

#: Reasons that pull a leaver elsewhere (a family move, a better offer): the push behind them is asked for.
PULL_THEMES = frozenset({"personal", "pay"})
#: "Het team", "my team": a container, not a reason on its own — another theme in the same answer comes first.
_CONTAINERS = frozenset(
    {"team", "teams", "het team", "mijn team", "ons team", "my team", "our team", "the team"}
    | {"organisatie", "organisation", "organization", "bedrijf", "company"}
)


def with_understood_themes(sig: AnswerSignals, u: Understanding, text: str) -> AnswerSignals:
    """``sig`` with the themes only the understanding found (its extra theme words) added as mentions."""
    first = {m.theme: m.position for m in reversed(sig.mentions)}
    low = text.lower()
    extra: list[Mention] = []
    for found in u.themes:
        if found.negated or found.theme not in THEME_IDS or not found.words:
            continue
        at = low.find(found.words.lower())
        position = len(text[:at].split()) if at >= 0 else len(text.split())
        if found.theme in first and first[found.theme] <= position:
            continue  # the signal lexicon has it, from where the leaver first named it
        extra.append(Mention(found.theme, found.words, found.words, None, position))
        first[found.theme] = position
    if not extra:
        return sig
    # a longer phrase of the understanding's ("lead a project") outranks a word of it ("lead")
    spans = [(m.position, m.position + len(m.term.split())) for m in extra if len(m.term.split()) > 1]
    kept = [m for m in sig.mentions if not any(a <= m.position < b for a, b in spans)]
    mentions = tuple(sorted((*kept, *extra), key=lambda m: m.position))
    return replace(sig, mentions=mentions, themes=tuple(dict.fromkeys(m.theme for m in mentions)))


def reason_mentions(sig: AnswerSignals, skip: frozenset[str] | set[str], praise: bool = False) -> list[Mention]:
    """The themes of an answer that can be a reason for leaving, in the order named.

    Negated and refused themes (``skip``) never; praise ("my manager was fine") only when ``praise``; a bare
    container ("het team") after every other theme.
    """
    found = [m for m in sig.mentions if m.theme not in skip and (praise or m.polarity != "pos")]
    return sorted(found, key=lambda m: m.term.lower() in _CONTAINERS)


def push_behind(mentions: list[Mention], main: str | None) -> Mention | None:
    """The push in an answer after a pull: the main theme again when the leaver confirms it, else the first
    theme that is no pull."""
    same = next((m for m in mentions if m.theme == main), None)
    if same is not None and main not in PULL_THEMES:
        return same
    return next((m for m in mentions if m.theme not in PULL_THEMES), None)


def is_pull(first: Mention, sig: AnswerSignals) -> bool:
    """The opening reason pulls elsewhere: an easy reason, a pull theme, or said as praise of the new place."""
    return bool(sig.easy_reasons) or first.theme in PULL_THEMES or first.polarity == "pos"


#: Candour ("eerlijk gezegd", "honestly") marks a frank answer, not the decisive thread on its own.
_CANDOUR = re.compile(
    r"\b(?:honestly|to be honest|if i'?m honest|truth be told|eerlijk gezegd|als ik eerlijk ben|eerlijk is eerlijk)\b"
)
_STRONG = re.compile(
    r"\b(?:real|main|actual|true|biggest|deciding|final|last|tipped|tipping|turning|straw|crux|echte|eigenlijke"
    r"|werkelijke|belangrijkste|grootste|hoofdreden|druppel|doorslag\w*|keerpunt|pas|only|started|began|clear"
    r"|duidelijk)\b"
)


def only_candour(text: str) -> bool:
    """The decisive cue in ``text`` is candour alone ("honestly, I was fed up with the hours")."""
    low = text.lower()
    return bool(_CANDOUR.search(low)) and not _STRONG.search(_CANDOUR.sub(" ", low))


def reason_words(text: str, term: str, language: str) -> str | None:
    """The leaver's thing for a reason, in the interviewer's voice, only when it holds the whole term
    ("de storingsdiensten"; not "a project" for "lead a project")."""
    phrase = matter_phrase(text, term, language)
    return phrase if phrase and term.lower() in phrase.lower() else None
