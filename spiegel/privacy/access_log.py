"""gunicorn's logger with leavers' tokens, receipts, API keys and e-mail addresses masked (`spiegel serve`
passes it as --logger-class). Every value an access-log format can name is masked: the request line, the
path, the query, the referrer and the headers."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from spiegel.privacy.logmask import MaskingFilter, mask_text


class MaskedLogger(Logger):  # type: ignore[misc]
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(MaskingFilter())

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {k: mask_text(v) if isinstance(v, str) else v for k, v in atoms.items()}
