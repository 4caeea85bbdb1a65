"""The closing sequence: what would have made you stay, advice, anything else, the summary and thanks.

The summary is built from what was understood (docs/interviewing.md): the main reason first, then at most
three other points, in the interviewer's own words; refused topics never appear in it.
"""

from __future__ import annotations

import re

from spiegel.language.cues import AnswerSignals, analyse_answer
from spiegel.language.understanding import Context, Understanding, understand

from .care_words import summary_matter
from .navigation import HARD_TURN_CAP, LIGHT_TOPICS, Navigator, _add
from .state import ConversationState, Move
from .summary_control import calm, demoted, without_emphasis
from .summary_words import good_thing, key, names_again, point, repeated_things, ruled_out, said_back_fits
from .withdrawals import PRIVATE
from .wording import (
    alternation,
    clauses_from_the_end,
    content_words,
    in_your_words,
    indirect_question,
    is_clause,
    is_no,
    matter_phrase,
    noun_phrases,
    options,
    problem_subject,
    topic_labels,
    what_it_was,
    word_list,
    wording,
)


def _problem_named(clause: str) -> str | None:
    """ "the problem was senior management" -> "senior management": the real problem, named after it."""
    nouns, copulas = alternation("problem_nouns"), alternation("copulas")
    found = re.search(
        rf"^(?:but\s+|maar\s+)?(?:the|het|de)\s+(?:real\s+|echte\s+|grootste\s+|biggest\s+)?(?:{nouns})\s+"
        rf"(?:{copulas})\s+(?:more\s+|really\s+|eigenlijk\s+|meer\s+|vooral\s+)?((?:[\w'-]+\s*){{1,4}})$",
        clause.strip().rstrip(".!"),
        flags=re.IGNORECASE,
    )
    if found is None:
        return None
    named = found.group(1).strip()
    return named if named.split()[0].lower() not in word_list("negators") else None


def _aside_key(phrase: str) -> str | None:
    """ "your hours and shifts (the night rota)" -> "night rota"; None without an aside."""
    found = re.match(r"^.* \((.*)\)$", phrase)
    return key(found.group(1)) if found else None


def _without_aside(phrase: str) -> str:
    return re.sub(r" \([^)]*\)$", "", phrase)


def _words_of(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text.lower())


#: The leaver calls a reason the main or the real one ("de echte reden", "mostly the pay").
_DECISIVE = re.compile(
    r"\b(?:real|main|mostly|above all|biggest|actual|echte|eigenlijke|belangrijkste|grootste|hoofdreden|vooral"
    r"|doorslag\w*|druppel|last straw)\b",
    re.IGNORECASE,
)


class Closing(Navigator):
    """The closing phases, after the topics."""

    def _closing_next(
        self,
        s: ConversationState,
        sig: AnswerSignals,
        preface: str | None = None,
        ack_kind: str | None = None,
        allow_follow_up: bool = True,
        u: Understanding | None = None,
    ) -> Move:
        """The next step of the closing sequence: stay → when → keep → change → anything else → summary."""
        lang = self.language
        phase = s.phase
        if phase == "summary" and u is not None and self._corrects_summary(s, u):
            # a correction of the summary is acknowledged and changes what is recorded
            content = self._correct_summary(s, u)
            note = self._fresh(s, "prefaces", "summary_corrected")
            if content:
                key = "summary_corrected_to_clause" if is_clause(content) else "summary_corrected_to"
                note = self._fresh(s, key).format(point=content)
            return Move("close", language=lang, question=self.guide.closing["thanks"], note=note)
        if (
            phase == "anything_else"
            and allow_follow_up
            and not s.anything_else_followed
            and not sig.is_thin
            and not is_no(s.answers[-1]["text"] or "")
            and not sig.nothing_more
            and (u is None or u.kind == "answer")
            and not self._touches_disclosure(s, sig, s.answers[-1]["text"] or "")
            and s.interviewer_turns + 3 < HARD_TURN_CAP
        ):
            s.anything_else_followed = True
            mention = sig.mentions[0] if sig.mentions else None
            answer = s.answers[-1]["text"] or ""
            quote = matter_phrase(answer, mention.term, lang) if mention else None
            probe = "example" if not sig.specificity else "effect"
            return Move("follow_up", topic=mention.theme if mention else None, probe=probe, quote=quote, language=lang)
        order = self._closing_order(s)
        if phase == "summary" or s.interviewer_turns >= HARD_TURN_CAP - 1:
            return self._close_move(preface if ack_kind else None, ack_kind)
        idx = order.index(phase) + 1 if phase in order else 0
        nxt = order[idx] if idx < len(order) else "summary"
        if nxt == "stay_when" and phase == "stay" and (sig.nothing_more or is_no(s.answers[-1]["text"] or "")):
            # "Nee.": nothing would have kept them, so "when should that have happened?" would ask about nothing
            s.phase = nxt
            idx += 1
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

    def _store_closing_answer(self, s: ConversationState, text: str) -> None:
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
        """The main reason as the leaver put it first, then at most three other points; refused topics never.

        Each point is (label, matter): the interviewer's name of the topic and, where the leaver named the thing
        as a complete noun phrase, that phrase in the interviewer's voice. Recorded in ``s.summary_points``.
        """
        closed = set(s.refused)
        points: list[tuple[str, str]] = []
        seen: list[str] = []

        closed |= self._ruled_out_in_story(s)

        def add(theme: str, matter: str | None) -> None:
            if theme in seen or theme in closed or s.topic(theme).status in ("refused", "skipped"):
                return
            if "ruled_out" in s.topic(theme).known and theme != s.main_reason:
                return
            seen.append(theme)
            label = self._summary_label(theme)
            # health and personal life are only named
            points.append((label, "" if theme in LIGHT_TOPICS else (matter or "")))

        # a disclosure stays in the summary, in neutral words the leaver can correct (never their own words)
        disclosed = summary_matter(s.disclosed_kinds[0], self.language) if s.disclosed_kinds else None
        if disclosed and s.main_reason_words == disclosed and s.main_reason:
            # the theme's name goes with it where it fits ("the atmosphere (the unwanted behaviour ...)"), not
            # where it would misname it ("your hours and shifts" for a safety incident)
            seen.append(s.main_reason)
            points.append(("" if s.main_reason == "conditions" else self._summary_label(s.main_reason), disclosed))
        elif s.main_reason:
            add(s.main_reason, s.main_reason_words)
        if disclosed and all(matter != disclosed for _, matter in points):
            points.append(("", disclosed))
        else:
            self._things_raised_again(s, points, seen)
        ordered = sorted(s.notes, key=lambda n: (n["polarity"] != "neg", n["turn"]))
        if not s.main_reason:
            # the main reason is what the leaver said first when asked why they leave
            first = [n for n in s.notes if s.topic(str(n["theme"])).raised_by_leaver]
            ordered = sorted(first, key=lambda n: n["turn"])[:1] + ordered
        for note in ordered:
            theme = str(note["theme"])
            if note["polarity"] != "neg" and not s.topic(theme).raised_by_leaver:
                continue  # a passing mention is not a reason
            add(theme, note.get("matter"))
            if len(points) == 4:
                break
        # then what the leaver gave substance to (an example, a cause, an effect), in the order it came up
        substantial = [t for t, tp in s.topics.items() if tp.known and not t.startswith("_")]
        for theme in sorted(
            substantial, key=lambda t: min((n["turn"] for n in s.notes if n["theme"] == t), default=99)
        ):
            if len(points) == 4:
                break
            add(theme, next((n.get("matter") for n in s.notes if n["theme"] == theme and n.get("matter")), None))
        # then the guide topics the leaver talked about when followed up, in the order they came up
        for theme, tp in s.topics.items():
            tones = {n["polarity"] for n in s.notes if n["theme"] == theme}
            if len(points) < 4 and tp.talked and tp.follow_ups and not theme.startswith("_") and tones != {"pos"}:
                add(theme, None)  # (what the leaver only praised is no reason for leaving)
        # the leaver's thing goes with the main reason only; a point named by its thing alone keeps it
        said = [
            point(label, matter if i == 0 or not label or label.startswith("_") else "")
            for i, (label, matter) in enumerate(points)
        ]
        s.summary_points = [p for p in dict.fromkeys(said) if p]
        return tuple(points)

    def _ruled_out_in_story(self, s: ConversationState) -> set[str]:
        """The themes the leaver said were not why they leave ("het salaris is niet waarom ik wegga"), unless they
        raised the theme again in a later answer; never in the summary, not even as the main reason."""
        out: set[str] = set()
        for answer in s.answers:
            if answer.get("phase") == "summary":
                continue
            said = str(answer["text"] or "")
            now = ruled_out(said, self.language, fine=False)
            raised = {m.theme for m in analyse_answer(said, self.language).mentions if m.polarity != "pos"}
            out = (out - (raised - now)) | now
        return out

    def _things_raised_again(self, s: ConversationState, points: list[tuple[str, str]], seen: list[str]) -> None:
        """What the leaver came back to in several answers ("the pick-rate screen"), named as they named it, after
        the main reason; first where there is no main reason, or where the leaver spent more answers on the thing
        than on the main reason and never called that the main or real one. Never on a closed or ruled-out topic,
        nor on health or personal life (those are only named)."""
        kinds = s.turn_kinds + [""] * (len(s.answers) - len(s.turn_kinds))
        refusals = [str(a["text"] or "") for a, kind in zip(s.answers, kinds, strict=False) if kind == "refusal"]
        closed = set(content_words(" ".join(refusals))) - word_list("negators")  # "niet over het hoofdkantoor"
        told = [
            str(a["text"] or "")
            for a, kind in zip(s.answers, kinds, strict=False)
            if a.get("phase") not in ("summary", "disclosure", "advice_keep", "advice_change")  # (advice is no reason)
            and kind != "refusal"
            and a.get("topic") not in s.refused
            and a.get("visibility") != PRIVATE  # what the leaver took out is never summarised
        ]
        skip = set(s.refused) | set(LIGHT_TOPICS) | {"manager"}  # (a person is named by the topic, not by title)
        skip |= {t for t, tp in s.topics.items() if "ruled_out" in tp.known or tp.status in ("refused", "skipped")}
        said = [key(p) for _, m in points for p in (m,) if m]
        things = [
            (thing, count)
            for thing, count in repeated_things(told, self.language, skip)
            if key(thing) not in said
            and not any(names_again(label or m, thing) or names_again(m, thing) for label, m in points)
            and not closed & set(content_words(thing))
        ][:2]
        if things and points and points[0][0] and not points[0][1] and s.main_reason not in LIGHT_TOPICS:
            # "your pay" and "the night premium" the leaver came back to: "your pay (the night premium)"
            same = next((t for t, _ in things if self._about(s, t, str(s.main_reason))), None)
            if same is not None:
                points[0] = (points[0][0], same)
                things = [(t, n) for t, n in things if t != same]
        if not things:
            return
        # "as the leaver put it first, else what they spent most on": the thing leads when there is no main
        # reason, or when the leaver opened with it, without the main reason's theme, and came back to it
        opening = told[0].lower() if told else ""
        main_words = key(s.main_reason_words or "") or "\0"
        main_opened = bool(s.main_reason) and (self._names(opening, str(s.main_reason)) or main_words in opening)
        leads = not points or (
            key(things[0][0]) in " ".join(_words_of(opening)) and not main_opened and not _DECISIVE.search(opening)
        )
        found = [("", thing) for thing, _ in things]
        for thing, _ in things:
            seen.extend(m.theme for m in analyse_answer(thing, self.language).mentions if m.theme != s.main_reason)
        points[:] = [*found, *points] if leads else [*points[:1], *found, *points[1:]]

    def _about(self, s: ConversationState, thing: str, theme: str) -> bool:
        """The thing is on ``theme``: it names it, or the leaver told it as an example while that topic was asked
        about, in an answer that names no theme of its own ("They cut the night premium in March")."""
        if self._names(thing, theme):
            return True
        for answer in s.answers:
            said = str(answer["text"] or "")
            if key(thing) in " ".join(_words_of(said)):
                return answer.get("topic") == theme and not analyse_answer(said, self.language).mentions
        return False

    def _names(self, text: str, theme: str) -> bool:
        return any(m.theme == theme for m in analyse_answer(text, self.language).mentions)

    def _summary_label(self, theme: str) -> str:
        """How the summary names a theme: in a few plain words of the interviewer's own (data:
        ``summary_labels``); a topic the organisation added is named by its label."""
        own = wording(self.language).get("summary_labels", {})
        return str(own[theme]) if theme in own else self._label(theme)

    def _label(self, theme: str) -> str:
        topic = self.guide.topic(theme)
        return topic.label if topic is not None else topic_labels(self.language).get(theme, theme)

    def _corrects_summary(self, s: ConversationState, u: Understanding) -> bool:
        if u.kind == "correction":
            return True
        answer = (s.answers[-1]["text"] or "").lower().strip() if s.answers else ""
        adds = ("klopt, maar", "ja, maar", "klopt wel, maar", "yes, but", "right, but", "true, but", "mostly, but")
        return (
            u.kind == "answer"
            and bool(u.raised or u.matter)
            and (
                answer.startswith(
                    ("nee", "niet helemaal", "klopt niet", "no", "not quite", "that's not", "that is not", *adds)
                )
            )
        )

    def _correct_summary(self, s: ConversationState, u: Understanding) -> str | None:
        """Change the recorded summary as the leaver corrects it; the corrected point in the interviewer's words."""
        said = s.answers[-1]["text"] or ""
        # "X is not why I'm leaving", "niet vooral salaris": what the leaver rules out is taken out, and stays out
        strict = ruled_out(said, self.language)
        negated = ({t.theme for t in u.themes if t.negated} - set(u.raised) - demoted(said, self.language)) | strict
        for out in strict:
            _add(s.topic(out).known, "ruled_out")
        theme, matter = self._corrected_content(s, u, said, negated)
        if theme in strict:
            # "niet vooral salaris. Het ging om ...": what it was is what the leaver raised besides
            theme, matter = next((t for t in u.raised if t not in strict and t not in s.refused), None), None
        matter = matter if matter is None or is_clause(matter) or said_back_fits(matter) else None
        point = matter or (self._summary_label(theme) if theme else None)
        kept = [p for p in s.summary_points if not self._on_themes(p, negated)]
        new: list[str] = []
        for raised in u.raised:
            if raised not in s.refused and raised not in negated and self._summary_label(raised) not in kept:
                new.append(self._summary_label(raised))
        for phrase in u.matter:
            if phrase not in kept and phrase not in new and good_thing(phrase) and not self._on_themes(phrase, negated):
                new.append(phrase)
        if theme is not None and (s.main_reason is None or s.main_reason in negated):
            s.main_reason, s.main_reason_words = theme, matter
        if point:
            new = [point] + [p for p in new if p != point]
            # "de nieuwe teamleider" put first: "je leidinggevende" beside it would say it twice
            head = point.lower().split()[-1]
            heads = {m.theme for m in analyse_answer(point, self.language).mentions if m.term.lower().endswith(head)}
            labels = {self._summary_label(t) for t in heads | ({theme} if theme else set())} - {point}
            new = [p for p in new if p not in labels]
            kept = [p for p in kept if p not in labels and not any(p.startswith(f"{x} (") for x in labels)]
        for index, label in enumerate(new):
            # a point already there with the leaver's matter ("the workload (the extra shifts)") is moved, not doubled
            there = next((p for p in kept if p.startswith(f"{label} (")), None)
            if there is not None:
                new[index] = there
                kept.remove(there)
        # "the night rota" put first: "your hours and shifts (the night rota)" is then only "your hours and shifts"
        named = {key(p) for p in new}
        points = [p if i == 0 or _aside_key(p) not in named else _without_aside(p) for i, p in enumerate(new + kept)]
        # ... and a label that only names the first point's own word again ("your hours and shifts" after "the night
        # shifts") is left out
        points = points[:1] + [p for p in points[1:] if not (points and names_again(p, points[0]))]
        s.summary_points = list(dict.fromkeys(points))[:4]
        s.corrections.append((u.correction or (s.answers[-1]["text"] or "")).strip()[:300])
        return point

    def _on_themes(self, phrase: str, themes: set[str]) -> bool:
        """A summary point that names one of ``themes``: by its label ("your pay", "je salaris (het loon)") or by
        the leaver's thing on it ("the night shifts")."""
        if not themes:
            return False
        labels = {self._label(t) for t in themes} | {self._summary_label(t) for t in themes}
        if phrase in labels or any(phrase.startswith(f"{x} (") for x in labels):
            return True
        return bool({m.theme for m in analyse_answer(phrase, self.language).mentions} & themes)

    def _fresh(self, s: ConversationState, *path: str) -> str:
        """The first variant at ``path`` in the wording data that was not said before (else the first)."""
        found = options(self.language, *path)
        said = " ".join(s.said)
        return next((o for o in found if o not in said), found[0] if found else "")

    def _corrected_content(
        self, s: ConversationState, u: Understanding, text: str, negated: set[str]
    ) -> tuple[str | None, str | None]:
        """The theme and the matter a correction puts in place of what the interviewer had ("niet X, maar Y")."""
        lang = self.language
        negators = word_list("negators")
        text = calm(without_emphasis(text))  # "het is de MANAGER, op de eerste plaats": the manager
        clauses = clauses_from_the_end(calm(without_emphasis(u.correction or text)))
        wh = "|".join(sorted(word_list("question_words")))
        about = re.findall(rf"\b(?:om|about)\s+((?:{wh})\s[^,.;:!?]+)", text, flags=re.IGNORECASE)
        if about and indirect_question(about[-1].strip()):
            # "het ging om hoe het besloten werd" / "it was about how it was decided": that clause
            clauses = [about[-1].strip(), *clauses]
        spoken_that = what_it_was(text)
        if spoken_that is not None:
            # "het ging om dat er niet naar ons geluisterd werd": that clause, in the interviewer's voice
            found = [m for m in analyse_answer(spoken_that, lang).mentions if m.theme not in s.refused]
            return (found[0].theme if found else None), spoken_that
        for index, whole in enumerate(clauses[:2]):
            first = whole.lower().split()[:1]
            if first and (first[0] in negators or first[0].endswith("n't")):
                continue  # "..., not the work itself": what it was not
            named = problem_subject(whole) or _problem_named(whole)
            if named is not None:
                # "the shifts were the problem": the shifts
                found = [m for m in analyse_answer(named, lang).mentions if m.theme not in s.refused]
                return (found[0].theme if found else None), named
            spoken = in_your_words(whole) if indirect_question(whole) else None
            if spoken is not None:
                # "het ging om hoe het besloten werd": the whole clause is what it was about
                found = [m for m in analyse_answer(whole, lang).mentions if m.theme not in s.refused]
                return (found[0].theme if found else None), spoken[0].lower() + spoken[1:]
            # "de planning, niet de werkdruk": what comes before the "niet" is what it was
            split = re.split(r"\s(?:niet|not)\s", f" {whole} ", maxsplit=1, flags=re.IGNORECASE)
            clause = split[0].strip() if len(split) == 2 and split[0].strip() else whole
            words = clause.lower().split()
            if any(w in negators or w.endswith("n't") for w in words) and (index > 0 or len(clauses) == 1):
                continue  # what it was not
            mentions = [m for m in analyse_answer(clause, lang).mentions if m.theme not in s.refused]
            theme = mentions[0].theme if mentions else None
            if theme is None:
                read = understand(clause, Context(language=lang)).themes
                theme = next((t.theme for t in read if t.theme not in s.refused), None)
            phrases = noun_phrases(clause, lang)
            matter = phrases[-1] if phrases else None
            bare = [w for w in words if w.isalpha()]
            if matter is None and 1 <= len(bare) <= 3 and not set(bare) & (word_list("stop") | negators):
                matter = " ".join(bare)
            if theme is not None or matter is not None:
                return theme, matter
        new = next((t for t in u.raised if t not in s.refused and t not in negated), None)
        return new, self._first_matter(u)

    def _first_matter(self, u: Understanding) -> str | None:
        """The first matter phrase the understanding found, in the interviewer's voice ("je team")."""
        for phrase in u.matter:
            words = phrase.split()
            spoken = matter_phrase(phrase, words[-1], self.language) if words else None
            if spoken:
                return spoken
        return None
