"""The model's understanding of a turn: merged over the rules when valid, the rules alone on any failure."""

from __future__ import annotations

import json
import time

import pytest

from spiegel.language.taxonomy import THEMES
from spiegel.language.understanding import Context, Feeling, ThemeMention, Understanding
from spiegel.language.understanding import understand as understand_by_rules
from spiegel.llm import ChatClient, LLMError
from spiegel.llm.tests.conftest import STALL
from spiegel.llm.understanding import ModelUnderstander, combine, parse_understanding
from tests.support.fake_server import FakeOpenAI, Hang, Reply, Response, Status
from tests.support.understanding import HOURS, model_reading

NL = Context(language="nl", current_topic="workload", previous_topic="manager", last_question="Hoe was de werkdruk?")


def test_the_schema_knows_exactly_the_taxonomys_theme_ids() -> None:
    text = "Het ging om van alles."
    for theme in THEMES:
        reading = json.dumps({"kind": "answer", "themes": [{"theme": theme, "words": "alles"}]})
        assert parse_understanding(reading, text, "nl").raised == (theme,)
    with pytest.raises(LLMError) as raised:
        parse_understanding(json.dumps({"kind": "answer", "themes": [{"theme": "money"}]}), text, "nl")
    assert raised.value.kind == "invalid_output"


def test_a_disclosure_the_rules_missed_is_kept_from_the_model(fake: FakeOpenAI, client: ChatClient) -> None:
    assert understand_by_rules(HOURS, NL).disclosure is None
    fake.script(
        model_reading(
            disclosure="integrity",
            themes=[{"theme": "manager", "negated": False, "words": "teamleider"}],
            matter=["de uren van vorige maand"],
        )
    )
    u = ModelUnderstander(client).understand(HOURS, NL)
    assert u.disclosure == "integrity"
    assert u.kind == "answer"
    assert u.source == "union"
    assert u.matter == ("de uren van vorige maand",)
    assert [t.theme for t in u.themes] == ["manager"]


def test_the_turn_is_sent_pseudonymised_as_data(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(model_reading())
    ModelUnderstander(client).understand("Jan de Vries zei dat ik het rooster maar moest slikken.", NL)
    system, user = fake.requests[0]["messages"]
    assert "Jan de Vries" not in json.dumps(fake.requests[0], ensure_ascii=False)
    assert "slikken" not in system["content"]
    assert "<turn>" in user["content"]
    assert "Hoe was de werkdruk?" in user["content"]


def test_the_rules_are_the_floor_for_the_kind_of_turn(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(model_reading(kind="answer", matter=["het rooster"]))
    u = ModelUnderstander(client).understand("Over mijn teamleider wil ik het niet hebben.", NL)
    assert (u.kind, u.refusal_target) == ("refusal", "manager")
    assert u.matter == ()


def test_the_model_may_see_a_kind_of_turn_the_rules_missed(fake: FakeOpenAI, client: ChatClient) -> None:
    text = "Hm, ik zou het liefst gewoon ophouden met dit hele gedoe nu."
    assert understand_by_rules(text, NL).kind == "answer"
    fake.script(model_reading(kind="meta_question", meta_topic="can_stop"))
    u = ModelUnderstander(client).understand(text, NL)
    assert (u.kind, u.meta_topic, u.source) == ("meta_question", "can_stop", "union")
    assert u.matter == ()


def test_distress_and_negation_seen_by_the_model_are_kept(fake: FakeOpenAI, client: ChatClient) -> None:
    text = "Ik was boos, en mijn huisarts heeft me toen een tijdje thuis gehouden."
    assert not understand_by_rules(text, NL).distress
    fake.script(model_reading(distress=True, feelings=[{"name": "anger", "negated": True, "words": "boos"}]))
    u = ModelUnderstander(client).understand(text, NL)
    assert u.distress
    assert u.feelings == (Feeling("anger", True, "boos"),)
    assert u.felt == ()


INVALID: dict[str, Response] = {
    "not JSON": Reply("It is an answer about the workload."),
    "JSON cut off": Reply('{"kind": "answer", "themes": ['),
    "an unknown kind": model_reading(kind="story"),
    "an unknown theme": model_reading(themes=[{"theme": "salary", "negated": False, "words": "salaris"}]),
    "an unknown disclosure": model_reading(disclosure="rudeness"),
    "invented matter": model_reading(matter=["de reorganisatie"]),
    "meta-talk as matter": model_reading(matter=["de vraag"]),
    "HTTP 500": Status(500),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_anything_invalid_leaves_the_rules_alone(fake: FakeOpenAI, client: ChatClient, case: str) -> None:
    text = "Ik vond de vraag over de werkdruk lastig, de werkdruk was gewoon te hoog."
    fake.script(INVALID[case])
    understander = ModelUnderstander(client)
    u = understander.understand(text, NL)
    assert u == understand_by_rules(text, NL)
    assert u.source == "rules"
    assert understander.last_failure == ("http_500" if case == "HTTP 500" else "invalid_output")


def test_a_timeout_leaves_the_rules_alone_within_the_limit(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(Hang(STALL))
    understander = ModelUnderstander(client, timeout=1.0)
    started = time.monotonic()
    u = understander.understand("Ik moest huilen in de auto.", NL)
    assert time.monotonic() - started < STALL - 2
    assert u == understand_by_rules("Ik moest huilen in de auto.", NL)
    assert u.distress
    assert understander.last_failure == "timeout"


def test_combine_without_a_model_reading_is_the_rules() -> None:
    rules = understand_by_rules("Het nieuwe rooster was een ramp.", NL)
    assert combine(rules, None) == rules


def test_combine_keeps_the_rules_first_and_adds_the_models_new_findings() -> None:
    rules = Understanding(
        kind="answer",
        language="nl",
        themes=(ThemeMention("conditions", False, "rooster"),),
        matter=("het nieuwe rooster",),
        disclosure="safety",
    )
    model = Understanding(
        kind="answer",
        language="nl",
        themes=(ThemeMention("conditions", True, "rooster"), ThemeMention("workload", False, "druk")),
        matter=("het nieuwe rooster", "de nachtdiensten"),
        disclosure="violence",
        decisive=True,
        thin=True,
        source="model",
    )
    u = combine(rules, model)
    assert u.themes == (ThemeMention("conditions", True, "rooster"), ThemeMention("workload", False, "druk"))
    assert u.matter == ("het nieuwe rooster", "de nachtdiensten")
    assert u.disclosure == "safety"
    assert u.decisive
    assert not u.thin
    assert u.source == "union"


def test_a_valid_reading_is_parsed_into_the_same_structure() -> None:
    raw = json.dumps(
        {
            "kind": "correction",
            "correction": "het ging om de planning",
            "themes": [{"theme": "processes", "negated": False, "words": "planning"}],
            "matter": ["de planning"],
            "feelings": [{"name": "frustration", "negated": False, "words": "baalde"}],
            "hedged": True,
        }
    )
    u = parse_understanding(f"```json\n{raw}\n```", "Nee, zo bedoelde ik het niet: het ging om de planning.", "nl")
    assert u == Understanding(
        kind="correction",
        language="nl",
        correction="het ging om de planning",
        themes=(ThemeMention("processes", False, "planning"),),
        matter=("de planning",),
        feelings=(Feeling("frustration", False, "baalde"),),
        hedged=True,
        source="model",
    )


def test_a_failed_reading_is_logged_without_the_leavers_words(
    fake: FakeOpenAI, client: ChatClient, caplog: pytest.LogCaptureFixture
) -> None:
    text = "De werkdruk op afdeling Zonnebloem was gewoon te hoog."
    fake.script(Reply(f"Sure! The turn says: {text}"))
    with caplog.at_level("WARNING", logger="spiegel.llm.understanding"):
        u = ModelUnderstander(client).understand(text, NL)
    assert u.source == "rules"
    assert "invalid_output" in caplog.text
    assert "Zonnebloem" not in caplog.text
    assert "werkdruk" not in caplog.text.lower()
