"""Background work for cases, run by the database-backed task worker."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from spiegel.interviews.links import invitation_url
from spiegel.interviews.models import Interview, Status
from spiegel.privacy.crypto import decrypt_text

log = logging.getLogger(__name__)


@task()
def send_invitation(interview_id: str, sealed_token: str) -> bool:
    """E-mail the leaver their private link. The token arrives encrypted; returns whether a mail was sent."""
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
