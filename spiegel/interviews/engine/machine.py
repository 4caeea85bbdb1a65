"""The interview state machine: which move comes next, for how long, and when to stop.

Order of concerns on every answer (docs/interviewing.md): safety first (serious disclosure, distress or
refusal), then the leaver's wish to skip, then the closing sequence, fatigue, and only then follow-up:
the leaver's own threads before guide topics, a different probe each time, 2–3 follow-ups per topic within
an overall budget, and a short bridge when a topic is saturated.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from spiegel.language.signals import AnswerSignals, Mention, analyse_answer

from .checks import check_question
from .guide import Guide
from .phrasing import FEELINGS, TOPIC_LABELS, Phraser, PhraserDeclined, TemplatePhraser, topic_label
from .state import CLOSING_PHASES, ConversationState, Flag, Move, TopicProgress

logger = logging.getLogger(__name__)

HARD_TURN_CAP = 35  # interviewer messages, opening and close included; never exceeded
STORY = "_story"  # pseudo-topic for the opening story before the leaver names a theme
LIGHT_TOPICS = frozenset({"wellbeing", "personal", "retirement"})  # followed gently, once
VAGUE_PROBES = ("example", "moment", "practice", "situation")
# A thin answer gets a probe for one concrete occurrence; each time a different kind than the last one.
CONCRETE_PROBES = ("example", "moment", "situation")
# Probes for depth once the leaver is talking, in the order they are tried when nothing specific calls.
DEPTH_PROBES = ("example", "effect", "cause", "frequency", "own_action")
MAX_FOLLOW_UPS = 3  # per topic (docs/interviewing.md: 2–3 follow-ups per topic at most)
# Themes that weigh even when named in passing ("... and I was tired a lot"): they go on the threads list.
WEIGHTY_THEMES = frozenset({"wellbeing", "job_security"})
_DISCLOSURE_THEME = {
    "harassment": "culture",
    "discrimination": "culture",
    "integrity": "processes",
    "safety": "conditions",
}
_WORD_RX = re.compile(r"[\w'’-]+")


# Words that carry no matter of their own: a quote made of these only is filler, never quoted back.
def _wordset(text: str) -> frozenset[str]:
    """Word lists are written as one string for readability."""
    return frozenset(text.split())


_FILLER = _wordset(
    """
    eigenlijk gewoon zeggen gezegd niet niets niks over meer weet weten daar hier achter verder zoals echt
    beetje heel best wel zo'n zoiets iets alles dingen ding eens even toch maar want omdat zijn waren werd
    worden hebben heeft had hadden kunnen konden zou zouden moet moest denk dacht vind vond zeker precies
    misschien natuurlijk vooral soort eerlijk gezegd ging gaat oké prima goed redelijk normaal
    really just there much more nothing about that this those these it's that's there's what which with
    have been were would could should think thought know said saying like maybe kind sort okay fine things
    stuff something anything everything else well quite pretty honestly actually going rather good
    normal alright reasonable
    """
)
_STOP = _wordset(
    """
    de het een en of maar dat die dit deze wat wie hoe waar je jij jouw ik mij me mijn wij we ons onze zij
    ze hij hem haar hun er daar hier dan toen als om op in aan van voor met bij naar uit over tot door ook
    nog wel niet geen zo heel erg echt was is zijn waren ben heb had hadden wordt werd kan kon zou wil moet
    the a an and or but that this these those what who where when how why which you your i me my we us our
    they them their he him his she her it its there here then than as to of in on at for with by from
    about into out up also still not no yes so very was is are were be been have has had do does did can
    could would should will
    """
)
_NO_ANSWERS = ("nee", "niets", "niks", "nope", "no", "nothing", "geen", "dat was het", "that's it", "that is all")


ENGINE_NAME = "builtin"  # the state machine that decides every move, whoever words it


@dataclass(frozen=True)
class EngineReply:
    """What the engine says next and the state to store. ``flags`` holds flags raised on this turn.

    ``produced_by`` has one entry per message: which engine decided it and which phraser worded it
    (``{"engine": "builtin", "phraser": "templates"}``, or the model and prompt version a language-model
    phraser reports, plus ``"fallback"`` with the reason when the phraser was tried and not used).
    """

    state: ConversationState
    messages: list[str]
    closed: bool
    flags: list[Flag]
    progress: float
    move: Move
    produced_by: tuple[dict[str, Any], ...] = ()


class Engine:
    """The built-in interviewer for one guide. Stateless itself: all conversation data is in the state."""

    def __init__(self, guide: Guide, phraser: Phraser | None = None) -> None:
        self.guide = guide
        self.language = guide.language
        self.templates = TemplatePhraser()
        self.phraser: Phraser = phraser if phraser is not None else self.templates
        self._order = [t.id for t in guide.ordered_topics()]

    # ---------------------------------------------------------------------------------------- public API

    def start(self) -> tuple[ConversationState, list[str]]:
        """A fresh conversation: the introduction, then one broad open question."""
        reply = self.begin()
        return reply.state, reply.messages

    def begin(self) -> EngineReply:
        """Like :meth:`start`, as an :class:`EngineReply` that also says who produced each message."""
        state = ConversationState(language=self.language)
        move = Move("open", language=self.language, question=self.guide.opening_question)
        state.said.append(self.guide.intro)
        question, produced_by = self._phrase_traced(move, state)
        state.said.append(question)
        state.interviewer_turns = 1
        state.last_move = move
        intro_by = {"engine": ENGINE_NAME, "phraser": "guide"}
        return EngineReply(state, [self.guide.intro, question], False, [], 0.0, move, (intro_by, produced_by))

    def respond(self, state: ConversationState, text: str, skip_topic: bool = False) -> EngineReply:
        """The next interviewer message for the leaver's answer ``text``. ``state`` is not changed."""
        s = state.copy()
        if s.closed:
            last = s.last_move or Move("close", language=self.language)
            return EngineReply(s, [], True, [], 1.0, last)
        move, new_flags = self._advance(s, text, skip_topic)
        message, produced_by = self._phrase_traced(move, s)
        return self._reply(s, move, message, produced_by, new_flags)

    def recover(self, state: ConversationState, text: str) -> EngineReply:
        """A safe next move for when working out the reply to ``text`` failed (``respond`` raised).

        The answer is kept in the state without being analysed, so the mirror still gets it; the conversation
        moves on to the next guide topic or the next step of the closing, worded by the templates (never by a
        language model). ``state`` is not changed.
        """
        s = state.copy()
        if s.closed:
            return EngineReply(s, [], True, [], 1.0, s.last_move or Move("close", language=self.language))
        answer = text.strip()
        s.answers.append({"topic": s.current_topic, "phase": s.phase, "text": answer})
        s.turns += 1
        s.answer_words.append(len(answer.split()))
        s.dont_knows.append(0)
        if s.phase in CLOSING_PHASES:
            move = self._closing_next(s, analyse_answer("", self.language), allow_follow_up=False)
        elif s.interviewer_turns >= HARD_TURN_CAP - 1:
            move = self._close_move()
        else:
            if s.current_topic is not None:
                s.topic(s.current_topic).talked = True  # answered; not asked again
            if s.phase == "disclosure":
                s.phase = s.resume_phase or "guide"
                s.resume_phase = None
            move = self._next(s)
        message = self._template_wording(move, s)
        return self._reply(s, move, message, {"engine": ENGINE_NAME, "phraser": "templates", "recovered": True}, [])

    def _reply(
        self, s: ConversationState, move: Move, message: str, produced_by: dict[str, Any], new_flags: list[Flag]
    ) -> EngineReply:
        """Record the worded move in ``s`` (in place) and package the reply."""
        s.said.append(message)
        s.interviewer_turns += 1
        s.last_move = move
        s.flags.extend(new_flags)
        if move.kind == "close":
            s.closed = True
            s.phase = "closed"
            s.current_topic = None
            s.progress = 1.0
        else:
            s.progress = max(s.progress, self._estimate_progress(s))
        return EngineReply(s, [message], s.closed, new_flags, s.progress, move, (produced_by,))

    def plan(self, state: ConversationState, text: str, skip_topic: bool = False) -> tuple[Move, ConversationState]:
        """The move :meth:`respond` will make for ``text`` and the state it is worded in, without wording it.

        For phrasing ahead (a language model outside a database lock, or streamed to the page): the engine is
        deterministic, so ``respond`` on the same state and answer makes the same move. ``state`` is not
        changed. On a closed conversation the move is the last one.
        """
        s = state.copy()
        if s.closed:
            return (s.last_move or Move("close", language=self.language)), s
        move, _flags = self._advance(s, text, skip_topic)
        return move, s

    def _advance(self, s: ConversationState, text: str, skip_topic: bool) -> tuple[Move, list[Flag]]:
        """Take the answer into ``s`` (in place) and decide the next move."""
        text = text.strip()
        sig = analyse_answer(text, self.language)
        s.answers.append({"topic": s.current_topic, "phase": s.phase, "text": text})
        s.turns += 1
        s.answer_words.append(sig.word_count)
        s.dont_knows.append(sig.dont_know)
        self._record_closing_answer(s, text)

        new_flags: list[Flag] = []
        contradiction = self._contradiction(s, sig)
        if s.phase in ("opening", "story", "guide"):
            self._take_notes(s, sig)
        move = self._decide(s, sig, text, skip_topic, contradiction, new_flags)
        return move, new_flags

    # ----------------------------------------------------------------------------------------- deciding

    def _decide(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        text: str,
        skip_topic: bool,
        contradiction: tuple[Mention, str] | None,
        new_flags: list[Flag],
    ) -> Move:
        cur = s.current_topic
        lang = self.language
        in_topics = s.phase in ("opening", "story", "guide")

        # Safety first: a serious disclosure stops all probing and goes to a human.
        if sig.disclosures:
            d = sig.disclosures[0]
            topic = cur or _DISCLOSURE_THEME.get(d.kind, "culture")
            again = d.kind in s.disclosed_kinds or (in_topics and self._touches_disclosure(s, sig, text))
            if again and in_topics:
                # the leaver comes back to what was already disclosed and flagged: acknowledge, never probe
                return self._leave_disclosed_matter(s, sig, text)
            new_flags.append(Flag("serious_disclosure", topic, d.context[:200]))
            if s.phase != "disclosure" and s.interviewer_turns < HARD_TURN_CAP - 2:
                s.resume_phase = s.phase
                s.phase = "disclosure"
                self._record_disclosure(s, sig, text, d.kind, cur)
                s.current_topic = None
                return Move("disclosure", topic=topic, language=lang, quote=d.phrase)

        if s.interviewer_turns >= HARD_TURN_CAP - 1:
            return self._close_move()

        if in_topics and s.sensitive_topics and self._touches_disclosure(s, sig, text):
            # a later answer that returns to the disclosed matter: acknowledge without probing, move on
            return self._leave_disclosed_matter(s, sig, text)

        if s.phase == "disclosure":
            s.disclosure_wishes.append(text)
            s.phase = s.resume_phase or "guide"
            s.resume_phase = None
            if s.phase in CLOSING_PHASES:
                return self._closing_next(s, sig, preface="after_disclosure")
            return self._next(s, preface="after_disclosure")

        if sig.distress or sig.refusal:
            if sig.distress:
                new_flags.append(Flag("distress", cur, (sig.distress.context or text)[:200]))
            preface = "distress" if sig.distress else "refusal"
            if s.phase in CLOSING_PHASES:
                return self._closing_next(s, sig, preface=preface, ack_kind="refusal_ack", allow_follow_up=False)
            self._drop_topic(s, cur, "refused")
            return self._next(s, preface=preface, ack_kind="refusal_ack")

        if skip_topic or sig.skip_request:
            if s.phase in CLOSING_PHASES:
                return self._closing_next(s, sig, preface="skip", ack_kind="skip_ack", allow_follow_up=False)
            self._drop_topic(s, cur, "skipped")
            return self._next(s, preface="skip", ack_kind="skip_ack")

        if s.phase in CLOSING_PHASES:
            return self._closing_next(s, sig)

        if not s.fatigue and self._tired(s):
            s.fatigue = True
            return self._next(s, preface="near_end")

        if cur is None:
            s.phase = "story"
            chosen = self._most_relevant(s, sig)
            if chosen is not None:
                cur = chosen.theme
                s.current_topic = cur
                tp = s.topic(cur)
                tp.status = "active"
                tp.raised_by_leaver = True
                tp.quote = chosen.phrase
                # said with weight (a complaint or a feeling), the theme is talked about, not just named
                tp.talked = tp.talked or chosen.polarity == "neg" or bool(sig.emotions)
                # the story's probe kinds are not repeated on its first theme
                tp.probes = list(s.topic(STORY).probes)
        elif cur is not None:
            self._mark_talked(s, sig, cur)
        self._add_threads(s, sig, cur)

        move, accepted = self._follow_up(s, sig, cur, contradiction)
        if move is not None:
            return move
        extra = self._extra_question(s, cur)
        if extra is not None:
            return extra
        return self._next(s, preface="accept" if accepted else "bridge")

    def _follow_up(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        cur: str | None,
        contradiction: tuple[Mention, str] | None,
    ) -> tuple[Move | None, bool]:
        """A follow-up on the current topic, or None (saturated, budget spent, or thin answers accepted)."""
        key = cur or STORY
        tp = s.topic(key)
        lang = self.language
        if sig.specificity:
            _add(tp.known, "example")
        if sig.has_cause:
            _add(tp.known, "cause")
        if sig.has_effect:
            _add(tp.known, "effect")
        if key in s.sensitive_topics:
            return None, False  # related to a disclosed matter: at most the plain topic question
        if sig.nothing_more:
            return None, True  # the leaver says there is nothing more to it: accept, do not ask again
        thin = sig.is_thin
        if thin:
            tp.thin += 1
            # two thin answers on a topic (one when the leaver is tired): accept and move on
            if tp.thin >= 2 or (s.fatigue and tp.thin >= 1 and tp.follow_ups >= 1):
                return None, True
        if tp.follow_ups >= self._cap(s, key):
            return None, False

        own = next((m for m in sig.mentions if m.theme == cur), None)
        default_quote = _quotable((own.phrase if own else None) or next(iter(sig.key_phrases), None), lang)
        if thin and not own:
            # "weet ik niet" or "prima" is not worth quoting back; the topic label carries the question
            default_quote = None
        last_probe = tp.probes[-1] if tp.probes else None
        cands: list[Move] = []

        def add(
            kind: str,
            probe: str,
            quote: str | None = None,
            *,
            quote2: str | None = None,
            feeling: str | None = None,
            feeling_ref: str | None = None,
            role: str | None = None,
            preface: str | None = None,
        ) -> None:
            cands.append(
                Move(
                    kind,
                    topic=cur,
                    probe=probe,
                    quote=_quotable(quote, lang),
                    language=lang,
                    quote2=quote2,
                    feeling=feeling,
                    feeling_ref=feeling_ref,
                    role=role,
                    preface=preface,
                )
            )

        if contradiction is not None:
            mention, earlier = contradiction
            add("contradiction", "contradiction", mention.phrase, quote2=earlier)
        heard = next((h for h in sig.hearsay if _about(h.context, cur, lang)), None)
        if heard is not None:
            # what was heard goes back as a question about what the leaver saw or experienced themselves;
            # hearsay about another theme waits on the threads list and is asked that way when we get there
            add("follow_up", "own_experience", heard.context)
        if sig.emotions:
            e = sig.emotions[0]
            noun, ref = FEELINGS[lang].get(e.kind, FEELINGS[lang]["frustration"])
            add("reflect_and_ask", "cause_of_feeling", e.context, feeling=noun, feeling_ref=ref, preface="emotion")
        if sig.hedges and not thin:
            # what the hedge softens is usually the theme it sits next to
            h = own.phrase if own else _best_hedge(sig, lang)
            if h:
                add("reflect_and_ask", "behind_hedge", h, preface="hedge")
        if sig.generalisations:
            add("follow_up", "recent_example", sig.generalisations[0].context)
        if last_probe == "recent_example":
            add("follow_up", "frequency", tp.quote)
        if sig.easy_reasons:
            add("follow_up", "push_pull", sig.easy_reasons[0].context)
        if last_probe == "push_pull" and not sig.specificity and not sig.mentions:
            add("follow_up", "decisive_moment", None)
        if sig.named_people:
            add("follow_up", "behaviour_effect", None, role=sig.named_people[0].context)
        bare = next((m for m in sig.bare_themes if m.theme == cur), sig.bare_themes[0] if sig.bare_themes else None)
        if bare is not None and not sig.is_vague:
            # a theme named without detail ("de communicatie"); "shift manager was okay" is a thin answer
            add("follow_up", "practice", bare.phrase)
        if last_probe == "practice":
            add("follow_up", "situation", tp.quote)
        if thin:
            # a concrete occurrence, of a different kind than the last probe for a thin answer
            for probe in CONCRETE_PROBES:
                if probe != s.last_vague_probe:
                    add("follow_up", probe, default_quote if probe != "moment" else None)
        elif not cands and {"example", "cause", "effect"} <= set(tp.known) and tp.follow_ups >= 2:
            return None, False  # saturated: example, cause and effect are known
        if not thin:
            if "situation" in tp.probes or "example" in tp.probes:
                add("follow_up", "own_action", None)
            if "example" not in tp.known:
                add("follow_up", "example", default_quote)
            if "effect" not in tp.known:
                add("follow_up", "effect", default_quote)
            if "cause" not in tp.known:
                add("follow_up", "cause", default_quote)
            topic = self.guide.topic(key)
            for probe in topic.follow_ups if topic else ():
                add("follow_up", probe, default_quote)
            # the answer still brought new material: go on asking, with a kind of probe not used yet
            for probe in DEPTH_PROBES:
                add("follow_up", probe, default_quote)

        for move in cands:
            if move.probe in tp.probes and move.probe != "contradiction":
                continue
            if move.probe == "contradiction" and cur in s.contradictions:
                continue
            tp.follow_ups += 1
            tp.probes.append(move.probe or "")
            if move.quote:
                tp.quote = move.quote
            if move.probe in VAGUE_PROBES and thin:
                s.last_vague_probe = move.probe
            if move.probe == "contradiction" and cur:
                s.contradictions.append(cur)
            if key == STORY and tp.status == "open":
                tp.status = "active"
            return move, False
        return None, False

    def _extra_question(self, s: ConversationState, cur: str | None) -> Move | None:
        """An organisation's own question for this topic, asked verbatim after the follow-ups."""
        topic = self.guide.topic(cur) if cur else None
        if topic is None or not topic.extra_questions:
            return None
        tp = s.topic(topic.id)
        if tp.extra_asked >= len(topic.extra_questions) or self._remaining(s) <= len(self._pending(s, cur)) + 1:
            return None
        question = topic.extra_questions[tp.extra_asked]
        tp.extra_asked += 1
        return Move("extra_question", topic=topic.id, language=self.language, question=question)

    def _next(self, s: ConversationState, preface: str | None = None, ack_kind: str | None = None) -> Move:
        """Leave the current topic: an open thread, else the next guide topic, else the closing sequence."""
        cur = s.current_topic
        if cur and s.topic(cur).status == "active":
            if s.topic(cur).talked or cur in s.sensitive_topics:
                s.topic(cur).status = "covered"
            else:
                # only named in passing, never talked about: its own question can still come later
                s.topics[cur] = TopicProgress()
        if s.topic(STORY).status == "active":
            s.topic(STORY).status = "covered"
        s.current_topic = None
        kind_for = ack_kind or (
            "bridge" if preface in ("bridge", "accept", "after_disclosure", "disclosure_again") else None
        )
        fatigue_room = not s.fatigue or s.topics_after_fatigue < 1
        if self._remaining(s) >= 2 and fatigue_room:
            while s.threads:
                thread = s.threads.pop(0)
                thread_topic = thread["topic"]
                tp = s.topic(thread_topic)
                if tp.status != "open" or thread_topic == cur or self._sensitive_thread(s, thread):
                    continue
                tp.status = "active"
                tp.raised_by_leaver = True
                tp.quote = thread["phrase"]
                s.current_topic = thread_topic
                if s.phase not in ("guide",):
                    s.phase = "story"
                if s.fatigue:
                    s.topics_after_fatigue += 1
                hearsay = thread.get("kind") == "hearsay"
                if hearsay:
                    tp.probes.append("own_experience")
                return Move(
                    kind_for or "return_thread",
                    topic=thread_topic,
                    probe="own_experience" if hearsay else None,
                    quote=thread["phrase"],
                    language=self.language,
                    preface=preface,
                    target="return_thread",
                )
            for topic_id in self._order:
                topic = self.guide.topic(topic_id)
                assert topic is not None
                tp = s.topic(topic_id)
                if tp.status != "open" or topic_id == cur or (s.fatigue and topic.optional):
                    continue
                tp.status = "active"
                tp.talked = True  # its own question: whatever the answer, the topic was asked and answered
                s.current_topic = topic_id
                s.phase = "guide"
                if s.fatigue:
                    s.topics_after_fatigue += 1
                return Move(
                    kind_for or "topic_question",
                    topic=topic_id,
                    language=self.language,
                    preface=preface,
                    target="topic_question",
                    question=topic.question,
                    label=topic.label,
                )
        s.phase = "stay"
        return Move(
            kind_for or "stay",
            language=self.language,
            preface=preface,
            target="stay",
            question=self.guide.closing["stay"],
        )

    def _closing_next(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        preface: str | None = None,
        ack_kind: str | None = None,
        allow_follow_up: bool = True,
    ) -> Move:
        """The next step of the closing sequence: stay → when → keep → change → anything else → summary."""
        lang = self.language
        phase = s.phase
        if (
            phase == "anything_else"
            and allow_follow_up
            and not s.anything_else_followed
            and not sig.is_thin
            and not _is_no(s.answers[-1]["text"] or "")
            and not sig.nothing_more
            and not self._touches_disclosure(s, sig, s.answers[-1]["text"] or "")
            and s.interviewer_turns + 3 < HARD_TURN_CAP
        ):
            s.anything_else_followed = True
            mention = sig.mentions[0] if sig.mentions else None
            quote = mention.phrase if mention else (sig.key_phrases[0] if sig.key_phrases else None)
            probe = "example" if not sig.specificity else "effect"
            return Move("follow_up", topic=mention.theme if mention else None, probe=probe, quote=quote, language=lang)
        order = self._closing_order(s)
        if phase == "summary" or s.interviewer_turns >= HARD_TURN_CAP - 1:
            return self._close_move(preface if ack_kind else None, ack_kind)
        idx = order.index(phase) + 1 if phase in order else 0
        nxt = order[idx] if idx < len(order) else "summary"
        if s.interviewer_turns >= HARD_TURN_CAP - 2:
            nxt = "summary"
        s.phase = nxt
        kind_for = ack_kind or ("bridge" if preface == "after_disclosure" else None)
        points = self._summary_points(s) if nxt == "summary" else ()
        return Move(
            kind_for or nxt,
            language=lang,
            preface=preface,
            target=nxt,
            question=self.guide.closing[nxt],
            points=points,
        )

    def _close_move(self, preface: str | None = None, ack_kind: str | None = None) -> Move:
        return Move(
            "close",
            language=self.language,
            question=self.guide.closing["thanks"],
            preface=preface if ack_kind else None,
        )

    # ------------------------------------------------------------------------------------------- helpers

    def _closing_order(self, s: ConversationState) -> list[str]:
        order = ["stay", "stay_when", "advice_keep", "advice_change", "anything_else", "summary"]
        if s.fatigue:
            # a tired leaver gets the essentials only
            order = [p for p in order if p not in ("stay_when", "anything_else")]
        return order

    def _closing_len(self, s: ConversationState) -> int:
        return len(self._closing_order(s)) + 1  # + the closing thanks

    def _remaining(self, s: ConversationState) -> int:
        """Messages still available for topics before the closing sequence must start."""
        return self.guide.max_turns - self._closing_len(s) - s.interviewer_turns

    def _pending(self, s: ConversationState, exclude: str | None) -> list[str]:
        pending: list[str] = []
        for thread in s.threads:
            if thread["topic"] != exclude and s.topic(thread["topic"]).status == "open":
                _add(pending, thread["topic"])
        for topic in self.guide.topics:
            if topic.id == exclude or (s.fatigue and topic.optional):
                continue
            if s.topic(topic.id).status == "open":
                _add(pending, topic.id)
        if s.fatigue:
            return pending[: max(0, 1 - s.topics_after_fatigue)]
        return pending

    def _cap(self, s: ConversationState, key: str) -> int:
        """How many follow-ups this topic may have, given the budget left for the topics still to come."""
        tp = s.topic(key)
        if key in LIGHT_TOPICS or s.fatigue:
            return 1
        remaining = self._remaining(s)
        pending = len(self._pending(s, key))
        if remaining <= 1:
            return tp.follow_ups  # no room: the closing sequence starts now
        # Depth while every pending topic can still get its question and one follow-up; the leaver's own
        # threads may use the room of the optional guide topics. Always one follow-up per topic: it is
        # where the unstated reasons come out.
        optional = sum(1 for t in self._pending(s, key) if (g := self.guide.topic(t)) is not None and g.optional)
        needed = 2 * pending - (2 * optional if tp.raised_by_leaver or key == STORY else 0)
        spare = remaining - 1 - needed
        return max(1, min(MAX_FOLLOW_UPS, tp.follow_ups + 1 if spare >= 0 else 1))

    def _tired(self, s: ConversationState) -> bool:
        """Fatigue from history: more "weet ik niet", answers getting shorter, or very short in a row."""
        words = s.answer_words
        if len(words) < 4:
            return False
        if sum(s.dont_knows[-3:]) >= 2:
            return True
        if all(w <= 3 for w in words[-3:]):
            return True
        last4 = words[-4:]
        return last4[0] >= 10 and last4[0] > last4[1] > last4[2] > last4[3] and last4[3] <= 3

    def _drop_topic(self, s: ConversationState, topic: str | None, status: str) -> None:
        """Skipped or refused: mark it and forget its threads, so it never comes back."""
        if topic is None:
            topic = STORY
        s.topic(topic).status = status
        s.threads = [t for t in s.threads if t["topic"] != topic]

    def _most_relevant(self, s: ConversationState, sig: AnswerSignals) -> Mention | None:
        """Of several threads in one answer: the one carrying feeling or complaint, else the first named."""
        best: Mention | None = None
        best_score = -1e9
        emotion_words = {w.lower() for e in sig.emotions for w in e.context.split()}
        for index, mention in enumerate(sig.mentions):
            if s.topic(mention.theme).status not in ("open", "active"):
                continue
            score = -0.1 * index
            if mention.polarity == "neg":
                score += 2
            if emotion_words & {w.lower() for w in mention.phrase.split()}:
                score += 3
            if self.guide.topic(mention.theme) is not None:
                score += 1
            if mention.theme in LIGHT_TOPICS:
                score -= 2
            if score > best_score:
                best, best_score = mention, score
        return best

    def _add_threads(self, s: ConversationState, sig: AnswerSignals, cur: str | None) -> None:
        # In the story every theme is a thread; later only what the leaver says with some weight
        # (a complaint or a feeling), so a passing "collega's" does not become a topic of its own.
        story = s.phase == "story" and s.turns <= 2
        heard = [c.context.lower() for c in sig.hearsay]
        for mention in sig.mentions:
            if mention.theme == cur or s.topic(mention.theme).status != "open":
                continue
            if mention.theme in s.sensitive_topics:
                continue
            hearsay = any(mention.term.lower() in h for h in heard)
            if not (story or mention.polarity == "neg" or sig.emotions or hearsay or mention.theme in WEIGHTY_THEMES):
                continue
            if any(t["topic"] == mention.theme for t in s.threads):
                continue
            thread = {"topic": mention.theme, "phrase": mention.phrase}
            if hearsay:
                # what was only heard: the way back to it asks what the leaver saw or experienced themselves
                thread = {"topic": mention.theme, "phrase": next(h.context for h in sig.hearsay), "kind": "hearsay"}
            s.threads.append(thread)
            s.topic(mention.theme).raised_by_leaver = True

    def _mark_talked(self, s: ConversationState, sig: AnswerSignals, cur: str) -> None:
        """The leaver talked about ``cur`` itself, not about something its keyword was said next to.

        Either the answer names the theme, or it answers with substance a question that was about the
        theme: one in the topic's own terms, not one quoting words from another matter.
        """
        if sig.nothing_more:
            return
        if cur in sig.themes:
            s.topic(cur).talked = True
            return
        last = s.last_move
        if sig.is_thin or last is None or last.topic != cur:
            return
        if last.quote is None or cur in analyse_answer(last.quote, self.language).themes:
            s.topic(cur).talked = True

    def _record_disclosure(
        self, s: ConversationState, sig: AnswerSignals, text: str, kind: str, cur: str | None
    ) -> None:
        """Remember what was disclosed, so it is never probed again on any topic (docs/interviewing.md)."""
        _add(s.disclosed_kinds, kind)
        themes = {cur, _DISCLOSURE_THEME.get(kind, "culture"), *(m.theme for m in sig.mentions)} - {None}
        for theme in sorted(str(t) for t in themes):
            _add(s.sensitive_topics, theme)
            if s.topic(theme).status in ("open", "active"):
                s.topic(theme).status = "covered"
        # the words of the matter: this answer and the leaver's earlier answers on the same topic
        earlier = s.answers[:-1]
        sources = [text] + [str(a["text"] or "") for a in earlier[-1:] + [a for a in earlier if a["topic"] == cur]]
        for source in sources:
            for word in _content_words(source):
                _add(s.sensitive_words, word)
        # threads said in the same breath ("de sfeer in het team ...") belong to the matter too
        s.threads = [t for t in s.threads if not self._sensitive_thread(s, t)]

    def _sensitive_thread(self, s: ConversationState, thread: dict[str, str]) -> bool:
        if thread["topic"] in s.sensitive_topics:
            return True
        return any(w in s.sensitive_words for w in _content_words(thread["phrase"]))

    def _touches_disclosure(self, s: ConversationState, sig: AnswerSignals, text: str) -> bool:
        """The answer returns to a disclosed matter: its theme, or largely its words."""
        if not s.sensitive_topics:
            return False
        if any(m.theme in s.sensitive_topics for m in sig.mentions):
            return True
        words = _content_words(text)
        shared = [w for w in words if w in s.sensitive_words]
        return len(shared) >= 3 or (len(words) > 0 and len(shared) * 2 >= len(words) and len(shared) >= 2)

    def _leave_disclosed_matter(self, s: ConversationState, sig: AnswerSignals, text: str) -> Move:
        """Acknowledge a return to what was disclosed, probe nothing, and go on with another topic."""
        cur = s.current_topic
        if cur is not None and s.topic(cur).status == "active":
            s.topic(cur).status = "covered"
        for m in sig.mentions:
            _add(s.sensitive_topics, m.theme)
        s.threads = [t for t in s.threads if not self._sensitive_thread(s, t)]
        return self._next(s, preface="disclosure_again")

    def _take_notes(self, s: ConversationState, sig: AnswerSignals) -> None:
        for m in sig.mentions:
            s.notes.append({"theme": m.theme, "phrase": m.phrase, "polarity": m.polarity, "turn": s.turns})

    def _contradiction(self, s: ConversationState, sig: AnswerSignals) -> tuple[Mention, str] | None:
        """A theme now spoken of with the opposite tone to earlier: both go side by side."""
        if s.phase not in ("story", "guide"):
            return None
        for m in sig.mentions:
            if m.polarity is None or m.theme in s.contradictions:
                continue
            for note in s.notes:
                if any(w in s.sensitive_words for w in _content_words(str(note["phrase"]))):
                    continue  # words of a disclosed matter are never put back to the leaver
                if note["theme"] == m.theme and note["polarity"] not in (None, m.polarity):
                    return m, str(note["phrase"])
        return None

    def _record_closing_answer(self, s: ConversationState, text: str) -> None:
        if s.phase == "stay":
            s.stay_answer = text
        elif s.phase == "stay_when":
            s.stay_when_answer = text
        elif s.phase == "advice_keep":
            s.advice["keep"] = text
        elif s.phase == "advice_change":
            s.advice["change"] = text
        elif s.phase == "anything_else":
            s.anything_else_answer = f"{s.anything_else_answer}\n{text}" if s.anything_else_answer else text
        elif s.phase == "summary":
            s.summary_correction = text

    def _summary_points(self, s: ConversationState) -> tuple[tuple[str, str], ...]:
        """Up to three themes the leaver raised, complaints first, each with their own words."""
        seen: list[str] = []
        ordered = sorted(s.notes, key=lambda n: (n["polarity"] != "neg", n["turn"]))
        points: list[tuple[str, str]] = []
        for note in ordered:
            theme = str(note["theme"])
            if theme in seen or s.topic(theme).status in ("refused", "skipped"):
                continue
            if note["polarity"] != "neg" and not s.topic(theme).raised_by_leaver:
                continue  # a passing mention is not a reason
            seen.append(theme)
            label = TOPIC_LABELS[self.language].get(theme, theme)
            # health and personal life are special: named, never quoted
            quote = "" if theme in LIGHT_TOPICS else str(note["phrase"])
            points.append((label, quote))
            if len(points) == 3:
                break
        return tuple(points)

    def _estimate_progress(self, s: ConversationState) -> float:
        done = s.interviewer_turns
        if s.phase in CLOSING_PHASES:
            order = self._closing_order(s)
            left = len(order) - (order.index(s.phase) if s.phase in order else 0)
        else:
            pending = len(self._pending(s, s.current_topic))
            left = min(self._closing_len(s) + 2 * pending + 1, self.guide.max_turns - done + 1)
        return min(0.99, done / max(1, done + left))

    def _phrase(self, move: Move, s: ConversationState) -> str:
        """Word the move with the configured phraser; fall back to templates on any rule violation."""
        return self._phrase_traced(move, s)[0]

    def _phrase_traced(self, move: Move, s: ConversationState) -> tuple[str, dict[str, Any]]:
        """The wording of ``move`` and who produced it (see :attr:`EngineReply.produced_by`)."""
        produced_by: dict[str, Any] = {"engine": ENGINE_NAME, "phraser": "templates"}
        if self.phraser is not self.templates:
            try:
                text = self.phraser.phrase(move, s, self.guide)
                if isinstance(text, str):
                    problems = check_question(text, move, s)
                    if not problems:
                        describe = getattr(self.phraser, "describe", None)
                        own = describe() if callable(describe) else {"phraser": type(self.phraser).__name__}
                        return text.strip(), {"engine": ENGINE_NAME, **own}
                    logger.info("phraser output rejected (%s): %s", move.kind, "; ".join(problems))
                    produced_by["fallback"] = "rejected: " + "; ".join(problems)
                else:
                    produced_by["fallback"] = "not text"
            except PhraserDeclined:
                pass  # the phraser leaves this kind of move to the templates: not a failure
            except Exception as exc:  # a phraser (language model) failing must never break the interview
                logger.warning("phraser failed (%s); falling back to templates", exc)
                produced_by["fallback"] = str(getattr(exc, "kind", "")) or type(exc).__name__
        return self._template_wording(move, s), produced_by

    def _template_wording(self, move: Move, s: ConversationState) -> str:
        candidates = self.templates.candidates(move, s, self.guide)
        for text in candidates:
            if not check_question(text, move, s):
                return text
        # Every wording broke a rule (a repeat, a theme in a preface): the same move without its preface,
        # then without the quote, then the neutral fallbacks. Never send a message that breaks a rule.
        variants = []
        if move.preface:
            variants.append(replace(move, preface=None))
        if move.quote:
            variants.append(replace(move, quote=None, preface=None))
        for variant in variants:
            for text in self.templates.candidates(variant, s, self.guide):
                if not check_question(text, variant, s):
                    return text
        for text in self.templates.fallbacks(move, s, self.guide):
            if not check_question(text, move, s):
                return text
        if candidates:
            logger.warning(
                "no template passed all checks for %s: %s", move.kind, check_question(candidates[0], move, s)
            )
            return candidates[0]
        return topic_label(move.topic, self.language, self.guide)


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _best_hedge(sig: AnswerSignals, language: str) -> str | None:
    # The longest substantive hedge context says most about what the leaver is holding back.
    quotable = [q for h in sig.hedges if (q := _quotable(h.context, language))]
    return max(quotable, key=len) if quotable else None


def _about(phrase: str, topic: str | None, language: str) -> bool:
    """The phrase is about ``topic``, or names no theme at all (then it belongs to what is being discussed)."""
    themes = analyse_answer(phrase, language).themes
    return not themes or topic in themes


def _content_words(text: str) -> list[str]:
    """Words that carry the matter of an answer (for recognising a return to a disclosed matter)."""
    out: list[str] = []
    for w in _WORD_RX.findall(text.lower()):
        if len(w) >= 4 and w not in _STOP and w not in _FILLER:
            _add(out, w)
    return out


def _quotable(phrase: str | None, language: str) -> str | None:
    """The phrase if it is worth quoting back: it holds a word of substance, not filler only."""
    if not phrase:
        return None
    words = _WORD_RX.findall(phrase.lower())
    if any(len(w) >= 4 and w not in _FILLER and w not in _STOP for w in words):
        return phrase
    return None


def _is_no(text: str) -> bool:
    low = text.lower().strip(" .!")
    return any(low == n or low.startswith(n + " ") or low.startswith(n + ",") for n in _NO_ANSWERS)
