"""The engine's words as data: question templates, prefaces and word lists per language.

Everything the interviewer can say lives in ``data/wording/{nl,en}.json``; the word lists the engine uses
to judge the leaver's phrases live in ``data/wording/words.json``. This module loads them once and offers
small helpers around them (topic labels, which phrases may be offered back).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from spiegel.language.lemmas import lemma

from .guide import Guide

DATA_DIR = Path(__file__).resolve().parent / "data" / "wording"
LANGUAGES = ("nl", "en")
_WORD_RX = re.compile(r"[\w'’-]+")
# Marks that end a phrase: sentence ends, commas, semicolons, colons, dashes between words.
_PUNCTUATION = re.compile(r"[.,;:!?()\n]|\s[-–—]\s")


@lru_cache(maxsize=16)
def data_file(name: str) -> dict[str, Any]:
    """One of the engine's other wording files in ``data/wording`` ("care.json", "wishes.json"), read once."""
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def plain(text_: str) -> str:
    """Lower case, apostrophes out ("don't" -> "dont", "m'n" -> "mn"), no punctuation but "&", single spaces."""
    return " ".join(re.sub(r"[^\w&\s-]", " ", re.sub(r"['’`]", "", text_.lower())).split())


def any_of(entries: list[str]) -> re.Pattern[str]:
    """One pattern for a list of phrases (regular expressions) that must stand as whole words."""
    return re.compile(r"(?<!\w)(?:" + "|".join(entries) + r")(?!\w)")


@lru_cache(maxsize=4)
def wording(language: str) -> dict[str, Any]:
    """All templates of ``language`` ("nl" or "en") as loaded from its JSON file."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    with (DATA_DIR / f"{language}.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def options(language: str, *path: str) -> tuple[str, ...]:
    """The template variants at ``path`` in the wording of ``language`` (empty when there are none)."""
    node: Any = wording(language)
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return ()
        node = node[key]
    if isinstance(node, str):
        return (node,)
    if isinstance(node, list):
        return tuple(str(x) for x in node)
    return ()


def text(language: str, *path: str) -> str:
    """One fixed text at ``path`` (the first variant), or "" when there is none."""
    found = options(language, *path)
    return found[0] if found else ""


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, frozenset[str]]:
    with (DATA_DIR / "words.json").open(encoding="utf-8") as f:
        data: dict[str, list[str]] = json.load(f)
    return {k: frozenset(v) for k, v in data.items()}


def word_list(name: str) -> frozenset[str]:
    """A word list from ``words.json`` ("filler", "stop", "no_answers", ...)."""
    return _word_lists().get(name, frozenset())


def alternation(name: str) -> str:
    """A word list from ``words.json`` as a regular-expression alternation, longest words first."""
    return "|".join(re.escape(w) for w in sorted(word_list(name), key=len, reverse=True))


def topic_labels(language: str) -> dict[str, str]:
    """Topic id -> how the interviewer names it in a question."""
    labels: dict[str, str] = wording(language)["topic_labels"]
    return labels


def topic_label(topic: str | None, language: str, guide: Guide | None = None) -> str:
    """How a topic is named in a question (the guide's own label first)."""
    if topic and guide is not None:
        t = guide.topic(topic)
        if t is not None:
            return t.label
    labels = topic_labels(language)
    return labels.get(topic or "_story", labels["_story"])


def feeling_words(language: str, kind: str) -> tuple[str, str]:
    """A feeling as a noun phrase for a reflection, and as "that feeling" for the question about its cause."""
    table: dict[str, list[str]] = wording(language)["feelings"]
    pair = table.get(kind) or table["frustration"]
    return pair[0], pair[1]


def feeling_names(language: str) -> frozenset[str]:
    """The feelings the wording data can name in a reflection."""
    return frozenset(wording(language)["feelings"])


def words(text_: str) -> list[str]:
    """The words of ``text_``, lower-cased, with a curly apostrophe made straight ("collega’s" -> "collega's")."""
    return [w.lower().replace("’", "'") for w in _WORD_RX.findall(text_)]


def content_words(text_: str) -> list[str]:
    """Words that carry the matter of an answer (for recognising a return to a disclosed matter)."""
    filler, stop = word_list("filler"), word_list("stop")
    out: list[str] = []
    for w in _WORD_RX.findall(text_.lower()):
        if len(w) >= 4 and w not in stop and w not in filler and w not in out:
            out.append(w)
    return out


def quotable(phrase: str | None, language: str) -> str | None:
    """The phrase if it holds a word of substance, not filler only (else None)."""
    if not phrase:
        return None
    filler, stop = word_list("filler"), word_list("stop")
    words = _WORD_RX.findall(phrase.lower())
    if any(len(w) >= 4 and w not in filler and w not in stop for w in words):
        return phrase
    return None


def is_no(text_: str) -> bool:
    """A plain "no" / "nothing" / "that's it" answer."""
    low = text_.lower().strip(" .!")
    return any(low == n or low.startswith(n + " ") or low.startswith(n + ",") for n in word_list("no_answers"))


def _swaps() -> dict[str, str]:
    pairs = (p.split("=", 1) for p in word_list("possessive_swap"))
    return dict(pairs)


def matter_phrase(phrase: str | None, term: str | None, language: str) -> str | None:
    """A complete noun phrase naming the thing in ``phrase`` that ``term`` names, fit to follow "over"/"about".

    "Het nieuwe rooster was een ramp" with term "rooster" gives "het nieuwe rooster"; "mijn salaris was laag"
    gives "je salaris" (the leaver's "my" is the interviewer's "your"). Without a determiner in front of the
    term, or when the term is not a noun here ("het was druk"), there is no such phrase: None, and the
    interviewer uses its own words.
    """
    if not phrase or not term:
        return None
    tokens = _WORD_RX.findall(phrase)
    lower = [t.lower().replace("’", "'") for t in tokens]
    term_tokens = [t.lower().replace("’", "'") for t in _WORD_RX.findall(term)]
    if not term_tokens or term_tokens[-1] in word_list("not_nouns"):
        return None
    n = len(term_tokens)
    start = next((i for i in range(len(lower) - n + 1) if lower[i : i + n] == term_tokens), None)
    if start is None:
        return None
    end = start + n
    determiners, stop, filler = word_list("determiners"), word_list("stop"), word_list("filler")
    negators = word_list("negators")
    first = start
    if lower[first] not in determiners:
        # at most two modifiers between the determiner and the noun ("het nieuwe rooster", "the new rota")
        k = start - 1
        while k >= 0 and start - k <= 3:
            if lower[k] in determiners:
                break
            if lower[k] in stop or lower[k] in filler or lower[k] in negators or not lower[k].isalpha():
                return None
            if lower[k] in word_list("phrase_breakers"):
                return None  # "het hoofdkantoor zonder overleg": a preposition between them, two things
            k -= 1
        if k < 0 or start - k > 3 or lower[k] not in determiners:
            return None
        first = k
    if lower[first] == "het" and _finite_verb(lower[first + 1], language):
        return None  # "het voelde alsof": a pronoun with its verb, no thing
    words = [lower[first], *tokens[first + 1 : end]]
    words[0] = _swaps().get(words[0], words[0])
    out = " ".join(words)
    head = term_tokens[-1]
    return None if head in stop or head in filler or len(head) < 3 else out


def is_event(matter: str | None) -> bool:
    """The matter names an event (a reorganisation, a meeting, a night shift) rather than a thing."""
    if not matter:
        return False
    last = _WORD_RX.findall(matter.lower())[-1:]
    return bool(last) and any(last[0].endswith(noun) for noun in word_list("event_nouns"))


def negated(context: str, words: str) -> bool:
    """``words`` stand under a negation in ``context`` ("niet boos", "nobody was worried")."""
    low = [w.replace("’", "'") for w in _WORD_RX.findall(context.lower())]
    target = _WORD_RX.findall(words.lower())
    if not target:
        return False
    index = next((i for i, w in enumerate(low) if w == target[0]), None)
    if index is None:
        return False
    negators = word_list("negators")
    return any(w in negators or w.endswith("n't") for w in low[max(0, index - 3) : index])


def tail_phrase(text_: str) -> str | None:
    """The noun phrase that ends ``text_`` ("... het ging om het nieuwe rooster"), in the interviewer's voice.

    Only a determiner followed by at most three words of substance up to the end counts; anything else is no
    complete phrase, and None is returned.
    """
    tokens = _WORD_RX.findall(text_)
    lower = [t.lower().replace("’", "'") for t in tokens]
    determiners, stop, filler = word_list("determiners"), word_list("stop"), word_list("filler")
    negators = word_list("negators")
    for start in range(len(lower) - 2, max(-1, len(lower) - 6), -1):
        if lower[start] not in determiners:
            continue
        rest = lower[start + 1 :]
        if not rest or len(rest) > 4:
            return None
        if any(w in stop or w in filler or w in negators or not w.replace("-", "").isalpha() for w in rest):
            return None
        if any(w in word_list("phrase_breakers") for w in rest):
            return None  # "het voelde alsof": the phrase would end inside a clause
        if lower[start] == "het" and _finite_verb(rest[0], "nl"):
            return None
        if rest[-1] in word_list("not_nouns") or len(rest[-1]) < 3:
            return None
        words = [_swaps().get(lower[start], lower[start]), *tokens[start + 1 :]]
        return " ".join(words)
    return None


def clauses_from_the_end(text_: str) -> list[str]:
    """The clauses of ``text_``, last first: a correction's new content usually comes last ("niet X, maar Y")."""
    pivots = "|".join(re.escape(p) for p in sorted(word_list("clause_pivots"), key=len, reverse=True))
    parts = re.split(rf"[,;:.!?]|\b(?:{pivots})\b", text_, flags=re.IGNORECASE) if pivots else [text_]
    return [p.strip() for p in reversed(parts) if p and p.strip()]


def _verb_like(word: str, language: str) -> bool:
    """A Dutch verb form at the end of a phrase ("de jaarcijfers klopten", "een organisatie werken")."""
    if language != "nl":
        return False
    return lemma(word, language).endswith("en") and word.endswith(("en", "de", "te", "dt"))


def _finite_verb(word: str, language: str) -> bool:
    """A Dutch verb in the past tense ("voelde", "werkte", "leek", "bleef"): after "het" it makes "het" a
    pronoun ("het voelde alsof"), never the article of a thing."""
    if language != "nl" or not word.isalpha():
        return False
    if word.endswith(("de", "te")) and _verb_like(word, language):
        return True
    base = lemma(word, language)
    return base != word and base.endswith("en") and not base.startswith(word)


def _comparative(word: str, language: str) -> bool:
    """An adjective in the comparative ("eerlijker", "bigger"): it names no thing."""
    base = lemma(word, language)
    return base != word and (word == base + "er" or word == base + "r" or word == base + base[-1:] + "er")


def noun_phrases(text_: str, language: str = "nl") -> list[str]:
    """Complete noun phrases naming a thing or an event in ``text_``, in the interviewer's voice, in order.

    A phrase starts at an article or a possessive ("de", "het", "een", "mijn", "the", "a", "my", ...) and
    runs over at most three words of substance up to the next function word: "het nieuwe rooster",
    "mijn verlof", "the new site". Phrases headed by a word that names no matter ("de druppel", "the real
    reason", "het werk") are left out. Anything less than a complete phrase is never returned.
    """
    if _PUNCTUATION.search(text_):
        # a phrase never runs over a full stop or comma: "the on-call. every other week" is no "the on-call every"
        out: list[str] = []
        for part in _PUNCTUATION.split(text_):
            out.extend(p for p in noun_phrases(part, language) if p not in out)
        return out
    tokens = _WORD_RX.findall(text_)
    lower = [t.lower().replace("’", "'") for t in tokens]
    starters = word_list("phrase_starters")
    stop, filler, negators = word_list("stop"), word_list("filler"), word_list("negators")
    no_matter = word_list("no_matter_heads") | word_list("not_nouns")
    breakers = word_list("phrase_breakers")
    verb_endings = tuple(word_list("trailing_verb_endings"))
    out = []
    i = 0
    while i < len(lower):
        if lower[i] not in starters:
            i += 1
            continue
        if lower[i] == "het" and i > 0 and lower[i - 1] in word_list("verbs_before_pronoun_het"):
            i += 1  # "ik heb het gevraagd": a pronoun, no determiner
            continue
        if lower[i] == "het" and i + 1 < len(lower) and _finite_verb(lower[i + 1], language):
            i += 1  # "het voelde alsof", "het leek erop": a pronoun with its verb, no thing
            continue
        j = i + 1
        while j < len(lower) and j - i <= 3:
            w = lower[j]
            if w in stop or w in filler or w in negators or w in starters or w in breakers:
                break
            if not w.replace("-", "").isalpha():
                break
            past = not w.endswith("s") and _finite_verb(w, language)  # "je vriendin zag"
            past_plural = language == "nl" and w.endswith("en") and w[:-2] in verb_endings  # "stonden"
            if j > i + 1 and (w.endswith(verb_endings) or past_plural or _verb_like(w, language) or past):
                break  # "de kantine dichtging", "the canteen closed": the verb is no part of the phrase
            j += 1
        if j > i + 1 and _comparative(lower[j - 1], language):
            j = i + 1  # "het eerlijker" is no thing
        if lower[i] in negators and j - i < 3:
            j = i + 1  # "geen kwaad" is an idiom; "geen vast contract" names a thing
        if j > i + 1 and lower[j - 1] not in no_matter and len(lower[j - 1]) >= 3:
            first = _swaps().get(lower[i], lower[i])
            phrase = " ".join([first, *tokens[i + 1 : j]])
            if phrase not in out:
                out.append(phrase)
        i = max(j, i + 1)
    return out


_LIST_AND = {"nl": ("en", "of"), "en": ("and", "or")}
MAX_ITEM_WORDS = 8


def _list_item(part: str, first: bool) -> tuple[str, bool] | None:
    """One item of a list as a phrase in the interviewer's voice, and whether it opens with a determiner.

    The first item is the phrase that ends its part ("ik had last van de nachtdiensten" gives "de
    nachtdiensten"). An item holding a clause (a subject, a finite verb, a relative or subordinating word),
    the leaver's "I", or a head that names no matter is no item (None).
    """
    tokens = _WORD_RX.findall(part)
    lower = [t.lower().replace("’", "'") for t in tokens]
    starters = word_list("phrase_starters")
    start = 0
    if first:
        opening = [i for i, w in enumerate(lower) if w in starters]
        if not opening:
            return None
        start = opening[-1]
    words, low = tokens[start:], lower[start:]
    if not first and low and low[0] in CLAUSE_OPENERS:
        return _clause_item(part)
    if not words or len(words) > MAX_ITEM_WORDS:
        return None
    markers = word_list("clause_markers") | word_list("first_person")
    begins = low[0] in starters
    if any(w in markers for w in low[1 if begins else 0 :]):
        return None  # "dat mijn opleiding werd geschrapt", "I was tired": a clause, not a thing
    if low[0] in word_list("indefinite") or (begins and len(low) < 2):
        return None
    head = low[-1]
    if head in word_list("no_matter_heads") or head in word_list("not_nouns") or head in word_list("filler"):
        return None
    if head in word_list("stop") or len(head) < 3 or not head.replace("-", "").isalpha():
        return None
    if not begins and (len(low) < 2 or low[0] in word_list("stop") | word_list("phrase_breakers")):
        return None  # a bare word ("druk") may be an adjective; "then covid" is no thing named
    spoken = [_swaps().get(low[0], low[0]) if begins else words[0], *words[1:]]
    return " ".join(spoken), begins


CLAUSE_OPENERS = ("dat", "that")
MAX_CLAUSE_WORDS = 12


def is_clause(phrase: str | None) -> bool:
    """The thing is named by a clause ("dat niemand naar de verpleging luisterde"): it fits after "je zei" /
    "you said", never after "over" / "about"."""
    words = (phrase or "").split()
    return len(words) > 1 and words[0].lower() in CLAUSE_OPENERS


def _clause_item(part: str) -> tuple[str, bool] | None:
    """A list item that is a clause of its own ("en dat niemand ooit luisterde naar de verpleging"), in the
    interviewer's voice; None when it speaks of the leaver ("dat ik ...", the verb would have to change), is
    too long, or has no verb or negation that makes it a clause ("that awful rota" is a thing)."""
    tokens = _WORD_RX.findall(part)
    lower = [t.lower().replace("’", "'") for t in tokens]
    if not 3 <= len(tokens) <= MAX_CLAUSE_WORDS:
        return None
    rest = lower[1:]
    predicate = any(
        w in word_list("phrase_final_verbs") | word_list("negators") | word_list("clause_markers") for w in rest
    ) or any(w.endswith("ed") or _finite_verb(w, "nl") for w in rest)
    spoken = plural_in_your_words(" ".join(tokens))
    if not predicate or spoken is None:
        return None
    return spoken[0].lower() + spoken[1:], False


# The leaver's "we" is the interviewer's "you" without changing the verb ("we were" / "you were", "wij werden" /
# "jullie werden"); "I" would change it ("ik ben" / "je bent"), so a clause with "I" is not said back.
_PLURAL_SWAPS = {"we": "you", "us": "you", "our": "your", "wij": "jullie", "ons": "jullie", "onze": "jullie"}


def plural_in_your_words(clause: str) -> str | None:
    """A clause of the leaver in the interviewer's voice: "dat er niet naar ons geluisterd werd" gives "dat er niet
    naar jullie geluisterd werd"; None when it speaks of "I" / "ik"."""
    out: list[str] = []
    for word in clause.split():
        low = word.lower()
        if low in _PLURAL_SWAPS:
            out.append(_PLURAL_SWAPS[low])
        elif low in word_list("first_person"):
            return None
        else:
            out.append(word)
    return in_your_words(" ".join(out))


_WHAT_IT_WAS = re.compile(
    r"\b(?:om|about|it was|it's|it is|het was|het is)\s+(?:the fact\s+|het feit\s+)?((?:dat|that)\s+[^,.;:!?]+)",
    re.IGNORECASE,
)


def what_it_was(text_: str) -> str | None:
    """What a leaver says it was about, as a clause in the interviewer's voice: "het ging om dat er niet naar ons
    geluisterd werd" gives "dat er niet naar jullie geluisterd werd", "it was that nobody explained why" gives
    "that nobody explained why"; None when there is no such clause ("it was that bad" is none)."""
    for found in _WHAT_IT_WAS.finditer(text_):
        item = _clause_item(found.group(1).strip())
        if item is not None:
            return item[0]
    return None


def list_items(text_: str, language: str) -> list[str]:
    """The things the leaver names in one list, each as a complete phrase in the interviewer's voice, in order.

    "Ik had last van de nachtdiensten, de ploegwissels en het gebrek aan inwerken van nieuwe mensen" gives
    the three; "the night shifts, the shift changes and new people never being trained" too. A list has at
    least three items, joined by commas and a last "en"/"and" ("of"/"or"), and most of them open with a
    determiner; an item without one ("new people never being trained") counts only in such a list. Anything
    less (an item that is a clause, adjectives in a row) gives no list: [].
    """
    joins = _LIST_AND.get(language, _LIST_AND["en"])
    join_rx = re.compile(rf"^(.*?)\s+(?:{'|'.join(joins)})\s+(.+)$", re.IGNORECASE)
    found: list[str] = []
    for sentence in re.split(r"[.!?;:]+", text_):
        parts = [p.strip() for p in sentence.split(",")]
        if len(parts) < 2:
            continue
        raw: list[str] = [parts[0]]
        for part in parts[1:]:
            if re.match(rf"^(?:{'|'.join(joins)})\s+", part, flags=re.IGNORECASE):
                raw.append(part.split(None, 1)[1] if len(part.split()) > 1 else "")  # "A, B, and C"
                break
            joined = join_rx.match(part)
            if joined:
                raw.extend([joined.group(1), joined.group(2)])
                break
            raw.append(part)
        else:
            continue  # no "en"/"and" closes it: commas between clauses, not a list
        items = [_list_item(part, first=i == 0) for i, part in enumerate(raw)]
        if len(items) < 3 or any(item is None for item in items):
            continue
        complete = [item for item in items if item is not None]
        if 2 * sum(1 for _, begins in complete if begins) <= len(complete):
            continue
        found.extend(phrase for phrase, _ in complete if phrase not in found)
    return found


def named_things(text_: str, language: str) -> list[str]:
    """The things an answer names, in order: the items of a list whole ("het gebrek aan inwerken van nieuwe
    mensen"), then the noun phrases not inside one of them."""
    items = list_items(text_, language)
    rest = [p for p in noun_phrases(text_, language) if not any(p in item or item in p for item in items)]
    return [*items, *rest]


def indirect_question(clause: str) -> bool:
    """A clause like "hoe het besloten werd" / "how it was decided": it reads well after "om" / "about"."""
    words = clause.split()
    return 3 <= len(words) <= 8 and words[0].lower() in word_list("question_words")


def in_your_words(clause: str) -> str | None:
    """A clause of the leaver with "my"/"mijn" as the interviewer's "your"/"je"; None when it speaks of "I"/"we"
    (the verb would have to change with it: "how I was treated" is not "how you was treated")."""
    swaps = _swaps()
    out: list[str] = []
    for word in clause.split():
        low = word.lower()
        if low in word_list("first_person"):
            return None
        out.append(swaps.get(low, word))
    return " ".join(out)


def direct_question(clause: str, language: str) -> str | None:
    """The direct question an indirect one stands for: "hoe het besloten werd" -> "Hoe werd het besloten?".

    Dutch puts the finite verb last in the clause and second in the question; English moves the auxiliary
    after the subject in front of it. Anything else gives None (the question is then asked in other words).
    """
    words = clause.strip().rstrip(".!?").split()
    if not indirect_question(" ".join(words)):
        return None
    wh = words[0].capitalize()
    if language == "nl":
        verb, rest = words[-1], words[1:-1]
        if not verb.isalpha() or not rest:
            return None
        return " ".join([wh, verb, *rest]) + "?"
    if len(words) >= 3 and words[2].lower() in word_list("auxiliaries"):
        return " ".join([wh, words[2], words[1], *words[3:]]) + "?"
    return None


def problem_subject(clause: str) -> str | None:
    """ "the shifts were the problem" -> "the shifts": what a leaver names as the real problem."""
    nouns, copulas = alternation("problem_nouns"), alternation("copulas")
    found = re.search(
        rf"(?:^|\b(?:said|zei|zeg|say)\s+(?:that\s+|dat\s+)?)((?:the|de|het|my|mijn|our|onze|ons)\s+[\w\s'-]+?)\s+"
        rf"(?:{copulas})\s+(?:the|het|de|my|mijn)\s+(?:real\s+|echte\s+|grootste\s+|biggest\s+)?(?:{nouns})\b",
        clause.strip(),
        flags=re.IGNORECASE,
    )
    return found.group(1).strip() if found else None


_PARTICIPLE = re.compile(r"^(?:ge|be|ver|ont|her)\w+(?:en|d|t)$")


def good_thread_phrase(phrase: str) -> bool:
    """A phrase worth coming back to by name: a definite thing ("de avonddiensten"), not "een mail" (one of
    many) nor a pronoun with a verb form ("ons besproken" from "had het met ons besproken")."""
    words = phrase.lower().split()
    if len(words) > 2 and words[1] in ("hele", "gehele", "whole", "entire"):
        return False  # "de hele afdeling", "the whole ward": where it was, not a thing that happened
    if not words or words[0] in word_list("indefinite") or words[-1] in word_list("phrase_final_verbs"):
        return False  # "een mail" (one of many), "the post went" (a clause cut off, not a thing)
    return not (len(words) == 2 and words[0] in ("ons", "jullie", "je", "us") and _PARTICIPLE.match(words[1]))


def focus_phrase(text_: str, language: str) -> str | None:
    """What the leaver singles out with "vooral" / "especially": "vooral de avonddiensten met te weinig
    mensen" gives "de avonddiensten met te weinig mensen" (a noun phrase with its determiner), else None."""
    markers = "|".join(re.escape(m) for m in sorted(word_list("focus_markers"), key=len, reverse=True))
    found = re.search(rf"\b(?:{markers})\s+([^,.;:!?]+)", text_, flags=re.IGNORECASE)
    if not found:
        return None
    phrase = found.group(1).strip()
    words = phrase.split()
    if not words or words[0].lower() not in word_list("determiners") or len(words) > 8:
        return None
    swaps = _swaps()
    spoken = " ".join(swaps.get(w.lower(), w) for w in words)
    return spoken if not any(w.lower() in word_list("first_person") for w in words) else None


def object_of_told(answer: str, phrase: str) -> bool:
    """``phrase`` is what someone else did something to in the answer ("toen hij mijn hele routeplanning
    omgooide", "when she rewrote my entire release schedule"): another person is the subject before it in its
    clause. Its effect or cause is then that of what happened, never of the thing ("de gevolgen van je hele
    routeplanning")."""
    words = [w.lower() for w in _WORD_RX.findall(phrase)][1:]  # without its determiner ("je" for "mijn")
    if not words:
        return False
    subjects = word_list("other_subjects")
    for clause in _PUNCTUATION.split(answer):
        low = [w.lower().replace("’", "'") for w in _WORD_RX.findall(clause)]
        at = next((i for i in range(len(low) - len(words) + 1) if low[i : i + len(words)] == words), None)
        if at is not None:
            return any(w in subjects for w in low[: max(0, at - 1)])
    return False
