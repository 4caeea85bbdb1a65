"""The `spiegel` command: thin commands over actions. `spiegel --help` lists them; each has `--help`.

Every command is a Django management command; `spiegel manage …` reaches Django's own (migrate, shell, …).
"""

from __future__ import annotations

import os
import sys

COMMANDS: dict[str, str] = {
    "init": "Create or upgrade the database and the first consultant user.",
    "serve": "Run Spiegel: a production web server plus a background worker.",
    "demo": "Set up a demo practice with two client organisations and cases, then serve.",
    "org": "Create and list organisations.",
    "user": "Create users and give them a role in an organisation.",
    "apikey": "Create, list and revoke an organisation's API keys.",
    "guide": "Show or customise an organisation's interview guide.",
    "interview": "Hold an interview in the terminal with Spiegel's interviewer, to try it out.",
    "import-exits": "Import earlier exit-survey data from CSV (with a dry run and column mapping).",
    "worker": "Run only the background worker (for extra workers on other machines).",
    "scheduler": "Enqueue periodic upkeep (expiry, retention) at a fixed interval.",
    "redact": "Pseudonymise text: names and identifiers become placeholders (stdin → stdout).",
    "classify": "Tag statements with reasons-for-leaving themes, polarity and kind (stdin → stdout).",
    "doctor": "Check configuration, database, worker and language model; exit non-zero when something is wrong.",
    "purge": "Apply the retention periods now: delete old transcripts and statements (--dry-run to see).",
    "report": "Write an organisation's PDF report for a period (--org SLUG --from YYYY-MM --to YYYY-MM --out FILE).",
    "rotate-key": "Re-encrypt all stored data with the first key of SPIEGEL_ENCRYPTION_KEYS.",
    "manage": "Run one of Django's own management commands (migrate, shell, …).",
}


# Text tools that need no database: they run without setting up Django.
DJANGO_FREE = {"redact": "spiegel.language.redact_cli", "classify": "spiegel.language.classify_cli"}


def _usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: spiegel COMMAND [options]",
        "",
        "Spiegel: exit interviews that follow up, reviewed and approved by the leaver.",
        "",
        "commands:",
    ]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += [
        "",
        "Run 'spiegel COMMAND --help' for a command's options.",
        "Configuration comes from environment variables; see .env.example.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spiegel.settings")
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_usage())
        return 0
    name, rest = args[0], args[1:]
    if name in DJANGO_FREE:
        module = __import__(DJANGO_FREE[name], fromlist=["main"])
        return int(module.main(rest))
    if name not in COMMANDS:
        print(f"spiegel: unknown command {name!r}.\n", file=sys.stderr)
        print(_usage(), file=sys.stderr)
        return 2
    # deferred: Django loads only for the commands that need it; the Django-free ones start without it
    from spiegel.config import ConfigError, prepare_data_dir

    try:
        import django  # deferred: as above, only the commands that need Django load it
        from django.conf import settings  # deferred: as django

        django.setup()
        prepare_data_dir(settings)
    except ConfigError as exc:
        print(f"spiegel: configuration error: {exc}", file=sys.stderr)
        return 2
    from django.core.management import ManagementUtility  # deferred: as django above

    if name == "manage":
        ManagementUtility(["spiegel manage", *rest]).execute()
        return 0
    django_name = {"worker": "db_worker", "import-exits": "import_exits"}.get(name, name)
    utility = ManagementUtility([f"spiegel {name}", django_name, *rest])
    utility.prog_name = "spiegel"
    try:
        utility.execute()
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
