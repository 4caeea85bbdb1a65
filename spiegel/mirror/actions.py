"""Every write of the mirror: statements from the closed conversation, the leaver's corrections and choices,
completing the review (closing answers, tallies, receipt) and withdrawing the record."""

from __future__ import annotations

import logging
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spiegel.interviews.lifecycle import complete_review, lock, withdraw_by_leaver
from spiegel.interviews.models import Interview, Message, MessageRole, Status
from spiegel.interviews.transcript import answers_of, erase_transcript, mask_transcript
from spiegel.language import statements as statement_drafting
from spiegel.language.redact import Pseudonymiser
from spiegel.language.statements import Replacement, repseudonymise, restore
from spiegel.mirror.models import (
    SPECIAL_CATEGORY_THEMES,
    Receipt,
    ReviewOutcome,
    Statement,
    ThemeTally,
    Visibility,
    WouldReturn,
)
from spiegel.privacy.crypto import token_digest
from spiegel.privacy.failures import log_failure
from spiegel.privacy.models import PseudonymMap

log = logging.getLogger(__name__)

MAX_STATEMENT_CHARS = 2000
MAX_COMMENT_CHARS = 4000


# ------------------------------------------------------------------------------------------ pseudonyms


def _pseudonymiser(interview: Interview) -> tuple[Any, list[str]]:
    stored = PseudonymMap.objects.filter(interview=interview).first()
    if stored is None or not stored.mapping:
        return Pseudonymiser(interview.language), []
    return Pseudonymiser(interview.language, mapping=stored.mapping), list(stored.kept or [])


def _save_pseudonymiser(interview: Interview, pseudonymiser: Any, kept: list[str]) -> None:
    PseudonymMap.objects.update_or_create(  # type: ignore[misc]
        interview=interview, defaults={"mapping": pseudonymiser.to_dict(), "kept": sorted(set(kept))}
    )


def _themes_of(texts: list[str], interview: Interview) -> list[tuple[list[dict[str, Any]], str]]:
    """Themes and kind per text; when classifying fails, no themes (and the kind "experience") rather than no
    mirror: the leaver's statements matter more than their labels."""
    # deferred: scikit-learn takes seconds to load; only work that classifies pays for it (not every command)
    from spiegel.language.classify import classify_many

    try:
        classified = classify_many(texts, interview.language)
    except Exception as exc:
        log_failure(log, "classifying the statements", interview.id, exc)
        return [([], "experience") for _ in texts]
    return [
        ([{"id": t.id, "polarity": t.polarity, "confidence": t.confidence} for t in c.themes], c.kind)
        for c in classified
    ]


def _drafts(interview: Interview, answers: list[dict[str, Any]], pseudonymiser: Any, kept: list[str]) -> list[Any]:
    """The statements of ``answers``; when drafting fails, answer by answer, and an answer that still fails
    gives no statement (it is never shown unpseudonymised) while the others are kept."""
    try:
        return statement_drafting.draft_statements(answers, pseudonymiser, keep=kept)
    except Exception as exc:
        log_failure(log, "drafting the statements", interview.id, exc)
    drafts: list[Any] = []
    for index, answer in enumerate(answers):
        only = [answer if n == index else {**a, "text": ""} for n, a in enumerate(answers)]
        try:
            drafts += statement_drafting.draft_statements(only, pseudonymiser, keep=kept)
        except Exception as exc:
            log_failure(log, f"drafting the statements of answer {index}", interview.id, exc)
    return drafts


# ------------------------------------------------------------------------------------------ the mirror


def prepare_mirror(interview: Interview) -> int:
    """Split the closed conversation's answers into pseudonymised, classified statements. Returns how many.

    The statements are drafted and classified without holding the case's lock (that work is slow, and on
    SQLite a lock blocks every other write); they are stored under the lock, only if the case is still in
    review and has no statements yet. Idempotent: a case that already has statements, or is not in review, is
    left alone, and two runs at once store one set.
    """
    if interview.status != Status.REVIEW or Statement.objects.filter(interview=interview).exists():
        return 0
    answers = answers_of(interview)
    messages = list(Message.objects.filter(interview=interview).order_by("seq"))
    leaver_seqs = [m.seq for m in messages if m.role == MessageRole.LEAVER]
    if not answers:
        # No engine state (a human-led conversation): every leaver message is an answer without a topic.
        answers = [{"topic": None, "phase": "", "text": m.text} for m in messages if m.role == MessageRole.LEAVER]
    # The engine appends one answer per leaver message; only then can a statement point into the transcript.
    aligned = len(answers) == len(leaver_seqs)
    if aligned:
        # The question each answer replied to: it gives a short answer its context in the statement.
        asked = _questions(messages)
        answers = [{**a, "question": q} for a, q in zip(answers, asked, strict=True)]
    statements, pseudonymiser, kept = _draft_statement_rows(interview, answers, leaver_seqs if aligned else None)
    with transaction.atomic():
        locked = lock(interview)
        if locked.status != Status.REVIEW or Statement.objects.filter(interview=locked).exists():
            return 0  # withdrawn meanwhile, or prepared by another request
        Statement.objects.bulk_create(statements)
        _save_pseudonymiser(locked, pseudonymiser, kept)
    return len(statements)


def store_statements(interview: Interview, answers: list[dict[str, Any]], seqs: list[int] | None = None) -> int:
    """Turn ``answers`` ({"topic", "phase", "text"}, optionally "question") into the case's pseudonymised,
    classified statements, as the mirror does for every conversation; ``seqs`` are the transcript messages the
    answers are, where they are messages. Returns how many. Call inside a transaction holding the case."""
    statements, pseudonymiser, kept = _draft_statement_rows(interview, answers, seqs)
    Statement.objects.bulk_create(statements)
    _save_pseudonymiser(interview, pseudonymiser, kept)
    return len(statements)


def _draft_statement_rows(
    interview: Interview, answers: list[dict[str, Any]], seqs: list[int] | None
) -> tuple[list[Statement], Any, list[str]]:
    """The statements of ``answers``, drafted, pseudonymised and classified but not saved (slow work that
    needs no lock), with the pseudonymiser and the words kept, to be saved with them."""
    aligned = seqs is not None
    leaver_seqs = seqs or []
    pseudonymiser, kept = _pseudonymiser(interview)
    drafts = _drafts(interview, answers, pseudonymiser, kept)
    classified = _themes_of([d.text for d in drafts], interview)
    statements = [
        Statement(  # type: ignore[misc]
            interview=interview,
            seq=n,
            topic=draft.topic or "",
            phase=draft.phase,
            text=draft.text,
            themes=themes,
            kind=kind,
            replacements=[r.to_dict() for r in draft.replacements],
            visibility=_visibility(answers, draft),
            source_seq=leaver_seqs[draft.answer_index] if aligned else None,
            source_start=draft.start if aligned else None,
            source_end=draft.end if aligned else None,
            sources=[
                {
                    "seq": leaver_seqs[src.answer_index] if aligned else None,
                    "start": src.start,
                    "end": src.end,
                    "words": src.words,
                }
                for src in draft.sources
            ],
        )
        for n, (draft, (themes, kind)) in enumerate(zip(drafts, classified, strict=True), start=1)
    ]
    return statements, pseudonymiser, kept


def _visibility(answers: list[dict[str, Any]], draft: Any) -> str:
    """Private when the leaver asked in the conversation to take out an answer it comes from (the engine marks
    that answer ``"visibility": "private"``); else the default. The leaver can still change it in the mirror."""
    indexes = {draft.answer_index, *(src.answer_index for src in draft.sources)}
    taken_out = any(answers[i].get("visibility") == Visibility.PRIVATE for i in indexes if 0 <= i < len(answers))
    return Visibility.PRIVATE if taken_out else Visibility.ANONYMOUS


def _questions(messages: list[Message]) -> list[str]:
    """Per leaver message, the interviewer's words since the previous leaver message."""
    asked: list[str] = []
    pending: list[str] = []
    for message in messages:
        if message.role == MessageRole.LEAVER:
            asked.append("\n".join(pending))
            pending = []
        else:
            pending.append(message.text)
    return asked


@dataclass(frozen=True)
class Decision:
    """The leaver's choice for one statement. `text` None keeps the wording; `restore` lists placeholders
    to turn back into the original words (they were not people)."""

    id: str
    visibility: str | None = None
    text: str | None = None
    delete: bool | None = None
    restore: Sequence[str] = field(default_factory=tuple)


def _validation(errors: dict[str, list[str]]) -> ValidationError:
    return ValidationError(dict(errors))


def _apply(statement: Statement, decision: Decision, pseudonymiser: Any, kept: list[str]) -> list[str]:
    """Apply one decision to a statement in memory; returns error messages (nothing is saved on errors)."""
    errors: list[str] = []
    text = statement.text
    replacements = [Replacement(**r) for r in statement.replacements or []]
    changed_text = False
    for placeholder in decision.restore:
        found = next((r for r in replacements if r.placeholder == placeholder and r.kind == "person"), None)
        if found is None or placeholder not in text:
            errors.append(_("There is no replaced name %(p)s to restore in this statement.") % {"p": placeholder})
            continue
        text = restore(text, found)
        replacements.remove(found)
        kept.append(found.original)
        changed_text = True
    if decision.text is not None and decision.text.strip() != statement.text:
        text = decision.text.strip()
        changed_text = True
    if changed_text:
        if not text:
            errors.append(_("A statement cannot be empty; delete it instead."))
        elif len(text) > MAX_STATEMENT_CHARS:
            errors.append(_("A statement may be at most %(max)s characters.") % {"max": MAX_STATEMENT_CHARS})
        else:
            # The corrected words are pseudonymised again: a name typed in a correction is replaced too.
            text, added = repseudonymise(text, pseudonymiser, keep=kept)
            known = {(r.placeholder, r.original) for r in replacements}
            replacements += [r for r in added if (r.placeholder, r.original) not in known]
            statement.text = text
            statement.replacements = [r.to_dict() for r in replacements]
            statement.edited = True
    if decision.delete is not None:
        statement.removed = decision.delete
    if decision.visibility is not None:
        if decision.visibility not in Visibility.values:
            errors.append(_("Visibility must be attributed, anonymous or private."))
        else:
            statement.visibility = decision.visibility
    return errors


def _reclassify(statements: Iterable[Statement], interview: Interview) -> None:
    changed = list(statements)
    if changed:
        for statement, (themes, kind) in zip(changed, _themes_of([s.text for s in changed], interview), strict=True):
            statement.themes = themes
            statement.kind = kind


def _check_special_category(statement: Statement) -> list[str]:
    """Health is never shared linked to the case. A statement that is plainly about health stays locked; one
    that was filed under health on weaker signs ("we komen erop terug", "fysiek op kantoor") is the leaver's
    call: choosing to share it with the case says it is not about their health, and the health theme goes."""
    if statement.visibility != Visibility.ATTRIBUTED or not statement.special_category or statement.removed:
        return []
    if statement.health_locked:
        return [_("Statements about health are never linked to your case; choose share anonymously or keep private.")]
    statement.themes = [t for t in statement.themes or [] if str(t["id"]) not in SPECIAL_CATEGORY_THEMES]
    return []


def _apply_decisions(interview: Interview, decisions: Sequence[Decision]) -> list[Statement]:
    statements = {str(s.id): s for s in Statement.objects.filter(interview=interview).order_by("seq")}
    pseudonymiser, kept = _pseudonymiser(interview)
    errors: dict[str, list[str]] = {}
    edited: list[Statement] = []
    seen: set[str] = set()
    for decision in decisions:
        statement = statements.get(str(decision.id))
        if statement is None or decision.id in seen:
            errors.setdefault(str(decision.id), []).append(_("Unknown or repeated statement."))
            continue
        seen.add(decision.id)
        before = statement.text
        problems = _apply(statement, decision, pseudonymiser, kept)
        if problems:
            errors.setdefault(str(decision.id), []).extend(problems)
        elif statement.text != before:
            edited.append(statement)
    _reclassify(edited, interview)
    for statement in statements.values():
        problems = _check_special_category(statement)
        if problems:
            errors.setdefault(str(statement.id), []).extend(problems)
    if errors:
        raise _validation(errors)
    for statement in statements.values():
        statement.save()
    _save_pseudonymiser(interview, pseudonymiser, kept)
    return list(statements.values())


def _lock_in_review(interview: Interview) -> Interview:
    locked = lock(interview)
    if locked.status != Status.REVIEW:
        raise ValidationError(_("Only a conversation that has closed and is not yet completed can be reviewed."))
    return locked


@transaction.atomic
def save_decisions(interview: Interview, decisions: Sequence[Decision]) -> list[Statement]:
    """Save the leaver's corrections and choices in the mirror (all or nothing). Returns all statements."""
    locked = _lock_in_review(interview)
    prepare_mirror(locked)
    return _apply_decisions(locked, decisions)


def apply_decisions(locked: Interview, decisions: Sequence[Decision]) -> list[Statement]:
    """Apply corrections to a case's statements under the mirror's rules (all or nothing), whatever its status:
    for the interviewer's own review of the statements drafted from their notes, before the leaver sees them.
    Call inside a transaction holding the case; the caller decides who may."""
    return _apply_decisions(locked, decisions)


@dataclass(frozen=True)
class ClosingAnswers:
    felt_heard: int | None
    recommend_score: int | None
    would_return: str = ""
    comment: str = ""


def validate_closing(closing: ClosingAnswers) -> None:
    errors: dict[str, list[str]] = {}
    if closing.felt_heard is None or not 1 <= closing.felt_heard <= 5:
        errors["felt_heard"] = [_("Choose how heard you felt, from 1 to 5.")]
    if closing.recommend_score is None or not 0 <= closing.recommend_score <= 10:
        errors["recommend_score"] = [_("Choose a score from 0 to 10.")]
    if closing.would_return and closing.would_return not in WouldReturn.values:
        errors["would_return"] = [_("Answer yes, maybe or no.")]
    if len(closing.comment) > MAX_COMMENT_CHARS:
        errors["comment"] = [_("At most %(max)s characters.") % {"max": MAX_COMMENT_CHARS}]
    if errors:
        raise _validation(errors)


def _mask_transcript(interview: Interview, hidden: list[Statement]) -> None:
    """Take the words of private and deleted statements out of the transcript, and any quote of them."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for s in hidden:
        if s.source_seq is not None and s.source_start is not None and s.source_end is not None:
            ranges.setdefault(s.source_seq, []).append((s.source_start, s.source_end))
        for src in s.sources or []:
            if src.get("seq") is not None and (src["start"], src["end"]) not in ranges.get(src["seq"], []):
                ranges.setdefault(int(src["seq"]), []).append((int(src["start"]), int(src["end"])))
    mask_transcript(interview, ranges)


def tally_of(statements: Iterable[Statement]) -> Counter[tuple[str, str]]:
    """(theme, polarity) → number of shared statements carrying it."""
    counts: Counter[tuple[str, str]] = Counter()
    for s in statements:
        if s.removed or s.visibility == Visibility.PRIVATE:
            continue
        for theme in s.themes or []:
            counts[(str(theme["id"]), str(theme["polarity"]))] += 1
    return counts


def receipt_url(token: str) -> str:
    """The link that opens the leaver's record after completion."""
    return f"{settings.SPIEGEL_BASE_URL}/r/{token}/"


def _new_receipt_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits; only its keyed hash is stored


@transaction.atomic
def submit_review(interview: Interview, decisions: Sequence[Decision], closing: ClosingAnswers) -> str:
    """The leaver completes the mirror: decisions and closing answers are saved, private and deleted words leave
    the transcript, the non-textual tally is written, and the case is completed. Returns the receipt token
    (shown only this once). Nothing is saved when anything is invalid."""
    locked = _lock_in_review(interview)
    validate_closing(closing)
    prepare_mirror(locked)
    statements = _apply_decisions(locked, decisions)
    comment = closing.comment.strip()
    if comment:
        pseudonymiser, kept = _pseudonymiser(locked)
        comment, _replaced = repseudonymise(comment, pseudonymiser, keep=kept)
        _save_pseudonymiser(locked, pseudonymiser, kept)
    assert closing.felt_heard is not None and closing.recommend_score is not None  # validated above
    ReviewOutcome.objects.create(
        interview=locked,
        felt_heard=closing.felt_heard,
        recommend_score=closing.recommend_score,
        would_return=closing.would_return,
        comment=comment,
    )
    hidden = [s for s in statements if s.removed or s.visibility == Visibility.PRIVATE]
    _mask_transcript(locked, hidden)
    ThemeTally.objects.bulk_create(
        [
            ThemeTally(interview=locked, theme=theme, polarity=polarity, statements=n)
            for (theme, polarity), n in sorted(tally_of(statements).items())
        ]
    )
    Statement.objects.filter(interview=locked, removed=True).delete()
    # The originals behind placeholders were only needed to undo a wrong replacement, and the leaver's own
    # words beside each statement only to check its wording: neither outlives the mirror.
    for statement in statements:
        if not statement.removed and (statement.replacements or any("words" in x for x in statement.sources or [])):
            statement.replacements = []
            statement.sources = [{k: v for k, v in x.items() if k != "words"} for x in statement.sources or []]
            statement.save(update_fields=["replacements", "sources"])
    token = _new_receipt_token()
    Receipt.objects.update_or_create(interview=locked, defaults={"token_hash": token_digest(token)})
    interview.status = complete_review(locked).status
    return token


@transaction.atomic
def withdraw_record(interview: Interview) -> Interview:
    """The leaver withdraws: everything they said is deleted and their case leaves every aggregate.

    Possible while the conversation runs, in the mirror and after completion. Idempotent.
    """
    locked = lock(interview)
    if locked.status == Status.WITHDRAWN:
        return locked
    withdraw_by_leaver(locked)  # refuses (nothing changed) when the record can no longer be withdrawn
    erase_transcript(locked)
    Statement.objects.filter(interview=locked).delete()
    ThemeTally.objects.filter(interview=locked).delete()
    ReviewOutcome.objects.filter(interview=locked).delete()
    interview.status = locked.status
    return locked


def erase_statements(interview: Interview) -> int:
    """Retention: delete one case's statements and closing comment; tallies and scores stay."""
    deleted = Statement.objects.filter(interview=interview).delete()[0]
    # Encrypted columns cannot be compared: empty the comment whatever it holds.
    ReviewOutcome.objects.filter(interview=interview).update(comment="")
    return int(deleted)
