"""Background work of human-led conversations, run by the database-backed task worker."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.mail import send_mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from spiegel.copilot.models import Channel, HumanConversation
from spiegel.interviews.models import Interview, Status

log = logging.getLogger(__name__)


@task()
def tell_leaver_mirror_ready(interview_id: str) -> bool:
    """E-mail the leaver that the interviewer's account of their conversation is ready to review. The link is
    not in it (only its hash is stored): the leaver opens the account with the link of their invitation."""
    interview = Interview.objects.filter(pk=interview_id).select_related("organisation").first()
    if interview is None or not interview.email or interview.status != Status.REVIEW:
        return False
    with translation.override(interview.language):
        subject = _("Your exit interview: the account is ready for you")
        body = _(
            "Hello,\n\nThank you for the conversation. The interviewer has written down what you said. Open the "
            "link of your invitation to read it back, correct it and choose per statement what is shared; "
            "nothing is shared before you have done so.\n\nIf you no longer have the link, ask %(org)s or your "
            "interviewer for a new one."
        ) % {"org": interview.organisation.name}
    send_mail(subject, body, None, [interview.email])
    log.info("mirror notice sent for case %s", interview_id)
    return True


@task()
def tell_leaver_moment_proposed(interview_id: str, planned_for: str) -> bool:
    """E-mail the leaver the moment and the channel the interviewer proposed. ``planned_for`` is the proposed
    moment (ISO 8601): a proposal replaced before this runs is not sent, the newer one is. As with the mirror
    notice the link is not in it (only its hash is stored): the leaver confirms with the link of their
    invitation. Returns whether a mail was sent."""
    interview = Interview.objects.filter(pk=interview_id).select_related("organisation").first()
    if interview is None or not interview.email or interview.status not in (Status.INVITED, Status.IN_PROGRESS):
        return False
    human = HumanConversation.objects.filter(interview=interview).first()
    if human is None or human.planned_for is None or human.notes_closed_at is not None:
        return False
    if human.planned_for != dt.datetime.fromisoformat(planned_for):
        return False
    with translation.override(interview.language):
        subject = _("Your exit interview with %(org)s: the proposed moment") % {"org": interview.organisation.name}
        body = _(
            "Hello,\n\nThe interviewer who will hold your exit interview proposes this moment:\n\n%(moment)s\n"
            "%(channel)s%(detail)s\n\nOpen the link of your invitation to confirm this moment or to ask for "
            "another one. There you also read who the interviewer is and what happens with your words.\n\n"
            "If you no longer have the link, ask %(org)s or your interviewer for a new one."
        ) % {
            "moment": _moment_text(human.planned_for, human.duration_minutes),
            "channel": Channel(human.channel).label if human.channel else "",
            "detail": f": {human.channel_detail}" if human.channel_detail else "",
            "org": interview.organisation.name,
        }
    send_mail(subject, body, None, [interview.email])
    log.info("proposed moment sent for case %s", interview_id)
    return True


def _moment_text(planned_for: dt.datetime, duration_minutes: int) -> str:
    """The moment as the leaver's page shows it, in the service's time zone and the active language."""
    start = timezone.localtime(planned_for)
    end = start + dt.timedelta(minutes=duration_minutes)
    return f"{formats.date_format(start, 'l j F Y, H:i')}–{formats.time_format(end, 'H:i')}"
