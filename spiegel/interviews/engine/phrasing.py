"""Putting a move into words: the Phraser protocol and the built-in, template-based phraser.

Templates come in several variants per move so the interviewer never repeats a sentence; the variant is
picked deterministically from the state (no randomness), skipping anything already said.
"""

from __future__ import annotations

import zlib
from typing import Protocol

from .checks import _said_sentences, normalise, sentences
from .guide import Guide
from .state import ConversationState, Move


class Phraser(Protocol):
    """Words a move. The engine checks the result and falls back to templates when a rule is broken.

    A phraser may also have ``describe() -> dict`` (what produced the wording: ``phraser``, ``model``,
    ``prompt``...), which the engine records in :attr:`EngineReply.produced_by` when its wording is used, and
    may raise :class:`PhraserDeclined` for moves it leaves to the templates.
    """

    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        """One interviewer message for ``move``."""
        ...


class PhraserDeclined(Exception):  # noqa: N818  (a choice, not a fault)
    """Raised by a phraser for a move it leaves to the built-in templates; the engine records no failure."""


# --------------------------------------------------------------------------------------------------------
# Templates. Placeholders: {q} the leaver's words, {q2} earlier words, {label} topic label, {role} a person
# by role, {feeling} / {ref} the reflected feeling, {question} guide wording, {points} summary points.
# Questions that quote the leaver come first, so follow-ups are tied to their own words.
# --------------------------------------------------------------------------------------------------------

PROBES: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "example": (
            'Je zei "{q}". Wat is daar een concreet voorbeeld van?',
            'Bij "{q}": welk moment komt dan als eerste bij je op?',
            'Vertel eens over een moment waarop "{q}" echt speelde.',
            "Welk voorbeeld rond {label} is je het meest bijgebleven?",
            "Beschrijf eens een gewone werkdag: hoe merkte je daar {label}?",
        ),
        "moment": (
            "Welk moment rond {label} staat je nog goed bij?",
            'Bij "{q}": wat gebeurde er op een dag dat je dat merkte?',
            "Vertel eens over één dag waarop je {label} goed merkte.",
            "Welke situatie rond {label} herinner je je nog goed?",
        ),
        "practice": (
            'Je noemt "{q}". Hoe zag dat er in de praktijk uit?',
            'Hoe merkte je "{q}" in je dagelijkse werk?',
            'Wat zag je concreet gebeuren als het ging om "{q}"?',
            "Wat merkte je in de praktijk van {label}?",
        ),
        "situation": (
            "Beschrijf eens één situatie waarin dat speelde. Wat gebeurde er toen?",
            "Neem één keer waarop dat gebeurde. Hoe ging dat precies?",
            'Vertel over één concrete situatie rond "{q}". Wat gebeurde er?',
            "Welke situatie rond {label} laat het goed zien?",
        ),
        "own_action": (
            "Wat deed jij toen dat gebeurde?",
            "Hoe reageerde jij in die situatie?",
            "Wat heb je zelf geprobeerd toen het zo liep?",
            "Wat deed jij op dat moment rond {label}?",
        ),
        "effect": (
            'Wat deed "{q}" met jou?',
            "Wat was het effect daarvan, op jou of op je werk?",
            "Wat veranderde er daardoor voor jou?",
            "Welk effect had {label} op jou?",
            "Hoe werkte dat door in je werk?",
        ),
        "cause": (
            'Waar kwam "{q}" volgens jou vandaan?',
            "Wat zorgde er volgens jou voor dat het zo liep?",
            "Hoe is dat zo gekomen, denk je?",
            "Waar lag volgens jou de oorzaak bij {label}?",
        ),
        "frequency": (
            "Hoe vaak gebeurde zoiets ongeveer?",
            'Hoe vaak maakte je "{q}" ongeveer mee?',
            "Hoe vaak speelde dit rond {label}?",
        ),
        "recent_example": (
            'Je zei "{q}". Wat is het meest recente voorbeeld daarvan?',
            'Bij "{q}": wanneer gebeurde dat voor het laatst?',
            'Je noemt "{q}". Welke recente keer staat je het best bij?',
        ),
        "push_pull": (
            'Je noemt "{q}". Wat maakte dat je überhaupt om je heen ging kijken?',
            "Wat zette je ertoe aan om naar iets anders te zoeken?",
            'Hoe kwam het dat je openstond voor "{q}"?',
        ),
        "decisive_moment": (
            "Welk moment maakte dat je echt besloot te gaan?",
            "Wanneer wist je zeker dat je zou vertrekken?",
            "Wat gaf uiteindelijk de doorslag?",
        ),
        "own_experience": (
            'Je zei "{q}". Wat heb je daar zelf van gezien of meegemaakt?',
            "Los van wat je hoorde: wat heb je zelf meegemaakt?",
            'Wat merkte je zelf van "{q}" in je eigen werk?',
        ),
        "behaviour_effect": (
            "Welk gedrag van {role} had het meeste invloed op jou?",
            "Wat deed {role} dat voor jou het verschil maakte?",
            "Hoe merkte je in je werk wat {role} deed?",
        ),
        "contrast": (
            "Hoe verhield {label} zich tot wat je had verwacht toen je begon?",
            'Hoe verschilde "{q}" van wat je had verwacht?',
            "Wat had je rond {label} anders gewild?",
        ),
        "behind_hedge": (
            'Wat zit er achter "{q}"?',
            'Wat bedoel je precies met "{q}"?',
            'Wat wil je over "{q}" nog kwijt?',
        ),
        "cause_of_feeling": (
            "Waar kwam {ref} vooral vandaan?",
            "Wat zorgde voor {ref}?",
            "Wat gebeurde er waardoor {ref} ontstond?",
        ),
        "contradiction": (
            'Eerder zei je "{q2}", nu "{q}". Hoe passen die twee voor jou bij elkaar?',
            'Ik hoor "{q2}" en ook "{q}". Hoe zit dat voor jou?',
            'Eerder noemde je "{q2}", nu "{q}". Wat maakt het verschil?',
        ),
        "clarify": (
            'Wat bedoel je met "{q}"?',
            'Vertel eens wat meer over "{q}".',
            "Wat wil je over {label} nog vertellen?",
        ),
    },
    "en": {
        "example": (
            'You said "{q}". What is a concrete example of that?',
            'With "{q}", which moment comes to mind first?',
            'Tell me about a moment when "{q}" really showed.',
            "Which example about {label} has stayed with you most?",
            "Describe an ordinary working day: how did you notice {label} there?",
        ),
        "moment": (
            "Which moment about {label} do you still remember well?",
            'With "{q}", what happened on a day you noticed it?',
            "Tell me about one day when you really noticed {label}.",
            "Which situation about {label} do you remember well?",
        ),
        "practice": (
            'You mention "{q}". What did that look like in practice?',
            'How did you notice "{q}" in your daily work?',
            'What did you actually see happen when it came to "{q}"?',
            "What did you notice of {label} in practice?",
        ),
        "situation": (
            "Describe one situation where that played out. What happened?",
            "Take one time it happened. How did it go exactly?",
            'Tell me about one concrete situation with "{q}". What happened?',
            "Which situation about {label} shows it best?",
        ),
        "own_action": (
            "What did you do when that happened?",
            "How did you respond in that situation?",
            "What did you try yourself when things went that way?",
            "What did you do at that point about {label}?",
        ),
        "effect": (
            'What did "{q}" do to you?',
            "What effect did that have, on you or on your work?",
            "What changed for you because of it?",
            "What effect did {label} have on you?",
            "How did that carry through into your work?",
        ),
        "cause": (
            'Where do you think "{q}" came from?',
            "What do you think made it go that way?",
            "How did it come to be like that, do you think?",
            "Where do you think the cause lay with {label}?",
        ),
        "frequency": (
            "How often did something like that happen?",
            'How often did you run into "{q}"?',
            "How often did this come up with {label}?",
        ),
        "recent_example": (
            'You said "{q}". What is the most recent example of that?',
            'With "{q}", when did that last happen?',
            'You mention "{q}". Which recent time do you remember best?',
        ),
        "push_pull": (
            'You mention "{q}". What made you start looking around at all?',
            "What prompted you to look for something else?",
            'How did it come about that you were open to "{q}"?',
        ),
        "decisive_moment": (
            "Which moment made you really decide to go?",
            "When did you know for sure that you would leave?",
            "What finally tipped the balance?",
        ),
        "own_experience": (
            'You said "{q}". What did you see or experience of that yourself?',
            "Apart from what you heard, what did you experience yourself?",
            'What did you notice of "{q}" yourself, in your own work?',
        ),
        "behaviour_effect": (
            "Which behaviour of {role} had the most effect on you?",
            "What did {role} do that made the difference for you?",
            "How did you notice in your work what {role} did?",
        ),
        "contrast": (
            "How did {label} compare with what you expected when you started?",
            'How did "{q}" differ from what you had expected?',
            "What would you have wanted to be different about {label}?",
        ),
        "behind_hedge": (
            'What is behind "{q}"?',
            'What exactly do you mean by "{q}"?',
            'What else would you like to say about "{q}"?',
        ),
        "cause_of_feeling": (
            "Where did {ref} mostly come from?",
            "What caused {ref}?",
            "What happened that led to {ref}?",
        ),
        "contradiction": (
            'Earlier you said "{q2}", now "{q}". How do those two fit together for you?',
            'I hear "{q2}" and also "{q}". How does that sit for you?',
            'Earlier you mentioned "{q2}", now "{q}". What makes the difference?',
        ),
        "clarify": (
            'What do you mean by "{q}"?',
            'Tell me a bit more about "{q}".',
            "What else would you like to say about {label}?",
        ),
    },
}

# Returning to something the leaver only heard: what did they see or experience themselves?
RETURN_HEARSAY = {
    "nl": (
        'Je zei eerder dat je hoorde: "{q}". Wat heb je daar zelf van gezien of meegemaakt?',
        'Eerder noemde je "{q}". Wat heb je daar zelf van meegemaakt?',
    ),
    "en": (
        'Earlier you said you heard "{q}". What did you see or experience of that yourself?',
        'You mentioned "{q}" earlier. What did you experience of that yourself?',
    ),
}

# Neutral, always-valid questions for when every wording of a move breaks a rule (a repeat, usually).
FALLBACKS = {
    "nl": (
        "Wat wil je hier zelf nog over vertellen?",
        "Wat is voor jou hierbij het belangrijkste?",
        "Hoe kijk je hier zelf op terug?",
        "Wat moet ik hierover nog weten?",
    ),
    "en": (
        "What would you like to tell me about this yourself?",
        "What matters most to you here?",
        "How do you look back on this yourself?",
        "What else should I know about this?",
    ),
}

RETURN_THREAD = {
    "nl": (
        'Je noemde eerder "{q}". Hoe zag dat eruit?',
        'Ik wil nog terugkomen op "{q}". Wat bedoelde je daarmee?',
        'Eerder zei je "{q}". Vertel daar eens wat meer over.',
        'Je had het ook over "{q}". Hoe merkte je dat?',
    ),
    "en": (
        'Earlier you mentioned "{q}". What did that look like?',
        'I would like to come back to "{q}". What did you mean by that?',
        'Earlier you said "{q}". Tell me a bit more about that.',
        'You also talked about "{q}". How did you notice it?',
    ),
}

PREFACES: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "bridge": (
            "Dank je, dat is helder.",
            "Dat is duidelijk, dank je.",
            "Ik heb het genoteerd.",
            "Dank je voor je uitleg.",
            "Dat neem ik mee.",
            "Helder, dank je wel.",
            "Ik begrijp het.",
            "Dank je voor het delen.",
            "Dat heb ik opgeschreven.",
            "Duidelijk.",
        ),
        "accept": (
            "Dat is ook een antwoord, dank je.",
            "Oké, dan laten we dit zo.",
            "Dat is goed; dan ga ik verder.",
            "Prima, dan gaan we door.",
        ),
        "skip": (
            "Dat is goed, dan slaan we dit over.",
            "Geen probleem, dit onderwerp laten we liggen.",
            "Prima, we gaan verder met iets anders.",
            "Dat kan; we laten dit onderwerp rusten.",
        ),
        "refusal": (
            "Dat begrijp ik; we laten dit onderwerp rusten.",
            "Dat respecteer ik, we komen er niet meer op terug.",
            "Helemaal goed; dit onderwerp slaan we over.",
        ),
        "distress": (
            "Dank je dat je dit deelt; het klinkt zwaar, en we laten dit onderwerp rusten.",
            "Ik hoor dat dit je raakt; we gaan hier niet verder op in.",
            "Dat is begrijpelijk; we laten dit onderwerp met rust.",
        ),
        "near_end": (
            "We zijn bijna aan het einde.",
            "Nog een paar vragen, dan zijn we klaar.",
        ),
        "after_disclosure": (
            "Dank je, dat heb ik genoteerd en het wordt zorgvuldig opgepakt.",
            "Dat heb ik vastgelegd; een mens kijkt hier zorgvuldig naar.",
        ),
        "disclosure_again": (
            "Dank je; dat heb ik al vastgelegd, en we gaan er niet verder op in.",
            "Dat heb ik genoteerd; ik vraag daar niet verder naar.",
            "Dank je, dat is vastgelegd; we laten het hierbij.",
        ),
        "hedge": (
            "Het is heel gewoon om hier voorzichtig in te zijn; jij bepaalt straks wat er gedeeld wordt.",
            "Veel mensen vinden dit lastig om te zeggen, en niets wordt zonder jouw akkoord gedeeld.",
            "Je mag hier vrij praten; wat je zegt, wordt alleen gedeeld als jij dat wilt.",
        ),
        "emotion": (
            "Ik hoor {feeling} in wat je vertelt.",
            "Er klinkt {feeling} door in je woorden.",
            "Ik merk {feeling} als je hierover vertelt.",
        ),
    },
    "en": {
        "bridge": (
            "Thank you, that is clear.",
            "That is clear, thank you.",
            "I have noted that.",
            "Thank you for explaining.",
            "I will take that along.",
            "Clear, thank you.",
            "I understand.",
            "Thank you for sharing that.",
            "I have written that down.",
            "Understood.",
        ),
        "accept": (
            "That is an answer too, thank you.",
            "All right, let's leave it there.",
            "That's fine; I'll move on.",
            "Okay, let's go on.",
        ),
        "skip": (
            "That's fine, we'll skip this.",
            "No problem, we'll leave this topic.",
            "Fine, let's move on to something else.",
            "Of course; we'll leave this topic aside.",
        ),
        "refusal": (
            "I understand; we'll leave this topic.",
            "I respect that, and we won't come back to it.",
            "That's completely fine; we'll skip this topic.",
        ),
        "distress": (
            "Thank you for sharing this; it sounds hard, and we'll leave this topic.",
            "I can hear this affects you; we won't go further into it.",
            "That is understandable; we'll leave this topic alone.",
        ),
        "near_end": (
            "We are almost at the end.",
            "Just a few more questions and we are done.",
        ),
        "after_disclosure": (
            "Thank you, I have noted that and it will be handled with care.",
            "I have recorded that; a person will look at it carefully.",
        ),
        "disclosure_again": (
            "Thank you; I have already recorded that, and we won't go further into it.",
            "I have noted that; I won't ask further about it.",
            "Thank you, that is on record; we'll leave it there.",
        ),
        "hedge": (
            "It is very normal to be careful here; you decide later what gets shared.",
            "Many people find this hard to say, and nothing is shared without your consent.",
            "You can speak freely here; what you say is only shared if you want it to be.",
        ),
        "emotion": (
            "I can hear {feeling} in what you say.",
            "There is {feeling} in your words.",
            "I notice {feeling} when you talk about this.",
        ),
    },
}

OPENING = {
    "nl": (
        "{question}",
        "Hoe ben je tot het besluit gekomen om te vertrekken?",
        "Vertel eens: hoe kwam je tot het besluit om weg te gaan?",
    ),
    "en": (
        "{question}",
        "How did you come to the decision to leave?",
        "Tell me: how did you arrive at the decision to go?",
    ),
}

CLOSING_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "stay": ("{question}", "Wat had jou hier kunnen houden?", "Wat had ervoor gezorgd dat je was gebleven?"),
        "stay_when": ("{question}", "Op welk moment had dat nog verschil gemaakt?"),
        "advice_keep": ("{question}", "Wat werkt hier goed en moet blijven?"),
        "advice_change": ("{question}", "Wat moet er volgens jou als eerste anders?"),
        "anything_else": ("{question}", "Waar heb ik nog niet naar gevraagd, terwijl het wel belangrijk is?"),
        "extra_question": ("{question}",),
        "topic_question": ("{question}", "Hoe was {label} voor jou?", "Wat kun je vertellen over {label}?"),
        "disclosure": (
            "Dank je dat je dit vertelt; dit is ernstig. Je kunt hiermee terecht bij de vertrouwenspersoon"
            " of het meldpunt. Wat wil je dat er met deze informatie gebeurt?",
            "Wat je vertelt is ernstig, en goed dat je het zegt. Een vertrouwenspersoon of het meldpunt kan"
            " je verder helpen. Wat moet er volgens jou mee gebeuren?",
        ),
        "summary": (
            "Ik vat kort samen wat ik hoorde: {points}. {question}",
            "Samengevat hoorde ik vooral dit: {points}. {question}",
        ),
        "summary_empty": (
            "Ik heb je verhaal over je vertrek genoteerd. {question}",
            "Ik heb opgeschreven wat je vertelde. {question}",
        ),
        "close": ("{question}", "Dank je wel voor je tijd en je openheid. Straks zie je wat ik heb genoteerd."),
    },
    "en": {
        "stay": ("{question}", "What could have kept you here?", "What would have made you stay?"),
        "stay_when": ("{question}", "At what point would that still have made a difference?"),
        "advice_keep": ("{question}", "What works well here and should stay?"),
        "advice_change": ("{question}", "What do you think should change first?"),
        "anything_else": ("{question}", "What have I not asked about that still matters?"),
        "extra_question": ("{question}",),
        "topic_question": ("{question}", "How was {label} for you?", "What can you tell me about {label}?"),
        "disclosure": (
            "Thank you for telling me; this is serious. You can take it to the confidential adviser or the"
            " reporting channel. What would you like to happen with this?",
            "What you describe is serious, and it is good that you say it. A confidential adviser or the"
            " reporting channel can help. What should happen with it?",
        ),
        "summary": (
            "Let me sum up what I heard: {points}. {question}",
            "In short, this is what I heard most: {points}. {question}",
        ),
        "summary_empty": (
            "I have noted your story about leaving. {question}",
            "I have written down what you told me. {question}",
        ),
        "close": ("{question}", "Thank you for your time and your openness. You will soon see what I noted."),
    },
}

FEELINGS: dict[str, dict[str, tuple[str, str]]] = {
    # group -> (noun phrase for the reflection, "that feeling" for the cause question)
    "nl": {
        "frustration": ("frustratie", "die frustratie"),
        "disappointment": ("teleurstelling", "die teleurstelling"),
        "fed_up": ("dat het voor jou genoeg was", "dat gevoel"),
        "anger": ("boosheid", "die boosheid"),
        "hurt": ("verdriet", "dat verdriet"),
        "fear": ("zorgen", "die zorgen"),
        "powerless": ("machteloosheid", "die machteloosheid"),
        "alone": ("dat je er alleen voor stond", "dat gevoel"),
        "exhausted": ("vermoeidheid", "die vermoeidheid"),
        "unhappy": ("onvrede", "die onvrede"),
        "unseen": ("dat je je niet gezien voelde", "dat gevoel"),
    },
    "en": {
        "frustration": ("frustration", "that frustration"),
        "disappointment": ("disappointment", "that disappointment"),
        "fed_up": ("that you had had enough", "that feeling"),
        "anger": ("anger", "that anger"),
        "hurt": ("hurt", "that hurt"),
        "fear": ("worry", "that worry"),
        "powerless": ("helplessness", "that helplessness"),
        "alone": ("that you were on your own", "that feeling"),
        "exhausted": ("exhaustion", "that exhaustion"),
        "unhappy": ("unhappiness", "that unhappiness"),
        "unseen": ("that you did not feel seen", "that feeling"),
    },
}

TOPIC_LABELS = {
    "nl": {
        "career": "je ontwikkeling",
        "job_content": "het werk zelf",
        "manager": "je leidinggevende",
        "collaboration": "de samenwerking",
        "culture": "de sfeer",
        "workload": "de werkdruk",
        "conditions": "je werktijden en werkplek",
        "pay": "je salaris",
        "recognition": "waardering",
        "processes": "de organisatie",
        "job_security": "zekerheid over je baan",
        "wellbeing": "je gezondheid",
        "personal": "je persoonlijke situatie",
        "retirement": "je pensioen",
        "_story": "je vertrek",
    },
    "en": {
        "career": "your development",
        "job_content": "the work itself",
        "manager": "your manager",
        "collaboration": "working with others",
        "culture": "the atmosphere",
        "workload": "the workload",
        "conditions": "your hours and workplace",
        "pay": "your pay",
        "recognition": "appreciation",
        "processes": "the organisation",
        "job_security": "security about your job",
        "wellbeing": "your health",
        "personal": "your personal situation",
        "retirement": "your retirement",
        "_story": "your leaving",
    },
}


def topic_label(topic: str | None, language: str, guide: Guide | None = None) -> str:
    """How a topic is named in a question."""
    if topic and guide is not None:
        t = guide.topic(topic)
        if t is not None:
            return t.label
    return TOPIC_LABELS[language].get(topic or "_story", TOPIC_LABELS[language]["_story"])


def _seed(move: Move, state: ConversationState) -> int:
    # crc32, not hash(): str hashes change per process and the engine must be deterministic.
    key = f"{move.kind}|{move.probe}|{move.topic}|{state.interviewer_turns}|{len(state.said)}"
    return zlib.crc32(key.encode("utf-8"))


def _rotate(options: tuple[str, ...], seed: int) -> list[str]:
    if not options:
        return []
    start = seed % len(options)
    return list(options[start:]) + list(options[:start])


class TemplatePhraser:
    """The built-in phraser: varied templates per move kind and language, never repeating a sentence."""

    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        """The first candidate wording that repeats nothing already said."""
        candidates = self.candidates(move, state, guide)
        return candidates[0] if candidates else ""

    def candidates(self, move: Move, state: ConversationState, guide: Guide) -> list[str]:
        """All wordings of ``move`` in preference order: fresh ones first, repeats last."""
        said = {s for message in state.said for s in _said_sentences(message)}
        seed = _seed(move, state)
        language = move.language
        preface = self._preface(move, said, seed, language)
        questions = self._questions(move, guide, seed, language)
        fresh: list[str] = []
        stale: list[str] = []
        for q in questions:
            text = f"{preface} {q}".strip() if preface else q
            (stale if any(normalise(s) in said for s in sentences(text)) else fresh).append(text)
        return fresh + stale

    def fallbacks(self, move: Move, state: ConversationState, guide: Guide) -> list[str]:
        """Neutral wordings for when no template of ``move`` passes the checks (the preface kept if fresh)."""
        said = {s for message in state.said for s in _said_sentences(message)}
        kind = move.target if move.kind in ("bridge", "skip_ack", "refusal_ack") and move.target else move.kind
        if kind == "close":
            return [guide.closing["thanks"]]
        preface = self._preface(move, said, _seed(move, state), move.language)
        out: list[str] = []
        for question in FALLBACKS[move.language]:
            if preface:
                out.append(f"{preface} {question}")
            out.append(question)
        return out

    def _preface(self, move: Move, said: set[str], seed: int, language: str) -> str:
        parts: list[str] = []
        table = PREFACES[language]
        keys: list[str] = []
        if move.preface:
            keys.extend(p for p in move.preface.split("+") if p)
        for key in keys:
            for option in _rotate(table.get(key, ()), seed):
                text = option.format(feeling=move.feeling or "")
                if normalise(text) not in said:
                    parts.append(text)
                    break
        return " ".join(parts)

    def _questions(self, move: Move, guide: Guide, seed: int, language: str) -> list[str]:
        label = move.label or topic_label(move.topic, language, guide)
        fields = {
            "q": move.quote or label,
            "q2": move.quote2 or "",
            "label": label,
            "role": move.role or ("die persoon" if language == "nl" else "that person"),
            "feeling": move.feeling or "",
            "ref": move.feeling_ref or ("dat gevoel" if language == "nl" else "that feeling"),
            "question": move.question or "",
            "points": _points(move.points, language),
        }
        kind = move.target if move.kind in ("bridge", "skip_ack", "refusal_ack") and move.target else move.kind
        if kind == "open":
            options: tuple[str, ...] = OPENING[language]
        elif kind == "return_thread" and move.probe == "own_experience":
            options = RETURN_HEARSAY[language]
        elif kind == "return_thread":
            options = RETURN_THREAD[language]
        elif kind == "summary" and not move.points:
            options = CLOSING_VARIANTS[language]["summary_empty"]
        elif kind in CLOSING_VARIANTS[language]:
            options = CLOSING_VARIANTS[language][kind]
        else:
            options = PROBES[language].get(move.probe or "clarify", PROBES[language]["clarify"])
        if not move.quote:
            # without the leaver's words, prefer the wordings that use the topic label
            options = tuple(o for o in options if "{q}" not in o) + tuple(o for o in options if "{q}" in o)
            ordered = list(options)
        elif kind in ("open",) or kind in CLOSING_VARIANTS[language]:
            ordered = list(options)  # the guide's own wording first
        else:
            # quoting the leaver comes first; rotate among those for variety
            quoting = tuple(o for o in options if "{q}" in o)
            rest = tuple(o for o in options if "{q}" not in o)
            ordered = _rotate(quoting, seed) + _rotate(rest, seed)
        out: list[str] = []
        for option in ordered:
            if "{question}" in option and not move.question:
                continue
            text = option.format(**fields)
            if text not in out:
                out.append(text)
        return out


def _points(points: tuple[tuple[str, str], ...], language: str) -> str:
    rendered: list[str] = []
    for label, quote in points:
        head = label.split()[-1].lower()
        if quote and head in quote.lower():
            rendered.append(f'"{quote}"')  # the leaver's words already name it
        elif quote:
            rendered.append(f'{label} ("{quote}")')
        else:
            rendered.append(label)
    if not rendered:
        return ""
    if len(rendered) == 1:
        return rendered[0]
    joiner = " en " if language == "nl" else " and "
    return ", ".join(rendered[:-1]) + joiner + rendered[-1]
