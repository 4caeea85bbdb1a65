"""The matter of a turn: complete noun phrases naming a thing or an event ("het nieuwe rooster", "the
reorganisation"), and those the leaver named with a possessive, in the interviewer's voice (docs/interviewing.md,
"Paraphrase, don't paste"). Django-free."""

from __future__ import annotations

from spiegel.language.text import strip_control
from spiegel.language.understanding_lexicon import LANGUAGES, MAX_CHARS, TOKEN, Lexicon, Turn, lexicon, norm_token


def _is_head(token: str, lex: Lexicon, language: str) -> bool:
    if "-" in token:  # "cao-verhoging", "on-site childcare": the last part decides
        token = token.rsplit("-", 1)[-1]
    if token in lex.meta_heads:
        return False
    if token in lex.heads:
        return True
    if language == "nl" and token.endswith(lex.compound_heads) and token.isalpha():
        return any(token.endswith(h) and len(token) >= len(h) + 3 for h in lex.compound_heads)
    return False


def _is_modifier(token: str, lex: Lexicon, language: str) -> bool:
    if token in lex.adjectives:
        return True
    if token in lex.function_words or token in lex.determiners or token in lex.bad_determiners:
        return False
    if language == "nl":
        return token.isalpha() and len(token) > 4 and token.endswith(("ige", "lijke", "ische", "ste", "nde"))
    return False


def _head_end(turn: Turn, i: int, lex: Lexicon, language: str) -> int:
    """The last noun of the head at ``i``: a noun-noun head ("night shift", "team meeting") takes the last."""
    n = len(turn.tokens)
    head_end = i
    while (
        language == "en"
        and head_end + 1 < n
        and turn.clause[head_end + 1] == turn.clause[i]
        and (_is_head(turn.tokens[head_end + 1], lex, language) or turn.tokens[head_end + 1] in lex.run_heads)
    ):
        head_end += 1
    return head_end


def _modifiers_start(turn: Turn, i: int, lex: Lexicon, language: str) -> int:
    """Where at most two modifiers before the head at ``i`` begin ("het nieuwe rooster")."""
    start = i
    while (
        start > 0
        and i - start < 2
        and turn.clause[start - 1] == turn.clause[i]
        and _is_modifier(turn.tokens[start - 1], lex, language)
    ):
        start -= 1
    return start


def _determined(turn: Turn, start: int, i: int, head_end: int, lex: Lexicon) -> tuple[str, int]:
    """How the phrase before ``start`` opens: ("det", new start) with a determiner, ("owned", start) with a
    possessive such as "mijn"/"my", or ("none", start)."""
    det = start - 1
    if det < 0 or turn.clause[det] != turn.clause[i]:
        return "none", start
    two = f"{turn.tokens[det - 1]} {turn.tokens[det]}" if det > 0 else ""
    if two in lex.determiners:
        return "det", det - 1
    token = turn.tokens[det]
    if token in lex.determiners and not (
        token in ("that", "this", "dat")
        and (turn.tokens[head_end] in lex.bare_ok or turn.tokens[head_end].endswith("s"))
    ):
        return "det", det
    if token in lex.bad_determiners:
        return "owned", start
    return "none", start


def _time_tail_end(turn: Turn, i: int, head_end: int, lex: Lexicon) -> int:
    """The phrase's last token: a time tail in the same clause ("de nachtdienst in maart") belongs to it."""
    if lex.time_tails is None or head_end + 1 >= len(turn.tokens):
        return head_end
    tail = lex.time_tails.match(turn.norm, turn.starts[head_end + 1])
    if tail is None:
        return head_end
    _, tail_last = turn.tokens_of(tail.start(), tail.end())
    if all(turn.clause[k] == turn.clause[i] for k in range(head_end, tail_last + 1)):
        return tail_last
    return head_end


def _spoken(turn: Turn, start: int, end: int, lex: Lexicon) -> str:
    """The phrase as the leaver wrote it, a sentence-initial capital lowered ("Het rooster" -> "het rooster")."""
    phrase = turn.words(start, end).strip()
    first = turn.tokens[start]
    sentence_case = phrase[:1].isupper() and not phrase[1:2].isupper()
    if sentence_case and (first in lex.determiners or first in lex.adjectives or start == 0):
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def _phrase_at(
    turn: Turn, i: int, lex: Lexicon, language: str, owned: list[tuple[int, int, str]]
) -> tuple[tuple[int, int] | None, int]:
    """The matter phrase headed at ``i`` (first and last token) or None, and where to read on. A phrase with a
    possessive goes to ``owned`` instead, in the interviewer's voice."""
    n = len(turn.tokens)
    head_end = _head_end(turn, i, lex, language)
    how, start = _determined(turn, _modifiers_start(turn, i, lex, language), i, head_end, lex)
    if how == "owned":
        pronoun = turn.tokens[start - 1]
        next_token = turn.tokens[head_end + 1] if head_end + 1 < n else ""
        if pronoun in lex.yours and next_token not in lex.continuations:
            owned.append((start, head_end, lex.yours[pronoun]))
        return None, head_end + 1
    ok = how == "det" or turn.tokens[head_end] in lex.bare_ok
    after = head_end + 1
    if ok and after < n and turn.clause[after] == turn.clause[i] and turn.tokens[after] in lex.continuations:
        ok = False  # "the new shift pattern": the phrase would stop inside a compound
    if not ok:
        return None, head_end + 1
    end = _time_tail_end(turn, i, head_end, lex)
    return (start, end), end + 1


def matter_of(turn: Turn, lex: Lexicon, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The matter phrases, and those named with a possessive in the interviewer's voice."""
    phrases: list[tuple[int, int]] = []
    owned: list[tuple[int, int, str]] = []
    i = 0
    while i < len(turn.tokens):
        if not _is_head(turn.tokens[i], lex, language):
            i += 1
            continue
        found, i = _phrase_at(turn, i, lex, language, owned)
        if found is not None:
            phrases.append(found)
    out: list[str] = []
    for start, end in phrases:
        phrase = _spoken(turn, start, end, lex)
        if phrase and phrase not in out:
            out.append(phrase)
    yours: list[str] = []
    for start, end, pronoun in owned:
        phrase = f"{pronoun} {turn.words(start, end).strip()}"
        if phrase not in yours:
            yours.append(phrase)
    return tuple(out[:3]), tuple(yours[:3])


def is_matter_phrase(phrase: str, text: str, language: str) -> bool:
    """Whether ``phrase`` may stand as matter of ``text``: the leaver's own words (a run of whole words of the
    turn), at most eight words, no meta-talk ("de vraag", "this interview"), no name placeholder, and not
    starting with a possessive ("mijn", "my") that would read wrong after "Je vertelde over"."""
    lex = lexicon(language if language in LANGUAGES else "nl")
    words = [norm_token(t) for t in TOKEN.findall(phrase)]
    if not words or len(words) > 8 or "[" in phrase or phrase != phrase.strip():
        return False
    if words[0] in lex.bad_determiners or any(w in lex.meta_heads for w in words):
        return False
    if all(w in lex.function_words or w in lex.determiners for w in words):
        return False
    turn = [norm_token(t) for t in TOKEN.findall(strip_control(text)[:MAX_CHARS])]
    n = len(words)
    return any(turn[i : i + n] == words for i in range(len(turn) - n + 1))
