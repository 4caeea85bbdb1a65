from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from spiegel.analysis.actions import ImportRejected, import_historical_exits
from spiegel.analysis.importing import guess_mapping
from spiegel.analysis.models import HistoricalExit, ImportBatch
from spiegel.privacy.actors import Actor
from tests.support.builders import build_org

pytestmark = pytest.mark.django_db
ACTOR = Actor.system("test")
HEADER = "Personeelsnummer;Datum uit dienst;Afdeling;Soort vertrek;Dienstjaren;Vertrekreden;Nieuwe werkgever biedt\n"


def _write(tmp_path: Path, text: str, name: str = "exits.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_the_header_is_mapped_to_fields_by_its_dutch_names() -> None:
    columns = HEADER.strip().split(";")
    assert guess_mapping(columns) == {
        "Personeelsnummer": "external_id",
        "Datum uit dienst": "leave_date",
        "Afdeling": "department",
        "Soort vertrek": "leave_type",
        "Dienstjaren": "tenure_years",
        "Vertrekreden": "reason",
        "Nieuwe werkgever biedt": "pull_reason",
    }


def test_a_dutch_excel_export_is_imported_with_themes_and_departments(tmp_path: Path) -> None:
    org = build_org()
    path = _write(
        tmp_path,
        HEADER
        + "101;15-03-2025;Verpleging;Eigen ontslag;2,5;Werkdruk & balans;Beloning & arbeidsvoorwaarden\n"
        + "102;2025-06-01;Thuiszorg;einde contract;1;Geen doorgroeimogelijkheden;\n"
        + ";;;;;;\n",
        encoding="cp1252",
    )
    plan, batch = import_historical_exits(
        ACTOR, org, path, guess_mapping(HEADER.strip().split(";")), filename="exits.csv"
    )
    assert batch is not None and batch.rows == 2 and plan.rows == 2
    first = HistoricalExit.objects.get(external_id="101")
    assert (first.leave_date, first.leave_type, first.tenure_months) == (dt.date(2025, 3, 15), "resignation", 30)
    assert first.department is not None and first.department.name == "Verpleging"
    assert first.themes == [{"id": "workload", "polarity": "push"}, {"id": "pay", "polarity": "pull"}]
    assert HistoricalExit.objects.get(external_id="102").themes == [{"id": "career", "polarity": "push"}]


def test_a_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    org = build_org()
    path = _write(tmp_path, HEADER + "101;15-03-2025;Verpleging;Eigen ontslag;2;Werkdruk;\n")
    plan, batch = import_historical_exits(
        ACTOR, org, path, guess_mapping(HEADER.strip().split(";")), filename="x.csv", dry_run=True
    )
    assert batch is None and plan.ok and plan.rows == 1
    assert dict(plan.theme_counts) == {"workload": 1}
    assert HistoricalExit.objects.count() == 0 and ImportBatch.objects.count() == 0


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("101;31-31-2025;Zorg;Eigen ontslag;2;Werkdruk;", "is not a date"),
        ("101;2025-03-01;Zorg;weggelopen;2;Werkdruk;", "unknown leave type"),
        ("101;2025-03-01;Zorg;Eigen ontslag;veel;Werkdruk;", "is not a number"),
        ("101;2025-03-01;Zorg;Eigen ontslag;2;Werkdruk;;extra", "more cells than the header"),
        ("101;1890-03-01;Zorg;Eigen ontslag;2;Werkdruk;", "outside the plausible range"),
    ],
)
def test_one_bad_row_means_nothing_is_imported_and_the_line_is_named(tmp_path: Path, row: str, message: str) -> None:
    org = build_org()
    path = _write(tmp_path, HEADER + "100;2025-01-01;Zorg;Eigen ontslag;1;Werkdruk;\n" + row + "\n")
    with pytest.raises(ImportRejected) as info:
        import_historical_exits(ACTOR, org, path, guess_mapping(HEADER.strip().split(";")), filename="x.csv")
    assert info.value.plan.error_count == 1
    assert str(info.value.plan.errors[0]).startswith("line 3")
    assert message in str(info.value.plan.errors[0])
    assert HistoricalExit.objects.count() == 0


def test_duplicate_ids_in_the_file_or_from_an_earlier_import_are_refused(tmp_path: Path) -> None:
    org = build_org()
    mapping = guess_mapping(HEADER.strip().split(";"))
    twice = _write(tmp_path, HEADER + "7;2025-01-01;Zorg;;;;\n7;2025-02-01;Zorg;;;;\n", name="twice.csv")
    with pytest.raises(ImportRejected) as info:
        import_historical_exits(ACTOR, org, twice, mapping, filename="twice.csv")
    assert "appears twice (also on line 2)" in str(info.value.plan.errors[0])
    once = _write(tmp_path, HEADER + "7;2025-01-01;Zorg;;;;\n", name="once.csv")
    import_historical_exits(ACTOR, org, once, mapping, filename="once.csv")
    with pytest.raises(ImportRejected) as again:
        import_historical_exits(ACTOR, org, once, mapping, filename="once.csv")
    assert "was imported before" in str(again.value.plan.errors[0])
    assert HistoricalExit.objects.count() == 1


def test_a_mapping_to_a_missing_column_or_unknown_field_is_refused(tmp_path: Path) -> None:
    org = build_org()
    path = _write(tmp_path, HEADER + "1;2025-01-01;Zorg;;;;\n")
    with pytest.raises(ImportRejected) as info:
        import_historical_exits(ACTOR, org, path, {"Reden": "reason", "Afdeling": "afdeling"}, filename="x.csv")
    messages = " ".join(str(e) for e in info.value.plan.errors)
    assert "the file has no column “Reden”" in messages
    assert "unknown field “afdeling”" in messages


def test_a_reason_that_matches_no_theme_is_a_warning_not_an_error(tmp_path: Path) -> None:
    org = build_org()
    path = _write(tmp_path, HEADER + "1;2025-01-01;Zorg;;;xyzzy;\n")
    plan, _ = import_historical_exits(ACTOR, org, path, guess_mapping(HEADER.strip().split(";")), filename="x.csv")
    assert plan.warning_count == 1 and "matches no theme" in str(plan.warnings[0])
    assert HistoricalExit.objects.get().themes == []


def test_a_binary_or_empty_file_gets_a_clear_error(tmp_path: Path) -> None:
    org = build_org()
    binary = tmp_path / "sheet.xlsx"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(CommandError, match="not a CSV text file"):
        call_command("import_exits", org=org.slug, file=binary)
    empty = _write(tmp_path, "", name="empty.csv")
    with pytest.raises(CommandError, match="The file is empty"):
        call_command("import_exits", org=org.slug, file=empty)


@pytest.mark.slow
def test_a_50_mb_file_with_one_bad_row_at_the_end_imports_nothing_and_a_good_file_imports_every_row(
    tmp_path: Path,
) -> None:
    org = build_org()
    line = "{n};2025-03-01;Verpleging;Eigen ontslag;3;Werkdruk & balans;Beloning & arbeidsvoorwaarden\n"
    rows = []
    size = len(HEADER)
    n = 0
    while size < 50 * 1024 * 1024:
        text = line.format(n=n)
        rows.append(text)
        size += len(text)
        n += 1
    bad = tmp_path / "big-bad.csv"
    bad.write_text(HEADER + "".join(rows) + "x;not-a-date;Zorg;;;;\n", encoding="utf-8")
    assert bad.stat().st_size > 50 * 1024 * 1024
    mapping = guess_mapping(HEADER.strip().split(";"))
    with pytest.raises(ImportRejected) as info:
        import_historical_exits(ACTOR, org, bad, mapping, filename="big-bad.csv")
    assert info.value.plan.error_count == 1 and info.value.plan.rows == n + 1
    assert HistoricalExit.objects.count() == 0
    good = tmp_path / "big-good.csv"
    good.write_text(HEADER + "".join(rows[:50_000]), encoding="utf-8")
    n = 50_000
    _plan, batch = import_historical_exits(ACTOR, org, good, mapping, filename="big-good.csv")
    assert batch is not None and batch.rows == n
    assert HistoricalExit.objects.filter(organisation=org).count() == n


def test_the_import_command_refuses_a_mapping_without_a_field_and_imports_nothing(tmp_path: Path) -> None:
    org = build_org()
    path = _write(tmp_path, HEADER + "1;2025-01-01;Zorg;;;;\n")
    with pytest.raises(CommandError, match="--map takes COLUMN=FIELD"):
        call_command("import_exits", org=org.slug, file=path, map=["Afdeling"])
    assert HistoricalExit.objects.count() == 0
