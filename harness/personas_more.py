"""Ten more simulated leavers (issue 11), written before they were run: five Dutch, five English.

Each one tests a way a leaver talks that the interviewer must understand: terse answers, questions back about
the interview, a correction of the interviewer, sarcasm, a serious integrity disclosure, three threads in one
answer, a refused topic, distress, a decisive reason that only comes out late, and an English speaker in a
Dutch interview. As with the first fourteen, every hidden fact sits on a guide topic, on the stated reason or
on a theme the leaver opens, so an interviewer that follows up can reach it.
"""

from __future__ import annotations

from .model import Correction, Persona, Thread, TrueReason
from .model import HiddenFact as F

MORE_PERSONAS: tuple[Persona, ...] = (
    # ------------------------------------------------------------------ Dutch
    Persona(
        id="nl-heftruck",
        language="nl",
        name="Kees",
        role="Heftruckchauffeur",
        department="Expeditie",
        tenure_months=62,
        stated_reason="Andere baan. Geen nachten meer.",
        stated_topic="conditions",
        true_reasons=(
            TrueReason("conditions", "push"),
            TrueReason("workload", "push"),
            TrueReason("recognition", "push"),
            TrueReason("conditions", "pull"),
        ),
        traits=("terse",),
        threads=(
            Thread(
                topic="conditions",
                surface="Nachten waren zwaar.",
                terse=True,
                hidden=(
                    F(
                        "nl-heftruck/drie-weken-nacht",
                        "Sinds januari draaiden we drie weken nachtdienst achter elkaar in plaats van één. "
                        "Daarna sliep ik de hele zaterdag.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Veel.",
                terse=True,
                hidden=(
                    F(
                        "nl-heftruck/vier-man",
                        "In de piek van december reden we met vier man wat normaal met zeven gaat. De pauze "
                        "werd ingekort tot tien minuten.",
                    ),
                ),
            ),
            Thread(
                topic="recognition",
                surface="Niks van gehoord.",
                terse=True,
                hidden=(
                    F(
                        "nl-heftruck/etentje",
                        "Na het record in december kregen de leidinggevenden een etentje. Wij kregen een mail.",
                    ),
                ),
            ),
        ),
        neutral={"pay": "Loon was oké.", "collaboration": "Collega's prima."},
        stay_answer="Eén week nacht, niet drie.",
        advice_answer="Vraag de vloer eens wat.",
    ),
    Persona(
        id="nl-assistente",
        language="nl",
        name="Fatima",
        role="Doktersassistente",
        department="Huisartsenpraktijk",
        tenure_months=44,
        stated_reason="Ik ga op de poli van het ziekenhuis werken, daar is het rustiger.",
        stated_topic="workload",
        true_reasons=(
            TrueReason("workload", "push"),
            TrueReason("manager", "push"),
            TrueReason("job_content", "push"),
        ),
        traits=("asks_back",),
        asks_back=(
            ("opening", "Wie leest dit eigenlijk? Krijgt de praktijkhouder dit letterlijk te zien?"),
            ("manager", "Is dit echt anoniem? We zijn maar met z'n vieren in de praktijk."),
        ),
        threads=(
            Thread(
                topic="workload",
                surface="De telefoon stond nooit stil.",
                hidden=(
                    F(
                        "nl-assistente/zestig-telefoontjes",
                        "Tussen acht en tien uur kwamen er zestig telefoontjes binnen, met twee assistentes, "
                        "en intussen stond de balie vol.",
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="De praktijkhouder was wel aardig, maar er veranderde niks.",
                hidden=(
                    F(
                        "nl-assistente/derde-assistente",
                        "Drie keer heb ik gevraagd om een derde assistente in de ochtend. Het antwoord was "
                        "steeds: na de zomer kijken we ernaar.",
                    ),
                ),
            ),
            Thread(
                topic="job_content",
                surface="Ik deed steeds meer dan mijn eigen taken.",
                hidden=(
                    F(
                        "nl-assistente/wondzorg",
                        "Ik deed wondzorg en uitstrijkjes die bij de praktijkondersteuner hoorden, zonder dat "
                        "mijn functie of mijn schaal werd aangepast.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="nl-sarcastisch",
        language="nl",
        name="Joost",
        role="Medewerker bediening",
        department="Hotelrestaurant",
        tenure_months=26,
        stated_reason=(
            "Nou, het was er zó gezellig dat ik eigenlijk niet weg wilde. Grapje. Ik ga naar een ander hotel."
        ),
        stated_topic="manager",
        true_reasons=(
            TrueReason("manager", "push"),
            TrueReason("conditions", "push"),
            TrueReason("pay", "push"),
        ),
        traits=("sarcasm",),
        threads=(
            Thread(
                topic="manager",
                surface="Geweldige leiding hoor, die zag je alleen als er iets mis was.",
                sarcastic=True,
                hidden=(
                    F(
                        "nl-sarcastisch/waarschuwing",
                        "Toen ik een klacht van een gast had opgelost met een gratis dessert, kreeg ik de "
                        "volgende dag een officiële waarschuwing. Niemand vroeg wat er gebeurd was.",
                    ),
                ),
            ),
            Thread(
                topic="conditions",
                aliases=("workload",),
                surface="Echt top geregeld, die roosters. Altijd een verrassing.",
                sarcastic=True,
                hidden=(
                    F(
                        "nl-sarcastisch/weekend-omgezet",
                        "Het rooster kwam op vrijdag voor de week erna, en twee keer werd mijn vrije weekend "
                        "op donderdag nog omgezet.",
                    ),
                ),
            ),
            Thread(
                topic="pay",
                surface="Ja, vorstelijk betaald natuurlijk.",
                sarcastic=True,
                hidden=(
                    F(
                        "nl-sarcastisch/fooienpot",
                        "De fooienpot werd sinds vorig jaar over alle afdelingen verdeeld, ook over kantoor. "
                        "Wij hielden er ongeveer de helft van over.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="nl-financieel",
        language="nl",
        name="Marloes",
        role="Financieel administrateur",
        department="Financiën",
        tenure_months=38,
        stated_reason="Ik wil bij een kleinere organisatie werken, waar het eerlijker gaat.",
        stated_topic="culture",
        true_reasons=(
            TrueReason("culture", "push"),
            TrueReason("workload", "push"),
            TrueReason("collaboration", "push"),
        ),
        traits=("serious_disclosure", "integrity"),
        threads=(
            Thread(
                topic="culture",
                aliases=("manager", "processes"),
                surface="Er gebeurden dingen bij de afsluiting waar ik niet achter stond.",
                hidden=(
                    F(
                        "nl-financieel/omzet-boeken",
                        "Mijn directeur vroeg me twee keer om omzet van januari nog in december te boeken, "
                        "zodat de jaarcijfers klopten voor de bank. Toen ik weigerde, deed hij het zelf.",
                        serious=True,
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Rond de jaarafsluiting werkte ik veel over.",
                hidden=(
                    F(
                        "nl-financieel/drie-weekenden",
                        "In januari heb ik drie weekenden doorgewerkt om de afsluiting rond te krijgen. Dat "
                        "mocht ik niet als overuren schrijven.",
                    ),
                ),
            ),
            Thread(
                topic="collaboration",
                surface="Met collega's kon je niet altijd open praten.",
                hidden=(
                    F(
                        "nl-financieel/niet-uitgenodigd",
                        "Een collega die in het teamoverleg vragen stelde over de cijfers, werd bij het "
                        "volgende overleg niet meer uitgenodigd.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="nl-monteur",
        language="nl",
        name="Bram",
        role="Servicemonteur",
        department="Technische dienst",
        tenure_months=51,
        stated_reason=(
            "Drie dingen: de storingsdiensten, die nieuwe planningssoftware en dat mijn opleiding werd geschrapt."
        ),
        stated_topic="conditions",
        stated_opens=("processes", "career"),
        true_reasons=(
            TrueReason("conditions", "push"),
            TrueReason("processes", "push"),
            TrueReason("career", "push"),
        ),
        traits=("several_threads",),
        threads=(
            Thread(
                topic="conditions",
                surface="Die storingsdiensten waren slopend.",
                hidden=(
                    F(
                        "nl-monteur/storingsdienst",
                        "Ik had elke derde week storingsdienst, ook 's nachts, en werd gemiddeld twee keer per "
                        "nacht opgeroepen.",
                    ),
                ),
            ),
            Thread(
                topic="processes",
                surface="Die planningssoftware werkte voor geen meter.",
                hidden=(
                    F(
                        "nl-monteur/drie-uur-rijden",
                        "Sinds de nieuwe planningssoftware kreeg ik klussen aan de andere kant van de "
                        "provincie na elkaar. Ik zat soms drie uur per dag in de bus.",
                    ),
                ),
            ),
            Thread(
                topic="career",
                surface="Mijn opleiding ging niet door.",
                hidden=(
                    F(
                        "nl-monteur/eerste-monteur",
                        "Mijn opleiding tot eerste monteur was al goedgekeurd en werd twee weken voor de start "
                        "geschrapt, omdat er 'geen capaciteit' was.",
                    ),
                ),
            ),
        ),
    ),
    # ---------------------------------------------------------------- English
    Persona(
        id="en-account-manager",
        language="en",
        name="Tom",
        role="Account manager",
        department="Sales",
        tenure_months=33,
        stated_reason="It just got to be too much in the end.",
        stated_topic="manager",
        true_reasons=(
            TrueReason("manager", "push"),
            TrueReason("recognition", "push"),
        ),
        traits=("corrects",),
        correction=Correction(
            wrong="workload",
            text=("No, that's not what I meant. The amount of work was fine; it was how my manager treated the team."),
            right="manager",
        ),
        threads=(
            Thread(
                topic="manager",
                surface="My manager and I didn't see eye to eye.",
                hidden=(
                    F(
                        "en-account-manager/proposals",
                        "She rewrote my client proposals without telling me and presented them as her own in "
                        "the quarterly review.",
                    ),
                    F(
                        "en-account-manager/account-moved",
                        "When I raised it in our one-to-one, my biggest account was moved to a colleague the "
                        "following week.",
                    ),
                ),
            ),
            Thread(
                topic="recognition",
                surface="Credit tended to go to the wrong people.",
                hidden=(
                    F(
                        "en-account-manager/award",
                        "I brought in the largest new client of the year. The team award went to my manager's deputy.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="en-care-assistant",
        language="en",
        name="Grace",
        role="Care assistant",
        department="Residential care",
        tenure_months=49,
        stated_reason="I'm moving to home care, it fits better with my kids' school.",
        stated_topic="conditions",
        true_reasons=(
            TrueReason("conditions", "push"),
            TrueReason("workload", "push"),
            TrueReason("recognition", "push"),
            TrueReason("conditions", "pull"),
        ),
        traits=("refusal",),
        refuses="manager",
        refusal="Leave my manager out of this, please.",
        threads=(
            Thread(
                topic="conditions",
                surface="The shifts didn't work with the school run.",
                hidden=(
                    F(
                        "en-care-assistant/half-seven",
                        "Early shifts started at seven. I asked three times to start at half seven and was "
                        "refused, even though the night staff offered to cover.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="We were short most days.",
                hidden=(
                    F(
                        "en-care-assistant/two-of-us",
                        "At weekends there were two of us for twenty-two residents, and showers got written "
                        "down as 'declined'.",
                    ),
                ),
            ),
            Thread(
                topic="recognition",
                surface="Nobody really noticed what we did.",
                hidden=(
                    F(
                        "en-care-assistant/corridor",
                        "In four years I had one appraisal, and it was done standing in the corridor.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="en-icu-nurse",
        language="en",
        name="Olivia",
        role="ICU nurse",
        department="Intensive care",
        tenure_months=70,
        stated_reason="I'm taking a job at a GP practice, with regular hours.",
        stated_topic="workload",
        true_reasons=(
            TrueReason("workload", "push"),
            TrueReason("wellbeing", "push"),
            TrueReason("manager", "push"),
        ),
        traits=("distress",),
        threads=(
            Thread(
                topic="workload",
                surface="The last year on the unit was really heavy.",
                opens=("wellbeing",),
                hidden=(
                    F(
                        "en-icu-nurse/one-to-two",
                        "Most nights we ran at one nurse for two ventilated patients, where the standard is "
                        "one to one.",
                    ),
                    F(
                        "en-icu-nurse/crying-in-car",
                        "I started crying in the car before every night shift, and I couldn't sleep on my "
                        "days off either.",
                        distress=True,
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="The unit manager meant well, but nothing changed.",
                hidden=(
                    F(
                        "en-icu-nurse/debrief",
                        "I asked for a debrief after we lost a young patient in March. It was scheduled "
                        "twice and cancelled twice.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="en-analyst",
        language="en",
        name="Marcus",
        role="Data analyst",
        department="Finance analytics",
        tenure_months=41,
        stated_reason="I got a better offer, more money.",
        stated_topic="pay",
        main_reason="processes",
        true_reasons=(
            TrueReason("processes", "push"),
            TrueReason("pay", "pull"),
        ),
        traits=("decisive_late",),
        threads=(
            Thread(
                topic="pay",
                surface="The pay was a bit below market.",
                hidden=(
                    F(
                        "en-analyst/not-looking",
                        "The offer was about ten percent more, but honestly I wasn't looking at all until the spring.",
                    ),
                    F(
                        "en-analyst/team-dissolved",
                        "The real reason is that my team was dissolved in the reorganisation. We heard it at "
                        "a town hall, and I sat in a pool without a manager for four months.",
                        theme="processes",
                        opens=("processes",),
                    ),
                ),
            ),
            Thread(
                topic="processes",
                surface="The reorganisation was handled badly.",
                hidden=(
                    F(
                        "en-analyst/three-of-five",
                        "Nobody could tell us which team we'd end up in. Three of the five of us left before "
                        "it was decided.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="en-engineer-in-nl",
        language="en",
        interview_language="nl",
        name="James",
        role="Procesingenieur",
        department="Productie",
        tenure_months=29,
        stated_reason="Honestly, I'm moving back to the UK. But it's not only that.",
        stated_topic="personal",
        main_reason="career",
        true_reasons=(
            TrueReason("career", "push"),
            TrueReason("collaboration", "push"),
            TrueReason("personal", "pull"),
        ),
        traits=("other_language",),
        threads=(
            Thread(
                topic="personal",
                surface="My partner and I had been thinking about going back for a while.",
                hidden=(
                    F(
                        "en-engineer-in-nl/decided-autumn",
                        "We only decided in the autumn, once it was clear I would never be allowed to lead a "
                        "project here.",
                        theme="career",
                        opens=("career",),
                    ),
                ),
            ),
            Thread(
                topic="career",
                surface="Growth was limited for me here.",
                hidden=(
                    F(
                        "en-engineer-in-nl/fluent-dutch",
                        "Every project lead role required fluent Dutch, although the whole engineering team "
                        "works in English. I asked twice for a language course and was told to do it in my "
                        "own time.",
                    ),
                ),
            ),
            Thread(
                topic="collaboration",
                surface="Meetings switched to Dutch as soon as management joined.",
                hidden=(
                    F(
                        "en-engineer-in-nl/minutes",
                        "The weekly production meeting was all in Dutch, so I read the minutes afterwards "
                        "through a translation tool and missed decisions about my own line.",
                    ),
                ),
            ),
        ),
    ),
)
