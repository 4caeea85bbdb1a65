from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from spiegel.privacy.actors import Actor
from spiegel.tenancy.actions import create_organisation, create_user, grant_membership
from spiegel.tenancy.management.commands._base import fail
from spiegel.tenancy.management.commands.user import read_password
from spiegel.tenancy.models import Membership, Organisation, OrganisationKind, Role


class Command(BaseCommand):
    help = "Create or upgrade the database; on first run also the practice and its first consultant user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin", help="The first consultant's sign-in name.")
        parser.add_argument("--email", default="", help="The first consultant's e-mail address.")
        parser.add_argument(
            "--password",
            default="",
            help="Password; else SPIEGEL_PASSWORD, a prompt, or one is generated and printed.",
        )
        parser.add_argument("--practice-name", default="Mijn praktijk", help="The name of your practice.")
        parser.add_argument("--practice-slug", default="practice", help="The practice's short name.")
        parser.add_argument(
            "--no-input",
            action="store_true",
            help="Never prompt (a password is generated when none is given).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("The database is up to date.")
        if Membership.objects.filter(role=Role.CONSULTANT).exists():
            self.stdout.write("A consultant exists already; nothing else to do.")
            return
        actor = Actor.system("cli")
        try:
            with transaction.atomic():
                practice = Organisation.objects.filter(kind=OrganisationKind.PRACTICE).first() or create_organisation(
                    actor,
                    name=options["practice_name"],
                    slug=options["practice_slug"],
                    kind=OrganisationKind.PRACTICE,
                )
                password, generated = read_password(options, self.stdout)
                user = create_user(actor, username=options["username"], password=password, email=options["email"])
                grant_membership(actor, user=user, organisation=practice, role=Role.CONSULTANT)
        except ValidationError as exc:
            raise fail(exc) from exc
        self.stdout.write(f"Created the practice {practice.name} and consultant {user.username}.")
        if generated:
            self.stdout.write(f"Generated password (shown once): {password}")
