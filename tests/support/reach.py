"""What an organisation can reach: every URL its members or its API key can form, and a logged-in client for each
of them. The leak tests (names, private statements, disclosures) fetch all of it and look for what must not be
there."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from spiegel.interviews.models import Interview
from spiegel.tenancy.models import Membership, Organisation, Role
from tests.support.builders import build_user


def _patterns() -> list[tuple[str, list[str]]]:
    """(route name, its URL parameters) for every named route."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                found.append((f"{namespace}{p.name}", list(p.pattern.converters)))

    walk(get_resolver().url_patterns, "")
    return found


def reachable_urls(org: Organisation, cases: list[Interview], key_prefix: str) -> list[str]:
    """Every GET URL an organisation member or API key can form: all routes without a leaver's token, for each of
    ``cases`` and each of the organisation's members."""
    members = [str(m.user.public_id) for m in Membership.objects.filter(organisation=org).select_related("user")]
    if not members:
        pytest.fail("the organisation has no members yet: make its clients (organisation_clients) first")
    urls: list[str] = []
    for name, params in _patterns():
        if {"token", "receipt"} & set(params) or name in ("web:logout", "set_language"):
            continue
        ids = [str(c.id) for c in cases] if {"case_id", "interview_id"} & set(params) else [""]
        for case_id in ids:
            for member in members if "public_id" in params else [""]:
                values = {
                    "slug": org.slug,
                    "case_id": case_id,
                    "interview_id": case_id,
                    "prefix": key_prefix,
                    "public_id": member,
                }
                try:
                    urls.append(reverse(name, kwargs={p: values[p] for p in params}))
                except (NoReverseMatch, KeyError):
                    pytest.fail(f"cannot form a URL for {name} {params}")
    return [
        *urls,
        "/api/v1/interviews?page_size=200",
        *[f"/api/v1/interviews?status={s}" for s in ("review", "completed")],
    ]


def organisation_clients(org: Organisation, key: str) -> dict[str, Client]:
    """A client for the organisation's API key and one logged in for each of its roles, by who they are."""
    clients: dict[str, Client] = {"api_key": Client(HTTP_AUTHORIZATION=f"Bearer {key}")}
    for role in (Role.CLIENT_ADMIN, Role.CLIENT_VIEWER):
        client = Client()
        client.force_login(build_user(org, role))
        clients[role] = client
    return clients
