"""Logging a failure without what the leaver said.

An exception's message can quote its input (a text function that fails on an answer may put the answer in
its message), so a failure that touches a case's words is logged with the case's public id, the exception's
type and the code locations only.
"""

from __future__ import annotations

import logging
import traceback
import uuid


def log_failure(logger: logging.Logger, what: str, case_id: uuid.UUID | str, exc: BaseException) -> None:
    """Log that ``what`` failed for case ``case_id``: type and where, never the exception's message."""
    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    where = " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
    logger.error("%s failed for case %s: %s at %s", what, case_id, type(exc).__name__, where)
