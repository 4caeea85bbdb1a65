"""Whether the leaver's words may be offered back in a frame, and whether the leaver named a topic at all.

docs/interviewing.md, "Paraphrase, don't paste": a phrase of the leaver's is offered back only when it is whole
and names a thing, and fits the sentence. Here that is strict: a noun phrase ("het nieuwe rooster", "your pay",
"a better offer") that the leaver said in those words (their "my" is our "your"), not under a negation, not cut off
before the rest of its phrase ("the other firm pays" from "the other firm pays more"), not a clause, and not
what something was judged against ("de sector" from "oké voor de sector"). Anything less gets a plain question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spiegel.language.lemmas import lemma

from .quoting import meaningful
from .wording import _finite_verb, _verb_like, is_clause, list_items, noun_phrases, word_list
from .wording import words as _words

_PUNCTUATION = re.compile(r"[.,;:!?()\n]|\s[-–—]\s")
# The interviewer's word for the leaver's own ("je salaris" for "mijn salaris").
_OURS_FOR_THEIRS = {
    "your": ("my", "your", "our"),
    "je": ("mijn", "m'n", "je"),
    "jullie": ("ons", "onze", "jullie"),
}
MAX_PHRASE_WORDS = 8
# how far around a phrase a negated "said" / "gezegd" counts ("over mijn teamleider heb ik niets gezegd")
NEAR = 6
# the two words before the phrase, the word after it, and the words near it in its clause
_Place = tuple[str | None, str | None, str | None, frozenset[str]]


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Words a phrase that names a thing opens with: an article, a demonstrative or a possessive; never "geen"
    (offered back, "een vast contract" would say the opposite: see :func:`absent`)."""
    return (word_list("determiners") | word_list("indefinite") | frozenset(_OURS_FOR_THEIRS)) - {"geen"}


def _places(phrase: list[str], answers: list[str]) -> list[_Place]:
    """Every place the leaver said ``phrase``: the two words before it and the word after it in its clause, and
    the words of that clause."""
    found: list[_Place] = []
    for answer in answers:
        for clause in _PUNCTUATION.split(answer):
            low = _words(clause)
            for i in range(len(low) - len(phrase) + 1):
                if all(low[i + k] in _OURS_FOR_THEIRS.get(w, (w,)) for k, w in enumerate(phrase)):
                    j = i + len(phrase)
                    before2, before = (low[i - 2] if i > 1 else None), (low[i - 1] if i > 0 else None)
                    near = frozenset(low[max(0, i - NEAR) : j + NEAR])
                    found.append((before2, before, low[j] if j < len(low) else None, near))
    return found


def _verb(word: str, language: str) -> bool:
    """A verb form as far as the word lists tell: "pays", "quit", "bleef", "klopte", an English past in -ed."""
    if word in word_list("verb_forms") or word in word_list("phrase_final_verbs"):
        return True
    if language == "en":
        return len(word) > 4 and word.endswith("ed")
    ends = tuple(word_list("trailing_verb_endings"))  # "dichtging", "overkwam"
    participle = word.startswith("ge") and word.endswith(("d", "t", "en")) and len(word) > 5  # "gevonden"
    return _finite_verb(word, language) or _verb_like(word, language) or word.endswith(ends) or participle


def _names_a_thing(word: str, language: str) -> bool:
    """A word of substance that is no verb: the end of a noun phrase before a preposition ("care" in "the day
    care at the site")."""
    plain = word_list("stop") | word_list("filler") | word_list("auxiliaries") | word_list("negators")
    return word.isalpha() and word not in plain and not _verb(word, language)


def _english_verb_after(word: str, head: str) -> bool:
    """After an English phrase: an adverb in -ly, or a verb in -s after a singular head
    ("the new system slows")."""
    if word.endswith("ly"):
        return True  # "the workload mostly" (never "-ing": "the new shift planning tool")
    return word.endswith("s") and not word.endswith("ss") and not head.endswith("s")


def _clean_place(place: _Place, language: str, head: str, indefinite: bool = False) -> bool:
    """The phrase stands whole there: not right after a negation ("geen cursus"), not in a clause that says it
    was never talked about ("over mijn teamleider heb ik niets gezegd"), not after "oké voor"; its clause goes on
    with a verb or a function word (or ends), never with more of the phrase."""
    before2, before, after, clause = place
    negators = word_list("negators")
    if before is not None and (before in negators or before.endswith("n't")):
        return False
    if (
        before in word_list("phrase_breakers")
        and before2 is not None
        and (before2 in negators or before2.endswith("n't"))
    ):
        return False  # "never about the money", "niet om het geld"
    if indefinite and before2 is not None and (before2 in negators or before2.endswith("n't")):
        return False  # "never got a course": there was none
    negated = any(w in negators or w in word_list("no_answers") or w.endswith("n't") for w in clause)
    if negated and clause & word_list("speech_words"):
        return False
    if before in word_list("phrase_breakers") and before2 in word_list("evaluatives"):
        return False
    if before in word_list("place_prepositions") and before2 is not None and _names_a_thing(before2, language):
        return False  # "de kinderopvang op het terrein": where the thing was, not the thing
    question = before in word_list("auxiliaries") and (before2 is None or before2 in word_list("question_words"))
    if after is None or question:
        return True  # the end of its clause, or a question's subject ("will my manager see it")
    ends = (
        word_list("phrase_breakers")
        | word_list("auxiliaries")
        | word_list("copulas")
        | word_list("clause_markers")
        | word_list("negators")
        | word_list("frequency_words")
        | word_list("followers")
        | word_list("determiners")  # a new phrase begins ("is de reistijd de belangrijkste reden")
    )
    return after in ends or _verb(after, language) or (language == "en" and _english_verb_after(after, head))


def reflectable(phrase: str | None, answers: list[str], language: str, pull: bool = False) -> bool:
    """``phrase`` may be offered back in a frame ("Je vertelde over het nieuwe rooster."): a whole definite noun
    phrase the leaver said in those words, cleanly, in one of ``answers``. A clause ("dat niemand luisterde") is
    judged where it is made and passes here, as does an item of a list the leaver gave ("het gebrek aan inwerken
    van nieuwe mensen"). ``pull``: the phrase names what drew the leaver elsewhere ("een andere baan"), which
    may be headed by a word that otherwise names no matter.
    """
    if not phrase:
        return False
    if is_clause(phrase) or any(phrase in list_items(answer, language) for answer in answers):
        return True
    words = _words(phrase)
    if not 2 <= len(words) <= MAX_PHRASE_WORDS or words[0] not in _starters():
        return False
    # the thing itself, and what may follow it ("de avonddiensten" + "met te weinig mensen")
    cut = next((i for i, w in enumerate(words) if i > 1 and w in word_list("phrase_breakers")), len(words))
    core, tail = words[1:cut], words[cut:]
    blocked = word_list("stop") | word_list("filler") | word_list("negators") | word_list("first_person")
    blocked |= word_list("relatives") | word_list("question_words")
    if not 1 <= len(core) <= 3 or any(w in blocked or not w.replace("-", "").replace("'", "").isalnum() for w in core):
        return False
    head = core[-1]
    no_matter = frozenset() if pull else word_list("no_matter_heads")  # "een andere baan" is what drew them
    if head in word_list("not_nouns") | no_matter | word_list("predicates") or len(head) < 3:
        return False
    if any(w in word_list("verb_forms") for w in core) or (len(core) > 1 and _verb(head, language)):
        return False  # "the other firm pays", "de baas zei": a clause, no thing
    if tail and not _whole_tail(tail, language):
        return False
    if not meaningful(phrase, language, pull):
        return False  # "de muur", "a number", "de concurent", "your lads": no matter an interviewer would repeat
    indefinite = words[0] in word_list("indefinite")
    return any(_clean_place(place, language, words[-1], indefinite) for place in _places(words, answers))


def _whole_tail(tail: list[str], language: str) -> bool:
    """What follows the thing is a phrase of its own ("met te weinig mensen", "at the weekend"), no clause."""
    markers = word_list("clause_markers") | word_list("first_person") | word_list("negators") | word_list("verb_forms")
    if any(w in markers or _verb(w, language) for w in tail[1:]) or len(tail) < 2:
        return False
    last = tail[-1]
    return len(last) >= 3 and last not in word_list("not_nouns") | word_list("stop") | word_list("filler")


def _noun_like(word: str) -> bool:
    """No adverb, superlative or predicate word ("hardest", "dubbel", "live"): one that can end a noun phrase."""
    odd = word_list("predicates") | word_list("not_nouns") | word_list("filler") | word_list("followers")
    return word not in odd and not word.endswith(("est", "ly")) and len(word) >= 3


def whole_phrase(phrase: str | None, answers: list[str], language: str) -> str | None:
    """The leaver's whole phrase that ``phrase`` was cut from ("the new bonus scheme" for "the new bonus",
    "the remote work rules" for "the remote"), or the phrase without the verb it ran into ("de wachtlijsten"
    for "de wachtlijsten groeiden"), when that one may be offered back; the latest answer first."""
    words = _words(phrase or "")
    if len(words) < 2:
        return None
    shorter = " ".join((phrase or "").split()[:-1])
    if len(words) > 2 and _verb(words[-1], language) and reflectable(shorter, answers, language):
        return shorter
    for answer in reversed(answers):
        for found in noun_phrases(answer, language):
            spoken = found.split()
            low = _words(found)
            if len(low) <= len(words) or words[1:] != low[1 : len(words)] or not _noun_like(low[len(words)]):
                continue  # one more word of the same phrase, and one that can name the thing
            longer = " ".join(spoken[: len(words) + 1])
            if reflectable(longer, [answer], language):
                return longer
    return None


def absent(phrase: str | None, answers: list[str]) -> bool:
    """The leaver said there was no such thing: "een vast contract" from "geen vast contract", "a permanent
    contract" from "I still didn't have a permanent contract". Offered back as it is, it would say the opposite."""
    words = _words(phrase or "")
    if len(words) < 2 or words[0] not in word_list("indefinite"):
        return False
    if words[0] == "een" and _places(["geen", *words[1:]], answers):
        return True
    negators = word_list("negators")
    return any(
        w is not None and (w in negators or w.endswith("n't"))
        for before2, before, _, _ in _places(words, answers)
        for w in (before, before2)
    )


def label_named(label: str, answers: list[str], language: str) -> bool:
    """The leaver used the words of the topic name ``label`` ("your manager" after "my manager was ..."), so the
    interviewer may say they mentioned it; "management" or "the team" is no mention of "your manager"."""
    skip = word_list("stop") | word_list("filler") | frozenset(_OURS_FOR_THEIRS) | word_list("determiners")
    wanted = {lemma(w, language) for w in _words(label) if w not in skip and len(w) >= 3}
    if not wanted:
        return False
    said = {lemma(w, language) for answer in answers for w in _words(answer)}
    return wanted <= said
