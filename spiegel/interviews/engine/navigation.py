"""Where the conversation goes next: threads, guide topics, budgets, fatigue, and the memory of disclosures.

The base of the engine's parts (policy, follow-ups, closing): it holds the guide and the case context and
knows which topics are still to come and how much room is left for them.
"""

from __future__ import annotations

from spiegel.language.cues import AnswerSignals, Mention
from spiegel.language.lemmas import lemma

from .care_words import incident_words, returns_to
from .context import CaseContext
from .guide import Guide
from .state import CLOSING_PHASES, ConversationState, Move, TopicProgress
from .wording import content_words, feeling_words, is_clause, matter_phrase

# A topic the leaver raised by a feeling only ("exhausted"): it is named by that feeling, never by its label.
BY_FEELING = "by_feeling"

HARD_TURN_CAP = 35  # interviewer messages, opening and close included; never exceeded
STORY = "_story"  # pseudo-topic for the opening story before the leaver names a theme
LIGHT_TOPICS = frozenset({"wellbeing", "personal", "retirement"})  # followed gently, once
MAX_FOLLOW_UPS = 3  # per topic (docs/interviewing.md: 2–3 follow-ups per topic at most)
DISCLOSURE_THEME = {
    "harassment": "culture",
    "discrimination": "culture",
    "integrity": "culture",  # values and speaking up (docs/taxonomy.md), not the organisation's processes
    "safety": "conditions",
    "violence": "culture",
}


class Navigator:
    """Topic navigation and bookkeeping shared by every part of the engine."""

    guide: Guide
    language: str
    context: CaseContext
    _order: list[str]

    def _setup(self, guide: Guide, context: CaseContext | None) -> None:
        self.guide = guide
        self.language = guide.language
        self.context = context if context is not None else CaseContext()
        self._order = [t.id for t in guide.ordered_topics()]

    def _close_move(self, preface: str | None = None, ack_kind: str | None = None) -> Move:
        return Move(
            "close",
            language=self.language,
            question=self.guide.closing["thanks"],
            preface=preface if ack_kind else None,
        )

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
            if "pulled" in s.topic(cur).known and cur not in s.sensitive_topics:
                # named as what draws the leaver elsewhere ("more interesting technology"): how it was here is
                # still the guide's question
                s.topics[cur] = TopicProgress(raised_by_leaver=True)
            elif s.topic(cur).talked or cur in s.sensitive_topics:
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
            move = self._return_thread(s, cur, kind_for, preface) or self._guide_topic(s, cur, kind_for, preface)
            if move is not None:
                return move
        s.phase = "stay"
        return Move(
            kind_for or "stay",
            language=self.language,
            preface=preface,
            target="stay",
            question=self.guide.closing["stay"],
        )

    def _return_thread(
        self, s: ConversationState, cur: str | None, kind_for: str | None, preface: str | None
    ) -> Move | None:
        """Back to the first open thread of the leaver's that is not told yet, or None."""
        while s.threads:
            thread = s.threads.pop(0)
            thread_topic = thread["topic"]
            tp = s.topic(thread_topic)
            if tp.status != "open" or thread_topic == cur or self._sensitive_thread(s, thread):
                continue
            if self._told_since(s, thread):
                continue  # "op de avonddienst stonden we met z'n tweeën ...": asking for it again is not listening
            tp.status = "active"
            tp.raised_by_leaver = True
            # a thing named by a clause is asked back once as said ("Je zei eerder dat ..."), never put
            # after "over"/"about" in a later question
            tp.quote = None if is_clause(thread["phrase"]) else (thread["phrase"] or None)
            s.current_topic = thread_topic
            if s.phase not in ("guide",):
                s.phase = "story"
            if s.fatigue:
                s.topics_after_fatigue += 1
            hearsay = thread.get("kind") == "hearsay"
            if hearsay:
                tp.probes.append("own_experience")
            feeling = feeling_words(self.language, thread["feeling"]) if thread.get("feeling") else None
            by_feeling = feeling is not None and not thread["phrase"]
            if feeling is not None and by_feeling:
                tp.quote = feeling[1]  # "die vermoeidheid", "that exhaustion": the leaver's matter, in our words
                tp.known.append(BY_FEELING)
            return Move(
                kind_for or "return_thread",
                topic=thread_topic,
                probe="own_experience" if hearsay else None,
                quote=thread["phrase"] or None,
                language=self.language,
                preface=preface,
                target="return_thread",
                feeling=feeling[0] if feeling and by_feeling else None,
                feeling_ref=feeling[1] if feeling and by_feeling else None,
            )
        return None

    def _guide_topic(
        self, s: ConversationState, cur: str | None, kind_for: str | None, preface: str | None
    ) -> Move | None:
        """The next open guide topic's question (or a follow-up when the leaver has begun on it), or None."""
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
            told = self._just_told(s, topic_id)
            if told is not None and not s.calm:
                # "mijn teamleider was aardig, maar ...": the leaver has begun on it; asking "how was your
                # manager?" now would not be listening, so the answer is followed up instead
                tp.raised_by_leaver = True
                tp.follow_ups += 1
                tp.probes.append("example")
                tp.quote = told or tp.quote
                return Move(
                    kind_for or "follow_up",
                    topic=topic_id,
                    probe="example",
                    quote=told or None,
                    language=self.language,
                    preface=preface,
                    target="follow_up",
                )
            return Move(
                kind_for or "topic_question",
                topic=topic_id,
                language=self.language,
                preface=preface,
                target="topic_question",
                question=topic.question,
                label=topic.label,
            )
        return None

    def _just_told(self, s: ConversationState, topic: str) -> str | None:
        """What the leaver's last answer said on ``topic`` unasked: its matter phrase ("je teamleider"), "" when
        it has none, None when the last answer was not about the topic (or said nothing of weight on it)."""
        notes = [n for n in s.notes if n["turn"] == s.turns and n["theme"] == topic]
        if not notes or not s.answers or len(str(s.answers[-1].get("text") or "").split()) < 6:
            return None
        return next((str(n["matter"]) for n in notes if n.get("matter")), "")

    def _told_since(self, s: ConversationState, thread: dict[str, str]) -> bool:
        """The leaver has told about the thread's thing in an answer after the one that named it.

        Only a thing named in a short phrase counts ("de avonddiensten": an answer about "de avonddienst");
        what was only heard, and a thing named by a clause, are still asked about their own way.
        """
        turn, phrase = thread.get("turn", ""), thread.get("phrase", "")
        if not turn.isdigit() or not phrase or thread.get("kind") == "hearsay" or is_clause(phrase):
            return False
        words = phrase.split()
        if len(words) > 3:
            return False
        head = lemma(words[-1].lower(), self.language)
        for answer in s.answers[int(turn) :]:
            told = str(answer.get("text") or "")
            if len(told.split()) >= 6 and head in {lemma(w, self.language) for w in content_words(told)}:
                return True
        return False

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
        if key in LIGHT_TOPICS or s.fatigue or s.calm:
            return 1  # gently; and after a complaint, fewer probes
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
        if status == "skipped":
            # what the leaver said just before "volgende onderwerp" goes with the topic they leave: "Ik werkte in
            # de keuken." / "volgende onderwerp" is never followed by "Ik wil nog even terugkomen op de keuken."
            before = str(s.turns - 1)
            s.threads = [t for t in s.threads if str(t.get("turn")) != before]

    def _store_disclosure(
        self, s: ConversationState, sig: AnswerSignals, text: str, kind: str, cur: str | None
    ) -> None:
        """Remember the incident, so that it is never probed again; its theme and the people named in it stay
        open (docs/interviewing.md: only the disclosed matter is not probed)."""
        _add(s.disclosed_kinds, kind)
        themes = {cur, DISCLOSURE_THEME.get(kind, "culture"), *(m.theme for m in sig.mentions)} - {None}
        for theme in sorted(str(t) for t in themes):
            # told about now (the person it concerns too): not asked again as a fresh guide question, but
            # the leaver may come back to it and is then followed as on any topic
            if s.topic(theme).status in ("open", "active"):
                s.topic(theme).status = "covered"
        before = str(s.answers[-2]["text"] or "") if len(s.answers) >= 2 else ""
        words = incident_words(text, before, [p.phrase for p in sig.named_people])
        s.incidents.append(words)
        for word in words:
            _add(s.sensitive_words, word)
        # threads said in the same breath belong to the incident; threads named only by a thing, in the story
        # before the disclosure, may belong to it too: dropped
        s.threads = [t for t in s.threads if not self._sensitive_thread(s, t) and not t["topic"].startswith("_matter")]

    def _incidents(self, s: ConversationState) -> list[list[str]]:
        """The words of each disclosed incident (a state from before incidents were kept: one, all its words)."""
        return s.incidents or ([s.sensitive_words] if s.sensitive_words else [])

    def _sensitive_thread(self, s: ConversationState, thread: dict[str, str]) -> bool:
        if thread["topic"] in s.sensitive_topics:
            return True
        words = content_words(f"{thread['phrase']} {thread.get('words', '')}")
        return any(len([w for w in words if w in incident]) >= 2 for incident in self._incidents(s))

    def _touches_disclosure(self, s: ConversationState, sig: AnswerSignals, text: str) -> bool:
        """The answer returns to a disclosed incident: several of its words, not merely its theme ("a colleague
        swapped her Saturday with me" is a new story on that theme, not a return to what was disclosed)."""
        return any(returns_to(incident, text) for incident in self._incidents(s))

    def _leave_disclosed_matter(self, s: ConversationState, sig: AnswerSignals, text: str) -> Move:
        """Acknowledge a return to what was disclosed, probe nothing, and go on with another topic."""
        cur = s.current_topic
        if cur is not None and s.topic(cur).status == "active":
            s.topic(cur).status = "covered"
        s.threads = [t for t in s.threads if not self._sensitive_thread(s, t)]
        return self._next(s, preface="disclosure_again")

    def _take_notes(self, s: ConversationState, sig: AnswerSignals, skip: set[str] | None = None) -> None:
        for m in sig.mentions:
            if skip and m.theme in skip:
                continue  # negated ("niet om het geld") or refused: not a reason of this leaver
            answer = str(s.answers[-1]["text"] or "") if s.answers else ""
            matter = matter_phrase(answer, m.term, self.language)
            note = {"theme": m.theme, "phrase": m.phrase, "polarity": m.polarity, "turn": s.turns, "matter": matter}
            s.notes.append(note)

    def _contradiction(self, s: ConversationState, sig: AnswerSignals) -> tuple[Mention, str] | None:
        """A theme now spoken of with the opposite tone to earlier: both go side by side."""
        if s.phase not in ("story", "guide"):
            return None
        for m in sig.mentions:
            if m.polarity is None or m.theme in s.contradictions:
                continue
            for note in s.notes:
                if any(w in s.sensitive_words for w in content_words(str(note["phrase"]))):
                    continue  # words of a disclosed matter are never put back to the leaver
                if note["theme"] != m.theme or note["polarity"] in (None, m.polarity):
                    continue
                # the same thing spoken of ("de sfeer ... goed", "de sfeer ... slecht"), not another matter of the
                # theme ("zonder overleg" with head office, "met de collega's ging het prima")
                if self._same_thing(m.term, str(note["phrase"])):
                    return m, str(note["phrase"])
        return None

    def _same_thing(self, term: str, phrase: str) -> bool:
        """The word ``term`` names (in any form) also stands in ``phrase``."""
        words = {lemma(w, self.language) for w in term.lower().split() if len(w) >= 3}
        return bool(words & {lemma(w, self.language) for w in phrase.lower().split()})

    def _estimate_progress(self, s: ConversationState) -> float:
        done = s.interviewer_turns
        if s.phase in CLOSING_PHASES:
            order = self._closing_order(s)
            left = len(order) - (order.index(s.phase) if s.phase in order else 0)
        else:
            pending = len(self._pending(s, s.current_topic))
            left = min(self._closing_len(s) + 2 * pending + 1, self.guide.max_turns - done + 1)
        return min(0.99, done / max(1, done + left))


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
