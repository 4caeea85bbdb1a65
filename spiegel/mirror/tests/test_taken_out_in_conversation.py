"""What the leaver asked in the conversation to take out ("haal dat er maar uit") comes to the mirror as a
private statement: not shared unless the leaver changes it there, and masked in the transcript
once the mirror is completed (docs/privacy.md, "What leaves the conversation")."""

from __future__ import annotations

import pytest

from spiegel.interviews.models import Interview, Message, MessageRole
from spiegel.interviews.transcript import MASK
from spiegel.mirror.actions import prepare_mirror
from spiegel.mirror.models import Statement, Visibility
from tests.support.builders import build_closed_case, build_completed_case, build_org

SECRET = "Mijn teamleider had een relatie met een collega en trok haar altijd voor bij de roosters."
ANSWERS = [
    "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
    SECRET,
    "Haal dat er maar uit.",
    "Het rooster kwam altijd pas een week van tevoren, dat maakte plannen onmogelijk.",
    "/stoppen",
]


@pytest.mark.django_db
def test_a_taken_out_answer_is_a_private_statement_in_the_mirror_and_the_rest_is_shared_by_default() -> None:
    built = build_closed_case(build_org(), ANSWERS)
    prepare_mirror(built.interview)
    statements = list(Statement.objects.filter(interview=built.interview))
    secret = _seq_of_masked(built.interview)
    taken_out = [s for s in statements if s.source_seq == secret]
    others = [s for s in statements if s.source_seq != secret]
    assert taken_out and others
    assert {s.visibility for s in taken_out} == {Visibility.PRIVATE}
    assert {s.visibility for s in others} == {Visibility.ANONYMOUS}


@pytest.mark.django_db
def test_a_taken_out_answer_stays_private_when_the_mirror_is_completed_unchanged() -> None:
    completed = build_completed_case(build_org(), ANSWERS)
    interview = completed.interview
    secret = Message.objects.get(interview=interview, role=MessageRole.LEAVER, seq=_seq_of_masked(interview))
    assert MASK in secret.text and "teamleider" not in secret.text
    shared = Statement.objects.filter(interview=interview).exclude(visibility=Visibility.PRIVATE)
    assert all("teamleider" not in s.text for s in shared)
    assert shared.exists()


def _seq_of_masked(interview: Interview) -> int:
    """The second leaver message: the one taken out."""
    seqs = list(
        Message.objects.filter(interview=interview, role=MessageRole.LEAVER)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    return int(seqs[1])
