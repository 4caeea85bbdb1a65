"""A made-up leaver of the demo, composed from an industry's answers and answering the real interviewer.

This is product data for the demo, not a test tool: it knows only the answers in ``data/<industry>.json``
and a few words that tell which kind of question it was asked (a reason, a follow-up, what would have kept
them, when, what to keep, anything else, the summary).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
INDUSTRY_FILES = {"care": "care-nl.json", "logistics": "logistics-en.json"}


@cache
def industry(name: str) -> dict[str, Any]:
    """The answers of made-up leavers of one industry (see data/README.md)."""
    data: dict[str, Any] = json.loads((DATA / INDUSTRY_FILES[name]).read_text(encoding="utf-8"))
    return data


@dataclass
class Story:
    """What one leaver will say: the main reason first, then one or two more."""

    themes: list[str]
    opening: str
    surface: dict[str, str]
    details: dict[str, list[str]]
    stay: str
    change: str
    when: str
    keep: str


def _wording(detail: str | list[str], rng: random.Random) -> str:
    """A detail is one sentence, or a fact in several wordings of which this leaver says one: leavers who
    report the same fact do so in their own words, as real leavers would."""
    return detail if isinstance(detail, str) else rng.choice(detail)


def compose(name: str, rng: random.Random) -> Story:
    """A leaver of the industry: a main reason drawn by weight, one or two other reasons, and for each a
    vague answer and two or three concrete details picked from the industry's answers (each in one of its
    wordings)."""
    data = industry(name)
    pool = data["themes"]
    names = sorted(pool)
    main = rng.choices(names, weights=[pool[n]["weight"] for n in names])[0]
    others = rng.sample([n for n in names if n != main], rng.choice([1, 2]))
    themes = [main, *others]
    return Story(
        themes=themes,
        opening=rng.choice(pool[main]["opening"]),
        surface={t: rng.choice(pool[t]["surface"]) for t in themes},
        details={
            t: [
                _wording(d, rng)
                for d in rng.sample(pool[t]["details"], min(len(pool[t]["details"]), rng.choice([2, 3])))
            ]
            for t in themes
        },
        stay=pool[main]["stay"],
        change=pool[main]["change"],
        when=rng.choice(data["when"]),
        keep=rng.choice(data["keep"]),
    )


@dataclass
class DemoLeaver:
    """Answers the interviewer's questions from a :class:`Story`; deterministic for the same questions."""

    industry: str
    story: Story
    _told: dict[str, int] = field(default_factory=dict)
    _neutral: set[str] = field(default_factory=set)
    _current: str | None = None
    _opened: bool = False

    def answer(self, question: str) -> str:
        data = industry(self.industry)
        asked = question.lower()
        if not self._opened:
            self._opened = True
            self._current = self.story.themes[0]
            self._told[self._current] = 0
            return self.story.opening
        closing = self._closing(asked, data)
        if closing is not None:
            return closing
        theme = self._theme_asked(asked, data)
        if theme is not None and theme != self._current:
            return self._about(theme, data)
        return self._follow_up(data)

    def _closing(self, asked: str, data: dict[str, Any]) -> str | None:
        cues = data["cues"]
        phrases = data["phrases"]
        if any(c in asked for c in cues["summary"]):
            return str(phrases["summary_ok"])
        if any(c in asked for c in cues["anything_else"]):
            untold = [t for t in self.story.themes if t not in self._told]
            if untold:
                self._current = untold[0]
                self._told[untold[0]] = 0
                surface = self.story.surface[untold[0]]
                return str(phrases["bring_up"]).format(text=surface[0].lower() + surface[1:])
            return str(phrases["nothing_else"])
        for kind in ("when", "stay", "change", "keep"):
            if any(c in asked for c in cues[kind]):
                return str(getattr(self.story, kind))
        return None

    def _theme_asked(self, asked: str, data: dict[str, Any]) -> str | None:
        for theme, words in data["cues"]["themes"].items():
            if any(w in asked for w in words):
                return str(theme)
        return None

    def _about(self, theme: str, data: dict[str, Any]) -> str:
        if theme not in self.story.themes:
            if theme in self._neutral or theme not in data["neutral"]:
                return str(data["phrases"]["neutral_followup"])
            self._neutral.add(theme)
            return str(data["neutral"][theme])
        self._current = theme
        if theme in self._told:
            return self._follow_up(data)
        self._told[theme] = 0
        return self.story.surface[theme]

    def _follow_up(self, data: dict[str, Any]) -> str:
        theme = self._current
        if theme is None or theme not in self.story.themes:
            return str(data["phrases"]["no_more"])
        told = self._told.get(theme, 0)
        details = self.story.details[theme]
        if told >= len(details):
            return str(data["phrases"]["no_more"])
        self._told[theme] = told + 1
        return details[told]
