"""The optional language model: a client for any OpenAI-compatible endpoint, the interviewer's phraser and
the model's reading of an answer (understanding). Django-free (an import-linter contract keeps it so); see docs/llm.md.

    from spiegel.llm import ChatClient, LLMConfig, LLMPhraser
    client = ChatClient(LLMConfig(base_url="http://127.0.0.1:11434/v1", model="qwen2.5:7b-instruct"))
    engine = Engine(load_default_guide("nl"), phraser=LLMPhraser(client))

The built-in engine still decides every move; a wording that fails, times out or breaks a rule is replaced
by the engine's own templates for that turn.
"""

from .client import ChatClient, LLMConfig, LLMError
from .phraser import PROMPT_VERSION, LLMPhraser, model_phrases
from .understanding import ModelUnderstander

__all__ = ["PROMPT_VERSION", "ChatClient", "LLMConfig", "LLMError", "LLMPhraser", "ModelUnderstander", "model_phrases"]
