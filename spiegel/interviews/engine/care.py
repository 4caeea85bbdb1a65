"""Care for the leaver: distress met on its first clear sign, and a serious disclosure met in proportion.

Distress gets one warm sentence, the offer of a pause and a check-in, once; a later sign of distress is
acknowledged warmly without the same check-in and without a probe. A serious disclosure gets an
acknowledgement that it is serious, what happens with it (nothing goes to the organisation without the
leaver's consent; the practice's adviser can go through it with them) and the options that fit its kind;
where the organisation itself is implicated, or the leaver does not trust its procedure, the options are
outside the organisation. Only the incident is closed to probing: its theme and the people in it stay open.
When the leaver says the disclosed matter is the real reason they leave, it becomes the main reason, named
in neutral words in the summary (docs/interviewing.md, "Triggers and what they call for").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spiegel.language.cues import AnswerSignals
from spiegel.language.understanding import Understanding

from .bereavement import condolence, own_loss
from .care_words import (
    care,
    distrusts_procedure,
    implicates_organisation,
    independent_option,
    names_real_reason,
    sounds_pleasant,
    summary_matter,
)
from .checks import _said_sentences, normalise, sentences
from .fit import about_care, weighed_most
from .navigation import DISCLOSURE_THEME
from .state import CLOSING_PHASES, ConversationState, Move
from .story import StoryThreads
from .wishes import read_wish, said_back
from .withdrawals import read_withdrawal
from .wording import word_list, wording

# Moves after which "that's the real reason" is about the disclosed matter.
AFTER_DISCLOSURE = frozenset({"disclosure", "after_disclosure", "disclosure_again", "disclosure_more"})


def unsaid(s: ConversationState, parts: list[str]) -> str:
    """The parts of a note joined, without any sentence the interviewer said before (never repeat one)."""
    said = {x for message in s.said for x in _said_sentences(message)}
    kept = [p for p in parts if p and not any(normalise(x) in said for x in sentences(p))]
    return " ".join(kept)


class Care(StoryThreads):
    """Distress and serious disclosures: what the interviewer says, and what it never asks."""

    # ------------------------------------------------------------------------------------------- distress

    def _check_in(self, s: ConversationState, cur: str | None) -> Move:
        """Distress: one warm sentence, a check-in and the offer of a pause; the topic is not probed further."""
        self._leave_for_care(s, cur)
        if s.phase not in ("check_in", "disclosure"):
            s.resume_phase = s.phase
        s.phase = "check_in"
        s.current_topic = None
        return Move("check_in", topic=None, language=self.language, preface="distress_ack")

    def _distress_again(self, s: ConversationState, sig: AnswerSignals, cur: str | None) -> Move:
        """A later sign of distress: acknowledged warmly, a pause offered, and no second check-in or probe."""
        self._leave_for_care(s, cur)
        if s.phase in ("check_in", "disclosure"):
            s.phase = s.resume_phase or "guide"
            s.resume_phase = None
        if s.phase in CLOSING_PHASES:
            return self._closing_next(s, sig, preface="distress", ack_kind="check_in_ack", allow_follow_up=False)
        return self._next(s, preface="distress", ack_kind="check_in_ack")

    def _bereaved(self, s: ConversationState, sig: AnswerSignals, text: str, cur: str | None) -> Move | None:
        """A death told of: a brief condolence naming who died, then the check-in and the offer of a pause (or,
        after a check-in before, the warm acknowledgement); never a question about how it came about."""
        said = condolence(text, self.language)
        if said is None:
            return None
        told = s.phase in ("opening", "story") and (s.main_reason is None or s.main_reason_pull)
        if told and own_loss(text, self.language):
            # a loss of their own, told as why they leave: the main reason, only named ("your personal situation")
            s.main_reason, s.main_reason_words, s.main_reason_pull = "personal", None, False
        move = self._distress_again(s, sig, cur) if self._checked_in_before(s) else self._check_in(s, cur)
        preface = None if move.kind == "check_in" else move.preface
        return replace(move, note=unsaid(s, [said, move.note or ""]) or move.note, preface=preface)

    def _stay_with_care(self, s: ConversationState, sig: AnswerSignals) -> Move | None:
        """After the check-in on a loss, grief or sick leave that weighed most ("mijn vader overleed, dat woog het
        zwaarst"), the next question stays with it once: what that time was like at work, never its cause."""
        # what was told before the check-in (a tear or a pause in between is no part of it)
        before = [a for a in s.answers[:-1] if a["phase"] != "check_in"]
        if "that_period" in s.asked_probes or sig.refusal is not None or sig.nothing_more or not before:
            return None
        told = before[-1]
        text = str(told["text"] or "")
        if not about_care(text) or not (weighed_most(text) or told.get("phase") in ("opening", "story")):
            return None
        s.asked_probes.append("that_period")
        return Move(
            "check_in_ack",
            topic=None,
            probe="that_period",
            target="follow_up",
            preface="after_check_in",
            language=self.language,
        )

    def _leave_for_care(self, s: ConversationState, cur: str | None) -> None:
        if cur is not None and s.topic(cur).status == "active":
            s.topic(cur).status = "covered"
        s.threads = [t for t in s.threads if t["topic"] != cur]

    def _checked_in_before(self, s: ConversationState) -> bool:
        return s.phase == "check_in" or any(f.kind == "distress" for f in s.flags)

    def _pleasant_moment(self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str) -> bool:
        """A pleasant moment told as the example asked for (a farewell card, a kind word): its "effect" or
        "cause" is not asked."""
        if u.sarcasm or sig.negative or sig.distress or u.distress or not sounds_pleasant(text, self.language):
            return False
        if any(w in word_list("negators") for w in re.findall(r"[\w']+", text.lower())):
            return False  # "no card, nobody said a word": not a pleasant moment
        # the answer to "which example / moment?": a pleasant one is not asked for its effect or cause
        last = s.last_move
        return last is not None and last.probe in ("example", "moment", "recent")

    # ----------------------------------------------------------------------------------------- disclosure

    def _disclosure_note(self, s: ConversationState, kind: str, text: str) -> str:
        """It is serious; what happens with it; the options that fit its kind, outside the organisation where
        the organisation itself is implicated; the organisation's own contact only where it is not."""
        lang = self.language
        data, own = wording(lang)["disclosure"], care(lang)
        said = " ".join(s.said)
        ack = next((a for a in own["serious_ack"] if a not in said), own["serious_ack"][0])
        defaults = wording(lang).get("meta_defaults", {})
        consent = str(own["consent"]).format(
            organisation=self.context.organisation or str(defaults.get("organisation_lower", "")),
            holder=self.context.practice or str(defaults.get("holder", "Spiegel")),
        )
        if implicates_organisation(text, lang) or distrusts_procedure(text, lang):
            return unsaid(s, [ack, consent, str(own["implicated_lead"]), independent_option(kind, text, lang)])
        procedure = self.context.reporting_procedure or data["procedure_default"]
        option = str(data["options"].get(kind, data["options"]["harassment"])).format(procedure=procedure)
        parts = [ack, consent, option]
        if self.context.contact:
            parts.append(str(data["contact"]).format(contact=self.context.contact))
        return unsaid(s, parts)

    def _disclosure_more(self, s: ConversationState, sig: AnswerSignals, text: str, kind: str) -> Move:
        """Another incident of a kind already disclosed: recorded as its own, acknowledged, never probed; the
        options were given already."""
        cur = s.current_topic
        self._store_disclosure(s, sig, text, kind, cur)
        s.current_topic = None
        parts = [str(care(self.language)["disclosure_more"])]
        if implicates_organisation(text, self.language):
            parts.append(self._independent(s, kind, text))
        return replace(self._next(s), note=unsaid(s, parts) or None)

    def _independent(self, s: ConversationState, kind: str, text: str) -> str:
        """The channel outside the organisation, chosen by what the incident was about (its own words and
        this answer), or a pointer back to it when a channel was named already."""
        options = care(self.language)["independent"].values()
        if any(str(option) in said for option in options for said in s.said):
            return str(care(self.language)["independent_again"])
        incident = " ".join(s.incidents[-1]) if s.incidents else ""
        return independent_option(kind, f"{incident} {text}", self.language)

    def _wish_note(self, s: ConversationState, text: str) -> str:
        """What the answer to "what would you like done with it?" calls for beyond thanks: an independent
        channel when the leaver does not trust the organisation's own; the main reason when they say so."""
        lang = self.language
        kind = s.disclosed_kinds[-1] if s.disclosed_kinds else "harassment"
        notes: list[str] = []
        wish = read_wish(text, lang)
        if s.answers and s.answers[-1].get("text") == text:
            s.answers[-1].update(wish_kind=wish.kind, wish_to=wish.to)  # for the practitioner, with the words
        if wish.kind in ("anonymous", "named", "report"):
            notes.append(said_back(wish, lang, self._holder()))  # "niet met mijn naam" is no refusal to report
            if distrusts_procedure(text, lang):
                notes += [str(care(lang)["distrust_ack"]), self._independent(s, kind, text)]
        elif wish.kind == "none" or read_withdrawal(text, lang) is not None:
            notes.append(self._declined_note())  # their wish is the answer: no other channel is pressed on them
        elif distrusts_procedure(text, lang) or implicates_organisation(text, lang):
            notes += [str(care(lang)["distrust_ack"]), self._independent(s, kind, text)]
        if names_real_reason(text, lang):
            notes.append(self._take_real_reason(s, kind))
        return unsaid(s, notes)

    def _declined_note(self) -> str:
        """The leaver does not want it taken further: confirmed, with what really happens with it (the flag and
        their wish go to the practice; the organisation never sees their words about it; the mirror can keep it
        private)."""
        return str(care(self.language)["declined"]).format(holder=self._holder())

    def _holder(self) -> str:
        defaults = wording(self.language).get("meta_defaults", {})
        return self.context.practice or str(defaults.get("holder", "Spiegel"))

    def _take_real_reason(self, s: ConversationState, kind: str) -> str:
        """The disclosed matter is why the leaver goes: the main reason, in neutral words they can correct."""
        s.main_reason = DISCLOSURE_THEME.get(kind, "culture")
        s.main_reason_words = summary_matter(kind, self.language)
        s.main_reason_pull = False
        return str(care(self.language)["real_reason_ack"])

    def _real_reason_after_disclosure(self, s: ConversationState, text: str, returning: bool) -> bool:
        """ "That's the real reason", said of the disclosed matter (just after it, or returning to it)."""
        if not s.disclosed_kinds or not names_real_reason(text, self.language):
            return False
        last = s.last_move
        just_after = any(a["phase"] == "disclosure" for a in s.answers[-3:-1])  # the wish, one or two turns ago
        return (
            returning
            or just_after
            or (last is not None and (last.kind in AFTER_DISCLOSURE or last.preface in AFTER_DISCLOSURE))
        )

    def _after_disclosure_wish(self, s: ConversationState, sig: AnswerSignals, text: str) -> Move:
        """The leaver's wish is recorded; back to where we were, with what the wish calls for."""
        s.disclosure_wishes.append(text)
        s.phase = s.resume_phase or "guide"
        s.resume_phase = None
        note = self._wish_note(s, text)
        preface = None if note else "after_disclosure"
        if s.phase in CLOSING_PHASES:
            move = self._closing_next(s, sig, preface=preface)
        else:
            move = self._next(s, preface=preface)
        return replace(move, note=note) if note else move

    def _real_reason_move(self, s: ConversationState, sig: AnswerSignals) -> Move:
        """ "That is the real reason" after a disclosure: acknowledged as the main reason; nothing probed."""
        kind = s.disclosed_kinds[-1]
        note = self._take_real_reason(s, kind)
        cur = s.current_topic
        if cur is not None and s.topic(cur).status == "active":
            s.topic(cur).status = "covered"
        move = self._closing_next(s, sig) if s.phase in CLOSING_PHASES else self._next(s)
        return replace(move, note=unsaid(s, [note]) or None)
