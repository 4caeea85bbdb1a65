"""Before/after check that the organisation's view computes exactly the same thing after a change of structure.

    .venv/bin/python bench/insights_snapshot.py --write /tmp/insights-before.json      # on the old code
    .venv/bin/python bench/insights_snapshot.py --compare /tmp/insights-before.json    # on the new code

Generates the organisation of bench/insights.py (fixed seed, a fresh SQLite file; some statements shared with
the leaver's name), then computes everything the dashboard, the PDF, the exports and the API read through
`spiegel.analysis.queries`: `insights` under several filters (whole view, a period, a department, a narrow view
that is widened or suppressed, Dutch labels), `department_reasons`, `completion`, `theme_quotes` and
`shared_statements_for`. Only what differs between two runs on the same day is normalised: the generation time,
the organisation's random slug and the random case ids (replaced by the case's generated attributes, after which
the attributed statements are sorted). Exit status 1 and the first differences when --compare finds any.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from insights import _generate, _setup


def _plain(value: Any) -> Any:
    """JSON-ready: dataclasses as dicts, dates as ISO text, the generation time left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "generated_at"}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _views() -> dict[str, Any]:
    from spiegel.analysis import queries
    from spiegel.interviews.models import Interview
    from spiegel.mirror.models import Statement, Visibility
    from spiegel.tenancy.queries import Access

    org = _generate(interviews=700, historical=200, seed=12)
    Statement.objects.filter(interview__organisation=org, seq=2, interview__tenure_months__lt=60).update(
        visibility=Visibility.ATTRIBUTED
    )
    access = Access(organisation=org, role="client_viewer")
    today = dt.date.today()
    year_ago = queries.parse_month(f"{today.year - 1}-{today.month:02d}", "from")
    filter_sets = {
        "all": queries.Filters(),
        "all, Dutch": queries.Filters(language="nl"),
        "last 12 months": queries.Filters(start=year_ago),
        "department": queries.Filters(department="IT"),
        "leave type + tenure": queries.Filters(leave_type="resignation", tenure="2-5"),
        "narrow": queries.Filters(department="HR", leave_type="dismissal", tenure="0-1", start=year_ago),
    }
    out: dict[str, Any] = {}
    for name, filters in filter_sets.items():
        shown = queries.insights(access, filters)
        out[name] = {
            "insights": _plain(shown),
            "department_reasons": _plain(queries.department_reasons(access, filters, shown)),
            "completion": _plain(queries.completion(access, filters)),
            "theme_quotes": _plain(queries.theme_quotes(access, shown, filters)),
            "shared_statements": _plain(queries.shared_statements_for(access, filters)),
        }
    cases = {
        str(i.pk): f"{i.leave_date}|{i.tenure_months}|{i.department.name if i.department else ''}|{i.leave_type}"
        for i in Interview.objects.filter(organisation=org).select_related("department")
    }
    text = json.dumps(out, sort_keys=True, ensure_ascii=False).replace(org.slug, "<organisation>")
    for pk, attributes in cases.items():
        text = text.replace(pk, attributes)
    normalised: dict[str, Any] = json.loads(text)
    for view in normalised.values():
        view["shared_statements"].sort(key=lambda s: json.dumps(s, sort_keys=True, ensure_ascii=False))
    return normalised


def _differences(before: Any, after: Any, path: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        found = [f"{path}/{k}: only before" for k in before.keys() - after.keys()]
        found += [f"{path}/{k}: only after" for k in after.keys() - before.keys()]
        for k in sorted(before.keys() & after.keys()):
            found += _differences(before[k], after[k], f"{path}/{k}")
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        pairs = enumerate(zip(before, after, strict=True))
        return [d for n, (b, a) in pairs for d in _differences(b, a, f"{path}[{n}]")]
    return [] if before == after else [f"{path}: {before!r} before, {after!r} after"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="write the snapshot to this file")
    action.add_argument("--compare", type=Path, help="compare with the snapshot in this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spiegel-bench-insights-snapshot-") as data_dir:
        _setup("", data_dir)
        views = _views()
    if args.write:
        args.write.write_text(json.dumps(views, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
        print(f"{len(views)} views written to {args.write}")
        return 0
    differences = _differences(json.loads(args.compare.read_text(encoding="utf-8")), views)
    for line in differences[:40]:
        print(line)
    print(f"{len(views)} views: {len(differences)} differences from {args.compare}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
