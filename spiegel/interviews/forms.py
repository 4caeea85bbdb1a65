from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from spiegel.interviews.actions import CaseInput
from spiegel.interviews.models import Language, LeaveType, Mode, Regrettable
from spiegel.tenancy.models import Membership, Organisation, Role, User


class CaseForm(forms.Form):
    """Open a case. The leaver's name is never asked; the e-mail address is optional and deleted after completion."""

    language = forms.ChoiceField(label=_("Language of the conversation"), choices=Language.choices, initial=Language.NL)
    # Department and role are what every figure groups by: a case without them is a blank case.
    department = forms.CharField(
        label=_("Department"),
        max_length=120,
        error_messages={"required": _("Give the department the leaver works in.")},
    )
    role_title = forms.CharField(
        label=_("Role"),
        max_length=120,
        error_messages={"required": _("Give the leaver's role, for example 'Nurse'.")},
    )
    tenure_months = forms.IntegerField(label=_("Tenure (months)"), min_value=0, max_value=720, required=False)
    leave_date = forms.DateField(label=_("Leave date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    leave_type = forms.ChoiceField(label=_("Leave type"), choices=LeaveType.choices, initial=LeaveType.RESIGNATION)
    mode = forms.ChoiceField(label=_("Who holds the conversation"), choices=Mode.choices, initial=Mode.SELF)
    regrettable = forms.ChoiceField(
        label=_("Regrettable departure"),
        choices=Regrettable.choices,
        initial=Regrettable.UNKNOWN,
        help_text=_("The organisation's view; never shown to the leaver."),
    )
    email = forms.EmailField(
        label=_("Leaver's e-mail address (optional)"),
        required=False,
        help_text=_("Only to send the link; stored encrypted and deleted when the interview is complete."),
    )
    assigned_interviewer = forms.ModelChoiceField(
        label=_("Interviewer"), queryset=User.objects.none(), required=False, empty_label=_("— none —")
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A person of the practice holds a human-led conversation: a consultant or an interviewer (issue 14).
        interviewer_ids = Membership.objects.filter(
            organisation=organisation, role__in=(Role.CONSULTANT, Role.INTERVIEWER)
        ).values("user_id")
        qs = User.objects.filter(pk__in=interviewer_ids)
        field = self.fields["assigned_interviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = qs
        if not qs.exists():
            del self.fields["assigned_interviewer"]

    def to_input(self) -> CaseInput:
        data = self.cleaned_data
        return CaseInput(
            language=data["language"],
            department=data.get("department") or "",
            role_title=data.get("role_title") or "",
            tenure_months=data.get("tenure_months"),
            leave_date=data.get("leave_date"),
            leave_type=data["leave_type"],
            mode=data["mode"],
            regrettable=data["regrettable"],
            email=data.get("email") or "",
            assigned_interviewer=data.get("assigned_interviewer"),
        )
