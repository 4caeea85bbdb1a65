"""The turn policy: what kind of turn the answer is, and its handling before any follow-up.

Every answer is first understood (``spiegel.language.understanding``; a model may add to the rules) and then
handled by its kind, in this order (docs/interviewing.md, "What kind of turn is this?"): a serious
disclosure and distress first; a question about the interview (answered truthfully from the case context,
then the pending question again in other words); a refusal (closes the topic it refers to, for good); a
skip; "I already told you"; confusion (the same question, simpler); a complaint (apology, fewer probes);
a correction (acknowledged, recorded, followed on the corrected content); then the closing sequence,
fatigue, a decisive cue (followed before the guide), and only then follow-up on a real answer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from spiegel.language.cues import AnswerSignals, Mention, analyse_answer
from spiegel.language.incidents import incident_kind, misread
from spiegel.language.understanding import Context, Understanding, understand

from .care import Care
from .care_words import care, covers_up
from .fit import others_tears
from .misread import withdraw_disclosure, withdrawn_note
from .navigation import DISCLOSURE_THEME, HARD_TURN_CAP, STORY, _add
from .progress_words import progress_answer
from .reasons import (
    names_trigger,
    substantive_themes,
    told_event,
    with_understood_themes,
)
from .state import ACK_KINDS, CLOSING_PHASES, ConversationState, Flag, Move
from .wishes import read_wish
from .wording import (
    content_words,
    direct_question,
    is_clause,
    is_event,
    list_items,
    matter_phrase,
    noun_phrases,
    options,
    topic_labels,
    word_list,
    wording,
)

logger = logging.getLogger(__name__)

IN_TOPICS = ("opening", "story", "guide")
# Turns that are no answer to the question asked: nothing of them is recorded as an answer.
NOT_ANSWERS = frozenset({"meta_question", "refusal", "skip", "already_told", "confusion", "complaint"})


class TurnPolicy(Care):
    """Deciding the next move for one answer."""

    understander: object | None

    # ------------------------------------------------------------------------------------ understanding

    def _previous_topic(self, s: ConversationState) -> str | None:
        """What the last answer or question was about: the current topic, else the last theme the leaver named."""
        if s.current_topic and s.current_topic != STORY:
            return s.current_topic
        last = s.last_move
        if last is not None and last.topic and last.topic != STORY:
            return last.topic
        for note in reversed(s.notes):
            if note["turn"] == s.turns:
                continue
            return str(note["theme"])
        return None

    def _understand(self, s: ConversationState, text: str) -> Understanding:
        """The rules' understanding of ``text``, with a model's where one is configured (never raises)."""
        context = Context(
            language=self.language,
            current_topic=s.current_topic if s.current_topic != STORY else None,
            previous_topic=self._previous_topic(s),
            last_question=s.said[-1] if s.said else "",
        )
        try:
            rules = understand(text, context)
        except Exception as exc:  # the rules never raise; if they did, the conversation still goes on
            logger.warning("understanding failed (%s); the answer is taken as an answer", type(exc).__name__)
            rules = Understanding(kind="answer", language=self.language)
        understander = getattr(self, "understander", None)
        if understander is None:
            return rules
        try:
            found = understander.understand(text, context)
        except Exception as exc:  # a model failing must never break the interview: the rules decide
            logger.warning("model understanding failed (%s); the rules decide", type(exc).__name__)
            return rules
        if not isinstance(found, Understanding):
            return rules
        # safety is the union: a disclosure or distress seen by either is handled
        return replace(
            found, disclosure=found.disclosure or rules.disclosure, distress=found.distress or rules.distress
        )

    def _advance(self, s: ConversationState, text: str, skip_topic: bool) -> tuple[Move, list[Flag], Understanding]:
        """Take the answer into ``s`` (in place) and decide the next move."""
        text = text.strip()
        sig = analyse_answer(text, self.language)
        u = self._understand(s, text)
        if u.language != self.language:
            # understood in the other language; the conversation keeps its own
            sig = analyse_answer(text, u.language) if u.language in ("nl", "en") else sig
        sig = with_understood_themes(sig, u, text)
        s.answers.append({"topic": s.current_topic, "phase": s.phase, "text": text})
        s.turns += 1
        s.answer_words.append(sig.word_count)
        s.dont_knows.append(sig.dont_know)
        s.turn_kinds.append(u.kind)
        if u.kind not in NOT_ANSWERS:
            self._store_closing_answer(s, text)

        new_flags: list[Flag] = []
        contradiction = None
        if u.kind == "answer" and not u.sarcasm:
            contradiction = self._contradiction(s, sig)
        if s.phase in IN_TOPICS and u.kind in ("answer", "correction"):
            negated = {t.theme for t in u.themes if t.negated} - set(u.raised)
            self._take_notes(s, sig, skip=negated | set(s.refused))
        move = self._decide(s, sig, u, text, skip_topic, contradiction, new_flags)
        return move, new_flags, u

    # ----------------------------------------------------------------------------------------- deciding

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
        """Every kind of turn gets its handling first; only a real answer reaches the follow-up logic."""
        move = (
            self._misread(s, sig, text)
            or self._safety_first(s, sig, u, text, new_flags)
            or self._after_handling(s, sig, text)
            or self._not_an_answer(s, sig, u, skip_topic)
        )
        if move is not None:
            return move
        if s.phase in CLOSING_PHASES:
            return self._closing_next(s, sig, u=u)
        if u.kind == "correction":
            return self._corrected(s, u, text)
        if not s.fatigue and self._tired(s):
            s.fatigue = True
            return self._next(s, preface="near_end")
        if u.decisive and u.kind == "answer" and s.current_topic is not None:
            # (on the opening answer the leaver's own story is followed anyway)
            decisive = self._follow_decisive(s, u, sig, text)
            if decisive is not None:
                return decisive
        return self._on_answer(s, sig, u, text, contradiction)

    def _safety_first(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str, new_flags: list[Flag]
    ) -> Move | None:
        """A serious disclosure stops all probing and goes to a human; distress gets a check-in (once); a
        question about the interview gets its answer; a return to a disclosed incident is never probed."""
        cur = s.current_topic
        in_topics = s.phase in IN_TOPICS
        kind = self._disclosure_kind(s, sig, u, text)
        returning = in_topics and self._touches_disclosure(s, sig, text)
        if self._real_reason_after_disclosure(s, text, returning) and s.phase != "disclosure":
            # "that is the real reason": the disclosed matter is the main reason, said back; nothing probed
            return self._real_reason_move(s, sig)
        if kind is not None:
            if returning:
                # the leaver comes back to the incident already disclosed and flagged: acknowledge, never probe
                return self._leave_disclosed_matter(s, sig, text)
            new_flags.append(Flag("disclosure", kind, (sig.disclosures[0].context if sig.disclosures else text)[:200]))
            if self._more_instead_of_wish(s, sig, text):
                # "daarna kreeg ik ineens de slechtste roosters": another incident, recorded; the wish asked again
                self._store_disclosure(s, sig, text, kind, cur)
                note = str(care(self.language)["disclosure_more"])
                topic = (s.last_move.topic if s.last_move else None) or DISCLOSURE_THEME.get(kind, "culture")
                return Move("disclosure", topic=topic, language=self.language, note=note)
            if s.phase != "disclosure" and s.interviewer_turns < HARD_TURN_CAP - 2:
                if kind in s.disclosed_kinds and in_topics:
                    return self._disclosure_more(s, sig, text, kind)
                return self._disclose(s, sig, text, kind)
        if s.interviewer_turns >= HARD_TURN_CAP - 1:
            return self._close_move()
        bereaved = self._bereaved(s, sig, text, cur)
        if bereaved is not None:
            # a death told of: a condolence that names who died, then care; its cause is never asked
            new_flags.append(Flag("distress", cur, text[:200]))
            return bereaved
        if (u.distress or sig.distress) and not (sig.distress is None and others_tears(text)):
            # ("twee collega's zaten in tranen" is someone else's distress, not the leaver's: no check-in)
            # one warm acknowledgement and a check-in before anything else, once; no probing
            new_flags.append(Flag("distress", cur, ((sig.distress.context if sig.distress else "") or text)[:200]))
            if self._checked_in_before(s):
                return self._distress_again(s, sig, cur)
            return self._check_in(s, cur)
        if u.kind == "meta_question" and not self._wish_about_name(s, text):
            return self._answer_meta(s, u, text)
        if returning:
            # a later answer that returns to the disclosed incident: acknowledge without probing, move on
            return self._leave_disclosed_matter(s, sig, text)
        return None

    def _disclosure_kind(self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str) -> str | None:
        """The kind of serious disclosure the answer tells, read on its own or as what followed the answer
        before ("Ik heb het toch gemeld." then "Daarna kreeg ik ineens de slechtste roosters.")."""
        kind = u.disclosure or (sig.disclosures[0].kind if sig.disclosures else None)
        if kind is None and s.phase in IN_TOPICS and covers_up(text, self.language):
            kind = "integrity"  # "they made us sign a statement that ...": a cover-up is serious in itself
        if kind is None and len(s.answers) >= 2 and s.phase not in CLOSING_PHASES:
            kind = incident_kind(text, self.language, before=str(s.answers[-2]["text"] or ""))
        return kind

    def _more_instead_of_wish(self, s: ConversationState, sig: AnswerSignals, text: str) -> bool:
        """Asked what should happen with a disclosure, the leaver tells a further incident instead (the first
        answer after the protocol, not a return to what was told)."""
        return (
            s.phase == "disclosure"
            and len(s.answers) >= 2
            and s.answers[-2]["phase"] != "disclosure"
            and not self._touches_disclosure(s, sig, text)
            and s.interviewer_turns < HARD_TURN_CAP - 2
        )

    def _misread(self, s: ConversationState, sig: AnswerSignals, text: str) -> Move | None:
        """Right after the disclosure protocol, "er is niemand geslagen, dat is een uitdrukking": the flag is
        withdrawn, said plainly, and the conversation goes on where it was (``misread.py``)."""
        if s.phase != "disclosure" or not misread(text, self.language):
            return None
        withdraw_disclosure(s, self.language)
        move = self._closing_next(s, sig) if s.phase in CLOSING_PHASES else self._next(s)
        return replace(move, note=withdrawn_note(self.language))

    def _disclose(self, s: ConversationState, sig: AnswerSignals, text: str, kind: str) -> Move:
        """The acknowledgement and the options for a serious disclosure; its matter is never probed again."""
        cur = s.current_topic
        if s.phase != "check_in":
            s.resume_phase = s.phase
        s.phase = "disclosure"
        self._store_disclosure(s, sig, text, kind, cur)
        if s.answers and s.answers[-1]["text"] == text:
            # the answer is about what it discloses (integrity is culture, docs/taxonomy.md), whatever was asked
            s.answers[-1]["topic"] = DISCLOSURE_THEME.get(kind, "culture")
        told = s.resume_phase in ("opening", "story") and s.main_reason and not s.main_reason.startswith("_")
        if told and s.main_reason and s.topic(s.main_reason).status in ("open", "active"):
            # disclosed while telling why they leave: the main reason's topic was told about with it
            s.topic(s.main_reason).status = "covered"
        if s.main_reason is None or s.main_reason_pull or s.main_reason.startswith("_"):
            # what the leaver had not named yet, or only as a pull, was this: the reason behind leaving
            self._take_real_reason(s, kind)
        s.current_topic = None
        topic = cur or DISCLOSURE_THEME.get(kind, "culture")
        return Move("disclosure", topic=topic, language=self.language, note=self._disclosure_note(s, kind, text))

    def _after_handling(self, s: ConversationState, sig: AnswerSignals, text: str) -> Move | None:
        """The answer after a disclosure (what the leaver wants done) or a check-in: back to where we were."""
        if s.phase == "disclosure":
            return self._after_disclosure_wish(s, sig, text)
        if s.phase != "check_in":
            return None
        s.phase = s.resume_phase or "guide"
        s.resume_phase = None
        if s.phase in CLOSING_PHASES:
            return self._closing_next(s, sig, preface="after_check_in", ack_kind="check_in_ack", allow_follow_up=False)
        stay = self._stay_with_care(s, sig)  # a loss that weighed most is not put aside for the checklist
        if stay is not None:
            return stay
        return self._next(s, preface="after_check_in", ack_kind="check_in_ack")

    def _not_an_answer(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, skip_topic: bool
    ) -> Move | None:
        """A refusal, a skip, "I already told you", confusion or a complaint: its handling, never a probe."""
        cur = s.current_topic
        closing = s.phase in CLOSING_PHASES
        if u.kind == "refusal" or (u.kind == "answer" and sig.refusal is not None and not u.raised):
            target = self._refuse(s, u)
            if closing:
                return self._closing_next(s, sig, preface="refusal", ack_kind="refusal_ack", allow_follow_up=False)
            if target is not None and target != cur and cur is not None and s.topic(cur).status == "active":
                s.topic(cur).talked = True
            return self._next(s, preface="refusal", ack_kind="refusal_ack")
        if skip_topic or u.kind == "skip" or (sig.skip_request and u.kind == "answer"):
            if closing:
                return self._closing_next(s, sig, preface="skip", ack_kind="skip_ack", allow_follow_up=False)
            self._drop_topic(s, cur, "skipped")
            return self._next(s, preface="skip", ack_kind="skip_ack")
        if u.kind == "already_told":
            return self._already_told(s, sig)
        if u.kind == "confusion":
            return self._again(s, "confusion_ack", preface="confusion", simple=True)
        if u.kind == "complaint":
            return self._complained(s, sig)
        return None

    def _already_told(self, s: ConversationState, sig: AnswerSignals) -> Move:
        """Apologise and move on; never probe the remark."""
        if s.phase in CLOSING_PHASES:
            return self._closing_next(
                s, sig, preface="already_told", ack_kind="already_told_ack", allow_follow_up=False
            )
        if s.current_topic is not None:
            s.topic(s.current_topic).talked = True
        for m in sig.mentions:  # "druk, door al dat rijden; maar dat zei ik al": that topic is told too
            if m.theme not in s.refused and s.topic(m.theme).status == "open":
                s.topic(m.theme).status = "covered"
                s.topic(m.theme).talked = True
        return self._next(s, preface="already_told", ack_kind="already_told_ack")

    def _complained(self, s: ConversationState, sig: AnswerSignals) -> Move:
        """Apologise and change approach: fewer probes, ask what matters most to them."""
        s.calm = True
        if s.phase in CLOSING_PHASES:
            return self._closing_next(s, sig, preface="complaint", ack_kind="complaint_ack", allow_follow_up=False)
        cur = s.current_topic
        if cur is not None and s.topic(cur).status == "active":
            s.topic(cur).status = "covered"
        s.current_topic = None
        s.phase = "story"
        return Move("complaint_ack", language=self.language, preface="complaint", target="what_matters")

    def _on_answer(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        u: Understanding,
        text: str,
        contradiction: tuple[Mention, str] | None,
    ) -> Move:
        """A real answer: the leaver's story first, an event told, then the follow-up or the next topic."""
        cur = s.current_topic
        lang = self.language
        negated = frozenset({t.theme for t in u.themes if t.negated} - set(u.raised)) | frozenset(s.refused)
        asked = s.topic(STORY).probes
        if cur is None and u.background and s.main_reason is None and "why_leave" not in asked:
            # "ik werkte vier jaar als planner bij ...": who they were there, no reason yet; why they left comes
            # next (never "what effect did that have?")
            asked.append("why_leave")
            return Move("follow_up", probe="why_leave", language=lang)
        if (
            cur is not None
            and u.new_place
            and s.main_reason is not None
            and not s.main_reason_pull
            and "new_place" not in asked
        ):
            # "ik ga bij een kleiner bedrijf werken waar ik meer vrijheid krijg": what draws them there says
            # what was missing here
            asked.append("new_place")
            self._mark_talked(s, sig, cur)
            return Move("follow_up", topic=cur, probe="new_place", language=lang)
        if cur is None:
            cur = self._start_story(s, sig, u, text, negated)
        else:
            self._mark_talked(s, sig, cur)
            self._push_behind_pull(s, sig, u, text, negated)
            cur = self._singled_out(s, sig, u, text, cur, negated)
        if cur is not None and self._pleasant_moment(s, sig, u, text):
            # a farewell card, a kind word: noted, and never asked for its "consequences"
            self._add_threads(s, sig, cur, u, negated)
            return self._extra_question(s, cur) or self._next(s, preface="accept")
        event = told_event(text) if u.kind == "answer" and not u.sarcasm else None
        if (
            event is not None
            and len(substantive_themes(sig)) <= 1
            and (not u.decisive or names_trigger(text))  # "ik ben pas gaan kijken toen ... werd geschrapt"
            and not any(is_event(p) for p in noun_phrases(text, lang))
        ):
            # (several things in one breath: the threads are followed one by one, in the leaver's order)
            return self._follow_event(s, sig, cur, event, negated)
        self._add_threads(s, sig, cur, u, negated)
        if u.decisive and not sig.is_thin and names_trigger(text):
            # "I started looking after I was passed over for ...": the moment is told; its effect comes next
            _add(s.topic(cur or STORY).known, "example")
        move, accepted = self._follow_up(s, sig, cur, contradiction, u)
        if move is not None:
            return move
        extra = self._extra_question(s, cur)
        if extra is not None:
            return extra
        return self._next(s, preface="accept" if accepted else "bridge")

    def _start_story(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str, negated: frozenset[str]
    ) -> str | None:
        """The first theme of the leaver's story becomes the current topic, with their words for it."""
        lang = self.language
        s.phase = "story"
        chosen = self._most_relevant(s, sig, skip=negated)
        if chosen is None:
            if s.main_reason is None and not sig.mentions:
                s.main_reason_pull = True  # "a change", "a new job": what made them look comes next
            return None
        cur = chosen.theme
        s.current_topic = cur
        tp = s.topic(cur)
        tp.status = "active"
        tp.raised_by_leaver = True
        phrases = noun_phrases(text, lang)
        event = next((p for p in phrases[:1] if is_event(p)), None)
        # several things in one list: the theme's own item names it ("het gebrek aan inwerken van nieuwe
        # mensen"), never another item of the list (that one is a thread of its own)
        items = list_items(text, lang)
        own = next((p for p in items if chosen.theme in analyse_answer(p, lang).themes and not is_clause(p)), None)
        tp.quote = (
            own
            or (None if items else event)  # "the restructuring last year, when ...": the event is what it is about
            or matter_phrase(text, chosen.term, lang)
            or self._understood_matter(u)
            or next((p for p in phrases if chosen.theme in analyse_answer(p, lang).themes), None)
        )
        # said with weight (a complaint or a feeling), the theme is talked about, not just named
        tp.talked = tp.talked or chosen.polarity == "neg" or bool(sig.emotions)
        # the story's probe kinds are not repeated on its first theme
        tp.probes = list(s.topic(STORY).probes)
        if s.main_reason is None or s.main_reason_pull or u.decisive:
            self._first_reason(s, sig, u, text, chosen, negated)
        return cur

    # ----------------------------------------------------------------------------------- kinds of turn

    def _again(
        self, s: ConversationState, ack_kind: str, preface: str | None, note: str | None = None, simple: bool = False
    ) -> Move:
        """The pending question again (in other words), after an acknowledgement or an answer of ours."""
        last = s.last_move or Move("open", language=self.language, question=self.guide.opening_question)
        target = last.target if last.kind in ACK_KINDS and last.target else last.kind
        if target == "close":
            return self._close_move()
        s.pending = last
        return replace(last, kind=ack_kind, target=target, preface=preface, note=note, simple=simple)

    def _wish_about_name(self, s: ConversationState, text: str) -> bool:
        """ "met mijn naam erbij", "not even anonymously": the wish about a disclosure, not a question whether
        the conversation is anonymous."""
        return s.phase == "disclosure" and "?" not in text and bool(read_wish(text, self.language).kind)

    def _answer_meta(self, s: ConversationState, u: Understanding, text: str) -> Move:
        """A short, true answer from this case's settings, then the pending question again in other words."""
        lang = self.language
        topic: str = u.meta_topic or "other"
        low = text.lower()
        if topic == "other" and any(w in low for w in word_list("language_words")):
            topic = "language"
        defaults = wording(lang).get("meta_defaults", {})
        org = self.context.organisation
        fields = {
            "organisation": org or str(defaults.get("organisation", "")),
            "organisation_lower": org or str(defaults.get("organisation_lower", "")),
            "n": str(self.context.min_group_size),
            "holder": self.context.practice or str(defaults.get("holder", "Spiegel")),
        }
        said = {x.strip() for message in s.said for x in message.split(". ")}
        notes: list[str] = []
        asked_in_order = self._meta_topics(text)
        if topic not in asked_in_order:
            asked_in_order.insert(0, topic)
        for asked in asked_in_order[:2]:
            # "Waarom wil je dat weten? Wie leest dit?": each question gets its own short answer
            if asked == "how_long" and s.turns >= 2:
                notes.append(self._progress_note(s))  # "zijn we bijna klaar?" once under way: the real progress
                continue
            variants = options(lang, "meta", asked) or options(lang, "meta", "other")
            note = ""
            for option in variants:
                candidate = option.format(**fields)
                if not any(part.strip() in said for part in candidate.split(". ")):
                    note = candidate
                    break
            if not note and variants:
                note = variants[-1].format(**fields)
            if note and note not in notes:
                notes.append(note)
        return self._again(s, "meta_answer", preface=None, note=" ".join(notes))

    def _progress_note(self, s: ConversationState) -> str:
        """How far along the conversation is, from the topics still open and the phase."""
        closing = s.phase in CLOSING_PHASES or s.phase == "summary"
        # no more topics than the turns left can hold (a question and a follow-up each)
        left = min(len(self._pending(s, s.current_topic)), max(0, (self._remaining(s) - 1) // 2))
        return progress_answer(self.language, left, closing)

    def _meta_topics(self, text: str) -> list[str]:
        """The questions about the interview in one turn, one per sentence, in the leaver's order."""
        found: list[str] = []
        for sentence in re.findall(r"[^.?!]+[.?!]*", text):
            try:
                u = understand(sentence.strip(), Context(language=self.language))
            except Exception as exc:  # the rules never raise; if they did, the first question is still answered
                logger.warning("understanding a sentence failed (%s)", type(exc).__name__)
                continue
            topic = u.meta_topic if u.kind == "meta_question" else None
            if topic and topic != "other" and topic not in found:
                found.append(topic)
        return found

    def _refuse(self, s: ConversationState, u: Understanding) -> str | None:
        """Close the topic the refusal refers to — what was just talked about, or the one it names — for good."""
        target = u.refusal_target
        also: list[str] = []
        if target in (None, "previous"):
            target = self._previous_topic(s) or s.current_topic
            # "daar" is what was just said: every theme the leaver raised in the last answer goes with it
            also = [str(n["theme"]) for n in s.notes if n["turn"] == s.turns - 1 and n["polarity"] != "pos"]
        if target is None:
            target = STORY
        for theme in also:
            if theme != target and theme not in s.refused:
                _add(s.refused, theme)
                self._drop_topic(s, theme, "refused")
                s.notes = [n for n in s.notes if n["theme"] != theme]
        _add(s.refused, target)
        self._drop_topic(s, target, "refused")
        s.notes = [n for n in s.notes if n["theme"] != target]
        # a thing the refusal names ("over het hoofdkantoor") is never come back to, whatever its theme
        said = str(s.answers[-1]["text"] or "") if s.answers else ""
        named = set(content_words(said)) - word_list("negators")
        s.threads = [t for t in s.threads if not named & set(content_words(t["phrase"] or t["words"]))]
        if s.main_reason == target:
            s.main_reason, s.main_reason_words = None, None
        if s.current_topic == target:
            pass  # _next leaves it; its status stays "refused"
        return target

    def _corrected(self, s: ConversationState, u: Understanding, text: str) -> Move:
        """Acknowledge a correction, record it, and follow up on the corrected content."""
        lang = self.language
        s.corrections.append((u.correction or text).strip()[:300])
        negated = {t.theme for t in u.themes if t.negated} - set(u.raised)
        for theme in negated:
            s.notes = [n for n in s.notes if n["theme"] != theme]
            s.threads = [t for t in s.threads if t["topic"] != theme]
            if s.topic(theme).status in ("open", "active"):
                s.topic(theme).status = "covered"
            if s.main_reason == theme:
                s.main_reason, s.main_reason_words = None, None
        new, matter = self._corrected_content(s, u, text, negated)
        if new is None and matter is None:
            return Move(
                "correction_ack",
                topic=s.current_topic,
                language=lang,
                note=self._fresh(s, "prefaces", "correction"),
                target="clarify_correction",
            )
        if new is not None:
            cur = s.current_topic
            if cur is not None and cur != new and s.topic(cur).status == "active":
                s.topic(cur).status = "covered"
            s.current_topic = new
            tp = s.topic(new)
            tp.status = "active"
            tp.raised_by_leaver = True
            tp.talked = True
            tp.quote = (None if is_clause(matter) else matter) or tp.quote
            if s.main_reason is None or s.main_reason in negated:
                s.main_reason, s.main_reason_words = new, matter
                s.main_reason_pull = False
        topic = s.current_topic
        label = matter or topic_labels(lang).get(topic or STORY, "")
        if topic is not None and self.guide.topic(topic) is not None and not matter:
            label = self.guide.topic(topic).label  # type: ignore[union-attr]
        tp = s.topic(topic or STORY)
        tp.follow_ups += 1
        tp.probes.append("practice")
        # "hoe het besloten werd": asked back directly ("Hoe werd het besloten?")
        direct = direct_question(matter, lang) if matter else None
        return Move(
            "correction_ack",
            topic=topic,
            language=lang,
            note=self._fresh(s, "prefaces", "correction"),
            target="correction_direct" if direct else "correction_follow",
            quote=label,
            question=direct,
        )
