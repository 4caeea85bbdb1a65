"""What a leaver shared, as the analysis reads it (attributed or anonymous, never private, never removed)."""

from __future__ import annotations

from spiegel.analysis.case_analysis import SharedStatement
from spiegel.interviews.models import Interview
from spiegel.mirror.models import Statement, Visibility


def shared_statements(interview: Interview) -> list[SharedStatement]:
    """What the leaver shared: attributed or anonymous, never private, never removed, in conversation order."""
    return [
        SharedStatement(
            id=str(s.id), phase=s.phase, themes=list(s.themes or []), kind=s.kind, text=s.text, topic=s.topic
        )
        for s in Statement.objects.filter(interview=interview, removed=False)
        .exclude(visibility=Visibility.PRIVATE)
        .order_by("seq")
    ]
