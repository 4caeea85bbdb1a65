"""A promise that was not kept (a pay rise, a promotion, a course that never came) is a complaint, not an integrity
disclosure; work that never happened and was billed, paid or recorded all the same still is one."""

from __future__ import annotations

import pytest

from spiegel.language.understanding import Context, understand


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("en", "The pay rise they talked about at my review never happened.", None),
        ("en", "The promotion they promised me never came.", None),
        ("en", "A permanent contract was mentioned twice but it never materialised.", None),
        ("nl", "De loonsverhoging die ze beloofden is er nooit gekomen.", None),
        ("nl", "De opleiding die me beloofd was, kwam er nooit.", None),
        ("nl", "Een vast contract werd steeds beloofd, maar daar is nooit iets van gekomen.", None),
        ("en", "We billed training sessions that never happened.", "integrity"),
        ("en", "They paid bonuses for visits that never happened.", "integrity"),
        ("nl", "Ze betaalden bonussen uit voor bezoeken die nooit gebeurd zijn.", "integrity"),
    ],
)
def test_a_promise_not_kept_is_no_integrity_disclosure_but_billed_work_that_never_happened_is(
    language: str, text: str, kind: str | None
) -> None:
    assert understand(text, Context(language=language)).disclosure == kind
