"""The practitioner's follow-up of one disclosure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from spiegel.disclosures.actions import NOTE_MAX, WISH_MAX
from spiegel.disclosures.models import Disclosure, FollowUpStatus, WishRecordedBy


class FollowUpForm(forms.Form):
    """Status and note; the leaver's wish too while the conversation did not record it."""

    status = forms.ChoiceField(
        label=_("Follow-up"),
        choices=FollowUpStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a follow-up status."), "invalid_choice": _("Choose a follow-up status.")},
    )
    wish = forms.CharField(
        label=_("What the leaver wants done with it"),
        help_text=_("As the leaver told you, for example: only the confidential adviser, report it, nothing."),
        required=False,
        max_length=WISH_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": WISH_MAX}),
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Only the practice reads it; it is stored encrypted."),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX}),
    )

    def __init__(self, *args: Any, disclosure: Disclosure, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": disclosure.status, "note": disclosure.note, "wish": disclosure.wish})
        super().__init__(*args, **kwargs)
        self.wish_from_leaver = disclosure.wish_recorded_by == WishRecordedBy.LEAVER
        if self.wish_from_leaver:
            del self.fields["wish"]
