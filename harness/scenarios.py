"""Scenario runner: short conversations as data, run black-box over the Engine API (contract of issue 11).

A scenario (``tests/scenarios/interviewer/*/*.json``, one object or a list per file)::

    {"id": "nl-refusal-007", "language": "nl", "kind": "refusal",
     "context": {"organisation": "Zorggroep Noord", "min_group_size": 5, "contact": ""},
     "before": ["earlier answers of the leaver, in order"],
     "say": "Over mijn teamleider wil ik het niet hebben.",
     "expect": {"understood_kind": "refusal", "refused": ["manager"],
                "must_match": ["regex the joined reply must contain (case-insensitive)"],
                "must_not_match": ["regex it must not contain"],
                "flags": ["disclosure"], "no_flags": false,
                "later_never_mentions": ["leidinggevende", "teamleider"],
                "later_mentions": ["regex the reply or a later interviewer message must match (threads come back)"],
                "not_closed": true, "closed": false}}

The runner starts the engine with the case context, sends every ``before`` text and then ``say``, and checks
the reply to ``say``: the understood kind (and any other understood field under ``understood``), the topics
closed by a refusal, the flags raised on that turn, the regexes. ``later_never_mentions`` goes on with
neutral answers to the end and checks that no later interviewer message matches. Every interviewer message
of the scenario is also run through the fragment check.

``"at": "summary"`` says the last turn at the closing summary instead: after ``before`` the runner answers
neutrally until the conversation's phase is ``summary``, checks that message with ``summary_must_match`` /
``summary_must_not_match`` (the main reason first, no refused topic, no negated feeling), then says ``say``;
``corrections_recorded`` checks that a correction landed in ``state.corrections``, ``corrections_match`` that
one recorded correction matches each regex. ``closed`` checks that the reply ends the conversation (after a
request to stop). ``no_repeat`` checks that no question of the reply repeats an earlier interviewer sentence
word for word. ``disclosed_before`` lists the ``before`` turns (by index, from 0) that themselves tell a
serious disclosure, in a scenario about what follows one: the runner checks that each raised a disclosure
flag, and ``bench/disclosure.py --ordinary`` counts them apart from ordinary talk. An exception from the
engine, or a reply without ``understood`` where a scenario expects one,
is a failed check, never a crash.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from harness.fragments import bad_fragments
from spiegel.interviews.engine import CaseContext, ConversationState, Engine, EngineReply, load_default_guide
from spiegel.language.understanding import TurnKind

# Kinds of scenario: the kinds of turn of the contract, and the attributes of an answer the issue names.
TURN_KINDS: tuple[str, ...] = get_args(TurnKind)
ATTRIBUTE_KINDS = (
    "disclosure",
    "distress",
    "sarcasm",
    "decisive",
    "negation",
    "threads",
    "matter",
    "summary",
    "request",  # an explicit request about the conversation: to stop, to pause, to talk about something
)
SCENARIO_KINDS = TURN_KINDS + ATTRIBUTE_KINDS
EXPECT_KEYS = frozenset(
    {
        "understood_kind",
        "understood",
        "refused",
        "must_match",
        "must_not_match",
        "flags",
        "no_flags",
        "later_never_mentions",
        "later_mentions",
        "not_closed",
        "closed",
        "no_repeat",
        "summary_must_match",
        "summary_must_not_match",
        "corrections_recorded",
        "corrections_match",
    }
)
CONTEXT_KEYS = frozenset({"organisation", "practice", "min_group_size", "contact", "reporting_procedure", "mode"})
SCENARIO_KEYS = frozenset(
    {"id", "language", "kind", "context", "before", "say", "expect", "note", "topic", "at", "disclosed_before"}
)
# Where the last turn is said: right after ``before`` (default), or at the closing summary ("summary"), reached
# by answering neutrally after ``before`` until the conversation's phase is the summary.
AT_VALUES = ("", "summary")

# Answers that name nothing, for running a conversation on to its end (later_never_mentions).
NEUTRAL_ANSWERS = {
    "nl": (
        "Dat ging goed, daar heb ik niets bijzonders over te melden.",
        "Niets bijzonders, dat was gewoon in orde.",
        "Daar heb ik geen opmerkingen over, dat was prima geregeld.",
    ),
    "en": (
        "That went fine, nothing special to report there.",
        "Nothing in particular, that was all right.",
        "I have no remarks on that, it was fine.",
    ),
}
MAX_LATER_TURNS = 60


class ScenarioError(ValueError):
    """A scenario file that does not follow the format (unknown keys, wrong types)."""


@dataclass(frozen=True)
class Scenario:
    """One short conversation and what the reply to its last turn must and must not do."""

    id: str
    language: str
    kind: str
    say: str
    before: tuple[str, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    at: str = ""
    disclosed_before: tuple[int, ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any], source: str = "") -> Scenario:
        """Validate and build; unknown keys are an error, so a typo in the data cannot silently test nothing."""
        where = f"{source}: {d.get('id', '?')}"
        extra = set(d) - SCENARIO_KEYS
        if extra:
            raise ScenarioError(f"{where}: unknown keys {sorted(extra)}")
        for key in ("id", "language", "kind", "say"):
            if not isinstance(d.get(key), str) or not d[key]:
                raise ScenarioError(f"{where}: '{key}' must be a non-empty string")
        if d["language"] not in ("nl", "en"):
            raise ScenarioError(f"{where}: language must be nl or en")
        if d["kind"] not in SCENARIO_KINDS:
            raise ScenarioError(f"{where}: unknown kind {d['kind']!r}")
        expect = d.get("expect", {})
        if not isinstance(expect, dict) or set(expect) - EXPECT_KEYS:
            raise ScenarioError(f"{where}: unknown expect keys {sorted(set(expect) - EXPECT_KEYS)}")
        context = d.get("context", {})
        if not isinstance(context, dict) or set(context) - CONTEXT_KEYS:
            raise ScenarioError(f"{where}: unknown context keys {sorted(set(context) - CONTEXT_KEYS)}")
        if d.get("at", "") not in AT_VALUES:
            raise ScenarioError(f"{where}: 'at' must be one of {AT_VALUES}")
        for key in (
            "must_match",
            "must_not_match",
            "later_never_mentions",
            "later_mentions",
            "summary_must_match",
            "summary_must_not_match",
            "corrections_match",
        ):
            for pattern in expect.get(key, []):
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ScenarioError(f"{where}: bad regex {pattern!r}: {exc}") from exc
        before = d.get("before", [])
        if not isinstance(before, list) or not all(isinstance(b, str) for b in before):
            raise ScenarioError(f"{where}: 'before' must be a list of strings")
        disclosed = d.get("disclosed_before", [])
        if not isinstance(disclosed, list) or not all(isinstance(i, int) and 0 <= i < len(before) for i in disclosed):
            raise ScenarioError(f"{where}: 'disclosed_before' must list indices of 'before'")
        return cls(
            id=d["id"],
            language=d["language"],
            kind=d["kind"],
            say=d["say"],
            before=tuple(before),
            context=dict(context),
            expect=dict(expect),
            source=source,
            at=str(d.get("at", "")),
            disclosed_before=tuple(disclosed),
        )


@dataclass
class ScenarioResult:
    """The outcome of one scenario: passed when there are no failures and no bad fragments."""

    scenario: Scenario
    failures: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)
    reply: str = ""
    summary: str = ""
    transcript: list[tuple[str, str]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No failed check and no bad fragment."""
        return not self.failures and not self.fragments


def load_scenarios(directory: Path | str) -> list[Scenario]:
    """Every scenario in the ``*.json`` files under ``directory`` (sorted by file, then order in the file)."""
    root = Path(directory)
    out: list[Scenario] = []
    seen: set[str] = set()
    for path in sorted(root.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict):
                raise ScenarioError(f"{path.name}: every scenario must be an object")
            scenario = Scenario.from_dict(item, source=path.name)
            if scenario.id in seen:
                raise ScenarioError(f"{path.name}: duplicate id {scenario.id}")
            seen.add(scenario.id)
            out.append(scenario)
    return out


def _make_engine(scenario: Scenario) -> Engine:
    """The engine for the scenario's language, with this case's context."""
    return Engine(load_default_guide(scenario.language), context=CaseContext(**scenario.context))


def _flag_label(kind: str, topic: str | None) -> set[str]:
    return {kind, f"{kind}:{topic}"} if topic else {kind}


class _Conversation:
    """The engine, its state, the leaver's answers and every interviewer message, checked as they come."""

    def __init__(self, scenario: Scenario, result: ScenarioResult) -> None:
        self.scenario = scenario
        self.result = result
        self.engine = _make_engine(scenario)
        self.answers: list[str] = []
        first = self.engine.begin()
        self.state: ConversationState = first.state
        self.closed = first.closed
        self.last_messages = list(first.messages)
        self._record(first)

    def _record(self, reply: EngineReply) -> None:
        for message in reply.messages:
            self.result.transcript.append(("interviewer", message))
            for bad in bad_fragments(message, self.answers, self.scenario.language):
                self.result.fragments.append(f"{bad}  [in: {message}]")

    def say(self, text: str) -> EngineReply:
        self.answers.append(text)
        self.result.transcript.append(("leaver", text))
        reply = self.engine.respond(self.state, text)
        self.state = reply.state
        self.closed = reply.closed
        self.last_messages = list(reply.messages)
        self._record(reply)
        return reply


def _understood_value(understood: Any, key: str) -> Any:
    value = getattr(understood, key, None)
    if isinstance(value, tuple):
        return list(value)
    return value


def _check_reply(scenario: Scenario, reply: EngineReply, result: ScenarioResult) -> None:
    expect = scenario.expect
    text = "\n".join(reply.messages)
    result.reply = text
    if "understood_kind" in expect or "understood" in expect:
        result.failures += _understood_failures(expect, reply.understood)
    if "refused" in expect:
        refused = reply.state.refused
        missing = [r for r in expect["refused"] if r not in refused]
        if missing:
            result.failures.append(f"refused {list(refused)!r}, expected to include {missing!r}")
    result.failures += _flag_failures(expect, reply)
    result.failures += _pattern_failures(expect, text)
    if expect.get("no_repeat"):
        result.failures += _repeated_questions(result.transcript, reply, text)
    if expect.get("corrections_recorded") and not reply.state.corrections:
        result.failures.append("the correction was not recorded (state.corrections is empty)")
    for pattern in expect.get("corrections_match", []):
        if not any(re.search(pattern, c, re.IGNORECASE) for c in reply.state.corrections):
            result.failures.append(
                f"no recorded correction matches /{pattern}/ (corrections: {reply.state.corrections})"
            )
    if expect.get("not_closed") and reply.closed:
        result.failures.append("the interview ended on this turn")
    if expect.get("closed") and not reply.closed:
        result.failures.append("the interview did not end on this turn")


def _understood_failures(expect: dict[str, Any], understood: Any) -> list[str]:
    """How the reply's ``understood`` differs from ``understood_kind`` and the ``understood`` fields."""
    if understood is None:
        return ["the reply has no 'understood' (EngineReply.understood missing or None)"]
    failures: list[str] = []
    want = expect.get("understood_kind")
    if want is not None and getattr(understood, "kind", None) != want:
        failures.append(f"understood as {getattr(understood, 'kind', None)!r}, expected {want!r}")
    for key, value in expect.get("understood", {}).items():
        got = _understood_value(understood, key)
        if got != value:
            failures.append(f"understood.{key} is {got!r}, expected {value!r}")
    return failures


def _flag_failures(expect: dict[str, Any], reply: EngineReply) -> list[str]:
    """Flags ``flags`` wants that this turn did not raise, or any flag where ``no_flags`` wants none."""
    raised: set[str] = set()
    for flag in reply.flags:
        raised |= _flag_label(flag.kind, flag.topic)
    failures = [
        f"no {want!r} flag raised on this turn (raised: {sorted(raised)})"
        for want in expect.get("flags", [])
        if want not in raised
    ]
    if expect.get("no_flags") and reply.flags:
        failures.append(f"flags raised where none belong: {sorted(raised)}")
    return failures


def _pattern_failures(expect: dict[str, Any], text: str) -> list[str]:
    """The ``must_match`` regexes the reply does not match, then the ``must_not_match`` ones it does."""
    failures = [
        f"reply does not match /{pattern}/"
        for pattern in expect.get("must_match", [])
        if not re.search(pattern, text, re.IGNORECASE)
    ]
    for pattern in expect.get("must_not_match", []):
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            failures.append(f"reply matches /{pattern}/ ({m.group(0)!r})")
    return failures


def _repeated_questions(transcript: list[tuple[str, str]], reply: EngineReply, text: str) -> list[str]:
    """The questions of the reply that repeat an earlier interviewer sentence word for word."""
    earlier = {m.strip() for who, m in transcript[: -len(reply.messages) or None] if who == "interviewer"}
    earlier_sentences = {s.strip() for m in earlier for s in re.findall(r"[^.!?]+[.!?]", m)}
    return [
        f"repeats an earlier question word for word: {sentence.strip()}"
        for sentence in re.findall(r"[^.!?]+\?", text)
        if sentence.strip() in earlier_sentences
    ]


def _neutral(language: str) -> Iterator[str]:
    answers = NEUTRAL_ANSWERS[language]
    i = 0
    while True:
        yield answers[i % len(answers)]
        i += 1


def _check_later(scenario: Scenario, convo: _Conversation, result: ScenarioResult) -> None:
    patterns = scenario.expect.get("later_never_mentions", [])
    wanted = scenario.expect.get("later_mentions", [])
    if not patterns and not wanted:
        return
    start = len(result.transcript)
    neutral = _neutral(scenario.language)
    turns = 0
    while not convo.closed and turns < MAX_LATER_TURNS:
        convo.say(next(neutral))
        turns += 1
    if not convo.closed:
        result.failures.append(f"the conversation did not close within {MAX_LATER_TURNS} neutral answers")
    for who, message in result.transcript[start:]:
        if who != "interviewer":
            continue
        for pattern in patterns:
            m = re.search(pattern, message, re.IGNORECASE)
            if m:
                result.failures.append(f"later message mentions /{pattern}/ ({m.group(0)!r}): {message}")
    # a thread may be followed in the reply itself or come back in any later message
    later = "\n".join([result.reply, *(message for who, message in result.transcript[start:] if who == "interviewer")])
    for pattern in wanted:
        if not re.search(pattern, later, re.IGNORECASE):
            result.failures.append(f"no later message comes back to /{pattern}/")


def _reach_summary(scenario: Scenario, convo: _Conversation, result: ScenarioResult) -> bool:
    """Answer neutrally until the interviewer gives its closing summary; check the summary's wording."""
    neutral = _neutral(scenario.language)
    turns = 0
    while convo.state.phase != "summary":
        if convo.closed or turns >= MAX_LATER_TURNS:
            result.failures.append("the conversation never reached its closing summary")
            return False
        convo.say(next(neutral))
        turns += 1
    result.summary = "\n".join(convo.last_messages)
    for pattern in scenario.expect.get("summary_must_match", []):
        if not re.search(pattern, result.summary, re.IGNORECASE):
            result.failures.append(f"summary does not match /{pattern}/: {result.summary}")
    for pattern in scenario.expect.get("summary_must_not_match", []):
        m = re.search(pattern, result.summary, re.IGNORECASE)
        if m:
            result.failures.append(f"summary matches /{pattern}/ ({m.group(0)!r}): {result.summary}")
    return True


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Run one scenario; any exception from the engine is recorded as a failure, not raised."""
    result = ScenarioResult(scenario)
    try:
        convo = _Conversation(scenario, result)
        for i, text in enumerate(scenario.before):
            told = convo.say(text)
            if i in scenario.disclosed_before and not any(f.kind == "disclosure" for f in told.flags):
                result.failures.append(f"before turn {i} tells a disclosure but raised no disclosure flag")
            if convo.closed:
                result.failures.append("the interview ended before the scenario's last turn")
                return result
        if scenario.at == "summary" and not _reach_summary(scenario, convo, result):
            return result
        reply = convo.say(scenario.say)
        _check_reply(scenario, reply, result)
        _check_later(scenario, convo, result)
    except Exception as exc:  # the engine's failure is the scenario's failure
        result.failures.append(f"engine raised {type(exc).__name__}: {exc}")
    return result


def run_scenarios(scenarios: Iterable[Scenario]) -> list[ScenarioResult]:
    """Run them all, in order."""
    return [run_scenario(s) for s in scenarios]


@dataclass(frozen=True)
class Rate:
    """Passed out of total."""

    passed: int
    total: int

    @property
    def rate(self) -> float:
        """Fraction passed (0.0 when empty)."""
        return self.passed / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.passed}/{self.total} ({100 * self.rate:.1f}%)"


def pass_rates(results: Iterable[ScenarioResult]) -> dict[str, dict[str, Rate]]:
    """Pass rates overall (key "all"), per kind and per language."""
    counts: dict[str, dict[str, list[int]]] = {"all": {}, "kind": {}, "language": {}}
    for r in results:
        for group, key in (("all", "all"), ("kind", r.scenario.kind), ("language", r.scenario.language)):
            c = counts[group].setdefault(key, [0, 0])
            c[0] += int(r.passed)
            c[1] += 1
    return {g: {k: Rate(p, t) for k, (p, t) in sorted(v.items())} for g, v in counts.items()}
