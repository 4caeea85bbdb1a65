"""No token, receipt, API key or e-mail address in any log line (privacy.md).

A leaver's link is their only credential, so a log line holding `/i/<token>/` hands their record to whoever
reads the log. `mask_text` replaces the secret part of every such path, API keys and e-mail addresses;
`MaskingFilter` applies it to every record the console handler writes (Django's "Not Found: /i/…" warnings
included), and `spiegel.privacy.access_log.MaskedLogger` to gunicorn's access and error logs.
Django-free, so that gunicorn can load it before Django is set up.
"""

from __future__ import annotations

import logging
import re

MASK = "…"

# The path segment after these prefixes is a leaver's invitation token or receipt.
_TOKEN_PATHS = re.compile(r"(/(?:i|r)/|/api/v1/conversations/)[^/?#\s\"'<>]+")
_API_KEY = re.compile(r"\bspk_[A-Za-z0-9_\-]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+(?:@|%40)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def mask_text(text: str) -> str:
    """`text` with leavers' tokens and receipts in paths, API keys and e-mail addresses replaced by a mask."""
    text = _TOKEN_PATHS.sub(lambda m: m.group(1) + MASK, text)
    text = _API_KEY.sub("spk_" + MASK, text)
    return _EMAIL.sub("[e-mail]", text)


class MaskingFilter(logging.Filter):
    """Rewrites each record's message (and its traceback) masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: log it as it is, masked
            message = str(record.msg)
        record.msg = mask_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True
