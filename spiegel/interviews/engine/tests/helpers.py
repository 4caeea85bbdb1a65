"""Shared builders for the engine tests: a conversation driven by a list of answers."""

from __future__ import annotations

from spiegel.interviews.engine import ConversationState, Engine, EngineReply, load_default_guide

# A short story and a wrap-up request: the summary that follows names the workload, the manager and a personal
# situation (the summary-control and summary-removal tests start from it).
SUMMARY_STORY = {
    "nl": [
        "Vooral de werkdruk, en mijn thuissituatie speelde ook mee: ik gaf mantelzorg aan mijn vader.",
        "We hadden elke dienst twee mensen te weinig en de nieuwe teamleider deed er niets aan.",
        "Kunnen we afronden?",
    ],
    "en": [
        "Mostly the workload, and caring for my sick father at home played a part too.",
        "We were two people short every shift and the new team leader did nothing about it.",
        "Can we wrap up?",
    ],
}


def converse(
    language: str, answers: list[str], engine: Engine | None = None
) -> tuple[Engine, ConversationState, list[EngineReply]]:
    """Start a conversation and give ``answers`` one by one; returns the engine, final state and replies."""
    engine = engine or Engine(load_default_guide(language))
    state, _ = engine.start()
    replies: list[EngineReply] = []
    for answer in answers:
        reply = engine.respond(state, answer)
        replies.append(reply)
        state = reply.state
        if reply.closed:
            break
    return engine, state, replies


def to_the_end(engine: Engine, state: ConversationState, answer: str) -> list[EngineReply]:
    """Keep answering ``answer`` until the engine closes (at most 40 answers)."""
    replies: list[EngineReply] = []
    for _ in range(40):
        reply = engine.respond(state, answer)
        replies.append(reply)
        state = reply.state
        if reply.closed:
            break
    return replies
