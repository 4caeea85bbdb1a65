"""Writes of the analysis app: importing historical exit data, analysing interviews, clustering statements."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from spiegel.analysis.case_analysis import derive, summary_of
from spiegel.analysis.clustering import Item, cluster_items
from spiegel.analysis.importing import ImportPlan, parsed_rows, plan_import
from spiegel.analysis.models import (
    ClusterMember,
    HistoricalExit,
    HistoricalReason,
    ImportBatch,
    InterviewAnalysis,
    InterviewReason,
    StatementCluster,
)
from spiegel.analysis.shared import shared_statements
from spiegel.interviews.models import Interview, Status
from spiegel.language.classify import THEME_THRESHOLD
from spiegel.mirror.models import Statement, Visibility
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import record_audit
from spiegel.privacy.failures import log_failure
from spiegel.tenancy.actions import ensure_department
from spiegel.tenancy.models import Department, Organisation

log = logging.getLogger(__name__)

BATCH_SIZE = 2000


class ImportRejected(Exception):  # noqa: N818  (an outcome the caller reports, not a fault)
    """The file has errors; nothing was imported. `plan` lists them."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"{plan.error_count} errors")
        self.plan = plan


def max_import_bytes() -> int:
    return int(settings.SPIEGEL_IMPORT_MAX_MB) * 1024 * 1024


def historical_reasons(exit: HistoricalExit) -> list[HistoricalReason]:
    """The exit's themes as rows (first = main reason), one per theme and polarity."""
    rows: list[HistoricalReason] = []
    seen: set[tuple[str, str]] = set()
    for rank, theme in enumerate(exit.themes or []):
        key = (str(theme.get("id", "")), str(theme.get("polarity", "push")))
        if key[0] and key not in seen:
            seen.add(key)
            rows.append(
                HistoricalReason(
                    exit=exit, organisation_id=exit.organisation_id, rank=rank, theme=key[0], polarity=key[1]
                )
            )
    return rows


def _create_exits(exits: list[HistoricalExit]) -> None:
    HistoricalExit.objects.bulk_create(exits)
    HistoricalReason.objects.bulk_create([r for e in exits for r in historical_reasons(e)])


def import_historical_exits(
    actor: Actor,
    organisation: Organisation,
    path: Path,
    mapping: dict[str, str],
    *,
    filename: str,
    language: str = "nl",
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[ImportPlan, ImportBatch | None]:
    """Import a CSV of earlier exit surveys: every row is checked first; any error means nothing is imported.

    With `dry_run` only the check runs. Raises ImportRejected when the file has errors.
    """
    existing = set(
        HistoricalExit.objects.filter(organisation=organisation)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    plan = plan_import(
        path, mapping, max_bytes=max_import_bytes(), language=language, existing_ids=existing, progress=progress
    )
    if not plan.ok:
        raise ImportRejected(plan)
    if dry_run:
        return plan, None
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation=organisation, filename=filename[:255], mapping=mapping, created_by_label=actor.label[:80]
        )
        departments: dict[str, Department] = {}
        pending: list[HistoricalExit] = []
        count = 0
        for row in parsed_rows(path, mapping, language):
            department = None
            if row.department:
                key = row.department.lower()
                if key not in departments:
                    departments[key] = ensure_department(actor, organisation, row.department)
                department = departments[key]
            pending.append(
                HistoricalExit(
                    organisation=organisation,
                    batch=batch,
                    external_id=row.external_id,
                    leave_date=row.leave_date,
                    department=department,
                    leave_type=row.leave_type,
                    tenure_months=row.tenure_months,
                    regrettable=row.regrettable,
                    themes=row.themes,
                    recommend_score=row.recommend_score,
                )
            )
            count += 1
            if len(pending) >= BATCH_SIZE:
                _create_exits(pending)
                pending = []
                if progress is not None:
                    progress(count)
        _create_exits(pending)
        batch.rows = count
        batch.save(update_fields=["rows"])
        record_audit(
            actor,
            "import.completed",
            organisation=organisation,
            object_type="import",
            object_id=str(batch.id),
            detail={"rows": count, "filename": batch.filename},
        )
    return plan, batch


# ------------------------------------------------------------------------------------ interviews


def analyse_interview(interview_id: str) -> InterviewAnalysis | None:
    """Analyse one case from its shared statements and store the result; idempotent.

    A completed case gets (or replaces) its analysis. Any other case — withdrawn above all — loses whatever
    analysis and cluster membership it had, so it leaves every figure. Returns the analysis or None.
    """
    with transaction.atomic():
        interview = Interview.objects.select_for_update().filter(pk=interview_id).first()
        if interview is None:
            return None
        InterviewAnalysis.objects.filter(interview=interview).delete()
        if interview.status != Status.COMPLETED:
            ClusterMember.objects.filter(interview=interview).delete()
            return None
        try:
            derived = derive(shared_statements(interview))
        except Exception as exc:  # degrade to "no reasons" rather than fail the case's analysis
            log_failure(log, "deriving the reasons", interview.id, exc)
            derived = derive([])
        primary = derived.primary
        analysis = InterviewAnalysis.objects.create(
            interview=interview,
            organisation_id=interview.organisation_id,
            shared_statements=derived.shared,
            primary_theme=primary.theme if primary else "",
            primary_polarity=primary.polarity if primary else "",
            primary_controllable=primary.controllable if primary else "",
            push_weight=derived.push,
            pull_weight=derived.pull,
            controllable_weight=derived.controllable,
            stay_statements=list(derived.stay_statements),
            summary=summary_of(derived, interview.language),
        )
        InterviewReason.objects.bulk_create(
            [
                InterviewReason(
                    analysis=analysis,
                    interview=interview,
                    rank=rank,
                    theme=r.theme,
                    polarity=r.polarity,
                    weight=r.weight,
                    controllable=r.controllable,
                    evidence=list(r.evidence),
                    quotable=list(r.quotable),
                )
                for rank, r in enumerate(derived.reasons, start=1)
            ]
        )
        return analysis


def _cluster_input(organisation: Organisation) -> list[tuple[Statement, bool, str]]:
    """Every shared statement of the organisation's completed cases: (statement, special category, kind)."""
    rows: list[tuple[Statement, bool, str]] = []
    statements = (
        Statement.objects.filter(
            interview__organisation=organisation, interview__status=Status.COMPLETED, removed=False
        )
        .exclude(visibility=Visibility.PRIVATE)
        .select_related("interview")
        .order_by("interview_id", "seq")
    )
    for s in statements.iterator(chunk_size=2000):
        themes = [t for t in s.themes or [] if float(t.get("confidence", 0)) >= THEME_THRESHOLD]
        covered = bool(themes)
        if s.kind == "fact":
            rows.append((s, s.special_category, "fact"))
        elif not covered and s.kind in ("experience", "suggestion") and s.phase not in _CLOSING_PHASES:
            rows.append((s, s.special_category, "emerging"))
    return rows


_CLOSING_PHASES = frozenset({"anything_else", "summary", "stay_when"})


def _dominant_theme(statements: list[Statement]) -> str:
    counts: Counter[str] = Counter()
    for s in statements:
        for t in s.themes or []:
            if t.get("polarity") != "keep":
                counts[str(t["id"])] += 1
    return min(counts, key=lambda t: (-counts[t], t)) if counts else ""


def cluster_statements(organisation_id: str) -> dict[str, int]:
    """Recompute an organisation's clusters: facts several leavers report independently, and emerging topics
    (recurring statements the taxonomy does not cover). Returns how many clusters of each kind."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return {"fact": 0, "emerging": 0}
    rows = _cluster_input(organisation)
    made = {"fact": 0, "emerging": 0}
    clusters: list[tuple[str, list[tuple[Statement, bool]], tuple[str, ...]]] = []
    for kind in ("fact", "emerging"):
        chosen = [(s, special) for s, special, k in rows if k == kind]
        items = [Item(group=str(s.interview_id), text=s.text, language=s.interview.language) for s, _sp in chosen]
        try:
            found = cluster_items(items)
        except Exception as exc:  # degrade to "no clusters of this kind" rather than fail the organisation's run
            log.error(
                "clustering %s statements failed for organisation %s: %s", kind, organisation.id, type(exc).__name__
            )
            found = []
        for cluster in found:
            clusters.append((kind, [chosen[i] for i in cluster.members], cluster.terms))
    with transaction.atomic():
        StatementCluster.objects.filter(organisation=organisation).delete()
        for kind, members, terms in clusters:
            record = StatementCluster.objects.create(  # type: ignore[misc]
                organisation=organisation,
                kind=kind,
                theme=_dominant_theme([s for s, _sp in members]) if kind == "fact" else "",
                terms=list(terms),
                leavers=len({s.interview_id for s, _sp in members}),
            )
            ClusterMember.objects.bulk_create(
                [
                    ClusterMember(
                        cluster=record, interview_id=s.interview_id, statement_id=s.id, quotable=not special, rank=n
                    )
                    for n, (s, special) in enumerate(members)
                ]
            )
            made[kind] += 1
    return made
