"""Follow-up choice: which probe a real answer gets, tied to what the leaver said.

Only a real answer reaches this part (the turn policy handles everything else first). A different kind of
probe each time, 2–3 follow-ups per topic within the budget, the leaver's own threads kept on a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spiegel.language.cues import AnswerSignals, Mention, analyse_answer
from spiegel.language.lemmas import lemma
from spiegel.language.understanding import Context, Understanding, understand

from .closing import Closing
from .fit import (
    ASKS_FOR_AN_OCCURRENCE,
    NEEDS_AN_EVENT,
    about_care,
    hesitates,
    never_a_problem,
    never_happened,
    no_event,
    only_softens,
    softened,
    weighed_most,
)
from .navigation import BY_FEELING, LIGHT_TOPICS, STORY, _add
from .quoting import meaningful
from .reasons import (
    about_frequency,
    plainly_fine,
    pull_phrase,
    rules_out_current,
    someone_elses_feeling,
    tells_own_action,
)
from .reflection import reflectable, whole_phrase
from .state import ConversationState, Move, TopicProgress
from .wording import (
    feeling_names,
    feeling_words,
    focus_phrase,
    good_thread_phrase,
    is_clause,
    list_items,
    matter_phrase,
    named_things,
    negated,
    noun_phrases,
    object_of_told,
    quotable,
    topic_labels,
    word_list,
)

VAGUE_PROBES = ("example", "moment", "practice", "situation")
# A thin answer gets a probe for one concrete occurrence; each time a different kind than the last one.
CONCRETE_PROBES = ("example", "moment", "situation")
# Probes for depth once the leaver is talking, in the order they are tried when nothing specific calls.
DEPTH_PROBES = ("example", "effect", "cause", "frequency", "own_action")
# Probes about a told moment as a whole: what it did and what caused it, never about a thing inside it.
TOLD_PROBES = frozenset({"effect", "cause", "own_action"})
# Themes that weigh even when named in passing ("... and I was tired a lot"): they go on the threads list.
WEIGHTY_THEMES = frozenset({"wellbeing", "job_security"})
# Topics about a person: a generalisation ("she never gave feedback") is asked back as behaviour and its effect.
PERSON_TOPICS = frozenset({"manager", "leadership"})


class FollowUps(Closing):
    """Follow-ups on the current topic and the list of the leaver's threads."""

    def _follow_up(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        cur: str | None,
        contradiction: tuple[Mention, str] | None,
        u: Understanding | None = None,
    ) -> tuple[Move | None, bool]:
        """A follow-up on the current topic, or None (saturated, budget spent, or thin answers accepted)."""
        key = cur or STORY
        tp = s.topic(key)
        for known, seen in (("example", sig.specificity), ("cause", sig.has_cause), ("effect", sig.has_effect)):
            if seen:
                _add(tp.known, known)
        answer = str(s.answers[-1]["text"] or "") if s.answers else ""
        stop = self._no_follow_up(s, sig, cur, key, u, answer)
        if stop is not None:
            return None, stop
        quote = self._default_quote(s, sig, cur, key, u, answer)
        last_probe = tp.probes[-1] if tp.probes else None
        cands: list[Move] = []

        def add(kind: str, probe: str, quote: str | None = None, **extra: str | None) -> None:
            cands.append(Move(kind, topic=cur, probe=probe, quote=quote, language=self.language, **extra))  # type: ignore[arg-type]

        if contradiction is not None:
            # both sides in the interviewer's words, never quoted; named by its own theme, not the current topic
            add("contradiction", "contradiction", None, label=topic_labels(self.language).get(contradiction[0].theme))
        self._reactive_probes(s, sig, cur, key, u, answer, quote, last_probe, add)
        gave_example = self._just_told_a_moment(s)
        if gave_example:
            # the answer before this one told a moment: it is never asked for again, what it did comes next
            _add(tp.known, "example")
        if sig.is_thin and gave_example:
            if "effect" not in tp.known:
                add("follow_up", "effect", None)
        elif sig.is_thin:
            # a concrete occurrence, of a different kind than the last probe for a thin answer
            for probe in CONCRETE_PROBES:
                if probe != s.last_vague_probe:
                    add("follow_up", probe, quote if probe != "moment" else None)
        elif not cands and {"example", "cause", "effect"} <= set(tp.known) and tp.follow_ups >= 2:
            return None, False  # saturated: example, cause and effect are known
        else:
            self._depth_probes(tp, key, sig, answer, quote, add)
        if gave_example:
            cands = [c for c in cands if c.probe not in CONCRETE_PROBES and c.probe != "recent_example"]
        cands = self._fitting(tp, sig, answer, cands)
        return self._first_new(s, tp, key, cur, cands, sig.is_thin), False

    def _fitting(self, tp: TopicProgress, sig: AnswerSignals, answer: str, cands: list[Move]) -> list[Move]:
        """The candidates that fit the answer (fit.py): no occurrence asked for right after one was told; no "what
        did you do" once the answer says it; after "nooit" no how often or when last; and after "nooit een
        probleem", "never came" no example either, but what it meant."""
        never = never_happened(answer)
        if sig.specificity and tp.follow_ups >= 1 and not never:  # ("not once" tells no moment)
            cands = [c for c in cands if c.probe not in ASKS_FOR_AN_OCCURRENCE]
        if tells_own_action(answer):
            cands = [c for c in cands if c.probe != "own_action"]
        if not never:
            return cands
        if not no_event(answer):
            # "er werd nooit geluisterd": an example of it, never "when did that last happen"
            cands = [replace(c, probe="example", quote=None) if c.probe == "recent_example" else c for c in cands]
            return [c for c in cands if c.probe not in NEEDS_AN_EVENT]
        cands = [c for c in cands if c.probe not in NEEDS_AN_EVENT]
        kept = [c for c in cands if c.probe not in ASKS_FOR_AN_OCCURRENCE]
        if "effect" in tp.probes or any(c.probe == "effect" for c in kept):
            return kept
        first = [c for c in kept if c.kind != "follow_up" or c.probe in ("behaviour_effect", "own_experience")]
        effect = Move("follow_up", topic=cands[0].topic if cands else None, probe="effect", language=self.language)
        return first + [effect] + [c for c in kept if c not in first]

    def _feeling_of_another_thread(self, s: ConversationState, u: Understanding | None, cur: str | None) -> bool:
        """The feeling names a theme of its own that waits on the threads list ("tired" while the workload is
        asked about): it is reflected when that thread is followed, not now."""
        if u is None or not u.felt:
            return False
        waiting = {str(t["topic"]) for t in s.threads}
        for f in u.felt:
            themes = set(analyse_answer(f.words, self.language).themes)
            if not themes or cur in themes or not themes <= waiting:
                return False
        return True

    def _just_told_a_moment(self, s: ConversationState) -> bool:
        """The leaver's answer before this one told a moment ("bijvoorbeeld in mei, toen hij ..."), and the
        question just answered went on from it (a follow-up, not a new topic's own question)."""
        last = s.last_move
        new_topic = ("open", "topic_question", "return_thread")
        if last is None or last.kind in new_topic or last.target in new_topic:
            return False
        told = [a for a in s.answers[:-1] if a.get("phase") in ("opening", "story", "guide")]
        if not told:
            return False
        text = str(told[-1]["text"] or "")
        if not analyse_answer(text, self.language).specificity:
            return False
        # "vier jaar als planner": how long they worked there is no moment told
        return not understand(text, Context(language=self.language)).background

    def _no_follow_up(
        self, s: ConversationState, sig: AnswerSignals, cur: str | None, key: str, u: Understanding | None, answer: str
    ) -> bool | None:
        """Whether the answer gets no follow-up at all: True when it is accepted, False when the budget is spent
        or the topic belongs to a disclosed matter; None when a follow-up may come."""
        tp = s.topic(key)
        if key in s.sensitive_topics:
            return False  # related to a disclosed matter: at most the plain topic question
        if sig.nothing_more or (u is not None and u.kind == "nothing_more" and not sig.dont_know):
            return True  # the leaver says there is nothing more to it: accept, do not ask again
        ruled_out = (
            u is not None and cur is not None and cur in {t.theme for t in u.themes if t.negated} - set(u.raised)
        )
        # "mijn salaris was prima, daar lag het niet aan", "goed, daar lag het niet aan": no reason, not probed
        if ruled_out or (cur is not None and not sig.mentions and rules_out_current(answer)):
            _add(tp.known, "ruled_out")  # and not in the summary
            return True
        if cur is not None and (cur in sig.themes or not sig.mentions) and never_a_problem(answer):
            return True  # "de werktijden waren nooit een probleem voor mij": a clear answer, not probed
        if s.phase == "guide" and tp.follow_ups == 0 and plainly_fine(answer, sig):
            return True  # "Secure. I had a permanent contract.": a clear, good answer is not probed
        if sig.is_thin:
            tp.thin += 1
            # two thin answers on a topic (one when the leaver is tired): accept and move on
            if tp.thin >= 2 or (s.fatigue and tp.thin >= 1 and tp.follow_ups >= 1):
                return True
        if tp.follow_ups >= self._cap(s, key):
            return False
        return None

    def _default_quote(
        self, s: ConversationState, sig: AnswerSignals, cur: str | None, key: str, u: Understanding | None, answer: str
    ) -> str | None:
        """The leaver's words offered back only as a complete noun phrase naming the thing ("het nieuwe
        rooster"); otherwise None and the question is in the interviewer's own words (docs/interviewing.md)."""
        lang = self.language
        tp = s.topic(key)
        own = next((m for m in sig.mentions if m.theme == cur), None)
        quote = matter_phrase(answer, own.term, lang) if own else None
        other = own is not None and bool(tp.quote) and tp.quote != quote
        if other and (
            (quote is None and cur in analyse_answer(tp.quote or "", lang).themes)
            or tp.quote in list_items(answer, lang)
        ):
            # the topic's own item of this list ("het gebrek aan inwerken van ..."); the other items of the list
            # wait as threads of their own, so the question names the same one
            quote = tp.quote
        focus = focus_phrase(answer, lang)
        if tp.quote and tp.quote == focus:
            quote = tp.quote  # what the leaver singled out ("vooral de avonddiensten ...")
        elif focus and not sig.is_thin and about(focus, cur, lang) and good_thread_phrase(focus):
            quote = focus  # "het werk zelf vond ik mooi, vooral het contact met de bewoners"
        if quote is None and (key.startswith("_matter") or (tp.quote and tp.follow_ups and not sig.mentions)):
            # a thread the leaver named by a thing, without a topic word; or an answer about the thing the
            # last question named ("ik zat meer in de auto": still about the planning software)
            quote = tp.quote
        if (
            quote is None
            and u is not None
            and not sig.is_thin
            and (own is not None or not sig.mentions or key == STORY)
        ):
            # a thing or event named without a theme word ("de fusie met Zorggroep Zuid")
            # (never a thing that belongs to another theme: "de nachtdiensten" is no quote for the onboarding)
            found = (m for p in u.matter if (m := matter_phrase(p, p.split()[-1], lang)))
            quote = next((m for m in found if about(m, cur, lang)), None)
            phrases = noun_phrases(answer, lang)
            quote = quote or next((p for p in phrases if good_thread_phrase(p) and about(p, cur, lang)), None)
        return quote

    def _felt(self, sig: AnswerSignals, u: Understanding | None, answer: str) -> tuple[str, str] | None:
        """The feeling to reflect: one the leaver expressed as their own, never one they negated ("niet boos",
        "nobody was worried"), never irony, never someone else's ("klanten waren boos")."""
        lang = self.language
        felt = [e for e in sig.emotions if not negated(answer, e.phrase)]
        if u is not None and (u.sarcasm or (u.feelings and not u.felt)):
            felt = []  # irony is read as the opposite; feelings the understanding saw negated are not reflected
        if u is not None:
            denied = [f.words.lower() for f in u.feelings if f.negated]
            felt = [e for e in felt if not any(d in e.phrase.lower() or e.phrase.lower() in d for d in denied)]
        felt = [e for e in felt if not someone_elses_feeling(answer, e.phrase) and not softened(answer, e.phrase)]
        named = feeling_names(lang)
        stated = (
            [
                f.name
                for f in u.felt
                if f.name in named and not someone_elses_feeling(answer, f.words) and not softened(answer, f.words)
            ]
            if u is not None and not u.sarcasm
            else []
        )
        if stated:
            # the feeling the leaver stated ("meer teleurgesteld"), read with its negations, is reflected first
            return feeling_words(lang, stated[-1])
        return feeling_words(lang, felt[0].kind) if felt else None

    def _reactive_probes(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        cur: str | None,
        key: str,
        u: Understanding | None,
        answer: str,
        quote: str | None,
        last_probe: str | None,
        add: Callable[..., None],
    ) -> None:
        """Probes the answer itself calls for: hearsay, a feeling, a hedge, a generalisation, an easy reason,
        a named person, a theme named without detail (docs/interviewing.md, "Triggers")."""
        lang = self.language
        tp = s.topic(key)
        if about_care(answer) and weighed_most(answer) and "that_period" not in s.asked_probes:
            # "mijn moeder werd ziek en ik zorgde voor haar, dat woog het zwaarst": that time, not an example
            add("follow_up", "that_period", None)
        if any(about(h.context, cur, lang) for h in sig.hearsay):
            # what was heard goes back as a question about what the leaver saw or experienced themselves;
            # hearsay about another theme waits on the threads list and is asked that way when we get there
            add("follow_up", "own_experience", None)
        feeling = self._felt(sig, u, answer)
        told = bool(sig.specificity) and tp.follow_ups >= 1
        if feeling is not None and self._feeling_of_another_thread(s, u, cur):
            feeling = None  # "always short-staffed, and I was tired a lot": heard when that thread is followed
        if feeling is not None:
            add(
                "reflect_and_ask",
                "cause_of_feeling",
                None,
                feeling=feeling[0],
                feeling_ref=feeling[1],
                preface="emotion",
            )
        # "eigenlijk vooral omdat ...", "to be honest, ...": candour, not reluctance; no reassurance about caution
        # "een beetje moe", "a bit low": a softened word, not reluctance either; "hoe zeg ik dit ...": hesitation
        reluctant = [
            h for h in sig.hedges if h.phrase.lower() not in word_list("candour_hedges") and not only_softens(h.phrase)
        ]
        if (reluctant or hesitates(answer)) and not sig.is_thin and not (u is not None and u.decisive):
            # ("eigenlijk was het de reorganisatie" marks the real reason, not a hedge)
            # what the hedge softens is usually the theme it sits next to
            add("reflect_and_ask", "behind_hedge", quote, preface="hedge")
        # an answer to a follow-up that says when or what happened: it is not asked for again
        if sig.generalisations and not told and about_frequency([answer]):
            # "nooit", "always": one recent occurrence — unless the answer already says when or what
            if sig.named_people or key in PERSON_TOPICS:
                add("follow_up", "behaviour_effect", None, role=self._person(sig, key))
            add("follow_up", "recent_example", quote)
        said_often = any(w in word_list("frequency_words") for w in answer.lower().replace(",", " ").split())
        answered = not sig.is_thin or bool(sig.specificity)  # "fine" does not say when it last happened
        if last_probe == "recent_example" and answered and not said_often:  # "it happened once": how often next
            add("follow_up", "frequency", tp.quote)
        easy = sig.easy_reasons[0].phrase if sig.easy_reasons else None
        if easy is None and key == STORY and s.phase in ("opening", "story"):
            easy = pull_phrase(answer)  # "ik heb een andere baan gevonden": what made them look at all
        if easy is not None:
            add("follow_up", "push_pull", matter_phrase(easy, easy.split()[-1] if easy.split() else "", lang))
        if last_probe == "push_pull" and not sig.specificity and not sig.mentions:
            add("follow_up", "decisive_moment", None)
        if sig.named_people:
            add("follow_up", "behaviour_effect", None, role=sig.named_people[0].context)
        self._bare_theme_probe(s, sig, cur, u, answer, add)
        if last_probe == "practice" and not sig.specificity:
            add("follow_up", "situation", tp.quote)

    def _bare_theme_probe(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        cur: str | None,
        u: Understanding | None,
        answer: str,
        add: Callable[..., None],
    ) -> None:
        """A theme named without detail ("de communicatie"): how it showed in practice."""
        lang = self.language
        bare = next((m for m in sig.bare_themes if m.theme == cur), sig.bare_themes[0] if sig.bare_themes else None)
        if bare is not None and u is not None and bare.theme in {t.theme for t in u.themes if t.negated}:
            return  # "not about the money": nothing to ask about
        if bare is None or sig.is_vague:
            return  # "shift manager was okay" is a thin answer
        if bare.theme == cur:
            add("follow_up", "practice", matter_phrase(answer, bare.term, lang))
        elif bare.theme not in LIGHT_TOPICS and s.topic(bare.theme).status == "open":
            # "gwn druk" on the rota: how the workload showed, in the interviewer's name for it
            add("follow_up", "practice", None, label=topic_labels(lang).get(bare.theme))
        else:
            add("follow_up", "practice", None)

    def _depth_probes(
        self, tp: TopicProgress, key: str, sig: AnswerSignals, answer: str, quote: str | None, add: Callable[..., None]
    ) -> None:
        """The leaver is talking: what is not known yet (example, effect, cause), then a kind of probe not used."""
        if sig.specificity and tp.follow_ups >= 1 and "effect" not in tp.known:
            # the leaver just told when and what happened: next is what it did to them
            add("follow_up", "effect", None)
        if ("situation" in tp.probes or "example" in tp.probes) and not tells_own_action(answer):
            add("follow_up", "own_action", None)

        def about(probe: str) -> str | None:
            # a told moment ("in mei, toen hij mijn hele routeplanning omgooide"): its effect and cause are those
            # of what happened, not of a thing in it ("de gevolgen van je hele routeplanning")
            return None if probe in TOLD_PROBES and quote and object_of_told(answer, quote) else quote

        for probe in ("example", "effect", "cause"):
            if probe not in tp.known:
                add("follow_up", probe, about(probe))
        topic = self.guide.topic(key)
        for probe in topic.follow_ups if topic else ():
            add("follow_up", probe, about(probe))
        # the answer still brought new material: go on asking, with a kind of probe not used yet
        for probe in DEPTH_PROBES:
            add("follow_up", probe, about(probe))

    def _first_new(
        self, s: ConversationState, tp: TopicProgress, key: str, cur: str | None, cands: list[Move], thin: bool
    ) -> Move | None:
        """The first candidate of a kind not asked on this topic yet, recorded as asked; after a full answer
        also none asked just before or twice already in the conversation (a thin answer's concrete probes are
        chosen by kind already)."""
        for move in cands:
            if move.probe in tp.probes and move.probe != "contradiction":
                continue
            if not thin and move.probe != "contradiction" and s.probe_worn(move.probe):
                continue
            if move.probe == "contradiction" and cur in s.contradictions:
                continue
            tp.follow_ups += 1
            tp.probes.append(move.probe or "")
            s.asked_probes.append(move.probe or "")
            if move.quote:
                tp.quote = move.quote
            if move.probe in VAGUE_PROBES and thin:
                s.last_vague_probe = move.probe
            if move.probe == "contradiction" and cur:
                s.contradictions.append(cur)
            if key == STORY and tp.status == "open":
                tp.status = "active"
            if BY_FEELING in tp.known and tp.quote:
                move = replace(move, label=tp.quote)  # "that exhaustion", never "your health"
            return move
        return None

    def _person(self, sig: AnswerSignals, key: str) -> str:
        """The person a generalisation was about: as the leaver named them, else the topic ("je leidinggevende")."""
        if sig.named_people:
            return sig.named_people[0].context
        return topic_labels(self.language).get(key, "")

    def _most_relevant(
        self, s: ConversationState, sig: AnswerSignals, skip: frozenset[str] = frozenset()
    ) -> Mention | None:
        """Of several threads in one answer: the one carrying feeling or complaint, else the first named."""
        best: Mention | None = None
        best_score = -1e9
        emotion_words = {w.lower() for e in sig.emotions for w in e.context.split()}
        for index, mention in enumerate(sig.mentions):
            if s.topic(mention.theme).status not in ("open", "active") or mention.theme in skip:
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

    def _add_threads(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        cur: str | None,
        u: Understanding | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        # In the story every theme is a thread; later only what the leaver says with some weight
        # (a complaint or a feeling), so a passing "collega's" does not become a topic of its own.
        story = s.phase == "story" and s.turns <= 2
        answer = str(s.answers[-1]["text"] or "") if s.answers else ""
        heard = [c.context.lower() for c in sig.hearsay]
        for mention in sig.mentions:
            if mention.theme == cur or s.topic(mention.theme).status != "open" or mention.theme in skip:
                continue
            if mention.theme in s.sensitive_topics:
                continue
            hearsay = any(mention.term.lower() in h for h in heard)
            if not (story or mention.polarity == "neg" or sig.emotions or hearsay or mention.theme in WEIGHTY_THEMES):
                continue
            if any(t["topic"] == mention.theme for t in s.threads):
                continue
            matter = self._thread_name(answer, mention.term)
            thread = {"topic": mention.theme, "phrase": matter, "words": mention.phrase, "turn": str(s.turns)}
            felt = self._felt_as(u, mention.term, answer) if not matter else None
            if felt is not None:
                # raised by a feeling ("exhausted"): come back to it by that feeling, not by a topic label the
                # leaver never used ("your health")
                thread["feeling"] = felt
            if hearsay:
                # what was only heard: the way back to it asks what the leaver saw or experienced themselves
                words = next(h.context for h in sig.hearsay)
                thread = {"topic": mention.theme, "phrase": "", "words": words, "kind": "hearsay", "turn": str(s.turns)}
            s.threads.append(thread)
            s.topic(mention.theme).raised_by_leaver = True
        if story and u is not None:
            self._add_matter_threads(s, answer, cur, skip)

    def _thread_name(self, answer: str, term: str) -> str:
        """The leaver's whole name for a thread ("the remote work rules", never "the remote"), or ""."""
        lang = self.language
        matter = matter_phrase(answer, term, lang) or ""
        if matter and not reflectable(matter, [answer], lang):
            matter = whole_phrase(matter, [answer], lang) or ""  # the whole phrase the theme word sits in
        return matter if good_thread_phrase(matter) else ""

    def _felt_as(self, u: Understanding | None, term: str, answer: str = "") -> str | None:
        """The feeling the leaver expressed with ``term`` ("exhausted" -> "exhaustion"), if it has words here."""
        if u is None:
            return None
        low = term.lower()
        named = feeling_names(self.language)
        for f in u.felt:
            words = f.words.lower()
            if f.name in named and (low in words or words in low) and not softened(answer, f.words):
                return f.name  # ("a bit tired" is no exhaustion to come back to)
        return None

    def _add_matter_threads(self, s: ConversationState, answer: str, cur: str | None, skip: frozenset[str]) -> None:
        """Several things named in one breath ("het rooster, de verhuizing en mijn opleiding"): the ones not
        followed now go on the list as threads of their own, to come back to with their own name."""
        current = s.topic(cur).quote if cur else None
        taken = {t["phrase"] for t in s.threads} | {current or ""}
        heads = {self._head(p) for p in taken if p}
        items = list_items(answer, self.language)  # (an item of a list the leaver gave is judged as a whole)
        for phrase in named_things(answer, self.language):
            if phrase in taken or (current and phrase in current) or self._head(phrase) in heads:
                continue  # (also "de avonddienst" when "de avonddiensten" is on the list already)
            if not good_thread_phrase(phrase) or not (phrase in items or meaningful(phrase, self.language)):
                continue  # ("de muur" they stared at, "the cracks everywhere": nothing to come back to)
            themes = list(analyse_answer(phrase, self.language).themes)
            theme = themes[0] if themes else None
            if theme is not None and (theme in skip or theme in s.refused or theme in s.sensitive_topics):
                continue
            if theme is not None and theme == cur:
                theme = None  # another thing on the same topic ("het rooster" and "het parkeren"): its own thread
            same = next((t for t in s.threads if theme is not None and t["topic"] == theme), None)
            if same is not None:
                if not same["phrase"] and same.get("kind") != "hearsay" and not is_clause(phrase):
                    same["phrase"] = phrase  # the theme's thread gets the leaver's own name for it
                taken.add(phrase)
                continue
            if (
                theme is not None
                and s.topic(theme).status == "open"
                and not any(t["topic"] == theme for t in s.threads)
            ):
                key = theme
            else:
                key = f"_matter{s.turns}_{len(s.threads)}"
            s.threads.append({"topic": key, "phrase": phrase, "words": phrase, "kind": "matter", "turn": str(s.turns)})
            taken.add(phrase)

    def _head(self, phrase: str) -> str:
        """The word a phrase is about, in its base form ("de avonddiensten" -> "avonddienst")."""
        words = phrase.lower().split()
        return lemma(words[-1], self.language) if words and not is_clause(phrase) else phrase

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


def best_hedge(sig: AnswerSignals, language: str) -> str | None:
    """The longest substantive hedge context says most about what the leaver is holding back."""
    found = [q for h in sig.hedges if (q := quotable(h.context, language))]
    return max(found, key=len) if found else None


def about(phrase: str, topic: str | None, language: str) -> bool:
    """The phrase is about ``topic``, or names no theme at all (then it belongs to what is being discussed)."""
    themes = analyse_answer(phrase, language).themes
    return not themes or topic in themes
