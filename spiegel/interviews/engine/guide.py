"""Interview guides as data: topics, their questions and the closing sequence.

Organisations store customised guides as JSON (``Guide.to_dict``); the defaults live in
``spiegel/interviews/guides/{nl,en}.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

GUIDES_DIR = Path(__file__).resolve().parent.parent / "guides"

CLOSING_KEYS = ("stay", "stay_when", "advice_keep", "advice_change", "anything_else", "summary", "thanks")


@dataclass(frozen=True)
class Topic:
    """One guide topic. ``id`` is a taxonomy theme id (or an organisation's own id for extra topics)."""

    id: str
    label: str
    question: str
    goal: str = ""
    follow_ups: tuple[str, ...] = ("example", "effect")
    priority: int = 50
    optional: bool = False
    extra_questions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain dict as in the guide JSON files."""
        return {
            "id": self.id,
            "label": self.label,
            "goal": self.goal,
            "question": self.question,
            "follow_ups": list(self.follow_ups),
            "priority": self.priority,
            "optional": self.optional,
            "extra_questions": list(self.extra_questions),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Topic:
        """Build a topic from its JSON form; missing optional fields get defaults."""
        return cls(
            id=str(d["id"]),
            label=str(d.get("label", d["id"])),
            question=str(d["question"]),
            goal=str(d.get("goal", "")),
            follow_ups=tuple(d.get("follow_ups", ("example", "effect"))),
            priority=int(d.get("priority", 50)),
            optional=bool(d.get("optional", False)),
            extra_questions=tuple(d.get("extra_questions", ())),
        )


@dataclass(frozen=True)
class Guide:
    """A complete interview guide in one language."""

    language: str
    intro: str
    opening_question: str
    topics: tuple[Topic, ...]
    closing: dict[str, str] = field(default_factory=dict)
    max_turns: int = 30
    version: int = 1

    def __post_init__(self) -> None:
        if self.language not in ("nl", "en"):
            raise ValueError(f"unsupported guide language: {self.language!r}")
        missing = [k for k in CLOSING_KEYS if not self.closing.get(k)]
        if missing:
            raise ValueError(f"guide closing is missing: {', '.join(missing)}")
        ids = [t.id for t in self.topics]
        if len(ids) != len(set(ids)):
            raise ValueError("guide topic ids must be unique")
        if not 12 <= self.max_turns <= 34:
            raise ValueError("max_turns must be between 12 and 34")

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, or None."""
        for t in self.topics:
            if t.id == topic_id:
                return t
        return None

    def ordered_topics(self) -> list[Topic]:
        """Topics by priority (lowest number first), stable on the guide's order."""
        return sorted(self.topics, key=lambda t: t.priority)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form that organisations store."""
        return {
            "language": self.language,
            "version": self.version,
            "max_turns": self.max_turns,
            "intro": self.intro,
            "opening_question": self.opening_question,
            "topics": [t.to_dict() for t in self.topics],
            "closing": dict(self.closing),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Guide:
        """Build a guide from its JSON form (raises ValueError/KeyError on an invalid guide)."""
        return cls(
            language=str(d["language"]),
            intro=str(d["intro"]),
            opening_question=str(d["opening_question"]),
            topics=tuple(Topic.from_dict(t) for t in d["topics"]),
            closing={str(k): str(v) for k, v in d["closing"].items()},
            max_turns=int(d.get("max_turns", 30)),
            version=int(d.get("version", 1)),
        )

    def customised(
        self,
        remove_topics: list[str] | None = None,
        extra_questions: dict[str, list[str]] | None = None,
        extra_topics: list[Topic] | None = None,
    ) -> Guide:
        """A copy with topics removed, organisation questions added to topics, and own topics added.

        Extra questions are asked verbatim, after the topic's own follow-ups; validate them with
        ``check_question`` when an organisation saves them.
        """
        removed = set(remove_topics or [])
        extras = extra_questions or {}
        unknown = [k for k in extras if self.topic(k) is None and k not in {t.id for t in extra_topics or []}]
        if unknown:
            raise ValueError(f"extra questions for unknown topics: {', '.join(sorted(unknown))}")
        topics: list[Topic] = []
        for t in [*self.topics, *(extra_topics or [])]:
            if t.id in removed:
                continue
            if t.id in extras:
                t = replace(t, extra_questions=(*t.extra_questions, *extras[t.id]))
            topics.append(t)
        return replace(self, topics=tuple(topics))


def load_default_guide(language: str) -> Guide:
    """The built-in guide for ``language`` ("nl" or "en")."""
    if language not in ("nl", "en"):
        raise ValueError(f"unsupported guide language: {language!r}")
    with (GUIDES_DIR / f"{language}.json").open(encoding="utf-8") as f:
        return Guide.from_dict(json.load(f))
