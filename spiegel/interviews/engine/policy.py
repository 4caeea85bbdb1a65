"""The turn policy: what kind of turn the answer is, and its handling before any follow-up.

Order of concerns on every answer (docs/interviewing.md): safety first (serious disclosure, distress or
refusal), then the leaver's wish to skip, then the closing sequence, fatigue, and only then follow-up:
the leaver's own threads before guide topics.
"""

from __future__ import annotations

from spiegel.language.signals import AnswerSignals, Mention, analyse_answer

from .followup import FollowUps
from .navigation import DISCLOSURE_THEME, HARD_TURN_CAP, STORY
from .state import CLOSING_PHASES, ConversationState, Flag, Move
from .wording import matter_phrase


class TurnPolicy(FollowUps):
    """Deciding the next move for one answer."""

    def _advance(self, s: ConversationState, text: str, skip_topic: bool) -> tuple[Move, list[Flag]]:
        """Take the answer into ``s`` (in place) and decide the next move."""
        text = text.strip()
        sig = analyse_answer(text, self.language)
        s.answers.append({"topic": s.current_topic, "phase": s.phase, "text": text})
        s.turns += 1
        s.answer_words.append(sig.word_count)
        s.dont_knows.append(sig.dont_know)
        self._record_closing_answer(s, text)

        new_flags: list[Flag] = []
        contradiction = self._contradiction(s, sig)
        if s.phase in ("opening", "story", "guide"):
            self._take_notes(s, sig)
        move = self._decide(s, sig, text, skip_topic, contradiction, new_flags)
        return move, new_flags

    def _decide(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        text: str,
        skip_topic: bool,
        contradiction: tuple[Mention, str] | None,
        new_flags: list[Flag],
    ) -> Move:
        cur = s.current_topic
        lang = self.language
        in_topics = s.phase in ("opening", "story", "guide")

        # Safety first: a serious disclosure stops all probing and goes to a human.
        if sig.disclosures:
            d = sig.disclosures[0]
            topic = cur or DISCLOSURE_THEME.get(d.kind, "culture")
            again = d.kind in s.disclosed_kinds or (in_topics and self._touches_disclosure(s, sig, text))
            if again and in_topics:
                # the leaver comes back to what was already disclosed and flagged: acknowledge, never probe
                return self._leave_disclosed_matter(s, sig, text)
            new_flags.append(Flag("disclosure", d.kind, d.context[:200]))
            if s.phase != "disclosure" and s.interviewer_turns < HARD_TURN_CAP - 2:
                s.resume_phase = s.phase
                s.phase = "disclosure"
                self._record_disclosure(s, sig, text, d.kind, cur)
                s.current_topic = None
                return Move("disclosure", topic=topic, language=lang)

        if s.interviewer_turns >= HARD_TURN_CAP - 1:
            return self._close_move()

        if in_topics and s.sensitive_topics and self._touches_disclosure(s, sig, text):
            # a later answer that returns to the disclosed matter: acknowledge without probing, move on
            return self._leave_disclosed_matter(s, sig, text)

        if s.phase == "disclosure":
            s.disclosure_wishes.append(text)
            s.phase = s.resume_phase or "guide"
            s.resume_phase = None
            if s.phase in CLOSING_PHASES:
                return self._closing_next(s, sig, preface="after_disclosure")
            return self._next(s, preface="after_disclosure")

        if sig.distress or sig.refusal:
            if sig.distress:
                new_flags.append(Flag("distress", cur, (sig.distress.context or text)[:200]))
            preface = "distress" if sig.distress else "refusal"
            if s.phase in CLOSING_PHASES:
                return self._closing_next(s, sig, preface=preface, ack_kind="refusal_ack", allow_follow_up=False)
            self._drop_topic(s, cur, "refused")
            return self._next(s, preface=preface, ack_kind="refusal_ack")

        if skip_topic or sig.skip_request:
            if s.phase in CLOSING_PHASES:
                return self._closing_next(s, sig, preface="skip", ack_kind="skip_ack", allow_follow_up=False)
            self._drop_topic(s, cur, "skipped")
            return self._next(s, preface="skip", ack_kind="skip_ack")

        if s.phase in CLOSING_PHASES:
            return self._closing_next(s, sig)

        if not s.fatigue and self._tired(s):
            s.fatigue = True
            return self._next(s, preface="near_end")

        if cur is None:
            s.phase = "story"
            chosen = self._most_relevant(s, sig)
            if chosen is not None:
                cur = chosen.theme
                s.current_topic = cur
                tp = s.topic(cur)
                tp.status = "active"
                tp.raised_by_leaver = True
                tp.quote = matter_phrase(text, chosen.term, lang)
                # said with weight (a complaint or a feeling), the theme is talked about, not just named
                tp.talked = tp.talked or chosen.polarity == "neg" or bool(sig.emotions)
                # the story's probe kinds are not repeated on its first theme
                tp.probes = list(s.topic(STORY).probes)
        elif cur is not None:
            self._mark_talked(s, sig, cur)
        self._add_threads(s, sig, cur)

        move, accepted = self._follow_up(s, sig, cur, contradiction)
        if move is not None:
            return move
        extra = self._extra_question(s, cur)
        if extra is not None:
            return extra
        return self._next(s, preface="accept" if accepted else "bridge")
