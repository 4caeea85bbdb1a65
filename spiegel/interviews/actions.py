"""Every write to leavers' cases apart from their status: open, invite, renew the link, customise the guide.
Status changes (consent, close, complete, withdraw, expire) live in lifecycle.py."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spiegel.interviews.conversation import start_conversation
from spiegel.interviews.engine import Engine, Move, check_question, load_default_guide
from spiegel.interviews.lifecycle import lock, reopen_expired
from spiegel.interviews.models import (
    GuideCustomisation,
    Interview,
    Language,
    LeaveType,
    Mode,
    Regrettable,
)
from spiegel.interviews.references import next_reference
from spiegel.interviews.rule_words import rule_problems_in_words
from spiegel.interviews.tasks import send_invitation
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit, log_case_event
from spiegel.privacy.crypto import encrypt_text, token_digest
from spiegel.tenancy.actions import ensure_department
from spiegel.tenancy.models import Department, Organisation, User

MAX_TENURE_MONTHS = 12 * 60


@dataclass(frozen=True)
class CaseInput:
    """What it takes to open a case. Validated by `open_case`; the leaver's name is never asked."""

    language: str = Language.NL
    department: str = ""
    role_title: str = ""
    tenure_months: int | None = None
    leave_date: dt.date | None = None
    leave_type: str = LeaveType.RESIGNATION
    mode: str = Mode.SELF
    regrettable: str = Regrettable.UNKNOWN
    email: str = ""
    assigned_interviewer: User | None = None


def _new_token() -> str:
    # 192 bits; only its keyed hash is stored.
    return secrets.token_urlsafe(24)


def _years_from(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year + years, day=28)


def leave_date_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The leave dates a case accepts: three calendar years before ``today`` up to two after, both inclusive."""
    return _years_from(today, -3), _years_from(today, 2)


def validate_case_input(data: CaseInput) -> None:
    """Raise ValidationError with a message per field for anything wrong; nothing is written."""
    errors: dict[str, str] = {}
    if data.language not in Language.values:
        errors["language"] = _("The language must be nl or en.")
    if data.leave_type not in LeaveType.values:
        errors["leave_type"] = _("Unknown leave type; use one of %(types)s.") % {"types": ", ".join(LeaveType.values)}
    if data.mode not in Mode.values:
        errors["mode"] = _("The mode must be self or interviewer.")
    if data.regrettable not in Regrettable.values:
        errors["regrettable"] = _("Regrettable must be yes, no or unknown.")
    if data.tenure_months is not None and not 0 <= data.tenure_months <= MAX_TENURE_MONTHS:
        errors["tenure_months"] = _("The tenure must be between 0 and %(max)s months.") % {"max": MAX_TENURE_MONTHS}
    if len(data.role_title) > 120:
        errors["role"] = _("The role may be at most 120 characters.")
    if len(data.department) > 120:
        errors["department"] = _("The department name may be at most 120 characters.")
    if data.leave_date is not None:
        earliest, latest = leave_date_window(timezone.localdate())
        if not earliest <= data.leave_date <= latest:
            errors["leave_date"] = _("The leave date must lie within three years before and two years after today.")
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = _("This is not a valid e-mail address.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def open_case(actor: Actor, organisation: Organisation, data: CaseInput) -> tuple[Interview, str]:
    """Open a case for a leaver. Returns the case and its invitation token (shown only this once).

    When an e-mail address is given, the invitation is e-mailed by a background task after commit.
    """
    validate_case_input(data)
    department: Department | None = (
        ensure_department(actor, organisation, data.department) if data.department.strip() else None
    )
    token = _new_token()
    # The row lock makes cases opened at the same moment take their reference numbers one after the other.
    Organisation.objects.select_for_update().only("pk").get(pk=organisation.pk)
    interview = Interview.objects.create(
        organisation=organisation,
        reference=next_reference(organisation, timezone.localdate().year),
        department=department,
        role_title=data.role_title.strip(),
        tenure_months=data.tenure_months,
        leave_date=data.leave_date,
        leave_type=data.leave_type,
        regrettable=data.regrettable,
        language=data.language,
        mode=data.mode,
        email=data.email.strip() or None,
        assigned_interviewer=data.assigned_interviewer,
        token_hash=token_digest(token),
        token_expires_at=timezone.now() + dt.timedelta(days=settings.SPIEGEL_INVITATION_DAYS),
        created_by_label=actor.label[:80],
    )
    log_case_event(actor, "case.opened", interview)
    start_conversation(interview)
    if interview.email:
        _send_invitation_after_commit(interview, token)
    return interview, token


def _send_invitation_after_commit(interview: Interview, token: str) -> None:
    # The task arguments are stored in the database: pass the token encrypted, never in the clear.
    sealed = encrypt_text(token)
    interview_id = str(interview.id)
    transaction.on_commit(lambda: send_invitation.enqueue(interview_id, sealed))


@transaction.atomic
def renew_invitation(actor: Actor, interview: Interview) -> str:
    """Issue a new link (the old one stops working) and extend the expiry. Only for open cases."""
    # An expired case goes back to where it was before it expired; a closed one is refused.
    interview = reopen_expired(lock(interview))
    token = _new_token()
    interview.token_hash = token_digest(token)
    interview.token_expires_at = timezone.now() + dt.timedelta(days=settings.SPIEGEL_INVITATION_DAYS)
    interview.save(update_fields=["token_hash", "token_expires_at", "updated_at"])
    log_case_event(actor, "case.link_renewed", interview)
    if interview.email:
        _send_invitation_after_commit(interview, token)
    return token


@transaction.atomic
def customise_guide(
    actor: Actor,
    organisation: Organisation,
    language: str,
    *,
    remove_topics: list[str],
    extra_questions: dict[str, list[str]],
) -> GuideCustomisation:
    """Save an organisation's changes to the default guide for one language.

    Topics can be removed and questions added to a topic. Every added question must pass the interviewer's
    own rules (one open question, short, not leading, in the guide's language); otherwise nothing is saved.
    New cases use the customised guide; conversations already started keep theirs.
    """
    if language not in Language.values:
        raise ValidationError({"language": _("The language must be nl or en.")})
    guide = load_default_guide(language)
    known = {topic.id for topic in guide.topics}
    errors: dict[str, list[Any]] = {}
    unknown = sorted(set(remove_topics) - known) + sorted(set(extra_questions) - known)
    if unknown:
        errors["topics"] = [_("Unknown topics: %(ids)s.") % {"ids": ", ".join(unknown)}]
    if len(set(remove_topics)) >= len(known):
        errors.setdefault("topics", []).append(_("At least one topic must remain."))
    state, _opening = Engine(guide).start()
    labels = {topic.id: topic.label for topic in guide.topics}
    refusals: list[ValidationError] = []
    for topic_id, questions in extra_questions.items():
        for question in questions:
            problems = check_question(question, Move(kind="topic_question", topic=topic_id, language=language), state)
            if problems:
                why = rule_problems_in_words(problems, labels)
                refused = _("“%(q)s” breaks the interviewer's rules: %(why)s.") % {"q": question, "why": why}
                # the code names the topic, so that a page shows the message beside the question's topic
                refusals.append(ValidationError(refused, code=f"topic:{topic_id}"))
    if refusals:
        errors["questions"] = refusals
    if errors:
        raise ValidationError(errors)
    custom, _created = GuideCustomisation.objects.update_or_create(
        organisation=organisation,
        language=language,
        defaults={"remove_topics": sorted(set(remove_topics)), "extra_questions": extra_questions, "extra_topics": []},
    )
    log_audit(
        actor,
        "guide.customised",
        organisation=organisation,
        object_type="guide",
        object_id=language,
        detail={"removed": sorted(set(remove_topics)), "questions": sum(len(q) for q in extra_questions.values())},
    )
    return custom
