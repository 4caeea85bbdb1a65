"""What an exit-interview answer shows: rule-based signals for Dutch and English.

The interview engine decides its next move from these signals (see docs/interviewing.md, "Triggers").
Everything here is lists and simple rules on purpose: no Dutch NER or embedding model exists offline, it
must run in well under a millisecond per answer, and every decision must be explainable to a practitioner.
Lemmas come from ``simplemma`` so that inflections ("collega's", "gepest", "managers") still match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spiegel.language.lemmas import lemma
from spiegel.language.taxonomy import THEMES as TAXONOMY_THEMES


def _words(text: str) -> tuple[str, ...]:
    """Word lists are written as one string for readability."""
    return tuple(text.split())


__all__ = [
    "THEME_IDS",
    "AnswerSignals",
    "Cue",
    "Mention",
    "analyse_answer",
    "detect_language",
    "find_themes",
]

# Taxonomy ids (docs/taxonomy.md). Kept here so language/ does not depend on the apps.
THEME_IDS: tuple[str, ...] = TAXONOMY_THEMES

SHORT_ANSWER_WORDS = 12
# An acknowledgement that opens an answer before its own full stop or comma ("ok.", "ja,", "yeah so").
_LEAD_ACK = re.compile(
    r"^\s*(?:(?:ok(?:ay|e|é)?|oké|ja|jawel|yeah|yes|yep|nou|well|right|sure|alright|prima|goed)[.,!]+\s*)+"
    r"(?:(?:yeah|so|ja|dus|nou|well)\s+)*"
)


@dataclass(frozen=True)
class Cue:
    """One thing found in an answer: what kind, the words that matched, and a quotable window around it."""

    kind: str
    phrase: str
    context: str


@dataclass(frozen=True)
class Mention:
    """A taxonomy theme named in the answer, with the leaver's words around it and their tone."""

    theme: str
    term: str
    phrase: str
    polarity: str | None  # "pos", "neg" or None when the clause carries no clear tone
    position: int


@dataclass(frozen=True)
class AnswerSignals:
    """Everything the engine needs to know about one answer. Tuples keep it hashable and immutable."""

    language: str
    word_count: int
    specificity: int
    specific_markers: tuple[str, ...]
    is_short: bool
    is_vague: bool
    vague_phrases: tuple[str, ...]
    dont_know: int
    hedges: tuple[Cue, ...]
    generalisations: tuple[Cue, ...]
    hearsay: tuple[Cue, ...]
    emotions: tuple[Cue, ...]
    mentions: tuple[Mention, ...]
    themes: tuple[str, ...]
    bare_themes: tuple[Mention, ...]
    easy_reasons: tuple[Cue, ...]
    named_people: tuple[Cue, ...]
    refusal: Cue | None
    distress: Cue | None
    skip_request: bool
    disclosures: tuple[Cue, ...]
    has_cause: bool
    has_effect: bool
    key_phrases: tuple[str, ...]
    #: The leaver says there is nothing more to it ("meer valt er niet over te zeggen", "not much behind that").
    nothing_more: bool = False

    @property
    def is_thin(self) -> bool:
        """Vague, or short with nothing to hook a follow-up on: it needs a probe or must be accepted."""
        if self.specificity:
            return False
        if self.is_vague:
            return True
        hooks = (
            self.mentions
            or self.emotions
            or self.generalisations
            or self.hearsay
            or self.hedges
            or self.named_people
            or self.easy_reasons
        )
        return self.is_short and not hooks

    @property
    def several_threads(self) -> bool:
        """More than one theme raised in one answer."""
        return len(self.themes) >= 2

    @property
    def negative(self) -> bool:
        """Any theme spoken of negatively."""
        return any(m.polarity == "neg" for m in self.mentions)


# --------------------------------------------------------------------------------------------------------
# Lexicons. Single words are matched against the token, its lemma and simple stems; phrases as regexes.
# --------------------------------------------------------------------------------------------------------

_THEME_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "career": _words(
            "ontwikkeling ontwikkelen ontwikkelingsmogelijkheid groei groeien doorgroeien doorgroei "
            "doorgroeimogelijkheid doorgroeimogelijkheden promotie opleiding cursus training loopbaan "
            "carrière leren coaching perspectief doorstromen bijscholing scholing loopbaanpad"
        ),
        "job_content": _words(
            "taak taken werkzaamheden uitdaging uitdagend saai werkinhoud inhoud functie rol afwisseling "
            "verantwoordelijkheid verantwoordelijkheden autonomie eentonig vakinhoudelijk "
            "functieomschrijving "
            "vacature"
        ),
        "manager": _words(
            "leidinggevende leidinggevenden manager managers baas chef teamleider directeur directie "
            "leiding leiderschap management afdelingshoofd teammanager leidinggeven bazen"
        ),
        "collaboration": _words(
            "collega collega's samenwerking samenwerken communicatie communiceren afdeling afdelingen "
            "overleg informatie team teams teamgenoot teamgenoten"
        ),
        "culture": _words(
            "cultuur sfeer werksfeer klimaat waarden roddelen roddel politiek veiligheid uitsluiting "
            "inclusie pesten angstcultuur afrekencultuur"
        ),
        "workload": _words(
            "werkdruk druk overuren overuur overwerk tempo onderbezetting onderbezet personeelstekort "
            "drukte hectisch deadline deadlines tijdsdruk werkdrukte balans"
        ),
        "conditions": _words(
            "rooster roosters dienst diensten ploeg ploegendienst reistijd woon-werkverkeer file locatie "
            "kantoor thuiswerken hybride werkplek laptop faciliteiten apparatuur werktijden nachtdienst "
            "weekenddienst reisafstand parkeren"
        ),
        "pay": _words(
            "salaris loon betaling verdienen geld bonus opslag loonsverhoging arbeidsvoorwaarden cao "
            "vakantiedagen beloning salarisschaal schaal vergoeding"
        ),
        "recognition": _words(
            "waardering erkenning compliment complimenten waarderen gewaardeerd bedankje schouderklopje"
        ),
        "processes": _words(
            "organisatie reorganisatie reorganiseren proces processen procedure procedures bureaucratie "
            "bureaucratisch besluitvorming strategie systeem systemen structuur "
            "regels formulier formulieren inwerken onboarding software administratie vergadering "
            "vergaderingen papierwerk"
        ),
        "job_security": _words(
            "zekerheid onzekerheid ontslag ontslagronde faillissement toekomst contractverlenging "
            "verlenging bezuiniging bezuinigingen tijdelijk"
        ),
        "wellbeing": _words(
            "burn-out burnout overspannen gezondheid stress uitgeput ziekteverlof ziekmelding ziekgemeld hoofdpijn "
            "moe vermoeid vermoeidheid ziek slapeloos"
        ),
        "personal": _words(
            "partner kinderen kind gezin verhuizen verhuizing studie studeren mantelzorg familie zwanger"
        ),
        "retirement": ("pensionering",),
    },
    "en": {
        "career": _words(
            "development develop growth grow promotion training career learning learn coaching progression prospects"
        ),
        "job_content": _words(
            "task tasks duty duties challenge challenging boring content role responsibility autonomy "
            "variety monotonous"
        ),
        "manager": _words("manager boss supervisor leadership management director lead leader executive"),
        "collaboration": _words(
            "colleague coworker co-worker teammate collaboration collaborate cooperation communication "
            "communicate department team teams"
        ),
        "culture": _words("culture atmosphere climate values gossip politics inclusion exclusion bullying"),
        "workload": _words("workload pressure overtime understaffed understaffing pace deadline deadlines busy hectic"),
        "conditions": _words(
            "roster rota schedule shift shifts commute location office remote hybrid workplace laptop "
            "equipment facilities parking"
        ),
        "pay": _words("salary pay wage wages money bonus raise benefits compensation pension paid payment"),
        "recognition": _words("recognition appreciation appreciate appreciated praise credit acknowledgement"),
        "processes": _words(
            "organisation organization reorganisation reorganization process processes procedure "
            "bureaucracy bureaucratic decision-making strategy system systems structure rules "
            "paperwork onboarding software meetings meeting admin"
        ),
        "job_security": _words(
            "security insecurity layoff layoffs redundancy redundancies uncertainty future contract "
            "bankruptcy cutbacks temporary stable stability"
        ),
        "wellbeing": _words("burnout burn-out stress health illness exhausted exhaustion tired sick insomnia"),
        "personal": _words("partner children kids family relocate relocation moving study studies pregnant"),
        "retirement": _words("retire retirement retiring"),
    },
}

# Dutch compounds: a word ending in one of these heads belongs to the theme ("startsalaris", "tijdsdruk").
_NL_COMPOUND_HEADS: dict[str, str] = {
    "salaris": "pay",
    "loon": "pay",
    "druk": "workload",
    "rooster": "conditions",
    "dienst": "conditions",
    "overleg": "collaboration",
    "cultuur": "culture",
    "sfeer": "culture",
    "leider": "manager",
    "opleiding": "career",
    "cursus": "career",
    "training": "career",
    "reorganisatie": "processes",
    "systeem": "processes",
    "procedure": "processes",
    "collega": "collaboration",
}

# Words that end in a theme head without belonging to it ("begeleider" is no "leider").
_NL_COMPOUND_EXCEPTIONS = ("begeleider", "begeleiders", "geleider", "geleiders", "rondleider")

_THEME_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "workload": (
            r"te veel werk",
            r"veel te veel",
            r"(?:lange|veel) (?:dagen|uren)",
            r"nooit af",
            r"te weinig (?:mensen|personeel|handen)",
        ),
        "pay": (r"meer (?:geld|salaris|verdienen)", r"beter betaald"),
        "retirement": (r"met pensioen",),
        "job_security": (r"vast contract", r"tijdelijk contract", r"(?:geen|nieuw) contract"),
        "recognition": (r"(?:niet|nooit) gezien", r"gezien worden", r"geen waardering"),
        "career": (r"geen (?:groei|perspectief|ontwikkeling)", r"volgende stap"),
        "manager": (r"geen feedback", r"mijn (?:baas|manager|leidinggevende)"),
        "job_content": (r"wat (?:er )?beloofd (?:was|werd)",),
        "conditions": (r"thuis werken",),
        "wellbeing": (r"(?:slecht|niet) (?:meer )?(?:sliep|slapen)", r"ziek thuis"),
    },
    "en": {
        "workload": (r"too much work", r"long (?:days|hours)", r"work[- ]life balance", r"short[- ]staffed"),
        "pay": (r"more money", r"better paid", r"paid (?:more|better)"),
        "retirement": (r"retir\w+",),
        "recognition": (r"(?:never|not) (?:seen|noticed|thanked)", r"no recognition"),
        "career": (r"no (?:growth|prospects|progression)", r"next step"),
        "manager": (r"no feedback", r"line manager"),
        "job_content": (r"what (?:was|i was) promised",),
        "conditions": (r"working from home", r"work from home"),
        "wellbeing": (r"signed off", r"(?:couldn'?t|could not|didn'?t) sleep", r"off sick"),
    },
}

_VAGUE = {
    "nl": (
        r"prima",
        r"ging wel",
        r"gaat wel",
        r"weet (?:ik )?niet",
        r"geen idee",
        r"niks bijzonders?",
        r"niets bijzonders?",
        r"viel wel mee",
        r"was (?:wel )?(?:ok[eé]?|oké|goed|prima|normaal)",
        r"gewoon",
        r"zo'?n beetje",
        r"van alles",
        r"het een en ander",
        r"nee",
        r"(?:meer )?valt er (?:eigenlijk )?niet(?:s)? (?:meer )?over te zeggen",
        r"daar zit (?:verder )?niet (?:veel|meer) achter",
        r"verder niets",
    ),
    "en": (
        r"fine",
        r"okay",
        r"ok",
        r"alright",
        r"not sure",
        r"i don'?t know",
        r"dunno",
        r"no idea",
        r"nothing (?:really|special|much)",
        r"it was (?:ok|okay|fine|good|normal)",
        r"just",
        r"stuff",
        r"things",
        r"no",
        r"nothing (?:more|else) to (?:say|add)",
        r"that'?s (?:all|it)",
        r"not much more to (?:it|say)",
    ),
}

# "There is nothing more to it": the leaver closes the topic; probing again only repeats the question.
_NOTHING_MORE = {
    "nl": (
        r"(?:meer )?valt er (?:eigenlijk |verder )?niet(?:s)? (?:meer |veel )?over te zeggen",
        r"(?:daar|er) zit (?:verder |eigenlijk )?(?:niet veel|niets|niks|niet meer|weinig) (?:meer )?achter",
        r"(?:verder )?(?:niets|niks) (?:meer )?(?:aan )?toe te voegen",
        r"meer (?:weet|kan) ik (?:er )?niet(?: over)?(?: zeggen)?",
        r"(?:ik (?:denk dat ik )?)?(?:heb )?(?:alles|het wel) (?:wel )?gezegd",
        r"dat was (?:het|alles)(?: wel)?",
    ),
    "en": (
        r"not (?:much|a lot) more to (?:say|add|it)",
        r"nothing (?:more|else|much) to (?:say|add)",
        r"(?:not much|nothing(?: much)?|little) behind (?:that|it)",
        r"that'?s (?:all|it)(?: really)?",
        r"(?:i'?ve|i have) said (?:it all|everything|all there is)",
        r"that'?s all there is",
    ),
}

_DONT_KNOW = {
    "nl": (r"weet (?:ik )?(?:het )?niet", r"geen idee", r"weet niet", r"geen flauw idee"),
    "en": (r"(?:i )?don'?t know", r"dunno", r"no idea", r"not sure"),
}

_SPECIFIC = {
    "nl": (
        r"\d+",
        r"(?:een|twee|drie|vier|vijf|zes|tien|twintig|honderd)\s+(?:keer|maanden?|weken|jaar|dagen|uur)",
        r"vorige (?:week|maand|jaar|keer)",
        r"gisteren",
        r"laatst",
        r"toen",
        r"op een (?:dag|keer|gegeven moment)",
        r"bijvoorbeeld",
        r"een keer",
        r"die keer",
        r"in (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)",
        r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)",
        r"(?:zei|vroeg|antwoordde|mailde|belde) (?:hij|zij|ze|mijn|de)",
        r"tijdens (?:de|het|een)",
        r"na (?:de|het) (?:reorganisatie|gesprek|overleg|vergadering)",
        r"(?:vorige?|afgelopen|in de|die|deze) (?:zomer|winter|lente|herfst|voorjaar|najaar|kerst|vakantie)",
        r"(?:vorig|afgelopen|dat) (?:voorjaar|najaar|kwartaal)",
    ),
    "en": (
        r"\d+",
        r"(?:one|two|three|four|five|six|ten|twenty|hundred)\s+(?:times|months?|weeks|years?|days|hours)",
        r"last (?:week|month|year|time)",
        r"yesterday",
        r"(?<!at )once",
        r"for (?:example|instance)",
        r"one (?:day|time)",
        r"that time",
        r"in (?:january|february|march|april|may|june|july|august|september|october|november|december)",
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        r"(?:he|she|they|my manager|my boss) (?:said|told|asked|emailed|called)",
        r"during (?:the|a|an)",
        r"(?:last|this|that|in the|in) (?:spring|summer|autumn|fall|winter|christmas|holidays?)",
        r"(?:last|that) quarter",
        r"after (?:the|a) (?:reorganisation|reorganization|meeting|review)",
    ),
}

_HEDGES = {
    "nl": (
        r"ik wil niemand zwart ?maken",
        r"ik wil (?:niet|niemand) (?:klagen|beschuldigen|de schuld geven)",
        r"een beetje",
        # "goed eigenlijk", "prima eigenlijk": an affirmation, not a hedge
        r"(?<!goed )(?<!prima )(?<!prettig )(?<!leuk )(?<!fijn )(?<!prima, )(?<!goed, )eigenlijk",
        r"misschien",
        r"soort van",
        r"hoe zeg ik dat",
        r"het is niet dat",
        r"niet helemaal",
        r"best wel",
        r"enigszins",
        r"min of meer",
        r"als ik eerlijk ben",
    ),
    "en": (
        r"i don'?t want to (?:badmouth|blame|complain about|point fingers at) \w+",
        r"kind of",
        r"sort of",
        r"a (?:little )?bit",
        r"i guess",
        r"maybe",
        r"i suppose",
        r"somewhat",
        r"more or less",
        r"it'?s not that",
        r"to be honest",
        r"in a way",
    ),
}

_GENERALISATIONS = {
    "nl": (
        r"altijd",
        r"nooit",
        r"iedereen",
        r"niemand",
        r"steeds",
        r"telkens",
        r"elke keer",
        r"constant",
        r"continu",
        r"voortdurend",
        r"overal",
    ),
    "en": (
        r"always",
        r"never",
        r"everyone",
        r"everybody",
        r"nobody",
        r"no one",
        r"all the time",
        r"every time",
        r"constantly",
        r"continually",
    ),
}

_HEARSAY = {
    "nl": (
        r"ik (?:hoorde|heb gehoord|had gehoord)",
        r"naar verluidt",
        r"men zegt",
        r"er wordt gezegd",
        r"(?:het )?schijnt",
        r"het gerucht",
        r"geruchten",
        r"via via",
        r"volgens (?:collega'?s|anderen|mensen)",
        r"ze zeggen dat",
        r"(?:zeiden|zeggen) (?:collega'?s|mensen|ze) (?:onderling|dat)",
        r"(?:ging|gaat) (?:dat|het|een) verhaal rond",
        r"verhaal (?:ging|gaat) rond",
        r"werd (?:er )?(?:gezegd|verteld|gefluisterd)",
    ),
    "en": (
        r"i (?:heard|have heard|'ve heard|had heard)",
        r"apparently",
        r"people say",
        r"rumou?rs?",
        r"i was told that",
        r"supposedly",
        r"word is",
        r"they say",
        r"according to (?:colleagues|others|people)",
        r"(?:people|they|colleagues) (?:were|are|kept) saying",
        r"what people (?:were )?saying",
        r"(?:story|rumou?r) (?:was |went |going )?(?:a)?round",
        r"the word (?:was|went round)",
    ),
}

# Emotion phrase -> group. The group decides how the engine reflects the feeling back.
_EMOTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "nl": (
        (r"gefrustreerd|frustrerend|frustratie|frustreerde|frustreert", "frustration"),
        (r"geïrriteerd|geirriteerd|irritant|ergerde|ergernis|ergerlijk", "frustration"),
        (r"teleurgesteld\w*|teleurstelling|teleurstellend", "disappointment"),
        (r"(?:er )?(?:helemaal )?klaar mee|genoeg van|spuugzat|kotsbeu|het (?:was|is) op", "fed_up"),
        (r"boos|kwaad|woedend", "anger"),
        (r"verdrietig|gekwetst|pijnlijk|verdriet", "hurt"),
        (r"bang|angstig|ongerust", "fear"),
        (r"machteloos|onmacht", "powerless"),
        (r"eenzaam|alleen gelaten|in de steek gelaten|er alleen voor", "alone"),
        (r"uitgeput|opgebrand|leeg", "exhausted"),
        (r"ongelukkig|niet gelukkig|onvrede|balen|baalde", "unhappy"),
        (r"niet gewaardeerd|niet gezien|genegeerd", "unseen"),
    ),
    "en": (
        (r"frustrat\w+|annoy\w+|irritat\w+", "frustration"),
        (r"disappoint\w*|let down", "disappointment"),
        (r"fed up|had enough|sick of|done with|tired of", "fed_up"),
        (r"angry|furious|livid|mad at", "anger"),
        (r"upset|hurt|sad|painful", "hurt"),
        (r"scared|afraid|anxious|worried", "fear"),
        (r"helpless|powerless", "powerless"),
        (r"lonely|left alone|on my own|abandoned", "alone"),
        (r"exhausted|drained|burnt out|burned out|worn out", "exhausted"),
        (r"unhappy|miserable", "unhappy"),
        (r"not appreciated|unappreciated|not seen|ignored|invisible", "unseen"),
    ),
}

_EASY_REASONS = {
    "nl": (
        r"(?:een )?mooie kans",
        r"(?:een )?(?:goede|unieke|leuke) kans",
        r"kans (?:voorbij ?kwam|kreeg)",
        r"tijd voor iets (?:nieuws|anders)",
        r"toe aan iets (?:nieuws|anders)",
        r"(?:een )?nieuwe uitdaging",
        r"(?:een )?(?:betere|leukere) baan",
        r"(?:een )?(?:beter|hoger) salaris",
        r"meer (?:verdienen|geld|salaris)",
        r"(?:een )?(?:leuk|mooi|goed) aanbod",
        r"dichter ?bij huis",
        r"volgende stap",
    ),
    "en": (
        r"(?:a )?(?:great|good|unique|nice) opportunity",
        r"(?:an )?opportunity came (?:up|along)",
        r"time for (?:something|a change)",
        r"(?:a )?new challenge",
        r"(?:a )?better (?:offer|job|position)",
        r"(?:a )?(?:better|higher) (?:salary|pay)",
        r"more money",
        r"fresh start",
        r"next step",
        r"closer to home",
    ),
}

_REFUSAL = {
    "nl": (
        r"(?:daar|hier) wil ik (?:liever |verder )?niet (?:verder )?(?:over )?(?:praten|over hebben|op ingaan|ingaan)",
        r"wil ik (?:liever )?niet (?:over )?(?:praten|vertellen|zeggen|delen|ingaan)",
        r"(?:daar|hier) (?:praat|ga) ik (?:liever )?niet (?:over|op in)",
        r"liever niet (?:over )?(?:praten|hebben)",
        r"dat (?:is|gaat) (?:me )?te persoonlijk",
        r"dat houd ik (?:liever )?voor mezelf",
        r"geen commentaar",
    ),
    "en": (
        r"(?:i )?(?:don'?t|do not) want to (?:talk|speak|go into|get into)(?: about)?",
        r"i'?d (?:rather|prefer) not",
        r"(?:rather|prefer) not to (?:say|talk|discuss|go into)",
        r"(?:that'?s|it'?s) too personal",
        r"no comment",
        r"keep that to myself",
    ),
}

_DISTRESS = {
    "nl": (
        r"ik moet (?:er(?:van)? )?(?:nog (?:steeds )?)?(?:van )?huilen",
        r"(?:het )?doet (?:nog steeds |nog )?(?:zo'?n |veel )?pijn",
        r"moeilijk om (?:over|hierover|daarover) te praten",
        r"(?:ik word|word ik) (?:er )?emotioneel",
        r"dit is (?:heel )?zwaar",
        r"(?:ik )?kan (?:dit|het) niet aan",
        r"(?:ik )?(?:zit|zat) (?:er )?(?:helemaal )?doorheen",
    ),
    "en": (
        r"(?:it'?s|it is|this is) (?:still )?(?:so |really )?(?:painful|hard to talk about)",
        r"(?:i'?m|i am) (?:crying|tearing up|getting emotional)",
        r"hard to talk about",
        r"upsetting to talk about",
        r"i can'?t (?:handle|cope with) (?:this|it)",
    ),
}

_SKIP = {
    "nl": (
        r"volgende? (?:onderwerp|vraag)",
        r"(?:sla|slaan) (?:dit |deze |die )?(?:vraag |onderwerp )?over",
        r"overslaan",
        r"skip",
        r"door naar (?:het )?volgende",
        r"ander onderwerp",
        r"pas",
    ),
    "en": (
        r"next (?:topic|question)",
        r"skip(?: (?:this|it|that))?",
        r"move on",
        r"pass",
        r"another topic",
        r"different topic",
    ),
}

_DISCLOSURES: dict[str, tuple[tuple[str, str], ...]] = {
    "nl": (
        (r"intimidatie|geïntimideerd|geintimideerd|intimideren|intimideerde", "harassment"),
        (r"gepest|pesten|pestte|pesterij\w*", "harassment"),
        (r"seksuele? \w+|ongewenste? (?:gedrag|intimiteiten|aanraking\w*)", "harassment"),
        (r"aangerand|betast|lastiggevallen|lastig gevallen|misbruik\w*", "harassment"),
        (r"discriminatie|gediscrimineerd|discrimineren|discrimineerde", "discrimination"),
        (r"racisme|racistisch\w*|seksisme|seksistisch\w*", "discrimination"),
        (r"(?:over|om|vanwege) mijn (?:afkomst|huidskleur|geloof|hoofddoek|geaardheid|leeftijd)", "discrimination"),
        (
            r"terrorist|omdat ik (?:een )?(?:vrouw|zwanger|moslim|homo|lesbisch|transgender) (?:ben|was)",
            "discrimination",
        ),
        (r"(?:resultaten|cijfers|gegevens|uren) (?:\w+ )?(?:aangepast|gemanipuleerd|verzonnen|vervalst)", "integrity"),
        (r"(?:testen|tests|controles) die (?:niet|nooit) (?:gedaan|uitgevoerd)", "integrity"),
        (r"fraude|gefraudeerd|frauderen|sjoemel\w*|gesjoemel|omkoping|steekpenning\w*", "integrity"),
        (r"corruptie|vervalst|vervalsen|verduistering|achterover ?gedrukt|doofpot", "integrity"),
        (r"onveilig\w*|gevaarlijke? situatie\w*|levensgevaarlijk", "safety"),
        (r"bedreigd|bedreiging\w*|geweld|geslagen|agressie", "safety"),
        (r"(?:bijna[- ])?ongeluk(?:ken)? (?:gebeurd|op het werk)|bedrijfsongeval\w*", "safety"),
    ),
    "en": (
        (r"(?:sexually )?harass\w*", "harassment"),
        (r"bull(?:ied|ying|y)|intimidat\w+|groped|assault\w*|inappropriate touching", "harassment"),
        (r"discriminat\w+|racis[mt]\w*|sexis[mt]\w*", "discrimination"),
        (r"(?:about|because of) my (?:background|skin colou?r|religion|headscarf|accent|age|origin)", "discrimination"),
        (r"terrorist|because i(?:'m| am| was) (?:a woman|pregnant|muslim|gay|black|trans)", "discrimination"),
        (r"tests? that (?:hadn'?t|had not|were not|weren'?t) (?:been )?(?:run|done|performed)", "integrity"),
        (r"fake[ds]? (?:results|data|numbers)|(?:results|data|numbers) (?:were )?(?:manipulated|made up)", "integrity"),
        (r"fraud\w*|brib\w+|embezzl\w+|falsif\w+|cover(?:ed)?[- ]up|kickback\w*|corrupt\w*", "integrity"),
        (r"unsafe|dangerous|hazard\w*|threaten\w*|violen\w+|(?:workplace )?accident\w*", "safety"),
    ),
}

_NEGATORS = {
    "nl": frozenset({"niet", "nooit", "geen", "niks", "niets", "zonder"}),
    "en": frozenset({"not", "never", "no", "n't", "without", "nothing"}),
}

_POSITIVE = {
    "nl": frozenset(
        _words(
            "goed goede fijn fijne leuk leuke prettig prettige top prima uitstekend super geweldig "
            "geweldige mooi mooie sterk sterke gezellig gezellige waardevol waardevolle tevreden blij "
            "plezierig"
        )
    ),
    "en": frozenset(
        _words(
            "good great nice lovely pleasant excellent fine wonderful brilliant enjoyed loved liked happy "
            "supportive fantastic strong"
        )
    ),
}

_NEGATIVE = {
    "nl": frozenset(
        _words(
            "slecht slechte vervelend vervelende moeilijk moeizaam stroef lastig zwaar zware mis chaos "
            "chaotisch chaotische rommelig probleem problemen ontbrak ontbreken gebrek matig matige "
            "frustrerend onduidelijk onduidelijke rampzalig hoog hoge laag lage weinig tekort giftig "
            "toxisch"
        )
    ),
    "en": frozenset(
        _words(
            "bad poor terrible awful difficult hard lacking lack chaotic chaos problem problems unclear "
            "messy toxic frustrating low high little missing worse worst"
        )
    ),
}

_CAUSE = {
    "nl": (r"omdat", r"doordat", r"want", r"door (?:de|het|een)", r"vanwege", r"kwam doordat", r"oorzaak"),
    "en": (r"because", r"since", r"due to", r"caused by", r"the reason"),
}

_EFFECT = {
    "nl": (
        r"daardoor",
        r"waardoor",
        r"met als gevolg",
        r"gevolg",
        r"het effect",
        r"(?:ik|je) (?:voelde|ging|werd|begon|sliep|stopte)",
        r"dus (?:ik|we)",
    ),
    "en": (
        r"so i",
        r"which meant",
        r"as a result",
        r"effect",
        r"consequence",
        r"i (?:felt|started|stopped|became|ended up|began)",
    ),
}

# Words after which a capitalised word is taken to be a person's name.
_ROLE_WORDS = {
    "nl": (
        "manager|leidinggevende|teamleider|collega|directeur|baas|chef|meneer|mevrouw|dhr\\.?|mw\\.?|"
        "afdelingshoofd|hr-adviseur|adviseur|coördinator|coordinator|teamlid"
    ),
    "en": "manager|boss|supervisor|colleague|director|lead|mr\\.?|mrs\\.?|ms\\.?|dr\\.?|coworker|teammate",
}
_NAME_VERBS = {
    "nl": "zei|vond|deed|was|had|kreeg|riep|gaf|stuurde|negeerde|pakte|zegt|doet|wilde",
    "en": "said|told|did|was|had|kept|gave|sent|ignored|shouted|wanted|says|does",
}
_NOT_NAMES = frozenset(
    _words(
        "ik i hr it ict ceo cto mt ok oké okay ja nee de het een maar en dus the a an and but so we wij zij "
        "hij ze they he she you je jij"
    )
)

_FILLER_START = {
    "nl": frozenset(_words("en maar dus want omdat ja nou gewoon eh uh of toen dat die")),
    "en": frozenset(_words("and but so because yeah well um uh just or then that which")),
}
_CLAUSE_SPLIT = {
    "nl": re.compile(r"[.,;:!?()\n]+|\s(?:en|maar|omdat|want|dus|terwijl|waardoor|doordat)\s", re.I),
    "en": re.compile(r"[.,;:!?()\n]+|\s(?:and|but|because|so|while|which|whereas)\s", re.I),
}

_DANGLING = {
    "nl": frozenset(_words("bij van de het een te dat die en of in op aan met voor naar om als er zo heel")),
    "en": frozenset(_words("to the a an of at by in on with for and or that as so very")),
}

_TOKEN = re.compile(r"[\w'’-]+", re.UNICODE)
_MAX_QUOTE_WORDS = 8


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])", re.IGNORECASE)


def _grouped(pairs: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    return [(_alternation((p,)), group) for p, group in pairs]


_RX: dict[str, dict[str, re.Pattern[str]]] = {}
_RX_GROUPED: dict[str, dict[str, list[tuple[re.Pattern[str], str]]]] = {}
_THEME_WORD_INDEX: dict[str, dict[str, str]] = {}
_THEME_PHRASE_RX: dict[str, list[tuple[re.Pattern[str], str]]] = {}
_PEOPLE_RX: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}

for _lang in ("nl", "en"):
    _RX[_lang] = {
        "vague": _alternation(_VAGUE[_lang]),
        "dont_know": _alternation(_DONT_KNOW[_lang]),
        "specific": _alternation(_SPECIFIC[_lang]),
        "hedge": _alternation(_HEDGES[_lang]),
        "general": _alternation(_GENERALISATIONS[_lang]),
        "hearsay": _alternation(_HEARSAY[_lang]),
        "easy": _alternation(_EASY_REASONS[_lang]),
        "refusal": _alternation(_REFUSAL[_lang]),
        "distress": _alternation(_DISTRESS[_lang]),
        "skip": _alternation(_SKIP[_lang]),
        "nothing_more": _alternation(_NOTHING_MORE[_lang]),
        "cause": _alternation(_CAUSE[_lang]),
        "effect": _alternation(_EFFECT[_lang]),
    }
    _RX_GROUPED[_lang] = {"emotion": _grouped(_EMOTIONS[_lang]), "disclosure": _grouped(_DISCLOSURES[_lang])}
    _THEME_WORD_INDEX[_lang] = {w: theme for theme, words in _THEME_WORDS[_lang].items() for w in words}
    _THEME_PHRASE_RX[_lang] = [(_alternation((p,)), theme) for theme, ps in _THEME_PHRASES[_lang].items() for p in ps]
    _PEOPLE_RX[_lang] = (
        # "mijn teamleider Jan", "meneer De Vries", "my manager Sarah"
        re.compile(
            r"\b(?P<role>(?i:" + _ROLE_WORDS[_lang] + r"))\s+(?P<name>[A-Z][\w'-]+"
            r"(?:\s+(?:(?:van|de|der|den|ter|te)\s+)*[A-Z][\w'-]+)?)"
        ),
        # a capitalised word mid-sentence followed by a verb: "... en Pieter zei ..."
        re.compile(r"(?<=[a-z,] )(?P<name>[A-Z][a-z][\w'-]+)\s+(?:" + _NAME_VERBS[_lang] + r")\b"),
    )


@lru_cache(maxsize=65536)
def _theme_of(token: str, language: str) -> str | None:
    """The theme a single token belongs to: via the token, its lemma, simple stems and Dutch compounds."""
    index = _THEME_WORD_INDEX[language]
    base = token.removesuffix("'s").removesuffix("’s")
    candidates = [token, base, lemma(base, language)]
    if language == "nl":
        for suffix in ("en", "s", "e"):
            if base.endswith(suffix) and len(base) > len(suffix) + 3:
                candidates.append(base[: -len(suffix)])
    elif base.endswith("s") and len(base) > 4:
        candidates.append(base[:-1])
    for candidate in candidates:
        theme = index.get(candidate)
        if theme:
            return theme
    if language == "nl":
        if base.endswith(_NL_COMPOUND_EXCEPTIONS):
            return None
        for head, theme in _NL_COMPOUND_HEADS.items():
            if base.endswith(head) and len(base) >= len(head) + 3:
                return theme
    return None


@dataclass(frozen=True)
class _Text:
    """The answer split once into tokens with character spans and clause ids, shared by all detectors."""

    raw: str
    lower: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    clause_of: tuple[int, ...]


def _prepare(text: str, language: str) -> _Text:
    raw = text.replace("’", "'").strip()
    lower = raw.lower()
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(lower):
        token = m.group(0).strip("-'")
        if not token:  # a spaced hyphen, an emoticon's nose, a lone apostrophe: no word
            continue
        tokens.append(token)
        spans.append((m.start(), m.end()))
    boundaries = [m.start() for m in _CLAUSE_SPLIT[language].finditer(lower)]
    clause_of: list[int] = []
    b = 0
    for start, _end in spans:
        while b < len(boundaries) and boundaries[b] < start:
            b += 1
        clause_of.append(b)
    return _Text(raw, lower, tuple(tokens), tuple(spans), tuple(clause_of))


def _token_at(t: _Text, char_pos: int) -> int:
    for i, (start, end) in enumerate(t.spans):
        if start <= char_pos < end or start > char_pos:
            return i
    return max(len(t.spans) - 1, 0)


def _window(t: _Text, first: int, last: int, language: str) -> str:
    """A quotable piece of the leaver's own words around tokens first..last, within one clause."""
    if not t.tokens:
        return ""
    clause = t.clause_of[first]
    start = first
    # one word of context before the trigger ("de communicatie", "my manager"), never across a clause
    if start > 0 and t.clause_of[start - 1] == clause and t.tokens[start - 1] not in _FILLER_START[language]:
        start -= 1
    end = last
    while end + 1 < len(t.tokens) and end - start + 1 < _MAX_QUOTE_WORDS and t.clause_of[end + 1] == clause:
        end += 1
    # a quote that ends on "bij" or "the" reads as cut off
    while end > last and t.tokens[end] in _DANGLING[language]:
        end -= 1
    phrase = t.raw[t.spans[start][0] : t.spans[end][1]].strip(" -'\"")
    if phrase and phrase[0].isupper() and not phrase.startswith(("I ", "I'")) and t.spans[start][0] == 0:
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def _cues(t: _Text, rx: re.Pattern[str], kind: str, language: str, names: list[str] | None = None) -> tuple[Cue, ...]:
    found: list[Cue] = []
    for m in rx.finditer(t.lower):
        first = _token_at(t, m.start())
        last = _token_at(t, max(m.end() - 1, m.start()))
        context = _window(t, first, last, language)
        found.append(Cue(kind, t.raw[m.start() : m.end()], _without_names(context, names or [])))
    return tuple(found)


def _negated(t: _Text, index: int, language: str) -> bool:
    lo = max(0, index - 3)
    window = t.tokens[lo:index]
    return any(w in _NEGATORS[language] or w.endswith("n't") for w in window)


def _polarity(t: _Text, index: int, language: str) -> str | None:
    clause = t.clause_of[index]
    pos = neg = 0
    for i, tok in enumerate(t.tokens):
        if t.clause_of[i] != clause:
            continue
        if tok in _POSITIVE[language]:
            if _negated(t, i, language):
                neg += 1
            else:
                pos += 1
        elif tok in _NEGATIVE[language]:
            neg += 1
    # "geen feedback", "nooit gezien": a negator without any positive word reads as a complaint
    if pos == 0 and any(tok in _NEGATORS[language] for i, tok in enumerate(t.tokens) if t.clause_of[i] == clause):
        neg += 1
    if neg > pos:
        return "neg"
    if pos > neg:
        return "pos"
    return None


def find_themes(text: str, language: str) -> tuple[str, ...]:
    """Theme ids named in ``text``, in order of first mention (used to check questions for suggestions)."""
    return analyse_answer(text, language).themes


def _mentions(t: _Text, language: str) -> list[Mention]:
    mentions: list[Mention] = []
    seen: set[str] = set()
    for m_rx, theme in _THEME_PHRASE_RX[language]:
        for m in m_rx.finditer(t.lower):
            i = _token_at(t, m.start())
            j = _token_at(t, m.end() - 1)
            mentions.append(Mention(theme, m.group(0), _window(t, i, j, language), _polarity(t, i, language), i))
    for i, tok in enumerate(t.tokens):
        token_theme = _theme_of(tok, language)
        if token_theme is None:
            continue
        mentions.append(Mention(token_theme, tok, _window(t, i, i, language), _polarity(t, i, language), i))
    mentions.sort(key=lambda m: m.position)
    unique: list[Mention] = []
    for mention in mentions:
        if mention.theme not in seen:
            seen.add(mention.theme)
            unique.append(mention)
    return unique


def _emotions(t: _Text, language: str) -> list[Cue]:
    emotions: list[Cue] = []
    for e_rx, group in _RX_GROUPED[language]["emotion"]:
        for m in e_rx.finditer(t.lower):
            i = _token_at(t, m.start())
            emotions.append(Cue(group, t.raw[m.start() : m.end()], _window(t, i, i, language)))
    emotions.sort(key=lambda c: t.lower.find(c.phrase.lower()))
    return emotions


def _disclosures(t: _Text, language: str) -> list[Cue]:
    disclosures: list[Cue] = []
    for d_rx, kind in _RX_GROUPED[language]["disclosure"]:
        for m in d_rx.finditer(t.lower):
            i = _token_at(t, m.start())
            if _negated(t, i, language):
                continue
            disclosures.append(Cue(kind, t.raw[m.start() : m.end()], _sentence_around(t.raw, m.start())))
    return disclosures


def _people(t: _Text, language: str) -> list[Cue]:
    """People named with their role ("mijn manager Sandra") or as the subject of a verb ("Sandra zei")."""
    people: list[Cue] = []
    role_rx, verb_rx = _PEOPLE_RX[language]
    for m in role_rx.finditer(t.raw.replace("’", "'")):
        name = m.group("name")
        if name.lower() in _NOT_NAMES or not name[0].isupper():
            continue
        people.append(Cue(m.group("role").lower(), name, _role_phrase(m.group("role"), language)))
    for m in verb_rx.finditer(t.raw):
        name = m.group("name")
        if name.lower() in _NOT_NAMES or any(p.phrase == name for p in people):
            continue
        if _theme_of(name.lower(), language) is not None:
            continue
        people.append(Cue("person", name, _role_phrase("", language)))
    return people


def analyse_answer(text: str, language: str) -> AnswerSignals:
    """Analyse one answer of a leaver in ``language`` ("nl" or "en") for the engine's triggers."""
    if language not in ("nl", "en"):
        raise ValueError(f"unsupported language: {language!r}")
    t = _prepare(text, language)
    rx = _RX[language]
    words = len(t.tokens)

    specific = tuple(m.group(0) for m in rx["specific"].finditer(t.lower))
    # "ok. yeah so I asked ...": an acknowledgement in front of a told answer does not make it vague
    lead = _LEAD_ACK.match(t.lower)
    body = t.lower[lead.end() :] if lead and len(t.lower[lead.end() :].split()) >= 8 else t.lower
    vague = tuple(m.group(0) for m in rx["vague"].finditer(body))
    dont_know = len(rx["dont_know"].findall(t.lower))
    is_short = words < SHORT_ANSWER_WORDS
    # Vague = the vague words carry the answer: short, or mostly filler.
    told = body is not t.lower  # past an opening acknowledgement, only filler throughout is vague
    # (a 14-word answer with one "just" in it is told, not vague)
    is_vague = bool(vague) and ((words < 12 and not told) or len(vague) * 6 >= words) and not specific

    emotions = _emotions(t, language)
    disclosures = _disclosures(t, language)
    mentions = _mentions(t, language)
    people = _people(t, language)

    if people:
        # quotes go back to the leaver; names stay out of them (they are pseudonymised later anyway)
        mentions = [
            Mention(m.theme, m.term, _without_names(m.phrase, [p.phrase for p in people]), m.polarity, m.position)
            for m in mentions
        ]

    # A theme named without detail: the answer is little more than the theme word(s).
    bare = tuple(m for m in mentions if not specific and words <= 8 and not emotions)

    refusal = next(iter(_cues(t, rx["refusal"], "refusal", language)), None)
    distress = next(iter(_cues(t, rx["distress"], "distress", language)), None)
    skip = bool(rx["skip"].search(t.lower)) and words <= 8

    names = [p.phrase for p in people]
    hedges = _cues(t, rx["hedge"], "hedge", language, names)
    generalisations = tuple(
        c for c in _cues(t, rx["general"], "generalisation", language, names) if not _only_negation_use(c, language)
    )
    hearsay = tuple(
        Cue(c.kind, c.phrase, _after(t, c.phrase, language) or c.context)
        for c in _cues(t, rx["hearsay"], "hearsay", language, names)
    )
    easy = _cues(t, rx["easy"], "easy_reason", language, names)

    key: list[str] = []
    for source in (
        [c.context for c in emotions],
        [m.phrase for m in mentions],
        [c.context for c in easy],
        [c.context for c in generalisations],
    ):
        for phrase in source:
            if phrase and phrase not in key:
                key.append(phrase)
    if not key and t.tokens:
        key.append(_window(t, 0, 0, language))
    key = [_without_names(k, names) for k in key]

    return AnswerSignals(
        language=language,
        word_count=words,
        specificity=len(specific),
        specific_markers=specific,
        is_short=is_short,
        is_vague=is_vague,
        vague_phrases=vague,
        dont_know=dont_know,
        hedges=hedges,
        generalisations=generalisations,
        hearsay=hearsay,
        emotions=tuple(emotions),
        mentions=tuple(mentions),
        themes=tuple(m.theme for m in mentions),
        bare_themes=bare,
        easy_reasons=easy,
        named_people=tuple(people),
        refusal=refusal,
        distress=distress,
        skip_request=skip,
        disclosures=tuple(disclosures),
        has_cause=bool(rx["cause"].search(t.lower)),
        has_effect=bool(rx["effect"].search(t.lower)),
        key_phrases=tuple(key[:3]),
        nothing_more=bool(rx["nothing_more"].search(t.lower)) and words <= 16 and not specific,
    )


def _after(t: _Text, marker: str, language: str) -> str:
    """The words after a marker ("ik hoorde dat ..."): what was heard, quotable without the marker."""
    pos = t.lower.find(marker.lower())
    if pos < 0:
        return ""
    i = _token_at(t, pos + len(marker))
    while i < len(t.tokens) and t.tokens[i] in ("dat", "that", "er", "there"):
        i += 1
    if i >= len(t.tokens) or t.spans[i][0] < pos + len(marker):
        return ""
    end = min(len(t.tokens) - 1, i + _MAX_QUOTE_WORDS - 1)
    return t.raw[t.spans[i][0] : t.spans[end][1]]


def _without_names(phrase: str, names: list[str]) -> str:
    for name in names:
        phrase = re.sub(r"\s*\b" + re.escape(name) + r"\b", "", phrase)
    return phrase.strip()


def _only_negation_use(cue: Cue, language: str) -> bool:
    """'nooit' in 'ik heb nooit feedback gehad' is a generalisation; 'niet nooit' is not worth probing."""
    return cue.phrase.lower() in ("nooit", "never") and cue.context.lower().startswith(("bijna", "almost"))


def _sentence_around(raw: str, pos: int) -> str:
    start = max(raw.rfind(".", 0, pos), raw.rfind("!", 0, pos), raw.rfind("?", 0, pos)) + 1
    ends = [i for i in (raw.find(".", pos), raw.find("!", pos), raw.find("?", pos)) if i != -1]
    end = min(ends) + 1 if ends else len(raw)
    return raw[start:end].strip()[:200]


def _role_phrase(role: str, language: str) -> str:
    """How to refer back to a named person without repeating the name: by role, in second person."""
    role = role.lower().rstrip(".")
    if language == "nl":
        if role in ("", "meneer", "mevrouw", "dhr", "mw"):
            return "die persoon"
        return f"je {role}" if role != "collega" else "die collega"
    if role in ("", "mr", "mrs", "ms", "dr"):
        return "that person"
    return f"your {role}" if role != "colleague" else "that colleague"


_NL_MARKERS = frozenset(
    _words(
        "de het een je jij jouw wat hoe en van ik dat die er niet op met voor over waar welke heb ben "
        "zijn wij we ze zou kun wil nog ook als dan bij naar uit hebt was waren deze dit"
    )
)
_EN_MARKERS = frozenset(
    _words(
        "the a an you your what how and of to in that it did for with about which have has i me my would "
        "could can this there were are do does when"
    )
)


def detect_language(text: str) -> str | None:
    """'nl' or 'en' from function words; None when there is too little to tell."""
    nl = en = 0
    for tok in _TOKEN.findall(text.lower()):
        if tok in _NL_MARKERS:
            nl += 1
        if tok in _EN_MARKERS:
            en += 1
    if nl + en < 2 or nl == en:
        return None
    return "nl" if nl > en else "en"
