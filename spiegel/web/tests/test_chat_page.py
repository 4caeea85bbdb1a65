"""The leaver's conversation page (issue 15): the last answer stays in view with the reply, stopping early goes
to the closing questions, the conversation's language is chosen before it starts and never silently differs
from the page's."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.interviews.bridge import guide_for
from spiegel.interviews.engine.state import CLOSING_PHASES
from spiegel.interviews.models import Conversation, Interview, Message, MessageRole, Status
from tests.support.builders import build_case, build_org

pytestmark = pytest.mark.django_db

ANSWER = "Ik vertrek vooral door de werkdruk op de afdeling, er waren te weinig collega's."


def _started(client: Client, language: str = "nl") -> tuple[str, Interview]:
    built = build_case(build_org("Zorggroep Noord"), language=language)
    assert client.post(f"/i/{built.token}/", {"consent": "yes", "language": language}).status_code == 302
    return built.token, built.interview


def _phase(interview: Interview) -> str:
    state = Conversation.objects.get(interview=interview).state
    assert isinstance(state, dict)
    return str(state["phase"])


def _leaver_texts(interview: Interview) -> list[str]:
    return [m.text for m in Message.objects.filter(interview=interview, role=MessageRole.LEAVER).order_by("seq")]


def test_the_leaver_s_last_answer_stays_on_the_page_above_the_reply(client: Client) -> None:
    token, _interview = _started(client)
    client.post(f"/i/{token}/chat/", {"text": ANSWER, "client_id": "a1"})
    page = client.get(f"/i/{token}/chat/").content.decode()
    mine = page.split('data-testid="my-answer">')[1]
    assert "werkdruk op de afdeling" in mine.split("</p>")[0]
    assert mine.index("werkdruk") < mine.index('data-testid="question"')


def test_stopping_early_goes_to_the_closing_questions_and_leaves_the_other_topics_out(client: Client) -> None:
    token, interview = _started(client)
    client.post(f"/i/{token}/chat/", {"text": ANSWER, "client_id": "a1"})
    assert _phase(interview) not in CLOSING_PHASES
    response = client.post(f"/i/{token}/chat/", {"stop": "1", "text": "", "client_id": "a2"})
    assert (response.status_code, response["Location"]) == (302, f"/i/{token}/chat/")
    assert _phase(interview) in CLOSING_PHASES
    assert _leaver_texts(interview)[-1] == "Ik wil hier stoppen."
    state = Conversation.objects.get(interview=interview).state
    assert isinstance(state, dict)
    assert [t for t, progress in state["topics"].items() if progress["status"] == "open"] == []
    page = client.get(f"/i/{token}/chat/").content.decode()
    assert 'data-testid="stop-here"' not in page  # already in the closing part
    interview.refresh_from_db()
    assert interview.status == Status.IN_PROGRESS


def test_what_the_leaver_typed_before_stopping_is_kept_as_their_answer(client: Client) -> None:
    token, interview = _started(client)
    client.post(f"/i/{token}/chat/", {"stop": "1", "text": ANSWER, "client_id": "s1"})
    assert _leaver_texts(interview) == [ANSWER]
    assert _phase(interview) in CLOSING_PHASES
    again = client.post(f"/i/{token}/chat/", {"stop": "1", "text": ANSWER, "client_id": "s1"})
    assert again.status_code == 302
    assert _leaver_texts(interview) == [ANSWER]  # a retried request adds nothing


def test_the_leaver_chooses_the_conversation_s_language_before_it_starts(client: Client) -> None:
    built = build_case(build_org("Zorggroep Noord"), language="nl")
    landing = client.get(f"/i/{built.token}/").content.decode()
    assert 'name="language" value="nl" checked' in landing
    client.post(f"/i/{built.token}/", {"consent": "yes", "language": "en"})
    built.interview.refresh_from_db()
    assert built.interview.language == "en"
    page = client.get(f"/i/{built.token}/chat/").content.decode()
    assert '<html lang="en">' in page
    opening = Message.objects.filter(interview=built.interview).order_by("seq")
    assert opening.count() == 2
    english = guide_for(built.interview)
    assert [m.text for m in opening] == [english.intro, english.opening_question]


def test_switching_the_page_language_mid_chat_says_the_questions_stay_in_the_conversation_s_language(
    client: Client,
) -> None:
    token, _interview = _started(client, "nl")
    page = client.get(f"/i/{token}/chat/?lang=en").content.decode()
    assert '<html lang="nl">' in page
    notice = page.split('data-testid="language-notice">')[1].split("</div>")[0]
    assert "This conversation started in Dutch and its questions stay in Dutch" in notice
    assert "You may answer in English." in notice
    back = client.get(f"/i/{token}/chat/?lang=nl").content.decode()
    assert 'data-testid="language-notice"' not in back
