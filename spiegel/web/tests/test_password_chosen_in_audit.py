"""A password chosen with an invitation link or a new sign-in link is in the audit log of the organisation the
account belongs to (of each, when it belongs to several), so that organisation's audit page lists it; another
organisation's page does not."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.actions import grant_membership
from spiegel.tenancy.models import Organisation, Role, User
from spiegel.web.welcome import new_link_url, welcome_url
from tests.support.builders import build_org, build_user, signed_in

pytestmark = pytest.mark.django_db


def _choose_password(url: str, password: str) -> None:
    """Open the one-time link as its owner would and choose the password."""
    visitor = Client()
    path = url[url.index("/", url.index("//") + 2) :]
    form_page = visitor.get(path, follow=True)
    done = visitor.post(form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert (done.status_code, done["Location"]) == (302, "/login/")


def _audit_rows(consultant: User, org: Organisation, action: str) -> list[str]:
    """The rows of the organisation's audit page (in Dutch) of one kind of event, as text."""
    page = signed_in(consultant).get(f"/o/{org.slug}/audit/?action={action}", HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 200
    html = page.content.decode()
    return [row.split("</tr>")[0] for row in html.split('<tr data-testid="audit-event">')[1:]]


def _named(username: str, first_name: str) -> User:
    user = User.objects.get(username=username)
    user.first_name = first_name
    user.save(update_fields=["first_name"])
    return user


def test_the_invited_persons_password_is_on_their_organisations_audit_page_not_on_anothers() -> None:
    noord, zuid = build_org("Zorggroep Noord"), build_org("Thuiszorg Zuid")
    eva = build_user(noord, Role.CONSULTANT, username="eva")
    frits = build_user(zuid, Role.CONSULTANT, username="frits")
    sanne = _named(build_user(noord, Role.CLIENT_VIEWER, username="sanne").username, "Sanne")

    _choose_password(welcome_url(sanne), "sannes-eigen-lange-wachtwoord")

    rows = _audit_rows(eva, noord, "auth.password_chosen")
    assert len(rows) == 1
    assert "Sanne" in rows[0] and "wachtwoord gekozen met de uitnodigingslink" in rows[0]
    assert _audit_rows(frits, zuid, "auth.password_chosen") == []
    events = AuditEvent.objects.filter(action="auth.password_chosen")
    assert [(e.organisation_id, e.actor_id) for e in events] == [(noord.pk, sanne.pk)]


def test_an_account_of_two_organisations_is_on_both_their_audit_pages_once_and_on_no_third() -> None:
    noord, zuid, west = build_org("Zorggroep Noord"), build_org("Thuiszorg Zuid"), build_org("Kliniek West")
    eva = build_user(noord, Role.CONSULTANT, username="eva")
    frits = build_user(zuid, Role.CONSULTANT, username="frits")
    gert = build_user(west, Role.CONSULTANT, username="gert")
    build_user(noord, Role.CLIENT_ADMIN, username="bram")
    bram = _named("bram", "Bram")
    grant_membership(Actor.system("test"), user=bram, organisation=zuid, role=Role.CLIENT_VIEWER)

    _choose_password(new_link_url(bram), "brams-nieuwe-lange-wachtwoord")

    for consultant, org in ((eva, noord), (frits, zuid)):
        rows = _audit_rows(consultant, org, "auth.password_chosen_with_new_link")
        assert len(rows) == 1, org.name
        assert "Bram" in rows[0] and "wachtwoord gekozen met een nieuwe inloglink" in rows[0]
    assert _audit_rows(gert, west, "auth.password_chosen_with_new_link") == []
    organisations = AuditEvent.objects.filter(action="auth.password_chosen_with_new_link").values_list(
        "organisation__name", flat=True
    )
    assert sorted(organisations) == ["Thuiszorg Zuid", "Zorggroep Noord"]
