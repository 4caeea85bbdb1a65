"""Writes of the analysis app: importing historical exit data, analysing interviews, clustering statements."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from spiegel.analysis.case_analysis import derive, summary_of
from spiegel.analysis.clustering import Item, cluster_facts, cluster_items
from spiegel.analysis.facts import fact_sentences
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
from spiegel.language.taxonomy import THEMES
from spiegel.mirror.models import Statement, Visibility
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
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
        log_audit(
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


@dataclass(frozen=True)
class _Member:
    """One statement, or one sentence of it (a fact), to cluster."""

    statement: Statement
    special: bool
    text: str
    sentence: int | None = None


def _cluster_input(organisation: Organisation) -> dict[str, list[_Member]]:
    """Every shared statement of the organisation's completed cases, per kind of cluster: its concrete
    sentences are candidate facts (spiegel.analysis.facts), and a statement that neither the classifier nor
    the interviewer's question put under a theme is a candidate emerging topic."""
    out: dict[str, list[_Member]] = {"fact": [], "emerging": []}
    statements = (
        Statement.objects.filter(
            interview__organisation=organisation, interview__status=Status.COMPLETED, removed=False
        )
        .exclude(visibility=Visibility.PRIVATE)
        .select_related("interview")
        .order_by("interview_id", "seq")
    )
    for s in statements.iterator(chunk_size=2000):
        if s.kind in ("suggestion", "hearsay") or s.phase in _CLOSING_PHASES:
            continue  # advice, what they heard from others, and the closing answers are not facts or topics
        for index, sentence in fact_sentences(s.text, s.interview.language):
            out["fact"].append(_Member(s, s.special_category, sentence, index))
        themes = [t for t in s.themes or [] if float(t.get("confidence", 0)) >= THEME_THRESHOLD]
        # An answer to the interviewer's question about a theme is about that theme ("daar lag het niet aan"
        # about the work itself is no new topic), whatever the classifier made of its words.
        if not themes and s.topic not in THEMES:
            out["emerging"].append(_Member(s, s.special_category, s.text))
    return out


_CLOSING_PHASES = frozenset({"stay", "stay_when", "advice_keep", "advice_change", "anything_else", "summary"})


def _dominant_theme(statements: list[Statement]) -> str:
    counts: Counter[str] = Counter()
    for s in statements:
        for t in s.themes or []:
            if t.get("polarity") != "keep":
                counts[str(t["id"])] += 1
        if s.topic in THEMES:
            counts[s.topic] += 1  # the theme the interviewer asked about counts as well
    return min(counts, key=lambda t: (-counts[t], t)) if counts else ""


def _clusters_of(kind: str, chosen: list[_Member]) -> list[tuple[list[_Member], tuple[str, ...]]]:
    items = [
        Item(group=str(m.statement.interview_id), text=m.text, language=m.statement.interview.language) for m in chosen
    ]
    found = cluster_facts(items) if kind == "fact" else cluster_items(items)
    return [([chosen[i] for i in cluster.members], cluster.terms) for cluster in found]


def cluster_statements(organisation_id: str) -> dict[str, int]:
    """Recompute an organisation's clusters: facts several leavers report independently, and emerging topics
    (recurring statements the taxonomy does not cover). Returns how many clusters of each kind."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return {"fact": 0, "emerging": 0}
    rows = _cluster_input(organisation)
    made = {"fact": 0, "emerging": 0}
    clusters: list[tuple[str, list[_Member], tuple[str, ...]]] = []
    for kind in ("fact", "emerging"):
        try:
            found = _clusters_of(kind, rows[kind])
        except Exception as exc:  # degrade to "no clusters of this kind" rather than fail the organisation's run
            log.error(
                "clustering %s statements failed for organisation %s: %s", kind, organisation.id, type(exc).__name__
            )
            found = []
        clusters += [(kind, members, terms) for members, terms in found]
    with transaction.atomic():
        StatementCluster.objects.filter(organisation=organisation).delete()
        for kind, members, terms in clusters:
            record = StatementCluster.objects.create(  # type: ignore[misc]
                organisation=organisation,
                kind=kind,
                theme=_dominant_theme([m.statement for m in members]) if kind == "fact" else "",
                terms=list(terms),
                leavers=len({m.statement.interview_id for m in members}),
            )
            ClusterMember.objects.bulk_create(
                [
                    ClusterMember(
                        cluster=record,
                        interview_id=m.statement.interview_id,
                        statement_id=m.statement.id,
                        quotable=not m.special,
                        rank=n,
                        sentence=m.sentence,
                    )
                    for n, m in enumerate(members)
                ]
            )
            made[kind] += 1
    return made
