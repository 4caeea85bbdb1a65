"""Whether a follow-up fits what the leaver just said (docs/interviewing.md, "Question craft").

How often and when it last happened need an event that happens ("nooit een probleem", "the training never came"
are none); reassurance about caution needs a leaver who hesitates, not one who softens a word ("een beetje moe");
a feeling is reflected at the leaver's own intensity ("a bit tired" is no exhaustion) and only as theirs ("two
of my staff were in tears" is not the leaver's distress); and a frame's verb agrees with plural words ("Wat
betekenden de kinderen voor jou?").
"""

from __future__ import annotations

import re

from spiegel.language.lemmas import lemma

from .wording import word_list

# Probes that need an event that happens (how often, when last) or that the leaver has not acted on yet.
NEEDS_AN_EVENT = frozenset({"recent_example", "frequency", "own_action"})
# Probes that ask for one occurrence: never right after the leaver told one, never of what did not happen.
ASKS_FOR_AN_OCCURRENCE = frozenset({"example", "recent_example", "moment", "situation"})
# Subjects that make tears or a breakdown the leaver's own ("ik zat in tranen", "we were all crying").
_OWN_SUBJECTS = frozenset({"ik", "ikzelf", "i", "i'm", "im", "i've", "me", "mezelf", "myself", "we", "wij"})
# Someone else who can be the one in tears ("twee collega's zaten in tranen", "she was crying").
_OTHER_SUBJECTS = frozenset(
    {
        "hij", "zij", "ze", "collega", "collega's", "mensen", "iedereen", "bewoners", "patiënten", "kinderen",
        "leerlingen", "klanten", "medewerkers", "he", "she", "they", "colleague", "colleagues", "staff", "people",
        "everyone", "residents", "patients", "kids", "children", "pupils", "customers", "team",
    }
)  # fmt: skip
# A verb of a frame that agrees with the words put after it (Dutch) or before it (English), singular -> plural.
_PLURAL_VERBS = {
    "nl": {
        "betekende": "betekenden",
        "had": "hadden",
        "was": "waren",
        "ging": "gingen",
        "kwam": "kwamen",
        "speelde": "speelden",
        "gebeurde": "gebeurden",
        "werd": "werden",
        "deed": "deden",
        "veranderde": "veranderden",
        "is": "zijn",
        "heeft": "hebben",
    },
    "en": {"was": "were", "has": "have", "is": "are", "does": "do"},
}


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’]+", text.lower().replace("’", "'"))


def _has(text: str, name: str) -> bool:
    """Whether ``text`` contains a phrase of the word list ``name`` as whole words."""
    plain = f" {' '.join(_words(text))} "
    return any(f" {' '.join(_words(p))} " in plain for p in word_list(name))


def _after_never(answer: str, window: int = 4) -> list[list[str]]:
    """The words after each "nooit", "never", "hardly ever" in the answer (at most ``window``), and before it."""
    words = _words(answer)
    found: list[list[str]] = []
    for phrase in word_list("never_words"):
        size = len(_words(phrase))
        for at in range(len(words) - size + 1):
            if words[at : at + size] == _words(phrase):
                found.append([*words[max(0, at - 3) : at], "|", *words[at + size : at + size + window]])
    return found


def _near(around: list[str], name: str) -> bool:
    plain = f" {' '.join(around)} "
    return any(f" {' '.join(_words(p))} " in plain for p in word_list(name))


def never_happened(answer: str) -> bool:
    """ "We hadden bijna nooit tijd", "er werd nooit geluisterd", "not once": a negation, so there is no last
    time and no how often to ask about; "nooit op tijd", "never ready" tell of something that does happen."""
    found = _after_never(answer)
    return bool(found) and not all(_near(w[w.index("|") + 1 :], "recurring_failures") for w in found)


def never_a_problem(answer: str) -> bool:
    """ "De werktijden waren nooit een probleem", "I never had any complaints about the pay": all was well, with
    nothing set against it ("maar de werkdruk wel" is set against it)."""
    if re.search(r"\b(?:maar|but|behalve|except|alleen|only|wel)\b", answer.lower()):
        return False
    return any(_near(w[w.index("|") + 1 :], "problem_words") for w in _after_never(answer))


def no_event(answer: str) -> bool:
    """ "Baanzekerheid was nooit een probleem", "the training was promised but never came": nothing happened to
    give an example of; what it meant is asked instead."""
    return any(_near(w, "non_events") for w in _after_never(answer))


def hesitates(answer: str) -> bool:
    """The leaver hesitates to say it ("ik weet niet of ik dit mag zeggen", "how do I put this", or trails off
    at the end: "de sfeer was..."), which is what reassurance about caution is for."""
    if _has(answer, "hesitations"):
        return True
    return answer.rstrip().endswith(("...", "…"))


def only_softens(phrase: str) -> bool:
    """A hedge that only softens a word ("een beetje moe", "a bit low"), not reluctance to say something."""
    return " ".join(_words(phrase)) in word_list("intensity_hedges")


def softened(answer: str, feeling_words: str) -> bool:
    """The feeling is said softly ("een beetje moe", "a little tired"): reflected at that intensity or not at
    all, never as the named feeling at full strength ("uitputting", "exhaustion")."""
    words = _words(answer)
    feeling = _words(feeling_words)
    if not feeling:
        return False
    for at in (i for i, w in enumerate(words) if w == feeling[0]):
        before = " ".join(words[max(0, at - 3) : at])
        if any(f" {s} " in f" {before} " for s in word_list("intensity_hedges") if s not in ("soms", "sometimes")):
            return True
    return False


def others_tears(answer: str) -> bool:
    """Tears or a breakdown told of someone else only ("twee collega's zaten in tranen", "my colleague was
    crying"): someone else is named and no subject of the leaver's own is anywhere in the answer, so it is not the
    leaver's distress. Tears told without anyone ("crying every night") are the leaver's own."""
    words = _words(answer)
    if not any(w in word_list("tears_words") for w in words):
        return False
    return bool(_OTHER_SUBJECTS & set(words)) and not _OWN_SUBJECTS & set(words)


def weighed_most(text: str) -> bool:
    """The leaver says this weighed most ("dat woog het zwaarst", "that was the main reason")."""
    return _has(text, "weighed_most")


def about_care(text: str) -> bool:
    """The answer tells of sick leave, burnout or grief ("ziek thuis", "on sick leave", "rouw")."""
    return _has(text, "care_matters")


def plural(phrase: str, language: str) -> bool:
    """The phrase names more than one ("de kinderen", "the night shifts"), by its last word against its base
    form; "het werken", "a process" and "de keuken" are not plural."""
    words = _words(phrase)
    if not words or words[0] in ("het", "een", "a", "an", "this", "dit", "that"):
        return False
    head = words[-1]
    base = lemma(head, language)
    if base == head or head.endswith("ss"):
        return False
    if language == "nl":
        return any(head == base + end for end in ("en", "s", "'s", "eren", "n")) or head == base + base[-1] + "en"
    return head.endswith("s") or head in ("children", "people", "men", "women")


def agree(frame: str, quote: str, language: str) -> str:
    """The frame with its verb made plural where it goes with plural words ("Wat betekende {q}" -> "Wat
    betekenden {q}" for "de kinderen", "{q} was" -> "{q} were" for "the night shifts")."""
    if not plural(quote, language):
        return frame
    for singular, many in _PLURAL_VERBS.get(language, {}).items():
        # only the verb right before the words, as in a question ("Wat betekende {q}", "What was {q} like");
        # never one after them, where they may be the object ("Which example of {q} has stayed with you")
        frame = re.sub(rf"\b{singular} \{{q\}}", f"{many} {{q}}", frame)
    return frame


# A frame that asks for an example of the words ("Welk voorbeeld van {q}", "Which example of {q}").
_EXAMPLE_OF = re.compile(r"\b(?:voorbeeld van|example of) \{q\}", re.IGNORECASE)


def example_of_one(frame: str, quote: str, language: str) -> bool:
    """The frame asks for an example of one single matter ("een voorbeeld van de onregelmatigheidstoeslag", "an
    example of your job security"): only what recurs has examples ("de nachtdiensten")."""
    return bool(_EXAMPLE_OF.search(frame)) and not plural(quote, language)
