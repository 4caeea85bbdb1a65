"""Serious disclosures told in ordinary words: incidents, safety events, fraud, discrimination, harassment.

A word list catches "fraude" or "racistisch"; a leaver more often says what happened: "een cliënt is
gevallen en de melding is nergens gebleven", "he said I'd lose my job if I went to the confidential adviser".
Such a sentence is recognised by the *frames* it combines, each frame a small set of ordinary phrasings
(``data/disclosure/frames.json``):

- safety: someone in the organisation's care (or a worker) + an event that harmed them, or a harm or incident
  + a report that went nowhere, or a hazard + its being ignored;
- integrity: a record or money + a falsification (filled in without measuring, changed afterwards) or a
  private use of the organisation's money;
- harassment: an unwanted act on the body, a threat of consequences *if* the leaver spoke up, humiliation
  *since* the leaver spoke up (retaliation), a veiled threat to the job or contract after speaking up
  ("mensen die moeilijk doen, halen hun proeftijd niet", "complainers don't last long here"), or
  humiliation with exclusion by the group (bullying);
  humiliation or harsh criticism by a manager on its own ("it's humiliating, honestly") is a complaint about
  leadership, not a disclosure;
- discrimination: a protected ground + an adverse outcome, or + different treatment told in ordinary words
  ("sinds ik een hoofddoek draag, doet hij anders tegen me", "the first to be moved to nights"), or + what
  customers are said to prefer ("guests prefer a neutral look on reception"); a joke about hiding a bomb;
- violence: a physical act against a person.

A rule fires when all its frames occur in one sentence and none of its blockers does ("netjes gemeld",
"op vakantie"). A *defusal* (``defuse`` in the data) cancels a finding of its kinds in its sentence, whether
the frames or a word list found it: an incident in sport or private life ("het enige geweld was bij het
bedrijfsvoetbal"), or a care receiver's aggression or an incident that was reported and dealt with ("a
patient got aggressive, it was reported and security were great"), unless the same sentence says the
report went nowhere. Frames listed as *negatable* do not count when a negation, a hedge or a hypothetical
governs them in their own clause: "er is nooit iemand gevallen", "I nearly fell asleep", "wat je moet doen
als een cliënt je slaat". Understaffing on its own ("met z'n tweeën voor dertig bewoners") is a workload
matter, not a disclosure, and so is being alone with many ("alleen met twintig bewoners op de avonddienst"):
it becomes one only with a harm, a concealment or the leaver's own judgement that it was unsafe. Paperwork
while short of staff ("moesten alles noteren, terwijl er niemand was ...") is workload too: a record is an
integrity matter only when it is untrue.

The understanding of a turn (``understanding_reading.disclosure_of``) asks :func:`incident_kind` when its
word list found nothing, and the learned reader (``disclosure_model``) when these frames find nothing
either; the figures are in ``docs/benchmarks.md`` (``bench/disclosure.py``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["defused", "figures", "incident_kind", "misread", "without_figures"]

_DATA = Path(__file__).resolve().parent / "data" / "disclosure" / "frames.json"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# How far before a negatable match a negation may stand and still govern it ("ik ben nooit geslagen").
_NEGATION_REACH = 40


@dataclass(frozen=True)
class _Rule:
    kind: str
    frames: tuple[str, ...]
    blockers: tuple[str, ...]
    # also read over two adjacent sentences ("Ik heb het toch gemeld. Sindsdien werd ik overal buiten gehouden.")
    pair: bool = False


@dataclass(frozen=True)
class _Defusal:
    kinds: frozenset[str]
    frames: tuple[str, ...]
    unless: tuple[str, ...]


@dataclass(frozen=True)
class _Frames:
    patterns: dict[str, re.Pattern[str]]
    negatable: frozenset[str]
    negation: re.Pattern[str]
    negation_after: re.Pattern[str] | None
    clause_break: re.Pattern[str]
    rules: tuple[_Rule, ...]
    defusals: tuple[_Defusal, ...]
    figures: re.Pattern[str] | None


def _fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes made plain: 'cliënt' and 'client' read alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _alternatives(items: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(_fold(item) for item in items) + ")")


@cache
def _frames(language: str) -> _Frames | None:
    data = json.loads(_DATA.read_text(encoding="utf-8")).get(language)
    if data is None:
        return None
    patterns = {name: _alternatives(items) for name, items in data["concepts"].items()}
    rules = tuple(
        _Rule(str(rule["kind"]), tuple(rule["all"]), tuple(rule.get("none", ())), bool(rule.get("pair", False)))
        for rule in data["rules"]
    )
    defusals = tuple(
        _Defusal(frozenset(item["kinds"]), tuple(item["all"]), tuple(item.get("unless", ())))
        for item in data.get("defuse", [])
    )
    named = {name for rule in rules for name in rule.frames + rule.blockers}
    named |= {name for item in defusals for name in item.frames + item.unless}
    unknown = named - patterns.keys()
    if unknown:
        raise ValueError(f"frames.json ({language}): rules name unknown concepts {sorted(unknown)}")
    return _Frames(
        patterns,
        frozenset(data["negatable"]),
        _alternatives(data["negation"]),
        _alternatives(data["negation_after"]) if data.get("negation_after") else None,
        re.compile("|".join(data["clause_break"])),
        rules,
        defusals,
        _alternatives(data["figures"]) if data.get("figures") else None,
    )


def _governed(sentence: str, start: int, end: int, frames: _Frames) -> bool:
    """Whether a negation, hedge or hypothetical in the same clause governs the match: just before it, or
    (Dutch word order) right after it ("viel bijna", "sloeg me niet")."""
    if frames.negation_after is not None and frames.negation_after.match(sentence[end:].lstrip()):
        return True
    before = sentence[max(0, start - _NEGATION_REACH) : start]
    breaks = list(frames.clause_break.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return frames.negation.search(before) is not None


def _occurs(name: str, sentence: str, frames: _Frames) -> bool:
    pattern = frames.patterns[name]
    if name not in frames.negatable:
        return pattern.search(sentence) is not None
    return any(not _governed(sentence, m.start(), m.end(), frames) for m in pattern.finditer(sentence))


def _fires(rule: _Rule, sentence: str, frames: _Frames) -> bool:
    return all(_occurs(name, sentence, frames) for name in rule.frames) and not any(
        frames.patterns[name].search(sentence) for name in rule.blockers
    )


def _defuses(kind: str, sentence: str, frames: _Frames) -> bool:
    return any(
        kind in item.kinds
        and all(_occurs(name, sentence, frames) for name in item.frames)
        and not any(frames.patterns[name].search(sentence) for name in item.unless)
        for item in frames.defusals
    )


def defused(kind: str, text: str, at: int, language: str) -> bool:
    """Whether the sentence of ``text`` around character ``at`` cancels a finding of ``kind`` there: a word
    list's "geweld" in "het enige geweld was bij het bedrijfsvoetbal", a patient's aggression that was
    reported and dealt with."""
    frames = _frames(language)
    if frames is None:
        return False
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return _defuses(kind, _fold(text[start:end]), frames)


def figures(text: str, language: str) -> list[tuple[int, int]]:
    """Where ``text`` (lower case) uses the words of a disclosure as a figure of speech or an idiom of effort:
    "we sloegen ons er samen doorheen", "de knoop doorhakken", "this commute is killing me", "shoot me an
    email", "hit the deadline". Spans of characters; nothing happened to anyone there."""
    frames = _frames(language)
    if frames is None or frames.figures is None:
        return []
    return [(m.start(), m.end()) for m in frames.figures.finditer(text)]


def without_figures(text: str, language: str) -> str:
    """``text`` with its figures of speech (:func:`figures`) blanked out, each character a space, so that
    what is left can be read for what happened."""
    chars = list(text)
    for start, end in figures(text.lower(), language):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _kind_of_sentence(sentence: str, frames: _Frames, pair: bool) -> str | None:
    for rule in frames.rules:
        if pair and not rule.pair:
            continue
        if _fires(rule, sentence, frames) and not _defuses(rule.kind, sentence, frames):
            return rule.kind
    return None


def incident_kind(text: str, language: str, before: str = "") -> str | None:
    """The kind of serious disclosure ``text`` tells in ordinary words (harassment, discrimination,
    integrity, safety, violence), or None. Reads sentence by sentence, its figures of speech left out; the
    earliest sentence that fires a rule decides, and within it the first rule in the data's order that no
    defusal cancels there. Rules marked ``pair`` are then read over each two adjacent sentences too (what
    the leaver said, then what followed it), the first of them the last sentence of ``before`` (the answer
    before this one) where it is given ("Ik heb het toch gemeld.", then "Daarna kreeg ik de slechtste
    roosters.")."""
    frames = _frames(language)
    if frames is None:
        return None
    sentences = [s for s in _SENTENCE_END.split(without_figures(_fold(text), language)) if s.strip()]
    for sentence in sentences:
        kind = _kind_of_sentence(sentence, frames, pair=False)
        if kind is not None:
            return kind
    told = [s for s in _SENTENCE_END.split(without_figures(_fold(before), language)) if s.strip()][-1:]
    for first, second in zip(told + sentences, sentences if told else sentences[1:], strict=False):
        kind = _kind_of_sentence(f"{first} {second}", frames, pair=True)
        if kind is not None:
            return kind
    return None


@cache
def _misread_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None:
    data = json.loads(_DATA.read_text(encoding="utf-8")).get(language, {}).get("misread")
    if data is None:
        return None
    return _alternatives(data["said"]), _alternatives(data["denied"]), _alternatives(data["but"])


def misread(text: str, language: str) -> bool:
    """Whether the leaver says that what was taken for a disclosure was not one: it was a saying or a figure
    of speech ("dat is een uitdrukking", "it's a saying"), the interviewer misunderstood ("je begrijpt me
    verkeerd"), or nothing of the kind happened ("er is niemand geslagen", "no, nobody hurt anyone"). A denial
    followed by what did happen ("er is niemand geslagen, maar hij duwde me wel") takes nothing back."""
    patterns = _misread_patterns(language)
    if patterns is None:
        return False
    said, denied, but = patterns
    folded = _fold(text)
    if said.search(folded):
        return True
    return any(not but.search(folded, m.end()) for m in denied.finditer(folded))
