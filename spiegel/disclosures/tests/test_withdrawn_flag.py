"""A flag the leaver withdrew in the conversation ("er is niemand geslagen, dat is een uitdrukking") leaves no
disclosure record for the practice and no flag on the case; the flags around it keep their records."""

from __future__ import annotations

import pytest
from django.test import TestCase

from spiegel.disclosures.actions import store_for_case
from spiegel.disclosures.models import Disclosure
from spiegel.interviews.conversation import post_message
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Organisation
from tests.support.builders import BuiltCase, build_case, build_org

pytestmark = pytest.mark.django_db

OPENING = "Ik ga weg omdat ik bij dit bedrijf geen kant meer op kon."
MISREAD = "Mijn teamleider heeft me een dreun verkocht met die beslissing over mijn functie."
CLARIFIED = "Er is niemand geslagen, dat is een uitdrukking."
DISCLOSED = "Een cliënt is gevallen en de melding is nergens gebleven."


def _say(built: BuiltCase, *answers: str) -> None:
    for answer in answers:
        with TestCase.captureOnCommitCallbacks(execute=True):
            post_message(built.interview, answer)
    built.interview.refresh_from_db()


@pytest.fixture
def org() -> Organisation:
    return build_org("Zorggroep Noord")


def test_a_withdrawn_flag_leaves_no_disclosure_record_and_no_flag_on_the_case(org: Organisation) -> None:
    built = build_case(org)
    _say(built, OPENING, MISREAD)
    assert built.interview.flagged
    assert Disclosure.objects.filter(interview=built.interview).count() == 1  # recorded when it was told
    _say(built, CLARIFIED)
    assert not built.interview.flagged
    assert Disclosure.objects.filter(interview=built.interview).count() == 0
    assert AuditEvent.objects.filter(action="disclosure.withdrawn").count() == 1
    store_for_case(built.interview)  # recording again brings nothing back
    assert Disclosure.objects.filter(interview=built.interview).count() == 0


def test_a_disclosure_after_a_withdrawn_one_is_recorded_in_its_own_place(org: Organisation) -> None:
    built = build_case(org)
    _say(built, OPENING, MISREAD, CLARIFIED, DISCLOSED)
    assert built.interview.flagged
    (disclosure,) = Disclosure.objects.filter(interview=built.interview)
    assert (disclosure.kind, disclosure.position, disclosure.excerpt) == ("safety", 1, DISCLOSED)
