"""The fixed questionnaire: what a typical exit interview sheet does.

One plain, open question per guide topic, read off in order, no follow-up, whatever the answer. It is
the control group: over the same simulated leavers it should find the surface and almost nothing hidden.
"""

from __future__ import annotations

from .model import Language

#: The HR sheet, topic by topic, in the order it is read. Open questions only: the sheet is dull, not
#: leading, so it plants nothing.
QUESTIONNAIRE: dict[Language, tuple[tuple[str, str], ...]] = {
    "nl": (
        ("reason", "Wat is de reden van je vertrek?"),
        ("job_content", "Hoe vond je de inhoud van je werk?"),
        ("manager", "Hoe was het contact met je leidinggevende?"),
        ("collaboration", "Hoe ging het met je collega's in het team?"),
        ("culture", "Hoe was de sfeer op het werk?"),
        ("workload", "Hoe ervoer je de werkdruk?"),
        ("career", "Welke mogelijkheden had je om je te ontwikkelen?"),
        ("pay", "Hoe tevreden was je over je salaris en arbeidsvoorwaarden?"),
        ("processes", "Hoe kijk je aan tegen de processen in de organisatie?"),
        ("recognition", "Hoe werd je werk gewaardeerd?"),
        ("stay", "Wat had ervoor kunnen zorgen dat je was gebleven?"),
        ("advice", "Welk advies heb je voor de organisatie?"),
        ("anything_else", "Is er nog iets dat je kwijt wilt?"),
    ),
    "en": (
        ("reason", "What is your reason for leaving?"),
        ("job_content", "How did you find the content of your job?"),
        ("manager", "How was your relationship with your manager?"),
        ("collaboration", "How did you get on with your colleagues in the team?"),
        ("culture", "How was the atmosphere at work?"),
        ("workload", "How did you experience the workload?"),
        ("career", "What opportunities did you have to develop?"),
        ("pay", "How satisfied were you with your salary and benefits?"),
        ("processes", "How do you see the processes in the organisation?"),
        ("recognition", "How was your work appreciated?"),
        ("stay", "What could have made you stay?"),
        ("advice", "What advice do you have for the organisation?"),
        ("anything_else", "Is there anything else you would like to add?"),
    ),
}

_OPENING: dict[Language, str] = {
    "nl": "Welkom bij je exitgesprek. Ik loop een vaste lijst met vragen met je door.",
    "en": "Welcome to your exit interview. I will go through a fixed list of questions with you.",
}
_CLOSING: dict[Language, str] = {
    "nl": "Dank je wel voor je antwoorden.",
    "en": "Thank you for your answers.",
}


class FixedQuestionnaire:
    """The baseline interviewer: the next question off the sheet, regardless of what was said."""

    def __init__(self, language: Language) -> None:
        self.language: Language = language
        self._questions = [q for _, q in QUESTIONNAIRE[language]]
        self._next = 0

    def start(self) -> list[str]:
        """The opening and the first question."""
        self._next = 1
        return [_OPENING[self.language], self._questions[0]]

    def respond(self, text: str) -> tuple[list[str], bool]:
        """Ignore ``text`` (that is the point) and read the next question; closed after the last."""
        del text  # the sheet never listens
        if self._next >= len(self._questions):
            return [_CLOSING[self.language]], True
        question = self._questions[self._next]
        self._next += 1
        return [question], False


#: The one probe of the mechanical prober, asked after every question of the sheet.
EXAMPLE_PROBE: dict[Language, str] = {
    "nl": "Kun je daar een voorbeeld van geven?",
    "en": "Can you give an example?",
}


class ExampleProber:
    """The second baseline: the fixed questionnaire with "can you give an example?" after every question.

    It listens no more than the sheet does; it only asks for an example every time. Issue 11 reports that
    held-out leavers told this mechanical prober more than Spiegel's interviewer, so it sits in the table too.
    Its probe is the same sentence each time, so the leaver counts it as a repeated question.
    """

    def __init__(self, language: Language) -> None:
        self.language: Language = language
        self._questions: list[str] = []
        for _, question in QUESTIONNAIRE[language]:
            self._questions += [question, EXAMPLE_PROBE[language]]
        self._next = 0

    def start(self) -> list[str]:
        """The opening and the first question."""
        self._next = 1
        return [_OPENING[self.language], self._questions[0]]

    def respond(self, text: str) -> tuple[list[str], bool]:
        """Ignore ``text`` and ask the next question or the example probe; closed after the last."""
        del text
        if self._next >= len(self._questions):
            return [_CLOSING[self.language]], True
        question = self._questions[self._next]
        self._next += 1
        return [question], False
