"""The simulated leaver's own ears: keyword lexicons for themes, probes and question shapes.

Deliberately written from scratch and never imported from the engine: a yardstick that shares the
measured system's vocabulary would only measure agreement with itself. Everything here matches on
normalised text (lower case, accents stripped, punctuation turned into spaces), Dutch and English mixed —
the two rarely collide and a leaver understands both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache


def normalise(text: str) -> str:
    """Lower-case, strip accents, keep letters, digits and apostrophes; single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("’", "'").replace("‘", "'")
    plain = re.sub(r"[^a-z0-9']+", " ", plain)
    return " ".join(plain.split())


def tokens(text: str) -> list[str]:
    """Normalised word tokens."""
    return normalise(text).split()


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    # Word boundaries on both sides; a trailing * in a pattern means "any word ending".
    parts = [p.replace("*", r"[a-z0-9']*") for p in patterns]
    return re.compile(r"(?<![a-z0-9'])(?:" + "|".join(parts) + r")(?![a-z0-9'])")


# Theme keywords. Strong words name the theme on their own; weak ones are generic enough that a
# stronger theme in the same question wins ("de samenwerking met je leidinggevende" is about the manager).
_STRONG: dict[str, tuple[str, ...]] = {
    "career": (
        "loopbaan*",
        "carriere*",
        "doorgroei*",
        "groei*",
        "ontwikkel*",
        "opleiding*",
        "cursus*",
        "promotie*",
        "bijscholing",
        "scholing",
        "training*",
        "leren",
        "career*",
        "grow",
        "growth",
        "promot*",
        "develop*",
        "progress*",
        "learning",
        "courses?",
        "passed over",
    ),
    "job_content": (
        "werkinhoud",
        "inhoud van (?:je|jouw|het) werk",
        "taken",
        "takenpakket",
        "uitdaging*",
        "werkzaamheden",
        "afwisseling",
        "autonomie",
        "verwachting*",
        "beloofd",
        "functie-?inhoud",
        "het werk zelf",
        "tasks?",
        "job content",
        "the work itself",
        "challeng*",
        "responsibilit*",
        "autonomy",
        "expectations?",
        "promised",
        "day to day work",
        "repetitive",
    ),
    "manager": (
        "leidinggevende*",
        "manager*",
        "baas",
        "teamleid*",
        "chef",
        "directie",
        "directeur",
        "leiding",
        "management",
        "bestuur*",
        "boss",
        "supervisor*",
        "team lead*",
        "leadership",
        "director*",
        "head teacher",
        "headteacher",
        "area manager",
        "regiomanager",
        "principal",
    ),
    "collaboration": (
        "collega*",
        "teamgenot*",
        "afdelingen",
        "communicatie",
        "communiceren",
        "overleg*",
        "colleague*",
        "teamwork",
        "communicat*",
        "cooperat*",
        "departments",
        "handover*",
        "overdracht*",
    ),
    "culture": (
        "cultuur",
        "sfeer",
        "werksfeer",
        "sociale veiligheid",
        "veilig",
        "onveilig",
        "omgangsvorm*",
        "waarden",
        "intimidatie",
        "pesten",
        "discriminatie",
        "uitspreken",
        "kritiek",
        "culture",
        "atmosphere",
        "values",
        "safe",
        "unsafe",
        "speak up",
        "speaking up",
        "harass*",
        "bully*",
        "discriminat*",
        "inclusi*",
        "comfortable",
    ),
    "workload": (
        "werkdruk",
        "druk",
        "drukk*",
        "drukte",
        "overuren",
        "overwerk*",
        "tempo",
        "onderbezet*",
        "werk prive",
        "balans",
        "workload",
        "pressure",
        "overtime",
        "busy",
        "pace",
        "understaff*",
        "short staffed",
        "work life",
        "the hours",
        "long hours",
    ),
    "conditions": (
        "storingsdienst*",
        "nachten",
        "rooster*",
        "dienst",
        "diensten",
        "nachtdienst*",
        "avonddienst*",
        "werktijden",
        "reistijd",
        "woon werk",
        "thuiswerk*",
        "werkplek*",
        "kantoor",
        "faciliteit*",
        "apparatuur",
        "materiaal",
        "rota*",
        "roster*",
        "schedul*",
        "shifts?",
        "nights",
        "night shifts?",
        "working hours",
        "commut*",
        "remote",
        "hybrid",
        "office",
        "workplace",
        "equipment",
        "facilities",
        "kit",
    ),
    "pay": (
        "salaris*",
        "loon",
        "lonen",
        "beloning*",
        "verdien*",
        "arbeidsvoorwaarden",
        "bonus*",
        "loonsverhoging*",
        "opslag",
        "geld",
        "vergoeding*",
        "cao",
        "pay",
        "paid",
        "salary",
        "salaries",
        "wages?",
        "money",
        "raise",
        "benefits",
        "compensation",
        "earn*",
        "premium",
    ),
    "recognition": (
        "waardering",
        "gewaardeerd",
        "waarderen",
        "erkenning",
        "erkend",
        "compliment*",
        "gezien voel*",
        "gezien worden",
        "recognition",
        "recognis*",
        "recogniz*",
        "appreciat*",
        "valued",
        "undervalued",
        "credit",
        "praise*",
        "feel seen",
        "felt seen",
        "being seen",
        "acknowledg*",
    ),
    "processes": (
        "planningssoftware",
        "planningssysteem",
        "reorganisatie*",
        "bureaucrat*",
        "procedure*",
        "proces",
        "processen",
        "systeem",
        "systemen",
        "software",
        "besluitvorming",
        "structuur",
        "strategie",
        "inwerk*",
        "administratie*",
        "hoofdkantoor",
        "kassasyste*",
        "process",
        "processes",
        "reorganis*",
        "restructur*",
        "decision making",
        "systems?",
        "tools",
        "strategy",
        "onboarding",
        "paperwork",
        "admin",
        "head office",
        "red tape",
    ),
    "job_security": (
        "zekerheid",
        "onzeker*",
        "toekomst*",
        "contract*",
        "tijdelijk*",
        "vaste aanstelling",
        "verlenging",
        "verlengd",
        "ontslagen",
        "ontslagronde*",
        "bezuinig*",
        "faillis*",
        "job security",
        "secure",
        "insecur*",
        "uncertain*",
        "future",
        "temporary",
        "permanent",
        "renewal",
        "layoffs?",
        "laid off",
        "let go",
        "redundanc*",
        "stable",
        "stability",
    ),
    "wellbeing": (
        "gezondheid",
        "gezond",
        "welzijn",
        "stress",
        "burn ?out",
        "overspannen",
        "ziek*",
        "uitgeput",
        "slaap",
        "slapen",
        "moe",
        "vermoeid*",
        "health*",
        "wellbeing",
        "well being",
        "sick",
        "exhaust*",
        "sleep*",
        "tired",
        "mental*",
        "signed off",
    ),
    "personal": (
        "prive",
        "gezin",
        "kinderen",
        "familie",
        "mantelzorg",
        "verhuiz*",
        "studie",
        "studeren",
        "persoonlijke omstandigheden",
        "family",
        "children",
        "kids",
        "relocat*",
        "moving house",
        "study",
        "studying",
        "university",
        "master's",
        "caring for",
        "my mum",
        "your mum",
    ),
    "retirement": ("pensioen", "met pensioen", "retir*"),
}

_WEAK: dict[str, tuple[str, ...]] = {
    "collaboration": ("samenwerk*", "collaborat*", "working with", "werken met", "team", "teams"),
    "job_content": ("functie",),
    "conditions": ("uren", "hours"),
}

_THEME_STRONG = {theme: _compile(words) for theme, words in _STRONG.items()}
_THEME_WEAK = {theme: _compile(words) for theme, words in _WEAK.items()}


def theme_scores(text: str) -> dict[str, int]:
    """Theme → score for the keywords in ``text`` (strong hits count 2, weak hits 1)."""
    norm = normalise(text)
    scores: dict[str, int] = {}
    for theme, pattern in _THEME_STRONG.items():
        hits = len(pattern.findall(norm))
        if hits:
            scores[theme] = scores.get(theme, 0) + 2 * hits
    for theme, pattern in _THEME_WEAK.items():
        hits = len(pattern.findall(norm))
        if hits:
            scores[theme] = scores.get(theme, 0) + hits
    return scores


def theme_words(text: str) -> dict[str, set[str]]:
    """Theme → the words in ``text`` that named it (strong and weak keywords alike)."""
    norm = normalise(text)
    found: dict[str, set[str]] = {}
    for table in (_THEME_STRONG, _THEME_WEAK):
        for theme, pattern in table.items():
            for match in pattern.finditer(norm):
                found.setdefault(theme, set()).add(match.group(0))
    return found


def is_theme_word(word: str) -> bool:
    """The word on its own names a theme ("rooster", "salary")."""
    return bool(theme_scores(word))


def themes_in(text: str) -> list[str]:
    """Themes named in ``text``, strongest first (ties in taxonomy order)."""
    scores = theme_scores(text)
    order = list(_STRONG)
    return sorted(scores, key=lambda theme: (-scores[theme], order.index(theme)))


# Probes: what a question asks for when it genuinely follows up. Keyed by the kind of probe, because a
# terse leaver only opens up when the second probe is a different kind than the first.
_PROBES: dict[str, tuple[str, ...]] = {
    "example": ("voorbeeld*", "examples?", "instance"),
    "moment": (
        "moment*",
        "situatie*",
        "situations?",
        "keer dat",
        "keer waarop",
        "laatste keer",
        "a time when",
        "the last time",
        "one time",
        "recent*",
        # asking for one remembered occurrence: "welk gesprek staat je nog bij?", "what stayed with you?"
        "sta(?:at|an) (?:je|jou) (?:[a-z]+ ){0,3}bij",
        "bijgebleven",
        "(?:komt|kwam) (?:er )?(?:dan )?(?:als eerste )?bij je op",
        "stayed with you",
        "stands? out",
        "comes? to mind",
        "do you remember",
        "you remember (?:best|most)",
    ),
    "happened": ("gebeur*", "happen*", "went wrong", "ging (?:het|er) mis"),
    "describe": ("beschrijf*", "omschrijf*", "schets*", "describ*", "walk me through"),
    "practice": (
        "in de praktijk",
        "in practice",
        "er ?uit ?zag",
        "zag (?:dat|dit|het) er ?uit",
        "ziet (?:dat|dit|het) er ?uit",
        "look(?:ed)? like",
        "concre*",
        "specifie*",
        "specific*",
        "precies",
        "exactly",
    ),
    "cause": (
        "wat zorgde",
        "waardoor",
        "wat maakte",
        "wat veroorzaakte",
        "oorzaak",
        "aanleiding",
        "what made",
        "what caused",
        "caused",
        "what led",
        "led to",
        "trigger*",
        "gaan kijken",
        "gaan zoeken",
        "start(?:ed)? looking",
        "began looking",
        "besloot",
        "besloten",
        "decided",
    ),
    "frequency": ("hoe vaak", "hoe dikwijls", "how often", "how many times", "how frequent*"),
    "self": (
        "zelf (?:[a-z]+ ){0,3}(?:gezien|meegemaakt|ervaren|gemerkt|zag|merkte)",
        "met eigen ogen",
        "yourself",
        "you saw",
        "you see",
        "first ?hand",
        "you witness*",
    ),
    "behind": (
        "er ?achter",
        "achter zit",
        "achter zat",
        "wat bedoel*",
        "what do you mean",
        "what did you mean",
        "meant by",
        "behind (?:that|it|this)",
    ),
    "effect": (
        "wat deed je",
        "wat heb je (?:toen )?gedaan",
        "what did you do",
        "effect*",
        "gevolg*",
        "impact",
        "consequen*",
        "hoe reageerde*",
        "how did (?:they|he|she|you) react",
        "what did (?:they|he|she) do",
        "wat deed (?:hij|zij|ze)",
    ),
}
_PROBE_PATTERNS = {kind: _compile(words) for kind, words in _PROBES.items()}


#: "How would you describe the atmosphere?" opens a topic; it does not ask for anything concrete.
_OPEN_DESCRIBE = re.compile(r"^(?:hoe|how) (?:zou|would) (?:je|jij|u|you) (?:[a-z']+ ){0,6}(?:beschrijven|describe)\b")


def probe_kinds(text: str) -> set[str]:
    """The kinds of concreteness probe in ``text`` (empty when it asks for nothing concrete)."""
    norm = normalise(text)
    kinds = {kind for kind, pattern in _PROBE_PATTERNS.items() if pattern.search(norm)}
    if _OPEN_DESCRIBE.search(norm):
        kinds.discard("describe")
    return kinds


def _regex(*patterns: str) -> re.Pattern[str]:
    return _compile(patterns)


#: "What brought you to the decision to leave?" and its cousins.
LEAVING = _regex(
    "vertrek*",
    "weg te gaan",
    "weggaan",
    "besluit",
    "ontslag (?:te )?nemen",
    "opgezegd",
    "opzeggen",
    "leave",
    "leaving",
    "decision",
    "resign*",
    "quit*",
    "moving on",
    "brought you",
    "bracht",
)
#: "What would have made you stay?"
STAY = _regex(
    "gebleven",
    "blijven",
    "bleef",
    "had (?:kunnen )?houden",
    "(?:made|make|making|have made) you stay",
    "for you to stay",
    "you to stay",
    "you would have stayed",
    "you'd have stayed",
    "stay(?:ed)? (?:on|longer)",
    "kept you",
    "keep you",
)
#: Advice to the organisation.
ADVICE = _regex(
    "advies",
    "advis*",
    "advice",
    "anders (?:moeten |kunnen )?doen",
    "differently",
    "(?:moet|moeten|zou|zouden|should|could|would) (?:[a-z']+ ){0,6}"
    "(?:veranderen|verbeteren|behouden|change|improve|keep)",
    "(?:veranderen|verbeteren|change|improve) first",
    "als (?:het|dat) aan jou lag",
    "if it were up to you",
    "behouden",
    "keep doing",
    "(?:moet|moeten|zou|zouden) (?:[a-z']+ ){0,6}houden",
    "keep as it is",
)
#: "When would that have had to happen?"
WHEN = _regex("wanneer", "when")
#: "Anything we did not ask about?"
ANYTHING_ELSE = _regex(
    "nog iets",
    "iets anders",
    "niet (?:naar )?gevraagd",
    "anything",
    "not asked",
    "didn't ask",
    "did not ask",
    "haven't asked",
    "not (?:yet )?talked about",
    "haven't talked about",
    "didn't talk about",
    "niet (?:over )?gehad",
    "niet besproken",
    "nog niet over",
    "toevoegen",
    "kwijt",
)
#: The summary the leaver may correct.
CONFIRM = _regex(
    "klopt (?:dit|dat|het|deze)",
    "klopt dat",
    "goed begrepen",
    "samenvatting",
    "samengevat",
    "summary",
    "summari[sz]e",
    "get (?:that|this|it) right",
    "is that right",
    "is that correct",
    "corrigeren",
    "correct",
    "correction*",
    "aanvullen",
    "wil je (?:nog )?iets (?:aan )?toevoegen",
    "to add",
)
#: After a serious disclosure: does the interviewer explain the options?
OPTIONS = _regex(
    "vertrouwenspersoon",
    "vertrouwens ?persoon",
    "meldpunt",
    "melden",
    "melding",
    "klokkenluid*",
    "confidential advis*",
    "confidential counsel*",
    "report(?:ing)? (?:it|this|channel|line)",
    "speak up line",
    "ombuds*",
)
#: "What would you like us to do with it?"
WISH = _regex(
    "wat wil je dat",
    "wat zou je willen",
    "wat wilt u dat",
    "what would you like",
    "what do you want",
    "how would you like",
    "wat moet er (?:[a-z]+ ){0,3}mee (?:gebeuren|doen)",
    "wat wil je dat er (?:[a-z]+ ){0,3}gebeurt",
    "what should (?:we |i )?(?:happen|do) with",
    "what should happen",
    "how should (?:we|i) (?:handle|deal with)",
)

#: A yes/no question starts with a finite verb (Dutch inversion, English auxiliaries).
_CLOSED_STARTS = frozenset(
    {
        # Dutch
        "was",
        "is",
        "waren",
        "zijn",
        "had",
        "heeft",
        "hadden",
        "hebben",
        "heb",
        "ben",
        "speelde",
        "speelden",
        "speelt",
        "kwam",
        "komt",
        "lag",
        "ligt",
        "ging",
        "gaat",
        "voelde",
        "voelt",
        "voel",
        "vond",
        "vind",
        "vonden",
        "wilde",
        "wil",
        "zou",
        "kan",
        "kon",
        "kun",
        "kunt",
        "werd",
        "wordt",
        "moest",
        "klopt",
        "denk",
        "dacht",
        "merkte",
        "miste",
        "dus",
        # English
        "were",
        "are",
        "did",
        "do",
        "does",
        "has",
        "have",
        "would",
        "could",
        "can",
        "might",
        "should",
        "so",
        "am",
        "will",
    }
)
#: A closed form that is really a request or an invitation ("kun je vertellen ...", "is er iets ...").
_REQUEST = _regex(
    "vertel*",
    "beschrijv*",
    "beschrijf",
    "geven",
    "geef",
    "noemen",
    "toelicht*",
    "toe te lichten",
    "uitleggen",
    "schetsen",
    "praten over",
    "tell",
    "describe",
    "give",
    "share",
    "say more",
    "explain",
    "walk me",
    "elaborate",
    "expand",
    "talk about",
    "iets",
    "anything",
    "something",
)
#: Frames that put a reason in the leaver's mouth even in an open form ("welke rol speelde het salaris").
_REASON_FRAME = _regex(
    "vanwege",
    "wegens",
    "(?:lag|ligt) het aan",
    "(?:kwam|komt) het door",
    "een rol",
    "rol (?:gespeeld|speelde|spelen)",
    "mee ?gespeeld",
    "reden*",
    "because of",
    "due to",
    "reasons?",
    "factor",
    "role in",
    "contribut*",
    "drove you",
)


def is_closed_question(sentence: str) -> bool:
    """A yes/no question that is not a request to tell ("kun je daar iets over vertellen?")."""
    words = tokens(sentence)
    if not words or words[0] not in _CLOSED_STARTS:
        return False
    return not _REQUEST.search(normalise(sentence))


def has_reason_frame(sentence: str) -> bool:
    """The sentence frames something as a reason or cause."""
    return bool(_REASON_FRAME.search(normalise(sentence)))


# Words too common to count as echoing the leaver's own words.
_STOPWORD_TEXT = """
    de het een en of maar dat die dit deze wat wie waar wanneer hoe waarom welke welk je jij jou jouw u uw
    ik mij me mijn wij we ons onze zij ze hij hem haar hun hen er daar hier dan toen als om op in aan van
    voor met bij naar uit over tot door ook nog wel niet geen wel al zo heel erg echt eigenlijk gewoon
    was is zijn waren ben bent heb hebt heeft had hadden wordt werd worden kan kon kun kunt zou zouden wil
    wilde moet moest mag mocht gaat ging gaan komen kwam doen deed gedaan zeggen zei gezegd vertel vertellen
    iets niets alles veel weinig meer minder soms vaak altijd nooit iedereen niemand keer tijd werk werken
    mensen dingen ding zoals even eens toch dus omdat want terwijl nou hoor natuurlijk best beetje
    the a an and or but that this these those what who where when how why which you your yours i me my we
    us our they them their he him his she her it its there here then than as to of in on at for with by from
    about into out up also still not no yes so very really actually just quite was is are were be been
    being have has had do does did can could would should will might must say said tell told thing things
    time times work working job people bit lot some any all always never everyone nobody because while
    well okay fine like get got make made know think
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def stem(token: str) -> str:
    """A crude stem: enough for "rooster"/"roosters" and "frustrating"/"frustration" to meet."""
    if len(token) > 4 and token.endswith("s"):
        token = token[:-1]
    return token[:6]


@cache
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words in ``text`` that could carry meaning when quoted back."""
    return frozenset(stem(t) for t in tokens(text) if len(t) >= 4 and t not in STOPWORDS)


_QUOTED = re.compile(r"(?:^|[\s(:])['‘\"“„«]([^'’\"”»]{2,120})['’\"”»]")


def quoted_fragments(text: str) -> list[str]:
    """Fragments the interviewer put in quotation marks."""
    return [m.group(1).strip() for m in _QUOTED.finditer(text)]


def capitalised_names(text: str) -> set[str]:
    """Capitalised words that are not sentence-initial: a cheap way to spot named people."""
    names: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        words = re.findall(r"[A-Za-zÀ-ÿ']+", sentence)
        for word in words[1:]:
            if word[0].isupper() and len(word) >= 3 and word.lower() not in STOPWORDS:
                names.add(stem(normalise(word)))
    return names


#: After a question about the interview: does the interviewer's turn answer it (who reads, computer,
#: anonymous, how long, what happens, stopping)?
META_ANSWER = _regex(
    "computer*",
    "programma",
    "program*",
    "software",
    "anonie*",
    "anonym*",
    "naam",
    "name",
    "spiegel",
    "mirror",
    "goedkeur*",
    "approv*",
    "toestemming",
    "consent",
    "minimaal",
    "minimum",
    "at least",
    "ten minste",
    "groep*",
    "groups?",
    "vertrouwelijk*",
    "confiden*",
    "minuten",
    "minutes",
    "stoppen",
    "overslaan",
    "skip",
    "jij bepaalt",
    "you decide",
    "niemand",
    "nobody",
    "no one",
)
#: After distress: does the interviewer check in before anything else?
CHECKIN = _regex(
    "hoe gaat het (?:nu |op dit moment )?met (?:je|jou|u)",
    "hoe is het (?:nu )?met (?:je|jou|u)",
    "hoe voel je je",
    "how are you (?:doing|feeling)",
    "how are you now",
    "how are things (?:with you )?now",
    "how do you feel now",
)
#: Taking sarcasm at face value.
GOOD_TO_HEAR = _regex(
    "fijn (?:om te horen|dat)",
    "goed om te horen",
    "mooi om te horen",
    "prettig om te horen",
    "wat fijn",
    "good to hear",
    "glad to hear",
    "nice to hear",
    "great to hear",
    "happy to hear",
    "sounds (?:good|great)",
)
#: The closing summary.
SUMMARY = _regex(
    "samenvat*",
    "samengevat",
    "vat (?:ik )?(?:kort )?samen",
    "kort samen",
    "sum up",
    "summar*",
    "to sum",
    "wat ik (?:heb )?gehoord",
    "what i heard",
    "what i have heard",
)
