"""The closing sequence: what would have made you stay, advice, anything else, the summary and thanks.

The summary is built from what was understood (docs/interviewing.md): the main reason first, then at most
three other points, in the interviewer's own words; refused topics never appear in it.
"""

from __future__ import annotations

from spiegel.language.signals import AnswerSignals

from .navigation import HARD_TURN_CAP, LIGHT_TOPICS, Navigator
from .state import ConversationState, Move
from .wording import is_no, matter_phrase, topic_labels


class Closing(Navigator):
    """The closing phases, after the topics."""

    def _closing_next(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        preface: str | None = None,
        ack_kind: str | None = None,
        allow_follow_up: bool = True,
    ) -> Move:
        """The next step of the closing sequence: stay → when → keep → change → anything else → summary."""
        lang = self.language
        phase = s.phase
        if (
            phase == "anything_else"
            and allow_follow_up
            and not s.anything_else_followed
            and not sig.is_thin
            and not is_no(s.answers[-1]["text"] or "")
            and not sig.nothing_more
            and not self._touches_disclosure(s, sig, s.answers[-1]["text"] or "")
            and s.interviewer_turns + 3 < HARD_TURN_CAP
        ):
            s.anything_else_followed = True
            mention = sig.mentions[0] if sig.mentions else None
            answer = s.answers[-1]["text"] or ""
            quote = matter_phrase(answer, mention.term, lang) if mention else None
            probe = "example" if not sig.specificity else "effect"
            return Move("follow_up", topic=mention.theme if mention else None, probe=probe, quote=quote, language=lang)
        order = self._closing_order(s)
        if phase == "summary" or s.interviewer_turns >= HARD_TURN_CAP - 1:
            return self._close_move(preface if ack_kind else None, ack_kind)
        idx = order.index(phase) + 1 if phase in order else 0
        nxt = order[idx] if idx < len(order) else "summary"
        if s.interviewer_turns >= HARD_TURN_CAP - 2:
            nxt = "summary"
        s.phase = nxt
        kind_for = ack_kind or ("bridge" if preface == "after_disclosure" else None)
        points = self._summary_points(s) if nxt == "summary" else ()
        return Move(
            kind_for or nxt,
            language=lang,
            preface=preface,
            target=nxt,
            question=self.guide.closing[nxt],
            points=points,
        )

    def _record_closing_answer(self, s: ConversationState, text: str) -> None:
        if s.phase == "stay":
            s.stay_answer = text
        elif s.phase == "stay_when":
            s.stay_when_answer = text
        elif s.phase == "advice_keep":
            s.advice["keep"] = text
        elif s.phase == "advice_change":
            s.advice["change"] = text
        elif s.phase == "anything_else":
            s.anything_else_answer = f"{s.anything_else_answer}\n{text}" if s.anything_else_answer else text
        elif s.phase == "summary":
            s.summary_correction = text

    def _summary_points(self, s: ConversationState) -> tuple[tuple[str, str], ...]:
        """Up to three themes the leaver raised, complaints first, each with their own words."""
        seen: list[str] = []
        ordered = sorted(s.notes, key=lambda n: (n["polarity"] != "neg", n["turn"]))
        points: list[tuple[str, str]] = []
        for note in ordered:
            theme = str(note["theme"])
            if theme in seen or s.topic(theme).status in ("refused", "skipped"):
                continue
            if note["polarity"] != "neg" and not s.topic(theme).raised_by_leaver:
                continue  # a passing mention is not a reason
            seen.append(theme)
            label = topic_labels(self.language).get(theme, theme)
            # in the interviewer's words: the topic, or the thing as a complete noun phrase; health and
            # personal life are only named
            quote = "" if theme in LIGHT_TOPICS else str(note.get("matter") or "")
            points.append((label, quote))
            if len(points) == 3:
                break
        return tuple(points)
