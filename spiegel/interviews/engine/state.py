"""The engine's data: moves, flags and the conversation state, all JSON round-trippable.

The state is plain data on purpose: the Django layer stores ``to_dict()`` in a JSON column and hands it back,
so a conversation can resume in another process (or after a deploy) and continue identically.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

FlagKind = Literal["disclosure", "distress"]

# Phases in the order a conversation moves through them; "disclosure" is a detour that returns.
PHASES = (
    "opening",
    "story",
    "guide",
    "disclosure",
    "check_in",
    "stay",
    "stay_when",
    "advice_keep",
    "advice_change",
    "anything_else",
    "summary",
    "closed",
)
# Acknowledgements that lead into another move (``Move.target``): worded and checked as that move.
ACK_KINDS = frozenset(
    {
        "bridge",
        "skip_ack",
        "refusal_ack",
        "meta_answer",
        "correction_ack",
        "already_told_ack",
        "confusion_ack",
        "complaint_ack",
        "check_in_ack",
    }
)
# How often one kind of follow-up (example, effect, cause...) may be asked in one conversation.
MAX_PROBE_USES = 2
CLOSING_PHASES = ("stay", "stay_when", "advice_keep", "advice_change", "anything_else", "summary")


@dataclass(frozen=True)
class Flag:
    """Something a human interviewer must look at: a serious disclosure or signs of distress."""

    kind: str
    topic: str | None
    excerpt: str
    # the leaver said it was no disclosure ("dat is een uitdrukking"): kept, but nobody is to follow it up
    withdrawn: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON storage."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Flag:
        """Inverse of :meth:`to_dict`."""
        return cls(
            kind=str(d["kind"]),
            topic=d.get("topic"),
            excerpt=str(d.get("excerpt", "")),
            withdrawn=bool(d.get("withdrawn", False)),
        )


@dataclass(frozen=True)
class Move:
    """What the state machine decided; a phraser only puts it into words.

    kind: open, follow_up, reflect_and_ask, contradiction, bridge, return_thread, topic_question,
        extra_question, stay, stay_when, advice_keep, advice_change, anything_else, summary, close,
        disclosure, check_in, what_matters, skip_ack, refusal_ack and the other ACK_KINDS.
    probe: for follow-ups, the kind of probe (example, moment, practice, situation, own_action, effect,
        cause, push_pull, decisive_moment, own_experience, recent_example, frequency, contrast,
        behaviour_effect, behind_hedge, clarify).
    quote: the leaver's own words the question ties back to; quote2 the earlier words (contradiction).
    feeling / feeling_ref: the reflected feeling as a noun phrase and as "that feeling" (emotion).
    role: how to refer to a named person without the name ("je teamleider").
    preface: a short opening sentence before the question: bridge, accept, skip, refusal, distress,
        near_end, after_disclosure.
    target: for bridge/skip_ack/refusal_ack, the kind of question that follows (topic_question,
        return_thread, stay, ...).
    question: fixed wording from the guide (topic and closing questions, an organisation's own questions).
    points: summary points as (label, quote) pairs.
    """

    kind: str
    topic: str | None = None
    probe: str | None = None
    quote: str | None = None
    language: str = "nl"
    quote2: str | None = None
    feeling: str | None = None
    feeling_ref: str | None = None
    role: str | None = None
    preface: str | None = None
    target: str | None = None
    question: str | None = None
    label: str | None = None
    points: tuple[tuple[str, str], ...] = ()
    # a ready sentence the engine composed from its wording data (the answer to a question about the
    # interview, the options after a disclosure), said before the question; never dropped
    note: str | None = None
    # ask the same thing again, in simpler words (after confusion)
    simple: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON storage (points become lists)."""
        d = {name: getattr(self, name) for name in _MOVE_FIELDS}  # all flat; asdict's deep copy is slow
        d["points"] = [list(p) for p in self.points]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Move:
        """Inverse of :meth:`to_dict`."""
        data = dict(d)
        data["points"] = tuple((str(a), str(b)) for a, b in data.get("points", ()))
        return cls(**data)


_MOVE_FIELDS = tuple(f.name for f in fields(Move))


@dataclass
class TopicProgress:
    """Per-topic bookkeeping: status, probes used, thin answers, what is known (example/cause/effect)."""

    status: str = "open"  # open, active, covered, skipped, refused
    follow_ups: int = 0
    probes: list[str] = field(default_factory=list)
    thin: int = 0
    known: list[str] = field(default_factory=list)
    extra_asked: int = 0
    raised_by_leaver: bool = False
    quote: str | None = None
    # the leaver really talked about it (answered its question, or spoke about the theme itself), as
    # opposed to a keyword in passing: only then does leaving the topic count as covering it
    talked: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON storage (by hand: ``asdict`` was a third of a turn's time)."""
        return {
            "status": self.status,
            "follow_ups": self.follow_ups,
            "probes": list(self.probes),
            "thin": self.thin,
            "known": list(self.known),
            "extra_asked": self.extra_asked,
            "raised_by_leaver": self.raised_by_leaver,
            "quote": self.quote,
            "talked": self.talked,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TopicProgress:
        """Inverse of :meth:`to_dict`."""
        return cls(
            status=str(d["status"]),
            follow_ups=int(d["follow_ups"]),
            probes=list(d["probes"]),
            thin=int(d["thin"]),
            known=list(d["known"]),
            extra_asked=int(d.get("extra_asked", 0)),
            raised_by_leaver=bool(d.get("raised_by_leaver", False)),
            quote=d.get("quote"),
            talked=bool(d.get("talked", False)),
        )


@dataclass
class ConversationState:
    """Everything the engine knows about one conversation. ``respond`` never mutates it; it returns a new one.

    turns: the number of leaver answers so far; interviewer_turns: messages the engine has sent (the
    opening counts as one). answers: one {"topic", "phase", "text"} per answer, telling the mirror and the
    analysis which topic and phase each answer belongs to. said: every interviewer message, to never
    repeat a sentence. threads: topics the leaver raised that we still have to come back to, with their
    words. notes: every theme mention with its tone, for contradictions and the summary.
    """

    language: str
    phase: str = "opening"
    current_topic: str | None = None
    turns: int = 0
    interviewer_turns: int = 0
    answers: list[dict[str, str | None]] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    topics: dict[str, TopicProgress] = field(default_factory=dict)
    threads: list[dict[str, str]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    answer_words: list[int] = field(default_factory=list)
    dont_knows: list[int] = field(default_factory=list)
    last_move: Move | None = None
    last_vague_probe: str | None = None
    # every follow-up probe asked in the conversation, in order (topic records are reset when a topic is left)
    asked_probes: list[str] = field(default_factory=list)
    resume_phase: str | None = None
    fatigue: bool = False
    topics_after_fatigue: int = 0
    contradictions: list[str] = field(default_factory=list)
    stay_answer: str | None = None
    stay_when_answer: str | None = None
    advice: dict[str, str] = field(default_factory=dict)
    anything_else_answer: str | None = None
    anything_else_followed: bool = False
    summary_correction: str | None = None
    disclosure_wishes: list[str] = field(default_factory=list)
    # after a serious disclosure: the disclosure kinds, the themes and the words of the disclosed matter,
    # which is never probed again on any topic
    disclosed_kinds: list[str] = field(default_factory=list)
    sensitive_topics: list[str] = field(default_factory=list)
    sensitive_words: list[str] = field(default_factory=list)
    # the words of each disclosed incident: only an answer returning to one of them is left unprobed
    incidents: list[list[str]] = field(default_factory=list)
    progress: float = 0.0
    closed: bool = False
    # topic/theme ids closed by a refusal: never asked, reflected or summarised again
    refused: list[str] = field(default_factory=list)
    # the leaver's corrections of the interviewer (the corrected content, or their words when none was given)
    corrections: list[str] = field(default_factory=list)
    # after a complaint about the interview: fewer probes, ask what matters most
    calm: bool = False
    # the closing summary as recorded: one point per entry, the main reason first (a correction changes it)
    summary_points: list[str] = field(default_factory=list)
    # how often the corrected summary was read back and asked about ("Dan staat er nu: ... Klopt het zo?")
    summary_read_backs: int = 0
    # the interviewer's question still waiting for an answer (asked again after a question about the interview)
    pending: Move | None = None
    # the leaver's turns as understood: one kind per answer ("answer", "meta_question", "refusal", ...)
    turn_kinds: list[str] = field(default_factory=list)
    # the leaver named the real reason: that theme is followed before the next guide topic
    main_reason: str | None = None
    main_reason_words: str | None = None
    # the main reason so far is a pull ("a better offer", "moving closer to family"): the first push the
    # leaver names after it ("passed over for promotion") is the reason behind it and takes its place
    main_reason_pull: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict; :meth:`from_dict` restores an equal state."""
        return {
            "language": self.language,
            "phase": self.phase,
            "current_topic": self.current_topic,
            "turns": self.turns,
            "interviewer_turns": self.interviewer_turns,
            "answers": [dict(a) for a in self.answers],
            "said": list(self.said),
            "topics": {k: v.to_dict() for k, v in self.topics.items()},
            "threads": [dict(t) for t in self.threads],
            "notes": [dict(n) for n in self.notes],
            "flags": [f.to_dict() for f in self.flags],
            "answer_words": list(self.answer_words),
            "dont_knows": list(self.dont_knows),
            "last_move": self.last_move.to_dict() if self.last_move else None,
            "last_vague_probe": self.last_vague_probe,
            "asked_probes": list(self.asked_probes),
            "resume_phase": self.resume_phase,
            "fatigue": self.fatigue,
            "topics_after_fatigue": self.topics_after_fatigue,
            "contradictions": list(self.contradictions),
            "stay_answer": self.stay_answer,
            "stay_when_answer": self.stay_when_answer,
            "advice": dict(self.advice),
            "anything_else_answer": self.anything_else_answer,
            "anything_else_followed": self.anything_else_followed,
            "summary_correction": self.summary_correction,
            "disclosure_wishes": list(self.disclosure_wishes),
            "disclosed_kinds": list(self.disclosed_kinds),
            "sensitive_topics": list(self.sensitive_topics),
            "sensitive_words": list(self.sensitive_words),
            "incidents": [list(words) for words in self.incidents],
            "progress": self.progress,
            "closed": self.closed,
            "refused": list(self.refused),
            "corrections": list(self.corrections),
            "calm": self.calm,
            "summary_points": list(self.summary_points),
            "summary_read_backs": self.summary_read_backs,
            "pending": self.pending.to_dict() if self.pending else None,
            "turn_kinds": list(self.turn_kinds),
            "main_reason": self.main_reason,
            "main_reason_words": self.main_reason_words,
            "main_reason_pull": self.main_reason_pull,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ConversationState:
        """Restore a state stored with :meth:`to_dict`."""
        last = d.get("last_move")
        return cls(
            language=str(d["language"]),
            phase=str(d["phase"]),
            current_topic=d.get("current_topic"),
            turns=int(d["turns"]),
            interviewer_turns=int(d["interviewer_turns"]),
            answers=[dict(a) for a in d.get("answers", [])],
            said=list(d.get("said", [])),
            topics={k: TopicProgress.from_dict(v) for k, v in d.get("topics", {}).items()},
            threads=[dict(t) for t in d.get("threads", [])],
            notes=[dict(n) for n in d.get("notes", [])],
            flags=[Flag.from_dict(f) for f in d.get("flags", [])],
            answer_words=[int(x) for x in d.get("answer_words", [])],
            dont_knows=[int(x) for x in d.get("dont_knows", [])],
            last_move=Move.from_dict(last) if last else None,
            last_vague_probe=d.get("last_vague_probe"),
            asked_probes=list(d.get("asked_probes") or []),
            resume_phase=d.get("resume_phase"),
            fatigue=bool(d.get("fatigue", False)),
            topics_after_fatigue=int(d.get("topics_after_fatigue", 0)),
            contradictions=list(d.get("contradictions", [])),
            stay_answer=d.get("stay_answer"),
            stay_when_answer=d.get("stay_when_answer"),
            advice=dict(d.get("advice", {})),
            anything_else_answer=d.get("anything_else_answer"),
            anything_else_followed=bool(d.get("anything_else_followed", False)),
            summary_correction=d.get("summary_correction"),
            disclosure_wishes=list(d.get("disclosure_wishes", [])),
            disclosed_kinds=list(d.get("disclosed_kinds", [])),
            sensitive_topics=list(d.get("sensitive_topics", [])),
            sensitive_words=list(d.get("sensitive_words", [])),
            incidents=[[str(w) for w in words] for words in d.get("incidents", [])],
            progress=float(d.get("progress", 0.0)),
            closed=bool(d.get("closed", False)),
            refused=[str(x) for x in d.get("refused", [])],
            corrections=[str(x) for x in d.get("corrections", [])],
            calm=bool(d.get("calm", False)),
            summary_points=[str(x) for x in d.get("summary_points", [])],
            summary_read_backs=int(d.get("summary_read_backs", 0)),
            pending=Move.from_dict(pending) if (pending := d.get("pending")) else None,
            turn_kinds=[str(x) for x in d.get("turn_kinds", [])],
            main_reason=d.get("main_reason"),
            main_reason_words=d.get("main_reason_words"),
            main_reason_pull=bool(d.get("main_reason_pull", False)),
        )

    def copy(self) -> ConversationState:
        """A deep, independent copy (respond() works on one so the caller's state never changes)."""
        return ConversationState.from_dict(self.to_dict())

    def probe_worn(self, probe: str | None) -> bool:
        """``probe`` was the follow-up just asked, or has been asked ``MAX_PROBE_USES`` times in the conversation:
        "Welk effect had dat op jou?" on every topic reads as a form, so another kind of probe or the next topic."""
        asked = self.asked_probes
        return (bool(asked) and asked[-1] == probe) or asked.count(probe or "") >= MAX_PROBE_USES

    def topic(self, topic_id: str) -> TopicProgress:
        """The progress record of a topic, created on first use."""
        if topic_id not in self.topics:
            self.topics[topic_id] = TopicProgress()
        return self.topics[topic_id]
