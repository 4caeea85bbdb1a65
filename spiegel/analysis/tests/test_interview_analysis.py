"""Per-interview analysis: reasons from shared statements only, the simulated leavers' true reasons, the API."""

from __future__ import annotations

import pytest
from django.test import Client

from harness.personas import PERSONAS
from harness.personas_more import MORE_PERSONAS
from spiegel.analysis.actions import analyse_interview
from spiegel.analysis.models import InterviewAnalysis, InterviewReason
from spiegel.interviews.models import Interview
from spiegel.mirror.actions import withdraw_record
from spiegel.mirror.models import Statement
from spiegel.privacy.models import AuditEvent
from tests.support.builders import (
    build_analysed_case,
    build_api_key,
    build_closed_case,
    build_org,
    build_persona_case,
)

pytestmark = pytest.mark.django_db

TOP = 5


def test_the_top_reasons_include_the_simulated_leavers_true_reasons() -> None:
    org = build_org()
    found = found_with_polarity = found_tight = expected = 0
    # The fourteen leavers the figure in docs/benchmarks.md was measured on. With the ten of issue 11 added
    # (personas_more.py) it measured 77/81 themes, 73/81 with polarity and 69/81 in the top n + 1.
    for persona in [p for p in PERSONAS if p not in MORE_PERSONAS]:
        case = build_persona_case(org, persona)
        analysis = analyse_interview(str(case.interview.id))
        assert analysis is not None
        ranked = list(analysis.reasons.order_by("rank").values_list("theme", "polarity"))
        top = ranked[:TOP]
        # Stricter: only as many places as the persona has true reasons, plus one.
        tight = ranked[: len(persona.true_reasons) + 1]
        for reason in persona.true_reasons:
            expected += 1
            found += reason.theme in {theme for theme, _p in top}
            found_with_polarity += (reason.theme, reason.polarity) in top
            found_tight += (reason.theme, reason.polarity) in tight
    # docs/benchmarks.md, section reasons (run with -s to see this line).
    print(
        f"true reasons in the top {TOP}: themes {found}/{expected}, with polarity {found_with_polarity}/{expected}; "
        f"with polarity in the top (true reasons + 1): {found_tight}/{expected}"
    )
    assert expected == 51
    assert found / expected >= 0.9
    assert found_with_polarity / expected >= 0.9
    assert found_tight / expected >= 0.85


def _statement(case_interview: Interview, needle: str) -> Statement:
    return next(s for s in Statement.objects.filter(interview=case_interview) if needle in s.text)


def test_private_statements_are_never_evidence_for_a_reason() -> None:
    org = build_org()
    case = build_analysed_case(org)
    pay = _statement(case.interview, "salaris")
    case_private = build_analysed_case(org, visibility={pay.seq: "private"})
    private = _statement(case_private.interview, "salaris")
    evidence = {sid for r in InterviewReason.objects.filter(interview=case_private.interview) for sid in r.evidence}
    assert str(private.id) not in evidence
    shared_evidence = {sid for r in InterviewReason.objects.filter(interview=case.interview) for sid in r.evidence}
    assert str(pay.id) in shared_evidence


def test_a_withdrawn_case_loses_its_analysis() -> None:
    org = build_org()
    case = build_analysed_case(org)
    assert InterviewAnalysis.objects.filter(interview=case.interview).exists()
    withdraw_record(case.interview)
    assert analyse_interview(str(case.interview.id)) is None
    assert not InterviewAnalysis.objects.filter(interview=case.interview).exists()
    assert not InterviewReason.objects.filter(interview=case.interview).exists()


def test_the_analysis_holds_a_summary_in_the_leavers_language_and_no_words() -> None:
    org = build_org()
    case = build_analysed_case(org)
    analysis = InterviewAnalysis.objects.get(interview=case.interview)
    assert analysis.summary.startswith("Vertrekt vooral om ")
    assert analysis.primary_polarity in ("push", "pull")
    assert round(analysis.push_weight + analysis.pull_weight, 3) == 1.0
    for reason in analysis.reasons.all():
        assert set(reason.quotable) <= set(reason.evidence)


def test_the_api_shows_reasons_and_attributed_statements_only_after_the_mirror() -> None:
    org = build_org()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}")
    closed = build_closed_case(org)
    before = client.get(f"/api/v1/interviews/{closed.interview.id}").json()
    assert (before["status"], before["reasons"], before["statements"]) == ("review", [], [])

    probe = build_analysed_case(org)
    by_text = {s.text: s for s in Statement.objects.filter(interview=probe.interview)}
    feedback = next(s for t, s in by_text.items() if "feedback" in t)
    health = next(s for s in by_text.values() if s.special_category)
    case = build_analysed_case(org, visibility={feedback.seq: "attributed", health.seq: "anonymous"})
    body = client.get(f"/api/v1/interviews/{case.interview.id}").json()
    assert body["status"] == "completed"
    assert [s["text"] for s in body["statements"]] == [feedback.text]
    assert "wellbeing" not in {t for s in body["statements"] for t in s["themes"]}
    # An API key gets the reasons in what the leaver linked to the case, not those of anonymous statements.
    stored = list(InterviewReason.objects.filter(interview=case.interview).order_by("rank"))
    assert {r["theme"] for r in body["reasons"]} == {"manager"} < {r.theme for r in stored}
    audit = AuditEvent.objects.get(action="interview.viewed", object_id=str(case.interview.id))
    assert audit.actor_label.startswith("api-key:")
    assert audit.detail == {"what": "attributed statements (API)"}
    assert not AuditEvent.objects.filter(action="interview.viewed", object_id=str(closed.interview.id)).exists()


def test_a_case_that_shared_nothing_has_no_reasons() -> None:
    org = build_org()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}")
    probe = build_analysed_case(org)
    everything_private = {s.seq: "private" for s in Statement.objects.filter(interview=probe.interview)}
    case = build_analysed_case(org, visibility=everything_private)
    body = client.get(f"/api/v1/interviews/{case.interview.id}").json()
    assert (body["reasons"], body["statements"]) == ([], [])
