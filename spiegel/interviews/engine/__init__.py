"""Spiegel's built-in exit interviewer: a deterministic, Django-free state machine with template phrasing.

See docs/interviewing.md for the craft it implements. Public API::

    from spiegel.interviews.engine import Engine, load_default_guide
    engine = Engine(load_default_guide("nl"))
    state, messages = engine.start()
    reply = engine.respond(state, "Ik kreeg een mooie kans bij een ander bedrijf.")
"""

from .checks import check_question
from .context import CaseContext
from .guide import CLOSING_KEYS, Guide, Topic, load_default_guide
from .interviewer import ENGINE_NAME, Engine, EngineReply
from .phrasing import Phraser, PhraserDeclined, TemplatePhraser
from .state import ConversationState, Flag, Move

__all__ = [
    "CLOSING_KEYS",
    "ENGINE_NAME",
    "CaseContext",
    "ConversationState",
    "Engine",
    "EngineReply",
    "Flag",
    "Guide",
    "Move",
    "Phraser",
    "PhraserDeclined",
    "TemplatePhraser",
    "Topic",
    "check_question",
    "load_default_guide",
]
