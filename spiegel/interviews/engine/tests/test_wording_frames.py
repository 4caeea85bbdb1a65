"""Every frame the engine can fill, filled with every topic name it can use, reads as one well-formed sentence;
and the leaver's words go into a frame only as a whole noun phrase the leaver said (docs/interviewing.md,
"Question craft" and "Paraphrase, don't paste")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest

from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.engine.reflection import label_named, reflectable
from spiegel.interviews.engine.wording import topic_labels, wording

from .helpers import converse

_WORD = re.compile(r"[\w'’-]+")
# Prepositions that a topic name may hold ("appreciation for your work", "zekerheid over je baan"): one frame
# sentence never has the same one twice ("about security about your job", "voor je werk voor jou").
PREPOSITIONS = {
    "en": ("about", "for", "of", "with", "around", "on", "at", "in"),
    "nl": ("over", "voor", "van", "met", "rond", "op", "bij", "aan", "in"),
}
# Word pairs that read badly whatever fills the frame: the practice *of* a topic, noticing *in your work the way*.
BAD_PAIRS = {"en": (("practice", "of"), ("work", "the")), "nl": (("praktijk", "van"), ("werk", "hoe"))}
MAX_WORDS = 25


def _templates(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for item in node:
            yield from _templates(item, path)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _templates(value, (*path, str(key)))


def _labels(language: str) -> list[str]:
    guide = load_default_guide(language)
    return sorted({t.label for t in guide.topics} | set(topic_labels(language).values()))


def _combinations(language: str) -> list[tuple[str, str]]:
    """(where, sentence) for every frame with a topic name, filled with every topic name."""
    guide = load_default_guide(language)
    data = wording(language)
    out: list[tuple[str, str]] = []
    for path, template in _templates(data):
        if "{label}" not in template or path[0] in ("meta", "disclosure"):
            continue
        labels = _labels(language)
        if path[0] == "topic_probes":  # a topic's own probes are only said on that topic
            labels = [topic_labels(language)[path[1]], *(t.label for t in guide.topics if t.id == path[1])]
        for label in labels:
            filled = template.format(
                label=label,
                q=label,
                q2="",
                role=data["default_role"],
                feeling="",
                ref=data["default_feeling_ref"],
                question=guide.opening_question,
                points=label,
            )
            out.append(("/".join(path), filled))
    for topic in guide.topics:
        out.append((f"guide/{topic.id}", topic.question))
    return out


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


def _problems(sentence: str, language: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(sentence)]
    problems: list[str] = []
    for prep in PREPOSITIONS[language]:
        if words.count(prep) > 1:
            problems.append(f"'{prep}' twice")
    pairs = list(itertools.pairwise(words))
    doubled = {p for p in pairs if pairs.count(p) > 1}
    if doubled:
        problems.append(f"the words '{' '.join(sorted(doubled)[0])}' twice")
    problems.extend(f"'{a} {b}'" for a, b in BAD_PAIRS[language] if (a, b) in pairs)
    if any(a == b and a != "je" for a, b in pairs):
        problems.append("a word twice in a row")
    if len(words) > MAX_WORDS:
        problems.append(f"{len(words)} words")
    if not sentence[0].isupper() or sentence[-1] not in ".?" or "{" in sentence or "  " in sentence:
        problems.append("no whole sentence")
    return problems


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_frame_with_every_topic_name_reads_as_a_sentence(language: str) -> None:
    bad = [
        f"{where}: {sentence} ({', '.join(problems)})"
        for where, text in _combinations(language)
        for sentence in _sentences(text)
        if (problems := _problems(sentence, language))
    ]
    assert bad == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_frames_are_checked_with_every_guide_topic_and_every_label(language: str) -> None:
    combos = _combinations(language)
    guide = load_default_guide(language)
    for topic in guide.topics:
        assert any(topic.label in sentence for _, sentence in combos)
    assert len(combos) > 300


def test_the_rules_catch_the_kinds_of_broken_frame() -> None:
    assert _problems("Which example about security about your job stays with you?", "en") == ["'about' twice"]
    assert _problems("How was appreciation for your work for you?", "en") == ["'for' twice"]
    assert _problems("Wat merkte je in de praktijk van de werkdruk?", "nl") == ["'praktijk van'"]
    assert _problems("How did you notice in your work the way decisions were made?", "en") == ["'work the'"]
    assert _problems("Hoe ervoer je je leidinggevende?", "nl") == []


@pytest.mark.parametrize(
    ("language", "phrase", "answers"),
    [
        ("en", "the new rota", ["The new rota was a disaster for all of us."]),
        ("en", "your pay", ["My pay had not moved in three years."]),
        ("en", "the night shifts", ["Honestly I could not stand the night shifts."]),
        ("nl", "het nieuwe rooster", ["Het nieuwe rooster klopte nooit."]),
        ("nl", "je salaris", ["Mijn salaris bleef jaren achter."]),
        ("nl", "de reorganisatie", ["Na de reorganisatie was alles anders."]),
    ],
)
def test_a_whole_phrase_the_leaver_said_may_be_offered_back(language: str, phrase: str, answers: list[str]) -> None:
    assert reflectable(phrase, answers, language)


@pytest.mark.parametrize(
    ("language", "phrase", "answers"),
    [
        ("en", "the other firm pays", ["The other firm pays a lot more, so I went."]),
        ("en", "a course", ["In five years I never got a course."]),
        ("en", "the depot closed", ["Then the depot closed last spring."]),
        ("en", "your supervisor", ["I never said a word about my supervisor."]),
        ("en", "the canteen", ["The pay was fine for the canteen, nothing special."]),
        ("en", "the new rota", ["I liked the old one better."]),
        ("nl", "de zorgsector", ["Het salaris was oké voor de zorgsector."]),
        ("nl", "een opleiding", ["Ik heb nooit een opleiding gekregen."]),
        ("nl", "het magazijn betaalt", ["Het magazijn betaalt gewoon slecht."]),
        ("nl", "je teamleider", ["Over mijn teamleider heb ik niets gezegd, hoor."]),
        ("nl", "de planning", ["De planning zelf kwam wel goed, de mensen niet."]),
    ],
)
def test_a_clause_a_cut_or_negated_phrase_or_words_never_said_are_not_offered_back(
    language: str, phrase: str, answers: list[str]
) -> None:
    assert not reflectable(phrase, answers, language)


def test_a_topic_counts_as_named_only_when_the_leaver_used_its_words() -> None:
    assert label_named("your manager", ["My manager never once asked how I was."], "en")
    assert not label_named("your manager", ["Management told us to keep quiet about it."], "en")
    assert label_named("de werkdruk", ["De werkdruk was de laatste maanden niet te doen."], "nl")
    assert not label_named("je leidinggevende", ["Het team was top, echt waar."], "nl")


@pytest.mark.parametrize(
    ("language", "answers", "never"),
    [
        (
            "en",
            [
                "Management kept changing the plans and nobody told us why.",
                "It happened every quarter, new priorities each time.",
                "I just stopped caring after a while.",
                "Nothing more about that, really.",
            ],
            r"(?:mentioned|talked about|spoke about) your manager",
        ),
        (
            "nl",
            [
                "De directie veranderde steeds de plannen en niemand legde iets uit.",
                "Dat gebeurde elk kwartaal, steeds andere prioriteiten.",
                "Ik ben er op een gegeven moment mee gestopt me er druk om te maken.",
                "Meer is er niet over te zeggen.",
            ],
            r"(?:noemde|had je het) (?:eerder )?(?:ook )?(?:over )?je leidinggevende",
        ),
    ],
)
def test_the_interviewer_never_says_the_leaver_mentioned_what_they_did_not(
    language: str, answers: list[str], never: str
) -> None:
    engine, state, replies = converse(language, answers)
    said = [" ".join(r.messages) for r in replies]
    for _ in range(12):
        reply = engine.respond(state, "Dat weet ik niet precies." if language == "nl" else "Not sure, really.")
        said.append(" ".join(reply.messages))
        state = reply.state
        if reply.closed:
            break
    assert not [m for m in said if re.search(never, m, re.IGNORECASE)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_apology_for_a_repeat_never_says_the_interviewer_asked_it_already(language: str) -> None:
    prefaces = wording(language)["prefaces"]["already_told"]
    claims = r"\b(?:I asked|asked that already|vroeg ik al|heb ik al gevraagd)\b"
    assert not [p for p in prefaces if re.search(claims, p, re.IGNORECASE)]


@pytest.mark.parametrize(
    ("language", "answers", "never"),
    [
        (
            "nl",
            ["Vooral mijn teamleider, die luisterde nooit naar ons."],
            r"voorbeeld van je teamleider|betekende je teamleider",
        ),
        (
            "en",
            ["Mostly my supervisor, she never listened to us."],
            r"example of your supervisor|did your supervisor mean",
        ),
    ],
)
def test_a_person_is_named_back_only_as_mentioned_never_as_a_thing_inside_the_question(
    language: str, answers: list[str], never: str
) -> None:
    engine, state, replies = converse(language, answers)
    said = [" ".join(r.messages) for r in replies]
    for _ in range(3):
        reply = engine.respond(state, "Dat weet ik niet." if language == "nl" else "I don't know.")
        said.append(" ".join(reply.messages))
        state = reply.state
    assert not [m for m in said if re.search(never, m, re.IGNORECASE)]
