"""Background work of human-led conversations, run by the database-backed task worker."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

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
