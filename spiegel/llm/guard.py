"""What the language model may not read during a conversation: health details and serious disclosures.

During the conversation the leaver has not yet chosen what is private (that happens in the mirror), so by
default (``SPIEGEL_LLM_WITHHOLD_SENSITIVE``, on) nothing that looks like health content (illness, sick leave,
burn-out, stress, symptoms: :func:`spiegel.language.classify.has_health_content`), a serious disclosure
(harassment, discrimination, violence, fraud, unsafe care) or distress (the rules of
:func:`spiegel.language.understanding.understand`) is sent to it:

- a turn that looks sensitive is read by the rules alone (:class:`GuardedUnderstander`), and the reply to it
  is worded by the built-in templates (:class:`GuardedPhraser` declines);
- a move that would tie back to sensitive words (a quote, a thread) is worded by the templates too;
- earlier messages that look sensitive, the leaver's or the interviewer's (which may quote them), are replaced
  by a placeholder in the history the model sees.

The check errs on the side of withholding (a figure of speech like "sick and tired" is not health; "stress"
and "tired" are; the name of a workplace, "ziekenhuis" or "hospital", is not). Django-free, like the rest of
``spiegel.llm``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Literal

from spiegel.interviews.engine import ConversationState, Guide, Move, PhraserDeclined
from spiegel.language.classify import has_health_content
from spiegel.language.understanding import Context, Understanding
from spiegel.language.understanding import understand as understand_by_rules

from .phraser import LLMPhraser, StreamedWording
from .understanding import ModelUnderstander, combine

__all__ = ["GuardedPhraser", "GuardedUnderstander", "SensitiveGuard", "Sensitivity", "placeholder"]

Sensitivity = Literal["health", "disclosure"]

_PLACEHOLDERS = {
    "nl": {"health": "[weggelaten: over gezondheid]", "disclosure": "[weggelaten: een ernstige melding]"},
    "en": {"health": "[withheld: about health]", "disclosure": "[withheld: a serious disclosure]"},
}


def placeholder(kind: Sensitivity, language: str) -> str:
    """What the model sees instead of a sensitive message."""
    return _PLACEHOLDERS["en" if language == "en" else "nl"][kind]


# Where people work is no health detail: "ziekenhuis" and "hospital" would otherwise read as health content
# in every answer of a hospital's leaver.
_WORKPLACES = re.compile(
    r"\w*ziekenhui(?:s|zen)\w*|\bhospitals?\b|\bhospital (?:ward|staff|management)\b", re.IGNORECASE
)


class SensitiveGuard:
    """Tells which texts look like health content or a serious disclosure (remembered per text)."""

    def __init__(self, language: str) -> None:
        self.language = language if language in ("nl", "en") else "nl"
        self._seen: dict[str, Sensitivity | None] = {}
        self.withheld = 0  # how many texts this guard kept from the model

    def sensitivity(self, text: str | None) -> Sensitivity | None:
        if not text or not text.strip():
            return None
        if text not in self._seen:
            self._seen[text] = self._judge(text)
        return self._seen[text]

    def _judge(self, text: str) -> Sensitivity | None:
        reading = understand_by_rules(text, Context(language=self.language))
        if reading.disclosure is not None:
            return "disclosure"
        if reading.distress or has_health_content(_WORKPLACES.sub(" ", text)):
            return "health"
        return None

    def clean(self, text: str) -> str:
        """``text`` itself, or a placeholder when it looks sensitive."""
        kind = self.sensitivity(text)
        if kind is None:
            return text
        self.withheld += 1
        return placeholder(kind, self.language)


class GuardedUnderstander:
    """A :class:`ModelUnderstander` that never shows the model a sensitive turn: such a turn is read by the
    rules alone (which catch disclosures and distress themselves); a sensitive last question is replaced by a
    placeholder. ``withheld`` is True when the last turn was kept from the model."""

    def __init__(self, model: ModelUnderstander) -> None:
        self.model = model
        self.withheld = False

    @property
    def client(self) -> Any:
        return self.model.client

    @property
    def produced_by(self) -> dict[str, str]:
        return self.model.produced_by

    def understand(self, text: str, context: Context) -> Understanding:
        guard = SensitiveGuard(context.language)
        self.withheld = guard.sensitivity(text) is not None
        if self.withheld:
            return combine(understand_by_rules(text, context), None)
        safe = replace(context, last_question=guard.clean(context.last_question))
        rules = understand_by_rules(text, context)
        return combine(rules, self.model.read(text, safe, rules.language))


class GuardedPhraser(LLMPhraser):
    """An :class:`LLMPhraser` that declines (the templates word the turn) when the move answers or ties back
    to sensitive words, and otherwise shows the model the conversation with sensitive messages replaced."""

    def _screened(self, move: Move, state: ConversationState) -> ConversationState:
        guard = SensitiveGuard(move.language)
        last_answer = state.answers[-1].get("text") if state.answers else None
        for text in (last_answer, move.quote, move.quote2):
            if guard.sensitivity(text) is not None:
                raise PhraserDeclined("sensitive")
        answers = [{**a, "text": guard.clean(text) if (text := a.get("text")) else text} for a in state.answers]
        return replace(state, answers=answers, said=[guard.clean(s) for s in state.said])

    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        return super().phrase(move, self._screened(move, state), guide)

    def stream(self, move: Move, state: ConversationState, guide: Guide) -> StreamedWording:
        return super().stream(move, self._screened(move, state), guide)
