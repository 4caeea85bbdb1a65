from __future__ import annotations

import sys
import textwrap
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from spiegel.interviews.engine import Engine, load_default_guide


class Command(BaseCommand):
    help = (
        "Hold an interview in the terminal with Spiegel's built-in interviewer, to try it out. Nothing is stored. "
        "Type your answer and press Enter; '/skip' skips the topic, '/quit' stops."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help="Language of the conversation (default nl)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        engine = Engine(load_default_guide(options["lang"]))
        state, messages = engine.start()
        self._say(messages)
        while True:
            try:
                answer = input("> ")
            except EOFError:
                self.stdout.write("")
                return
            command = answer.strip().lower()
            if command in {"/quit", "/stop"}:
                # the closing line a leaver who asks to stop gets, then the end (as at a normal close)
                reply = engine.stop(state)
                self._say(reply.messages)
                if reply.closed:
                    self.stdout.write(self.style.NOTICE(f"[closed after {reply.state.turns} answers]"))
                return
            if not answer.strip():
                continue
            reply = engine.respond(state, answer, skip_topic=command == "/skip")
            state, messages = reply.state, reply.messages
            self._say(messages)
            if reply.closed:
                self.stdout.write(self.style.NOTICE(f"[closed after {state.turns} answers]"))
                return

    def _say(self, messages: list[str]) -> None:
        width = 88 if sys.stdout.isatty() else 1000
        for text in messages:
            self.stdout.write(
                self.style.HTTP_INFO("Spiegel: ") + textwrap.fill(text, width=width, subsequent_indent="  ")
            )
