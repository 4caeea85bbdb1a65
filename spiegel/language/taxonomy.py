"""The reasons-for-leaving taxonomy's theme ids (docs/taxonomy.md). Ids are fixed: the API, exports,
the database and tests use them. Labels and lexicons live with the code that uses them."""

from __future__ import annotations

from typing import Literal, get_args

#: One theme id, as a type (the language model's reading is validated against it).
ThemeId = Literal[
    "career",
    "job_content",
    "manager",
    "collaboration",
    "culture",
    "workload",
    "conditions",
    "pay",
    "recognition",
    "processes",
    "job_security",
    "wellbeing",
    "personal",
    "retirement",
]

THEMES: tuple[str, ...] = get_args(ThemeId)
