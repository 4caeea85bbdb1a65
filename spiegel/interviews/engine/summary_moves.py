"""The leaver's answer to the closing summary: confirmed, corrected, added to, or a point taken out.

A correction re-ranks (what the leaver names as the main thing comes first), rejects (a point the leaver says was
not it is dropped) and adds (a point in plain words, or "what you said about ..."); the changed summary is read
back and asked about again. The interview closes after a yes, or after a second correction has been applied and
read back ("Ik noteer het zo: ..."). What the answer says is read in ``summary_control.py``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spiegel.language.cues import AnswerSignals, analyse_answer
from spiegel.language.understanding import Understanding

from .navigation import HARD_TURN_CAP, _add
from .policy import TurnPolicy
from .requests import SummaryRemark, names_nothing, read_request
from .state import ConversationState, Move
from .summary_control import (
    added_point,
    agrees,
    asks_removal,
    bare_no,
    confirms,
    left_out,
    point_named,
    rejecting_clauses,
)
from .summary_words import good_thing, said_back_fits
from .summary_words import point as summary_point
from .withdrawals import in_your_words
from .wording import is_clause, options, text


class SummaryMoves(TurnPolicy):
    """The turn policy with the leaver's answers to the closing summary honoured."""

    def _summary_answered(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, move: Move, text: str, before: list[str]
    ) -> Move:
        """What follows the leaver's answer at the summary (``move`` as the rest of the policy decided it)."""
        if move.kind != "close":
            return move
        unread = not move.note and s.summary_points == before and not (confirms(text, self.language) or agrees(text))
        if unread and (u.raised or s.interviewer_turns >= HARD_TURN_CAP - 1):
            # "nee, het salaris" (read as "nothing more"), or a correction in the last message the cap allows: the
            # correction is still applied, never lost
            read = u if u.kind in ("answer", "correction") else replace(u, kind="correction")
            move = self._closing_next(s, sig, u=read)
        removed = self._rejected(s, text)
        if not removed and asks_removal(text, self.language):
            return self._removal_asked(s, move, text, before)
        note = " ".join(n for n in (move.note, removed) if n)
        changed = s.summary_points != before
        asked_yes_no = s.summary_read_backs > 0
        missing_asked = s.last_move is not None and s.last_move.kind == "summary_missing"
        if not changed and not note and bare_no(text) and asked_yes_no and not missing_asked:
            # "nee" to "klopt het zo?": what should change is asked, once
            return Move("summary_missing", language=self.language, question=self._say(s, "summary_missing"))
        if not changed and not removed and agrees(text):
            return replace(move, note=None)  # "ja, klopt, de werkdruk was het belangrijkste": nothing changed
        request = read_request(text, self.language)
        if request is not None and request.kind in ("stop", "wrap_up"):
            return move  # "kunnen we afronden?" at the summary: the close
        if not changed and not note and (confirms(text, self.language) or agrees(text) or s.closed):
            return move  # "ja, zo klopt het", or "nee" to "what would you change?": the close
        if not changed and not note:
            # something the interviewer cannot place: added modestly, never ignored
            point = added_point(None, self.language)
            s.summary_points = [*s.summary_points, point]  # never pushes out a point the leaver gave
            note = self._say(s, "summary_added_also").format(point=point)
        if not asked_yes_no and s.interviewer_turns < HARD_TURN_CAP:
            return self._summary_check(s, note)  # the corrected summary said back and asked about again
        final = self._read_back(s, "summary_final")
        return replace(move, note=" ".join(n for n in (note, final) if n))

    def _removal_asked(self, s: ConversationState, move: Move, text: str, before: list[str]) -> Move:
        """ "Het slapen moet eruit": the points it names are taken out; when none is in the summary, that is
        said truthfully and nothing is added (a removal is never read as an addition)."""
        s.summary_points = list(before)
        taken = self._remove_points(s, self._themes(text))
        if taken:
            note = self._say(s, "summary_removed").format(point=self._joined(taken))
        else:
            note = self._say(s, "summary_not_in")
        if s.summary_read_backs == 0 and s.interviewer_turns < HARD_TURN_CAP:
            return self._summary_check(s, note)
        final = self._read_back(s, "summary_final")
        return replace(move, note=" ".join(n for n in (note, final) if n))

    def _rejected(self, s: ConversationState, text: str) -> str:
        """ "Het ging niet om mijn persoonlijke situatie": the points the leaver says were not it are taken out of
        the summary (and stay out); what to say about it, or ""."""
        removed: list[str] = []
        for clause in rejecting_clauses(text, self.language):
            themes = self._themes(clause)
            for point in list(s.summary_points):
                if point_named(point, clause) or self._on_themes(point, themes):
                    s.summary_points.remove(point)
                    removed.append(_plain_point(point))
            for theme in themes:
                _add(s.topic(theme).known, "ruled_out")
                if s.main_reason == theme:
                    s.main_reason, s.main_reason_words = None, None
        if not removed:
            return ""
        return self._say(s, "summary_removed").format(point=self._joined(removed))

    def _joined(self, items: list[str]) -> str:
        """ "a", "a and b", "a, b and c" in the conversation's language."""
        joiner = text(self.language, "list_and")
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + joiner + items[-1]

    def _say(self, s: ConversationState, key: str) -> str:
        """The first wording of ``requests.<key>`` not said before in this conversation."""
        found = options(self.language, "requests", key)
        said = " ".join(s.said)
        return next((o for o in found if o not in said), found[0] if found else "")

    def _summary_remarked(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, remark: SummaryRemark
    ) -> Move | None:
        """A point that was fine after all is taken out; something missing is asked for, or put first."""
        if remark.kind == "fine":
            return self._summary_fine(s, sig, u, remark.sentence)
        removed = self._remove_points(s, self._themes(remark.fine)) if remark.fine else []
        taken_out = self._say(s, "summary_removed").format(point=removed[0]) if removed else ""
        if (
            remark.rest.strip()
            or self._names_something(remark.sentence)
            or not names_nothing(left_out(remark.sentence, self.language) or "het")
        ):
            move = self._summary_completed(s, u, remark.rest or remark.sentence)
        else:
            s.phase = "summary"
            move = Move("summary_missing", language=self.language, question=self._say(s, "summary_missing"))
        return replace(move, note=" ".join(n for n in (taken_out, move.note) if n) or None)

    def _summary_check(self, s: ConversationState, note: str) -> Move:
        """After a correction of the summary: what changed, the corrected summary in one sentence, and whether it
        is right now (asked once; the next answer closes, a further correction taken in)."""
        s.phase = "summary"
        s.summary_read_backs += 1
        read_back = self._read_back(s, "summary_read_back")
        question = " ".join(p for p in (read_back, self._say(s, "summary_check")) if p)
        return Move("summary_check", language=self.language, question=question, note=note)

    def _read_back(self, s: ConversationState, key: str) -> str:
        """The summary as it now stands, in one sentence ("Dan staat er nu: vooral ...; daarnaast ...")."""
        points = list(dict.fromkeys(_plain_point(p) for p in s.summary_points if p))
        if not points:
            return ""
        if len(points) == 1:
            return self._say(s, f"{key}_one").format(first=points[0])
        return self._say(s, key).format(first=points[0], others=self._joined(points[1:]))

    def _summary_fine(self, s: ConversationState, sig: AnswerSignals, u: Understanding, subject: str) -> Move | None:
        """ "X was fine after all": X is taken out of the summary and said back; then the close."""
        themes = self._themes(subject)
        removed = self._remove_points(s, themes)
        if not removed:
            return None  # nothing of the summary was named: the correction as usual
        note = self._say(s, "summary_removed").format(point=removed[0])
        if self._corrects_summary(s, u):
            # "... was fine, the problem was Y": Y is put in its place as well, and both are said back
            move = self._closing_next(s, sig, u=u)
            self._remove_points(s, themes)  # (the correction had put the named theme back)
            return replace(move, note=f"{note} {move.note}" if move.note else note)
        s.corrections.append(str(s.answers[-1]["text"] or "")[:300])
        return Move("close", language=self.language, question=self.guide.closing["thanks"], note=note)

    def _themes(self, words: str) -> set[str]:
        return {m.theme for m in analyse_answer(words, self.language).mentions}

    def _names_something(self, sentence: str) -> bool:
        """The missing thing is named in the same sentence ("you left out the pay")."""
        return bool(analyse_answer(sentence, self.language).mentions)

    def _summary_completed(self, s: ConversationState, u: Understanding, text: str) -> Move:
        """What was missing goes into the summary and is said back: first when the leaver calls it the main or
        the real reason, else after the main reason ("also the pay", "je bent het salaris vergeten"); the
        leaver's words are never pasted in. Then the close."""
        read = u if u.kind in ("answer", "correction") else replace(u, kind="answer")
        theme, matter = self._corrected_content(s, read, text, set())
        matter = matter if matter is None or is_clause(matter) or said_back_fits(matter) else None
        point = summary_point(self._summary_label(theme), matter) if theme else matter
        what = left_out(text, self.language)
        own = in_your_words(what, self.language) if theme and what else None
        if theme and own and good_thing(own):
            point = summary_point(self._summary_label(theme), own)  # "you forgot the long commute": that commute
        if theme is None and what is not None and not names_nothing(what):
            point = added_point(what, self.language)  # "wat je zei over de dood van je moeder", never "de dood"
        if point is not None and names_nothing(point):
            point = None  # "het belangrijkste": no matter of its own
        if point is None and s.last_move is not None and s.last_move.kind != "summary_missing":
            # said to be missing without saying what: asked once before the close
            s.phase = "summary"
            return Move("summary_missing", language=self.language, question=self._say(s, "summary_missing"))
        s.corrections.append(text.strip()[:300])
        if not point:
            return Move(
                "close",
                language=self.language,
                question=self.guide.closing["thanks"],
                note=self._fresh(s, "prefaces", "summary_corrected"),
            )
        label = self._summary_label(theme) if theme else None
        there = next((p for p in s.summary_points if label and (p == label or p.startswith(f"{label} ("))), None)
        whole = str(s.answers[-1]["text"] or "") if s.answers else text
        if there is not None and there == label and point != label and point not in s.summary_points:
            # "je werktijden en diensten" said more precisely: "je werktijden en diensten (de lange reistijd)"
            s.summary_points = [point if p == there else p for p in s.summary_points]
            there = None
            if not _MAIN_NAMED.search(f"{text} {whole}"):
                note = self._say(s, "summary_added_also").format(point=point)
                return Move("close", language=self.language, question=self.guide.closing["thanks"], note=note)
        if there is not None and (there == s.summary_points[0] or not _MAIN_NAMED.search(f"{text} {whole}")):
            # "de reistijd, zei ik": the point is there already, and is not doubled
            return Move(
                "close",
                language=self.language,
                question=self.guide.closing["thanks"],
                note=self._say(s, "summary_already").format(point=_plain_point(there)),
            )
        point = there or point
        kept = [p for p in s.summary_points if p != point]
        if kept and not _MAIN_NAMED.search(f"{text} {whole}"):
            s.summary_points = [*kept[:3], point]  # an added point comes after the main reason
            note = self._say(s, "summary_added_also").format(point=point)
        else:
            if theme is not None and theme not in s.refused:
                s.main_reason, s.main_reason_words = theme, matter
            s.summary_points = [point, *kept][:4]
            note = self._say(s, "summary_added").format(point=point)  # "...: {point}." fits a phrase or a clause
        return Move("close", language=self.language, question=self.guide.closing["thanks"], note=note)

    def _remove_points(self, s: ConversationState, themes: set[str]) -> list[str]:
        """Take the points on ``themes`` out of the recorded summary; the names of the points taken out."""
        removed: list[str] = []
        for theme in themes:
            names = {self._label(theme), self._summary_label(theme)}
            for point in list(s.summary_points):
                if point in names or any(point.startswith(f"{n} (") for n in names):
                    s.summary_points.remove(point)
                    removed.append(self._summary_label(theme))
            _add(s.topic(theme).known, "ruled_out")
            if s.main_reason == theme:
                s.main_reason, s.main_reason_words = None, None
        return removed

    def _corrects_summary(self, s: ConversationState, u: Understanding) -> bool:
        """Also "the main reason was really the pay": the leaver puts their main reason right."""
        return super()._corrects_summary(s, u) or (u.decisive and bool(u.raised or u.matter))


#: The missing point is the main or the real reason ("the most important thing", "de echte reden").
_MAIN_NAMED = re.compile(
    r"\b(?:main|real|most\s+important|biggest|above\s+all|mostly|belangrijkste|echte|grootste|hoofdreden|vooral)\b",
    re.IGNORECASE,
)


def _plain_point(point: str) -> str:
    """ "de werkdruk (de werkdruk)": the label once when the leaver's matter only repeats it."""
    m = re.match(r"^(.*) \((.*)\)$", point)
    return m.group(1) if m and m.group(2).lower() in m.group(1).lower() else point
