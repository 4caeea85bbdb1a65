"""The streamed chat turn, the consultants' status page and `spiegel doctor`."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from spiegel.interviews.conversation import post_message
from spiegel.interviews.engine import ConversationState, Engine, Guide
from spiegel.interviews.models import Message, MessageRole
from spiegel.privacy.jobs.upkeep import maintenance
from spiegel.tenancy.models import Role
from tests.support.builders import TEST_PASSWORD, BuiltCase, build_case, build_org, build_user
from tests.support.fake_server import FakeOpenAI, Reply, Status, free_port

pytestmark = pytest.mark.django_db

LIMIT = 1.0
SECOND_ANSWER = "De werkdruk was al lang te hoog, we hadden steeds te weinig mensen op de afdeling."
GOOD = "Wat maakte die werkdruk op de afdeling voor jou zo zwaar?"


def q(question: str, **kw: Any) -> Reply:
    return Reply(json.dumps({"question": question, "follow_up_topic": None}, ensure_ascii=False), **kw)


@pytest.fixture
def fake(fake: FakeOpenAI, settings: Any) -> FakeOpenAI:
    """The shared fake model server, with a key, for the wording alone (understanding: test_model_understanding)."""
    settings.SPIEGEL_LLM_UNDERSTANDING = False
    settings.SPIEGEL_LLM_API_KEY = "sk-secret-value"
    settings.SPIEGEL_LLM_TIMEOUT = LIMIT
    return fake


@pytest.fixture
def started() -> BuiltCase:
    """A case whose leaver has answered the opening (tests ask for it before the model: built-in wording)."""
    built = build_case(build_org(), language="nl")
    post_message(built.interview, "Ik kreeg een mooie kans bij een ander bedrijf.", client_id="first")
    return built


def _template_reply(built: BuiltCase) -> str:
    """What the built-in wording says to SECOND_ANSWER, from the stored state."""

    conversation = built.interview.conversation
    engine = Engine(Guide.from_dict(conversation.guide))
    return engine.respond(ConversationState.from_dict(conversation.state), SECOND_ANSWER).messages[0]


def _events(response: Any) -> list[tuple[str, dict[str, Any]]]:
    body = b"".join(response.streaming_content).decode()
    out = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def _stream(built: BuiltCase, client_id: str = "second", text: str = SECOND_ANSWER) -> Any:
    return Client().post(f"/i/{built.token}/chat/stream/", {"text": text, "client_id": client_id})


def test_the_question_streams_in_pieces_and_what_was_shown_is_what_is_stored(
    started: BuiltCase, fake: FakeOpenAI
) -> None:
    fake.script(q(GOOD, chunks=10))
    response = _stream(started)
    assert response["Content-Type"] == "text/event-stream"
    events = _events(response)
    pieces = [data["text"] for name, data in events if name == "piece"]
    assert len(pieces) >= 3
    assert "".join(pieces) == GOOD
    assert events[-1] == ("done", {"status": "in_progress", "messages": [GOOD], "replaced": False})
    stored = Message.objects.filter(interview=started.interview, role=MessageRole.INTERVIEWER).order_by("-seq")[0]
    assert stored.text == GOOD
    assert stored.produced_by["phraser"] == "model"
    assert fake.requests[0]["stream"] is True


def test_a_streamed_question_that_breaks_a_rule_is_replaced_before_it_is_stored(
    started: BuiltCase, fake: FakeOpenAI
) -> None:
    leading = "Kwam die werkdruk door je leidinggevende?"
    fake.script(q(leading))
    expected = _template_reply(started)
    events = _events(_stream(started))
    assert "".join(d["text"] for n, d in events if n == "piece") == leading
    assert events[-1] == ("done", {"status": "in_progress", "messages": [expected], "replaced": True})
    stored = Message.objects.filter(interview=started.interview, role=MessageRole.INTERVIEWER).order_by("-seq")[0]
    assert stored.text == expected
    assert stored.produced_by["fallback"] == (
        "rejected: closed question (answerable with yes or no); suggests a theme the leaver did not name: manager"
    )


def test_a_stalling_stream_is_cut_at_the_limit_and_answered_with_the_built_in_wording(
    started: BuiltCase, fake: FakeOpenAI
) -> None:
    fake.script(q(GOOD, chunks=20, delay=0.3))  # 6 s for the whole question
    expected = _template_reply(started)
    began = time.monotonic()
    events = _events(_stream(started))
    assert time.monotonic() - began < 4.0  # the limit (1 s) cut the 6 s stream short
    assert events[-1] == ("done", {"status": "in_progress", "messages": [expected], "replaced": True})
    answers = Message.objects.filter(interview=started.interview, role=MessageRole.LEAVER).values_list(
        "text", flat=True
    )
    assert list(answers) == ["Ik kreeg een mooie kans bij een ander bedrijf.", SECOND_ANSWER]


def test_a_failing_model_streams_nothing_and_the_built_in_wording_is_the_answer(
    started: BuiltCase, fake: FakeOpenAI
) -> None:
    fake.script(Status(500))
    expected = _template_reply(started)
    events = _events(_stream(started))
    assert events == [("done", {"status": "in_progress", "messages": [expected], "replaced": False})]


def test_a_retried_stream_returns_the_stored_reply_without_asking_the_model_again(
    started: BuiltCase, fake: FakeOpenAI
) -> None:
    fake.script(q(GOOD))
    _events(_stream(started, client_id="retry"))
    events = _events(_stream(started, client_id="retry"))
    assert events == [("done", {"status": "in_progress", "messages": [GOOD], "replaced": False})]
    assert len(fake.requests) == 1
    assert Message.objects.filter(interview=started.interview, role=MessageRole.LEAVER).count() == 2


def test_an_empty_answer_gets_the_ordinary_error_instead_of_a_stream(started: BuiltCase, fake: FakeOpenAI) -> None:
    response = Client().post(f"/i/{started.token}/chat/stream/", {"text": "  "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("text/html")
    assert "The message is empty." in response.content.decode()
    assert fake.requests == []


def test_the_chat_page_streams_only_when_a_model_is_configured(settings: Any, started: BuiltCase) -> None:
    page = Client().get(f"/i/{started.token}/chat/").content.decode()
    assert "data-stream-url" not in page
    assert "stream.js" not in page
    settings.SPIEGEL_LLM_BASE_URL = "http://127.0.0.1:9/v1"
    settings.SPIEGEL_LLM_MODEL = "m"
    page = Client().get(f"/i/{started.token}/chat/").content.decode()
    assert f'data-stream-url="/i/{started.token}/chat/stream/"' in page
    assert "spiegel/stream" in page


# -------------------------------------------------------------------------------------------- status


def _consultant() -> Client:
    user = build_user(build_org(), Role.CONSULTANT)
    client = Client()
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def test_the_status_page_shows_the_model_off_and_every_check(settings: Any) -> None:
    settings.SPIEGEL_LLM_BASE_URL = ""
    page = _consultant().get("/status/").content.decode()
    assert "Off: the built-in interviewer words every question" in page
    assert "No task has waited longer than a minute." in page
    assert "all migrations are applied" in page
    assert "Check the model endpoint now" not in page


def test_the_status_page_checks_the_model_on_request_and_never_shows_the_key(fake: FakeOpenAI) -> None:
    fake.script(Reply('{"ok": true}'))
    client = _consultant()
    page = client.get("/status/").content.decode()
    assert fake.requests == []  # no request to the model unless asked
    assert "Check the model endpoint now" in page
    checked = client.get("/status/?check=model").content.decode()
    assert "fake-model answered in" in checked
    assert "sk-secret-value" not in page + checked
    assert "set (not shown)" in page


# -------------------------------------------------------------------------------------------- doctor


def _doctor(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("doctor", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def test_doctor_passes_a_working_server_with_a_model(fake: FakeOpenAI) -> None:
    fake.script(Reply('{"ok": true}'))
    code, out = _doctor()
    assert code == 0
    assert "PROBLEM" not in out
    assert "fake-model answered in" in out
    assert out.rstrip().endswith("Everything needed works.")


def test_doctor_fails_when_the_model_cannot_be_reached(settings: Any) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    settings.SPIEGEL_LLM_BASE_URL = url
    settings.SPIEGEL_LLM_MODEL = "m"
    code, out = _doctor()
    assert code == 1
    problem = next(line for line in out.splitlines() if line.startswith("PROBLEM"))
    assert f"The model does not answer: cannot reach {url}" in problem


def test_doctor_reports_tasks_that_no_worker_takes_with_the_oldest(settings: Any) -> None:

    settings.SPIEGEL_LLM_BASE_URL = ""
    maintenance.enqueue()
    maintenance.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    code, out = _doctor("--no-model")
    assert code == 1
    problem = next(line for line in out.splitlines() if line.startswith("PROBLEM"))
    assert "2 tasks have waited longer than a minute; the oldest (maintenance) was queued 5 minutes ago." in problem
    assert "No worker seems to be running" in problem
