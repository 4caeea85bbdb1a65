"""Reading one turn: the kind of turn, negation and hedges scoped over feelings and themes, a refusal's target,
a correction's content, feelings, themes, distress, a serious disclosure and sarcasm (docs/interviewing.md,
"What kind of turn is this?"). Rules over the word lists of :mod:`.understanding_lexicon`. Django-free."""

from __future__ import annotations

import re

from spiegel.language import disclosure_model
from spiegel.language.cues import AnswerSignals
from spiegel.language.incidents import defused, figures, incident_kind, without_figures
from spiegel.language.understanding_lexicon import (
    QUANTIFIERS,
    QUESTION_WORDS,
    SARCASM_EMOJI,
    WINDOW,
    Lexicon,
    Pattern,
    Turn,
    norm_phrase,
    without_particles,
)
from spiegel.language.understanding_types import Feeling, ThemeMention

# --------------------------------------------------------------------------------------------------------
# Scope: negation and hedges
# --------------------------------------------------------------------------------------------------------


def _is_negator(turn: Turn, i: int, lex: Lexicon) -> bool:
    if turn.tokens[i] not in lex.negators:
        return False
    following = " ".join(turn.tokens[i : i + 4])
    return not any(following == phrase or following.startswith(phrase + " ") for phrase in lex.negation_not)


def _negated(turn: Turn, first: int, last: int, lex: Lexicon, language: str, after: bool = True) -> bool:
    """Whether a negator governs tokens first..last: shortly before, or (Dutch, ``after``) right after in the
    clause ("boos was ik niet"). Nouns take no negation after them ("diensten werden niet ingevuld")."""
    clause = turn.clause[first]
    for i in range(max(0, first - WINDOW - 1), first):
        # "none of us were scared": a negating quantifier reaches one word further
        reach = WINDOW + 1 if turn.tokens[i] in QUANTIFIERS else WINDOW
        if first - i <= reach and turn.clause[i] == clause and _is_negator(turn, i, lex):
            return True
    if language == "nl" and after:
        for i in range(last + 1, min(len(turn.tokens), last + 1 + WINDOW)):
            if turn.clause[i] != clause or turn.tokens[i] in lex.post_stop:
                break
            if turn.tokens[i] in ("niet", "nooit"):
                return True
    return False


def _theme_negated(turn: Turn, first: int, last: int, lex: Lexicon) -> bool:
    """Whether a theme is named to be ruled out: "niet om het geld", "not for the money", "wasn't the
    workload", "niet X maar Y", "het salaris was niet het probleem". An absence is no ruling out: "geen
    feedback", "never got a raise" and "kon niet doorgroeien" name the theme as a problem."""
    clause = turn.clause[first]
    if lex.theme_ruled_out is not None:
        words = " ".join(t for t, c in zip(turn.tokens, turn.clause, strict=True) if c == clause)
        if lex.theme_ruled_out.search(words):
            return True
    i = first - 1
    while i >= 0 and first - i <= 5 and turn.clause[i] == clause:
        token = turn.tokens[i]
        if token in lex.theme_negators:
            return True
        if token not in lex.theme_bridge:
            break
        i -= 1
    # "ik ben niet weggegaan om het salaris, maar ...": the whole clause before the contrast is denied
    end = last
    while end + 1 < len(turn.tokens) and turn.clause[end + 1] == clause:
        end += 1
    if end + 1 < len(turn.tokens) and turn.tokens[end + 1] in lex.contrast_starts:
        start = first
        while start > 0 and turn.clause[start - 1] == clause:
            start -= 1
        if any(turn.tokens[k] in lex.theme_negators for k in range(start, first)):
            return True
    return _not_the_point(turn, last, lex) or _ruled_out_after(turn, end, lex)


_POINTERS = frozenset({"daar", "dat", "dit", "that", "thats", "this", "it", "its", "which", "maar", "but"})


def _ruled_out_after(turn: Turn, end: int, lex: Lexicon) -> bool:
    """ "Mijn salaris was prima, daar lag het niet aan", "the pay was fine, that wasn't the issue": the next
    clause points back and rules the theme out."""
    if lex.theme_ruled_out is None or end + 1 >= len(turn.tokens):
        return False
    nxt = turn.clause[end + 1]
    words = [t for t, c in zip(turn.tokens, turn.clause, strict=True) if c == nxt]
    if not words or not _POINTERS & set(words[:2]):
        return False
    joined = " ".join(words)
    return bool(lex.theme_ruled_out.search(joined) or (lex.not_the_point and lex.not_the_point.search(joined)))


def _not_the_point(turn: Turn, first: int, lex: Lexicon) -> bool:
    """ "het salaris was niet het probleem", "money wasn't the issue": the theme is named to be ruled out."""
    if lex.not_the_point is None:
        return False
    clause = turn.clause[first]
    end = first
    while end + 1 < len(turn.tokens) and turn.clause[end + 1] == clause and end - first < 8:
        end += 1
    rest = " ".join(turn.tokens[first + 1 : end + 1])
    return bool(lex.not_the_point.search(rest))


def hedge_positions(turn: Turn, lex: Lexicon) -> list[int]:
    if lex.hedges is None:
        return []
    return [turn.tokens_of(m.start(), m.end())[1] for m in lex.hedges.finditer(turn.norm)]


def _hedged(turn: Turn, first: int, hedge_ends: list[int]) -> bool:
    return any(first - WINDOW <= end < first and turn.clause[end] == turn.clause[first] for end in hedge_ends)


# --------------------------------------------------------------------------------------------------------
# Kind of turn
# --------------------------------------------------------------------------------------------------------


def _matches(p: Pattern, turn: Turn) -> re.Match[str] | None:
    if p.max_words is not None and len(turn.tokens) > p.max_words:
        return None
    m = p.rx.search(turn.norm)
    if m is None:
        return None
    if p.question and not turn.question and len(turn.tokens) > 6:
        return None
    return m


def _meta_topic(turn: Turn, lex: Lexicon) -> str | None:
    for topic, patterns in lex.meta:
        for p in patterns:
            m = _matches(p, turn)
            if m is None:
                continue
            first, _ = turn.tokens_of(m.start(), m.end())
            # a question about the interview is asked, not told: "?" after it, at the start, or a short turn
            if turn.question_after(first) or first <= 2 or len(turn.tokens) <= QUESTION_WORDS:
                return topic
    return None


def kind_of(turn: Turn, lex: Lexicon) -> tuple[str, str | None, re.Match[str] | None]:
    topic = _meta_topic(turn, lex)
    plain = without_particles(turn, lex) if topic is None else None
    if plain is not None:
        topic = _meta_topic(plain, lex)  # "is this actually a person or a bot?"
    if topic is not None:
        return "meta_question", topic, None
    for kind, patterns in lex.kinds:
        for p in patterns:
            m = _matches(p, turn)
            if m is not None and not _reported(turn, m, lex):
                return kind, None, m
    return "answer", None, None


def _reported(turn: Turn, m: re.Match[str], lex: Lexicon) -> bool:
    """Someone else's words in the story: "mijn collega zei: daar wil ik het niet over hebben"."""
    first, _ = turn.tokens_of(m.start(), m.end())
    for i in range(max(0, first - 3), first):
        if turn.tokens[i] in lex.reporting_verbs:
            # the leaver's own earlier words ("zoals ik al zei", "like I said") are no one else's
            return not any(turn.tokens[j] in lex.first_person for j in range(max(0, i - 3), i))
    return False


def refusal_target_of(turn: Turn, lex: Lexicon, signals: AnswerSignals) -> str:
    padded = f" {turn.norm} "
    best: tuple[int, int, str] | None = None
    for words, theme in lex.refusal_topics:
        at = padded.find(f" {words} ")
        # the first named; of two starting there the longer ("head office" is not "head")
        if at >= 0 and (best is None or (at, -len(words)) < (best[0], best[1])):
            best = (at, -len(words), theme)
    if best is not None:
        return best[2]
    return signals.themes[0] if signals.themes else "previous"


def correction_of(turn: Turn, m: re.Match[str] | None, lex: Lexicon) -> str | None:
    """The corrected content after the correction cue ("..., ik bedoelde de planning"), if any."""
    if m is None or not turn.tokens:
        return None
    _, last = turn.tokens_of(m.start(), m.end())
    start = last + 1
    if lex.correction_lead is not None:
        lead = lex.correction_lead.search(turn.norm, m.start())
        if lead is not None:
            start = max(start, turn.tokens_of(lead.start(), lead.end())[1] + 1)
    while start < len(turn.tokens) and turn.tokens[start] in ("nee", "no", "maar", "but", "dat", "that", "dus", "so"):
        start += 1
    if len(turn.tokens) - start < 2:
        return None
    return turn.words(start, len(turn.tokens) - 1).strip(" .!?;:,")


# --------------------------------------------------------------------------------------------------------
# Feelings, themes, safety
# --------------------------------------------------------------------------------------------------------


def _echo_denied(turn: Turn, last: int, lex: Lexicon) -> bool:
    """A feeling asked back and denied: "Gefrustreerd? Nee, dat niet.", "Angry? No, not really."."""
    after = turn.raw[turn.spans[last][1] :].lstrip()
    if not after.startswith("?") or last + 1 >= len(turn.tokens):
        return False
    following = " ".join(turn.tokens[last + 1 : last + 4])
    return any(following == d or following.startswith(d + " ") for d in lex.echo_denials)


def feelings_of(turn: Turn, lex: Lexicon, language: str, hedge_ends: list[int]) -> tuple[Feeling, ...]:
    ignored: list[tuple[int, int]] = []
    if lex.feeling_ignore is not None:
        ignored = [(m.start(), m.end()) for m in lex.feeling_ignore.finditer(turn.norm)]
    found: list[tuple[int, int, str]] = []
    for name, rx in lex.feelings:
        for m in rx.finditer(turn.norm):
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in ignored):
                continue
            found.append((m.start(), m.end(), name))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    feelings: list[Feeling] = []
    seen: set[tuple[str, bool]] = set()
    taken_until = -1
    for start, end, name in found:
        if start < taken_until:
            continue
        taken_until = end
        first, last = turn.tokens_of(start, end)
        negated = _negated(turn, first, last, lex, language) or _echo_denied(turn, last, lex)
        if (name, negated) in seen:
            continue
        seen.add((name, negated))
        feelings.append(Feeling(name, negated, turn.words(first, last), _hedged(turn, first, hedge_ends)))
    return tuple(feelings)


def themes_of(
    turn: Turn, lex: Lexicon, language: str, hedge_ends: list[int], signals: AnswerSignals
) -> tuple[ThemeMention, ...]:
    found: list[tuple[int, ThemeMention]] = []
    for mention in signals.mentions:
        wanted = norm_phrase(mention.term).split()
        if not wanted:
            continue
        at = next(
            (i for i in range(len(turn.tokens)) if turn.tokens[i : i + len(wanted)] == tuple(wanted)),
            None,
        )
        if at is None:
            found.append((len(turn.tokens), ThemeMention(mention.theme, False, mention.term)))
            continue
        last = at + len(wanted) - 1
        negated = _theme_negated(turn, at, last, lex)
        found.append((at, ThemeMention(mention.theme, negated, turn.words(at, last), _hedged(turn, at, hedge_ends))))
    known = {m.theme: at for at, m in found}
    for words, theme in lex.themes_extra:
        n = len(words)
        at = next((i for i in range(len(turn.tokens) - n + 1) if turn.tokens[i : i + n] == words), None)
        if at is not None and n > 1:
            # a phrase covers a word of another theme inside it: "head of department" is no "department"
            found = [(i, m) for i, m in found if not (at <= i < at + n and m.theme != theme)]
            known = {m.theme: min(i for i, x in found if x.theme == m.theme) for _, m in found}
        if at is not None and (theme not in known or at < known[theme]):
            # the theme where the leaver first named it ("de fusie, toen het nieuwe dossiersysteem")
            found = [(i, m) for i, m in found if m.theme != theme]
            known[theme] = at
            last = at + n - 1
            negated = _theme_negated(turn, at, last, lex)
            found.append((at, ThemeMention(theme, negated, turn.words(at, last), _hedged(turn, at, hedge_ends))))
    # in the order the leaver named them
    return tuple(m for _, m in sorted(found, key=lambda pair: pair[0]))


def has_distress(turn: Turn, lex: Lexicon, language: str) -> bool:
    if lex.distress is None:
        return False
    for m in lex.distress.finditer(turn.norm):
        first, last = turn.tokens_of(m.start(), m.end())
        if not _negated(turn, first, last, lex, language):
            return True
    return False


def disclosure_of(turn: Turn, lex: Lexicon, language: str) -> str | None:
    found: list[tuple[int, str]] = []
    spans = [(f.start(), f.end()) for f in lex.disclosure_not.finditer(turn.norm)] if lex.disclosure_not else []
    spans += figures(turn.norm, language)  # "we sloegen ons er samen doorheen", "shoot me an email"
    for kind, rx in lex.disclosure:
        for m in rx.finditer(turn.norm):
            if any(start <= m.start() and m.end() <= end for start, end in spans):
                continue  # "it felt like a slap in the face": a figure of speech, not what happened
            first, last = turn.tokens_of(m.start(), m.end())
            if _negated(turn, first, last, lex, language):
                continue
            if defused(kind, turn.raw, turn.spans[first][0], language):
                continue  # "het enige geweld was bij het bedrijfsvoetbal", aggression that was dealt with
            found.append((m.start(), kind))
            break
    if not found:
        # no word for it, but told in ordinary words: a fall nobody reported, revenue in the wrong quarter
        return incident_kind(turn.fixed, language) or learned_disclosure(turn, language)
    kinds = [kind for _, kind in sorted(found)]
    return "violence" if "violence" in kinds else kinds[0]


# A turn this short tells no incident the rules did not see ("nee", "dat klopt", "geen idee").
_LEARNED_MIN_TOKENS = 5


def learned_disclosure(turn: Turn, language: str) -> str | None:
    """The kind the learned reader (:mod:`.disclosure_model`) finds where the rules found none: an incident
    told in words no frame lists. None when no model is shipped or the turn is too short to tell one."""
    if len(turn.tokens) < _LEARNED_MIN_TOKENS:
        return None
    reading = disclosure_model.read(without_figures(turn.fixed, language), language)
    return reading.kind if reading is not None and reading.flagged else None


def is_sarcastic(turn: Turn, lex: Lexicon) -> bool:
    if any(e in turn.raw for e in SARCASM_EMOJI):
        return True
    if lex.sarcasm is not None and lex.sarcasm.search(turn.norm) is not None:
        return True
    # praise up front, then a later clause that says the opposite: "Fantastische leiding, die zag je nooit."
    if lex.sarcasm_praise is None or lex.sarcasm_contrast is None or not turn.tokens:
        return False
    reach = 5 if turn.tokens[0] in lex.sarcasm_lead else 3
    praise = [
        turn.tokens_of(m.start(), m.end())[0]
        for m in lex.sarcasm_praise.finditer(turn.norm)
        if turn.tokens_of(m.start(), m.end())[0] <= reach
    ]
    if not praise:
        return False
    first = praise[0]
    for m in lex.sarcasm_contrast.finditer(turn.norm):
        at = turn.tokens_of(m.start(), m.end())[0]
        if at > first and turn.clause[at] != turn.clause[first]:
            return True
    return False
