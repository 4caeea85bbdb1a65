"""One interview's analysis from its shared statements: ranked reasons with evidence, push versus pull,
controllable or not, the leaver's own answer to "what would have made you stay", and a short summary.

Django-free: it reads plain :class:`SharedStatement` records (the caller decides what is shared — never
private, never removed statements) and returns a :class:`Derived` value that holds no words of the leaver
except the ids of the statements behind each reason. The ranking itself is
:func:`spiegel.language.reasons.rank_reasons`; this module decides how much each statement counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spiegel.language.classify import CONTROLLABLE, THEME_LABELS, Classification, ThemeScore
from spiegel.language.reasons import Reason, rank_reasons, weight_for
from spiegel.language.statements import is_substantive
from spiegel.language.taxonomy import THEMES

__all__ = ["SPECIAL_CATEGORY", "Derived", "DerivedReason", "SharedStatement", "derive", "summary_of"]

# Health data (taxonomy.md, special category): counted in aggregates, never quoted.
SPECIAL_CATEGORY = frozenset({"wellbeing"})

# Which question a statement answers, from the engine's phase when the leaver said it. The opening answer and
# the leaver's story answer "why are you leaving?"; the stay phases answer "what would have made you stay?".
_WHY_LEFT_PHASES = frozenset({"opening", "story"})
_STAY_PHASES = frozenset({"stay", "stay_when"})
# Answers that are no reason for leaving whatever their words: how a serious disclosure should be handled ("on
# record, without my name") and what the organisation should keep (advice about what was good).
_NOT_REASON_PHASES = frozenset({"disclosure", "advice_keep"})
# Themes below this confidence do not count as reasons: the classifier's fallback guesses (0.3..0.5) are
# useful in the mirror but too weak to rank a reason on.
MIN_CONFIDENCE = 0.3
# Reasons with less than this share of the interview's reasons are dropped (noise from passing remarks).
MIN_SHARE = 0.03
# The guide topic a statement answers (in the guide phase, where the question named it; the story's topic is
# only the stated reason) is a prior for its theme: an answer to "how was the workload?" that
# says something is usually about the workload, also when the classifier misses it. Counted this confident.
TOPIC_PRIOR = 0.5

# "It was fine", "no worse than elsewhere", "I wasn't worried about my contract": an answer that names a
# theme to say that it was *not* a problem. The classifier has no neutral polarity, so without this every
# polite answer to a guide topic would count as a push. A statement that also carries a complaint
# ("fine, but ...", "not great") is not neutral.
_NEUTRAL = re.compile(
    r"\b(?:prima|in orde|oké|oke|ok|okay|redelijk|viel (?:wel )?mee|ging (?:wel|goed)|goed te doen|"
    r"geen (?:zorgen|probleem|punt|klachten)|niet (?:echt )?een (?:punt|probleem)|niet slechter dan|"
    r"fine|alright|all right|reasonable|manageable|no worse than|wasn'?t (?:really )?(?:an issue|a problem|"
    r"worried)|not (?:really )?(?:an issue|a problem)|no complaints|good enough|enough)\b",
    re.IGNORECASE,
)
_COMPLAINT = re.compile(
    r"\b(?:maar|echter|niet (?:altijd|goed|prettig|fijn|leuk|oké)|but|however|not (?:always|great|good)|"
    r"wasn'?t (?:always|great|good)|never|nooit|te (?:veel|weinig|hoog|laag)|too (?:much|little|many))\b",
    re.IGNORECASE,
)
# Answers that only say there is nothing (more) to say: not a reason, whatever the classifier guessed.
_EMPTY = re.compile(
    r"(?:niet veel achter|valt er (?:eigenlijk )?niet|niets meer|niks meer|alles (?:wel )?gezegd|weet ik niet|"
    r"wil ik (?:liever )?niet|nothing (?:more|else)|not much (?:more|behind)|nothing behind|said everything|"
    r"that'?s (?:about )?(?:it|right)|"
    r"(?:don'?t|do not) know|dunno|didn'?t think about|not sure|rather not|gewoon\. zoals ik zei|"
    r"^(?:just, you know)|it was just like that)",
    re.IGNORECASE,
)
# A repeated answer ("Like I said: busy.") is the same evidence again.
_REPEAT_PREFIX = re.compile(r"^\s*(?:zoals ik (?:al )?zei|like i said)\s*:?\s*", re.IGNORECASE)
# Something elsewhere that draws the leaver: what makes a reason "pull" when the classifier read "push".
_PULL = re.compile(
    r"\b(?:nieuwe (?:baan|job|werkgever|functie|plek)|baan gevonden|ander(?:e)? (?:baan|werk|bedrijf|"
    r"werkgever|keten|organisatie)|aanbod|elders|kans|ik ga (?:als|een|naar|verder)|"
    r"new (?:job|role|employer|position)|another (?:job|company|employer|chain)|an offer|offer from|"
    r"opportunity|elsewhere|moving to|i'?m going to|closer to|"
    r"tijd voor iets|iets (?:nieuws|anders|stabielers|zekerders)|nieuwe uitdaging|"
    r"kwam (?:er )?(?:een|iets) (?:op mijn pad|voorbij)|(?:kon|kan) (?:ik )?geen nee|opleiding (?:gaan )?doen|"
    r"ga (?:een opleiding|studeren)|gaan studeren|terug naar school|"
    r"something (?:new|else|more)|time for a change|new challenge|came up|(?:couldn'?t|could not) say no|"
    r"back to (?:university|school|college)|going to study|a master'?s|a degree)\b",
    re.IGNORECASE,
)
# Leaving to study: a pull of its own, and the words of the personal pull below.
_STUDY_WORDS = (
    r"stud(?:eren|ie|y|ying)|opleiding (?:gaan )?doen|ga een opleiding|universiteit|university|master'?s?|degree|"
    r"terug naar school|back to (?:school|college)"
)
_STUDY = re.compile(rf"\b(?:{_STUDY_WORDS})\b", re.IGNORECASE)
# What a pull draws the leaver *to*, when the classifier read no such theme for it (an answer like "an opportunity came
# up" or "an offer from a company with more interesting work" names the pull without the words the classifier
# learned). First match per theme; added with PULL_CUE_CONFIDENCE, only to statements that are pulls.
_PULL_THEMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (theme, re.compile(pattern, re.IGNORECASE))
    for theme, pattern in (
        # taxonomy.md: study, partner, family and care duties, relocation are personal circumstances.
        (
            "personal",
            rf"\b(?:{_STUDY_WORDS}|hbo|partner|famil(?:ie|y)|gezin|mantelzorg|"
            r"verhuiz\w*|relocat\w*|emigr\w*|moving (?:house|abroad|to another (?:city|country))|"
            r"dichter bij (?:mijn )?familie|closer to (?:my )?family)\b",
        ),
        # Commute, location, rosters: the workplace and schedule (taxonomy.md), not the person's circumstances.
        (
            "conditions",
            r"\b(?:dichter bij huis|closer to home|reistijd|woon-werk|commute|vaste (?:diensten|werktijden)|"
            r"fixed (?:shifts|hours)|thuiswerk\w*|remote|hybride?|hybrid)\b",
        ),
        (
            "job_security",
            r"\b(?:stabiel\w*|stable|vast(?:e)? contract|permanent (?:contract|job|role)|zekerheid|security)\b",
        ),
        (
            "job_content",
            r"\b(?:interessant\w*|interesting|uitdag\w*|challeng\w*|technolog\w*|inhoudelijk\w*|autonom\w*|"
            r"vrijheid in (?:mijn|het) werk|freedom in (?:my|the) work)\b",
        ),
        ("pay", r"\b(?:salaris|betaalt|beter betaald|meer verdienen|money|salary|better paid|pays? (?:more|better))\b"),
        (
            "career",
            r"\b(?:kans|iets nieuws|stap|promotie|groei\w*|opportunit\w*|something new|step up|promotion|grow\w*)\b",
        ),
    )
)
PULL_CUE_CONFIDENCE = 0.6


@dataclass(frozen=True)
class SharedStatement:
    """A statement the leaver shared (attributed or anonymous), as stored by the mirror."""

    id: str
    phase: str
    themes: Sequence[dict[str, Any]]  # [{"id", "polarity", "confidence"}]
    kind: str
    # Read in memory to judge neutral answers and pulls; never stored by the analysis.
    text: str = ""
    topic: str = ""

    @property
    def special_category(self) -> bool:
        return any(str(t.get("id")) in SPECIAL_CATEGORY for t in self.themes)


@dataclass(frozen=True)
class DerivedReason:
    """A reason for leaving: theme, push or pull, its share of this interview's reasons (0..1), whether the
    organisation controls it (yes/partly/no), the statements behind it and those that may be quoted."""

    theme: str
    polarity: str
    weight: float
    controllable: str
    evidence: tuple[str, ...]
    quotable: tuple[str, ...]


@dataclass(frozen=True)
class Derived:
    """The analysis of one interview. ``push``/``pull`` are shares of the reasons' weight (they add up to 1
    when there is any reason); ``controllable`` is the share on themes the organisation controls fully."""

    reasons: tuple[DerivedReason, ...]
    push: float
    pull: float
    controllable: float
    stay_statements: tuple[str, ...]
    shared: int

    @property
    def primary(self) -> DerivedReason | None:
        return self.reasons[0] if self.reasons else None

    @property
    def secondary(self) -> tuple[DerivedReason, ...]:
        return self.reasons[1:]


def _role(phase: str) -> str:
    if phase in _WHY_LEFT_PHASES:
        return "why_left"
    if phase in _STAY_PHASES:
        return "would_have_stayed"
    return "other"


def _counts(statement: SharedStatement) -> bool:
    """Whether a statement can carry a reason: it says something, and not only that all was well."""
    if statement.phase in _NOT_REASON_PHASES:
        return False
    text = statement.text
    if text and (not is_substantive(text) or _EMPTY.search(text)):
        return False
    return not (text and _NEUTRAL.search(text) and not _COMPLAINT.search(text))


def _classification(statement: SharedStatement) -> Classification:
    if not _counts(statement):
        return Classification(themes=[], kind=statement.kind)
    pull = bool(statement.text) and _PULL.search(statement.text) is not None
    themes: list[ThemeScore] = []
    for t in statement.themes:
        if "id" not in t:
            continue
        polarity = str(t.get("polarity", "push"))
        if pull and polarity == "push" and statement.phase in _WHY_LEFT_PHASES:
            polarity = "pull"  # "I found a job closer to home, with fixed shifts": the shifts draw, elsewhere
        themes.append(ThemeScore(id=str(t["id"]), polarity=polarity, confidence=float(t.get("confidence", 1))))
    if pull and statement.phase in _WHY_LEFT_PHASES:
        themes = _pull_themes(statement.text, themes)
    topic = statement.topic
    if (
        statement.phase == "guide"
        and topic in THEMES
        and not any(t.id == topic for t in themes)
        and not any(t.polarity == "keep" for t in themes)
    ):
        themes.append(ThemeScore(id=topic, polarity="pull" if pull else "push", confidence=TOPIC_PRIOR))
    return Classification(themes=themes, kind=statement.kind)


def _pull_themes(text: str, themes: list[ThemeScore]) -> list[ThemeScore]:
    """Complete the themes of a statement that says what draws the leaver elsewhere.

    Leaving to study is a personal circumstance (taxonomy.md), not career development here, so a study pull
    files under ``personal``. Themes the pull's words name but the classifier missed are added as pulls.
    """
    study = _STUDY.search(text) is not None
    if study:
        themes = [t for t in themes if not (t.id == "career" and t.polarity == "pull")]
    # a guess below MIN_CONFIDENCE never counts as a reason: the pull's own words decide then
    present = {t.id for t in themes if t.polarity == "pull" and t.confidence >= MIN_CONFIDENCE}
    for theme, cue in _PULL_THEMES:
        if theme not in present and cue.search(text):
            themes = [t for t in themes if not (t.id == theme and t.polarity == "pull")]
            themes.append(ThemeScore(id=theme, polarity="pull", confidence=PULL_CUE_CONFIDENCE))
            present.add(theme)
            if theme == "personal" and study:
                break  # a study named as the pull is the pull; "a master's" is not also a career step
    return themes


def derive(statements: Sequence[SharedStatement]) -> Derived:
    """Rank the reasons of one interview from its shared statements (in interview order)."""
    seen: set[str] = set()
    items: list[tuple[Classification, float]] = []
    for s in statements:
        # The same words given twice (one answer to two closing questions) are one piece of evidence.
        key = " ".join(_REPEAT_PREFIX.sub("", s.text).lower().split())
        duplicate = bool(key) and key in seen
        seen.add(key)
        items.append(
            (Classification(themes=[], kind=s.kind) if duplicate else _classification(s), weight_for(_role(s.phase)))
        )
    ranked: list[Reason] = rank_reasons(items, min_share=MIN_SHARE, min_confidence=MIN_CONFIDENCE)
    reasons = tuple(
        DerivedReason(
            theme=r.theme,
            polarity=r.polarity,
            weight=r.weight,
            controllable=r.controllable,
            evidence=tuple(statements[i].id for i in r.evidence),
            quotable=tuple(statements[i].id for i in r.evidence if not statements[i].special_category),
        )
        for r in ranked
    )
    push = round(sum(r.weight for r in reasons if r.polarity == "push"), 4)
    pull = round(sum(r.weight for r in reasons if r.polarity == "pull"), 4)
    controllable = round(sum(r.weight for r in reasons if CONTROLLABLE.get(r.theme) == "yes"), 4)
    stay = tuple(s.id for s in statements if s.phase in _STAY_PHASES)
    return Derived(
        reasons=reasons, push=push, pull=pull, controllable=controllable, stay_statements=stay, shared=len(statements)
    )


_TEXT = {
    "nl": {
        "none": "Geen gedeelde redenen voor vertrek.",
        "primary": "Vertrekt vooral om {theme} ({polarity}).",
        "also": "Verder: {themes}.",
        "push": "iets hier dreef weg",
        "pull": "iets elders trok",
        "balance": "Duw {push}%, trek {pull}%; {controllable}% ligt binnen de invloed van de organisatie.",
    },
    "en": {
        "none": "No shared reasons for leaving.",
        "primary": "Leaving mainly over {theme} ({polarity}).",
        "also": "Also: {themes}.",
        "push": "something here pushed",
        "pull": "something elsewhere pulled",
        "balance": "Push {push}%, pull {pull}%; {controllable}% is within the organisation's control.",
    },
}


def summary_of(derived: Derived, language: str) -> str:
    """A short summary in ``language`` (nl/en), made of taxonomy labels only (never the leaver's words)."""
    text = _TEXT.get(language, _TEXT["en"])
    lang = language if language in ("nl", "en") else "en"
    primary = derived.primary
    if primary is None:
        return text["none"]
    parts = [text["primary"].format(theme=THEME_LABELS[primary.theme][lang].lower(), polarity=text[primary.polarity])]
    others = [f"{THEME_LABELS[r.theme][lang].lower()} ({r.polarity})" for r in derived.secondary[:3]]
    if others:
        parts.append(text["also"].format(themes=", ".join(others)))
    parts.append(
        text["balance"].format(
            push=round(derived.push * 100),
            pull=round(derived.pull * 100),
            controllable=round(derived.controllable * 100),
        )
    )
    return " ".join(parts)
