"""Pseudonymisation of what leavers say, in Dutch and English, from rules, context patterns and name lists.

No NER model can be installed offline, so people are found with name lists (Faker's MIT-licensed lists plus
our own, under ``data/names/``), capitalisation, titles, initials, surname particles, the words around a
candidate, and a word-frequency list (``common_{nl,en}.txt`` from wordfreq, CC BY-SA 4.0): a capitalised
word that is no ordinary word of the language may be a name. Identifiers (e-mail, phone, BSN, IBAN,
postcode/address, URL, @user name) are found with patterns and checksums (python-stdnum). Every person gets
a role-aware placeholder that stays the same for the whole interview: ``[leidinggevende]``, ``[collega A]``,
``[persoon B]`` / ``[manager]``, ``[colleague A]``.

The module is Django-free and imports nothing from Spiegel outside ``spiegel.language``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from stdnum import iban as std_iban
from stdnum.nl import bsn as std_bsn

from spiegel.language import name_model, name_spans

__all__ = ["KINDS", "Pseudonymiser", "Redaction", "Span", "redact"]

KINDS = ("person", "email", "phone", "bsn", "iban", "postcode", "url", "handle")
LANGUAGES = ("nl", "en")
NAMES_DIR = Path(__file__).resolve().parent / "data" / "names"
MAPPING_VERSION = 1
# Zipf frequency x10 from which a word counts as ordinary (data/names/common_*.txt); rarer capitalised words
# are treated as possible names.
COMMON_CUTOFF = 30
# A listed first name written in lower case counts as a name after "with", "and", "told" ... when its Zipf
# frequency x10 is below this ("with madison", "steve and tanya").
LOWER_CASE_NAME_CUTOFF = 45
# ... and also without a word before it that speaks of a person ("with", "and") when it is rarer than this.
LOWER_CASE_RARE_CUTOFF = 35
# A listed first name in lower case counts in a list of names or before a department when rarer than this.
LOWER_CASE_LIST_CUTOFF = 50
# The learned model may take a lower-case word rarer than this (Zipf x10) at its strong bar: "bieber", not "said".
LOWER_CASE_STRICT_CUTOFF = 40


@dataclass(frozen=True)
class Span:
    """One replaced piece of the original text: offsets are into the ORIGINAL text."""

    start: int
    end: int
    kind: str
    placeholder: str
    original: str


@dataclass(frozen=True)
class Redaction:
    """The redacted text and the spans of the original that were replaced, in text order."""

    text: str
    spans: list[Span]


# --------------------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------------------

# Characters that NFKD does not decompose but that people type both with and without (Yılmaz / Yilmaz).
_FOLD_EXTRA = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "ß": "ss", "đ": "d", "æ": "ae", "œ": "oe", "’": "'"})


def _set(words: str) -> frozenset[str]:
    """A frozen set from whitespace-separated words (keeps long word lists readable)."""
    return frozenset(words.split())


def _fold(word: str) -> str:
    """Lower case without diacritics, so that 'Öztürk', 'Ozturk' and 'öztürk' look the same."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


PARTICLES = _set(
    "van de der den het 't te ter ten op in la le du da di del della dos das von zu el al ben bin ibn ait "
    "abu bou mac st vd v/d"
)
# Titles that precede a name; they are part of the replaced span because "meneer"/"mevrouw" reveal gender.
TITLES = _set(
    "meneer mevrouw mevr mw mevr. dhr juffrouw juf dokter dr drs ir ing prof mr mrs ms miss mx sir dame "
    "doctor professor zuster broeder heer heren heeren hr jhr jonkheer wed weduwe lord lady"
)
# Titles after which a name typed in lower case still counts ("mevrouw ramdin", "mr okafor").
_CHAT_TITLES = _set("meneer mevrouw mevr mw dhr juf juffrouw mr mrs ms sir")
# Titles of rank or office that also stand alone ("de Koning van Saksen", "the President"): they take a name
# only when the next word is a listed name or no ordinary word, and never a particle after them.
WEAK_TITLES = _set(
    "baron barones graaf gravin hertog hertogin koning koningin keizer keizerin prins prinses vorst vorstin "
    "paus kardinaal generaal kolonel majoor kapitein luitenant minister burgemeester notaris pastoor dominee ds "
    "pater sint saint king queen prince princess pope president senator sen governor gov judge uncle aunt "
    "auntie officer sergeant sgt captain capt general gen colonel col dj doc"
)
TITLES = TITLES | WEAK_TITLES


def _words(path: Path) -> list[str]:
    """Non-comment lines of a word-list file, each line split on whitespace (one name per token)."""
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.extend(line.split())
    return out


def _lines(path: Path) -> list[str]:
    """Non-comment lines of a file kept whole (for multi-word surnames and place names)."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


@dataclass(frozen=True)
class _Lexicon:
    first: frozenset[str]
    last: frozenset[str]
    ambiguous: frozenset[str]
    stop: frozenset[str]
    not_names: frozenset[str]
    # folded word -> Zipf frequency x10 in ordinary text (wordfreq); a capitalised word not in it may be a name
    common: dict[str, int]
    # frequent words that are no dictionary word ("obama", "facebook"): names when capitalised mid-sentence
    proper: frozenset[str]
    # first folded word -> the folded multi-word phrases starting with it
    not_name_phrases: dict[str, tuple[tuple[str, ...], ...]]


def _surname_cores(entry: str) -> set[str]:
    """The words of a surname list entry that are not particles: 'van der Meer' -> {'meer'}."""
    return {_fold(part) for part in entry.split() if _fold(part) not in PARTICLES}


@lru_cache(maxsize=4)
def _lexicon(language: str) -> _Lexicon:
    """Load the name lists and word lists for one language once per process."""
    first: set[str] = set()
    last: set[str] = set()
    for path in sorted(NAMES_DIR.glob("faker_*_first.txt")):
        first.update(_fold(w) for w in _lines(path))
    first.update(_fold(w) for w in _words(NAMES_DIR / "own_first.txt"))
    for path in [*sorted(NAMES_DIR.glob("faker_*_last.txt")), NAMES_DIR / "own_last.txt"]:
        for entry in _lines(path):
            last.update(_surname_cores(entry))
    # Hyphenated first names count by their parts too (Jan-Willem -> jan, willem).
    first.update(part for name in list(first) for part in name.split("-") if len(part) > 1)
    stop = frozenset(_fold(w) for w in _words(NAMES_DIR / f"stopwords_{language}.txt"))
    ambiguous = frozenset(_fold(w) for w in _words(NAMES_DIR / f"ambiguous_{language}.txt"))
    single: set[str] = set()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for entry in _lines(NAMES_DIR / "not_names.txt"):
        words = tuple(_fold(w) for w in _WORD.findall(entry))
        if len(words) == 1:
            single.add(words[0])
        elif words:
            phrases.setdefault(words[0], []).append(words)
    common: dict[str, int] = {}
    proper: set[str] = set()
    for line in _lines(NAMES_DIR / f"common_{language}.txt"):
        word, zipf, *mark = line.split(" ")
        common.setdefault(_fold(word), int(zipf))
        if mark:
            proper.add(_fold(word))
    return _Lexicon(
        common=common,
        proper=frozenset(proper),
        first=frozenset(first - stop),
        last=frozenset(last - stop - PARTICLES),
        ambiguous=ambiguous,
        stop=stop,
        not_names=frozenset(single),
        not_name_phrases={k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
    )


# --------------------------------------------------------------------------------------------------------
# Roles and context words
# --------------------------------------------------------------------------------------------------------

# role phrase (folded) -> placeholder label. Labels in LETTERED get "A", "B", ...; others are unique roles
# ("[leidinggevende]", then "[leidinggevende B]" for a second one).
_ROLES: dict[str, dict[str, str]] = {
    "nl": {
        "leidinggevende": "leidinggevende",
        "baas": "leidinggevende",
        "chef": "leidinggevende",
        "manager": "manager",
        "teammanager": "manager",
        "teamleider": "teamleider",
        "teamleidster": "teamleider",
        "teamlead": "teamleider",
        "ploegleider": "ploegleider",
        "voorman": "ploegleider",
        "directeur": "directeur",
        "directrice": "directeur",
        "oud-directeur": "oud-directeur",
        "algemeen directeur": "directeur",
        "ceo": "directeur",
        "regiodirecteur": "regiodirecteur",
        "regiomanager": "regiomanager",
        "afdelingsmanager": "afdelingsmanager",
        "afdelingshoofd": "afdelingshoofd",
        "hr-adviseur": "HR-adviseur",
        "hr adviseur": "HR-adviseur",
        "personeelsadviseur": "HR-adviseur",
        "hr-manager": "HR-manager",
        "hr manager": "HR-manager",
        "hr-medewerker": "HR-medewerker",
        "hr-businesspartner": "HR-adviseur",
        "vertrouwenspersoon": "vertrouwenspersoon",
        "bedrijfsarts": "bedrijfsarts",
        "mentor": "mentor",
        "coach": "coach",
        "buddy": "buddy",
        "begeleider": "begeleider",
        "opvolger": "opvolger",
        "voorganger": "voorganger",
        "planner": "planner",
        "eigenaar": "eigenaar",
        "coordinator": "coördinator",
        "teamcoordinator": "coördinator",
        "collega": "collega",
        "teamgenoot": "collega",
        "stagiair": "stagiair",
        "stagiaire": "stagiair",
        "klant": "klant",
        "client": "cliënt",
    },
    "en": {
        "manager": "manager",
        "line manager": "manager",
        "boss": "manager",
        "supervisor": "supervisor",
        "shift supervisor": "supervisor",
        "team leader": "team leader",
        "team lead": "team leader",
        "lead": "team leader",
        "director": "director",
        "managing director": "director",
        "former director": "former director",
        "regional director": "regional director",
        "regional manager": "regional manager",
        "head of department": "head of department",
        "ceo": "director",
        "hr advisor": "HR advisor",
        "hr adviser": "HR advisor",
        "hr manager": "HR manager",
        "hr business partner": "HR advisor",
        "hr officer": "HR officer",
        "confidential adviser": "confidential adviser",
        "confidential advisor": "confidential adviser",
        "occupational health doctor": "occupational health doctor",
        "mentor": "mentor",
        "coach": "coach",
        "buddy": "buddy",
        "successor": "successor",
        "predecessor": "predecessor",
        "colleague": "colleague",
        "co-worker": "colleague",
        "coworker": "colleague",
        "teammate": "colleague",
        "intern": "intern",
        "trainee": "intern",
        "client": "client",
        "customer": "client",
    },
}
_LETTERED = frozenset({"collega", "persoon", "stagiair", "klant", "cliënt", "colleague", "person", "intern", "client"})
_DEFAULT_ROLE = {"nl": "persoon", "en": "person"}
_HR_ROLE = {"nl": "HR-medewerker", "en": "HR officer"}
_IDENTIFIER_PLACEHOLDERS = {
    "nl": {
        "email": "[e-mailadres]",
        "phone": "[telefoonnummer]",
        "bsn": "[BSN]",
        "iban": "[IBAN]",
        "postcode": "[postcode]",
        "url": "[URL]",
        "handle": "[gebruikersnaam]",
    },
    "en": {
        "email": "[email address]",
        "phone": "[phone number]",
        "bsn": "[BSN]",
        "iban": "[IBAN]",
        "postcode": "[postcode]",
        "url": "[URL]",
        "handle": "[username]",
    },
}


def _role_alternation(language: str) -> str:
    phrases = sorted(_ROLES[language], key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


# A role word directly before the name, optionally with a comma: "mijn leidinggevende Sandra",
# "de directeur, meneer Bakker", "The HR advisor, Linda Hughes".
_ROLE_BEFORE = {
    lang: re.compile(rf"(?<![\w-])({_role_alternation(lang)})\s*,?\s*$", re.IGNORECASE) for lang in LANGUAGES
}
# An apposition right after the name: "Marloes, mijn leidinggevende," / "Louise, my manager,".
_ROLE_AFTER = {
    "nl": re.compile(
        rf"^\s*,\s*(?:mijn|onze|de|het|zijn|haar|hun)\s+(?:[\w-]+\s+)?({_role_alternation('nl')})(?![\w-])",
        re.IGNORECASE,
    ),
    "en": re.compile(
        rf"^\s*,\s*(?:my|our|the|his|her|their)\s+(?:[\w-]+\s+)?({_role_alternation('en')})(?![\w-])",
        re.IGNORECASE,
    ),
}
# The role stated right after the name: "Kromowidjojo was mijn eerste teamleider", "Okoye is my manager".
_ROLE_STATED_AFTER = {
    "nl": re.compile(
        rf"^\s+(?:was|is|werd|wordt)\s+(?:mijn|m'n|onze|de|ons)\s+(?:[\w-]+\s+)?({_role_alternation('nl')})(?![\w-])",
        re.IGNORECASE,
    ),
    "en": re.compile(
        rf"^\s+(?:was|is|became)\s+(?:my|our|the)\s+(?:[\w-]+\s+)?({_role_alternation('en')})(?![\w-])",
        re.IGNORECASE,
    ),
}
# The team or department right after the name: "Samsodien van de receptie", "Okoye from payroll".
_DEPARTMENT_AFTER = {
    "nl": re.compile(
        r"^\s+(?:van|bij|uit|op)\s+(?:de|het)\s+(?:receptie|planning|administratie|kantine|schoonmaak|beveiliging|"
        r"nachtploeg|nachtdienst|avonddienst|dagdienst|ploeg|boekhouding|salarisadministratie|kwaliteitsdienst|"
        r"magazijn|keuken|logistiek|inkoop|verkoop|klantenservice|expeditie|productie|werkvloer|balie|kassa|"
        r"personeelsafdeling|[\w-]*afdeling)(?![\w-])",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"^\s+(?:from|in|on|at)\s+(?:the\s+)?(?:reception|planning|scheduling|payroll|accounts|admin|finance|"
        r"logistics|security|cleaning|warehouse|kitchen|night shift|nights|quality control|purchasing|sales|"
        r"customer service|dispatch|production|IT|HR)(?![\w-])",
        re.IGNORECASE,
    ),
}
_HR_AFTER = {
    "nl": re.compile(r"^\s+(?:van|bij)\s+(?:de\s+)?(?:HR|P&O|personeelszaken)\b"),
    "en": re.compile(r"^\s+(?:from|in|at|of)\s+(?:the\s+)?HR\b"),
}

# Words before an unknown capitalised word that make a person likely ("met Mounir", "with Oguz").
_CUE_BEFORE = {
    "nl": _set(
        "met zei zegt vond heet genaamd noemt noemde tegen volgens door aan vroeg belde mailde sprak "
        "bedankt samen collega's hem haar"
    ),
    "en": _set("with told asked said named called by according thanks thank emailed rang than"),
}
# Verbs right after a word that make a person likely ("Wijngaarde zei", "Bill said").
_CUE_AFTER = {
    "nl": _set(
        "zei zegt vond vindt vroeg vertelde wilde wist belde mailde stuurde gaf noemde deed kwam heeft had "
        "liet nam kreeg werkte maakte tekende zag sprak leidde hielp beloofde appte dacht"
    ),
    "en": _set(
        "said says told thought asked wanted knew called emailed sent gave did came made got wrote taught "
        "helped showed decided promised ran had has was is"
    ),
}
# Verbs of speaking and thinking after a word: only people do these ("Tesfalem sprak", "Okoye said").
_SPEAKS = {
    "nl": _set(
        "zei zegt vond vindt vroeg vraagt vertelde vertelt belde mailde appte sprak dacht beloofde wist deed werkte "
        "stuurde hielp leidde regelde plande"
    ),
    "en": _set("said says told tells thought asked asks emailed texted messaged promised knew reckoned did worked"),
}
# Me, us, my after a verb after a word: someone did something to the speaker ("X heeft me ingewerkt").
_ME = {"nl": _set("me mij ons mijn m'n"), "en": _set("me us my")}
_WITH = {"nl": _set("met"), "en": _set("with")}
# Words a little before "met"/"with" that speak of dealing with a person: "een conflict met X", "spoke with X".
_TALK_WITH = {
    "nl": _set(
        "sprak spraken gesproken praatte gepraat conflict ruzie samen samengewerkt overleg overlegd gesprek "
        "contact klik botste gebotst afgesproken besproken aangekaart"
    ),
    "en": _set("spoke spoken talked conflict argument worked clashed meeting chat raised discussed"),
}
# Words that make the role word after them someone's: "mijn teamleider", "de nieuwe manager", "my lead".
_OWNERS = {
    "nl": _set("mijn m'n onze ons je jouw zijn z'n haar hun de het die deze nieuwe"),
    "en": _set("my our your his her their the new this that"),
}
# Weaker cues, only used for a first name at the start of a sentence that is also an ordinary word.
_CUE_AFTER_WEAK = {
    "nl": _set("en van uit was is wil kon moest werd bleef"),
    "en": _set("and from in at was is"),
}
_PLACE_BEFORE = {
    "nl": _set("in uit naar vanuit richting te bij rond"),
    "en": _set("in at from to near around into"),
}
_DETERMINERS = {
    "nl": _set("de het een ons onze deze"),
    "en": _set("the a an our their"),
}
# Particles that may open a surname with a capital: "De Vries", "Van Dijk", "El Amrani" (not "In", "Op").
_OPENING_PARTICLES = _set("de van den der ter ten el al le la du da di von ait bou mac")
_ARABIC_ARTICLES = _set("al el")
_LOWER_OPENING_PARTICLES = _set("van von ter ten vd")
# Particles that after a name far more often open a place: "te Zwolle", "in Utrecht", "op Texel".
_PLACE_PARTICLES = _set("te in op")
# After a title these open a place, not a surname: "a doctor in Kharkiv", "dokter te Aleppo".
_TITLE_AS_NOUN_BEFORE = _set("te in")
# "de heer" as OCR often misreads it in old print ("De beer van Tienhoven", "de lieer Elout"): a title only
# right after "de"/"den" and before a capitalised word or a particle.
_MISREAD_HEER = _set("beer lieer heea hoer hoor heor heir boer")
# Between two parts of one name: "Brinkhof geb. Overraars" (born), "Meijer wed. Prins" (widow of).
_NAME_LINKS = _set("geb geboren wed weduwe")
_MONTH_ABBREVIATIONS = _set("jan feb mar apr jun jul aug sep sept oct nov dec")
_DIGIT_AFTER = re.compile(r"\s*\d")
_CONTRACTIONS = _set("ve m d ll re t")
_COORDINATORS = _set("en of and or")
_PLACE_NOUNS = _set(
    "office site branch building kantoor vestiging locatie filiaal regio region area station store winkel"
)
# Adverbs and verb particles that follow a name without making it a genitive: "tuinman Bos langs" is Bos
# coming by, not Bo's "langs"; "Pieters aanpak" is the genitive.
_NOT_AFTER_GENITIVE = _set(
    "langs mee aan op af toe terug weg binnen buiten door over om uit in bij na voor achter thuis ook niet "
    "al nog wel even dan toen nu hier daar er zelf nooit altijd vaak snel weer erbij mee"
)
# Dutch verb prefixes: "inschaling" is "in" + "schalen" + "-ing", an ordinary noun and no name.
_VERB_PREFIXES = _set("aan af be door ge her in mee na om on ont op over onder toe uit ver voor weg terug bij")

# --------------------------------------------------------------------------------------------------------
# Identifiers
# --------------------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_URL = re.compile(
    r"(?<![\w@])(?:https?://|www\.)[^\s<>\"']+|(?<![\w@.])[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|uk|io|de)/[^\s<>\"']*",
    re.IGNORECASE,
)
_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}")
_PHONE = re.compile(
    r"(?<![\w+/.-])(?:"
    r"(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,5}"
    r"|\(0\d{1,4}\)\s?\d{2,4}(?:[\s.-]?\d{2,4}){1,3}"
    r"|0\d{1,4}(?:\s?[-/.]\s?|\s)?\d{2,8}(?:[\s.-]\d{2,4}){0,3}"
    r"|\(?[2-9]\d{2}\)?[\s.-]\d{3}[\s.-]\d{4}"
    r")(?![\w])"
)
_BSN = re.compile(r"(?<![\w.,/-])\d(?:[ .]?\d){8}(?![\w]|[.,/-]\d)")
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
_UK_POSTCODE = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}(?![\w-])")
_STREET = re.compile(
    # Only the usual leading words of Dutch street names, so that "Adres Lindelaan 14" keeps "Adres".
    r"(?<![\w-])(?:(?:Van|De|Den|Der|Ter|Jan|Burgemeester|Dokter|Prins|Prinses|Koningin|Koning|Sint|Oude|Nieuwe|"
    r"Korte|Lange|Eerste|Tweede|Derde|Groot|Klein)\s(?:[a-z]+\s)?){0,2}[A-Z][^\W\d_]*"
    r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|pad|steeg|markt|park|plantsoen|erf|baan|wal|"
    r"ring|boulevard|burgwal|haven|hoek|veld|sweg|straatweg)"
    r"\s\d{1,5}(?:\s?[a-zA-Z](?![\w])|-\d{1,4})?(?![\w])"
)
_EN_STREET = re.compile(
    r"(?<![\w-])\d{1,5}[a-z]?\s(?:[A-Z][\w'-]+\s){1,3}"
    r"(?:Street|St|Road|Rd|Lane|Avenue|Ave|Close|Drive|Way|Crescent|Court|Place|Square|Gardens|Terrace|"
    r"Grove|Row|Mews|Walk|Park|Hill)\b\.?"
)
# A user name on social media or a chat tool: "@jdevries", "@Jan_de_Vries" (after e-mail addresses are taken).
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[\w.-]{0,38}\w)?")
_TRAILING = ".,;:!?)]}'\"’”"
_BRACKETED = re.compile(r"\[[^\[\]\n]{1,60}\]")


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _iban_length(candidate: str) -> int:
    """The length of the valid IBAN at the start of ``candidate``, 0 when there is none.

    The pattern is greedy and may swallow a following word; cut from the right until it checks out.
    """
    while len(candidate.replace(" ", "")) >= 15:
        if std_iban.is_valid(candidate.upper()):
            return len(candidate)
        candidate = candidate[:-1].rstrip()
    return 0


def _phone_length(candidate: str) -> int:
    """The length of the phone number at the start of ``candidate``, 0 when there is none.

    A following number ("06-12345678 38 uur") can be swallowed too; drop trailing groups until the number of
    digits fits a phone number.
    """
    while candidate:
        count = len(_digits(candidate))
        international = candidate.startswith(("+", "00"))
        low, high = (9, 15) if international else (10, 11)
        if low <= count <= high:
            return len(candidate)
        cut = max(candidate.rfind(" "), candidate.rfind("-"), candidate.rfind("."))
        if cut <= 0 or count < low:
            return 0
        candidate = candidate[:cut].rstrip(" -.")
    return 0


def _find_identifiers(text: str) -> list[tuple[int, int, str]]:
    """Identifier spans (start, end, kind), non-overlapping, the more specific kinds first."""
    found: list[tuple[int, int, str]] = []
    taken = bytearray(len(text))

    def add(start: int, end: int, kind: str) -> None:
        if end > start and not any(taken[start:end]):
            found.append((start, end, kind))
            taken[start:end] = b"\x01" * (end - start)

    for m in _EMAIL.finditer(text):
        add(m.start(), m.end(), "email")
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        add(m.start(), end, "url")
    for m in _IBAN.finditer(text):
        if length := _iban_length(m.group()):
            add(m.start(), m.start() + length, "iban")
    for m in _PHONE.finditer(text):
        if length := _phone_length(m.group()):
            add(m.start(), m.start() + length, "phone")
    for m in _BSN.finditer(text):
        digits = _digits(m.group())
        if len(digits) == 9 and std_bsn.is_valid(digits):
            add(m.start(), m.end(), "bsn")
    for pattern in (_STREET, _EN_STREET, _POSTCODE, _UK_POSTCODE):
        for m in pattern.finditer(text):
            add(m.start(), m.end(), "postcode")
    for m in _HANDLE.finditer(text):
        add(m.start(), m.end(), "handle")
    found.sort()
    return found


# --------------------------------------------------------------------------------------------------------
# Person names
# --------------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# First names written short in Dutch print, read like initials before a surname: "H. Th. van Roosmalen".
_ABBREVIATED_FIRST_NAMES = _set("th ph joh chr jac jacq wm fr ant corn herm hendr gerr ij mich nic")
_ABBREVIATION_BEFORE_NAME = re.compile(r"\. ?(?:[A-Z]|(?:van|von|de|der|den|ter|ten|du|la|le) )")
_SENTENCE_END = ".!?:;…\n"
_OPENERS = " \t\"'“‘(«[-*•"


@dataclass
class _Token:
    start: int
    end: int
    text: str
    low: str
    cap: bool
    acronym: bool
    initial: bool
    title: bool
    particle: bool
    sentence_start: bool
    gazetteer: bool = False


@dataclass
class _Mention:
    start: int
    end: int
    words: list[str]  # folded name words, titles and initials removed
    initials: str
    has_title: bool
    role: str | None = None


def _abbreviated_first_name(text: str, word: str, low: str, end: int) -> bool:
    """'Th.', 'Joh.', 'Chr.' before a surname: a first name cut short, read like an initial (Dutch print)."""
    return (
        word[0].isupper() and low in _ABBREVIATED_FIRST_NAMES and _ABBREVIATION_BEFORE_NAME.match(text, end) is not None
    )


def _tokenise(text: str, blocked: bytearray, lex: _Lexicon, *, abbreviations: bool = False) -> list[_Token]:
    tokens: list[_Token] = []
    for m in _WORD.finditer(text):
        start, end = m.start(), m.end()
        if any(blocked[start:end]):
            continue
        word = m.group()
        low = _fold(word)
        after = text[end : end + 1]
        # Walk back over spaces and quotes: a sentence starts after ., !, ?, : or at the beginning.
        k = start - 1
        while k >= 0 and text[k] in _OPENERS:
            k -= 1
        sentence_start = k < 0 or text[k] in _SENTENCE_END
        if k >= 1 and text[k] == "." and tokens and tokens[-1].end == k and (tokens[-1].initial or tokens[-1].title):
            sentence_start = False  # "J. de Vries", "dr. Bakker": the dot ends an abbreviation
        initial = (len(word) == 1 and word.isupper() and after == ".") or (
            abbreviations and _abbreviated_first_name(text, word, low, end)
        )
        tokens.append(
            _Token(
                start=start,
                end=end,
                text=word,
                low=low,
                cap=word[0].isupper(),
                # All capitals: an abbreviation ("HR", "CAO"), unless it is no ordinary word ("JANSEN"); letters
                # glued to digits ("NL92ABNA...", "A4") are never a name.
                acronym=(
                    len(word) > 1
                    and word.isupper()
                    and "-" not in word
                    and (len(word) < 4 or lex.common.get(low, 0) >= COMMON_CUTOFF)
                    and low not in lex.first
                    and low not in lex.last
                )
                or text[end : end + 1].isdigit()
                or text[start - 1 : start].isdigit(),
                initial=initial,
                title=low in TITLES,
                particle=low in PARTICLES,
                sentence_start=sentence_start,
            )
        )
    # Mark words that belong to a place, organisation, product, month or holiday.
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        matched = 0
        for phrase in lex.not_name_phrases.get(tok.low, ()):
            if tuple(t.low for t in tokens[i : i + len(phrase)]) == phrase and tokens[i].cap:
                matched = len(phrase)
                break
        if matched:
            for t in tokens[i : i + matched]:
                t.gazetteer = True
            i += matched
            continue
        if tok.low in lex.not_names and tok.cap:
            tok.gazetteer = True
        i += 1
    return tokens


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """Two words separated by nothing but spaces (an initial may keep its dot: 'J. de')."""
    gap = text[left.end : right.start]
    if left.initial or left.title:
        gap = gap.removeprefix(".")
    return gap == "" or (gap.isspace() and "\n" not in gap)


class _Detector:
    """Finds person-name mentions in one text."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lex = _lexicon(language)

    def kind(self, tok: _Token) -> str | None:
        """'first', 'last' or None for a word by the name lists (hyphenated names by their parts)."""
        low = tok.low
        if low.endswith("'s"):
            low = low[:-2]
        if low in self.lex.first:
            return "first"
        if low in self.lex.last:
            return "last"
        parts = [p for p in low.split("-") if p]
        if len(parts) == 2 and parts[0] in _ARABIC_ARTICLES and len(parts[1]) > 2 and parts[1] not in self.lex.common:
            return "last"  # "Al-Rawi", "El-Khatib": the article glued to a word that is no ordinary word
        if len(parts) > 1 and any(p in self.lex.first or p in self.lex.last for p in parts):
            # "Al-Hassan", "Jan-Willem": a name if one part is a name and none is a plain word
            return "last" if parts[0] in PARTICLES else "first"
        return None

    def nameish(self, tok: _Token) -> bool:
        """Could this capitalised word continue a name that has already started?"""
        return (
            tok.cap
            and not tok.acronym
            and not tok.title
            and tok.low not in self.lex.stop
            and (not tok.gazetteer or (self.kind(tok) is not None and tok.low not in self.lex.not_names))
            and not self.role_word(tok.low)
        )

    def rare(self, tok: _Token) -> bool:
        """A word that is not an ordinary word of the language (not in the frequency list above the cut-off)."""
        low = tok.low[:-2] if tok.low.endswith("'s") else tok.low
        return (
            self.lex.common.get(low, 0) < COMMON_CUTOFF
            and len(low) > 1
            and not self._compound(low)
            and not self._english_plural(low)
        )

    def _english_plural(self, low: str) -> bool:
        """An English plural of a word on the frequency list ("rotas", "lanyards"): no name, though the list
        lacks the plural or holds it below the cut-off."""
        return (
            self.language == "en"
            and len(low) > 4
            and low.endswith("s")
            and not low.endswith("ss")
            and low[:-1] in self.lex.common
        )

    def _compound(self, low: str) -> bool:
        """An ordinary compound noun, not a name: 'excel-modellen' (its last part an ordinary word), or in
        Dutch two ordinary words written as one ('werktijden' = 'werk' + 'tijden')."""
        common = self.lex.common
        if "-" in low:
            last = low.rsplit("-", 1)[1]
            return len(last) >= 4 and common.get(last, 0) >= COMMON_CUTOFF
        if self.language != "nl":
            return False
        if any(
            common.get(low[cut:], 0) >= COMMON_CUTOFF
            and (
                common.get(low[:cut], 0) >= COMMON_CUTOFF
                or (low[cut - 1] == "s" and common.get(low[: cut - 1], 0) >= COMMON_CUTOFF)  # "scholings|dagen"
            )
            for cut in range(4, len(low) - 4)
        ):
            return True
        # A noun made from a verb: "inschaling" (inschalen), "scholingsdagen" (scholing + s + dagen).
        for suffix in ("ingen", "ing"):
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                return self._verb(low[: -len(suffix)] + "en")
        return False

    def _verb(self, infinitive: str) -> bool:
        """An ordinary Dutch verb, possibly behind a prefix ("inschalen" = "in" + "schalen")."""
        common = self.lex.common
        if common.get(infinitive, 0) >= COMMON_CUTOFF:
            return True
        return any(
            infinitive.startswith(prefix)
            and len(infinitive) - len(prefix) >= 5
            and common.get(infinitive[len(prefix) :], 0) >= COMMON_CUTOFF
            for prefix in _VERB_PREFIXES
        )

    def role_word(self, low: str) -> bool:
        return low in _ROLES[self.language]

    def find(self, text: str, blocked: bytearray) -> list[_Mention]:
        tokens, ranges = self.rule_ranges(text, blocked)
        model = name_model.load(self.language)
        if model is not None and tokens:
            words = self.words(text, tokens, ranges)
            # Only the rules' words and the words the model may add can change: score only those.
            levels = [0 if word.rule else self._learn_level(text, tokens, i) for i, word in enumerate(words)]
            candidates = [word.rule or level > 0 for word, level in zip(words, levels, strict=True)]
            strict = [max(level - 1, 0) for level in levels]
            ranges = self._with_model(text, tokens, ranges, model.names(words, candidates, strict))
        ranges = self.finish(text, tokens, ranges)
        mentions: list[_Mention] = []
        n = len(tokens)
        for i, end_index in ranges:
            following = (
                tokens[end_index]
                if end_index < n and _adjacent(text, tokens[end_index - 1], tokens[end_index])
                else None
            )
            mentions.append(self._mention(text, tokens[i:end_index], following))
        return mentions

    def finish(self, text: str, tokens: list[_Token], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The last touches on the names found: two names with only OCR debris or a particle between them on
        one line are one name ("J. IL van Wijngaarden", "W. JM. de BRAUW"); a surname starts at its particles."""
        merged: list[tuple[int, int]] = []
        for first, after in ranges:
            if merged and self._fillers(text, tokens, merged[-1][1], first):
                merged[-1] = (merged[-1][0], after)
            else:
                merged.append((first, after))
        ranges = [(self._leading_particles(text, tokens, i), end_index) for i, end_index in merged]
        return name_spans.widen(text, tokens, ranges, self.nameish, self.rare) if self.language == "nl" else ranges

    def _fillers(self, text: str, tokens: list[_Token], start: int, end: int) -> bool:
        """Are tokens[start:end] (one or two) mere filler inside a name: a particle (not "te", "in", "op") or
        a short string that is no word ("IL", "vau")? Only on one line, without a comma or full stop between."""
        if not 0 < end - start <= 2:
            return False
        for k in range(start, end + 1):
            # spaces only, or the dot of an abbreviation: after an initial, or after the filler itself ("JM.")
            dotted = k > start and text[tokens[k - 1].end : tokens[k].start].strip(" ") == "."
            if not (_adjacent(text, tokens[k - 1], tokens[k]) or dotted):
                return False
        for tok in tokens[start:end]:
            if tok.particle:
                if tok.low in _PLACE_PARTICLES:
                    return False
            elif len(tok.text) > 3 or tok.low in self.lex.stop or self.lex.common.get(tok.low, 0) >= COMMON_CUTOFF:
                return False
        return True

    def _leading_particles(self, text: str, tokens: list[_Token], i: int) -> int:
        """Start a surname at its lower-case particles: "ten Cate", "van den Berg" (not "van Pieter")."""
        if self.kind(tokens[i]) == "first" or tokens[i].particle:
            return i
        start = i
        j = i
        while j > 0 and tokens[j - 1].particle and not tokens[j - 1].cap and _adjacent(text, tokens[j - 1], tokens[j]):
            j -= 1
            if tokens[j].low in _LOWER_OPENING_PARTICLES:
                start = j
        if start == i or start == 0 or not _adjacent(text, tokens[start - 1], tokens[start]):
            return start  # after a comma or at the start: "Cornelissen, van Hasselt"
        before = tokens[start - 1]
        # After a title or "en": "de heer van Hulst", "Kalff en ten Cate"; not "een mail van Pieter".
        return start if before.title or before.low in _COORDINATORS else i

    def rule_ranges(self, text: str, blocked: bytearray) -> tuple[list[_Token], list[tuple[int, int]]]:
        """The words of a text and the (first, after last) word indices of the names the rules find."""
        tokens = _tokenise(text, blocked, self.lex, abbreviations=self.language == "nl")
        ranges: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            end_index = self._match(text, tokens, i)
            if end_index is None:
                i += 1
                continue
            ranges.append((i, end_index))
            i = end_index
        return tokens, ranges

    def words(self, text: str, tokens: list[_Token], ranges: list[tuple[int, int]]) -> list[name_model.Word]:
        """The words as the learned model sees them, with whether the rules took each."""
        taken = bytearray(len(tokens))
        for first, after in ranges:
            taken[first:after] = b"\x01" * (after - first)
        lex = self.lex
        # Capitalised words the same text also writes in lower case are likely ordinary words ("Bond" / "bond").
        lower = {tok.low for tok in tokens if not tok.cap}
        out: list[name_model.Word] = []
        for index, tok in enumerate(tokens):
            flags = [
                flag
                for flag, on in (
                    ("title", tok.title),
                    ("particle", tok.particle),
                    ("initial", tok.initial),
                    ("acronym", tok.acronym),
                    ("gazetteer", tok.gazetteer),
                    ("stop", tok.low in lex.stop),
                    ("role", self.role_word(tok.low)),
                    ("ambiguous", tok.low in lex.ambiguous),
                    ("proper", tok.low in lex.proper),
                    ("lower", tok.cap and tok.low in lower),
                )
                if on
            ]
            out.append(
                name_model.Word(
                    text=tok.text,
                    low=tok.low,
                    sentence_start=tok.sentence_start,
                    kind=self.kind(tok) or "",
                    frequency=lex.common.get(tok.low, 0),
                    flags=frozenset(flags),
                    rule=bool(taken[index]),
                    gap=text[tokens[index - 1].end : tok.start] if index else text[max(0, tok.start - 2) : tok.start],
                )
            )
        return out

    def _with_model(
        self, text: str, tokens: list[_Token], ranges: list[tuple[int, int]], learned: list[bool]
    ) -> list[tuple[int, int]]:
        """The rules' names without the words the model vetoes, plus the words the model takes for names: a
        word next to a name joins it, other runs of adjacent such words become names of their own."""
        taken = bytearray(len(tokens))
        kept: list[list[int]] = []
        for first, after in ranges:
            taken[first:after] = b"\x01" * (after - first)
            for index in range(first, after):
                if not (learned[index] or self._unvetoable(text, tokens, index)):
                    continue
                if kept and kept[-1][1] == index and kept[-1][0] >= first:
                    kept[-1][1] = index + 1
                else:
                    kept.append([index, index + 1])
        ruled = {(first, after) for first, after in kept if (first, after) in set(ranges)}
        extra: list[list[int]] = []
        for index, is_name in enumerate(learned):
            if not is_name or taken[index] or not self._may_learn(text, tokens, index):
                continue
            for span in kept + extra:
                if span[1] == index and _adjacent(text, tokens[index - 1], tokens[index]):
                    span[1] = index + 1
                    break
            else:
                extra.append([index, index + 1])
        out: list[tuple[int, int]] = []
        for first, after in sorted(kept + extra):
            learned_part = (first, after) not in ruled or (bool(out) and out[-1] not in ruled)
            if out and out[-1][1] == first and learned_part and _adjacent(text, tokens[first - 1], tokens[first]):
                out[-1] = (out[-1][0], after)
            else:
                out.append((first, after))
        return out

    def _misread_title(self, text: str, tokens: list[_Token], i: int) -> bool:
        """'de beer Elout': "heer" misread by OCR, after "de"/"den" and before a name-like word."""
        if tokens[i].low not in _MISREAD_HEER or i == 0 or i + 1 >= len(tokens):
            return False
        nxt = tokens[i + 1]
        return (
            tokens[i - 1].low in {"de", "den"}
            and _adjacent(text, tokens[i - 1], tokens[i])
            and _adjacent(text, tokens[i], nxt)
            and (nxt.particle or (nxt.cap and not nxt.acronym))
        )

    def _match(self, text: str, tokens: list[_Token], i: int) -> int | None:
        tok = tokens[i]
        n = len(tokens)
        if self.language == "nl" and self._misread_title(text, tokens, i):
            end = self._surname(text, tokens, i + 1, strong=True, titled=True)
            return self._extend(text, tokens, end) if end is not None else None
        # A title or initials followed by (particles and) a capitalised word: "meneer De Vries", "J. de Vries".
        if tok.title or tok.initial:
            j = i + 1
            while j < n and _adjacent(text, tokens[j - 1], tokens[j]) and (tokens[j].initial or tokens[j].title):
                j += 1
            if tok.title and tokens[i].low in {"mr", "dr", "ir", "ing", "drs", "prof"} and not tok.cap:
                pass  # lower-case abbreviations are still titles in Dutch ("dr. Bakker")
            if tok.title and j == i + 1 and j < n and tokens[j].low in _TITLE_AS_NOUN_BEFORE:
                return None  # "a doctor in Kharkiv", "dokter te Aleppo": the title is a noun, a place follows
            weak = tok.low in WEAK_TITLES and j == i + 1
            if weak and j < n and tokens[j].particle:
                return None  # "Koning van Saksen", "Minister van Financiën"
            end = self._surname(text, tokens, j, strong=True, titled=not weak)
            if end is not None:
                return self._extend(text, tokens, end)
            if tok.title:
                return None
        # A capitalised particle opening a surname: "De Vries zei", "Van der Meer", "El Amrani".
        if tok.particle and tok.cap and tok.low in _OPENING_PARTICLES and not tok.gazetteer:
            end = self._surname(text, tokens, i, strong=not tok.sentence_start)
            if end is not None:
                return self._extend(text, tokens, end)
        if tok.particle and not tok.cap and tok.low in _LOWER_OPENING_PARTICLES and i > 0:
            gap = text[tokens[i - 1].end : tok.start]
            if "," in gap or ";" in gap or tokens[i - 1].low in _COORDINATORS:
                end = self._surname(text, tokens, i, strong=False)
                if end is not None and not tokens[end - 1].gazetteer:
                    return self._extend(text, tokens, end)  # "Sichterman, van Marle en van Hasselt"
        if not self._is_name_head(text, tokens, i):
            return None
        return self._extend(text, tokens, i + 1)

    def _surname(self, text: str, tokens: list[_Token], j: int, *, strong: bool, titled: bool = False) -> int | None:
        """Index after '(particles) Capitalised' starting at j, or None. Weak context needs a listed surname."""
        n = len(tokens)
        k = j
        while k < n and tokens[k].particle and (k == j or _adjacent(text, tokens[k - 1], tokens[k])):
            k += 1
        if k >= n or (k > j and not _adjacent(text, tokens[k - 1], tokens[k])):
            return None
        if j > 0 and k == j and j < n and not _adjacent(text, tokens[j - 1], tokens[j]):
            return None
        head = tokens[k]
        # In a name written in capitals the surname is in capitals too: "WILLEM VAN SPIJKER".
        shouted = (
            k > j > 0
            and (tokens[j - 1].text.isupper() or tokens[j - 1].title)
            and head.text.isupper()
            and len(head.text) >= 4
            and head.low not in self.lex.stop
        )
        if not head.cap and k >= j > 0 and self._lower_case_surname(tokens[j - 1], head, particles=k > j):
            return k + 1  # "mevrouw ramdin", "mr okafor", "meneer van der berg": typed without capitals
        if not head.cap or (head.acronym and not shouted) or head.particle or self.role_word(head.low):
            return None
        # After particles any capitalised word is a surname ("Van der Meer", "De Wit"), even an ordinary word.
        if k == j and head.low in self.lex.stop:
            return None
        if head.gazetteer and not titled:
            return None  # "De Albert Heijn", "In April", "Den Haag"
        if k > j and "-" in head.low and self.kind(head) is None and self._compound(head.low):
            return None  # "van de IT-afdeling", "van het Sales-team": a department, no surname
        if not strong and self.kind(head) is None and not self.rare(head):
            return None
        return k + 1

    def _lower_case_surname(self, title: _Token, tok: _Token, *, particles: bool) -> bool:
        """A lower-case word after a title typed in lower case too, that can only be a name: on the lists and no
        ordinary word, or no word of the language at all ("mevrouw ramdin", "mr okafor"; not "mevrouw zei",
        "miss you", nor old print's "Zr. Ms. korvet"). After particles only a word that is no word at all
        ("mevrouw el amrani"; not "mevrouw van de kantine", "mevrouw de groot hertogin")."""
        lex = self.lex
        if not title.title or title.low not in _CHAT_TITLES or title.cap:
            return False
        if (
            tok.particle
            or tok.low in lex.stop
            or tok.low in lex.ambiguous
            or len(tok.low) < 3
            or self.role_word(tok.low)
        ):
            return False
        frequency = lex.common.get(tok.low, 0)
        return frequency == 0 or (not particles and self.kind(tok) is not None and frequency < LOWER_CASE_NAME_CUTOFF)

    def _extend(self, text: str, tokens: list[_Token], j: int) -> int:
        """Grow a name to the right over further name words and particle+surname sequences."""
        n = len(tokens)
        while j < n and _adjacent(text, tokens[j - 1], tokens[j]):
            nxt = tokens[j]
            if tokens[j - 1].text.endswith(("'s", "’s")):
                break  # "Sarah's Team": the possessive ends the name
            if nxt.initial:
                j += 1
                continue
            linked = self._linked(text, tokens, j)
            if linked:
                j = linked
                continue
            if self._split_tail(text, tokens, j):
                j += 1  # OCR split a name in two: "Schimmel penninck", "Blij denstein"
                continue
            if nxt.particle:
                if nxt.low in _PLACE_PARTICLES:
                    break  # "Frans Jozef te Verona", "Jan in Utrecht"
                end = self._surname(text, tokens, j, strong=True)
                # "Kees van den Berg" yes; "Jeroen van Utrecht" (a place) and "Bas van de dienst" no.
                if end is None or tokens[end - 1].gazetteer:
                    break
                j = end
                continue
            if self.nameish(nxt) and not nxt.sentence_start:
                j += 1
                continue
            previous = tokens[j - 1]
            if (
                previous.text.isupper()
                and nxt.text.isupper()
                and len(nxt.text) > 1
                and nxt.low not in self.lex.stop
                and not nxt.title
                and not nxt.gazetteer
                and not self.role_word(nxt.low)
                and (
                    self.kind(nxt) is not None
                    or self.rare(nxt)
                    or (self.kind(previous) == "first" and self.lex.common.get(nxt.low, 0) < LOWER_CASE_NAME_CUTOFF)
                )
            ):
                j += 1  # a name written in capitals goes on in capitals: "JAN POST", "GERRIT BOS"
                continue
            break
        return j

    def _linked(self, text: str, tokens: list[_Token], j: int) -> int:
        """Index after "geb. Overraars" / "wed. Prins" at j (a maiden name, a widow's), or 0."""
        if self.language != "nl" or tokens[j].low not in _NAME_LINKS or j + 1 >= len(tokens):
            return 0
        after = tokens[j + 1]
        gap = text[tokens[j].end : after.start].strip()
        if gap not in ("", ".") or "\n" in text[tokens[j].end : after.start]:
            return 0
        if after.particle:
            end = self._surname(text, tokens, j + 1, strong=True)  # "geb. van Dalfsen"
            return end if end is not None and end > j + 2 else 0
        return j + 2 if self.nameish(after) else 0

    def _split_tail(self, text: str, tokens: list[_Token], j: int) -> bool:
        """A lower-case word that is no word at all right after a capitalised name word: a name cut by OCR."""
        tok, previous = tokens[j], tokens[j - 1]
        return (
            self.language == "nl"
            and not tok.cap
            and previous.cap
            and not previous.acronym
            and len(tok.low) >= 3
            and tok.text.isalpha()
            and tok.low not in self.lex.common
            and tok.low not in self.lex.stop
            and not tok.particle
            and self.kind(tok) is None
        )

    def _is_name_head(self, text: str, tokens: list[_Token], i: int) -> bool:
        tok = tokens[i]
        lex = self.lex
        lang = self.language
        kind = self.kind(tok)
        if self._never_a_name(text, tok, kind):
            return False
        prev = tokens[i - 1] if i > 0 and _adjacent(text, tokens[i - 1], tok) else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) and _adjacent(text, tok, tokens[i + 1]) else None
        role_before = bool(_ROLE_BEFORE[lang].search(text[max(0, tok.start - 40) : tok.start]))
        if not tok.cap:
            return (
                self._lower_case_name(tok, kind, prev, role_before)
                or self._unlisted_after_role(tokens, i, kind)
                or self._lower_case_in_company(text, tokens, i, kind)
            )
        before_gap = text[prev.end : tok.start] if prev else ""
        prev_low = prev.low if prev and "," not in before_gap else None
        next_low = nxt.low if nxt else None
        next_is_name = nxt is not None and (
            (nxt.cap and not nxt.gazetteer and self.kind(nxt) == "last" and not nxt.sentence_start)
            or (nxt.particle and self._surname(text, tokens, i + 1, strong=False) is not None)
        )
        cue_after = self._cue_after(tok, kind, nxt)
        weak_after = cue_after or next_low in _CUE_AFTER_WEAK[lang]
        next_is_listed = (
            nxt is not None and nxt.cap and not nxt.gazetteer and not nxt.sentence_start and self.kind(nxt) is not None
        )
        if tok.gazetteer:
            if role_before or (kind == "first" and (next_is_name or next_is_listed)):
                return True
            if kind == "first" and tok.low in lex.not_names:
                # Both a name and a place, month or holiday (Victoria, Jordan, Kerry, April, Ramadan): a name
                # only where people are spoken of, never after "in", "the" or before "office".
                if prev_low in _PLACE_BEFORE[lang] or prev_low in _DETERMINERS[lang] or next_low in _PLACE_NOUNS:
                    return False
                return prev_low in _CUE_BEFORE[lang] or cue_after or self._coordinated(text, tokens, i)
            return False
        if prev_low in _DETERMINERS[lang] and not role_before:
            return False
        if tok.sentence_start:
            if self._dutch_possessive(tok, nxt):
                return True
            if kind == "first" and tok.low not in lex.ambiguous:
                return True
            if kind is not None:
                if tok.low not in lex.ambiguous:
                    return weak_after or next_is_name  # a listed surname: "Jansen was ...", "Nguyen's team"
                return cue_after or next_is_name or (kind == "first" and weak_after)
            return self.rare(tok) and not (prev_low in _PLACE_BEFORE[lang] and not role_before)
        if kind is not None:
            return True
        # An unknown capitalised word in mid-sentence: a person with context, or when it is no ordinary word.
        if prev_low in _PLACE_BEFORE[lang] and not role_before:
            return False
        return (
            role_before
            or prev_low in _CUE_BEFORE[lang]
            or cue_after
            or next_is_name
            or self.rare(tok)
            or tok.low.removesuffix("'s") in lex.proper
        )

    def _may_learn(self, text: str, tokens: list[_Token], index: int) -> bool:
        """May the model add this word (at either bar, see ``_learn_level``)?"""
        return self._learn_level(text, tokens, index) > 0

    def _learn_level(self, text: str, tokens: list[_Token], index: int) -> int:
        """May the model add this word: 0 no, 1 at its ordinary threshold, 2 at its strong one, 3 at its first one.

        Never a title, stop word, short abbreviation or listed place/product, nor right after "in", "from" ...
        (places). At the ordinary bar: a capitalised word mid-sentence, a listed name or a rare word at a
        sentence start, a rare listed first name in lower case ("met fatima"). Only at the strong bar, where the
        capital says nothing: a name in capitals that is also a word ("ALBERT VELDHUIS"), a common word at a
        sentence start ("Trump will ..."), a rare lower-case word ("schumer"); a lower-case first name: "john"."""
        tok = tokens[index]
        lex = self.lex
        kind = self.kind(tok)
        if tok.title or tok.gazetteer or tok.low in lex.not_names:
            return 0
        if tok.low in lex.ambiguous:
            # "Mark my words", "Will you" stay to the rules; mid-sentence "with Rose Halford" may be learned
            return 2 if tok.cap and not tok.sentence_start else 0
        if self._never_a_name(text, tok, kind):
            shouted = tok.acronym and tok.text.isalpha() and len(tok.text) >= 4 and tok.text.isupper()
            return 2 if shouted and not tok.particle and tok.low not in lex.stop and not self.role_word(tok.low) else 0
        if index and _adjacent(text, tokens[index - 1], tok) and tokens[index - 1].low in _PLACE_BEFORE[self.language]:
            return 0
        if tok.cap:
            return 1 if not tok.sentence_start or kind is not None or self.rare(tok) else 2
        frequency = lex.common.get(tok.low, 0)
        if kind == "first" and frequency < LOWER_CASE_RARE_CUTOFF:
            return 1
        if self.language == "nl" and not (index and tokens[index - 1].cap and _adjacent(text, tokens[index - 1], tok)):
            return 0  # Dutch print: only the lower-case tail of a capitalised name ("Schimmel penninck")
        # Lower case at the strong bar: a listed first name that is not also a word on the ambiguous list ("john",
        # "sarah"; not "will", "patience"), or a word rarer than the cut-off ("bieber", "schumer"; not "said").
        return 0 if len(tok.low) < 3 else 3 if kind == "first" else 2 if frequency < LOWER_CASE_STRICT_CUTOFF else 0

    def _unvetoable(self, text: str, tokens: list[_Token], index: int) -> bool:
        """A word the rules took that the model may not drop: a title, initial or particle, a word on the name
        lists, or a word right after a title, initial, particle or role word ("mevrouw Van der Meer")."""
        tok = tokens[index]
        if tok.title or tok.initial or tok.particle or self.kind(tok) is not None:
            return True
        if self._spoken_of(text, tokens, index):
            return True
        if index == 0 or not _adjacent(text, tokens[index - 1], tok):
            return False
        prev = tokens[index - 1]
        return prev.title or prev.initial or prev.particle or self.role_word(prev.low)

    def _spoken_of(self, text: str, tokens: list[_Token], index: int) -> bool:
        """A capitalised word that is no ordinary word and that the words around it say is a person: "conflict met
        Agyekum", "Hryhorenko heeft me", "Tesfalem sprak", "Samsodien, mijn teamleider". The Dutch model learned
        from old newspapers and doubts names of today's colleagues; such context outweighs it."""
        tok = tokens[index]
        lang = self.language
        if not tok.cap or tok.acronym or tok.gazetteer or tok.low in self.lex.ambiguous or not self.rare(tok):
            return False
        prev = tokens[index - 1] if index and _adjacent(text, tokens[index - 1], tok) else None
        nxt = tokens[index + 1] if index + 1 < len(tokens) and _adjacent(text, tok, tokens[index + 1]) else None
        after = text[tok.end : tok.end + 60]
        if nxt is not None and nxt.low in _SPEAKS[lang]:
            return True  # "Tesfalem sprak", "Okoye said"
        following = tokens[index + 2] if nxt is not None and index + 2 < len(tokens) else None
        if nxt is not None and nxt.low in _CUE_AFTER[lang] and following is not None and following.low in _ME[lang]:
            return True  # "Hryhorenko heeft me ingewerkt", "Zlatev gave me"
        if prev is not None and prev.low in _WITH[lang]:
            talk = tokens[max(0, index - 3) : index - 1]
            if any(t.low in _TALK_WITH[lang] for t in talk):
                return True  # "een conflict met Agyekum", "talked it through with Okoye"
        if lang == "nl" and tok.text.endswith(("'s", "’s")):
            return True  # "Yusra's team" (the English model needs no help here; tweets write "#Show's")
        return any(pattern[lang].search(after) for pattern in (_ROLE_AFTER, _ROLE_STATED_AFTER, _DEPARTMENT_AFTER))

    def _never_a_name(self, text: str, tok: _Token, kind: str | None) -> bool:
        """An acronym, a stop or role word, a contraction ("I've", "Don't") or a month before a day ("Jan 14")."""
        lex = self.lex
        if tok.acronym or (tok.particle and kind is None) or tok.low in lex.stop or self.role_word(tok.low):
            return True
        if "'" in tok.low:
            base, _, suffix = tok.low.partition("'")
            if suffix in _CONTRACTIONS or base in lex.stop:
                return True  # "I've", "Don't", "Can't", "It's"
        return tok.low in _MONTH_ABBREVIATIONS and bool(_DIGIT_AFTER.match(text, tok.end))  # "Jan 14", "Sep 21"

    def _lower_case_name(self, tok: _Token, kind: str | None, prev: _Token | None, role_before: bool) -> bool:
        """Lower case straight after a role word ("mijn leidinggevende sandra"), or a listed first name that is
        no ordinary word ("met tanya", "steve and tanya"): people type names without capitals."""
        lex = self.lex
        lang = self.language
        if kind != "first" or tok.low in lex.ambiguous or tok.low in lex.not_names:
            return False
        frequency = lex.common.get(tok.low, 0)
        prev_word = prev.low if prev else None
        spoken_of = prev_word in _CUE_BEFORE[lang] or prev_word in _COORDINATORS
        return role_before or frequency < LOWER_CASE_RARE_CUTOFF or (spoken_of and frequency < LOWER_CASE_NAME_CUTOFF)

    def _unlisted_after_role(self, tokens: list[_Token], i: int, kind: str | None) -> bool:
        """'mijn teamleider wambersie', 'collega tendekai', 'my lead tendekai': a lower-case word that is no word
        of the language at all, right after a role word that is someone's ("mijn", "de nieuwe", "my") or after
        "collega"/"colleague", which chat writes bare. Not after a bare role word in old print ("directeur
        susdit", "eigenaar geteekend")."""
        tok = tokens[i]
        lex = self.lex
        if kind is not None or i == 0 or tok.low in lex.common or len(tok.low) < 3 or tok.low in lex.stop:
            return False
        role = tokens[i - 1]
        if not self.role_word(role.low) or role.end != tok.start - 1:
            return False
        if _ROLES[self.language][role.low] in _LETTERED:
            return True  # "collega", "colleague", "stagiair", "klant"
        owners = _OWNERS[self.language]
        return any(t.low in owners for t in tokens[max(0, i - 3) : i - 1])

    def _lower_case_in_company(self, text: str, tokens: list[_Token], i: int, kind: str | None) -> bool:
        """A listed first name in lower case in a list of such names ("ilse, burak en kim") or before the team it works
        in ("priya from payroll"; a name that is also a word only with "van"/"from": "roos van de receptie")."""
        tok = tokens[i]
        lex = self.lex
        if kind != "first" or tok.low in lex.not_names or lex.common.get(tok.low, 0) >= LOWER_CASE_LIST_CUTOFF:
            return False
        after = text[tok.end : tok.end + 60]
        if _DEPARTMENT_AFTER[self.language].match(after):
            return tok.low not in lex.ambiguous or after.split()[0].lower() in {"van", "from"}
        for step in (-1, 1):
            j, k = i + step, i + 2 * step
            if not 0 <= j < len(tokens):
                continue
            left, right = (tokens[j], tok) if step < 0 else (tok, tokens[j])
            if text[left.end : right.start].strip() == "," and self._plain_first_name(tokens[j]):
                return True
            if 0 <= k < len(tokens) and tokens[j].low in _COORDINATORS and self._plain_first_name(tokens[k]):
                first, last = (tokens[k], tok) if step < 0 else (tok, tokens[k])
                if (
                    text[first.end : last.start].split() == [tokens[j].text]
                    and "\n" not in text[first.end : last.start]
                ):
                    return True  # "burak en kim", "tunde and kasia"
        return False

    def _plain_first_name(self, tok: _Token) -> bool:
        """A listed first name typed in lower case that is no ordinary word: 'burak', 'tunde' (not 'will', 'roos',
        nor a capitalised place in old print: 'Saint-Malo, par ...')."""
        lex = self.lex
        return (
            not tok.cap
            and "-" not in tok.low
            and self.kind(tok) == "first"
            and tok.low not in lex.ambiguous
            and tok.low not in lex.not_names
            and lex.common.get(tok.low, 0) < LOWER_CASE_LIST_CUTOFF
        )

    def _cue_after(self, tok: _Token, kind: str | None, nxt: _Token | None) -> bool:
        """The next word says a person was meant: a listed cue, a possessive, or an English past tense."""
        lang = self.language
        next_low = nxt.low if nxt else None
        return (
            next_low in _CUE_AFTER[lang]
            or tok.text.endswith(("'s", "’s"))
            # an English past tense right after the word: "Rob treated me", "Bill reckoned"
            or (
                lang == "en"
                and kind is not None
                and nxt is not None
                and not nxt.cap
                and nxt.low.endswith("ed")
                and len(nxt.low) > 3
            )
        )

    def _coordinated(self, text: str, tokens: list[_Token], i: int) -> bool:
        """'Kerry and Jordan', 'Jordan and Kim': joined by and/en/or to a listed, capitalised first name."""
        for step in (-1, 1):
            j, k = i + step, i + 2 * step
            if 0 <= k < len(tokens) and tokens[j].low in _COORDINATORS:
                other = tokens[k]
                left, right = (other, tokens[i]) if step < 0 else (tokens[i], other)
                gap = text[left.end : right.start]
                if "," not in gap and other.cap and not other.gazetteer and self.kind(other) == "first":
                    return True
        return False

    def _dutch_possessive(self, tok: _Token, nxt: _Token | None) -> bool:
        """'Pieters aanpak': a Dutch first name with a genitive s before a lower-case noun."""
        return (
            self.language == "nl"
            and tok.low.endswith("s")
            and tok.low[:-1] in self.lex.first
            and tok.low[:-1] not in self.lex.ambiguous
            and nxt is not None
            and not nxt.cap
            and nxt.low not in _CUE_AFTER["nl"]
            and nxt.low not in _CUE_AFTER_WEAK["nl"]
            and nxt.low not in self.lex.stop
            and nxt.low not in _NOT_AFTER_GENITIVE
        )

    def _mention(self, text: str, toks: list[_Token], nxt: _Token | None) -> _Mention:
        start, end = toks[0].start, toks[-1].end
        last = toks[-1]
        # Possessives stay outside the span: "Sarah's team", "Pieters aanpak".
        if last.text.endswith(("'s", "’s")):
            end -= 2
        elif len(toks) == 1 and last.low not in self.lex.first and self._dutch_possessive(last, nxt):
            end -= 1
        words: list[str] = []
        initials = ""
        has_title = False
        for tok in toks:
            if tok.title and not words and not initials:
                has_title = True
            elif tok.initial:
                initials += tok.low
            else:
                words.append(_fold(text[tok.start : min(tok.end, end)]))
        return _Mention(start=start, end=end, words=words, initials=initials, has_title=has_title)


# --------------------------------------------------------------------------------------------------------
# Entities and placeholders
# --------------------------------------------------------------------------------------------------------


@dataclass
class _Entity:
    placeholder: str
    role: str
    first: str | None = None
    last: str | None = None  # folded surname without particles, e.g. "vries" for "de Vries"
    initials: str = ""
    names: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {
            "placeholder": self.placeholder,
            "role": self.role,
            "first": self.first,
            "last": self.last,
            "initials": self.initials,
            "names": sorted(self.names),
        }


def _key(mention: _Mention) -> str:
    """The folded written form of a mention without its title: 'j. de vries', 'piet de vries'."""
    return " ".join([f"{initial}." for initial in mention.initials] + mention.words)


def _letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: enough placeholders for any interview."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


class Pseudonymiser:
    """One per interview: replaces names and identifiers with placeholders that stay consistent across texts.

    ``to_dict()`` returns the mapping (it contains the original names: store it with the same protection as
    the transcript); ``Pseudonymiser(language, mapping=...)`` resumes it.
    """

    def __init__(self, language: str, mapping: dict[str, Any] | None = None) -> None:
        """Start a fresh mapping for ``language`` ("nl" or "en"), or resume one made by ``to_dict()``."""
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        self.language = language
        self._detector = _Detector(language)
        self._entities: list[_Entity] = []
        self._counters: dict[str, int] = {}
        if mapping is not None:
            self._load(mapping)

    # -- persistence ----------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The mapping as JSON-serialisable data (includes original names: treat as confidential)."""
        return {
            "version": MAPPING_VERSION,
            "language": self.language,
            "entities": [entity.to_dict() for entity in self._entities],
            "counters": dict(self._counters),
        }

    def _load(self, mapping: dict[str, Any]) -> None:
        if mapping.get("version") != MAPPING_VERSION:
            raise ValueError(f"unsupported mapping version: {mapping.get('version')!r}")
        if mapping.get("language") != self.language:
            raise ValueError(f"mapping is for language {mapping.get('language')!r}, not {self.language!r}")
        for item in mapping.get("entities", []):
            self._entities.append(
                _Entity(
                    placeholder=str(item["placeholder"]),
                    role=str(item["role"]),
                    first=item.get("first"),
                    last=item.get("last"),
                    initials=str(item.get("initials", "")),
                    names=set(item.get("names", [])),
                )
            )
        self._counters = {str(k): int(v) for k, v in mapping.get("counters", {}).items()}

    # -- redaction ------------------------------------------------------------------------------------
    def redact(self, text: str, *, keep: Iterable[str] = ()) -> Redaction:
        """Replace person names and identifiers in ``text``; spans are offsets into the original text.

        Placeholders this pseudonymiser has already given out are left as they are, so that a text that was
        redacted once and then edited by hand can be redacted again. ``keep`` lists words that are never
        replaced, whole-word and case-insensitive: words a person said are not names ("Teams", "Epic").
        """
        protected = self._protected(text, keep)
        identifiers = [span for span in _find_identifiers(text) if not any(protected[span[0] : span[1]])]
        blocked = bytearray(protected)
        for start, end, _kind in identifiers:
            blocked[start:end] = b"\x01" * (end - start)
        mentions = self._detector.find(text, blocked)
        for mention in mentions:
            mention.role = self._role(text, mention)
        placeholders = self._resolve(mentions)
        spans = [
            Span(start, end, kind, _IDENTIFIER_PLACEHOLDERS[self.language][kind], text[start:end])
            for start, end, kind in identifiers
        ]
        spans += [
            Span(m.start, m.end, "person", placeholder, text[m.start : m.end])
            for m, placeholder in zip(mentions, placeholders, strict=True)
        ]
        spans.sort(key=lambda s: s.start)
        pieces: list[str] = []
        position = 0
        for span in spans:
            pieces.append(text[position : span.start])
            pieces.append(span.placeholder)
            position = span.end
        pieces.append(text[position:])
        return Redaction(text="".join(pieces), spans=spans)

    def _protected(self, text: str, keep: Iterable[str]) -> bytearray:
        """A mask of the characters that must stay: known placeholders and the words in ``keep``."""
        mask = bytearray(len(text))
        known = {entity.placeholder for entity in self._entities}
        known.update(_IDENTIFIER_PLACEHOLDERS[self.language].values())
        for m in _BRACKETED.finditer(text):
            if m.group() in known:
                mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for word in keep:
            word = word.strip()
            if not word:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
                mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        return mask

    def _role(self, text: str, mention: _Mention) -> str | None:
        lang = self.language
        before = _ROLE_BEFORE[lang].search(text[max(0, mention.start - 40) : mention.start])
        if before:
            return _ROLES[lang][_fold(re.sub(r"\s+", " ", before.group(1)))]
        after_text = text[mention.end : mention.end + 60]
        if after_text.startswith(("'s", "’s")):
            return None
        after = _ROLE_AFTER[lang].search(after_text)
        if after:
            return _ROLES[lang][_fold(re.sub(r"\s+", " ", after.group(1)))]
        if _HR_AFTER[lang].search(after_text):
            return _HR_ROLE[lang]
        return None

    def _resolve(self, mentions: list[_Mention]) -> list[str]:
        """Link each mention to an entity (new or known) and return the placeholders in order."""
        linked: list[_Entity] = []
        fresh: dict[int, list[_Mention]] = {}
        for mention in mentions:
            entity = self._find(mention)
            if entity is None:
                entity = _Entity(placeholder="", role="")
                self._entities.append(entity)
            self._absorb(entity, mention)
            if not entity.placeholder:
                fresh.setdefault(id(entity), []).append(mention)
            linked.append(entity)
        # New people get their placeholder once all their mentions in this text are seen, so that a role
        # stated later in the same text still counts.
        for entity in linked:
            if entity.placeholder:
                continue
            roles = [m.role for m in fresh.get(id(entity), []) if m.role]
            role = roles[0] if roles else _DEFAULT_ROLE[self.language]
            count = self._counters.get(role, 0)
            self._counters[role] = count + 1
            if role in _LETTERED:
                entity.placeholder = f"[{role} {_letter(count)}]"
            else:
                entity.placeholder = f"[{role}]" if count == 0 else f"[{role} {_letter(count)}]"
            entity.role = role
        return [entity.placeholder for entity in linked]

    @staticmethod
    def _parts(mention: _Mention) -> tuple[str | None, str | None]:
        """(first name, surname core) of a mention, by position and the kind of words in it."""
        words = [w for w in mention.words if w not in PARTICLES]
        if not words:
            return None, None
        if len(words) == 1 and (mention.has_title or mention.initials or len(mention.words) > 1):
            return None, words[-1]  # "meneer Bakker", "J. de Vries", "De Boer"
        if len(words) == 1:
            return words[0], None
        return words[0], " ".join(words[1:])

    def _find(self, mention: _Mention) -> _Entity | None:
        full = _key(mention)
        for entity in reversed(self._entities):
            if full in entity.names:
                return entity
        first, last = self._parts(mention)
        candidates: list[_Entity] = []
        for entity in reversed(self._entities):
            first_ok = first is None or entity.first is None or entity.first == first
            last_ok = last is None or entity.last is None or entity.last == last
            initials_ok = not mention.initials or not entity.first or entity.first.startswith(mention.initials[0])
            shares = (first is not None and entity.first == first) or (last is not None and entity.last == last)
            if first is None and last is not None and entity.last is None and entity.first == last:
                shares = True  # "Said" seen before as a first name
            if last is None and first is not None and entity.first is None and entity.last == first:
                shares = True
            if shares and first_ok and last_ok and initials_ok:
                candidates.append(entity)
        # The most recently introduced matching person wins ("Piet" after two Piets: the latest).
        return candidates[0] if candidates else None

    def _absorb(self, entity: _Entity, mention: _Mention) -> None:
        first, last = self._parts(mention)
        if first and not entity.first:
            entity.first = first
        if last and not entity.last:
            entity.last = last
        if mention.initials and not entity.initials:
            entity.initials = mention.initials
        if mention.words:
            entity.names.add(_key(mention))


def redact(text: str, language: str) -> Redaction:
    """Redact one text with a fresh Pseudonymiser (placeholders are consistent within this text only)."""
    return Pseudonymiser(language).redact(text)
