"""The co-pilot's suggestions: Spiegel's own interviewer, applied to the notes a person types during a
conversation they hold themself.

Nothing here decides anything of its own. Every note goes through the built-in engine (`Engine.respond`) as
if the leaver had said it: the same understanding (`spiegel.language.understanding`) and the same turn policy
and follow-up logic (`spiegel.interviews.engine`) as in a conversation Spiegel holds. What the engine would
say next is the suggestion; its list of threads is the list of open threads; a disclosure or distress it
flags is the warning, with the handling it would have said as the words to read out. The one thing added is
that the person leads: the topic a note is filed under is where the conversation is, whatever the engine
would have asked, and a topic counts as covered only when a note was made on it.

Django-free, like the engine, so that it can be tested and measured on its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spiegel.interviews.engine import CLOSING_KEYS, CaseContext, ConversationState, Engine, Guide, Move
from spiegel.interviews.engine.state import TopicProgress

STORY = "_story"  # the engine's pseudo-topic for the leaver's own story, before any guide topic
# The closing steps of the guide that a person holds as topics of their own.
CLOSING_TOPICS = ("stay", "advice_keep", "advice_change", "anything_else")
IN_TOPICS = ("opening", "story", "guide")
NOTE_KINDS = ("note", "quote", "refusal", "skip")
# A refusal marked with the shortcut is read by the engine as these words about the note's topic.
REFUSAL_WORDS = {"nl": "Daar wil ik het niet over hebben.", "en": "I would rather not talk about that."}
# What the engine's next move is, for the person: a follow-up on this topic, or a way on.
FOLLOW_UP_KINDS = frozenset(
    {"follow_up", "reflect_and_ask", "contradiction", "what_matters", "extra_question", "correction_ack"}
)
MOVE_ON_KINDS = frozenset({"topic_question", "return_thread", "bridge", "skip_ack", "refusal_ack"})
WARNING_KINDS = {"disclosure": "disclosure", "check_in": "distress"}


@dataclass(frozen=True)
class NoteInput:
    """One note as the co-pilot reads it."""

    key: str
    text: str
    topic: str = ""
    kind: str = "note"

    def fingerprint(self) -> str:
        return json.dumps([self.key, self.text, self.topic, self.kind], ensure_ascii=False)


@dataclass(frozen=True)
class Warning:
    """A note that looks like a serious disclosure (or distress): what to read out, and what to ask."""

    kind: str  # "disclosure" or "distress"
    note: str  # the key of the note that raised it
    topic: str | None
    handling: str


@dataclass(frozen=True)
class TopicCoverage:
    id: str
    label: str
    question: str
    status: str  # "open", "covered", "refused", "skipped"
    notes: int


@dataclass
class Suggestions:
    """What the co-pilot shows beside the notes."""

    next_question: str = ""
    # "follow_up" (on this topic), "move_on" (a thread or the next topic), "closing", "warning" or "" (no notes)
    next_kind: str = ""
    next_topic: str | None = None
    threads: list[str] = field(default_factory=list)
    topics: list[TopicCoverage] = field(default_factory=list)
    not_covered: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    # the warning raised by the last note, if any: shown above everything else
    current_warning: Warning | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "next_question": self.next_question,
            "next_kind": self.next_kind,
            "next_topic": self.next_topic,
            "threads": list(self.threads),
            "topics": [t.__dict__ for t in self.topics],
            "not_covered": list(self.not_covered),
            "warnings": [w.__dict__ for w in self.warnings],
            "current_warning": self.current_warning.__dict__ if self.current_warning else None,
        }


@dataclass
class Replay:
    """The engine's state after some notes, with what it said about them: the co-pilot's cache."""

    state: ConversationState
    count: int = 0
    digest: str = ""
    last_move: str = ""
    last_topic: str | None = None
    last_text: str = ""
    warnings: list[Warning] = field(default_factory=list)
    last_warning: Warning | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state.to_dict(),
            "count": self.count,
            "digest": self.digest,
            "last_move": self.last_move,
            "last_topic": self.last_topic,
            "last_text": self.last_text,
            "warnings": [w.__dict__ for w in self.warnings],
            "last_warning": self.last_warning.__dict__ if self.last_warning else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Replay:
        last = d.get("last_warning")
        return cls(
            state=ConversationState.from_dict(d["state"]),
            count=int(d["count"]),
            digest=str(d["digest"]),
            last_move=str(d.get("last_move", "")),
            last_topic=d.get("last_topic"),
            last_text=str(d.get("last_text", "")),
            warnings=[Warning(**w) for w in d.get("warnings", [])],
            last_warning=Warning(**last) if last else None,
        )


def digest_of(notes: Sequence[NoteInput]) -> str:
    """A digest of the notes in order: the cache is used only for exactly the notes it was made from."""
    h = hashlib.sha256()
    for note in notes:
        h.update(note.fingerprint().encode())
        h.update(b"\0")
    return h.hexdigest()


def topic_ids(guide: Guide) -> list[str]:
    """The co-pilot's topics in the guide's order: the story, the guide topics, the closing steps."""
    return [STORY, *(t.id for t in guide.ordered_topics()), *CLOSING_TOPICS]


class Copilot:
    """Spiegel's interviewer reading along with a person's notes."""

    def __init__(self, guide: Guide, context: CaseContext | None = None) -> None:
        self.guide = guide
        self.language = guide.language
        self.engine = Engine(guide, context=context)
        self.topics = topic_ids(guide)

    # ------------------------------------------------------------------------------------------ replay

    def fresh(self) -> Replay:
        state, _opening = self.engine.start()
        return Replay(state=state)

    def replay(self, notes: Sequence[NoteInput], cached: Replay | None = None) -> Replay:
        """The engine's reading of ``notes``; resumes from ``cached`` when it was made from their first notes."""
        usable = [n for n in notes if n.text.strip() or n.kind in ("refusal", "skip")]
        start = self.fresh()
        if cached is not None and cached.count <= len(usable) and cached.digest == digest_of(usable[: cached.count]):
            start = cached
        replay = Replay(
            state=start.state,
            count=start.count,
            digest=start.digest,
            last_move=start.last_move,
            last_topic=start.last_topic,
            last_text=start.last_text,
            warnings=list(start.warnings),
            last_warning=start.last_warning,
        )
        noted = {n.topic or STORY for n in usable[: replay.count] if n.kind in ("note", "quote")}
        for note in usable[replay.count :]:
            topic = note.topic if note.topic in self.topics else STORY
            state = self._place(replay.state, topic, noted)
            text = note.text.strip()
            if note.kind == "refusal":
                text = REFUSAL_WORDS[self.language]
            reply = self.engine.respond(state, text, skip_topic=note.kind == "skip")
            replay.state = reply.state
            if note.kind == "refusal":
                self._refuse_only(replay.state, state, topic)
            replay.last_move = reply.move.kind
            replay.last_topic = reply.move.topic
            replay.last_text = reply.messages[0] if reply.messages else ""
            replay.last_warning = self._warning(reply.move, replay.last_text, note)
            if replay.last_warning is not None:
                replay.warnings.append(replay.last_warning)
            if note.kind in ("note", "quote"):
                noted.add(topic)
            replay.count += 1
        replay.digest = digest_of(usable[: replay.count])
        return replay

    def _place(self, state: ConversationState, topic: str, noted: set[str]) -> ConversationState:
        """The state with the conversation where the person is: on the topic the note is filed under.

        A topic the engine moved to on its own but the person never made a note on goes back to open, so it
        is suggested again later and never counted as covered."""
        s = state.copy()
        if s.closed:
            return s
        # The engine budgets its own questions to close within about 30 turns; here the person asks the
        # questions and decides when to close, so the engine is always left room to follow up.
        s.interviewer_turns = min(s.interviewer_turns, self.guide.max_turns // 2)
        if topic in CLOSING_TOPICS:
            if s.phase != topic:
                self._release(s, noted)
                s.phase = topic
                s.current_topic = None
            return s
        # The story, or a disclosure being handled: the engine's own phase goes on. A note on a guide topic
        # brings the engine back to that topic, also from its closing steps.
        if topic == STORY or s.phase == "disclosure":
            return s
        if s.current_topic != topic or s.phase not in IN_TOPICS:
            self._release(s, noted)
            s.current_topic = topic
            s.phase = "guide"
            progress = s.topic(topic)
            if progress.status == "open":
                progress.status = "active"
        return s

    @staticmethod
    def _refuse_only(s: ConversationState, before: ConversationState, topic: str) -> None:
        """A refusal marked by the person is about the topic of the note, and only that one: the engine reads
        "daar" as everything just said, which here may be an earlier note's topic."""
        for other in set(s.refused) - set(before.refused) - {topic}:
            s.refused.remove(other)
            s.topics[other] = before.topics.get(other, TopicProgress())
        if topic not in s.refused:
            s.refused.append(topic)
        s.topic(topic).status = "refused"
        s.threads = [t for t in s.threads if t.get("topic") != topic]

    @staticmethod
    def _release(s: ConversationState, noted: set[str]) -> None:
        cur = s.current_topic
        if cur and cur != STORY and cur not in noted and s.topic(cur).status == "active":
            s.topics[cur] = TopicProgress()

    def _warning(self, move: Move, text: str, note: NoteInput) -> Warning | None:
        kind = WARNING_KINDS.get(move.kind)
        if kind is None:
            return None
        return Warning(kind=kind, note=note.key, topic=note.topic or None, handling=text)

    # ------------------------------------------------------------------------------------- suggestions

    def suggest(self, notes: Sequence[NoteInput], cached: Replay | None = None) -> tuple[Suggestions, Replay]:
        """What to show beside ``notes``, and the replay to keep for the next call."""
        replay = self.replay(notes, cached)
        out = Suggestions(warnings=list(replay.warnings), current_warning=replay.last_warning)
        if replay.count:
            out.next_question = replay.last_text
            out.next_topic = replay.last_topic
            if replay.last_warning is not None:
                out.next_kind = "warning"
            elif replay.last_move in FOLLOW_UP_KINDS:
                out.next_kind = "follow_up"
            elif replay.last_move in MOVE_ON_KINDS:
                out.next_kind = "move_on"
            else:
                out.next_kind = "closing"
        out.topics = self.coverage(notes, replay.state)
        out.not_covered = [t.id for t in out.topics if t.status == "open" and t.id != STORY]
        out.threads = self.threads(replay.state, {t.id for t in out.topics if t.status != "open"})
        return out, replay

    def coverage(self, notes: Sequence[NoteInput], state: ConversationState) -> list[TopicCoverage]:
        """Per topic: how many notes it has, and whether it is covered, refused or skipped."""
        counts: dict[str, int] = {}
        marks: dict[str, str] = {}
        for note in notes:
            topic = note.topic if note.topic in self.topics else STORY
            if note.kind in ("note", "quote") and note.text.strip():
                counts[topic] = counts.get(topic, 0) + 1
            elif note.kind == "refusal":
                marks[topic] = "refused"
            elif note.kind == "skip":
                marks.setdefault(topic, "skipped")
        refused = set(state.refused)
        out = []
        for topic_id in self.topics:
            status = marks.get(topic_id) or ("refused" if topic_id in refused else "")
            if not status:
                status = "covered" if counts.get(topic_id) else "open"
            out.append(
                TopicCoverage(
                    id=topic_id,
                    label=self.label(topic_id),
                    question=self.question(topic_id),
                    status=status,
                    notes=counts.get(topic_id, 0),
                )
            )
        return out

    def threads(self, state: ConversationState, done: set[str]) -> list[str]:
        """The leaver's threads the engine keeps to come back to, in their words, as short lines."""
        out = []
        for thread in state.threads:
            topic = str(thread.get("topic", ""))
            if topic in done or topic in state.refused:
                continue
            words = str(thread.get("phrase") or thread.get("words") or "").strip()
            label = self.label(topic) if topic in self.topics else ""
            if label and _without_article(words) == _without_article(label):
                words = ""  # the leaver named the topic itself: its label says it once
            line = f"{label}: {words}" if label and words else (words or label)
            if line and line not in out:
                out.append(line)
        return out

    def label(self, topic_id: str) -> str:
        topic = self.guide.topic(topic_id)
        text = topic.label if topic is not None else TOPIC_NAMES.get(topic_id, {}).get(self.language, topic_id)
        return text[:1].upper() + text[1:]

    def question(self, topic_id: str) -> str:
        if topic_id == STORY:
            return self.guide.opening_question
        if topic_id in CLOSING_KEYS:
            return self.guide.closing[topic_id]
        topic = self.guide.topic(topic_id)
        return topic.question if topic is not None else ""


def _without_article(text: str) -> str:
    text = text.casefold().strip()
    for article in ("the ", "de ", "het "):
        text = text.removeprefix(article)
    return text


TOPIC_NAMES = {
    STORY: {"nl": "Het verhaal: waarom weg", "en": "The story: why they leave"},
    "stay": {"nl": "Wat had hen doen blijven", "en": "What would have made them stay"},
    "advice_keep": {"nl": "Advies: wat moet blijven", "en": "Advice: what to keep"},
    "advice_change": {"nl": "Advies: wat moet anders", "en": "Advice: what to change"},
    "anything_else": {"nl": "Nog iets anders", "en": "Anything else"},
}
