from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from spiegel.interviews.actions import customise_guide
from spiegel.interviews.bridge import guide_for_organisation
from spiegel.privacy.actors import Actor
from spiegel.tenancy.management.commands._base import fail
from spiegel.tenancy.models import Organisation
from spiegel.tenancy.queries import organisation_by_slug


class Command(BaseCommand):
    help = "Show or customise an organisation's interview guide (remove topics, add its own questions)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{show,set}")
        show = sub.add_parser("show", help="Print the guide the organisation's new cases use.")
        show.add_argument("--org", required=True, help="The organisation's short name (slug).")
        show.add_argument("--lang", choices=["nl", "en"], default="nl", help="The guide's language (default nl).")
        change = sub.add_parser("set", help="Replace the organisation's customisation for one language.")
        change.add_argument("--org", required=True, help="The organisation's short name (slug).")
        change.add_argument("--lang", choices=["nl", "en"], default="nl", help="The guide's language (default nl).")
        change.add_argument("--remove", action="append", default=[], metavar="TOPIC", help="A topic id to leave out.")
        change.add_argument(
            "--question",
            action="append",
            default=[],
            metavar="TOPIC=QUESTION",
            help="An extra question for a topic, e.g. manager='Hoe verliep het contact met HR?'",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            org = organisation_by_slug(options["org"])
        except Organisation.DoesNotExist as exc:
            raise fail(ValidationError(str(exc))) from exc
        if options["action"] == "set":
            extra: dict[str, list[str]] = {}
            for item in options["question"]:
                topic, sep, question = item.partition("=")
                if not sep or not question.strip():
                    raise CommandError(f"--question takes TOPIC=QUESTION (got {item!r}).")
                extra.setdefault(topic.strip(), []).append(question.strip())
            try:
                customise_guide(
                    Actor.system("cli"), org, options["lang"], remove_topics=options["remove"], extra_questions=extra
                )
            except ValidationError as exc:
                raise fail(exc) from exc
            self.stdout.write(f"Saved the {options['lang']} guide of {org.name}.")
        guide = guide_for_organisation(org, options["lang"])
        for topic in guide.ordered_topics():
            self.stdout.write(f"{topic.id:<14} {topic.question}")
            for question in topic.extra_questions:
                self.stdout.write(f"{'':<14}   + {question}")
