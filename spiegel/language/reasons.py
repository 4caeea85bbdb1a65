"""Per-interview reasons for leaving, ranked from the leaver's classified, shared statements.

Input is one entry per shared statement: its :class:`~spiegel.language.classify.Classification` and a
weight hint saying how much the statement should count. Answers to "why did you leave?" and "what would
have made you stay?" say more about the reasons than a remark in passing, so callers give them
:data:`WEIGHT_WHY_LEFT` or :data:`WEIGHT_WOULD_HAVE_STAYED`; everything else gets :data:`WEIGHT_DEFAULT`.
:func:`weight_for` maps a question role to its hint.

Scoring, per (theme, polarity) with polarity ``push`` or ``pull`` (``keep`` is something good to keep,
never a reason to leave)::

    score = sum(weight_hint * theme confidence * KIND_FACTOR[kind])  over the statements carrying it

Hearsay counts for less (the leaver did not see it), suggestions a little less (they point at a reason
rather than state it). Weights are the scores normalised to sum to 1, so they read as shares of this
interview's reasons. Reasons below ``min_share`` are dropped and the rest renormalised. Ties are broken by
the earliest evidence, then by taxonomy order, so the ranking is deterministic. The primary reason is the
first one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spiegel.language.classify import CONTROLLABLE, THEMES, Classification

__all__ = [
    "KIND_FACTOR",
    "WEIGHT_DEFAULT",
    "WEIGHT_WHY_LEFT",
    "WEIGHT_WOULD_HAVE_STAYED",
    "Reason",
    "primary_reason",
    "rank_reasons",
    "weight_for",
]

WEIGHT_DEFAULT = 1.0
# The direct answer to "why are you leaving?" is the strongest evidence there is.
WEIGHT_WHY_LEFT = 3.0
# "What would have made you stay?" names the reason from the other side; nearly as strong.
WEIGHT_WOULD_HAVE_STAYED = 2.0

KIND_FACTOR: dict[str, float] = {"fact": 1.0, "experience": 1.0, "suggestion": 0.7, "hearsay": 0.4}

_ROLES = {
    "why_left": WEIGHT_WHY_LEFT,
    "would_have_stayed": WEIGHT_WOULD_HAVE_STAYED,
    "other": WEIGHT_DEFAULT,
}


@dataclass(frozen=True)
class Reason:
    """One reason for leaving: a theme with push or pull, its share (0..1) and the statements behind it."""

    theme: str
    polarity: str
    weight: float
    controllable: str
    evidence: tuple[int, ...]


def weight_for(role: str | None) -> float:
    """The weight hint for a statement answering ``role``: ``"why_left"``, ``"would_have_stayed"``,
    ``"other"`` or None (= other). Raises ValueError for an unknown role."""
    if role is None:
        return WEIGHT_DEFAULT
    try:
        return _ROLES[role]
    except KeyError:
        raise ValueError(f"unknown question role {role!r}: use one of {sorted(_ROLES)}") from None


def rank_reasons(
    items: Sequence[tuple[Classification, float]],
    *,
    min_share: float = 0.05,
    min_confidence: float = 0.0,
) -> list[Reason]:
    """Rank the reasons for leaving of one interview.

    ``items`` holds, per shared statement (in interview order), its classification and a weight hint
    (>= 0; see :func:`weight_for`). Evidence indices refer to positions in ``items``, ascending.
    Themes below ``min_confidence`` are ignored; reasons whose share is below ``min_share`` are dropped
    and the remaining weights renormalised to sum to 1. Returns the reasons, strongest first (the primary
    reason is ``[0]``); an empty list when no statement carries a push or pull theme.
    """
    if not 0.0 <= min_share < 1.0:
        raise ValueError("min_share must be in [0, 1)")
    scores: dict[tuple[str, str], float] = {}
    evidence: dict[tuple[str, str], list[int]] = {}
    for index, (classification, hint) in enumerate(items):
        if hint < 0:
            raise ValueError(f"weight hint of statement {index} is negative: {hint}")
        factor = KIND_FACTOR.get(classification.kind, 1.0)
        for theme in classification.themes:
            if theme.polarity not in ("push", "pull") or theme.confidence < min_confidence:
                continue
            key = (theme.id, theme.polarity)
            scores[key] = scores.get(key, 0.0) + hint * theme.confidence * factor
            evidence.setdefault(key, []).append(index)

    def normalised(keys: list[tuple[str, str]]) -> dict[tuple[str, str], float]:
        total = sum(scores[k] for k in keys)
        return {k: scores[k] / total for k in keys} if total > 0 else {}

    shares = normalised(list(scores))
    kept = [k for k, share in shares.items() if share >= min_share]
    shares = normalised(kept)
    order = {theme: i for i, theme in enumerate(THEMES)}
    ranked = sorted(shares, key=lambda k: (-shares[k], evidence[k][0], order.get(k[0], len(order)), k[1]))
    return [
        Reason(
            theme=theme,
            polarity=polarity,
            weight=round(shares[(theme, polarity)], 4),
            controllable=CONTROLLABLE.get(theme, "partly"),
            evidence=tuple(sorted(set(evidence[(theme, polarity)]))),
        )
        for theme, polarity in ranked
    ]


def primary_reason(reasons: Sequence[Reason]) -> Reason | None:
    """The primary reason for leaving (the first ranked), or None when there is none."""
    return reasons[0] if reasons else None
