"""A case held by a person counts in the organisation's figures like any other, and every view can be narrowed to
one mode: conversations held by Spiegel's interviewer, or by a person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from spiegel.analysis.actions import analyse_interview
from spiegel.analysis.queries import FilterError, Filters, completion, insights
from spiegel.copilot.actions import (
    NoteInputData,
    PlanInput,
    answer_plan,
    close_notes,
    plan_conversation,
    save_note,
    send_mirror,
)
from spiegel.copilot.suggest import topic_ids
from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.models import Interview, Mode, Status
from spiegel.mirror.actions import ClosingAnswers, submit_review
from spiegel.privacy.actors import Actor
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import TEST_PASSWORD, build_analysed_case, build_case, build_org, build_user

pytestmark = pytest.mark.django_db

NOTES = [
    ("", "Ik ga weg omdat mijn leidinggevende nooit feedback gaf."),
    ("workload", "De werkdruk was te hoog, we waren altijd onderbezet."),
]


def build_human_case(org: Organisation) -> Interview:
    """A human-led case held, closed, sent and completed through the real actions, then analysed."""
    interviewer = build_user(org, Role.INTERVIEWER)
    actor = Actor.for_user(interviewer)
    case = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=interviewer).interview
    plan_conversation(actor, case, PlanInput(timezone.now() + dt.timedelta(days=1), "phone"))
    answer_plan(case, confirm=True)
    topics = topic_ids(load_default_guide("nl"))
    for n, (topic, text) in enumerate(NOTES):
        save_note(actor, case, NoteInputData(f"f{n}", text, topic), topics)
    close_notes(actor, case)
    send_mirror(actor, case)
    submit_review(case, [], ClosingAnswers(felt_heard=4, recommend_score=6))
    analyse_interview(str(case.id))
    case.refresh_from_db()
    assert case.status == Status.COMPLETED
    return case


def test_the_figures_count_both_modes_and_can_be_narrowed_to_one() -> None:
    org = build_org("Zorggroep Noord")
    org.min_group_size = 3
    org.save(update_fields=["min_group_size"])
    for _ in range(3):
        build_analysed_case(org)
        build_human_case(org)
    access = Access(organisation=org, role=Role.CLIENT_VIEWER)
    counts = {mode: insights(access, Filters(mode=mode)).interviews.value for mode in (None, "self", "interviewer")}
    assert counts == {None: 6, "self": 3, "interviewer": 3}
    ended = {mode: completion(access, Filters(mode=mode)).ended.value for mode in (None, "self", "interviewer")}
    assert ended == {None: 6, "self": 3, "interviewer": 3}


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(FilterError):
        Filters(mode="robot").validate()
    org = build_org()
    viewer = build_user(org, Role.CLIENT_VIEWER)
    client = Client()
    assert client.login(username=viewer.username, password=TEST_PASSWORD)
    assert client.get(f"/o/{org.slug}/dashboard/?mode=interviewer").status_code == 200
    assert client.get(f"/o/{org.slug}/dashboard/?mode=robot").status_code == 422
