"""Background work for cases, run by the database-backed task worker."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from spiegel.interviews.models import Interview, Status

log = logging.getLogger(__name__)


@task()
def send_invitation(interview_id: str, sealed_token: str) -> bool:
    """E-mail the leaver their private link. The token arrives encrypted; returns whether a mail was sent."""
    from spiegel.interviews.actions import invitation_url
    from spiegel.privacy.crypto import decrypt_text

    interview = Interview.objects.filter(pk=interview_id).select_related("organisation").first()
    if interview is None or not interview.email or interview.status not in (Status.INVITED, Status.IN_PROGRESS):
        return False
    token = decrypt_text(sealed_token)
    with translation.override(interview.language):
        subject = _("Your exit interview with %(org)s") % {"org": interview.organisation.name}
        body = _(
            "Hello,\n\n%(org)s has asked Spiegel, an independent party, to hold your exit interview. "
            "You decide what is shared and how.\n\nYour private link: %(url)s\n\n"
            "The link is personal; please do not forward it."
        ) % {"org": interview.organisation.name, "url": invitation_url(token)}
    send_mail(subject, body, None, [interview.email])
    log.info("invitation sent for case %s", interview_id)
    return True


@task()
def maintenance() -> dict[str, int]:
    """Periodic upkeep: expire overdue cases, then delete what the retention periods say must go."""
    from spiegel.interviews.actions import expire_overdue_cases
    from spiegel.privacy.actions import purge
    from spiegel.privacy.outbox import purge_outbox
    from spiegel.privacy.throttle import purge_door_failures

    expired = expire_overdue_cases()
    purged = {f"purged_{k}": v for k, v in purge().as_dict().items()}
    return {
        "expired": expired,
        **purged,
        "purged_outbox_files": purge_outbox(),
        "purged_door_failures": purge_door_failures(),
    }
