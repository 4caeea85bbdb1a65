"""The model's reading of an answer, as the fake model server sends it back, and an answer only the model reads."""

from __future__ import annotations

import json
from typing import Any

from tests.support.fake_server import Reply

# Falsifying hours for a subsidy, in words none of the rules' integrity patterns know.
# An integrity matter told only by hint, which the rules' frames do not read (they do read "anders invullen
# voor de subsidie, zodat het klopte"); the model does.
HOURS = (
    "Mijn teamleider vroeg me om de uren van vorige maand nog eens goed te bekijken voor de subsidie, "
    "je snapt wel wat hij bedoelde."
)


def model_reading(**fields: Any) -> Reply:
    """The model's answer to the understanding prompt: an answer with nothing in it, except the `fields` given."""
    base: dict[str, Any] = {"kind": "answer", "themes": [], "matter": [], "feelings": []}
    return Reply(json.dumps({**base, **fields}, ensure_ascii=False))
