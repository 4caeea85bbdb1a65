"""Saving the report's logo and colour on the branding page is in the audit log: who changed it and what changed
(the colour's old and new value; the logo added, replaced or removed, never the image itself), shown in words in
Dutch and English. A save that changes nothing writes no row."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Organisation, Role, User
from tests.support.builders import build_org, build_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }


def _png(colour: str = "red") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _consultant() -> tuple[Organisation, User, Client]:
    org = build_org("Zorggroep Noord")
    eva = build_user(org, Role.CONSULTANT, username="eva")
    client = Client()
    client.force_login(eva)
    return org, eva, client


def _save(client: Client, org: Organisation, **fields: Any) -> None:
    response = client.post(f"/o/{org.slug}/branding/", {"part": "branding", "brand_colour": "#2f5d62", **fields})
    assert (response.status_code, response["Location"]) == (302, f"/o/{org.slug}/dashboard/")


def test_saving_a_new_colour_and_logo_writes_one_audit_row_with_who_and_what_changed() -> None:
    org, eva, client = _consultant()
    logo = _png()
    _save(client, org, brand_colour="#AA3300", logo=logo)
    org.refresh_from_db()
    assert org.brand_colour == "#aa3300" and str(org.logo.name).startswith("logos/")
    [event] = AuditEvent.objects.filter(organisation=org, action="organisation.branding_changed")
    assert (event.actor, event.object_type, event.object_id) == (eva, "organisation", str(org.id))
    assert event.detail == {
        "changed": ["brand_colour", "logo"],
        "brand_colour": {"from": "#2f5d62", "to": "#aa3300"},
        "logo": "added",
    }


def test_replacing_and_removing_the_logo_are_audited_and_an_unchanged_save_is_not() -> None:
    org, _eva, client = _consultant()
    _save(client, org, logo=_png("red"))
    _save(client, org)  # the same colour, no new file: nothing changed
    _save(client, org, logo=_png("blue"))
    _save(client, org, **{"logo-clear": "on"})
    org.refresh_from_db()
    assert org.logo.name == ""
    events = AuditEvent.objects.filter(organisation=org, action="organisation.branding_changed").order_by(
        "created_at", "id"
    )
    assert [e.detail for e in events] == [
        {"changed": ["logo"], "logo": "added"},
        {"changed": ["logo"], "logo": "replaced"},
        {"changed": ["logo"], "logo": "removed"},
    ]


@pytest.mark.parametrize(
    ("language", "what"),
    [
        ("en", "report logo or colour changed: colour #2f5d62 → #aa3300, logo added"),
        ("nl", "logo of kleur van het rapport gewijzigd: kleur #2f5d62 → #aa3300, logo toegevoegd"),
    ],
)
def test_the_audit_log_says_in_words_what_changed_in_the_branding(language: str, what: str) -> None:
    org, _eva, client = _consultant()
    _save(client, org, brand_colour="#aa3300", logo=_png())
    page = client.get(f"/o/{org.slug}/audit/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f">{what}</td>" in page
