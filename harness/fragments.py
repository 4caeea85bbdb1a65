"""The fragment check: pieces of the leaver's answers pasted into an interviewer message that should not be there.

Issue 11's interviewer put cut-out bits of answers into fixed frames: *Wat deed "dat heb ik toch al verteld"
met jou?*, *Tell me about a moment when "old manager see it" really showed.* ``bad_fragments`` finds every
piece of an answer in a message — quoted, or pasted without quotes — and reports the ones that

- start inside a phrase (the answer had a determiner or possessive right before it that the message dropped,
  or the piece starts with a conjunction or relative word),
- end inside a phrase (the piece ends on a determiner, possessive, preposition, conjunction, auxiliary,
  subject pronoun or intensifier),
- quote meta-talk, a refusal, a complaint or "nothing more" (who reads this, already told you, rather not…),
- break the grammar of the message (the leaver's first person inside the interviewer's sentence, a whole
  clause put where a noun belongs, sentence punctuation in the middle of the message's sentence).

A phrase that is complete and names a thing ("Je vertelde over het nieuwe rooster.") passes. The word lists
are the harness's own (``data/fragments.json``): the yardstick never shares lexicons with the engine.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "fragments.json"

# Quotation pairs: straight and curly doubles, Dutch low-high, guillemets; single quotes only when they do not
# sit inside a word (so "don't" and "zo'n" are not quotes).
_QUOTE_PATTERNS = (
    re.compile(r'"([^"\n]{1,200})"'),
    re.compile(r"“([^”\n]{1,200})”"),
    re.compile(r"„([^”“\n]{1,200})[”“]"),
    re.compile(r"«\s?([^»\n]{1,200})\s?»"),
    re.compile(r"‘([^’\n]{1,200})’(?!\w)"),
    re.compile(r"(?<![\w'])'([^'\n]{1,200}?)'(?![\w'])"),
)
_TOKEN = re.compile(r"[\w]+(?:['’][\w]+)*|'[tn]\b", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]")
# An unquoted overlap must be at least this many words long before it counts as pasted.
MIN_PASTED_WORDS = 2
# Pronouns that also serve as objects, so a piece may end on them ("see it", "vroeg ze").
_ALSO_OBJECTS = frozenset({"it", "you", "je", "ze", "u", "jullie", "hen", "haar", "hem"})
# Demonstratives stand alone as pronouns ("talk about that", "daar ging het om dat"), so a piece may end on them.
_DEMONSTRATIVES = frozenset({"that", "this", "these", "those", "dat", "dit", "die", "deze"})


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one language (see data/fragments.json)."""

    determiners: frozenset[str]
    possessives: frozenset[str]
    prepositions: frozenset[str]
    conjunctions: frozenset[str]
    auxiliaries: frozenset[str]
    subject_pronouns: frozenset[str]
    first_person: frozenset[str]
    intensifiers: frozenset[str]
    frame_words: frozenset[str]
    common_adjectives: frozenset[str]
    meta_phrases: tuple[tuple[str, ...], ...]
    reflection_openers: tuple[tuple[str, ...], ...] = ()
    indefinite: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    continuations: frozenset[str] = frozenset()
    evaluatives: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()
    cause_questions: tuple[str, ...] = ()
    frequency_questions: tuple[str, ...] = ()
    negators: frozenset[str] = frozenset()
    empty_nouns: frozenset[str] = frozenset()
    adjective_endings: tuple[str, ...] = ()

    @property
    def function_words(self) -> frozenset[str]:
        """Words that carry no matter of their own."""
        return (
            self.determiners
            | self.possessives
            | self.prepositions
            | self.conjunctions
            | self.auxiliaries
            | self.subject_pronouns
            | self.first_person
            | self.intensifiers
        )


@cache
def lexicon(language: str) -> Lexicon:
    """The lists for ``language`` ("nl" or "en")."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))[language]

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return Lexicon(
        determiners=words("determiners"),
        possessives=words("possessives"),
        prepositions=words("prepositions"),
        conjunctions=words("conjunctions"),
        auxiliaries=words("auxiliaries"),
        subject_pronouns=words("subject_pronouns"),
        first_person=words("first_person"),
        intensifiers=words("intensifiers"),
        frame_words=words("frame_words"),
        common_adjectives=words("common_adjectives"),
        meta_phrases=tuple(tuple(tokens(str(p))) for p in raw["meta_phrases"]),
        # longest first, so "earlier you also mentioned" wins over "you mentioned"
        reflection_openers=tuple(
            sorted((tuple(tokens(str(p))) for p in raw["reflection_openers"]), key=len, reverse=True)
        ),
        indefinite=words("indefinite"),
        verbs=words("verbs"),
        continuations=words("continuations"),
        evaluatives=words("evaluatives"),
        event_nouns=words("event_nouns"),
        cause_questions=tuple(str(p).lower() for p in raw["cause_questions"]),
        frequency_questions=tuple(str(p).lower() for p in raw["frequency_questions"]),
        negators=words("negators"),
        empty_nouns=words("empty_nouns"),
        adjective_endings=tuple(str(e) for e in raw["adjective_endings"]),
    )


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; apostrophes and ’ inside words are kept ("don't", "zo'n")."""
    return [t.replace("’", "'") for t in _TOKEN.findall(text.lower())]


@dataclass(frozen=True)
class _Span:
    """Where a run of tokens sits: in the answer (with its neighbours) and in the message."""

    words: tuple[str, ...]
    answer_before: str | None  # the answer's word right before the piece (None at a sentence start)
    answer_after: str | None
    message_before: str | None
    message_after: str | None = None


def _find(seq: list[str], sub: tuple[str, ...]) -> int:
    n = len(sub)
    for i in range(len(seq) - n + 1):
        if tuple(seq[i : i + n]) == sub:
            return i
    return -1


def _sentence_tokens(text: str) -> list[list[str]]:
    """Tokens per sentence, so neighbours never cross a full stop or question mark."""
    return [t for t, _ in _sentences(text)]


def _sentences(text: str) -> list[tuple[list[str], bool]]:
    """Tokens per sentence and whether the sentence is a question."""
    out: list[tuple[list[str], bool]] = []
    for m in re.finditer(r"[^.!?]+([.!?]*)", text):
        toks = tokens(m.group(0))
        if toks:
            out.append((toks, "?" in m.group(1)))
    return out


def _neighbours(answer_sentences: list[list[str]], words: tuple[str, ...]) -> tuple[bool, str | None, str | None]:
    for sent in answer_sentences:
        i = _find(sent, words)
        if i >= 0:
            before = sent[i - 1] if i > 0 else None
            j = i + len(words)
            after = sent[j] if j < len(sent) else None
            return True, before, after
    return False, None, None


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return bool(phrase) and _find(list(words), phrase) >= 0


def _is_noun_slot_clause(words: tuple[str, ...], lex: Lexicon) -> bool:
    """A subject pronoun followed later by an auxiliary or finite verb: a whole clause, not a phrase."""
    for i, w in enumerate(words):
        if w in lex.subject_pronouns and any(v in lex.auxiliaries for v in words[i + 1 :]):
            return True
        if w in lex.auxiliaries and any(p in lex.subject_pronouns for p in words[i + 1 : i + 3]):
            return True
    return False


def _problems(
    span: _Span, raw: str, quoted: bool, direct_speech: bool, lex: Lexicon, in_question: bool = True
) -> list[str]:
    words = span.words
    problems: list[str] = []
    first, last = words[0], words[-1]
    # Meta-talk, refusals, complaints, "nothing more" — quoted, or pasted into a question (an acknowledgement
    # in the interviewer's own words, "you'd rather not talk about that", may share words with a refusal).
    meta = [" ".join(p) for p in lex.meta_phrases if _contains(words, p)]
    if meta and (quoted or in_question):
        problems.append(f"quotes meta-talk ({meta[0]})")
    # Starts inside a phrase: a quote opens on a conjunction (unquoted, "en het rooster" is the interviewer's own
    # "and" before a whole phrase), or the answer had a determiner or possessive
    # right before it that the message dropped without putting one of its own in its place.
    heads = lex.determiners | lex.possessives
    if quoted and first in lex.conjunctions and first not in heads:
        problems.append(f"starts inside a phrase (on '{first}')")
    elif span.answer_before in heads and first not in heads and span.message_before not in heads:
        problems.append(f"starts inside a phrase (cut after '{span.answer_before}')")
    elif (
        quoted
        and span.answer_before in lex.subject_pronouns
        and span.answer_before not in _ALSO_OBJECTS
        and first not in heads
    ):
        problems.append(f"starts inside a clause (cut after '{span.answer_before}')")
    # Ends inside a phrase: on a word that needs more after it. A pasted (unquoted) run that the message
    # simply continues in its own words ("had geen tijd meer voor" + "je patiënten") is a paraphrase.
    enders = (
        lex.determiners
        | lex.possessives
        | lex.prepositions
        | lex.conjunctions
        | lex.auxiliaries
        | (lex.subject_pronouns - _ALSO_OBJECTS)
        | lex.intensifiers
    )
    object_only = last in lex.first_person and last not in lex.subject_pronouns and last not in lex.possessives
    open_end = quoted or span.message_after is None
    continues = span.answer_after is not None and span.answer_after not in lex.function_words
    if last in enders and last not in _DEMONSTRATIVES and not object_only and open_end:
        problems.append(f"ends inside a phrase (on '{last}')")
    elif open_end and continues and last in lex.common_adjectives:
        problems.append(f"ends inside a phrase (cut before '{span.answer_after}')")
    # Grammar of the interviewer's sentence.
    if quoted and not direct_speech:
        if any(w in lex.first_person for w in words):
            problems.append("puts the leaver's first person in the interviewer's sentence")
        elif _is_noun_slot_clause(words, lex):
            problems.append("puts a whole clause where a phrase belongs")
    if not quoted:
        owned = [w for w in words if w in lex.first_person and w not in lex.subject_pronouns]
        if owned:
            problems.append(f"puts the leaver's '{owned[0]}' in the interviewer's mouth")
    if quoted and re.search(r"[.!?]\s*$", raw.strip()) and not direct_speech:
        problems.append("carries sentence punctuation into the middle of a sentence")
    return problems


def _quoted_pieces(message: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _QUOTE_PATTERNS:
        for m in pattern.finditer(message):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.group(1), m.start(), m.end()))
    return found


def _direct_speech(message: str, start: int, end: int, words: tuple[str, ...], answers: list[str]) -> bool:
    """A quote introduced by a colon that is a whole sentence of an answer reads as reported speech."""
    head = message[:start].rstrip()
    if not head.endswith(":"):
        return False
    for answer in answers:
        for sent in _sentence_tokens(answer):
            if tuple(sent) == words:
                return True
    return False


def _language(message: str, answers: list[str]) -> str:
    text = " ".join([message, *answers])
    toks = tokens(text)
    nl_hits = sum(t in {"de", "het", "een", "ik", "je", "niet", "wat", "hoe", "en", "van", "dat", "is"} for t in toks)
    en_hits = sum(t in {"the", "a", "i", "you", "not", "what", "how", "and", "of", "that", "is", "to"} for t in toks)
    return "nl" if nl_hits >= en_hits else "en"


def _overlaps(message_tokens: list[str], answer_tokens: list[str]) -> list[tuple[int, int, int]]:
    """Maximal common runs (message start, answer start, length) of at least MIN_PASTED_WORDS tokens."""
    runs: list[tuple[int, int, int]] = []
    m, a = len(message_tokens), len(answer_tokens)
    for i in range(m):
        for j in range(a):
            if message_tokens[i] != answer_tokens[j]:
                continue
            if i > 0 and j > 0 and message_tokens[i - 1] == answer_tokens[j - 1]:
                continue  # not the start of a maximal run
            k = 0
            while i + k < m and j + k < a and message_tokens[i + k] == answer_tokens[j + k]:
                k += 1
            if k >= MIN_PASTED_WORDS:
                runs.append((i, j, k))
    return runs


# The interviewer's "your" / "je" stands for the leaver's "my" / "mijn" when it offers a phrase back; "een" may
# stand for the leaver's "geen" (a thing the leaver said was not there).
_YOUR = {
    "your": ("my", "your", "our"),
    "je": ("mijn", "m'n", "je"),
    "jullie": ("ons", "onze", "jullie"),
    "een": ("een", "geen"),
}
# Dutch verb forms that may follow a subject: past tenses and plurals ("bedoelde", "zette", "liepen").
_NL_VERB_ENDINGS = ("de", "te", "den", "ten", "en", "dt")


def _in_answer(slot: tuple[str, ...], answers: list[str]) -> list[tuple[str | None, str | None, str | None]]:
    """Every place ``slot`` stands in an answer (the interviewer's "your" for the leaver's "my"): the two words
    before it and the word after it in its sentence."""
    found: list[tuple[str | None, str | None, str | None]] = []
    for answer in answers:
        # a comma, colon or semicolon ends a phrase as well as a full stop does
        for sent in (t for part in re.split(r"[,;:]", answer) for t in _sentence_tokens(part)):
            for i in range(len(sent) - len(slot) + 1):
                if all(sent[i + k] in _YOUR.get(w, (w,)) for k, w in enumerate(slot)):
                    j = i + len(slot)
                    found.append(
                        (
                            sent[i - 2] if i > 1 else None,
                            sent[i - 1] if i > 0 else None,
                            sent[j] if j < len(sent) else None,
                        )
                    )
    return found


def _verb_like(word: str, lex: Lexicon, language: str, follower: bool = False) -> bool:
    """A finite verb as far as the harness can tell: its own list, an English past in -ed, and right after a
    subject a Dutch past or plural form."""
    if word in lex.verbs or (language == "en" and len(word) > 4 and word.endswith("ed")):
        return True
    participle = language == "nl" and word.startswith("ge") and word.endswith(("d", "t")) and len(word) > 5
    present = language == "nl" and word.endswith("t") and not word.endswith(("heid", "ent", "ant")) and len(word) > 3
    return (
        follower
        and language == "nl"
        and (present or (len(word) >= 4 and (word.endswith(_NL_VERB_ENDINGS) or participle)))
    )


def _event_like(slot: tuple[str, ...], lex: Lexicon) -> bool:
    head = slot[-1]
    return " ".join(slot[-2:]) in lex.event_nouns or any(head.endswith(n) for n in lex.event_nouns)


def _place_problems(
    slot: tuple[str, ...], place: tuple[str | None, str | None, str | None], colon: bool, lex: Lexicon, language: str
) -> list[str]:
    """What is wrong with offering ``slot`` back, as the leaver said it at ``place``."""
    before2, before, after = place
    problems: list[str] = []
    # "geen cursus", "never about the money" (a preposition between): the leaver said it was not there
    negated = before in lex.negators or (before in lex.prepositions and before2 in lex.negators)
    if slot[0] in lex.indefinite and (colon or negated):
        problems.append(f"offers back an indefinite phrase ('{' '.join(slot)}')")
    elif negated:
        problems.append(f"offers back a thing the leaver said was not there ('{' '.join(slot)}')")
    # a verb inside the phrase; a past participle before a noun ("your fixed shift") or after "being" is none
    verbs = [
        i
        for i, w in enumerate(slot[1:], 1)
        if w in lex.verbs
        or (_verb_like(w, lex, language) and i == len(slot) - 1 and slot[i - 1] not in lex.auxiliaries)
    ]
    if len(slot) > 1 and verbs:
        problems.append("puts a clause where a noun belongs")
    allowed = lex.function_words | lex.continuations | lex.negators
    # "will my old manager see it": in a question the verb comes after the subject
    inverted = before in lex.auxiliaries and (before2 is None or before2 in lex.frame_words)
    # "the workload mostly", "the new system slows": an adverb, or a verb in -s after a singular head
    adverb = (
        language == "en"
        and after is not None
        and (after.endswith("ly") or (after.endswith("s") and not after.endswith("ss") and not slot[-1].endswith("s")))
    )
    if (
        after is not None
        and after not in allowed
        and not inverted
        and not adverb
        and not _verb_like(after, lex, language, True)
    ):
        problems.append(f"cut before '{after}'")
    if before in lex.prepositions and before2 in lex.evaluatives:
        problems.append(f"offers back what something was judged against ('{before2} {before}')")
    return problems


def _shape_problems(slot: tuple[str, ...], lex: Lexicon, language: str) -> list[str]:
    """What is wrong with the phrase itself, wherever the leaver said it: the rest of a clause ("that pays",
    "pays more"), an adjective that lost its noun ("het tijdelijk"), or a word that names no matter on its own
    ("het eind", "a case")."""
    head = slot[-1]
    opens = slot[0] in lex.conjunctions and slot[0] not in lex.determiners  # "omdat ...", not "die nieuwe ..."
    lone_verb = len(slot) == 1 and _verb_like(head, lex, language)
    relative = len(slot) == 2 and slot[0] in _DEMONSTRATIVES and (head in lex.verbs or _verb_like(head, lex, language))
    if slot[0] in lex.verbs or opens or lone_verb or relative:
        return [f"offers back the rest of a clause ('{' '.join(slot)}')"]
    lost = any(head.endswith(e) and len(head) > len(e) + 2 for e in lex.adjective_endings)
    if head in lex.common_adjectives or lost:
        return [f"offers back an adjective without its noun ('{' '.join(slot)}')"]
    if head in lex.empty_nouns and len(slot) <= 2:
        return [f"offers back a word that names no matter ('{' '.join(slot)}')"]
    return []


def _reflection_problems(question: str, answers: list[str], lex: Lexicon, language: str) -> list[tuple[str, ...]]:
    """Phrases offered back in a reflection frame ("You mentioned X.", "Over X:") that are no whole, definite
    noun phrase of the leaver's, or a thing asked about as if it were an event: each as its reason followed by
    the words of the phrase."""
    parts = [p for p in re.split(r"(?<=[.!?:])\s+", question.strip()) if p]
    found: list[tuple[str, ...]] = []
    for index, part in enumerate(parts):
        toks = tokens(part)
        opener = next((o for o in lex.reflection_openers if tuple(toks[: len(o)]) == o), None)
        if opener is None:
            continue
        slot = tuple(toks[len(opener) :])
        places = _in_answer(slot, answers) if 0 < len(slot) <= 8 else []
        if not places:
            continue  # the interviewer's own words
        colon = part.rstrip().endswith(":")
        # judged where the leaver said it best
        problems = min((_place_problems(slot, p, colon, lex, language) for p in places), key=len)
        if opener[-1] in ("dat", "that"):  # "Je zei eerder dat ...": a clause is what belongs there
            problems = [p for p in problems if p != "puts a clause where a noun belongs"]
        problems += _shape_problems(slot, lex, language)
        rest = " ".join(parts[index + 1 :]).lower()
        if not _event_like(slot, lex):
            if any(p in rest for p in lex.cause_questions):
                problems.append(f"asks what caused a thing that is no event ('{' '.join(slot)}')")
            elif any(p in rest for p in lex.frequency_questions):
                problems.append(f"asks how often a thing that is no event happened ('{' '.join(slot)}')")
        if problems:
            found.append((f"reflects '{' '.join(slot)}': " + "; ".join(problems), *slot))
    return found


def bad_fragments(question: str, answers: list[str] | tuple[str, ...], language: str | None = None) -> list[str]:
    """Every bad piece of ``answers`` in the interviewer message ``question``, each with its reasons.

    An empty list means the message pastes nothing it should not. ``language`` is guessed when not given.
    """
    answers = [a for a in answers if a and a.strip()]
    if not question or not answers:
        return []
    lang = language if language in ("nl", "en") else _language(question, answers)
    lex = lexicon(lang)
    answer_sentences = [s for a in answers for s in _sentence_tokens(a)]
    bad: list[str] = []
    covered: set[tuple[str, ...]] = set()

    # 0. Reflection frames: a phrase offered back as a thing the leaver named.
    for reason, *slot in _reflection_problems(question, answers, lex, lang):
        bad.append(reason)
        covered.add(tuple(slot))

    # 1. Quoted pieces that come from an answer.
    for raw, start, end in _quoted_pieces(question):
        words = tuple(tokens(raw))
        if not words:
            continue
        inside, before, after = _neighbours(answer_sentences, words)
        if not inside:
            inside, before, after = _neighbours([tokens(a) for a in answers], words)
        if not inside:
            continue  # a quote of something else (the intro's "volgende", a label)
        covered.add(words)
        head_tokens = tokens(question[:start])
        span = _Span(words, before, after, head_tokens[-1] if head_tokens else None)
        direct = _direct_speech(question, start, end, words, answers)
        problems = _problems(span, raw, quoted=True, direct_speech=direct, lex=lex)
        if problems:
            bad.append(f'"{raw.strip()}": ' + "; ".join(problems))

    # 2. Pieces pasted without quotes: maximal runs shared with a sentence of an answer.
    for q_sentence, is_question in _sentences(question):
        for a_sentence in answer_sentences:
            for i, j, k in _overlaps(q_sentence, a_sentence):
                words = tuple(q_sentence[i : i + k])
                if any(_contains(c, words) for c in covered):
                    continue
                content = [w for w in words if w not in lex.function_words and w not in lex.frame_words]
                if not content:
                    continue  # the interviewer's own frame words happen to match
                if k < MIN_PASTED_WORDS + 1 and not any(w in lex.first_person for w in words):
                    continue  # two shared words are a coincidence unless they carry the leaver's "mijn"
                covered.add(words)
                span = _Span(
                    words,
                    a_sentence[j - 1] if j > 0 else None,
                    a_sentence[j + k] if j + k < len(a_sentence) else None,
                    q_sentence[i - 1] if i > 0 else None,
                    q_sentence[i + k] if i + k < len(q_sentence) else None,
                )
                problems = _problems(
                    span, " ".join(words), quoted=False, direct_speech=False, lex=lex, in_question=is_question
                )
                if problems:
                    bad.append(f"pasted '{' '.join(words)}': " + "; ".join(problems))
    return bad
