"""The classifier's rule cues (hearsay, suggestion, pull, keep, contrast, evaluative words, background, health),
read once from one data file per language (``data/classifier/rules_<language>.json``). The statistical heads in
:mod:`spiegel.language.classify` weigh them as features and use them to decide polarity, kind and health."""

from __future__ import annotations

import json
import re
from importlib import resources

LANGUAGES: tuple[str, ...] = ("nl", "en")
_DATA = "data/classifier"

# --------------------------------------------------------------------------------------------- rules

_FLAGS = re.IGNORECASE


def _read_text(name: str) -> str:
    return resources.files("spiegel.language").joinpath(f"{_DATA}/{name}").read_text(encoding="utf-8")


# The rule cues' word lists, one data file per language (data/classifier/rules_<language>.json), read once.
_RULES: dict[str, dict[str, list[str]]] = {lang: json.loads(_read_text(f"rules_{lang}.json")) for lang in LANGUAGES}


def _rule(name: str, head: str, tail: str = "", languages: tuple[str, ...] = LANGUAGES) -> re.Pattern[str]:
    """One case-insensitive pattern from the list ``name`` of each language, Dutch alternatives first."""
    alternatives = [entry for lang in languages for entry in _RULES[lang][name]]
    return re.compile(head + "|".join(alternatives) + tail, _FLAGS)


# Hearsay: the speaker did not see it themselves.
_HEARSAY = _rule("hearsay", r"\b(", ")")
# Suggestion: modal advice anywhere, or an imperative opening (in the statement's language).
_SUGGEST_MODAL = _rule("suggestion", r"\b(", ")")
_IMPERATIVE = {lang: _rule("imperative", r"^\s*(", r")\b", (lang,)) for lang in LANGUAGES}
# Pull: something elsewhere draws the person.
_PULL = _rule("pull", r"\b(", ")")
# Keep: something good here that should stay.
_KEEP = _rule("keep", "(", ")")
# Contrast words where a statement changes its mind; polarity is decided per side.
_CONTRAST = _rule("contrast", r"(?:,|;|\s)\s*(?:", r")\b")

_TOKEN = re.compile(r"[\w'’-]+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = _rule("number_words", r"\b(", r")\b")
_EXPERIENCE = _rule("experience", r"\b(", ")")
# Evaluative words: bag-of-words alone reads "the workload was <unknown adjective>" as whatever its
# neighbours in training were; a small sentiment list gives the polarity head a language-independent hint.
_NEGATIVE = _rule("negative", r"\b(", r")\b")
_POSITIVE = _rule("positive", r"\b(", r")\b")


# Background: who the leaver was here (role, department, how long, since when) and nothing else, e.g. "Ik werkte
# daar vier jaar als verpleegkundige." Such a statement is about no theme, however its words lean: the fixed parts
# (opening, "hier", "ruim vier jaar", "sinds 2015") and then the parts with a free word or two (the role after
# "als", the department after "op de") are cut out in order; a statement is background when no word is left and
# no evaluative cue is in what the fixed parts leave ("ruim" in "ruim acht jaar" is no praise).
_BACKGROUND = {lang: [re.compile(entry, _FLAGS) for entry in _RULES[lang]["background"]] for lang in LANGUAGES}
_BACKGROUND_SLOTS = {lang: [re.compile(e, _FLAGS) for e in _RULES[lang]["background_slots"]] for lang in LANGUAGES}
_FILLER = frozenset(["ook", "toen", "eerst", "fulltime", "parttime", "voltijd", "deeltijd", "also", "then", "first"])


def is_background(text: str, language: str) -> bool:
    """Whether a statement only says who the leaver was at the organisation ("I worked there for four years in
    finance.", "Ik was teamleider op de kinderafdeling." is not: a role without "als" is not read) and carries
    nothing that could be a reason: no evaluative, pull, keep, health, hearsay, suggestion or contrast cue."""
    lang = "nl" if language == "nl" else "en"
    rest = text.strip().rstrip(".!")
    if not rest or len(rest.split()) > 16:
        return False
    for pattern in _BACKGROUND[lang]:
        rest = pattern.sub(" ", rest)
    said = rest
    for pattern in _BACKGROUND_SLOTS[lang]:
        rest = pattern.sub(" ", rest)
    if any(word.lower() not in _FILLER for word in _TOKEN.findall(rest)) or re.search(r"[,;:?!]", rest):
        return False
    cues = (_NEGATIVE, _POSITIVE, _EXPERIENCE, _PULL, _KEEP, _HEARSAY, _SUGGEST_MODAL, _CONTRAST)
    return not any(cue.search(said) for cue in cues) and not _health(text)[0] and not _is_suggestion(text, lang)


def _cue_vector(text: str) -> list[float]:
    """Binary rule cues as features, so the statistical heads can weigh them too."""
    return [
        1.0 if _HEARSAY.search(text) else 0.0,
        1.0 if _SUGGEST_MODAL.search(text) else 0.0,
        1.0 if any(pattern.search(text) for pattern in _IMPERATIVE.values()) else 0.0,
        1.0 if _PULL.search(text) else 0.0,
        1.0 if _KEEP.search(text) else 0.0,
        1.0 if _DIGIT.search(text) else 0.0,
        min(len(_NUMBER_WORD.findall(text)), 3) / 3.0,
        1.0 if _EXPERIENCE.search(text) else 0.0,
        min(len(_NEGATIVE.findall(text)), 3) / 3.0,
        min(len(_POSITIVE.findall(text)), 3) / 3.0,
    ]


def _is_hearsay(text: str) -> bool:
    return _HEARSAY.search(text) is not None


def _is_suggestion(text: str, language: str) -> bool:
    if _SUGGEST_MODAL.search(text):
        return True
    return _IMPERATIVE["nl" if language == "nl" else "en"].search(text) is not None


# ------------------------------------------------------------------------------------------ health

# Figures of speech and other senses of health words: removed before looking for health content.
_HEALTH_FIGURATIVE = _rule("health_figurative", "(", ")")
# Health content: illness, symptoms, sick leave, burn-out, treatment, mental or physical health.
_HEALTH = _rule("health", "(", ")")
# Health content so plain that the statement is health data whatever the model thinks of the rest.
_HEALTH_STRONG = _rule("health_plain", "(", ")")


def _health(text: str) -> tuple[bool, bool]:
    """(has health content, has plain health content), figures of speech set aside."""
    literal = _HEALTH_FIGURATIVE.sub(" ", text)
    return _HEALTH.search(literal) is not None, _HEALTH_STRONG.search(literal) is not None


def has_health_content(text: str) -> bool:
    """Whether a statement speaks of health (physical or mental health, symptoms, illness, sick leave,
    burn-out, treatment), after setting aside figures of speech ("ik was het zat", "ziek van het gedoe",
    "sick and tired of", "a healthy team spirit", "financially healthy", "a headache for everyone").

    ``wellbeing`` (health data, a special category) is only ever assigned to statements for which this is
    true; the model decides among those."""
    return _health(text)[0]


def has_plain_health_content(text: str) -> bool:
    """Whether a statement's health content is so plain ("burn-out", "sick leave", "my health") that it is
    health data whatever else it says. Only such statements are locked out of being shared with the case;
    a statement that was filed under health on weaker signs may be shared with the case when the leaver
    says so (the health theme is then dropped: the leaver knows what they meant)."""
    return _health(text)[1]
