"""Honouring the leaver's explicit requests (read by ``requests.py``) before any other handling of a turn.

- A request to stop ends the conversation the way a normal end does (the close, then the mirror), with a
  short closing line: thanks, and that what was said is only shared as the leaver approves it. Everything
  said is kept. "Stop this topic" is a skip; a bare "stop" is asked about once.
- "I want to talk about X": the next question is about X, in the leaver's terms when they form a complete
  noun phrase, else plainly ("what would you like to say about that?"). A topic the leaver refused is theirs
  to open again.
- "I never said that" is a correction of the interviewer: acknowledged, the wrongly heard theme dropped,
  never taken as a refusal.
- At the closing summary: a point the leaver calls fine is taken out and said back; when something is
  missing the interviewer asks what before it closes, and says back where it put it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spiegel.language.cues import AnswerSignals, Mention, analyse_answer
from spiegel.language.understanding import Understanding

from .care import unsaid
from .care_words import declines_follow_up
from .fine_remarks import says_no_complaint
from .navigation import STORY
from .own_words import answer_key, read_own_words_question
from .policy import IN_TOPICS
from .requests import Request, read_request, stop_choice, summary_remark
from .state import CLOSING_PHASES, ConversationState, Flag, Move
from .summary_control import (
    left_out_said_plainly,
)
from .summary_moves import SummaryMoves
from .withdrawals import (
    MIN_CONTENT_WORDS,
    PRIVATE,
    Withdrawal,
    figure_kind,
    figures_meant,
    forget_named,
    in_your_words,
    named_indices,
    read_withdrawal,
    take_out,
    take_out_figures,
    take_out_themes,
    withdrawn_index,
    word_count,
)
from .wording import noun_phrases, options

REQUEST_MOVES = ("talk_about", "stop_or_skip", "summary_missing", "summary_check")


class Requests(SummaryMoves):
    """The turn policy with the leaver's explicit requests honoured first."""

    def _understand(self, s: ConversationState, text: str) -> Understanding:
        u = super()._understand(s, text)
        if u.kind == "refusal" and says_no_complaint(text, self.language):
            return replace(u, kind="answer", refusal_target=None)  # "daar ga ik niet over klagen": it was fine
        plainly = left_out_said_plainly(text, self.language) if s.phase == "summary" and u.disclosure else None
        if plainly is not None and not super()._understand(s, plainly).disclosure:
            return replace(u, disclosure=None)  # "you left out my mother's death": said of the summary, no exclusion
        return u

    def _advance(self, s: ConversationState, text: str, skip_topic: bool) -> tuple[Move, list[Flag], Understanding]:
        move, flags, u = super()._advance(s, text, skip_topic)
        if s.turn_kinds and s.turn_kinds[-1] != u.kind:
            u = replace(u, kind=s.turn_kinds[-1])  # type: ignore[arg-type]  # read again as a request saw it
        return move, flags, u

    def _decide(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        u: Understanding,
        text: str,
        skip_topic: bool,
        contradiction: tuple[Mention, str] | None,
        new_flags: list[Flag],
    ) -> Move:
        at_summary, before = s.phase == "summary", list(s.summary_points)
        move = self._decide_request(s, sig, u, text, skip_topic, contradiction, new_flags)
        return self._summary_answered(s, sig, u, move, text, before) if at_summary else move

    def _decide_request(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        u: Understanding,
        text: str,
        skip_topic: bool,
        contradiction: tuple[Mention, str] | None,
        new_flags: list[Flag],
    ) -> Move:
        asked = s.last_move is not None and s.last_move.kind == "stop_or_skip"
        if s.last_move is not None and s.last_move.kind == "talk_about" and not self._asks_skip(s, text, after=True):
            # their answer to the matter they asked for: "pas een week van tevoren" is no "pass"
            sig = replace(sig, skip_request=False)
            if u.kind == "skip":
                u = replace(u, kind="answer")
        if says_no_complaint(text, self.language):
            sig = replace(sig, refusal=None)  # "I can't complain about the pay": no refusal
            if s.phase in IN_TOPICS and not (u.disclosure or sig.disclosures or u.distress or sig.distress):
                fine = self._no_complaint(s, sig, text)
                if not _CONTRAST.search(text):
                    return self._next(s, preface="bridge")  # it was fine: on to the next topic, never a probe
                # "..., but the rota was a mess": the rest is followed as an answer, the fine matter is not
                sig = replace(sig, mentions=tuple(m for m in sig.mentions if m.theme not in fine))
        move = (
            None
            if skip_topic
            else self._withdrawn(s, sig, u, text)
            or self._own_words(s, text)
            or self._requested(s, sig, u, text, new_flags)
        )
        if move is not None:
            return move
        if asked and stop_choice(text, self.language) == "skip":
            skip_topic = True  # "alleen dit onderwerp": skipped as any other topic
        elif not (u.disclosure or sig.disclosures) and self._asks_skip(s, text):
            # "kunnen we verder?": on to the next topic, acknowledged briefly
            return self._move_on(s) or super()._decide(s, sig, u, text, True, contradiction, new_flags)
        return super()._decide(s, sig, u, text, skip_topic, contradiction, new_flags)

    # ------------------------------------------------------------------------------------------ requests

    def _withdrawn(self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str) -> Move | None:
        """ "Haal dat er maar uit": the answer it points at is private for the mirror and not used again; the
        leaver is told so, and the conversation goes on with the next question (never a probe on it)."""
        if u.disclosure or sig.disclosures:
            return None  # a disclosure is handled first
        request = read_withdrawal(text, self.language)
        if request is None or (s.phase == "summary" and not request.about):
            return None  # "haal dat eruit" at the summary: a remark on the summary
        note = self._thing_taken_out(s, request.about) if request.about and request.thing else None
        if note is None:
            if request.about:
                # "haal dat over Koen er weer uit": every earlier answer about it, however long ago
                indices = named_indices(s, request.about)
            else:
                index = withdrawn_index(s, request)
                indices = [] if index is None else [index]
            if not (indices or request.about):
                return None
            note = self._take_out_said(s, request, indices)
        if s.phase in ("disclosure", "check_in"):
            # the answer to "what would you like done?" or "how are you now?": taken out, and the step goes on
            return None
        if s.phase == "summary":
            # the summary without what was taken out, read back and checked once
            self._summary_points(s)
            if request.about:
                forget_named(s, request.about)
            return self._summary_check(s, note)
        closing = s.phase in CLOSING_PHASES
        move = self._closing_next(s, sig, allow_follow_up=False) if closing else self._next(s)
        return replace(move, note=note, preface=None)

    def _take_out_said(self, s: ConversationState, request: Withdrawal, indices: list[int]) -> str:
        """The answers the request points at are taken out; what to say about it."""
        kept = {m.theme for m in analyse_answer(request.after, self.language).mentions} if request.after else set()
        for index in indices:
            take_out(s, index, request, kept)
        if request.about:
            forget_named(s, request.about)
            if not indices and word_count(request.after) < MIN_CONTENT_WORDS:
                s.answers[-1]["visibility"] = PRIVATE  # (nothing found to take out; the request itself is kept out)
        return self._withdrawn_note(s, request.about, bool(indices))

    def _thing_taken_out(self, s: ConversationState, about: str) -> str | None:
        """ "Haal dat bedrag van 600 euro eruit", "salaris moet er dus uit": a figure or a topic is out of the
        record at once; what to say about it (truthfully: what was left out), or None for another matter."""
        kind = figure_kind(about)
        if kind is not None:
            numbers = figures_meant(s, about)
            if not numbers:
                return None
            take_out_figures(s, numbers)
            return self._say(s, f"withdrawn_{kind}")
        themes = {m.theme for m in analyse_answer(about, self.language).mentions} - {STORY}
        if len(themes) != 1 or len(about.split()) > 3:
            return None  # a person or a story ("what I said about Koen"): taken out by its words
        take_out_themes(s, themes, self.language)
        forget_named(s, about)
        label = self._summary_label(next(iter(themes)))
        return self._say(s, "withdrawn_topic").format(about=label)

    def _withdrawn_note(self, s: ConversationState, about: str | None, found: bool) -> str:
        """What was taken out, said plainly: the matter in the interviewer's voice where it reads well."""
        if about is None:
            return self._say(s, "withdrawn")
        phrase = in_your_words(about, self.language)
        key = ("withdrawn_named" if phrase else "withdrawn_named_plain") if found else "withdrawn_nothing"
        return self._say(s, key).format(about=phrase or "")

    def _no_complaint(self, s: ConversationState, sig: AnswerSignals, text: str) -> set[str]:
        """ "Daar ga ik niet over klagen, dat was prima": the matter was fine and is noted as such (covered, no
        thread to come back to). Which matter: what the words before a "but" name, else the topic asked about."""
        said = _CONTRAST.split(text)[0]
        named = {m.theme for m in analyse_answer(said, self.language).mentions}
        themes = named or ({s.current_topic} if s.current_topic and not _CONTRAST.search(text) else set())
        for note in s.notes:
            if note["turn"] == s.turns and note["theme"] in themes:
                note["polarity"] = "pos"
        for theme in themes - {STORY}:
            s.topic(theme).talked = True
            if s.topic(theme).status in ("open", "active"):
                s.topic(theme).status = "covered"
        s.threads = [t for t in s.threads if t["topic"] not in themes]
        return themes

    def _own_words(self, s: ConversationState, text: str) -> Move | None:
        """ "Staat dat nog in je aantekeningen?": a true answer about the leaver's words, then the question again."""
        own = read_own_words_question(text, self.language) if s.phase not in ("disclosure", "check_in") else None
        if own is None:
            return None
        if s.turn_kinds:
            s.turn_kinds[-1] = "meta_question"
        s.notes = [n for n in s.notes if n["turn"] != s.turns]  # (a question, not an answer about the matter)
        return self._again(s, "meta_answer", preface=None, note=self._say(s, answer_key(s, own)))

    def _asks_skip(self, s: ConversationState, text: str, after: bool = False) -> bool:
        """ "Kunnen we verder?" (``after``: also just after a request move)."""
        request = read_request(text, self.language)
        last = s.last_move.kind if s.last_move else None
        return request is not None and request.kind == "skip" and (after or last not in REQUEST_MOVES)

    def _requested(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str, new_flags: list[Flag]
    ) -> Move | None:
        """The move for an explicit request in ``text``, or None to handle the turn as usual."""
        if u.disclosure or sig.disclosures:
            return None  # a serious disclosure is handled first, whatever else the turn asks
        last = s.last_move.kind if s.last_move else None
        if last == "stop_or_skip":
            return self._stop_or_skip_answered(s, text)
        if last == "summary_missing":
            return self._summary_completed(s, u, text)
        if s.disclosed_kinds and s.phase != "disclosure" and declines_follow_up(text, self.language):
            # "ik wil trouwens niet dat dit naar een vertrouwenspersoon gaat", a turn or more after the wish
            s.disclosure_wishes.append(text)
            return self._again(s, "meta_answer", preface=None, note=unsaid(s, [self._declined_note()]) or None)
        request = read_request(text, self.language)
        if request is None and s.phase == "summary":
            remark = summary_remark(text, self.language)
            return self._summary_remarked(s, sig, u, remark) if remark is not None else None
        if request is None:
            return None
        if request.kind == "stop" or (request.kind == "unsure" and self._asked_stop_or_skip(s)):
            if u.distress or sig.distress:
                # stopping is the leaver's choice; a person still looks at how they are
                new_flags.append(Flag("distress", s.current_topic, text[:200]))
            return self._stop_move(s)
        if request.kind == "wrap_up" and (s.phase in IN_TOPICS or s.phase in CLOSING_PHASES):
            return self._wrap_up_move(s)
        if request.kind == "unsure":
            s.pending = s.last_move
            return Move(
                "stop_or_skip", topic=s.current_topic, language=self.language, question=self._say(s, "stop_or_skip")
            )
        if request.kind == "pause":
            return self._again(s, "meta_answer", preface=None, note=self._say(s, "pause"))
        if request.kind == "talk_about" and s.phase not in ("disclosure", "check_in"):
            return self._talk_about(s, u, request, text)
        if request.kind == "not_said" and s.phase in IN_TOPICS and u.kind != "correction":
            # (a correction the understanding already saw is followed on its corrected content as usual)
            return self._not_said(s, u, text, request.about or text)
        return None

    def _asked_stop_or_skip(self, s: ConversationState) -> bool:
        asked = options(self.language, "requests", "stop_or_skip")
        return any(q in message for message in s.said for q in asked)

    def _stop_move(self, s: ConversationState) -> Move:
        """The close, with the closing line for a leaver who asked to stop."""
        s.threads = []
        for progress in s.topics.values():
            if progress.status == "open":
                progress.status = "skipped"
        return Move("close", language=self.language, question=self._say(s, "stop"))

    def _move_on(self, s: ConversationState) -> Move | None:
        """On to the next topic; what the leaver already told about this one stays (covered, not skipped).
        None when nothing was told: the topic is skipped as usual."""
        cur = s.current_topic
        told = cur is not None and (s.topic(cur).talked or any(n["theme"] == cur for n in s.notes))
        if s.phase not in IN_TOPICS or cur is None or not told:
            return None
        s.topic(cur).status = "covered"
        s.threads = [t for t in s.threads if t["topic"] != cur]
        return self._next(s, preface="skip", ack_kind="skip_ack")

    def _wrap_up_move(self, s: ConversationState) -> Move:
        """ "Kunnen we afronden?": no more topics; the closing summary now (the leaver can still correct it),
        then the close. Asked at the summary itself, it is the close."""
        if s.phase == "summary":
            return self._close_move()
        self._leave_current(s)
        for topic in self.guide.topics:
            s.topic(topic.id)
        noted = {str(n["theme"]) for n in s.notes}
        for theme, progress in s.topics.items():
            if progress.status in ("open", "active"):
                # what the leaver told about stays in the summary; the rest is left out
                progress.status = "covered" if progress.talked or theme in noted else "skipped"
        s.threads, s.current_topic, s.phase = [], None, "summary"
        return Move(
            "summary",
            language=self.language,
            target="summary",
            question=self.guide.closing["summary"],
            points=self._summary_points(s),
            note=self._say(s, "wrap_up"),
        )

    def _stop_or_skip_answered(self, s: ConversationState, text: str) -> Move | None:
        """The answer to "end the conversation, or only skip this topic?"."""
        if s.pending is not None:
            s.last_move, s.pending = s.pending, None  # the question before ours is the one pending again
        choice = stop_choice(text, self.language)
        if choice == "stop":
            return self._stop_move(s)
        if choice == "skip":
            return None  # the topic is skipped (``_decide``)
        if len(text.split()) <= 4:
            # "nee, ga maar door": neither; the question before ours again
            return self._again(s, "confusion_ack", preface=None)
        return None  # an answer after all: handled as one

    def _talk_about(self, s: ConversationState, u: Understanding, request: Request, text: str) -> Move:
        """The next question is about what the leaver wants to talk about, in their terms or plainly."""
        about = request.about or ""
        phrase = self._about_phrase(about)
        theme = self._theme_of(s, about)
        if phrase is None:
            # "Priya, my team lead, ...": the leaver's own name for the role, never the person's name
            role = self._role_named_after(s, text, about)
            if role is not None and theme in (None, role[0]):
                theme, phrase = role
        if theme is not None:
            self._open_theme(s, u, theme, phrase)
        elif s.phase in IN_TOPICS:
            self._leave_current(s)
            s.current_topic = None  # the leaver's answer starts a thread of its own
            s.phase = "story"
        key = "talk_about" if phrase else "talk_about_plain"
        if phrase and self._told_before(s, phrase):
            key = "talk_about_more"  # "you mentioned the rota already": what else, never the same again
        question = self._say(s, key).format(q=phrase)
        return Move("talk_about", topic=theme, language=self.language, quote=phrase, question=question)

    @staticmethod
    def _told_before(s: ConversationState, phrase: str) -> bool:
        """The head of ``phrase`` ("de roosters") stands in an answer before this turn."""
        head = phrase.lower().split()[-1]
        return any(re.search(rf"\b{re.escape(head)}\b", str(a["text"] or "").lower()) for a in s.answers[:-1])

    def _theme_of(self, s: ConversationState, words: str) -> str | None:
        """The theme ``words`` name; in a phrase, the one its head names ("team lead": the manager)."""
        found = [m for m in analyse_answer(words, self.language).mentions if m.theme not in s.sensitive_topics]
        head = words.lower().split()[-1:]
        named = [m for m in found if m.term.lower().split()[-1:] == head]
        return (named or found)[0].theme if found else None

    def _role_named_after(self, s: ConversationState, text: str, about: str) -> tuple[str, str] | None:
        """A noun phrase with a theme right after what the leaver named ("..., my team lead"), or None."""
        at = text.find(about)
        rest = text[at + len(about) :] if at >= 0 else ""
        for phrase in noun_phrases(rest, self.language)[:2]:
            theme = self._theme_of(s, phrase)
            if theme is not None:
                return theme, phrase
        return None

    def _leave_current(self, s: ConversationState) -> None:
        cur = s.current_topic
        if cur is not None and s.topic(cur).status == "active":
            s.topic(cur).status = "covered" if s.topic(cur).talked else "open"

    def _open_theme(self, s: ConversationState, u: Understanding, theme: str, phrase: str | None) -> None:
        """The theme the leaver asked for becomes the current topic (in the topics) and may be their reason."""
        if theme in s.refused:
            s.refused.remove(theme)  # the leaver opens again what they closed
        if s.phase in IN_TOPICS:
            if s.current_topic != theme:
                self._leave_current(s)
            s.current_topic = theme
            s.phase = "story" if s.phase == "opening" else s.phase
            tp = s.topic(theme)
            tp.status, tp.raised_by_leaver, tp.talked = "active", True, True
            tp.quote = phrase or tp.quote
            s.threads = [t for t in s.threads if t["topic"] != theme]
        if u.decisive or s.main_reason is None or s.main_reason_pull:
            s.main_reason, s.main_reason_words, s.main_reason_pull = theme, phrase, False

    def _about_phrase(self, about: str) -> str | None:
        """What the leaver wants to talk about as a complete noun phrase in the interviewer's voice, or None."""
        words = about.split()
        while len(words) > 2 and words[-1][:1].isupper():
            words.pop()  # "mijn teamleider Ruud": the role, without the name
        if not words or len(words) > 5:
            return None
        phrases = noun_phrases(" ".join(words), self.language)
        if phrases and len(phrases[0].split()) == len(words):
            return phrases[0]  # "mijn teamleider" → "je teamleider"
        return None  # a name, a clause: asked plainly, never pasted

    def _not_said(self, s: ConversationState, u: Understanding, text: str, denial: str) -> Move:
        """The leaver says something was never mentioned ("I never mentioned my manager"): the interviewer had
        it wrong; the theme is dropped, never taken as refused."""
        denied = {m.theme for m in analyse_answer(denial, self.language).mentions}
        if not denied and s.current_topic and s.current_topic != STORY:
            denied = {s.current_topic}
        denied_themes = tuple(replace(t, negated=True) if t.theme in denied else t for t in u.themes)
        corrected = replace(u, kind="correction", themes=denied_themes)
        for theme in denied:
            s.refused = [r for r in s.refused if r != theme]
            if s.main_reason == theme:
                s.main_reason, s.main_reason_words = None, None
            s.notes = [n for n in s.notes if n["theme"] != theme]
            s.threads = [t for t in s.threads if t["topic"] != theme]
            if s.topic(theme).status in ("open", "active"):
                s.topic(theme).status = "covered"
        if s.turn_kinds:
            s.turn_kinds[-1] = "correction"
        rest = text.replace(denial, " ")
        others = [m for m in analyse_answer(rest, self.language).mentions if m.theme not in denied]
        if others:
            return self._corrected(s, corrected, text)  # followed on what the leaver did say (records it)
        s.corrections.append(text.strip()[:300])
        return replace(self._next(s, ack_kind="correction_ack"), note=self._say(s, "not_said"))


#: A turn that goes on to complain after all ("I can't complain about the pay, but the hours ...").
_CONTRAST = re.compile(r"\b(?:but|though|although|except|maar|alleen|behalve|hoewel|wel\s+over)\b", re.IGNORECASE)
