from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.actions import (
    create_api_key,
    create_organisation,
    create_user,
    grant_membership,
    log_account_event,
    revoke_api_key,
)
from spiegel.tenancy.models import ApiKey, Membership, Organisation, OrganisationKind, Role
from spiegel.tenancy.queries import api_key_access
from tests.support.builders import build_org, build_user

pytestmark = pytest.mark.django_db
ACTOR = Actor.system("test")


@pytest.mark.parametrize("slug", ["", "met spatie", "-begin", "eind-", "x" * 61, "under_score"])
def test_a_bad_short_name_is_refused_and_nothing_is_written(slug: str) -> None:
    with pytest.raises(ValidationError):
        create_organisation(ACTOR, name="Zorggroep", slug=slug)
    assert Organisation.objects.count() == 0


def test_a_short_name_is_stored_in_lower_case() -> None:
    assert create_organisation(ACTOR, name="Zorg", slug=" Zorg-Noord ").slug == "zorg-noord"


def test_a_taken_short_name_is_refused() -> None:
    create_organisation(ACTOR, name="A", slug="zorg")
    with pytest.raises(ValidationError, match="already exists"):
        create_organisation(ACTOR, name="B", slug="zorg")
    assert Organisation.objects.count() == 1


def test_the_practice_consultants_serve_every_new_client() -> None:
    practice = build_org("Praktijk", kind=OrganisationKind.PRACTICE)
    consultant = build_user(practice, Role.CONSULTANT)
    client = create_organisation(ACTOR, name="Nieuwe klant", slug="nieuwe-klant")
    assert Membership.objects.get(user=consultant, organisation=client).role == Role.CONSULTANT


def test_an_api_key_is_shown_once_and_stored_only_as_a_hash() -> None:
    org = build_org()
    key, raw = create_api_key(ACTOR, org, name="HR")
    assert raw.startswith(f"spk_{key.prefix}_")
    assert len(raw) > 40
    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert raw not in str(stored)
    access = api_key_access(raw)
    assert access is not None and access.organisation == org and access.role == "client_admin"
    assert AuditEvent.objects.filter(action="apikey.created", organisation=org).count() == 1


def test_revoking_a_key_is_idempotent_and_audited_once() -> None:
    org = build_org()
    key, raw = create_api_key(ACTOR, org)
    revoke_api_key(ACTOR, key)
    revoke_api_key(ACTOR, key)
    assert api_key_access(raw) is None
    assert AuditEvent.objects.filter(action="apikey.revoked").count() == 1


def test_a_weak_password_is_refused() -> None:
    with pytest.raises(ValidationError):
        create_user(ACTOR, username="kees", password="12345")


def test_a_duplicate_user_name_is_refused_regardless_of_case() -> None:
    build_user(username="Kees")
    with pytest.raises(ValidationError, match="already exists"):
        create_user(ACTOR, username="kees", password="a-long-enough-password-1")


def test_an_unknown_role_is_refused() -> None:
    org = build_org()
    user = build_user()
    with pytest.raises(ValidationError, match="Unknown role"):
        grant_membership(ACTOR, user=user, organisation=org, role="admin")
    assert Membership.objects.count() == 0


def test_an_account_event_is_in_the_log_of_each_organisation_of_the_account_or_of_none_without_one() -> None:
    noord, zuid = build_org("Zorggroep Noord"), build_org("Thuiszorg Zuid")
    both = build_user(noord, Role.CLIENT_ADMIN, username="bram")
    grant_membership(ACTOR, user=both, organisation=zuid, role=Role.CLIENT_VIEWER)
    loner = build_user(username="kees")

    rows = log_account_event(Actor.for_user(both), "auth.password_chosen", both)
    alone = log_account_event(Actor.for_user(loner), "auth.password_chosen", loner)

    assert sorted((e.organisation.name if e.organisation else "", e.object_id) for e in rows) == [
        ("Thuiszorg Zuid", str(both.public_id)),
        ("Zorggroep Noord", str(both.public_id)),
    ]
    assert [(e.organisation_id, e.object_type, e.object_id) for e in alone] == [(None, "user", str(loner.public_id))]
