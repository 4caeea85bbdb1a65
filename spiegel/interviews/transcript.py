"""The transcript of a case (its messages and the engine's record of the answers): what the mirror reads, the
words it takes out, and what retention and withdrawal erase. The mirror calls these; it never writes messages or
the engine's state itself."""

from __future__ import annotations

import re
from typing import Any

from spiegel.interviews.models import Conversation, Interview, Message, MessageRole
from spiegel.privacy.models import PseudonymMap

# What stands in the transcript where the leaver kept words private or deleted them.
MASK = "[…]"
_QUOTED = re.compile(r"\"([^\"\n]{2,400})\"|“([^”\n]{2,400})”")


def answers_of(interview: Interview) -> list[dict[str, Any]]:
    """The engine's record of the leaver's answers, one per leaver message (topic, phase, text, ...), copied;
    empty when the case has no engine state (a human-led conversation, or words already erased)."""
    conversation = Conversation.objects.filter(interview=interview).only("state").first()
    if conversation is None or not conversation.state:
        return []
    return [dict(answer) for answer in conversation.state.get("answers", [])]


def _mask_quotes(text: str, hidden: list[str]) -> str:
    def replace(m: re.Match[str]) -> str:
        inner = (m.group(1) or m.group(2) or "").strip().lower()
        return MASK if inner and any(inner in h for h in hidden) else m.group(0)

    return _QUOTED.sub(replace, text)


_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _mask_echoes(text: str, hidden: list[str]) -> str:
    """Take the leaver's hidden words out of an interviewer message that echoes them without quotes ("Je
    noemde eerder een functioneringsgesprek gehad."): a run of words that all occur in the hidden words is
    masked when it holds a long word (8+ letters) or is three words or more."""
    vocabulary = {w.lower() for h in hidden for w in _TOKEN.findall(h)}
    if not vocabulary:
        return text
    tokens = list(_TOKEN.finditer(text))
    out: list[str] = []
    position = 0
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].group().lower() in vocabulary:
            if j > i and text[tokens[j - 1].end() : tokens[j].start()].strip():
                break  # a run stops at punctuation
            j += 1
        run = tokens[i:j]
        if run and (len(run) >= 3 or any(len(t.group()) >= 8 for t in run)):
            out.append(text[position : run[0].start()] + MASK)
            position = run[-1].end()
            i = j
        else:
            i += 1
    out.append(text[position:])
    return "".join(out)


def mask_transcript(interview: Interview, ranges: dict[int, list[tuple[int, int]]]) -> None:
    """Replace the character ``ranges`` of the leaver's messages (by message seq) with MASK, and the same words
    where the interviewer quoted or echoed them; the engine's record of the answers follows the messages."""
    if not ranges:
        return
    messages = list(Message.objects.filter(interview=interview).order_by("seq"))
    hidden_texts: list[str] = []
    for message in messages:
        if message.role == MessageRole.LEAVER and message.seq in ranges:
            text = message.text
            for start, end in sorted(ranges[message.seq], reverse=True):
                hidden_texts.append(text[start:end].lower())
                text = text[:start] + MASK + text[end:]
            message.text = text
    for message in messages:
        if message.role == MessageRole.INTERVIEWER:
            message.text = _mask_echoes(_mask_quotes(message.text, hidden_texts), hidden_texts)
    Message.objects.bulk_update(messages, ["text"])
    conversation = Conversation.objects.filter(interview=interview).first()
    if conversation is not None and conversation.state:
        leaver_texts = [m.text for m in messages if m.role == MessageRole.LEAVER]
        answers = conversation.state.get("answers", [])
        if len(answers) == len(leaver_texts):
            for answer, text in zip(answers, leaver_texts, strict=True):
                answer["text"] = text
            conversation.save(update_fields=["state", "updated_at"])


def erase_transcript(interview: Interview) -> dict[str, int]:
    """Delete the raw transcript of one case: its messages, the engine's state and the pseudonym map (for
    retention and withdrawal)."""
    counts = {
        "messages": Message.objects.filter(interview=interview).delete()[0],
        "pseudonym_maps": PseudonymMap.objects.filter(interview=interview).delete()[0],
    }
    Conversation.objects.filter(interview=interview, state__isnull=False).update(state=None)
    return counts
