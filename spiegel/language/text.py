"""Plain text as people type it: the one place that decides which characters carry no meaning.

Control characters (NUL and the other C0/C1 codes, except tab and newline) come from broken clients, pasted
binary or fuzzing, never from a person; PostgreSQL refuses NUL in text columns. Free text (an answer, a
correction, a comment) is kept without them; short fields (a department, a role, an id) refuse them at the
boundary (see ``CONTROL_FREE``).
"""

from __future__ import annotations

import re

__all__ = ["CONTROL_FREE", "has_control", "strip_control"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A pattern (JSON Schema and Python alike) for a one-line field without any control character.
CONTROL_FREE = r"^[^\x00-\x1f\x7f-\x9f]*$"


def strip_control(text: str) -> str:
    """``text`` with line ends normalised to newline and every other control character except tab removed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character that a one-line field refuses (tab and newline included)."""
    return re.search(r"[\x00-\x1f\x7f-\x9f]", text) is not None
