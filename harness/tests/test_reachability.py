"""Fairness check: an interviewer that does follow up can reach every hidden fact.

The scripted interviewer below is deliberately simple — the stated reason, then every thread the leaver has,
each followed up with probes of different kinds — so a miss by the engine is the engine's, not a fact the
simulator hides from everyone.
"""

from __future__ import annotations

from harness.metrics import aggregate
from harness.model import Persona
from harness.personas import PERSONAS
from harness.runner import run_all
from harness.transport import Reply, Session

_TOPIC_QUESTION = {
    "nl": {
        "career": "Hoe keek je aan tegen je ontwikkeling?",
        "job_content": "Hoe vond je de inhoud van je werk?",
        "manager": "Hoe was het contact met je leidinggevende?",
        "collaboration": "Hoe ging de samenwerking met je collega's?",
        "culture": "Hoe was de sfeer?",
        "workload": "Hoe ervoer je de werkdruk?",
        "conditions": "Hoe ging het met je rooster?",
        "pay": "Hoe keek je aan tegen je salaris?",
        "recognition": "Hoe werd je werk gewaardeerd?",
        "processes": "Hoe liepen de processen?",
        "job_security": "Hoe keek je aan tegen je contract en je toekomst daar?",
        "wellbeing": "Hoe ging het met je gezondheid?",
        "personal": "Hoe speelde je privésituatie mee?",
    },
    "en": {
        "career": "How did you see your development there?",
        "job_content": "How did you find the content of your job?",
        "manager": "How was your relationship with your manager?",
        "collaboration": "How did the collaboration with colleagues go?",
        "culture": "How was the atmosphere?",
        "workload": "How did you experience the workload?",
        "conditions": "How did your schedule work for you?",
        "pay": "How did you feel about your pay?",
        "recognition": "How was your work appreciated?",
        "processes": "How did the processes work?",
        "job_security": "How did you see your future there?",
        "wellbeing": "How was your health?",
        "personal": "How did your personal situation play a part?",
    },
}
_PROBES = {
    "nl": ["Kun je een voorbeeld geven?", "Wat gebeurde er toen precies?", "Hoe vaak gebeurde dat?"],
    "en": ["Can you give me an example?", "What happened then, exactly?", "How often did that happen?"],
}


class _Scripted:
    name = "scripted"

    def open(self, persona: Persona) -> Session:
        self._questions = self._script(persona)
        return self

    def _script(self, persona: Persona) -> list[str]:
        lang = persona.language
        topics = [persona.stated_topic] + [t.topic for t in persona.threads if t.topic != persona.stated_topic]
        script = ["Wat bracht je tot het besluit om te vertrekken?" if lang == "nl" else "What made you leave?"]
        for i, topic in enumerate(topics):
            if i:
                script.append(_TOPIC_QUESTION[lang][topic])
            # The same probes on every thread: repeats are not what this test is about.
            script.extend(_PROBES[lang])
        return script

    def start(self) -> list[str]:
        self._i = 1
        return [self._questions[0]]

    def send(self, text: str) -> Reply:
        del text
        if self._i >= len(self._questions):
            return Reply(["Dank je wel."], True)
        self._i += 1
        return Reply([self._questions[self._i - 1]], False)


def test_an_interviewer_that_follows_up_on_every_thread_uncovers_every_hidden_fact() -> None:
    results = run_all(_Scripted())
    missed = {r.persona.id: [f.id for f in r.persona.hidden_facts if f.id not in r.log.revealed] for r in results}
    assert {pid: ids for pid, ids in missed.items() if ids} == {}
    totals = aggregate(results)
    assert totals.hidden_uncovered == totals.hidden_total == sum(len(p.hidden_facts) for p in PERSONAS)
    assert totals.planted == 0
