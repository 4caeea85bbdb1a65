from __future__ import annotations

import getpass
import secrets
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from spiegel.privacy.actors import Actor
from spiegel.privacy.second_factor import remove
from spiegel.tenancy.actions import create_user, deactivate_user, grant_membership, reactivate_user
from spiegel.tenancy.management.commands._base import fail
from spiegel.tenancy.models import Organisation, Role, User
from spiegel.tenancy.queries import organisation_by_slug


def read_password(options: dict[str, Any], stdout: Any) -> tuple[str, bool]:
    """The password from --password, SPIEGEL_PASSWORD, a prompt, or a generated one (returned as generated=True)."""
    password = options.get("password") or settings.SPIEGEL_PASSWORD
    if password:
        return password, False
    if sys.stdin.isatty() and not options.get("no_input"):
        first = getpass.getpass("Password (at least 10 characters): ")
        if first != getpass.getpass("Again: "):
            raise CommandError("The two passwords differ.")
        return first, False
    return secrets.token_urlsafe(12), True


class Command(BaseCommand):
    help = "Create users and give them a role in an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{create,grant,list,deactivate,reactivate,reset-second-factor}"
        )
        create = sub.add_parser("create", help="Create a user, optionally with a role in an organisation.")
        create.add_argument("--username", required=True, help="The sign-in name.")
        create.add_argument("--email", default="", help="E-mail address (optional).")
        create.add_argument(
            "--password",
            default="",
            help="Password; else SPIEGEL_PASSWORD, a prompt, or one is generated and printed.",
        )
        create.add_argument("--language", choices=["nl", "en"], default="nl", help="The user's language.")
        create.add_argument("--org", default="", help="An organisation (slug) to give the user a role in.")
        create.add_argument("--role", choices=Role.values, default="", help="The role in --org.")
        create.add_argument("--no-input", action="store_true", help="Never prompt.")
        grant = sub.add_parser("grant", help="Give an existing user a role in an organisation.")
        grant.add_argument("--username", required=True, help="The sign-in name.")
        grant.add_argument("--org", required=True, help="The organisation's short name (slug).")
        grant.add_argument("--role", choices=Role.values, required=True, help="The role.")
        sub.add_parser("list", help="List users and their roles.")
        for verb, words in (
            ("deactivate", "Switch an account off: no more sign-ins, nothing deleted."),
            ("reactivate", "Switch a deactivated account back on."),
        ):
            sub.add_parser(verb, help=words).add_argument("--username", required=True, help="The sign-in name.")
        reset = sub.add_parser(
            "reset-second-factor",
            help="Turn off a user's two-step sign-in (a lost phone); they enrol again at their next sign-in "
            "if it is required of them.",
        )
        reset.add_argument("--username", required=True, help="The sign-in name.")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.system("cli")
        action = options["action"]
        if action == "list":
            for user in User.objects.prefetch_related("memberships__organisation"):
                roles = ", ".join(f"{m.organisation.slug}:{m.role}" for m in user.memberships.all())
                state = "" if user.is_active else "\t(deactivated)"
                self.stdout.write(f"{user.username}\t{roles or '-'}{state}")
            return
        if action in ("deactivate", "reactivate"):
            self._switch(actor, action, options["username"])
            return
        if action == "reset-second-factor":
            found = User.objects.filter(username__iexact=options["username"]).first()
            if found is None:
                raise CommandError(f"There is no user named {options['username']!r}.")
            if remove(actor, found):
                self.stdout.write(f"Two-step sign-in of {found.username} is reset: they sign in with their password.")
            else:
                self.stdout.write(f"{found.username} had no two-step sign-in; nothing changed.")
            return
        if bool(options.get("org")) != bool(options.get("role")) and action == "create":
            raise CommandError("Give --org and --role together.")
        try:
            org = organisation_by_slug(options["org"]) if options.get("org") else None
        except Organisation.DoesNotExist as exc:
            raise fail(ValidationError(str(exc))) from exc
        try:
            with transaction.atomic():
                if action == "create":
                    password, generated = read_password(options, self.stdout)
                    user = create_user(
                        actor,
                        username=options["username"],
                        password=password,
                        email=options["email"],
                        language=options["language"],
                    )
                    self.stdout.write(f"Created user {user.username}.")
                    if generated:
                        self.stdout.write(f"Generated password (shown once): {password}")
                else:
                    found = User.objects.filter(username__iexact=options["username"]).first()
                    if found is None:
                        raise CommandError(f"There is no user named {options['username']!r}.")
                    user = found
                if org is not None:
                    grant_membership(actor, user=user, organisation=org, role=options["role"])
                    self.stdout.write(f"{user.username} is now {options['role']} in {org.name}.")
        except ValidationError as exc:
            raise fail(exc) from exc

    def _switch(self, actor: Actor, action: str, username: str) -> None:
        found = User.objects.filter(username__iexact=username).first()
        if found is None:
            raise CommandError(f"There is no user named {username!r}.")
        if action == "deactivate":
            deactivate_user(actor, found)
            self.stdout.write(f"{found.username} can no longer sign in.")
        else:
            reactivate_user(actor, found)
            self.stdout.write(f"{found.username} can sign in again.")
