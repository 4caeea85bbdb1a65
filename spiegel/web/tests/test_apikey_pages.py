"""API keys on the page (issue 15): post/redirect/get, the key shown once, a confirmation step before revoking."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import ApiKey, Organisation, Role
from tests.support.builders import build_api_key, build_org, build_user

pytestmark = pytest.mark.django_db


def _client(role: str = Role.CLIENT_ADMIN) -> tuple[Client, Organisation]:
    org = build_org("Zorggroep Noord")
    client = Client()
    client.force_login(build_user(org, role))
    return client, org


def test_creating_a_key_redirects_and_shows_it_on_the_next_page_only() -> None:
    client, org = _client()
    response = client.post(f"/o/{org.slug}/apikeys/", {"name": "HR-systeem"})
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org.slug}/apikeys/"
    page = client.get(f"/o/{org.slug}/apikeys/").content.decode()
    key = page.split('data-testid="new-key" readonly value="')[1].split('"')[0]
    assert key.startswith(f"spk_{ApiKey.objects.get(organisation=org).prefix}_")
    assert key not in client.get(f"/o/{org.slug}/apikeys/").content.decode()
    assert ApiKey.objects.filter(organisation=org).count() == 1


def test_a_key_without_a_name_is_refused_with_a_message_and_nothing_is_made() -> None:
    client, org = _client()
    response = client.post(f"/o/{org.slug}/apikeys/", {"name": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Give the key a name, so you know later what it is for." in response.content.decode()
    too_long = client.post(f"/o/{org.slug}/apikeys/", {"name": "x" * 121}, HTTP_ACCEPT_LANGUAGE="en")
    assert "The name may be at most 120 characters." in too_long.content.decode()
    assert 'value="' + "x" * 121 + '"' in too_long.content.decode()
    assert not ApiKey.objects.filter(organisation=org).exists()


def test_revoking_asks_first_and_revokes_only_on_the_confirming_post() -> None:
    client, org = _client()
    prefix = build_api_key(org).split("_")[1]
    question = client.get(f"/o/{org.slug}/apikeys/{prefix}/revoke/", HTTP_ACCEPT_LANGUAGE="en")
    assert question.status_code == 200
    assert "Revoke the key 'test'? Systems that use it stop working at once" in question.content.decode()
    assert ApiKey.objects.get(prefix=prefix).revoked_at is None
    done = client.post(f"/o/{org.slug}/apikeys/{prefix}/revoke/")
    assert done.status_code == 302
    assert ApiKey.objects.get(prefix=prefix).revoked_at is not None
    again = client.post(f"/o/{org.slug}/apikeys/{prefix}/revoke/")
    assert again.status_code == 302
    assert AuditEvent.objects.filter(organisation=org, action="apikey.revoked", object_id=prefix).count() == 1


def test_a_key_of_another_organisation_cannot_be_revoked_from_this_one() -> None:
    client, org = _client()
    other_prefix = build_api_key(build_org("Bakkerij Zuid")).split("_")[1]
    assert client.get(f"/o/{org.slug}/apikeys/{other_prefix}/revoke/").status_code == 404
    assert client.post(f"/o/{org.slug}/apikeys/{other_prefix}/revoke/").status_code == 404
    assert ApiKey.objects.get(prefix=other_prefix).revoked_at is None


def test_a_client_viewer_may_neither_create_nor_revoke() -> None:
    client, org = _client(Role.CLIENT_VIEWER)
    prefix = build_api_key(org).split("_")[1]
    assert client.post(f"/o/{org.slug}/apikeys/", {"name": "x"}).status_code == 403
    assert client.post(f"/o/{org.slug}/apikeys/{prefix}/revoke/").status_code == 403
    assert ApiKey.objects.filter(organisation=org).count() == 1
    assert ApiKey.objects.get(prefix=prefix).revoked_at is None
