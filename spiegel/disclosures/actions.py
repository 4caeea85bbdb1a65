"""Every write of a disclosure: recording what the conversation flagged, and the practice's follow-up."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from spiegel.copilot.models import HumanConversation
from spiegel.disclosures.models import (
    Disclosure,
    DisclosureKind,
    DisclosureSource,
    FollowUpStatus,
    WishRecordedBy,
)
from spiegel.interviews.models import Conversation, Interview, Message, MessageRole, Status
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_case_event
from spiegel.privacy.failures import log_failure

log = logging.getLogger(__name__)

NOTE_MAX = 2000
WISH_MAX = 1000


@dataclass(frozen=True)
class Found:
    """A disclosure as the engine's state holds it: its kind, the words it was raised on, the leaver's wish."""

    kind: str
    excerpt: str
    wish: str
    # the leaver said it was no disclosure ("dat is een uitdrukking"): nothing for the practice to follow up
    withdrawn: bool = False


def found_in_state(state: dict[str, Any] | None) -> list[Found]:
    """The disclosures an engine state flagged, in order, each with the answer the leaver gave to "what would
    you like done with it?" (the answer given while the engine was in its disclosure phase), if any."""
    if not state:
        return []
    answers = [a for a in state.get("answers", []) if isinstance(a, dict)]
    found = []
    for flag in state.get("flags", []):
        if not isinstance(flag, dict) or flag.get("kind") != "disclosure":
            continue
        kind = str(flag.get("topic") or "")
        excerpt = str(flag.get("excerpt") or "")
        kind = kind if kind in DisclosureKind.values else DisclosureKind.OTHER
        if flag.get("withdrawn"):  # kept in its place, so that the positions of the others stay the same
            found.append(Found(kind, excerpt, "", withdrawn=True))
            continue
        found.append(Found(kind, excerpt, _wish(answers, excerpt)))
    return found


def _wish(answers: list[dict[str, Any]], excerpt: str) -> str:
    probe = excerpt.strip()[:60]
    if not probe:
        return ""
    for i, answer in enumerate(answers):
        if probe in str(answer.get("text", "")):
            later = [a for a in answers[i + 1 :] if a.get("phase") == "disclosure"]
            return str(later[0].get("text", "")).strip()[:WISH_MAX] if later else ""
    return ""


def store_disclosures(interview: Interview, source: str, found: list[Found]) -> list[Disclosure]:
    """Record each flagged disclosure of the case once (by its position among the source's flags), and the
    leaver's wish once they gave it; a flag the leaver withdrew in the conversation is never recorded, and its
    record, made before they withdrew it, is taken back while nobody has followed it up. Returns the
    disclosures recorded or completed now. Idempotent."""
    if not found or interview.status == Status.WITHDRAWN:
        return []
    existing = {d.position: d for d in Disclosure.objects.filter(interview=interview, source=source)}
    changed: list[Disclosure] = []
    for position, item in enumerate(found):
        row = existing.get(position)
        if item.withdrawn:
            if row is not None and _untouched(row):
                row.delete()
            continue
        if row is None:
            row = _create(interview, source, position, item)
            if row is not None:
                changed.append(row)
        elif item.wish and not row.wish and row.wish_recorded_by == WishRecordedBy.NOBODY:
            row.wish, row.wish_recorded_by = item.wish, WishRecordedBy.LEAVER
            row.save(update_fields=["wish", "wish_recorded_by", "updated_at"])
            changed.append(row)
    return changed


def _untouched(row: Disclosure) -> bool:
    """Nobody of the practice has followed it up yet (a withdrawn flag's record then goes)."""
    return row.status == FollowUpStatus.OPEN and not row.note and row.updated_by_id is None


def _create(interview: Interview, source: str, position: int, item: Found) -> Disclosure | None:
    try:
        with transaction.atomic():
            return Disclosure.objects.create(
                interview=interview,
                source=source,
                position=position,
                kind=item.kind,
                excerpt=item.excerpt,
                source_seq=_source_seq(interview, item.excerpt) if source == DisclosureSource.CONVERSATION else None,
                wish=item.wish,
                wish_recorded_by=WishRecordedBy.LEAVER if item.wish else WishRecordedBy.NOBODY,
            )
    except IntegrityError:  # recorded meanwhile by the same turn's other path
        return None


def _source_seq(interview: Interview, excerpt: str) -> int | None:
    probe = excerpt.strip()[:60]
    if not probe:
        return None
    for message in Message.objects.filter(interview=interview, role=MessageRole.LEAVER).order_by("seq"):
        if probe in message.text:
            return int(message.seq)
    return None


def store_from_conversation(interview_id: Any) -> None:
    """Record the disclosures the engine flagged in this case's conversation (Spiegel's interviewer)."""
    conversation = Conversation.objects.filter(interview_id=interview_id).select_related("interview").first()
    if conversation is not None:
        found = found_in_state(conversation.state)
        store_disclosures(conversation.interview, DisclosureSource.CONVERSATION, found)


def store_from_notes(interview_id: Any) -> None:
    """Record the disclosures the co-pilot read in a human-led conversation's notes."""
    human = HumanConversation.objects.filter(interview_id=interview_id).select_related("interview").first()
    if human is not None and isinstance(human.copilot_state, dict):
        found = found_in_state(human.copilot_state.get("state"))
        store_disclosures(human.interview, DisclosureSource.NOTES, found)


def _has_disclosure_flag(state: Any) -> bool:
    return isinstance(state, dict) and any(
        isinstance(f, dict) and f.get("kind") == "disclosure" for f in state.get("flags", [])
    )


def _after_commit(record: Any, interview_id: Any) -> None:
    def run() -> None:
        try:
            record(interview_id)
        except Exception as exc:  # the turn stands; the case page records them again when it is opened
            log_failure(log, "recording disclosures", interview_id, exc)

    transaction.on_commit(run)


def store_after_conversation_turn(sender: Any, instance: Conversation, **kwargs: Any) -> None:
    """Receiver of the conversation's `post_save`: a state with a disclosure flag is recorded after commit."""
    if _has_disclosure_flag(instance.state):
        _after_commit(store_from_conversation, instance.interview_id)


def store_after_copilot_reading(sender: Any, instance: HumanConversation, **kwargs: Any) -> None:
    """Receiver of the human-led conversation's `post_save`: the co-pilot's reading of the notes flagged a
    disclosure."""
    state = instance.copilot_state.get("state") if isinstance(instance.copilot_state, dict) else None
    if _has_disclosure_flag(state):
        _after_commit(store_from_notes, instance.interview_id)


def store_for_case(interview: Interview) -> None:
    """Record what either source flagged (idempotent): the case page does it again before it shows them."""
    if interview.flagged:
        store_from_conversation(interview.pk)
        store_from_notes(interview.pk)


@transaction.atomic
def follow_up(actor: Actor, disclosure: Disclosure, *, status: str, note: str, wish: str | None = None) -> Disclosure:
    """Change a disclosure's follow-up status and note, and record the leaver's wish where the conversation
    did not. Audited (the detail says what changed, never the note's words). Raises ``ValidationError`` for an
    unknown status or a note or wish that is too long; then nothing changes."""
    if status not in FollowUpStatus.values:
        raise ValidationError({"status": _("Choose one of the follow-up statuses.")})
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("The note is too long (at most %(n)s characters).") % {"n": NOTE_MAX}})
    locked = Disclosure.objects.select_for_update().select_related("interview__organisation").get(pk=disclosure.pk)
    fields: list[str] = []
    detail: dict[str, Any] = {"disclosure": str(locked.pk), "kind": locked.kind}
    if status != locked.status:
        detail |= {"from": locked.status, "to": status}
        locked.status = status
        fields.append("status")
    if note != locked.note:
        detail["note"] = "changed" if note else "removed"
        locked.note = note
        fields.append("note")
    if wish is not None and locked.wish_recorded_by != WishRecordedBy.LEAVER:
        wish = wish.strip()
        if len(wish) > WISH_MAX:
            raise ValidationError({"wish": _("Too long (at most %(n)s characters).") % {"n": WISH_MAX}})
        if wish != locked.wish:
            detail["wish"] = "recorded" if wish else "removed"
            locked.wish = wish
            locked.wish_recorded_by = WishRecordedBy.PRACTITIONER if wish else WishRecordedBy.NOBODY
            fields += ["wish", "wish_recorded_by"]
    if not fields:
        return locked
    locked.updated_by = actor.user
    locked.save(update_fields=[*fields, "updated_by", "updated_at"])
    log_case_event(actor, "disclosure.followed_up", locked.interview, detail)
    return locked


def erase_disclosure_words(interview: Interview) -> int:
    """Delete the leaver's words and wish from the case's disclosures (with the transcript, at retention and on
    withdrawal); the kind, the follow-up status and the practitioner's note stay. Returns how many."""
    return int(Disclosure.objects.filter(interview=interview).update(excerpt="", wish="", source_seq=None))


def erase_words_of_withdrawn(sender: Any, instance: Interview, **kwargs: Any) -> None:
    """Receiver of the case's `post_save`: once a case is withdrawn, the leaver's words and wish go from its
    disclosures (the kind, the status and the practitioner's note stay for the practice's follow-up)."""
    if instance.status == Status.WITHDRAWN:
        erase_disclosure_words(instance)
