"""Watch a simulated leaver talk to the built-in interviewer in the terminal. Nothing is stored.

Run: ``.venv/bin/python -m harness.talk en-nurse`` (a persona id; ``--lang`` overrides the persona's interview
language). The product's own terminal interview is ``spiegel interview``, where a person types the answers.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from spiegel.interviews.engine import Engine, load_default_guide

from .personas import persona_by_id
from .simulator import SimulatedLeaver


def talk(persona_id: str, lang: str = "", width: int = 88) -> list[str]:
    """The lines of one whole conversation between the interviewer and the persona, as the terminal shows them."""
    persona = persona_by_id(persona_id)
    leaver = SimulatedLeaver(persona)
    engine = Engine(load_default_guide(lang or persona.language_of_interview))
    state, messages = engine.start()
    lines = [_spiegel(text, width) for text in messages]
    while True:
        answer = leaver.answer("\n".join(messages))
        lines.append(f"> {answer}")
        reply = engine.respond(state, answer)
        state, messages = reply.state, reply.messages
        lines += [_spiegel(text, width) for text in messages]
        if reply.closed:
            lines.append(f"[closed after {state.turns} answers]")
            return lines


def _spiegel(text: str, width: int) -> str:
    return "Spiegel: " + textwrap.fill(text, width=width, subsequent_indent="  ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.talk", description=__doc__.splitlines()[0])
    parser.add_argument("persona", help="Persona id of a simulated leaver, e.g. en-nurse or nl-verpleegkundige.")
    parser.add_argument("--lang", choices=["nl", "en"], default="", help="Language of the conversation.")
    args = parser.parse_args(argv)
    try:
        lines = talk(args.persona, args.lang, width=88 if sys.stdout.isatty() else 1000)
    except KeyError as exc:
        parser.error(str(exc.args[0]))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
