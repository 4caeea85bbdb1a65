"""The page to choose a password (an invitation's link and a new sign-in link) in Spiegel's own words: its
rules under the field and its errors say "je" in Dutch, as the rest of Spiegel does, never Django's "u"/"uw";
the rule for a too short password is in Dutch too, not in English."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from django.test import Client

from spiegel.tenancy.models import Role, User
from spiegel.web.welcome import new_link_url, welcome_url
from tests.support.builders import build_org, build_user

pytestmark = pytest.mark.django_db

# The formal ways to address the reader that must not occur, as whole words: u, U, uw, Uw, uzelf, Uzelf.
FORMAL = re.compile(r"\b(?:u|U|uw|Uw|uzelf|Uzelf)\b")

RULES = {
    "nl": [
        "Je wachtwoord mag niet te veel lijken op je gebruikersnaam, je naam of je e-mailadres.",
        "Je wachtwoord moet minstens 10 tekens lang zijn.",
        "Je wachtwoord mag geen wachtwoord zijn dat veel mensen gebruiken.",
        "Je wachtwoord mag niet alleen uit cijfers bestaan.",
    ],
    "en": [
        "Your password may not look too much like your user name, your name or your e-mail address.",
        "Your password needs at least 10 characters.",
        "Your password may not be one that many people use.",
        "Your password may not be only digits.",
    ],
}

# (new password, its repetition) -> the errors the page shows, per language.
ATTEMPTS = [
    (
        ("kort-1", "kort-1"),
        {
            "nl": ["Dit wachtwoord is te kort: het moet minstens 10 tekens lang zijn."],
            "en": ["This password is too short: it needs at least 10 characters."],
        },
    ),
    (
        ("73920461855", "73920461855"),
        {
            "nl": ["Dit wachtwoord bestaat alleen uit cijfers; voeg letters of andere tekens toe."],
            "en": ["This password is only digits; add letters or other characters."],
        },
    ),
    (
        ("password123", "password123"),
        {
            "nl": ["Veel mensen gebruiken dit wachtwoord; kies er een dat minder makkelijk te raden is."],
            "en": ["Many people use this password; choose one that is less easy to guess."],
        },
    ),
    (
        ("sanne.devries@zorg.example", "sanne.devries@zorg.example"),
        {
            "nl": ["Dit wachtwoord lijkt te veel op je e-mailadres."],
            "en": ["This password looks too much like your email address."],
        },
    ),
    (
        ("een-lang-eigen-wachtwoord", "een-ander-lang-wachtwoord"),
        {"nl": ["De twee wachtwoordvelden komen niet overeen."], "en": ["The two password fields didn’t match."]},
    ),
    (("", ""), {"nl": ["Dit veld is verplicht.", "Dit veld is verplicht."], "en": ["This field is required."] * 2}),
]


def _sanne() -> User:
    user = build_user(build_org("Zorggroep Noord"), Role.CLIENT_VIEWER, username="sanne")
    user.email = "sanne.devries@zorg.example"
    user.save(update_fields=["email"])
    return user


def _text(page: str) -> str:
    """The words of the page's main part, without markup."""
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def _errors(page: str) -> list[str]:
    return [html.unescape(e) for e in re.findall(r'<div class="error" id="err-[^"]+" role="alert">(.*?)</div>', page)]


@pytest.mark.parametrize("link", [welcome_url, new_link_url], ids=["invitation", "new-sign-in-link"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_password_page_states_its_rules_and_errors_in_spiegels_words(
    link: Callable[[User], str], language: str
) -> None:
    url = link(_sanne())
    visitor = Client(HTTP_ACCEPT_LANGUAGE=language)
    form_page = visitor.get(url[url.index("/", url.index("//") + 2) :], follow=True)
    page = form_page.content.decode()
    help_list = page.split('id="id_new_password1_helptext">', 1)[1].split("</small>", 1)[0]
    assert [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", help_list)] == RULES[language]
    texts = [_text(page)]
    for (first, second), errors in ATTEMPTS:
        answer = visitor.post(form_page.redirect_chain[-1][0], {"new_password1": first, "new_password2": second})
        shown = answer.content.decode()
        assert (answer.status_code, _errors(shown)) == (200, errors[language]), first
        texts.append(_text(shown))
    if language == "nl":
        assert [FORMAL.findall(text) for text in texts] == [[]] * len(texts)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_field_on_the_password_page_points_at_a_help_text_that_exists(language: str) -> None:
    url = welcome_url(_sanne())
    visitor = Client(HTTP_ACCEPT_LANGUAGE=language)
    page = visitor.get(url[url.index("/", url.index("//") + 2) :], follow=True).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    assert described == ["id_new_password1_helptext", "id_new_password2_helptext"]
    assert [ref for refs in described for ref in refs.split() if ref not in ids] == []
