"""The closing question only a human-led conversation has: is the interviewer's account of it right?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from spiegel.copilot.actions import store_account_verdict
from spiegel.copilot.models import AccountVerdict
from spiegel.interviews.models import Interview, Mode


@dataclass
class AccountQuestion:
    """The question for one case (no choices: the case was held by Spiegel and there is no question)."""

    interview: Interview
    value: str

    @property
    def choices(self) -> list[tuple[str, Any]]:
        return list(AccountVerdict.choices) if self.interview.mode == Mode.INTERVIEWER else []

    def check(self) -> None:
        """Refuse a missing or unknown answer before anything of the closing is saved."""
        if self.choices and self.value not in AccountVerdict.values:
            raise ValidationError({"account_right": [_("Say whether the account is right.")]})

    def save(self) -> None:
        if self.choices:
            store_account_verdict(self.interview, self.value)


def account_question(interview: Interview, value: str | None) -> AccountQuestion:
    return AccountQuestion(interview=interview, value=(value or "").strip())
