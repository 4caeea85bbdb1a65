from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from spiegel.interviews.actions import customise_guide
from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.models import Conversation, GuideCustomisation
from spiegel.privacy.actors import Actor
from tests.support.builders import build_case, build_org

pytestmark = pytest.mark.django_db
ACTOR = Actor.system("test")


def test_a_customised_guide_is_used_by_new_cases_only() -> None:
    org = build_org()
    before = build_case(org, language="nl")
    customise_guide(
        ACTOR, org, "nl", remove_topics=["pay"], extra_questions={"manager": ["Hoe verliep het contact met HR?"]}
    )
    after = build_case(org, language="nl")
    old_topics = [t["id"] for t in Conversation.objects.get(interview=before.interview).guide["topics"]]
    new_guide = Conversation.objects.get(interview=after.interview).guide
    new_topics = {t["id"]: t for t in new_guide["topics"]}
    assert "pay" in old_topics
    assert "pay" not in new_topics
    assert new_topics["manager"]["extra_questions"] == ["Hoe verliep het contact met HR?"]


def test_the_customisation_of_one_language_leaves_the_other_alone() -> None:
    org = build_org()
    customise_guide(ACTOR, org, "nl", remove_topics=["pay"], extra_questions={})
    english = build_case(org, language="en")
    assert "pay" in [t["id"] for t in Conversation.objects.get(interview=english.interview).guide["topics"]]


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"manager": ["Was het je leidinggevende?"]}, "breaks the interviewer's rules"),
        ({"manager": ["Hoe ging het? En wat vond je van het salaris?"]}, "breaks the interviewer's rules"),
        ({"bestaat_niet": ["Hoe ging het?"]}, "Unknown topics"),
    ],
)
def test_a_question_that_breaks_the_rules_or_an_unknown_topic_is_refused_and_nothing_saved(
    extra: dict[str, list[str]], fragment: str
) -> None:
    org = build_org()
    with pytest.raises(ValidationError) as info:
        customise_guide(ACTOR, org, "nl", remove_topics=[], extra_questions=extra)
    assert fragment in " ".join(info.value.messages)
    assert GuideCustomisation.objects.count() == 0


def test_removing_every_topic_is_refused() -> None:
    org = build_org()

    all_topics = [t.id for t in load_default_guide("en").topics]
    with pytest.raises(ValidationError, match="At least one topic must remain"):
        customise_guide(ACTOR, org, "en", remove_topics=all_topics, extra_questions={})


def test_the_guide_command_refuses_a_question_without_a_topic_and_saves_nothing() -> None:

    org = build_org()
    with pytest.raises(CommandError, match="--question takes TOPIC=QUESTION"):
        call_command("guide", "set", "--org", org.slug, "--question", "Hoe ging het met HR?")
    assert GuideCustomisation.objects.count() == 0
