"""What `spiegel doctor` and the consultants' status page check: configuration, database, worker, model.

Every check returns :class:`Check` results in plain words: ``ok``, ``warning`` (works, but look at it) or
``problem`` (something does not work; `spiegel doctor` exits non-zero).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.core.checks import WARNING
from django.core.checks import run_checks as django_checks
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from spiegel.interviews.language_model import chat_client
from spiegel.privacy.second_factor import organisations_requiring, posture
from spiegel.task_queue import uses_database_queue
from spiegel.web.doors import content_security_policy

Level = Literal["ok", "warning", "problem"]
# A task still waiting after this long means no worker is taking tasks.
WORKER_GRACE = timedelta(minutes=1)


@dataclass(frozen=True)
class Check:
    """One finding: what was checked (``area``), how it stands and what it means."""

    area: str
    level: Level
    message: str
    language: str = ""  # the message's language when it is not the page's (Django's own checks are English)


def check_configuration() -> list[Check]:
    """Secrets, debug mode and whether the language model is configured."""
    out: list[Check] = []
    area = _("configuration")
    if settings.SPIEGEL_SECRETS_GENERATED:
        out.append(
            Check(
                area,
                "warning",
                _(
                    "The secret key and encryption key were generated into %(path)s. Fine for a trial; in "
                    "production set SPIEGEL_SECRET_KEY and SPIEGEL_ENCRYPTION_KEYS and keep them safe."
                )
                % {"path": settings.SPIEGEL_SECRETS_FILE},
            )
        )
        if settings.SPIEGEL_SECRETS_FILE.resolve().is_relative_to(settings.DATA_DIR.resolve()):
            out.append(
                Check(
                    area,
                    "warning",
                    _(
                        "The keys lie inside the data directory, so every copy of it carries the key that "
                        "decrypts it. Move %(path)s out of it and point SPIEGEL_SECRETS_FILE at the new place."
                    )
                    % {"path": settings.SPIEGEL_SECRETS_FILE},
                )
            )
        else:
            out.append(
                Check(
                    area,
                    "ok",
                    _("The generated keys are kept apart from the data, in %(path)s.")
                    % {"path": settings.SPIEGEL_SECRETS_FILE},
                )
            )
    else:
        out.append(Check(area, "ok", _("The secret key and encryption keys come from the environment.")))
        if not settings.SPIEGEL_LINK_KEYS:
            out.append(
                Check(
                    area,
                    "warning",
                    _(
                        "Leavers' links and receipts are hashed with the secret key: set SPIEGEL_LINK_KEYS, so "
                        "that the secret key can be changed without breaking a single open link."
                    ),
                )
            )
    if settings.DEBUG:
        out.append(Check(area, "warning", _("SPIEGEL_DEBUG is on: never run like this in production.")))
    out.append(Check(_("language model"), "ok", llm_summary()))
    return out


def llm_summary() -> str:
    """The language-model configuration in one sentence (never the API key)."""
    if not settings.SPIEGEL_LLM_BASE_URL:
        return _(
            "Off: the built-in interviewer words every question and the offline classifier analyses. "
            "Nothing leaves this server."
        )
    on = _(
        "On: model %(model)s at %(url)s (API key %(key)s); a leaver waits at most %(timeout)s s per question, "
        "then the built-in wording is used."
    ) % {
        "model": settings.SPIEGEL_LLM_MODEL,
        "url": settings.SPIEGEL_LLM_BASE_URL,
        "key": _("set") if settings.SPIEGEL_LLM_API_KEY else _("not set"),
        "timeout": f"{settings.SPIEGEL_LLM_TIMEOUT:g}",
    }
    # What leaves the server, said plainly to the practice (issue 16; the details are in docs/llm.md).
    if settings.SPIEGEL_LLM_WITHHOLD_SENSITIVE:
        sent = _(
            "What it receives: during the conversation, each answer of the leaver and the last messages before "
            "it, pseudonymised (names and identifiers replaced). Answers that look like health details, a "
            "serious disclosure or distress are withheld: the built-in rules read them and the built-in wording "
            "answers them, and the model sees a placeholder instead (SPIEGEL_LLM_WITHHOLD_SENSITIVE). Treat "
            "%(url)s as a processor of personal data."
        ) % {"url": settings.SPIEGEL_LLM_BASE_URL}
    else:
        sent = _(
            "What it receives: during the conversation, each answer of the leaver and the last messages before "
            "it, pseudonymised (names and identifiers replaced) but otherwise as written, health details and "
            "disclosures included, before the leaver has chosen anything private "
            "(SPIEGEL_LLM_WITHHOLD_SENSITIVE is off). Treat %(url)s as a processor of personal data."
        ) % {"url": settings.SPIEGEL_LLM_BASE_URL}
    return f"{on} {sent}"


def check_database() -> list[Check]:
    """The database answers, and every migration is applied."""
    area = _("database")
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return [Check(area, "problem", _("Cannot connect to the database: %(error)s") % {"error": exc})]
    vendor = connection.vendor
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return [
            Check(
                area,
                "problem",
                _("%(n)s database migrations are not applied yet: run 'spiegel init'.") % {"n": len(pending)},
            )
        ]
    return [Check(area, "ok", _("Connected (%(vendor)s); all migrations are applied.") % {"vendor": vendor})]


def check_worker() -> list[Check]:
    """Background tasks are being taken: none has waited longer than a minute."""

    area = _("worker")
    if not uses_database_queue():
        return [Check(area, "ok", _("Tasks run with %(backend)s.") % {"backend": settings.TASKS["default"]["BACKEND"]})]
    now = timezone.now()
    cutoff = now - WORKER_GRACE
    try:
        ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY, enqueued_at__lte=cutoff)
        due = ready.filter(run_after__lte=cutoff) | ready.filter(run_after=get_date_max())
        waiting = due.count()
        oldest = due.order_by("enqueued_at").first()
    except Exception as exc:
        return [Check(area, "problem", _("Cannot read the task queue: %(error)s") % {"error": exc})]
    if oldest is None:
        return [Check(area, "ok", _("No task has waited longer than a minute."))]
    minutes = max(1, int((now - oldest.enqueued_at).total_seconds() // 60))
    return [
        Check(
            area,
            "problem",
            _(
                "%(n)s tasks have waited longer than a minute; the oldest (%(task)s) was queued %(minutes)s "
                "minutes ago. No worker seems to be running: start 'spiegel serve' or 'spiegel worker'."
            )
            % {"n": waiting, "task": oldest.task_path.rsplit(".", 1)[-1], "minutes": minutes},
        )
    ]


def check_model() -> list[Check]:
    """A short real request to the configured model, with the configured time limit."""
    from spiegel.llm import LLMError  # deferred: openai takes ~1 s to load; only a model check needs it

    area = _("language model")
    client = chat_client()
    if client is None:
        return [Check(area, "ok", _("Not configured; nothing to check."))]
    try:
        seconds = client.ping()
    except LLMError as exc:
        return [
            Check(
                area,
                "problem",
                _("The model does not answer: %(error)s. Leavers get the built-in wording meanwhile.") % {"error": exc},
            )
        ]
    level: Level = "ok" if seconds <= client.config.timeout * 0.5 else "warning"
    message = _("%(model)s answered in %(ms)s ms.") % {"model": client.config.model, "ms": round(seconds * 1000)}
    if level == "warning":
        message += " " + _("That is more than half the time limit: many questions will fall back to templates.")
    return [Check(area, level, message)]


def check_deployment(*, production: bool) -> list[Check]:
    """Django's deployment checks (`manage.py check --deploy`: HTTPS, HSTS, cookies, debug, secret key…).
    Their warnings are problems in production, warnings otherwise."""

    area = _("deployment")
    found = [m for m in django_checks(include_deployment_checks=True) if m.level >= WARNING and not m.is_silenced()]
    if not found:
        return [Check(area, "ok", _("Django's deployment checks pass (HTTPS, HSTS, secure cookies, headers)."))]
    level: Level = "problem" if production else "warning"
    return [Check(area, level, f"{m.id}: {m.msg}", language="en") for m in found]


def run_checks(*, model: bool = True, production: bool | None = None) -> list[Check]:
    """All checks in order; the model check makes a real request (skip it with ``model=False``). In production
    (``production``, else SPIEGEL_PRODUCTION) any warning of Django's deployment checks is a problem."""
    production = settings.SPIEGEL_PRODUCTION if production is None else production
    checks = check_configuration() + check_deployment(production=production) + check_database() + check_worker()
    checks += run_privacy_checks(production=production)
    if model:
        checks += check_model()
    return checks


# Issue 16's locked doors, each read from the running configuration and the data: two-step sign-in, the pages'
# Content-Security-Policy, and whether audit details (disclosure flags) are encrypted at rest.
# Pages whose policy is checked: a staff page, a leaver's page, the dashboard and the API docs.
POLICED_PATHS = ("/login/", "/i/x/", "/o/x/dashboard/", "/api/v1/docs")


def check_second_factor(*, production: bool) -> list[Check]:

    area = _("two-step sign-in")
    try:
        found = posture()
        organisations = organisations_requiring()
    except Exception as exc:  # the database check reports why
        return [Check(area, "warning", _("Cannot read the accounts: %(error)s") % {"error": type(exc).__name__})]
    roles = list(settings.SPIEGEL_SECOND_FACTOR_ROLES)
    parts = []
    if roles:
        parts.append(_("Required for the roles: %(roles)s.") % {"roles": ", ".join(roles)})
    if organisations:
        parts.append(
            _("Required by %(n)s organisations: %(names)s.")
            % {"n": len(organisations), "names": ", ".join(o.name for o in organisations)}
        )
    if not parts:
        parts.append(
            _("Optional for every account (SPIEGEL_SECOND_FACTOR_ROLES is empty; no organisation requires it).")
        )
    parts.append(_("%(with)s of %(all)s active accounts use it.") % {"with": found.with_factor, "all": found.accounts})
    if found.required_without:
        parts.append(
            ngettext(
                "%(n)s account must set it up at its next sign-in.",
                "%(n)s accounts must set it up at their next sign-in.",
                found.required_without,
            )
            % {"n": found.required_without}
        )
    level: Level = "warning" if production and not roles and not organisations else "ok"
    if level == "warning":
        parts.append(_("In production, require it at least of consultants (SPIEGEL_SECOND_FACTOR_ROLES=consultant)."))
    return [Check(area, level, " ".join(parts))]


def check_content_security_policy() -> list[Check]:

    area = _("headers")
    loose = []
    for path in POLICED_PATHS:
        policy = content_security_policy(path) or ""
        if not policy or "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
            loose.append(path)
    if loose:
        return [
            Check(
                area,
                "warning",
                _("These pages have no strict Content-Security-Policy: %(paths)s.") % {"paths": ", ".join(loose)},
            )
        ]
    return [
        Check(
            area,
            "ok",
            _(
                "Every page, the dashboard and the API docs included, sends a strict Content-Security-Policy: "
                "scripts and styles from Spiegel only, no inline script and no eval."
            ),
        )
    ]


def check_audit_encryption() -> list[Check]:
    """Audit details (which can name a leaver's disclosure) are stored encrypted: counts rows that are not."""
    area = _("encryption at rest")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT detail FROM privacy_auditevent")
            plain = sum(1 for (raw,) in cursor.fetchall() if not (isinstance(raw, str) and raw.startswith("gAAAA")))
    except Exception as exc:  # the database check reports why
        return [Check(area, "warning", _("Cannot read the audit log: %(error)s") % {"error": type(exc).__name__})]
    if plain:
        return [
            Check(
                area,
                "problem",
                _("%(n)s audit events hold their detail unencrypted: run 'spiegel init' to apply the migrations.")
                % {"n": plain},
            )
        ]
    return [
        Check(
            area,
            "ok",
            _(
                "Transcripts, statements, cluster terms, audit details (disclosure flags included), e-mail "
                "addresses and second-factor secrets are encrypted with SPIEGEL_ENCRYPTION_KEYS."
            ),
        )
    ]


def run_privacy_checks(*, production: bool) -> list[Check]:
    return check_second_factor(production=production) + check_content_security_policy() + check_audit_encryption()
