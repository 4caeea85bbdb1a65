"""The simulated leavers: twelve Dutch, twelve English, across roles, themes and conversational traits.

The first fourteen are below; the ten of issue 11 (terse, questions back, a correction, sarcasm, an integrity
disclosure, three threads, a refusal, distress, a late decisive reason, another language) are in
:mod:`.personas_more`.

Every hidden fact is reachable by an interviewer that does its job: it sits on a guide topic, on the
stated reason, or on a theme the leaver mentions in passing (``opens``). None is reachable by merely
naming the theme.
"""

from __future__ import annotations

from .model import HiddenFact as F
from .model import Persona, Thread, TrueReason
from .personas_more import MORE_PERSONAS

PERSONAS: tuple[Persona, ...] = (
    # ------------------------------------------------------------------ Dutch
    Persona(
        id="nl-verpleegkundige",
        language="nl",
        name="Sanne",
        role="Verpleegkundige",
        department="Interne geneeskunde",
        tenure_months=50,
        stated_reason="Ik heb een baan gevonden dichter bij huis, met vaste diensten.",
        stated_topic="conditions",
        true_reasons=(
            TrueReason("conditions", "push"),
            TrueReason("workload", "push"),
            TrueReason("conditions", "pull"),
        ),
        traits=("generalisation",),
        threads=(
            Thread(
                topic="conditions",
                surface="Het rooster kwam altijd pas op het laatste moment.",
                hidden=(
                    F(
                        "nl-verpleegkundige/rooster",
                        "Vorige maand kreeg ik het rooster vijf dagen van tevoren. Daardoor heb ik de "
                        "verjaardag van mijn dochter gemist, en dat was de derde keer dit jaar.",
                    ),
                    F(
                        "nl-verpleegkundige/invallen",
                        "Bijna elke week werd ik op een vrije dag gebeld om in te vallen. Nee zeggen "
                        "voelde als je collega's laten zitten.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Het was druk, maar dat is overal in de zorg.",
                hidden=(
                    F(
                        "nl-verpleegkundige/bezetting",
                        "In de avonddienst stonden we vaak met z'n tweeën voor 28 patiënten. Pauze "
                        "schoot er dan gewoon bij in.",
                    ),
                ),
            ),
        ),
        stay_answer="Een rooster dat vier weken van tevoren vaststaat.",
        advice_answer="Maak het rooster eerder en bel mensen niet op hun vrije dag.",
    ),
    Persona(
        id="nl-ontwikkelaar",
        language="nl",
        name="Daan",
        role="Softwareontwikkelaar",
        department="IT",
        tenure_months=30,
        stated_reason="Ik kreeg een mooi aanbod bij een ander bedrijf, met een hoger salaris.",
        stated_topic="pay",
        true_reasons=(
            TrueReason("career", "push"),
            TrueReason("processes", "push"),
            TrueReason("manager", "push"),
            TrueReason("pay", "pull"),
        ),
        traits=("hedging",),
        threads=(
            Thread(
                topic="pay",
                surface="Het salaris was wel oké, maar elders bieden ze meer.",
                hidden=(
                    F(
                        "nl-ontwikkelaar/ontwikkelgesprek",
                        "Ik ben pas gaan kijken toen mijn ontwikkelgesprek voor de tweede keer werd "
                        "verschoven. Er was gewoon geen pad naar senior.",
                        theme="career",
                    ),
                ),
            ),
            Thread(
                topic="processes",
                surface="De processen waren soms wat stroperig.",
                hidden=(
                    F(
                        "nl-ontwikkelaar/change-board",
                        "Voor elke release moesten we drie handtekeningen halen bij een change board dat "
                        "één keer per twee weken vergaderde. Een bugfix van een uur lag dan twee weken "
                        "stil.",
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="Ik wil niemand zwartmaken, mijn leidinggevende bedoelde het vast goed.",
                hidden=(
                    F(
                        "nl-ontwikkelaar/een-op-een",
                        "Hij zegde in een jaar vier van de zes één-op-één gesprekken af. Feedback kreeg ik "
                        "alleen via collega's.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="nl-leraar",
        language="nl",
        name="Ingrid",
        role="Leerkracht groep 7",
        department="Basisschool De Klimop",
        tenure_months=72,
        stated_reason="Na zes jaar was het gewoon tijd voor iets nieuws.",
        stated_topic="career",
        true_reasons=(
            TrueReason("career", "push"),
            TrueReason("workload", "push"),
            TrueReason("career", "pull"),
        ),
        traits=("emotion", "refusal"),
        threads=(
            Thread(
                topic="career",
                surface="Ik wilde me graag verder ontwikkelen.",
                hidden=(
                    F(
                        "nl-leraar/opleiding-ib",
                        "Ik heb twee keer gevraagd om de opleiding tot intern begeleider. Beide keren was "
                        "er 'dit jaar geen budget', terwijl een collega die na mij kwam hem wel kreeg.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Eerlijk gezegd vond ik het werk de laatste tijd vooral frustrerend.",
                hidden=(
                    F(
                        "nl-leraar/klas-31",
                        "Ik had een klas van 31 leerlingen, waarvan zes met een eigen handelingsplan, "
                        "zonder onderwijsassistent.",
                    ),
                    F(
                        "nl-leraar/zondag",
                        "Nakijken en voorbereiden deed ik elke zondag, vier tot vijf uur. Mijn man zei op "
                        "een gegeven moment: je bent er nooit meer echt.",
                    ),
                ),
            ),
        ),
        refuses="manager",
        refusal="Over de directie wil ik liever niet praten.",
    ),
    Persona(
        id="nl-magazijn",
        language="nl",
        name="Kevin",
        role="Orderpicker",
        department="Distributiecentrum",
        tenure_months=14,
        stated_reason="Ander werk. Vast contract.",
        stated_topic="job_security",
        true_reasons=(
            TrueReason("job_security", "push"),
            TrueReason("workload", "push"),
            TrueReason("manager", "push"),
            TrueReason("job_security", "pull"),
        ),
        traits=("terse",),
        threads=(
            Thread(
                topic="job_security",
                surface="Contract was tijdelijk.",
                terse=True,
                hidden=(
                    F(
                        "nl-magazijn/verlenging",
                        "Ze beloofden na zes maanden een vast contract. Toen werd het weer zes maanden "
                        "verlengd, en via de planner hoorde ik dat er geen vaste plekken meer kwamen.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Druk.",
                terse=True,
                hidden=(
                    F(
                        "nl-magazijn/norm",
                        "In november moesten we 180 regels per uur halen. Wie dat niet haalde, kreeg geen verlenging.",
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="Ging wel.",
                terse=True,
                hidden=(
                    F(
                        "nl-magazijn/whiteboard",
                        "De teamleider zette elke ochtend de namen van wie onder de norm zat op het "
                        "whiteboard in de kantine.",
                    ),
                ),
            ),
        ),
        neutral={"pay": "Salaris was oké.", "collaboration": "Collega's waren oké."},
        stay_answer="Vast contract.",
        advice_answer="Hou je aan wat je belooft.",
    ),
    Persona(
        id="nl-filiaalmanager",
        language="nl",
        name="Ilse",
        role="Filiaalmanager",
        department="Retail, regio Zuid",
        tenure_months=40,
        stated_reason="Ik kan bij een andere keten aan de slag, een mooie kans om verder te groeien.",
        stated_topic="career",
        true_reasons=(
            TrueReason("manager", "push"),
            TrueReason("processes", "push"),
            TrueReason("recognition", "push"),
            TrueReason("career", "pull"),
        ),
        traits=("named_person",),
        threads=(
            Thread(
                topic="career",
                surface="Ik wilde verder groeien, dat kon daar niet meer.",
                hidden=(
                    F(
                        "nl-filiaalmanager/training-afgewezen",
                        "Ik ben pas gaan kijken toen mijn aanvraag voor de managementtraining werd "
                        "afgewezen met 'je bent hier nodig'.",
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="Met de regiomanager, Peter, was het lastig.",
                hidden=(
                    F(
                        "nl-filiaalmanager/avondbellen",
                        "Hij belde 's avonds en in het weekend om cijfers op te vragen, ook als ik vrij "
                        "was. Binnen een uur moest het antwoord er zijn.",
                    ),
                ),
            ),
            Thread(
                topic="processes",
                surface="Er werd veel vanaf het hoofdkantoor bepaald.",
                hidden=(
                    F(
                        "nl-filiaalmanager/kassasystemen",
                        "In één jaar kregen we drie nieuwe kassasystemen en twee reorganisaties van de "
                        "regio. Elke keer hoorde ik het pas op de dag zelf, via de app.",
                    ),
                ),
            ),
            Thread(
                topic="recognition",
                surface="Waardering was er niet echt.",
                hidden=(
                    F(
                        "nl-filiaalmanager/nieuwsbrief",
                        "Toen mijn filiaal de hoogste omzetgroei van de regio had, kreeg de regiomanager "
                        "het compliment in de nieuwsbrief. Ons team werd niet eens genoemd.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="nl-consultant",
        language="nl",
        name="Joris",
        role="Consultant",
        department="Strategy & Operations",
        tenure_months=26,
        stated_reason="Ik ga als zelfstandige verder, ik wil meer vrijheid in mijn werk.",
        stated_topic="job_content",
        true_reasons=(
            TrueReason("job_content", "push"),
            TrueReason("workload", "push"),
            TrueReason("culture", "push"),
            TrueReason("job_content", "pull"),
        ),
        traits=("hearsay",),
        threads=(
            Thread(
                topic="job_content",
                surface="Het werk was minder inhoudelijk dan ik had verwacht.",
                hidden=(
                    F(
                        "nl-consultant/slides",
                        "Bij mijn sollicitatie ging het over strategieprojecten. In twee jaar heb ik vooral "
                        "slides en Excel-modellen voor aanbestedingen gemaakt en nooit zelf een klant "
                        "gesproken.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Je moest declarabel zijn, dat hoort er nu eenmaal bij.",
                hidden=(
                    F(
                        "nl-consultant/85-procent",
                        "De norm was 85 procent declarabel. Reistijd en interne overleggen telden niet "
                        "mee, dus ik werkte structureel 55 uur per week.",
                    ),
                ),
            ),
            Thread(
                topic="culture",
                hearsay=True,
                surface="Ik hoorde dat wie kritiek had, bij de beoordeling lager uitkwam.",
                hidden=(
                    F(
                        "nl-consultant/klant-kwijt",
                        "Ik heb zelf gezien dat een collega die in het teamoverleg de urennorm ter "
                        "discussie stelde, drie weken later van zijn vaste klant werd gehaald.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="nl-klantenservice",
        language="nl",
        name="Mohammed",
        role="Medewerker klantenservice",
        department="Klantcontact",
        tenure_months=20,
        stated_reason="Ik ga een opleiding doen, hbo-verpleegkunde.",
        stated_topic="personal",
        true_reasons=(
            TrueReason("culture", "push"),
            TrueReason("workload", "push"),
            TrueReason("personal", "pull"),
        ),
        traits=("serious_disclosure", "skip"),
        threads=(
            Thread(
                topic="personal",
                surface="Ik wilde al langer een opleiding doen.",
                hidden=(
                    F(
                        "nl-klantenservice/aanleiding",
                        "Die opleiding zat al twee jaar in mijn hoofd, maar ik heb me pas ingeschreven "
                        "toen de sfeer op mijn werk niet meer te harden was.",
                        theme="culture",
                        opens=("culture",),
                    ),
                ),
            ),
            Thread(
                topic="culture",
                aliases=("manager",),
                surface="De sfeer in het team was niet altijd prettig, laat ik het zo zeggen.",
                hidden=(
                    F(
                        "nl-klantenservice/opmerkingen",
                        "Een teamleider maakte in de pauze grappen over mijn afkomst en noemde me waar "
                        "anderen bij waren 'onze terrorist'. Ik heb het gemeld bij HR, maar ik heb er "
                        "nooit meer iets over gehoord.",
                        serious=True,
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Je zat de hele dag aan de telefoon, dat was zwaar.",
                hidden=(
                    F(
                        "nl-klantenservice/vier-minuten",
                        "Gesprekken moesten binnen vier minuten klaar zijn. Wie erboven zat, kreeg een rood "
                        "bolletje op het scherm dat het hele team kon zien.",
                    ),
                ),
            ),
        ),
        skips="pay",
        skip_text="volgende onderwerp",
    ),
    # ---------------------------------------------------------------- English
    Persona(
        id="en-developer",
        language="en",
        name="Priya",
        role="Backend developer",
        department="Engineering",
        tenure_months=36,
        stated_reason="I got an offer from a company working with more interesting technology.",
        stated_topic="job_content",
        true_reasons=(
            TrueReason("job_content", "push"),
            TrueReason("collaboration", "push"),
            TrueReason("recognition", "push"),
            TrueReason("job_content", "pull"),
        ),
        traits=("emotion",),
        threads=(
            Thread(
                topic="job_content",
                surface="The work had become a bit repetitive.",
                hidden=(
                    F(
                        "en-developer/legacy-billing",
                        "For the last year I mostly maintained a legacy billing module nobody else wanted "
                        "to touch. My request to move to the platform team was parked twice.",
                    ),
                ),
            ),
            Thread(
                topic="collaboration",
                surface="Communication between teams wasn't always great.",
                hidden=(
                    F(
                        "en-developer/dropped-feature",
                        "Product and engineering planned separately. Twice we built a feature for a full "
                        "sprint that product had already dropped, and we found out in the demo.",
                    ),
                ),
            ),
            Thread(
                topic="recognition",
                surface="I felt a bit undervalued, which was disappointing.",
                hidden=(
                    F(
                        "en-developer/outage",
                        "When I fixed the outage on Black Friday at three in the morning, the all-hands "
                        "thanked 'the platform team'. My name wasn't mentioned and nobody corrected it.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="en-nurse",
        language="en",
        name="Grace",
        role="ICU nurse",
        department="Intensive care",
        tenure_months=60,
        stated_reason="I'm moving to be closer to my family.",
        stated_topic="personal",
        true_reasons=(
            TrueReason("conditions", "push"),
            TrueReason("workload", "push"),
            TrueReason("wellbeing", "push"),
            TrueReason("personal", "pull"),
        ),
        traits=("generalisation", "refusal"),
        threads=(
            Thread(
                topic="personal",
                surface="Family reasons, mostly.",
                hidden=(
                    F(
                        "en-nurse/off-nights",
                        "My mum needs more care now. I asked to come off permanent nights so I could help "
                        "her, and I was told nights were part of the deal.",
                        theme="conditions",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="We were always short-staffed, and I was tired a lot.",
                opens=("wellbeing",),
                hidden=(
                    F(
                        "en-nurse/two-nurses",
                        "Last month we ran four nights with two nurses for eight ventilated patients, "
                        "because the agency cover didn't show up.",
                    ),
                ),
            ),
            Thread(
                topic="wellbeing",
                surface="I wasn't sleeping well.",
                hidden=(
                    F(
                        "en-nurse/signed-off",
                        "For six months I slept maybe four hours after a night shift, and in the end my GP "
                        "signed me off for two weeks with exhaustion.",
                    ),
                ),
            ),
        ),
        refuses="pay",
        refusal="I'd rather not talk about money.",
    ),
    Persona(
        id="en-teacher",
        language="en",
        name="Oliver",
        role="Maths teacher",
        department="Secondary school",
        tenure_months=48,
        stated_reason="I just fancied a change, to be honest.",
        stated_topic="career",
        true_reasons=(
            TrueReason("career", "push"),
            TrueReason("processes", "push"),
            TrueReason("manager", "push"),
        ),
        traits=("hedging",),
        threads=(
            Thread(
                topic="career",
                surface="I wanted to take the next step at some point.",
                hidden=(
                    F(
                        "en-teacher/passed-over",
                        "I started looking after I was passed over for head of department. The post went "
                        "to an external candidate and nobody told me why.",
                    ),
                ),
            ),
            Thread(
                topic="processes",
                surface="There was a lot of admin.",
                hidden=(
                    F(
                        "en-teacher/three-systems",
                        "Every lesson plan had to go into three different systems, and after the academy "
                        "merger the data drop went from termly to every six weeks.",
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="I don't want to badmouth anyone, the headteacher is under a lot of pressure too.",
                hidden=(
                    F(
                        "en-teacher/staff-meeting",
                        "In a staff meeting she said anyone who couldn't cope with the new marking policy "
                        "should consider whether teaching was for them. Nobody raised a concern after that.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="en-warehouse",
        language="en",
        name="Jake",
        role="Warehouse operative, nights",
        department="Fulfilment centre",
        tenure_months=10,
        stated_reason="Better money elsewhere.",
        stated_topic="pay",
        true_reasons=(
            TrueReason("pay", "push"),
            TrueReason("conditions", "push"),
            TrueReason("manager", "push"),
            TrueReason("pay", "pull"),
        ),
        traits=("terse",),
        threads=(
            Thread(
                topic="pay",
                surface="Pay was alright.",
                terse=True,
                hidden=(
                    F(
                        "en-warehouse/night-premium",
                        "They cut the night premium from 25 to 15 percent in March, no consultation.",
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="Shift manager was okay.",
                terse=True,
                hidden=(
                    F(
                        "en-warehouse/shouting-rates",
                        "He'd shout your pick rate across the floor, with your name, if you were under target.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                aliases=("conditions",),
                surface="Busy. Cold.",
                terse=True,
                opens=("conditions",),
                hidden=(
                    F(
                        "en-warehouse/thermal-gloves",
                        "The freezer section had no proper kit. I asked for thermal gloves for weeks and "
                        "ended up buying my own.",
                        theme="conditions",
                    ),
                ),
            ),
        ),
        neutral={"collaboration": "Lads on nights were alright.", "career": "Didn't think about it."},
        stay_answer="Put the night premium back.",
        advice_answer="Listen to the night shift.",
    ),
    Persona(
        id="en-consultant",
        language="en",
        name="Hannah",
        role="Senior consultant",
        department="Advisory",
        tenure_months=30,
        stated_reason="An opportunity came up that I couldn't say no to.",
        stated_topic="career",
        true_reasons=(
            TrueReason("career", "push"),
            TrueReason("workload", "push"),
            TrueReason("job_security", "push"),
            TrueReason("career", "pull"),
        ),
        traits=("emotion", "hearsay"),
        threads=(
            Thread(
                topic="career",
                surface="It was a good step up for me.",
                hidden=(
                    F(
                        "en-consultant/promotion-postponed",
                        "I began looking after my promotion to manager was postponed for the second time "
                        "because of 'utilisation', although every review said I exceeded expectations.",
                    ),
                ),
            ),
            Thread(
                topic="workload",
                surface="Honestly, I was fed up with the hours. And I heard there were going to be layoffs anyway.",
                opens=("job_security",),
                hidden=(
                    F(
                        "en-consultant/six-weekends",
                        "On my last project I worked six weekends in a row, to hit a deadline that had "
                        "been agreed with the client without asking the team.",
                    ),
                ),
            ),
            Thread(
                topic="job_security",
                hearsay=True,
                surface="There were rumours about layoffs.",
                hidden=(
                    F(
                        "en-consultant/cohort",
                        "What I saw myself: two of the four people in my intake were let go in January, "
                        "after a one-day-notice meeting.",
                    ),
                ),
            ),
        ),
    ),
    Persona(
        id="en-store-manager",
        language="en",
        name="Daniel",
        role="Store manager",
        department="Retail, North region",
        tenure_months=54,
        stated_reason="I wanted something more stable.",
        stated_topic="job_security",
        true_reasons=(
            TrueReason("job_security", "push"),
            TrueReason("manager", "push"),
            TrueReason("processes", "push"),
            TrueReason("job_security", "pull"),
        ),
        traits=("named_person", "skip"),
        threads=(
            Thread(
                topic="job_security",
                surface="The future of the store wasn't clear.",
                hidden=(
                    F(
                        "en-store-manager/estate-agent",
                        "In the spring the regional director toured the store with an estate agent, and "
                        "nobody would tell us why.",
                    ),
                ),
            ),
            Thread(
                topic="manager",
                surface="My area manager, Lisa, and I didn't see eye to eye.",
                hidden=(
                    F(
                        "en-store-manager/budget-emails",
                        "She changed my staffing budget three times in one quarter by email, and when I "
                        "pushed back she copied her boss and said I wasn't a team player.",
                    ),
                ),
            ),
            Thread(
                topic="processes",
                surface="Head office changed things a lot.",
                hidden=(
                    F(
                        "en-store-manager/rota-system",
                        "The new planning system came in two weeks before Christmas. It scheduled staff for "
                        "hours the store was closed, and I fixed rotas by hand every evening.",
                    ),
                ),
            ),
        ),
        skips="recognition",
        skip_text="skip",
    ),
    Persona(
        id="en-lab-technician",
        language="en",
        name="Sophie",
        role="Laboratory technician",
        department="Quality control lab",
        tenure_months=28,
        stated_reason="I'm going back to university to do a master's.",
        stated_topic="personal",
        true_reasons=(
            TrueReason("culture", "push"),
            TrueReason("collaboration", "push"),
            TrueReason("personal", "pull"),
        ),
        traits=("serious_disclosure",),
        threads=(
            Thread(
                topic="personal",
                surface="I'd been thinking about studying again for a while.",
                hidden=(
                    F(
                        "en-lab-technician/applied-after",
                        "I'd thought about it for years, but I only applied the week after what happened "
                        "in the lab, when I knew I couldn't stay.",
                        theme="culture",
                        opens=("culture",),
                    ),
                ),
            ),
            Thread(
                topic="culture",
                aliases=("manager",),
                surface="There were things going on in the lab I wasn't comfortable with.",
                hidden=(
                    F(
                        "en-lab-technician/sign-off",
                        "My supervisor asked me twice to sign off batch results for tests that hadn't been "
                        "run yet, to meet a client deadline. I refused the second time and was taken off "
                        "the project.",
                        serious=True,
                    ),
                ),
            ),
            Thread(
                topic="collaboration",
                surface="The team was fine, mostly.",
                hidden=(
                    F(
                        "en-lab-technician/sticky-note",
                        "The two shifts hardly spoke. The handover was a sticky note on the fridge, and "
                        "samples went missing about once a week.",
                    ),
                ),
            ),
        ),
    ),
    *MORE_PERSONAS,
)


def persona_by_id(persona_id: str) -> Persona:
    """The persona with this id; ``KeyError`` names the known ids when there is none."""
    for persona in PERSONAS:
        if persona.id == persona_id:
            return persona
    known = ", ".join(p.id for p in PERSONAS)
    raise KeyError(f"unknown persona {persona_id!r}; known: {known}")
