"""A deterministic simulated leaver who opens up only when genuinely followed up.

For every interviewer turn the leaver decides, with its own lexicons (:mod:`.lexicon`):

* which theme the question is about — the last question sentence first, then the rest of the turn,
  then whatever it was just talking about;
* whether it is a follow-up — it asks for something concrete (an example, a moment, what happened, what
  caused it, how often, what it looked like in practice, what they saw themselves, what is behind it) or
  quotes the leaver's own words back, on a theme the leaver has already talked about;
* whether it is leading — a yes/no question, or one that frames a reason, naming a theme the leaver never
  mentioned. The leaver then agrees weakly and the theme is recorded as *planted*;
* whether it repeats an earlier question (normalised text equal, or token Jaccard ≥ 0.9).

The first question about a theme gets the vague surface answer; each follow-up on it the next hidden
fact. Nothing here is lenient on purpose: a question that merely names a theme again, or says "tell me
more" without quoting the leaver, gets the surface restated, as a real leaver would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from . import lexicon
from .leaver_phrases import NEUTRAL, PHRASES
from .model import HiddenFact, Persona, Thread

#: Probes that ask for one concrete occurrence; a terse leaver answers these at once.
_CONCRETE = frozenset({"example", "moment", "happened"})

#: Two questions are the same question when their token sets overlap this much (Jaccard).
REPEAT_JACCARD = 0.9


@dataclass
class TurnRecord:
    """What the leaver heard, how it judged the question, and what it said."""

    turn: int
    question: str
    answer: str
    #: surface, hidden, thin, hearsay, restate, saturated, neutral, neutral_followup, planted, stated,
    #: stated_again, refused, refused_again, skipped, skipped_again, after_disclosure, confirm, wish,
    #: stay, stay_followup, advice, nothing_else, unsure.
    kind: str
    topic: str | None = None
    followup: bool = False
    probes: tuple[str, ...] = ()
    echo_topic: str | None = None
    revealed: tuple[str, ...] = ()
    planted: tuple[str, ...] = ()
    repeat_of: str | None = None


@dataclass
class _ThreadState:
    opened: bool = False
    surface_said: bool = False
    revealed: int = 0
    followups: int = 0
    thin_answers: int = 0
    last_probe: frozenset[str] = frozenset()


@dataclass
class LeaverLog:
    """Everything the metrics need, recorded by the leaver as the conversation goes."""

    turns: list[TurnRecord] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    surfaced: list[str] = field(default_factory=list)
    planted: list[tuple[int, str, str]] = field(default_factory=list)
    repeats: list[tuple[int, str, str]] = field(default_factory=list)
    refused_revisits: int = 0
    skipped_revisits: int = 0
    probes_after_disclosure: int = 0
    disclosure_turn: int | None = None
    disclosure_options_offered: bool | None = None
    #: Questions about the interview the leaver asked: (turn, answered in the next interviewer turn).
    questions_back: list[tuple[int, bool]] = field(default_factory=list)
    correction_turn: int | None = None
    #: The interviewer's next turn went on about the corrected theme.
    correction_followed: bool | None = None
    distress_turn: int | None = None
    distress_checked_in: bool | None = None
    probes_after_distress: int = 0
    #: Turns that answered a sarcastic answer with "good to hear".
    sarcasm_misread: int = 0


def split_sentences(text: str) -> list[str]:
    """Sentences and lines of an interviewer turn, stripped, empty ones dropped."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


class SimulatedLeaver:
    """A persona brought to life: ``answer(question)`` returns what the leaver types.

    Deterministic: the same persona and the same questions always give the same answers and the same log.
    """

    def __init__(self, persona: Persona) -> None:
        self.persona = persona
        self.log = LeaverLog()
        self._phr = PHRASES[persona.language]
        self._neutral = {**NEUTRAL[persona.language], **persona.neutral}
        self._threads: dict[str, _ThreadState] = {t.topic: _ThreadState() for t in persona.threads}
        self._asked: list[tuple[str, set[str], str]] = []  # (normalised, token set, original)
        self._answers: list[tuple[str, str | None]] = []  # (answer, topic it was about)
        self._mentioned: set[str] = set()
        self._neutral_asked: set[str] = set()
        self._last_topic: str | None = None
        self._stated = False
        self._refused = False
        self._skipped = False
        self._disclosed_topics: set[str] = set()
        self._asks_back = list(persona.asks_back)
        self._pending_ask: str | None = None  # the topic (or "opening") whose question is still pending
        self._corrected = False
        self._distress_topic: str | None = None
        self._last_sarcastic = False

    # ----------------------------------------------------------------- public
    def answer(self, question: str) -> str:
        """The leaver's reply to one interviewer turn (all of its messages joined)."""
        turn = len(self.log.turns) + 1
        record = self._judge(turn, question)
        correction = self.persona.correction
        if correction is not None and self.log.correction_turn == turn - 1:
            self.log.correction_followed = record.topic == correction.right
        thread = self.persona.thread(record.topic) if record.topic else None
        self._last_sarcastic = record.kind == "surface" and thread is not None and thread.sarcastic
        self.log.turns.append(record)
        self._answers.append((record.answer, record.topic))
        self._mentioned.update(lexicon.themes_in(record.answer))
        return record.answer

    @property
    def hidden_total(self) -> int:
        """How many hidden facts this leaver carries."""
        return len(self.persona.hidden_facts)

    # --------------------------------------------------------------- judging
    def _judge(self, turn: int, text: str) -> TurnRecord:
        """What the leaver makes of one interviewer turn, in order: what the turn did with the previous answer,
        a planted reason, the turns with a fixed answer, the opening, then the topic the turn is about."""
        sentences = split_sentences(text)
        questions = [s for s in sentences if s.endswith("?")] or sentences[-1:] or [text]
        q_last = questions[-1]
        repeat_of = self._check_repeats(turn, questions)

        def rec(kind: str, answer: str, **kw: object) -> TurnRecord:
            record = TurnRecord(turn=turn, question=text, answer=answer, kind=kind, repeat_of=repeat_of)
            for key, value in kw.items():
                setattr(record, key, value)
            return record

        if self._judge_previous_turn(turn, lexicon.normalise(text), questions):
            return rec("checkin", self._phr["checkin"], topic=self._distress_topic)

        planted = self._check_planted(turn, questions)
        if planted:
            return rec("planted", self._phr["planted"], planted=tuple(planted))

        norm_last = lexicon.normalise(q_last)
        probes = set().union(*(lexicon.probe_kinds(q) for q in questions))
        fixed = self._fixed_answer(rec, q_last, norm_last, probes)
        if fixed is not None:
            return fixed

        last_themes = lexicon.themes_in(q_last)
        if self._is_opening(turn, norm_last, last_themes):
            ask = self._ask_back("opening")
            if ask is not None:
                return rec("asked_back", ask)
            self._pending_ask = None
            return self._say_stated(rec)

        echo_topic = self._echo_topic(text)
        topic = self._target(text, q_last, last_themes, echo_topic, probes)
        if topic is None and self._pending_ask is not None:
            # the interviewer answered the question about the interview and asked its question again,
            # in other words: the leaver answers the question that was pending
            topic = self._pending_ask
        self._pending_ask = None
        if topic is None:
            return self._no_topic(rec, norm_last)
        return self._answer_topic(rec, turn, topic, probes, echo_topic)

    def _judge_previous_turn(self, turn: int, norm_text: str, questions: list[str]) -> bool:
        """Count what this turn did with the leaver's previous answer (a disclosure's options, sarcasm taken at
        face value, a question about the interview, distress); True when it checks in after distress."""
        # A serious disclosure was made last turn: note whether the options were explained.
        if self.log.disclosure_turn == turn - 1 and self.log.disclosure_options_offered is None:
            self.log.disclosure_options_offered = bool(lexicon.OPTIONS.search(norm_text))
        if self._last_sarcastic and lexicon.GOOD_TO_HEAR.search(norm_text):
            self.log.sarcasm_misread += 1
        if self.log.turns and self.log.turns[-1].kind == "asked_back":
            self.log.questions_back.append((turn - 1, bool(lexicon.META_ANSWER.search(norm_text))))
        # Distress was shown last turn: a check-in gets an answer; probing for detail is counted.
        if self.log.distress_turn == turn - 1 and self.log.distress_checked_in is None:
            self.log.distress_checked_in = bool(lexicon.CHECKIN.search(norm_text))
            if self.log.distress_checked_in:
                return True
            if any(lexicon.probe_kinds(q) for q in questions):
                self.log.probes_after_distress += 1
        return False

    def _fixed_answer(self, rec: _Rec, q_last: str, norm_last: str, probes: set[str]) -> TurnRecord | None:
        """The answer to a turn that asks for a confirmation, a wish, what would have kept the leaver, advice,
        or when that should have happened; None for any other turn."""
        if lexicon.CONFIRM.search(norm_last) and not probes:
            return rec("confirm", self._phr["confirm"])
        if self._disclosed_topics and lexicon.WISH.search(norm_last):
            return rec("wish", self._phr["wish"])
        if lexicon.STAY.search(norm_last):
            self._last_topic = None
            return rec("stay", self.persona.stay_answer or self._phr["stay"])
        if lexicon.ADVICE.search(norm_last) and not probes:
            self._last_topic = None
            return rec("advice", self.persona.advice_answer or self._phr["advice"])
        after_stay = bool(self.log.turns) and self.log.turns[-1].kind == "stay"
        if after_stay and (probes or lexicon.WHEN.search(norm_last)) and not lexicon.themes_in(q_last):
            # "When would that have had to happen?" right after the stay question.
            return rec("stay_followup", self._phr["stay_followup"])
        return None

    def _is_opening(self, turn: int, norm_last: str, last_themes: list[str]) -> bool:
        """The turn asks why the leaver left, and the leaver has not said it yet."""
        if self._stated:
            return False
        if self._pending_ask == "opening":
            return True
        return not last_themes and bool(lexicon.LEAVING.search(norm_last) or turn == 1)

    def _no_topic(self, rec: _Rec, norm_last: str) -> TurnRecord:
        """The answer to a turn about no topic the leaver can place."""
        if lexicon.ANYTHING_ELSE.search(norm_last):
            return rec("nothing_else", self._phr["nothing_else"])
        if lexicon.LEAVING.search(norm_last) and self._stated:
            return rec(
                "stated_again",
                self._phr["stated_again"].format(text=self.persona.stated_reason),
                topic=self.persona.stated_topic,
            )
        return rec("unsure", self._phr["unsure"])

    def _answer_topic(self, rec: _Rec, turn: int, topic: str, probes: set[str], echo_topic: str | None) -> TurnRecord:
        """The answer to a turn about ``topic``: a question back, a correction, a refusal or skip, or the
        topic's thread (or its neutral answer when the leaver has no story about it)."""
        followup = bool(probes) or echo_topic == topic
        kw: dict[str, object] = {
            "topic": topic,
            "probes": tuple(sorted(probes)),
            "echo_topic": echo_topic,
        }

        ask = self._ask_back(topic)
        if ask is not None:
            self._last_topic = topic
            return rec("asked_back", ask, **kw)
        correction = self.persona.correction
        if correction is not None and not self._corrected and topic == correction.wrong:
            self._corrected = True
            self.log.correction_turn = turn
            self._open(correction.right, said=True)
            right = self.persona.thread(correction.right)
            self._last_topic = right.topic if right is not None else correction.right
            return rec("correction", correction.text, topic=self._last_topic)
        declined = self._declined(rec, topic, kw)
        if declined is not None:
            return declined

        thread = self.persona.thread(topic)
        if thread is None:
            return self._neutral_answer(rec, topic, followup, kw)
        return self._answer_thread(rec, thread, followup, probes, kw)

    def _declined(self, rec: _Rec, topic: str, kw: dict[str, object]) -> TurnRecord | None:
        """The refusal or skip when ``topic`` is the one this leaver will not talk about; None otherwise."""
        if topic == self.persona.refuses:
            if self._refused:
                self.log.refused_revisits += 1
                return rec("refused_again", self._phr["refused_again"], **kw)
            self._refused = True
            return rec("refused", self.persona.refusal, **kw)
        if topic == self.persona.skips:
            if self._skipped:
                self.log.skipped_revisits += 1
                return rec("skipped_again", self._phr["skipped_again"], **kw)
            self._skipped = True
            return rec("skipped", self.persona.skip_text, **kw)
        return None

    def _answer_thread(
        self, rec: _Rec, thread: Thread, followup: bool, probes: set[str], kw: dict[str, object]
    ) -> TurnRecord:
        """The answer from one of the leaver's threads: its surface, a hidden fact on a follow-up, or again."""
        state = self._threads[thread.topic]
        kw["topic"] = thread.topic
        if thread.topic in self._disclosed_topics and followup:
            self.log.probes_after_disclosure += 1
            return rec("after_disclosure", self._phr["after_disclosure"], followup=True, **kw)
        if not state.opened:
            return self._say_surface(rec, thread, state, kw)
        if followup:
            return self._follow_up(rec, thread, state, frozenset(probes) or frozenset({"echo"}), kw)
        if not state.surface_said:
            return self._say_surface(rec, thread, state, kw)
        self._last_topic = thread.topic
        return rec("restate", self._phr["restate"].format(text=thread.surface), **kw)

    def _target(
        self,
        text: str,
        q_last: str,
        last_themes: list[str],
        echo_topic: str | None,
        probes: set[str],
    ) -> str | None:
        """Which theme the turn is about, as a leaver would hear it."""
        if last_themes:
            # A keyword the leaver itself used belongs to what the leaver was talking about: asked about
            # "die opleiding" after saying they are going to study, the leaver hears its own story.
            # Only for follow-up shaped questions: a plain guide question about "het team" is about the
            # team even if the leaver once said "de sfeer in het team".
            owned = self._owned_topic(q_last) if probes or echo_topic else None
            if owned is not None:
                return owned
            # Several themes in one question: one the leaver already talked about wins, because that is
            # what a follow-up refers to; otherwise the strongest.
            if probes or echo_topic:
                for theme in last_themes:
                    if self._is_open(theme):
                        return theme
            return last_themes[0]
        # The question sentence names nothing; a bridge or reflection before it may ("Je noemde het
        # rooster. Hoe vaak gebeurde dat?"). Not on the opening turn, whose preamble is boilerplate.
        earlier_themes = lexicon.themes_in(text) if self._stated else []
        if earlier_themes and (probes or echo_topic):
            # A quoted phrase that names a thread the leaver opened in passing ("de sfeer op mijn werk")
            # points at that thread, not at the answer it was said in.
            for theme in earlier_themes:
                thread = self.persona.thread(theme)
                if thread is not None and self._is_open(theme):
                    return thread.topic
        if echo_topic is not None:
            return echo_topic
        if earlier_themes and probes:
            for theme in earlier_themes:
                if self._is_open(theme):
                    return theme
        if probes and self._last_topic is not None:
            return self._last_topic
        if earlier_themes and self._stated:
            return earlier_themes[0]
        return None

    def _owned_topic(self, sentence: str) -> str | None:
        """The open thread whose earlier answer used the theme words this sentence uses."""
        # Words naming a theme that has an open thread of its own point at that thread, not at the answer
        # they were said in ("layoffs" said while talking about the hours).
        words = {
            lexicon.stem(token)
            for theme, found in lexicon.theme_words(sentence).items()
            if self.persona.thread(theme) is None or not self._is_open(theme)
            for phrase in found
            for token in phrase.split()
            if token not in lexicon.STOPWORDS
        }
        for answer, topic in reversed(self._answers):
            if topic is None or self.persona.thread(topic) is None or not self._is_open(topic):
                continue
            answer_words = {lexicon.stem(w) for w in lexicon.tokens(answer)}
            if words & answer_words:
                return topic
        return None

    def _is_open(self, theme: str) -> bool:
        thread = self.persona.thread(theme)
        if thread is not None:
            return self._threads[thread.topic].opened
        return theme in self._neutral_asked

    def _echo_topic(self, text: str) -> str | None:
        """The theme of the most recent answer the interviewer quotes or paraphrases back."""
        if not self._answers:
            return None
        q_stems = lexicon.content_stems(text)
        theme_stems = {lexicon.stem(t) for t in lexicon.tokens(text) if lexicon.is_theme_word(t)}
        quoted = [lexicon.normalise(f) for f in lexicon.quoted_fragments(text)]
        for answer, topic in reversed(self._answers):
            if topic is None:
                continue
            norm_answer = lexicon.normalise(answer)
            if any(q and q in norm_answer for q in quoted):
                return topic
            shared = q_stems & lexicon.content_stems(answer)
            if shared & lexicon.capitalised_names(answer):
                return topic
            # Naming the theme again ("the communication with other teams") is not quoting the leaver:
            # at least one shared word must be the leaver's own, not a theme keyword.
            own = shared - theme_stems
            if len(shared) >= 2 and own:
                return topic
        return None

    # ------------------------------------------------------------- answering
    def _say_stated(self, rec: _Rec) -> TurnRecord:
        self._stated = True
        thread = self.persona.thread(self.persona.stated_topic)
        self._open(self.persona.stated_topic, said=False)
        for theme in self.persona.stated_opens:
            self._open(theme, said=False)
        if thread is not None:
            self._last_topic = thread.topic
        return rec("stated", self.persona.stated_reason, topic=self.persona.stated_topic)

    def _say_surface(self, rec: _Rec, thread: Thread, state: _ThreadState, kw: dict[str, object]) -> TurnRecord:
        self._open(thread.topic, said=True)
        for theme in thread.opens:
            self._open(theme, said=False)
        self._last_topic = thread.topic
        return rec("surface", thread.surface, **kw)

    def _follow_up(
        self,
        rec: _Rec,
        thread: Thread,
        state: _ThreadState,
        probe: frozenset[str],
        kw: dict[str, object],
    ) -> TurnRecord:
        self._last_topic = thread.topic
        state.followups += 1
        if state.revealed >= len(thread.hidden):
            return rec("saturated", self._phr["saturated"], followup=True, **kw)
        # A terse leaver opens up when asked for a concrete example or moment (docs/interviewing.md: a
        # short answer calls for exactly that), or else on a second probe of a different kind.
        concrete = bool(probe & _CONCRETE)
        first_soft = state.thin_answers == 0 and not concrete
        same_again = state.thin_answers > 0 and probe <= state.last_probe and not concrete
        if thread.terse and state.revealed == 0 and (first_soft or same_again):
            state.thin_answers += 1
            state.last_probe = probe
            thin = self._phr["thin_1"] if state.thin_answers == 1 else self._phr["thin_2"]
            return rec("thin", thin, followup=True, **kw)
        if thread.hearsay and state.revealed == 0 and not probe & (_CONCRETE | {"self"}):
            return rec("hearsay", self._phr["hearsay"], followup=True, **kw)
        state.last_probe = probe
        fact: HiddenFact = thread.hidden[state.revealed]
        state.revealed += 1
        self.log.revealed.append(fact.id)
        for theme in fact.opens:
            self._open(theme, said=False)
        if fact.serious:
            self._disclosed_topics.add(thread.topic)
            self.log.disclosure_turn = len(self.log.turns) + 1
        if fact.distress:
            self._distress_topic = thread.topic
            self.log.distress_turn = len(self.log.turns) + 1
        return rec("hidden", fact.text, followup=True, revealed=(fact.id,), **kw)

    def _neutral_answer(self, rec: _Rec, topic: str, followup: bool, kw: dict[str, object]) -> TurnRecord:
        self._last_topic = topic
        if topic not in self._neutral_asked:
            self._neutral_asked.add(topic)
            return rec("neutral", self._neutral[topic], **kw)
        if followup:
            return rec("neutral_followup", self._phr["neutral_followup"], followup=True, **kw)
        return rec("restate", self._phr["restate"].format(text=self._neutral[topic]), **kw)

    def _ask_back(self, when: str) -> str | None:
        """The question about the interview this leaver asks at ``when`` (once), if any."""
        for i, (trigger, question) in enumerate(self._asks_back):
            if trigger == when:
                del self._asks_back[i]
                self._pending_ask = when
                return question
        return None

    def _open(self, theme: str, *, said: bool) -> None:
        thread = self.persona.thread(theme)
        self._mentioned.add(theme)
        if thread is None:
            return
        state = self._threads[thread.topic]
        self._mentioned.add(thread.topic)
        if not state.opened:
            state.opened = True
            self.log.surfaced.append(thread.topic)
        state.surface_said = state.surface_said or said

    # ------------------------------------------------------------- counting
    def _check_repeats(self, turn: int, questions: list[str]) -> str | None:
        repeat_of = None
        for q in questions:
            norm = lexicon.normalise(q)
            toks = set(norm.split())
            for earlier_norm, earlier_toks, earlier in self._asked:
                if norm == earlier_norm or _jaccard(toks, earlier_toks) >= REPEAT_JACCARD:
                    self.log.repeats.append((turn, q, earlier))
                    repeat_of = earlier
                    break
            self._asked.append((norm, toks, q))
        return repeat_of

    def _check_planted(self, turn: int, questions: list[str]) -> list[str]:
        planted: list[str] = []
        for q in questions:
            if not (lexicon.is_closed_question(q) or lexicon.has_reason_frame(q)):
                continue
            for theme in lexicon.themes_in(q):
                if theme not in self._mentioned and theme not in planted:
                    planted.append(theme)
                    self.log.planted.append((turn, theme, q))
        return planted


class _Rec(Protocol):
    """Type of the record-building closure passed around inside :class:`SimulatedLeaver`."""

    def __call__(self, kind: str, answer: str, **kw: object) -> TurnRecord: ...
