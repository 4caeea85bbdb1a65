from __future__ import annotations

import argparse
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from spiegel.privacy.actors import Actor
from spiegel.privacy.second_factor import set_required
from spiegel.tenancy.actions import create_organisation, ensure_department
from spiegel.tenancy.management.commands._base import fail
from spiegel.tenancy.models import Organisation, OrganisationKind
from spiegel.tenancy.queries import organisation_by_slug


class Command(BaseCommand):
    help = "Create and list organisations (client organisations and the practice)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{create,list,department,second-factor}")
        create = sub.add_parser(
            "create", help="Create an organisation.", formatter_class=argparse.ArgumentDefaultsHelpFormatter
        )
        create.add_argument("--name", required=True, help="The organisation's name, e.g. 'Zorggroep Noord'.")
        create.add_argument(
            "--slug", required=True, help="Short name used in addresses: lower-case letters, digits, hyphens."
        )
        create.add_argument(
            "--kind",
            choices=OrganisationKind.values,
            default=OrganisationKind.CLIENT,
            help="Client or the practice itself.",
        )
        sub.add_parser("list", help="List organisations.")
        dept = sub.add_parser("department", help="Add a department to an organisation.")
        dept.add_argument("--org", required=True, help="The organisation's short name (slug).")
        dept.add_argument("--name", required=True, help="The department's name.")
        policy = sub.add_parser(
            "second-factor", help="Require (or stop requiring) two-step sign-in of an organisation's members."
        )
        policy.add_argument("--org", required=True, help="The organisation's short name (slug).")
        policy.add_argument("required", choices=["required", "optional"], help="required or optional.")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor.system("cli")
        if options["action"] == "create":
            try:
                org = create_organisation(actor, name=options["name"], slug=options["slug"], kind=options["kind"])
            except ValidationError as exc:
                raise fail(exc) from exc
            self.stdout.write(f"Created {org.kind} organisation {org.name} ({org.slug}).")
        elif options["action"] == "list":
            for org in Organisation.objects.order_by("name"):
                self.stdout.write(f"{org.slug}\t{org.kind}\t{org.name}")
        elif options["action"] == "second-factor":
            try:
                org = organisation_by_slug(options["org"])
            except Organisation.DoesNotExist as exc:
                raise fail(ValidationError(str(exc))) from exc
            required = options["required"] == "required"
            set_required(actor, org, required)
            if required:
                self.stdout.write(f"Members of {org.name} now sign in with a second factor (a code from an app).")
            else:
                self.stdout.write(f"A second factor is optional for members of {org.name}.")
        else:
            try:
                org = organisation_by_slug(options["org"])
                dept = ensure_department(actor, org, options["name"])
            except Organisation.DoesNotExist as exc:
                raise fail(ValidationError(str(exc))) from exc
            except ValidationError as exc:
                raise fail(exc) from exc
            self.stdout.write(f"Department {dept.name} is in {org.name}.")
