"""The mirror and the analysis degrade rather than fail: no themes instead of no statements, no reasons instead
of no analysis (issue "never stuck")."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from spiegel.analysis import actions as analysis_actions
from spiegel.analysis.case_analysis import derive
from spiegel.analysis.models import InterviewAnalysis
from spiegel.language import statements as statement_drafting
from spiegel.mirror.actions import prepare_mirror
from spiegel.mirror.models import Statement
from tests.support.builders import build_closed_case, build_completed_case, build_org

pytestmark = pytest.mark.django_db

ANSWERS = (
    "Mijn leidinggevende gaf nooit feedback, drie jaar lang niet.",
    "De werkdruk was enorm hoog, we waren altijd onderbezet.",
    "Het salaris bij mijn nieuwe baan is hoger.",
)


def test_when_classifying_fails_the_statements_are_there_without_themes() -> None:
    built = build_closed_case(build_org(), ANSWERS)
    Statement.objects.filter(interview=built.interview).delete()
    with mock.patch("spiegel.language.classify.classify_many", side_effect=RuntimeError("model file missing")):
        made = prepare_mirror(built.interview)
    statements = list(Statement.objects.filter(interview=built.interview))
    assert made == len(statements) >= 3
    assert all(s.themes == [] and s.kind == "experience" for s in statements)


def test_when_drafting_one_answer_fails_the_other_answers_still_become_statements() -> None:
    built = build_closed_case(build_org(), ANSWERS)
    Statement.objects.filter(interview=built.interview).delete()
    real = statement_drafting.draft_statements

    def fails_on_pay(answers: list[dict[str, Any]], *args: Any, **kwargs: Any) -> Any:
        if any("salaris" in str(a.get("text")) for a in answers):
            raise ValueError("cannot split this")
        return real(answers, *args, **kwargs)

    with mock.patch.object(statement_drafting, "draft_statements", side_effect=fails_on_pay):
        prepare_mirror(built.interview)
    texts = " ".join(Statement.objects.filter(interview=built.interview).values_list("text", flat=True))
    assert "feedback" in texts
    assert "werkdruk" in texts
    assert "salaris" not in texts


def test_when_deriving_reasons_fails_the_case_still_gets_an_analysis_without_reasons() -> None:
    completed = build_completed_case(build_org(), ANSWERS)

    def fails_with_statements(statements: Any) -> Any:
        if statements:
            raise ZeroDivisionError("weights")
        return derive(statements)

    with mock.patch.object(analysis_actions, "derive", side_effect=fails_with_statements):
        analysis = analysis_actions.analyse_interview(str(completed.interview.id))
    assert analysis is not None
    assert InterviewAnalysis.objects.get(interview=completed.interview).primary_theme == ""
    assert analysis.reasons.count() == 0
