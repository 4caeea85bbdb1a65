"""The stop flag of a long-running command (serve, scheduler): set when the process is asked to stop."""

from __future__ import annotations

import signal
from typing import Any


class StopFlag:
    """Handles SIGTERM and SIGINT (Ctrl-C) from its creation on: either sets `asked`, and the command finishes its
    round and exits. The command may set `asked` itself to stop the same way."""

    def __init__(self) -> None:
        self.asked = False
        signal.signal(signal.SIGTERM, self._ask)
        signal.signal(signal.SIGINT, self._ask)

    def _ask(self, signum: int, _frame: Any) -> None:
        self.asked = True
