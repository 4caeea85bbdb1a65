"""A benchmark writes only its own section of a document, between its markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.report import write_doc_section


def test_only_the_named_section_is_replaced(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        "# Benchmarks\n<!-- section: a -->\nold a\n<!-- end: a -->\n<!-- section: b -->\nold b\n<!-- end: b -->\n",
        encoding="utf-8",
    )
    write_doc_section(doc, "a", "new a\n")
    assert doc.read_text(encoding="utf-8") == (
        "# Benchmarks\n<!-- section: a -->\nnew a\n<!-- end: a -->\n<!-- section: b -->\nold b\n<!-- end: b -->\n"
    )


def test_without_markers_it_stops_or_adds_them_at_the_end(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no <!-- section: a --> … <!-- end: a --> markers"):
        write_doc_section(doc, "a", "new a\n")
    assert doc.read_text(encoding="utf-8") == "# Benchmarks\n\n"
    write_doc_section(doc, "a", "new a\n", add_missing=True)
    assert doc.read_text(encoding="utf-8") == "# Benchmarks\n\n<!-- section: a -->\nnew a\n<!-- end: a -->\n"
