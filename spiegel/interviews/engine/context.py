"""What the engine knows about the case it interviews for: the real settings its answers are built from.

Questions about the interview ("who reads this?", "is this anonymous?") are answered from these settings,
and a serious disclosure names the organisation's own contact and procedure when they are configured.
Django-free: the conversation flow fills it from the database.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseContext:
    """The settings of one case that the interviewer may truthfully tell the leaver about.

    organisation: the leaver's (former) employer; practice: the independent practice that holds the case;
    min_group_size: the organisation only sees answers combined over at least this many leavers;
    contact: the organisation's own contact for serious disclosures, if configured; reporting_procedure:
    the organisation's reporting (whistleblowing) procedure, if configured; mode: "self" (the leaver talks
    to the built-in interviewer) or another mode the flow uses.
    """

    organisation: str = ""
    practice: str = ""
    min_group_size: int = 5
    contact: str = ""
    reporting_procedure: str = ""
    mode: str = "self"
