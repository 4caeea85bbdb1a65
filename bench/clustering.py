"""How long one re-clustering of an organisation's shared statements takes.

    .venv/bin/python bench/clustering.py --database-url postgres://postgres@127.0.0.1:5432/spiegel_bench8 \
        [--interviews 10000] [--runs 3]

Generates the organisation of bench/insights.py (three shared statements per interview) and times
`spiegel.analysis.actions.cluster_statements` (read every shared statement, cluster facts and emerging topics,
replace the stored clusters), which the background task `cluster_organisation` runs once per burst of completed
mirrors. Prints the median and the maximum in seconds. Without --database-url it uses a fresh SQLite file.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

# The data generator of bench/insights.py (this script's folder is on the path when it runs).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from insights import _generate, _setup, arguments


def main() -> int:
    args = arguments(__doc__, runs=3, runs_help="timed re-clusterings", seed=7, historical=False).parse_args()
    with tempfile.TemporaryDirectory(prefix="spiegel-bench-clustering-") as data_dir:
        _setup(args.database_url, data_dir)
        from django.db import connection

        from spiegel.analysis.actions import cluster_statements
        from spiegel.mirror.models import Statement

        org = _generate(args.interviews, 0, args.seed)
        statements = Statement.objects.filter(interview__organisation=org).count()
        times: list[float] = []
        made: dict[str, int] = {}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            made = cluster_statements(str(org.id))
            times.append(time.perf_counter() - t0)
        print(
            f"{connection.vendor}: {args.interviews} interviews, {statements} shared statements → clusters {made}; "
            f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {args.runs} runs"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
