from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from spiegel.privacy.actors import Actor
from spiegel.tenancy.actions import create_api_key, revoke_api_key
from spiegel.tenancy.management.commands._base import fail
from spiegel.tenancy.models import Organisation
from spiegel.tenancy.queries import api_keys_of, organisation_by_slug


class Command(BaseCommand):
    help = "Create, list and revoke an organisation's API keys. 'create' prints the key as its last line."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{create,list,revoke}")
        create = sub.add_parser("create", help="Create a key; it is printed once, as the last line.")
        create.add_argument("--org", required=True, help="The organisation's short name (slug).")
        create.add_argument("--name", default="", help="What the key is for, e.g. 'HR system'.")
        listing = sub.add_parser("list", help="List an organisation's keys (prefixes only).")
        listing.add_argument("--org", required=True, help="The organisation's short name (slug).")
        revoke = sub.add_parser("revoke", help="Revoke a key by its prefix (the part after 'spk_').")
        revoke.add_argument("--org", required=True, help="The organisation's short name (slug).")
        revoke.add_argument("--prefix", required=True, help="The key's prefix, as shown by 'list'.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            org = organisation_by_slug(options["org"])
        except Organisation.DoesNotExist as exc:
            raise fail(ValidationError(str(exc))) from exc
        actor = Actor.system("cli")
        if options["action"] == "create":
            _key, raw = create_api_key(actor, org, name=options["name"])
            self.stdout.write(f"Created an API key for {org.name}. Store it now; it is not shown again:")
            self.stdout.write(raw)
        elif options["action"] == "list":
            for key in api_keys_of(org):
                state = "revoked" if key.revoked_at else "active"
                self.stdout.write(f"spk_{key.prefix}_…\t{state}\t{key.created_at:%Y-%m-%d}\t{key.name}")
        else:
            found = api_keys_of(org).filter(prefix=options["prefix"].removeprefix("spk_").split("_")[0]).first()
            if found is None:
                raise CommandError(f"{org.slug} has no key with prefix {options['prefix']!r}.")
            revoke_api_key(actor, found)
            self.stdout.write(f"Revoked spk_{found.prefix}_… of {org.name}.")
