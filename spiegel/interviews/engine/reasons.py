"""The leaver's main reason: what they put first, or the push behind a pull (docs/interviewing.md).

A leaver often opens with a socially easy reason — a better offer, a move, "tijd voor iets nieuws" — and only
names what drove them away when asked what made them start looking. The main reason the closing summary
names first is then that push, not the pull. Themes come from the signal lexicon and from what the
understanding adds (its own theme words), in the order the leaver named them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spiegel.language.cues import THEME_IDS, AnswerSignals, Mention
from spiegel.language.understanding import Understanding

from .wording import in_your_words, matter_phrase, word_list

#: Reasons that pull a leaver elsewhere (a family move, a better offer): the push behind them is asked for.
PULL_THEMES = frozenset({"personal", "pay"})
#: "Het team", "my team": a container, not a reason on its own — another theme in the same answer comes first.
_CONTAINERS = frozenset(
    {"team", "teams", "het team", "mijn team", "ons team", "my team", "our team", "the team"}
    | {"organisatie", "organisation", "organization", "bedrijf", "company"}
)


def with_understood_themes(sig: AnswerSignals, u: Understanding, text: str) -> AnswerSignals:
    """``sig`` with the themes only the understanding found (its extra theme words) added as mentions."""
    if u.language == sig.language and u.kind in ("answer", "correction"):
        # a theme the understanding ruled out as part of a longer phrase ("head of department") is dropped
        understood = {t.theme for t in u.themes}
        if any(m.theme not in understood for m in sig.mentions):
            mentions = tuple(m for m in sig.mentions if m.theme in understood)
            sig = replace(sig, mentions=mentions, themes=tuple(dict.fromkeys(m.theme for m in mentions)))
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


def is_pull(first: Mention, sig: AnswerSignals, text: str = "") -> bool:
    """The opening reason pulls elsewhere: an easy reason ("an offer", "een andere baan"), a pull theme, or said
    as praise of the new place."""
    easy = bool(sig.easy_reasons) or (bool(text) and pull_phrase(text) is not None)
    return easy or first.theme in PULL_THEMES or first.polarity == "pos"


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


def pull_phrase(text: str) -> str | None:
    """A socially easy reason without a theme word ("een andere baan gevonden", "a great offer"), or None."""
    low = " ".join(re.findall(r"[\w']+", text.lower()))
    for pattern in sorted(word_list("pull_phrases")):
        found = re.search(rf"\b{pattern}\b", low)
        if found:
            return found.group(0)
    return None


def about_frequency(phrases: list[str]) -> bool:
    """A generalisation about how often ("altijd", "never"), not one about people ("niemand", "nobody")."""
    words = word_list("frequency_generalisations")
    texts = [" ".join(re.findall(r"[\w']+", p.lower())) for p in phrases]
    return any(f" {w} " in f" {t} " for t in texts for w in words)


_EVENT = re.compile(
    r"\b(?P<subject>(?:ons|onze|mijn|m'n|het|de|our|my|the)(?: [\w-]+){1,5}?)"
    r" (?P<aux>werd|werden|is|zijn|was|were|got|has been|have been|had been)"
    r" (?P<verb>[\w-]+(?: [\w-]+)?)\b"
)


def told_event(text: str) -> str | None:
    """An event told as a clause ("Ons team werd opgeheven", "toen mijn opleiding werd geschrapt", "after my
    training was cancelled"), in the interviewer's voice ("jullie team werd opgeheven"); None for anything else."""
    verbs = word_list("event_verbs")
    for clause in re.split(r"[.,;:!?]", text):
        words = " ".join(clause.split())
        for found in _EVENT.finditer(words.lower()):
            verb = found.group("verb")
            verb = verb if verb in verbs else verb.split()[0]
            if verb not in verbs or len(found.group("subject").split()) > 6:
                continue
            start = found.start()
            phrase = words[start : start + len(found.group("subject")) + len(found.group("aux")) + len(verb) + 2]
            spoken = in_your_words(phrase)
            if spoken:
                return spoken[0].lower() + spoken[1:]
    return None


_OWN_ACTION = re.compile(
    r"(?:^|[.!?]\s+)(?:ik|wij|we|i)\s+(?!was\b|had\b|felt\b|voelde\b|vond\b|think\b|denk\b)\w+", re.I
)


def tells_own_action(answer: str) -> bool:
    """The answer tells what the leaver did ("Ik ben toen gaan rondkijken", "We raised it twice"): what they
    did is not asked for again."""
    return bool(_OWN_ACTION.search(answer.strip()))


_FIRST_PERSON = frozenset({"ik", "ikzelf", "me", "mij", "mijn", "m'n", "i", "im", "i'm", "ive", "i've", "my", "myself"})
_COPULAS = frozenset({"was", "waren", "were", "werd", "werden", "is", "zijn", "are", "got", "get", "raakten", "raakte"})


def someone_elses_feeling(answer: str, words: str) -> bool:
    """ "Klanten waren boos", "the customers were angry": a feeling of others, not the leaver's, in the clause
    before the feeling word (no "ik"/"I", a copula); or a word in what someone else said (reported_speech)."""
    low = answer.lower()
    at = low.find(words.lower())
    if at < 0:
        return False
    clause = re.split(r"[.,;:!?]|\b(?:en|maar|and|but|omdat|because)\b", low[:at])[-1].split()
    if bool(clause) and not _FIRST_PERSON & set(clause) and bool(_COPULAS & set(clause)):
        return True
    return reported_speech(answer, words)


# Verbs that report what someone said ("he said", "ze zei", "she told me"), and the subjects that make it the
# leaver's own words ("I told him I was exhausted").
_REPORTING = frozenset(
    [
        "said",
        "says",
        "told",
        "tells",
        "asked",
        "replied",
        "wrote",
        "shouted",
        "zei",
        "zegt",
        "zeiden",
        "zeggen",
        "vroeg",
        "antwoordde",
        "riep",
        "schreef",
        "vertelde",
        "appte",
        "mailde",
    ]
)
_I_SUBJECT = frozenset({"ik", "ikzelf", "i", "im", "i'm", "ive", "i've", "id", "i'd"})
_QUOTE = re.compile(r"[\"“”„]([^\"“”„]+)[\"“”]|(?:(?<=\s)|(?<=^)|(?<=:))['‘](.+?)['’](?=[\s.,;:!?]|$)")
_CLAUSE = re.compile(r"[,;:]|\b(?:and|but|so|that|en|maar|dus|dat)\b")


def reported_speech(answer: str, words: str) -> bool:
    """ "He said 'shame, you were one of the good ones'", "ze zei dat ze teleurgesteld was": the word stands in
    what someone else said (in quotes, or after their verb of saying), so it is not the leaver's own feeling."""
    low = answer.lower()
    at = low.find(words.lower())
    if at < 0:
        return False
    for m in _QUOTE.finditer(low):
        if m.start() < at < m.end():
            before = re.findall(r"[\w'’]+", low[: m.start()])[-3:]
            return not (_I_SUBJECT & set(before))  # "I said 'I'm exhausted'" is the leaver's own
    start = max(low.rfind(mark, 0, at) for mark in ".!?")
    tokens = re.findall(r"[\w'’]+", low[start + 1 : at])
    verbs = [i for i, w in enumerate(tokens) if w in _REPORTING]
    if not verbs:
        return False
    v = verbs[-1]
    if _I_SUBJECT & set(tokens[max(0, v - 2) : v + 2]):
        return False  # "I told her", "toen zei ik": the leaver's own words
    last_clause = _CLAUSE.split(" ".join(tokens[v + 1 :]))[-1].split()
    return not (_I_SUBJECT & set(last_clause))  # "he said nothing and I was furious": the leaver's own


def rules_out_current(answer: str) -> bool:
    """ "Goed, daar lag het niet aan", "fine, that wasn't the issue": the topic asked about is ruled out."""
    low = " ".join(re.findall(r"[\w]+", answer.lower().replace("'", "")))
    return any(re.search(rf"\b{p}\b", low) for p in word_list("rules_out_current"))


_TRIGGER = re.compile(
    r"\b(?:(?:started|began) (?:looking|applying|searching)|only (?:applied|started looking)|pas (?:gaan )?"
    r"(?:kijken|zoeken|solliciteren|rondkijken)|(?:ben|begon) ik (?:te )?(?:zoeken|solliciteren))\b"
)


def names_trigger(text: str) -> bool:
    """ "I started looking after ...", "ik ben pas gaan kijken toen ...": the moment that made them look is told."""
    return bool(_TRIGGER.search(text.lower()))


def substantive_themes(sig: AnswerSignals) -> set[str]:
    """The themes an answer names, without a bare container ("ons team werd opgeheven" is one thing)."""
    return {m.theme for m in sig.mentions if m.term.lower() not in _CONTAINERS}


def plainly_fine(answer: str, sig: AnswerSignals) -> bool:
    """ "Secure. I had a permanent contract.", "Prima, ik kende mijn vaste klanten": a good answer with a reason,
    no complaint, no feeling, no hedge (a bare "fine" is thin and gets its probe)."""
    words = re.findall(r"[\w']+", answer.lower())
    return (
        len(words) >= 4
        and words[0] in word_list("positive_starts")
        and not sig.negative
        and not sig.emotions
        and not sig.hedges
        and not re.search(r"\b(?:but|maar|except|behalve|alleen|although|hoewel)\b", answer.lower())
    )
