"""The leaver's story: the main reason as they put it first, the push behind a pull, the decisive thread, an
event told in a few words, and a matter singled out (docs/interviewing.md, "Triggers and what they call for").
"""

from __future__ import annotations

from spiegel.language.cues import AnswerSignals, Mention
from spiegel.language.understanding import Understanding

from .followup import FollowUps
from .navigation import STORY, _add
from .reasons import is_pull, only_candour, push_behind, reason_mentions, reason_words, told_event
from .state import ConversationState, Move
from .wording import focus_phrase, matter_phrase, noun_phrases


class StoryThreads(FollowUps):
    """Following the leaver's own story before the guide."""

    def _understood_matter(self, u: Understanding) -> str | None:
        """The first matter phrase the understanding found, in the interviewer's voice ("je team")."""
        for phrase in u.matter:
            words = phrase.split()
            if not words:
                continue
            spoken = matter_phrase(phrase, words[-1], self.language)
            if spoken:
                return spoken
        return None

    def _follow_event(
        self, s: ConversationState, sig: AnswerSignals, cur: str | None, event: str, negated: frozenset[str]
    ) -> Move:
        """ "Ons team werd opgeheven": an event told in a few words is reflected and followed now."""
        named = reason_mentions(sig, negated | set(s.refused))
        theme = next((m.theme for m in named if s.topic(m.theme).status in ("open", "active")), None)
        if theme is not None and theme != cur:
            if cur is not None and s.topic(cur).status == "active":
                s.topic(cur).status = "covered"
                s.topic(cur).talked = True
            s.current_topic = cur = theme
            s.topic(theme).status = "active"
        self._add_threads(s, sig, cur, None, negated)
        tp = s.topic(cur or STORY)
        tp.raised_by_leaver = tp.talked = True
        tp.follow_ups += 1
        tp.probes.extend(["event_told", "effect"])  # what the event meant to them is its effect
        return Move("follow_up", topic=cur, probe="event_told", quote=event, language=self.language)

    def _singled_out(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str, cur: str, negated: frozenset[str]
    ) -> str:
        """ "De werkdruk was hoog, vooral de avonddiensten": a new matter the leaver singles out is followed now."""
        if u.kind != "answer" or cur in sig.themes or sig.is_thin:
            return cur
        focus = focus_phrase(text, self.language)
        other = next(
            (m for m in sig.mentions if m.theme != cur and m.theme not in negated and m.theme not in s.refused),
            None,
        )
        new = other.theme if other else None
        if focus is None and other is not None and (u.sarcasm or other.polarity == "neg"):
            # "echt top geregeld, die nieuwe planningssoftware": what the leaver complains about instead
            focus = matter_phrase(text, other.term, self.language) or ""
        if focus is None or new is None or s.topic(new).status not in ("open", "active"):
            return cur
        if s.topic(cur).status == "active":
            s.topic(cur).status = "covered"
            s.topic(cur).talked = True
        s.current_topic = new
        tp = s.topic(new)
        tp.status = "active"
        tp.raised_by_leaver = True
        tp.talked = True
        tp.quote = focus or tp.quote
        return new

    def _first_reason(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        u: Understanding,
        text: str,
        chosen: Mention,
        negated: frozenset[str],
    ) -> None:
        """The main reason as the leaver put it first (not the thread followed first); a pull is provisional."""
        named = reason_mentions(sig, negated, praise=True)
        first = chosen if u.decisive else (named[0] if named else chosen)
        if s.main_reason_pull and s.main_reason is not None:
            push = push_behind(reason_mentions(sig, negated), s.main_reason)
            if push is None:
                return
            first = push
        s.main_reason = first.theme
        s.main_reason_words = reason_words(text, first.term, self.language)
        s.main_reason_pull = not u.decisive and is_pull(first, sig, text)
        if s.main_reason_pull and first.theme == chosen.theme:
            _add(s.topic(first.theme).known, "pulled")

    def _push_behind_pull(
        self, s: ConversationState, sig: AnswerSignals, u: Understanding, text: str, negated: frozenset[str]
    ) -> None:
        """After a pull ("een beter aanbod"), the first push the leaver names in the story is the main reason;
        a thread named by its thing (the event that tipped it) takes the theme its story names."""
        if u.kind != "answer" or s.phase not in ("opening", "story"):
            return
        by_matter = bool(s.main_reason and s.main_reason.startswith("_") and s.main_reason == s.current_topic)
        if not (s.main_reason_pull or by_matter):
            return
        push = push_behind(reason_mentions(sig, negated), None if by_matter else s.main_reason)
        if push is None:
            return
        if push.theme != s.main_reason or not s.main_reason_words:
            spoken = reason_words(text, push.term, self.language)
            s.main_reason_words = s.main_reason_words if by_matter else spoken
        s.main_reason = push.theme
        s.main_reason_pull = False

    def _follow_decisive(self, s: ConversationState, u: Understanding, sig: AnswerSignals, text: str) -> Move | None:
        """The leaver names the real reason: follow that thread now, before anything in the guide."""
        lang = self.language
        negated = {t.theme for t in u.themes if t.negated} - set(u.raised)
        named = reason_mentions(sig, negated | set(s.refused))
        mention = named[0] if named else None
        theme = mention.theme if mention else None
        matter = (matter_phrase(text, mention.term, lang) if mention else None) or self._understood_matter(u)
        matter = matter or next(iter(noun_phrases(text, lang)), None)
        if theme is None and matter is None:
            return None
        if theme is None and only_candour(text):
            return None  # "honestly, ..." without a reason in it: a frank answer, not the decisive thread
        pulled = str(s.main_reason_words or "").lower().split()
        if theme is None and matter and pulled and matter.lower().split()[-1] in pulled:
            return None  # "the offer was ten percent more, honestly": still the pull, not what pushed
        cur = s.current_topic
        key = theme or f"_matter{s.turns}"
        if cur is not None and cur != key and s.topic(cur).status == "active":
            s.topic(cur).status = "covered"
            s.topic(cur).talked = True
        s.current_topic = key
        s.phase = "story" if s.phase != "guide" else "guide"
        tp = s.topic(key)
        tp.status = "active"
        tp.raised_by_leaver = True
        tp.talked = True
        tp.quote = matter or tp.quote
        s.threads = [t for t in s.threads if t["topic"] != key]
        if s.main_reason is None or s.main_reason_pull or s.phase == "story" or not only_candour(text):
            s.main_reason, s.main_reason_words = key, matter
            s.main_reason_pull = False
        event = told_event(text)
        # an event told in the same breath ("after I was passed over for ...") is an example already: its effect next
        kinds = ("effect", "cause") if sig.specificity or sig.has_cause else ("example", "moment", "effect", "cause")
        probe = next((p for p in kinds if p not in tp.probes and not s.probe_worn(p)), "situation")
        probe = "event_told" if event else probe
        tp.follow_ups += 1
        tp.probes.extend([probe, "effect"] if event else [probe])  # an event's meaning is its effect
        s.asked_probes.append(probe)
        self._add_threads(s, sig, key)
        return Move("follow_up", topic=key, probe=probe, quote=event or matter, language=lang)
