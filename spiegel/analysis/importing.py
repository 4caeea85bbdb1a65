"""Reading historical exit surveys from CSV: column mapping, validation, dry run, all-or-nothing import.

The file is read twice — once to check every row, once to insert — so that a 50 MB export never sits in
memory whole and a single bad row anywhere means nothing is imported.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spiegel.language.classify import THEME_LABELS, classify
from spiegel.language.taxonomy import THEMES

FIELDS: dict[str, str] = {
    "ignore": "not imported",
    "external_id": "the source system's id of the row (duplicates are refused)",
    "leave_date": "leave date (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or YYYY-MM)",
    "department": "department name",
    "leave_type": "leave type (resignation, dismissal, … or the Dutch words)",
    "tenure_months": "tenure in whole months",
    "tenure_years": "tenure in years (decimals allowed)",
    "regrettable": "regrettable departure (yes/no/ja/nee)",
    "recommend_score": "would recommend as employer, 0–10",
    "reason": "a reason for leaving that pushed the person away (theme id, label or free text)",
    "pull_reason": "a reason that drew the person elsewhere (theme id, label or free text)",
}
# Fields a file may map more than one column to.
MULTI_FIELDS = {"reason", "pull_reason", "ignore"}

_HEADER_GUESSES: list[tuple[str, tuple[str, ...]]] = [
    ("external_id", ("id", "nummer", "personeelsnummer", "employee id", "record id", "respondent")),
    (
        "leave_date",
        ("datum uit dienst", "uitdienst", "vertrekdatum", "einddatum", "leave date", "exit date", "end date"),
    ),
    ("department", ("afdeling", "department", "team", "unit")),
    ("leave_type", ("soort vertrek", "reden einde", "type vertrek", "leave type", "exit type", "termination type")),
    ("tenure_years", ("dienstjaren", "jaren in dienst", "tenure years", "years of service")),
    ("tenure_months", ("diensttijd", "maanden in dienst", "tenure", "months of service")),
    ("regrettable", ("ongewenst", "regrettable", "spijtig")),
    ("recommend_score", ("aanbevelen", "enps", "recommend")),
    ("pull_reason", ("nieuwe werkgever", "aantrekkingskracht", "pull", "new employer")),
    ("reason", ("reden", "vertrekreden", "reason", "hoofdreden", "main reason")),
]

LEAVE_TYPES: dict[str, str] = {
    "resignation": "resignation", "eigen ontslag": "resignation", "ontslag op eigen verzoek": "resignation",
    "eigen verzoek": "resignation", "vrijwillig": "resignation", "voluntary": "resignation",
    "dismissal": "dismissal", "ontslag": "dismissal", "ontslag door werkgever": "dismissal", "involuntary": "dismissal",
    "mutual_agreement": "mutual_agreement", "mutual agreement": "mutual_agreement",
    "wederzijds goedvinden": "mutual_agreement", "vaststellingsovereenkomst": "mutual_agreement",
    "contract_end": "contract_end", "end of contract": "contract_end", "einde contract": "contract_end",
    "contract niet verlengd": "contract_end", "retirement": "retirement", "pensioen": "retirement",
    "other": "other", "anders": "other", "overig": "other",
}  # fmt: skip
YES = {"yes", "ja", "y", "j", "true", "1"}
NO = {"no", "nee", "n", "false", "0"}
MAX_REPORTED_ERRORS = 50
SAMPLE_BYTES = 64 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (size, encoding, no header)."""


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ParsedRow:
    line: int
    external_id: str = ""
    leave_date: dt.date | None = None
    department: str = ""
    leave_type: str = ""
    tenure_months: int | None = None
    regrettable: str = "unknown"
    recommend_score: int | None = None
    themes: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What an import would do: counts, the first rows, the errors (at most 50 listed) and warnings."""

    columns: list[str]
    mapping: dict[str, str]
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[RowError] = field(default_factory=list)
    warning_count: int = 0
    preview: list[ParsedRow] = field(default_factory=list)
    theme_counts: Counter[str] = field(default_factory=Counter)
    departments: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_error(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(error)

    def add_warning(self, warning: RowError) -> None:
        self.warning_count += 1
        if len(self.warnings) < MAX_REPORTED_ERRORS:
            self.warnings.append(warning)


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """A first mapping from the header names (Dutch and English); every column gets a field, `ignore` if unsure."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        name = _norm(column)
        guess = "ignore"
        for field_name, words in _HEADER_GUESSES:
            if field_name in taken and field_name not in MULTI_FIELDS:
                continue
            if any(name == w or name.startswith(w + " ") or f" {w}" in f" {name}" for w in words):
                guess = field_name
                break
        mapping[column] = guess
        if guess not in MULTI_FIELDS:
            taken.add(guess)
    return mapping


def validate_mapping(columns: list[str], mapping: dict[str, str]) -> list[str]:
    """Problems with a mapping: unknown columns or fields, a single-use field mapped twice."""
    problems = []
    for column, field_name in mapping.items():
        if column not in columns:
            problems.append(f"the file has no column “{column}” (it has: {', '.join(columns)})")
        if field_name not in FIELDS:
            problems.append(f"unknown field “{field_name}” for column “{column}”; use one of {', '.join(FIELDS)}")
    used = Counter(f for f in mapping.values() if f not in MULTI_FIELDS)
    problems += [f"more than one column is mapped to “{f}”" for f, n in used.items() if n > 1]
    if not any(f != "ignore" for f in mapping.values()):
        problems.append("no column is mapped to a field")
    return problems


def _detect(path: Path) -> tuple[str, str]:
    sample = path.open("rb").read(SAMPLE_BYTES)
    if not sample.strip():
        raise ImportFileError("The file is empty.")
    if b"\x00" in sample:
        raise ImportFileError("This is not a CSV text file (it contains binary data). Save it as CSV first.")
    encoding = "utf-8-sig"
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
    except UnicodeDecodeError:
        encoding, text = "cp1252", sample.decode("cp1252", errors="replace")
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return encoding, delimiter


def _rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            for record in reader:
                if None in record:
                    yield reader.line_num, {"__extra__": "1"}
                    continue
                yield reader.line_num, {k: (v or "").strip() for k, v in record.items() if k is not None}
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"Line {reader.line_num + 1} is not valid {encoding} text. Save the file as UTF-8 and try again."
            ) from exc
        except csv.Error as exc:
            raise ImportFileError(f"Line {reader.line_num}: the CSV is malformed ({exc}).") from exc


def read_header(path: Path, *, max_bytes: int) -> list[str]:
    """The file's column names, after checking its size and that it is text."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFileError(
            f"The file is {size / 1e6:.0f} MB; at most {max_bytes / 1e6:.0f} MB can be imported at once. Split it."
        )
    encoding, delimiter = _detect(path)
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        header = next(csv.reader(handle, delimiter=delimiter), [])
    columns = [c.strip() for c in header]
    if not any(columns):
        raise ImportFileError("The first line must name the columns.")
    duplicates = [c for c, n in Counter(columns).items() if n > 1]
    if duplicates:
        raise ImportFileError(f"Column names must be unique; repeated: {', '.join(duplicates)}.")
    return columns


_LABELS = {_norm(label): theme for theme, labels in THEME_LABELS.items() for label in [theme, *labels.values()]} | {
    _norm(label.split(" & ")[0]): theme for theme, labels in THEME_LABELS.items() for label in labels.values()
}


@lru_cache(maxsize=8192)  # exports repeat the same few reason texts on every row
def match_theme(value: str, language: str = "nl") -> str | None:
    """A theme id for a reason cell: its id, its label (or the label's first part), else the offline classifier."""
    key = _norm(value)
    if key in _LABELS:
        return _LABELS[key]
    if key.replace(" ", "_") in THEMES:
        return key.replace(" ", "_")
    result = classify(value, language)
    if result.themes and result.themes[0].confidence >= 0.5:
        return result.themes[0].id
    return None


def _date(value: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"“{value}” is not a date (use YYYY-MM-DD, DD-MM-YYYY or YYYY-MM)")


def _leave_date(value: str) -> dt.date:
    day = _date(value)
    if not dt.date(1970, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=730):
        raise ValueError(f"{value} is outside the plausible range of leave dates")
    return day


def _leave_type(value: str) -> str:
    found = LEAVE_TYPES.get(_norm(value)) or LEAVE_TYPES.get(value.strip().lower())
    if found is None:
        raise ValueError(f"unknown leave type “{value}”; use one of {', '.join(sorted(set(LEAVE_TYPES.values())))}")
    return found


def _tenure_months(value: str, field_name: str) -> int:
    number = float(value.replace(",", "."))
    months = round(number * 12) if field_name == "tenure_years" else round(number)
    if not 0 <= months <= 720 or (field_name == "tenure_months" and number != int(number)):
        raise ValueError(f"“{value}” is not a tenure (whole months 0–720, or years)")
    return months


def _regrettable(value: str) -> str:
    lowered = value.lower()
    if lowered in YES:
        return "yes"
    if lowered in NO:
        return "no"
    raise ValueError(f"“{value}” is not yes or no")


def _recommend_score(value: str) -> int:
    score = int(value)
    if not 0 <= score <= 10:
        raise ValueError(f"{score} is not a score from 0 to 10")
    return score


def _set_field(row: ParsedRow, field_name: str, value: str) -> None:
    """Put one cell of a single-use field into the row; ValueError says what is wrong with it."""
    if field_name == "external_id":
        row.external_id = value[:120]
    elif field_name == "leave_date":
        row.leave_date = _leave_date(value)
    elif field_name == "department":
        row.department = " ".join(value.split())[:120]
    elif field_name == "leave_type":
        row.leave_type = _leave_type(value)
    elif field_name in ("tenure_months", "tenure_years"):
        row.tenure_months = _tenure_months(value, field_name)
    elif field_name == "regrettable":
        row.regrettable = _regrettable(value)
    elif field_name == "recommend_score":
        row.recommend_score = _recommend_score(value)


def _add_reason(row: ParsedRow, field_name: str, value: str, language: str) -> bool:
    """Add the theme of a reason cell to the row (once per theme and polarity); False when no theme matches."""
    theme = match_theme(value, language)
    if theme is None:
        return False
    polarity = "pull" if field_name == "pull_reason" else "push"
    if not any(t["id"] == theme and t["polarity"] == polarity for t in row.themes):
        row.themes.append({"id": theme, "polarity": polarity})
    return True


def _error_message(exc: ValueError, value: str) -> str:
    message = str(exc)
    if message.startswith(("invalid literal", "could not convert")):
        return f"“{value}” is not a number"
    return message


def parse_row(
    line: int, record: dict[str, str], mapping: dict[str, str], plan: ImportPlan, language: str
) -> ParsedRow | None:
    """One row as fields, or None when it has errors (added to the plan). Every column is checked, so that one
    pass reports every error of the row."""
    if "__extra__" in record:
        plan.add_error(RowError(line, "", "the row has more cells than the header has columns"))
        return None
    row = ParsedRow(line=line)
    ok = True
    for column, field_name in mapping.items():
        value = record.get(column, "")
        if field_name == "ignore" or not value:
            continue
        try:
            if field_name not in ("reason", "pull_reason"):
                _set_field(row, field_name, value)
            elif not _add_reason(row, field_name, value, language):
                plan.add_warning(RowError(line, column, f"“{value[:60]}” matches no theme and is left out"))
        except ValueError as exc:
            plan.add_error(RowError(line, column, _error_message(exc, value)))
            ok = False
    return row if ok else None


def plan_import(
    path: Path,
    mapping: dict[str, str],
    *,
    max_bytes: int,
    language: str = "nl",
    existing_ids: set[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Check every row without writing anything: the dry run, and the first pass of a real import."""
    columns = read_header(path, max_bytes=max_bytes)
    plan = ImportPlan(columns=columns, mapping=mapping)
    for problem in validate_mapping(columns, mapping):
        plan.add_error(RowError(1, "", problem))
    if not plan.ok:
        return plan
    encoding, delimiter = _detect(path)
    seen: dict[str, int] = {}
    existing = existing_ids or set()
    for line, record in _rows(path, encoding, delimiter):
        if not any(record.values()):
            continue
        row = parse_row(line, record, mapping, plan, language)
        plan.rows += 1
        if progress is not None and plan.rows % 10_000 == 0:
            progress(plan.rows)
        if row is None:
            continue
        if row.external_id:
            if row.external_id in seen:
                plan.add_error(
                    RowError(line, "", f"id “{row.external_id}” appears twice (also on line {seen[row.external_id]})")
                )
            elif row.external_id in existing:
                plan.add_error(RowError(line, "", f"id “{row.external_id}” was imported before"))
            seen[row.external_id] = line
        if len(plan.preview) < 10:
            plan.preview.append(row)
        plan.theme_counts.update(t["id"] for t in row.themes)
        if row.department:
            plan.departments.add(row.department)
    if plan.rows == 0:
        plan.add_error(RowError(2, "", "the file has a header but no rows"))
    return plan


def parsed_rows(path: Path, mapping: dict[str, str], language: str = "nl") -> Iterator[ParsedRow]:
    """The second pass: every row, parsed again (the plan has shown they are all valid)."""
    encoding, delimiter = _detect(path)
    scratch = ImportPlan(columns=[], mapping=mapping)
    for line, record in _rows(path, encoding, delimiter):
        if not any(record.values()):
            continue
        row = parse_row(line, record, mapping, scratch, language)
        if row is None:  # the file changed between the passes
            raise ImportFileError(f"Line {line} changed while importing; nothing was imported.")
        yield row


def plan_as_dict(plan: ImportPlan) -> dict[str, Any]:
    return {
        "rows": plan.rows,
        "ok": plan.ok,
        "errors": [str(e) for e in plan.errors],
        "error_count": plan.error_count,
        "warnings": [str(w) for w in plan.warnings],
        "warning_count": plan.warning_count,
        "themes": dict(plan.theme_counts.most_common()),
        "departments": sorted(plan.departments),
    }
