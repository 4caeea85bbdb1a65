"""Reading token-per-line named-entity corpora and scoring the pseudonymiser on them.

Used by ``bench/redaction.py --corpus`` to measure person-name detection on real text that nobody on the
project wrote (see ``/work/shared/data/ner/README.md``: the CC0 Dutch newspaper corpus of Europeana/KB and
the CC BY 4.0 English WNUT-17 corpus). The corpora themselves are not shipped; this module only reads them.

Split rules (fixed, deterministic; written down in docs/benchmarks.md as well):

- Dutch ``europeana_enp_NL.kb.bio`` is one stream of ``token TAG`` lines without sentence or document breaks.
  It is cut into passages: a passage ends after a token that ends with ``.``, ``!`` or ``?`` once it holds at
  least ``PASSAGE_MIN`` tokens, and in any case at ``PASSAGE_MAX`` tokens (never inside a name). Passages that
  start before token index ``floor(0.7 * N)`` are the development split, the rest (the last 30% of the stream)
  is the held-out split that no rule is tuned on.
- English WNUT-17: ``wnut17_wnut17train.conll`` + ``wnut17_emerging.dev.conll`` are the development split,
  ``wnut17_emerging.test.annotated`` is the held-out split. One document (post) per blank-line block.

Tokens are joined into text with single spaces, except that punctuation attaches to the word before it,
``@``/``#`` to the word after it and English clitics (``'s``, ``n't``) to the word before it, so that the
pseudonymiser sees ordinary-looking text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DUTCH_FILE",
    "ENGLISH_DEV_FILES",
    "ENGLISH_HELDOUT_FILE",
    "Passage",
    "Score",
    "detokenise",
    "dutch_passages",
    "english_passages",
    "entities",
    "read_documents",
    "score",
]

DUTCH_FILE = "europeana_enp_NL.kb.bio"
ENGLISH_DEV_FILES = ("wnut17_wnut17train.conll", "wnut17_emerging.dev.conll")
ENGLISH_HELDOUT_FILE = "wnut17_emerging.test.annotated"
PASSAGE_MIN = 40
PASSAGE_MAX = 200
DEV_SHARE = 0.7
PERSON_TYPES = frozenset({"per", "person"})

_ATTACH_LEFT = frozenset(",.;:!?)]}%…") | {"'s", "’s", "n't", "'m", "'re", "'ll", "'ve", "'d", "...", "’"}
_ATTACH_RIGHT = frozenset({"(", "[", "{", "@", "#", "“"})
_ALNUM = re.compile(r"\w")


@dataclass(frozen=True)
class Passage:
    """One piece of text with its tokens' character spans, entity types and the spans of person names."""

    text: str
    tokens: tuple[tuple[int, int, str], ...]  # (start, end, entity type or "" for outside)
    names: tuple[tuple[int, int], ...]  # character spans of person names (first token start, last token end)
    name_tokens: tuple[tuple[int, ...], ...]  # token indices of each person name
    split: str


def read_documents(path: Path, separator: str | None) -> list[list[tuple[str, str]]]:
    """Blank-line separated documents of (token, tag) pairs; ``separator`` None splits on any whitespace."""
    documents: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                documents.append(current)
                current = []
            continue
        parts = line.rsplit(separator, 1) if separator else line.rsplit(None, 1)
        if len(parts) != 2:
            continue
        current.append((parts[0].strip(), parts[1].strip()))
    if current:
        documents.append(current)
    return documents


def entities(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, token after the last, lower-case type) for every entity; reads IOB1 and IOB2 alike."""
    found: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, tag_kind = tag.partition("-")
        tag_kind = tag_kind.lower()
        continues = prefix == "I" and start is not None and tag_kind == kind
        if start is not None and not continues:
            found.append((start, i, kind))
            start = None
        if prefix in {"B", "I"} and start is None:
            start, kind = i, tag_kind
    return found


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into text and return the character span of each token."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    glue_next = True
    for token in tokens:
        if pieces and not glue_next and token not in _ATTACH_LEFT:
            pieces.append(" ")
            position += 1
        spans.append((position, position + len(token)))
        pieces.append(token)
        position += len(token)
        glue_next = token in _ATTACH_RIGHT
    return "".join(pieces), spans


def _passage(pairs: list[tuple[str, str]], split: str) -> Passage:
    words = [token for token, _tag in pairs]
    tags = [tag for _token, tag in pairs]
    text, spans = detokenise(words)
    types = [""] * len(words)
    names: list[tuple[int, int]] = []
    name_tokens: list[tuple[int, ...]] = []
    for start, end, kind in entities(tags):
        for i in range(start, end):
            types[i] = kind
        if kind in PERSON_TYPES:
            names.append((spans[start][0], spans[end - 1][1]))
            name_tokens.append(tuple(range(start, end)))
    tokens = tuple((s, e, t) for (s, e), t in zip(spans, types, strict=True))
    return Passage(text=text, tokens=tokens, names=tuple(names), name_tokens=tuple(name_tokens), split=split)


def dutch_passages(path: Path) -> list[Passage]:
    """The Dutch newspaper stream cut into passages by the fixed rule in the module docstring."""
    stream = [pair for document in read_documents(path, None) for pair in document]
    cut_dev = math.floor(DEV_SHARE * len(stream))
    passages: list[Passage] = []
    start = 0
    for i, (token, _tag) in enumerate(stream):
        length = i + 1 - start
        next_tag = stream[i + 1][1] if i + 1 < len(stream) else "O"
        inside_name = next_tag.startswith("I-")
        sentence_end = token.endswith((".", "!", "?")) and length >= PASSAGE_MIN
        if i + 1 == len(stream) or ((sentence_end or length >= PASSAGE_MAX) and not inside_name):
            passages.append(_passage(stream[start : i + 1], "dev" if start < cut_dev else "heldout"))
            start = i + 1
    return passages


def english_passages(directory: Path) -> list[Passage]:
    """WNUT-17 posts: train + dev are the development split, the annotated test file the held-out split."""
    passages: list[Passage] = []
    for name in ENGLISH_DEV_FILES:
        passages += [_passage(doc, "dev") for doc in read_documents(directory / name, "\t")]
    passages += [_passage(doc, "heldout") for doc in read_documents(directory / ENGLISH_HELDOUT_FILE, "\t")]
    return passages


@dataclass
class Score:
    """Counts over a set of passages."""

    passages: int = 0
    names: int = 0
    names_found: int = 0
    other_words: int = 0
    other_words_redacted: int = 0
    other_words_as_person: int = 0
    redacted_by_type: dict[str, int] = field(default_factory=dict)
    tokens: int = 0
    seconds: float = 0.0

    def recall(self) -> float:
        return self.names_found / self.names if self.names else 1.0

    def over_redaction(self) -> float:
        return self.other_words_redacted / self.other_words if self.other_words else 0.0

    def over_redaction_as_person(self) -> float:
        return self.other_words_as_person / self.other_words if self.other_words else 0.0


def score(
    passages: Iterable[Passage],
    redact_spans: Callable[[str], list[tuple[int, int, str]]],
    *,
    titles: frozenset[str] = frozenset(),
    particles: frozenset[str] = frozenset(),
    errors: list[str] | None = None,
    clock: Callable[[], float] | None = None,
) -> Score:
    """Score a redactor given as ``text -> redacted (start, end, kind)`` (any kind of span counts).

    A person name is found when every letter or digit of its tokens is inside a redacted span. Other words are
    the tokens outside person names that hold a letter or digit; one counts as wrongly redacted when any of
    its characters is inside a span (and separately when inside a span of kind ``person``). The titles,
    surname particles and initials directly before a labelled name ("de heer van | Zegwaard", "J. A. |
    Bakker", "Mr | Smith") are not counted: the corpora label such names with and without them.
    """
    result = Score()
    for passage in passages:
        started = clock() if clock else 0.0
        spans = redact_spans(passage.text)
        if clock:
            result.seconds += clock() - started
        result.passages += 1
        result.tokens += len(passage.tokens)
        mask = bytearray(len(passage.text))
        person = bytearray(len(passage.text))
        for start, end, kind in spans:
            mask[start:end] = b"\x01" * (end - start)
            if kind == "person":
                person[start:end] = b"\x01" * (end - start)
        in_name: set[int] = set()
        for token_indices in passage.name_tokens:
            in_name.update(token_indices)
            result.names += 1
            chars = [
                i
                for t in token_indices
                for i in range(passage.tokens[t][0], passage.tokens[t][1])
                if _ALNUM.match(passage.text[i])
            ]
            if all(mask[i] for i in chars):
                result.names_found += 1
            elif errors is not None:
                name = " ".join(passage.text[passage.tokens[t][0] : passage.tokens[t][1]] for t in token_indices)
                errors.append(f"MISS  {name!r:30} in: {_context(passage, token_indices[0])}")
        leading: set[int] = set()
        for indices in passage.name_tokens:
            t = indices[0] - 1
            while t >= 0 and t not in in_name:
                word = passage.text[passage.tokens[t][0] : passage.tokens[t][1]]
                low = word.lower().rstrip(".")
                if not (low in titles or low in particles or (len(low) == 1 and low.isalpha() and word.endswith("."))):
                    break
                leading.add(t)
                t -= 1
        for t, (start, end, kind) in enumerate(passage.tokens):
            word = passage.text[start:end]
            if t in in_name or t in leading or not _ALNUM.search(word):
                continue
            result.other_words += 1
            if any(person[start:end]):
                result.other_words_as_person += 1
            if any(mask[start:end]):
                result.other_words_redacted += 1
                label = kind or "O"
                result.redacted_by_type[label] = result.redacted_by_type.get(label, 0) + 1
                if errors is not None:
                    errors.append(f"OVER  {word!r:30} ({label}) in: {_context(passage, t)}")
    return result


def _context(passage: Passage, token: int, width: int = 8) -> str:
    first = passage.tokens[max(0, token - width)][0]
    last = passage.tokens[min(len(passage.tokens) - 1, token + width)][1]
    return passage.text[first:last].replace("\n", " ")
