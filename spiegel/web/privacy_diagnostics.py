"""What `spiegel doctor` and the status page say about issue 16's locked doors, each from the running
configuration and the data, not from what the code is meant to do: two-step sign-in, the Content-Security-
Policy of the pages, and whether audit details (disclosure flags) are encrypted at rest."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spiegel.web.diagnostics import Check, Level

# Pages whose policy is checked: a staff page, a leaver's page, the dashboard and the API docs.
POLICED_PATHS = ("/login/", "/i/x/", "/o/x/dashboard/", "/api/v1/docs")


def check_second_factor(*, production: bool) -> list[Check]:
    from spiegel.privacy.second_factor import organisations_requiring, posture

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
    from spiegel.web.doors import content_security_policy

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
