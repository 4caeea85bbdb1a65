"""What the leaver just did, and what it means: the understanding of one turn, before any follow-up.

See docs/interviewing.md, "What kind of turn is this?" and "Paraphrase, don't paste". One turn is read into an
:class:`Understanding`: the kind of turn (an answer, a question about the interview, a refusal with its target,
a skip, a correction, "I already told you", confusion, a complaint, "nothing more"), the themes and feelings it
names — with negation and hedges scoped over them ("niet boos", "nobody was worried", "not for the money") —
the concrete matter it is about as complete noun phrases ("het nieuwe rooster", "the reorganisation"), a
decisive cue, a serious disclosure, distress and sarcasm.

Everything here is rules over word lists in ``data/understanding/{nl,en}.json`` on purpose: it runs in well
under a millisecond, is explainable, and is the floor under any model-based understanding
(``spiegel.llm.understanding``). One exception: a serious disclosure the rules do not see is asked of a
learned reader (:mod:`.disclosure_model`, a sentence embedding and linear weights; about 10 ms an answer).
Django-free. :func:`understand` never raises on any text.

The rules live in four modules: the values (:mod:`.understanding_types`), the word lists and the turn as tokens
(:mod:`.understanding_lexicon`), reading the kind, feelings, themes and safety (:mod:`.understanding_reading`)
and the matter (:mod:`.understanding_matter`). This module reads the whole turn and keeps the public names.
"""

from __future__ import annotations

from typing import cast

from spiegel.language.cues import analyse_answer
from spiegel.language.understanding_lexicon import LANGUAGES, MAX_CHARS, TOKEN, lexicon, norm_token, read_turn
from spiegel.language.understanding_matter import is_matter_phrase, matter_of
from spiegel.language.understanding_reading import (
    correction_of,
    disclosure_of,
    feelings_of,
    has_distress,
    hedge_positions,
    is_sarcastic,
    kind_of,
    refusal_target_of,
    themes_of,
)
from spiegel.language.understanding_types import (
    DISCLOSURE_KINDS,
    META_TOPICS,
    TURN_KINDS,
    Context,
    DisclosureKind,
    Feeling,
    MetaTopic,
    ThemeMention,
    TurnKind,
    Understanding,
)

__all__ = [
    "DISCLOSURE_KINDS",
    "META_TOPICS",
    "TURN_KINDS",
    "Context",
    "DisclosureKind",
    "Feeling",
    "MetaTopic",
    "ThemeMention",
    "TurnKind",
    "Understanding",
    "is_matter_phrase",
    "understand",
]

# --------------------------------------------------------------------------------------------------------
# The whole turn
# --------------------------------------------------------------------------------------------------------


def _marker_counts(text: str) -> dict[str, int]:
    """How many words of the turn belong only to Dutch, and only to English (function words of the lists)."""
    nl, en = lexicon("nl").function_words, lexicon("en").function_words
    counts = {"nl": 0, "en": 0}
    for token in TOKEN.findall(text.lower()[:MAX_CHARS]):
        token = norm_token(token)
        in_nl, in_en = token in nl, token in en
        if in_nl and not in_en:
            counts["nl"] += 1
        elif in_en and not in_nl:
            counts["en"] += 1
    return counts


def _languages(text: str, base: str) -> tuple[str, bool]:
    """The language to read the turn in, and whether the other language may be tried for its kind.

    The conversation's language holds unless the turn is clearly in the other one (at least two of its own
    function words, and more than twice as many as of the conversation's language): "We gave insulin ..."
    in an English conversation stays English although "we" and "was" are Dutch words too."""
    other = "en" if base == "nl" else "nl"
    counts = _marker_counts(text)
    if counts[other] >= 2 and counts[other] > 2 * counts[base]:
        return other, True
    return base, counts[other] >= counts[base]


def understand(text: str, context: Context) -> Understanding:
    """Read one turn of the leaver. Any text gives a valid :class:`Understanding` (property-tested)."""
    base = context.language if context.language in LANGUAGES else "nl"
    language, try_other = _languages(text, base)
    lex = lexicon(language)
    turn = read_turn(text, lex, language)
    if not turn.tokens:
        return Understanding(kind="answer", language=base, thin=True)
    kind, topic, match = kind_of(turn, lex)
    if kind == "answer" and try_other:
        # a turn that is no answer in the other language ("can we skip this one" in a Dutch conversation)
        alternative = "en" if language == "nl" else "nl"
        other = lexicon(alternative)
        other_turn = read_turn(text, other, alternative)
        other_kind, other_topic, other_match = kind_of(other_turn, other)
        if other_kind != "answer":
            language, lex, turn = alternative, other, other_turn
            kind, topic, match = other_kind, other_topic, other_match

    signals = analyse_answer(turn.fixed, language)
    hedge_ends = hedge_positions(turn, lex)
    feelings = feelings_of(turn, lex, language, hedge_ends)
    sarcasm = is_sarcastic(turn, lex)
    if sarcasm:
        feelings = tuple(f for f in feelings if f.name not in ("joy", "pride", "relief", "appreciated"))
    content = kind in ("answer", "correction", "refusal", "already_told", "nothing_more")
    themes = themes_of(turn, lex, language, hedge_ends, signals) if content else ()
    matter: tuple[str, ...] = ()
    matter_yours: tuple[str, ...] = ()
    if kind in ("answer", "correction"):
        matter, matter_yours = matter_of(turn, lex, language)
    ruled_out = {norm_token(t.words.split()[-1]) for t in themes if t.negated and t.words.split()}
    matter = tuple(m for m in matter if not ruled_out & {norm_token(w) for w in m.split()})
    matter_yours = tuple(m for m in matter_yours if not ruled_out & {norm_token(w) for w in m.split()})
    correction = correction_of(turn, match, lex) if kind == "correction" else None
    refusal_target = refusal_target_of(turn, lex, signals) if kind == "refusal" else None
    disclosure = disclosure_of(turn, lex, language)
    distress = has_distress(turn, lex, language)
    thin = (
        kind == "answer"
        and not matter
        and not feelings
        and not disclosure
        and not distress
        and (
            signals.is_thin
            or len(turn.tokens) <= 2
            or (
                len(turn.tokens) <= 6 and lex.thin is not None and lex.thin.search(turn.norm) is not None and not themes
            )
        )
    )
    background = (
        kind == "answer"
        and lex.background is not None
        and lex.background.search(turn.norm) is not None
        and not feelings
        and not disclosure
        and not distress
        and len(turn.tokens) <= 25
        and not any(m.polarity == "neg" for m in signals.mentions)
        and not (lex.reason_markers is not None and lex.reason_markers.search(turn.norm))
    )
    new_place = kind == "answer" and lex.new_place is not None and lex.new_place.search(turn.norm) is not None
    return Understanding(
        kind=cast(TurnKind, kind),
        language=language,
        meta_topic=cast(MetaTopic | None, topic),
        refusal_target=refusal_target,
        correction=correction,
        themes=themes,
        matter=matter,
        matter_yours=matter_yours,
        feelings=feelings,
        decisive=lex.decisive is not None and lex.decisive.search(turn.norm) is not None,
        disclosure=cast(DisclosureKind | None, disclosure),
        distress=distress,
        sarcasm=sarcasm,
        hedged=bool(hedge_ends) or bool(signals.hedges),
        thin=thin and not background,
        background=background and not new_place,
        new_place=new_place,
    )
