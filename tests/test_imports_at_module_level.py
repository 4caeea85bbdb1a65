"""Imports stand at the top of a module (issue 12). An import inside a function hides a dependency from
import-linter's readers and from the next engineer; where one is needed (a library that takes seconds to
load, a model that exists only once the apps are ready), a ``# deferred: <why>`` comment says so, on the
import or directly above the run of imports it belongs to."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "spiegel"
REASON = "# deferred:"


def _blocks(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[list[ast.stmt]]:
    """The statement lists directly inside a function (nested if/try/with/for bodies; not nested defs)."""
    found: list[list[ast.stmt]] = []
    todo: list[list[ast.stmt]] = [function.body]
    while todo:
        block = todo.pop()
        found.append(block)
        for stmt in block:
            if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for name in ("body", "orelse", "finalbody"):
                sub = getattr(stmt, name, None)
                if isinstance(sub, list) and sub and isinstance(sub[0], ast.stmt):
                    todo.append(sub)
            todo.extend(handler.body for handler in getattr(stmt, "handlers", []))
    return found


def unexplained_function_imports(source: str) -> list[int]:
    """Line numbers of imports inside functions with no ``# deferred:`` reason on them or above their run."""
    lines = source.splitlines()
    found: list[int] = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for block in _blocks(function):
            run_start: int | None = None
            for stmt in block:
                if not isinstance(stmt, ast.Import | ast.ImportFrom):
                    run_start = None
                    continue
                run_start = run_start or stmt.lineno
                own = " ".join(lines[stmt.lineno - 1 : stmt.end_lineno])
                above = lines[run_start - 2].strip() if run_start >= 2 else ""
                if REASON not in own and not above.startswith(REASON):
                    found.append(stmt.lineno)
    return found


def test_the_check_finds_an_unexplained_import_and_accepts_a_reason() -> None:
    source = (
        "def a():\n    import json\n    return json\n\n"
        "def b():\n    # deferred: slow to load\n    import json\n    from os import path\n    return json, path\n\n"
        "def c():\n    import json  # deferred: slow to load\n    x = 1\n    import os\n    return json, os, x\n"
    )
    assert unexplained_function_imports(source) == [2, 14]


def test_no_import_inside_a_function_without_a_reason() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for line in unexplained_function_imports(path.read_text(encoding="utf-8"))
    ]
    assert found == []
