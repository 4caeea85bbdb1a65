"""Every status change of a case goes through the lifecycle module: each allowed transition works, stamps its
time and records its event; every other one is refused and changes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from spiegel.interviews import lifecycle
from spiegel.interviews.actions import renew_invitation
from spiegel.interviews.models import Interview, Status
from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent
from tests.support.builders import build_case, build_org

pytestmark = pytest.mark.django_db

ALL = list(Status)


def _case_in(status: str, *, consented: bool = False) -> Interview:
    """A case put straight into ``status`` (test set-up only: the product moves it through lifecycle)."""
    interview = build_case(build_org(), email="leaver@example.org").interview
    Interview.objects.filter(pk=interview.pk).update(status=status, consented_at=timezone.now() if consented else None)
    interview.refresh_from_db()
    return interview


def _events(interview: Interview) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(interview.id))
        .exclude(action="case.opened")
        .order_by("created_at")
        .values_list("action", flat=True)
    )


def test_the_transition_table_lists_exactly_the_moves_of_product_md() -> None:
    assert {k: sorted(v) for k, v in lifecycle.TRANSITIONS.items()} == {
        "invited": ["expired", "in_progress", "withdrawn"],
        "in_progress": ["expired", "review", "withdrawn"],
        "review": ["completed", "expired", "withdrawn"],
        "completed": ["withdrawn"],
        "expired": ["in_progress", "invited", "withdrawn"],
        "withdrawn": [],
    }


def test_consent_moves_an_invited_case_into_progress_once() -> None:
    interview = _case_in(Status.INVITED)
    lifecycle.give_consent(interview)
    interview.refresh_from_db()
    first = interview.consented_at
    assert interview.status == Status.IN_PROGRESS
    assert first is not None
    lifecycle.give_consent(interview)
    interview.refresh_from_db()
    assert interview.consented_at == first
    assert _events(interview) == ["consent.given"]


@pytest.mark.parametrize("status", [s for s in ALL if s != Status.INVITED])
def test_consent_changes_nothing_outside_invited(status: str) -> None:
    interview = _case_in(status)
    assert lifecycle.give_consent(interview).status == status
    assert _events(interview) == []


def test_closing_moves_a_conversation_in_progress_to_review_and_stamps_the_time() -> None:
    interview = _case_in(Status.IN_PROGRESS, consented=True)
    with transaction.atomic():
        lifecycle.close_conversation(lifecycle.lock(interview))
    interview.refresh_from_db()
    assert interview.status == Status.REVIEW
    assert interview.closed_at is not None
    assert interview.email == "leaver@example.org"  # the leaver may still need their link to the mirror


@pytest.mark.parametrize("status", [s for s in ALL if s != Status.IN_PROGRESS])
def test_closing_is_refused_unless_the_conversation_is_in_progress(status: str) -> None:
    interview = _case_in(status)
    with pytest.raises(lifecycle.TransitionRefused), transaction.atomic():
        lifecycle.close_conversation(lifecycle.lock(interview))
    interview.refresh_from_db()
    assert interview.status == status
    assert interview.closed_at is None


def test_completing_the_review_completes_the_case_and_deletes_the_email_address() -> None:
    interview = _case_in(Status.REVIEW, consented=True)
    lifecycle.complete_review(interview)
    interview.refresh_from_db()
    assert (interview.status, interview.email) == (Status.COMPLETED, None)
    assert interview.completed_at is not None
    lifecycle.complete_review(interview)  # idempotent
    assert _events(interview) == ["review.completed"]


@pytest.mark.parametrize("status", [Status.INVITED, Status.IN_PROGRESS, Status.EXPIRED, Status.WITHDRAWN])
def test_completing_is_refused_before_the_conversation_closed_or_after_it_ended(status: str) -> None:
    interview = _case_in(status)
    with pytest.raises(ValidationError, match=re.escape("Only a conversation that has closed can be completed.")):
        lifecycle.complete_review(interview)
    interview.refresh_from_db()
    assert (interview.status, interview.completed_at) == (status, None)


@pytest.mark.parametrize("status", [Status.INVITED, Status.IN_PROGRESS, Status.REVIEW, Status.EXPIRED])
def test_the_organisation_can_withdraw_any_case_that_is_not_completed(status: str) -> None:
    interview = _case_in(status)
    lifecycle.withdraw_case(Actor.system("test"), interview)
    interview.refresh_from_db()
    assert (interview.status, interview.email) == (Status.WITHDRAWN, None)
    assert interview.withdrawn_at is not None
    lifecycle.withdraw_case(Actor.system("test"), interview)  # idempotent
    assert _events(interview) == ["case.withdrawn"]


def test_the_organisation_cannot_withdraw_a_completed_case() -> None:
    interview = _case_in(Status.COMPLETED)
    with pytest.raises(ValidationError, match=re.escape("A completed interview can only be withdrawn by the leaver.")):
        lifecycle.withdraw_case(Actor.system("test"), interview)
    interview.refresh_from_db()
    assert interview.status == Status.COMPLETED


@pytest.mark.parametrize("status", [Status.INVITED, Status.IN_PROGRESS, Status.REVIEW, Status.COMPLETED])
def test_the_leaver_can_withdraw_while_talking_in_the_mirror_and_after_completing(status: str) -> None:
    interview = _case_in(status)
    with transaction.atomic():
        lifecycle.withdraw_by_leaver(lifecycle.lock(interview))
    interview.refresh_from_db()
    assert (interview.status, interview.email) == (Status.WITHDRAWN, None)
    assert _events(interview) == ["record.withdrawn"]


def test_the_leaver_cannot_withdraw_an_expired_case() -> None:
    interview = _case_in(Status.EXPIRED)
    with (
        pytest.raises(ValidationError, match=re.escape("This record can no longer be withdrawn.")),
        transaction.atomic(),
    ):
        lifecycle.withdraw_by_leaver(lifecycle.lock(interview))
    interview.refresh_from_db()
    assert interview.status == Status.EXPIRED


@pytest.mark.parametrize("status", ALL)
def test_only_open_cases_past_their_link_expire(status: str) -> None:
    interview = _case_in(status)
    Interview.objects.filter(pk=interview.pk).update(token_expires_at=timezone.now() - dt.timedelta(days=1))
    expected = Status.EXPIRED if status in (Status.INVITED, Status.IN_PROGRESS, Status.REVIEW) else status
    assert lifecycle.expire_overdue_cases() == int(expected != status)
    interview.refresh_from_db()
    assert interview.status == expected
    assert _events(interview) == (["case.expired"] if expected != status else [])


def test_a_case_whose_link_is_still_valid_does_not_expire() -> None:
    interview = _case_in(Status.IN_PROGRESS)
    assert lifecycle.expire_overdue_cases() == 0
    interview.refresh_from_db()
    assert interview.status == Status.IN_PROGRESS


@pytest.mark.parametrize(("consented", "back_to"), [(False, Status.INVITED), (True, Status.IN_PROGRESS)])
def test_a_renewed_link_brings_an_expired_case_back_to_where_it_was(consented: bool, back_to: str) -> None:
    interview = _case_in(Status.EXPIRED, consented=consented)
    renew_invitation(Actor.system("test"), interview)
    interview.refresh_from_db()
    assert interview.status == back_to
    assert _events(interview) == ["case.link_renewed"]


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.WITHDRAWN])
def test_a_closed_case_gets_no_new_link(status: str) -> None:
    interview = _case_in(status)
    with pytest.raises(ValidationError, match=re.escape("This case is closed; its link cannot be renewed.")):
        renew_invitation(Actor.system("test"), interview)
    interview.refresh_from_db()
    assert interview.status == status
