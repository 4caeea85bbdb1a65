"""How fast the organisation's insights answer over many leavers.

    .venv/bin/python bench/insights.py --database-url postgres://postgres@127.0.0.1:5432/spiegel_bench6 \
        [--interviews 10000] [--historical 2000] [--runs 30]

Migrates the database, generates one organisation with realistic data fast (bulk_create: completed cases
over two years in eight departments, closing answers, analyses with 1–5 ranked reasons, three shared
statements per case, fact and emerging clusters, imported historical exits), then times
`spiegel.analysis.queries.insights` under several filters (warm, after one untimed call per filter) and
prints the median and p95 in milliseconds. Without --database-url it uses a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

THEMES = ("career", "job_content", "manager", "collaboration", "culture", "workload", "conditions", "pay")
THEMES_ALL = (*THEMES, "recognition", "processes", "job_security", "wellbeing", "personal", "retirement")
DEPARTMENTS = ("Verpleging", "Thuiszorg", "IT", "Finance", "Facilitair", "HR", "Logistiek", "Klantenservice")
LEAVE_TYPES = ("resignation", "resignation", "resignation", "dismissal", "contract_end", "mutual_agreement")
FACTS = (
    "In de avonddienst stonden we met twee mensen voor 28 patiënten.",
    "Het rooster kwam vijf dagen van tevoren.",
    "Er waren drie reorganisaties in twee jaar.",
    "Mijn functioneringsgesprek werd drie keer verschoven.",
    "We kregen een nieuw planningssysteem zonder training.",
)


def _setup(database_url: str, data_dir: str) -> None:
    os.environ["SPIEGEL_DATA_DIR"] = data_dir
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spiegel.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate(interviews: int, historical: int, seed: int) -> Any:
    from django.utils import timezone

    from spiegel.analysis.models import (
        ClusterMember,
        HistoricalExit,
        HistoricalReason,
        ImportBatch,
        InterviewAnalysis,
        InterviewReason,
        StatementCluster,
    )
    from spiegel.interviews.models import Interview
    from spiegel.mirror.models import ReviewOutcome, Statement
    from spiegel.tenancy.models import Department, Organisation

    rng = random.Random(seed)
    org = Organisation.objects.create(name="Bench", slug=f"bench-{secrets.token_hex(4)}", average_salary=42000)
    departments = [Department.objects.create(organisation=org, name=name) for name in DEPARTMENTS]
    now = timezone.now()
    cases: list[Interview] = []
    for _ in range(interviews):
        completed = now - dt.timedelta(days=rng.randint(1, 730))
        cases.append(
            Interview(
                organisation=org,
                department=rng.choice(departments),
                tenure_months=rng.randint(1, 240),
                leave_date=completed.date() - dt.timedelta(days=rng.randint(0, 40)),
                leave_type=rng.choice(LEAVE_TYPES),
                regrettable=rng.choice(("yes", "no", "unknown")),
                language="nl",
                status="completed",
                token_hash=secrets.token_hex(32),
                token_expires_at=completed,
                completed_at=completed,
            )
        )
    Interview.objects.bulk_create(cases, batch_size=2000)
    ReviewOutcome.objects.bulk_create(
        [ReviewOutcome(interview=c, felt_heard=rng.randint(2, 5), recommend_score=rng.randint(0, 10)) for c in cases],
        batch_size=2000,
    )
    statements: list[Statement] = []
    analyses: list[InterviewAnalysis] = []
    for c in cases:
        for seq in range(1, 4):
            statements.append(
                Statement(
                    interview=c,
                    seq=seq,
                    topic="",
                    phase="story",
                    text=rng.choice(FACTS) if seq == 1 else f"Ervaring {seq} van deze vertrekker.",
                    themes=[{"id": rng.choice(THEMES), "polarity": "push", "confidence": 0.9}],  # type: ignore[misc]
                    kind="fact" if seq == 1 else "experience",
                )
            )
        analyses.append(
            InterviewAnalysis(interview=c, organisation=org, shared_statements=3, push_weight=0.8, pull_weight=0.2)
        )
    Statement.objects.bulk_create(statements, batch_size=2000)
    InterviewAnalysis.objects.bulk_create(analyses, batch_size=2000)
    by_case: dict[uuid.UUID, list[str]] = {}
    for s in statements:
        by_case.setdefault(s.interview_id, []).append(str(s.id))
    reasons: list[InterviewReason] = []
    for analysis in analyses:
        chosen = rng.sample(THEMES_ALL, rng.randint(1, 5))
        weights = sorted((rng.random() for _ in chosen), reverse=True)
        total = sum(weights)
        for rank, (theme, weight) in enumerate(zip(chosen, weights, strict=True), start=1):
            polarity = "pull" if rng.random() < 0.2 else "push"
            ids = by_case[analysis.interview.id]
            reasons.append(
                InterviewReason(
                    analysis=analysis,
                    interview=analysis.interview,
                    rank=rank,
                    theme=theme,
                    polarity=polarity,
                    weight=round(weight / total, 4),
                    controllable="yes",
                    evidence=ids,
                    quotable=ids,
                )
            )
        first = reasons[-len(chosen)]
        analysis.primary_theme, analysis.primary_polarity = first.theme, first.polarity
    InterviewReason.objects.bulk_create(reasons, batch_size=5000)
    InterviewAnalysis.objects.bulk_update(analyses, ["primary_theme", "primary_polarity"], batch_size=2000)
    members: list[ClusterMember] = []
    for n, fact in enumerate(FACTS):
        cluster = StatementCluster.objects.create(organisation=org, kind="fact", theme=THEMES[n], leavers=0)
        emerging = StatementCluster.objects.create(organisation=org, kind="emerging", terms=["parkeren"], leavers=0)  # type: ignore[misc]
        for rank, s in enumerate(s for s in statements if s.seq == 1 and s.text == fact):
            members.append(ClusterMember(cluster=cluster, interview_id=s.interview_id, statement_id=s.id, rank=rank))
            if rank % 7 == 0:
                members.append(ClusterMember(cluster=emerging, interview_id=s.interview_id, statement_id=s.id))
    ClusterMember.objects.bulk_create(members, batch_size=5000)
    batch = ImportBatch.objects.create(organisation=org, filename="bench.csv", created_by_label="bench")
    exits = [
        HistoricalExit(
            organisation=org,
            batch=batch,
            leave_date=(now - dt.timedelta(days=rng.randint(731, 1500))).date(),
            department=rng.choice(departments),
            leave_type="resignation",
            tenure_months=rng.randint(1, 240),
            themes=[{"id": rng.choice(THEMES), "polarity": "push"}],
            recommend_score=rng.randint(0, 10),
        )
        for _ in range(historical)
    ]
    HistoricalExit.objects.bulk_create(exits, batch_size=2000)
    HistoricalReason.objects.bulk_create(
        [HistoricalReason(exit=e, organisation=org, rank=0, theme=e.themes[0]["id"], polarity="push") for e in exits],
        batch_size=5000,
    )
    return org


def arguments(doc: str | None, *, runs: int, runs_help: str, seed: int, historical: bool) -> argparse.ArgumentParser:
    """The options every benchmark over the generated organisation takes (also used by dashboard/clustering)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--interviews", type=int, default=10_000, help="completed, analysed interviews to generate")
    if historical:
        parser.add_argument("--historical", type=int, default=2_000, help="imported historical exits to generate")
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    parser.add_argument("--seed", type=int, default=seed, help="seed of the data generator")
    return parser


def _generate_analysed(args: argparse.Namespace) -> tuple[Any, float]:
    """Generate the organisation's data as ``args`` say, and let PostgreSQL's planner see it; with the seconds
    the generation took."""
    from django.db import connection

    started = time.perf_counter()
    org = _generate(args.interviews, args.historical, args.seed)
    generated = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return org, generated


def main() -> int:
    args = arguments(__doc__, runs=30, runs_help="timed calls per filter", seed=6, historical=True).parse_args()
    with tempfile.TemporaryDirectory(prefix="spiegel-bench-insights-") as data_dir:
        _setup(args.database_url, data_dir)
        from django.db import connection

        from spiegel.analysis.queries import Filters, insights, parse_month
        from spiegel.tenancy.queries import Access

        org, generated = _generate_analysed(args)
        access = Access(organisation=org, role="client_viewer")
        today = dt.date.today()
        year_ago = parse_month(f"{today.year - 1}-{today.month:02d}", "from")
        filter_sets = {
            "all": Filters(),
            "last 12 months": Filters(start=year_ago),
            "department": Filters(department="IT"),
            "leave type + tenure": Filters(leave_type="resignation", tenure="2-5"),
        }
        timings: dict[str, list[float]] = {}
        for name, filters in filter_sets.items():
            insights(access, filters)
            for _ in range(args.runs):
                t0 = time.perf_counter()
                result = insights(access, filters)
                timings.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
            assert not result.suppressed
        every = sorted(t for ts in timings.values() for t in ts)

        def p95(values: list[float]) -> float:
            ordered = sorted(values)
            return ordered[max(0, round(0.95 * len(ordered)) - 1)]

        print(
            f"{connection.vendor}: {args.interviews} interviews + {args.historical} historical exits "
            f"(generated in {generated:.1f} s), {args.runs} warm calls per filter"
        )
        print("| filter | median ms | p95 ms |")
        print("|---|---|---|")
        for name, values in timings.items():
            print(f"| {name} | {statistics.median(values):.1f} | {p95(values):.1f} |")
        print(f"| **all calls** | **{statistics.median(every):.1f}** | **{p95(every):.1f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
