"""Attunement in the moment: the leaver's own tears, a pause, a hesitation, a lost thread and "I've said what I
wanted to say" are answered for what they are, before any request or answer handling (docs/interviewing.md,
"Triggers and what they call for").

- Tears now: the first time the check-in; after it, a short acknowledgement and an offer (a pause, going on
  slowly, leaving the topic) and nothing more: no question, no new topic. The conversation waits.
- A pause: the pause text, and the conversation waits; "we kunnen verder" / "ok, I'm ready" resumes gently
  with the question that was pending, never read as a skip.
- A hesitation ("ik weet niet of ik het hier moet zeggen"): what happens with their words (they decide per
  statement; nothing goes to the organisation without their approval) and an open invitation; no push.
- A lost thread: a gentle re-orientation (what we were talking about) and the pending question, simpler.
- "I've said what I wanted to say": the offer to round off or add something; rounding off brings the summary.

A waiting message (``hold``) or the offer keeps the question before it pending (``state.pending``): the next
answer is an answer to that question.
"""

from __future__ import annotations

from dataclasses import replace

from spiegel.language.cues import AnswerSignals, Mention
from spiegel.language.understanding import Understanding

from .attunement_words import Moment, feels_heavy, read_moment, rounds_off
from .bereavement import condolence
from .care import unsaid
from .care_words import care
from .checks import _said_sentences, normalise, sentences
from .navigation import STORY
from .policy import IN_TOPICS
from .request_moves import Requests
from .requests import read_request
from .state import CLOSING_PHASES, ConversationState, Flag, Move
from .wording import wording

# Moves after which the conversation waits for the leaver, with the question before them pending.
WAITING = frozenset({"hold", "offer_wrap_up"})
# Moves that answer a feeling already (a reflection, care) or ask nothing of it: their acknowledgement stays.
OWN_CARE = frozenset(
    {"reflect_and_ask", "check_in", "hold", "disclosure", "offer_wrap_up", "close", "summary", "summary_check"}
)
# An answer of more words than this has told something: "let's leave it there" would wave it off.
TOLD = 9
# What a waiting message waits on.
HOLDS = frozenset({"tears", "pause", "hesitation", "hold"})
# Where "I've said what I wanted to say" is met with the offer to round off (later, the close is near anyway).
OFFER_PHASES = frozenset({*IN_TOPICS, "stay", "stay_when", "advice_keep", "advice_change"})


class Attunement(Requests):
    """The leaver's moments honoured first, then their requests and answers."""

    def _store_closing_answer(self, s: ConversationState, text: str) -> None:
        if read_moment(text, self.language) is None and not self._asks_pause(text):
            super()._store_closing_answer(s, text)  # "sorry, I'm teary" is no answer to "what would have helped?"

    def _decide(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        u: Understanding,
        text: str,
        skip_topic: bool,
        contradiction: tuple[Mention, str] | None,
        new_flags: list[Flag],
    ) -> Move:
        held = self._end_wait(s)
        move = None
        if not (skip_topic or u.disclosure or sig.disclosures):
            move = self._in_the_moment(s, text, held, new_flags)
        if move is not None:
            return move
        move = super()._decide(s, sig, u, text, skip_topic, contradiction, new_flags)
        if held == "hesitation" and u.kind == "answer" and move.kind not in OWN_CARE and not move.feeling:
            return replace(move, preface="trusted")  # told after all: thanked for the trust, then as usual
        return self._fitting_ack(move, sig, u, text)

    def _fitting_ack(self, move: Move, sig: AnswerSignals, u: Understanding, text: str) -> Move:
        """The move for an answer, with an acknowledgement that fits it: warm for a heavy feeling of the leaver's
        own, never "let's leave it there" after an answer that told something."""
        if u.kind != "answer" or move.kind in OWN_CARE or move.feeling:
            return move
        plain = move.preface in (None, "bridge", "accept")
        if plain and feels_heavy(text, self.language):
            return replace(move, preface="heard")
        if move.preface == "accept" and sig.word_count > TOLD:
            return replace(move, preface="bridge")
        return move

    def _end_wait(self, s: ConversationState) -> str | None:
        """After a waiting message, the question before it is the one pending again; which wait it was
        ("offer_wrap_up", or the moment a hold waited on: "tears", "pause", "hesitation")."""
        last = s.last_move
        if last is None or last.kind not in WAITING or s.pending is None:
            return None
        s.last_move, s.pending = s.pending, None
        return last.kind if last.kind != "hold" else last.probe or "hold"

    def _in_the_moment(self, s: ConversationState, text: str, held: str | None, new_flags: list[Flag]) -> Move | None:
        lang = self.language
        moment = read_moment(text, lang)
        if held == "offer_wrap_up" and moment != "tears":
            if rounds_off(text, lang):
                return self._wrap_up_move(s)
            if moment is None:
                return None  # something to add: an answer to the question before the offer
        if moment == "tears":
            return self._tears(s, text, new_flags)
        if moment == "pause" or self._asks_pause(text):
            return self._hold(s, [self._say(s, "pause"), self._line(s, "pause_wait")], "pause")
        return self._moment_move(s, moment, held)

    def _moment_move(self, s: ConversationState, moment: Moment | None, held: str | None) -> Move | None:
        if moment == "ready" and held in HOLDS and s.phase != "check_in":
            # (after the check-in, "we kunnen verder" is its answer: the conversation goes on calmly)
            return self._again(s, "check_in_ack", preface=None, note=self._line(s, "resume"))
        if moment == "hesitation" and s.phase != "summary":
            defaults = wording(self.language).get("meta_defaults", {})
            organisation = self.context.organisation or str(defaults.get("organisation_lower", ""))
            return self._hold(s, [self._line(s, "hesitation").format(organisation=organisation)], "hesitation")
        if moment == "lost_thread":
            return self._reorient(s)
        if moment == "said_enough" and s.phase in OFFER_PHASES:
            self._keep_pending(s)
            return Move(
                "offer_wrap_up", topic=s.current_topic, language=self.language, question=self._line(s, "offer_wrap_up")
            )
        return None

    def _tears(self, s: ConversationState, text: str, new_flags: list[Flag]) -> Move | None:
        """The leaver's own tears now: the check-in the first time; after it, an offer and a wait."""
        if condolence(text, self.language) is not None:
            return None  # a death told of: the condolence first (care.py)
        cur = s.current_topic
        new_flags.append(Flag("distress", cur, text[:200]))
        if not self._checked_in_before(s):
            return self._check_in(s, cur)
        return self._hold(s, [self._line(s, "tears")], "tears")

    def _hold(self, s: ConversationState, parts: list[str], moment: Moment) -> Move:
        """A message that asks nothing and waits (``probe``: for what); the question before it stays pending."""
        self._keep_pending(s)
        said = unsaid(s, parts) or " ".join(p for p in parts if p)
        return Move("hold", topic=s.current_topic, language=self.language, question=said, probe=moment)

    @staticmethod
    def _keep_pending(s: ConversationState) -> None:
        if s.last_move is not None and s.last_move.kind not in WAITING:
            s.pending = s.last_move

    def _asks_pause(self, text: str) -> bool:
        request = read_request(text, self.language)
        return request is not None and request.kind == "pause"

    def _reorient(self, s: ConversationState) -> Move:
        """What we were talking about, then an open question about it (in a topic) or the pending question in
        simpler words (the story, the closing questions, the check-in)."""
        own = care(self.language)["moments"]
        last = s.last_move
        topic = s.current_topic or (last.topic if last is not None else None)
        in_topic = s.phase in IN_TOPICS and topic is not None and topic != STORY and not topic.startswith("_")
        if s.phase in ("check_in", "disclosure"):
            where = ""
        elif s.phase in CLOSING_PHASES:
            where = str(own["where_closing"])
        elif in_topic:
            where = str(own["where_topic"]).format(label=self._label(topic or ""))
        else:
            where = str(own["where_story"])
        note = unsaid(s, [self._line(s, "lost_thread"), where]) or None
        if not in_topic:
            return self._again(s, "confusion_ack", preface=None, note=note, simple=True)
        s.pending = last
        question = str(own["open_again"])
        return Move(
            "confusion_ack", topic=topic, language=self.language, target="extra_question", question=question, note=note
        )

    def _line(self, s: ConversationState, key: str) -> str:
        """The first wording of ``moments.<key>`` with no sentence said before; else the last one."""
        found = [str(o) for o in care(self.language)["moments"][key]]
        said = {x for message in s.said for x in _said_sentences(message)}
        fresh = (o for o in found if not any(normalise(x) in said for x in sentences(o)))
        return next(fresh, found[-1])
