# SPDX-License-Identifier: EUPL-1.2
# Content: CC BY-SA 4.0. Written in our own words after the sources each page credits.
"""What came out of Nido's session of September 2025: presentations, the recording, tips,
the questions with expert answers, and quotes (in our words, attributed)."""

from __future__ import annotations

import datetime

from elan.knowledge.content.hub import NIDO, NIDO_URL
from elan.knowledge.content.resources import UK_SCS
from elan.knowledge.content.schema import Node, Source

SESSION = Source(
    "Nido, inspiration session “Everyone can innovate” (September 2025)",
    NIDO_URL,
)


def _presentation(key, speaker, organisation, size, principles, skills, text):
    return Node(
        key=f"presentation-{key}",
        model="PresentationPage",
        slug=key,
        parent="section-presentations",
        fields={
            "speaker": speaker,
            "external_url": NIDO_URL,
            "published_format": "PDF",
            "published_size": size,
        },
        principles=principles,
        skills=skills,
        sources=(SESSION,),
        text={
            code: {
                "title": title,
                "summary": summary,
                "organisation": org or organisation,
                "description": f"<p>{description}</p>",
            }
            for code, (title, summary, description, org) in text.items()
        },
    )


PRESENTATIONS = (
    _presentation(
        "innovation-skills-opsi",
        "OECD OPSI",
        "OECD Observatory of Public Sector Innovation",
        "3.75 MB",
        ("learning-network", "test-small-adjust-fast"),
        ("iteration", "curiosity", "storytelling"),
        {
            "en": (
                "Innovation Skills",
                "The OECD's view on the skills public servants need to innovate.",
                "Presented by the OECD Observatory of Public Sector Innovation at Nido's "
                "session: which skills help public servants innovate and how organisations can "
                "grow them.",
                None,
            ),
            "nl": (
                "Innovation Skills",
                "De kijk van de OESO op de vaardigheden die ambtenaren nodig hebben om te "
                "innoveren.",
                "Voorgesteld door het Observatory of Public Sector Innovation van de OESO "
                "tijdens de sessie van Nido: welke vaardigheden ambtenaren helpen innoveren en "
                "hoe organisaties ze kunnen laten groeien.",
                "OESO, Observatory of Public Sector Innovation",
            ),
            "fr": (
                "Innovation Skills",
                "Le regard de l'OCDE sur les compétences dont les agents publics ont besoin "
                "pour innover.",
                "Présenté par l'Observatoire de l'innovation dans le secteur public de l'OCDE "
                "lors de la session de Nido : quelles compétences aident les agents publics à "
                "innover et comment les organisations peuvent les développer.",
                "OCDE, Observatoire de l'innovation dans le secteur public",
            ),
        },
    ),
    _presentation(
        "bricolage",
        "Steven Van de Walle",
        "KU Leuven",
        "113 KB",
        ("close-to-the-action", "test-small-adjust-fast"),
        ("iteration", "insurgency"),
        {
            "en": (
                "Bricolage",
                "Innovating with what is already at hand, within the room one already has.",
                "Steven Van de Walle's contribution to the session, on bricolage: making "
                "something new by recombining the means, rules and people already available, "
                "rather than waiting for new ones.",
                None,
            ),
            "nl": (
                "Bricolage",
                "Innoveren met wat al voorhanden is, binnen de ruimte die je al hebt.",
                "De bijdrage van Steven Van de Walle aan de sessie, over bricolage: iets nieuws "
                "maken door de middelen, regels en mensen die er al zijn anders te combineren, "
                "in plaats van op nieuwe te wachten.",
                None,
            ),
            "fr": (
                "Bricolage",
                "Innover avec ce que l'on a sous la main, dans la marge dont on dispose déjà.",
                "La contribution de Steven Van de Walle à la session, sur le bricolage : créer "
                "du neuf en recombinant les moyens, les règles et les personnes déjà "
                "disponibles, plutôt que d'en attendre de nouveaux.",
                None,
            ),
        },
    ),
    _presentation(
        "wings",
        "Walter Vandervelde",
        "Erasmushogeschool Brussel",
        "3.86 MB",
        ("see-hidden-talent", "learning-network"),
        ("curiosity", "user-centricity"),
        {
            "en": (
                "WINGS",
                "Walter Vandervelde's presentation at the session.",
                "The slides Walter Vandervelde of Erasmushogeschool Brussel presented at Nido's "
                "inspiration session on everyone's ability to innovate.",
                None,
            ),
            "nl": (
                "WINGS",
                "De presentatie van Walter Vandervelde tijdens de sessie.",
                "De slides die Walter Vandervelde van de Erasmushogeschool Brussel voorstelde "
                "tijdens de inspiratiesessie van Nido over ieders vermogen om te innoveren.",
                None,
            ),
            "fr": (
                "WINGS",
                "La présentation de Walter Vandervelde lors de la session.",
                "Les diapositives présentées par Walter Vandervelde, de l'Erasmushogeschool "
                "Brussel, lors de la session d'inspiration de Nido sur la capacité de chacun à "
                "innover.",
                None,
            ),
        },
    ),
    _presentation(
        "federal-competency-dictionary",
        "Robby Vanlaer",
        "FPS Policy and Support (BOSA)",
        "479.18 KB",
        ("lead-with-empathy", "learning-network"),
        ("curiosity", "storytelling"),
        {
            "en": (
                "The federal competency dictionary",
                "Where innovation fits in the federal competency model.",
                "Robby Vanlaer presented the federal competency dictionary and argued that "
                "innovation belongs inside the model that recruitment, development and "
                "evaluation use.",
                None,
            ),
            "nl": (
                "Het federaal competentiewoordenboek",
                "Waar innovatie past in het federale competentiemodel.",
                "Robby Vanlaer stelde het federaal competentiewoordenboek voor en pleitte "
                "ervoor dat innovatie thuishoort in het model dat selectie, ontwikkeling en "
                "evaluatie gebruiken.",
                "FOD Beleid en Ondersteuning (BOSA)",
            ),
            "fr": (
                "Le dictionnaire fédéral des compétences",
                "La place de l'innovation dans le modèle fédéral de compétences.",
                "Robby Vanlaer a présenté le dictionnaire fédéral des compétences et défendu "
                "l'idée que l'innovation a sa place dans le modèle qu'utilisent le recrutement, "
                "le développement et l'évaluation.",
                "SPF Stratégie et Appui (BOSA)",
            ),
        },
    ),
)

RECORDINGS = (
    Node(
        key="recording-everyone-can-innovate-2025",
        model="RecordingPage",
        slug="everyone-can-innovate-september-2025",
        parent="section-recordings",
        fields={
            "session_date": datetime.date(2025, 9, 1),
            "speakers": "Walter Vandervelde, Angela Hanson, Joaquin Collao, Steven Van de Walle, "
            "Carolien Sonck, Robby Vanlaer",
            "video_url": NIDO_URL,
        },
        principles=("learning-network", "real-conversations", "test-small-adjust-fast"),
        skills=("curiosity", "storytelling", "iteration"),
        sources=(SESSION, NIDO),
        text={
            "en": {
                "title": "Inspiration session “Everyone can innovate” (September 2025)",
                "summary": "Nido's session on innovation skills and inclusive leadership, with "
                "six speakers from research, the OECD and the federal administration.",
                "description": "<p>The session brought together the ideas this hub is built "
                "on: innovation skills as the OECD describes them, bricolage, the WINGS "
                "presentation, the place of innovation in the federal competency model, and a "
                "round of questions from participants. Nido publishes the recording on its "
                "page, together with its earlier inspiration sessions on its YouTube "
                "channel.</p>",
            },
            "nl": {
                "title": "Inspiratiesessie “Iedereen kan innoveren” (september 2025)",
                "summary": "De sessie van Nido over innovatievaardigheden en inclusief "
                "leiderschap, met zes sprekers uit onderzoek, de OESO en de federale overheid.",
                "description": "<p>De sessie bracht de ideeën samen waarop deze hub gebouwd is: "
                "innovatievaardigheden zoals de OESO ze beschrijft, bricolage, de presentatie "
                "WINGS, de plaats van innovatie in het federale competentiemodel, en een "
                "vragenronde met de deelnemers. Nido publiceert de opname op zijn pagina, samen "
                "met eerdere inspiratiesessies op zijn YouTube-kanaal.</p>",
            },
            "fr": {
                "title": "Session d'inspiration « Tout le monde peut innover » (septembre 2025)",
                "summary": "La session de Nido sur les compétences d'innovation et le leadership "
                "inclusif, avec six intervenants issus de la recherche, de l'OCDE et de "
                "l'administration fédérale.",
                "description": "<p>La session a réuni les idées sur lesquelles repose ce centre "
                "de connaissances : les compétences d'innovation telles que l'OCDE les décrit, "
                "le bricolage, la présentation WINGS, la place de l'innovation dans le modèle "
                "fédéral de compétences, et un tour de questions des participants. Nido publie "
                "l'enregistrement sur sa page, avec ses sessions d'inspiration précédentes sur "
                "sa chaîne YouTube.</p>",
            },
        },
    ),
)


def _tip(key, given_by, principles, skills, sources, text):
    return Node(
        key=f"tip-{key}",
        model="TipPage",
        slug=key,
        parent="section-tips",
        fields={"given_by": given_by},
        principles=principles,
        skills=skills,
        sources=sources,
        text={
            code: {"title": title, "summary": summary, "tip": f"<p>{tip}</p>"}
            for code, (title, summary, tip) in text.items()
        },
    )


TIPS = (
    _tip(
        "start-small-within-your-mandate",
        "Steven Van de Walle (KU Leuven)",
        ("close-to-the-action", "test-small-adjust-fast"),
        ("iteration", "insurgency"),
        (SESSION,),
        {
            "en": (
                "Start small, inside your mandate",
                "Waiting for permission can stall a good idea; a small, safe test can start today.",
                "Asking for permission first can slow you down for months. Look for an "
                "experiment that is small, safe and already within what your role allows. Show "
                "what it achieved, and then make it official.",
            ),
            "nl": (
                "Begin klein, binnen je mandaat",
                "Wachten op toestemming kan een goed idee stilleggen; een kleine, veilige test "
                "kan vandaag beginnen.",
                "Eerst toestemming vragen kan je maanden ophouden. Zoek een experiment dat klein "
                "en veilig is en al binnen je functie past. Laat de resultaten zien en zorg pas "
                "dan voor de formele goedkeuring.",
            ),
            "fr": (
                "Commencer petit, dans son mandat",
                "Attendre une autorisation peut bloquer une bonne idée ; un petit test sans "
                "risque peut commencer aujourd'hui.",
                "Demander d'abord l'autorisation peut vous retenir des mois. Cherchez une "
                "expérience petite, sûre et qui entre déjà dans ce que votre fonction permet. "
                "Montrez ce qu'elle a donné, puis officialisez-la.",
            ),
        },
    ),
    _tip(
        "balance-innovation-goals",
        "Joaquin Collao (OECD)",
        ("lead-with-empathy", "test-small-adjust-fast"),
        ("data-literacy", "storytelling"),
        (SESSION, UK_SCS),
        {
            "en": (
                "Balance skills and results in innovation goals",
                "Goals about applied skills and about concrete outcomes keep innovation out of "
                "the theatre.",
                "When you set innovation goals, pair a goal about a skill in use, such as "
                "supporting co-creation or learning from a failed test, with a goal about an "
                "outcome people can see, such as a better service or a saving. Either one alone "
                "invites “innovation theatre”.",
            ),
            "nl": (
                "Breng vaardigheden en resultaten in evenwicht in innovatiedoelen",
                "Doelen over toegepaste vaardigheden én over concrete resultaten houden "
                "innovatie weg van het toneel.",
                "Combineer bij innovatiedoelen een doel over een vaardigheid die je toepast, "
                "zoals cocreatie ondersteunen of leren uit een mislukte test, met een doel over "
                "een resultaat dat mensen zien, zoals een betere dienst of een besparing. Eén "
                "van beide alleen nodigt uit tot “innovatietheater”.",
            ),
            "fr": (
                "Équilibrer compétences et résultats dans les objectifs d'innovation",
                "Des objectifs portant sur des compétences appliquées et sur des résultats "
                "concrets évitent le théâtre de l'innovation.",
                "Lorsque vous fixez des objectifs d'innovation, associez un objectif sur une "
                "compétence mise en œuvre, comme soutenir la cocréation ou tirer les leçons d'un "
                "test raté, à un objectif sur un résultat visible, comme un meilleur service ou "
                "une économie. L'un sans l'autre invite au « théâtre de l'innovation ».",
            ),
        },
    ),
    _tip(
        "managers-create-the-conditions",
        "Joaquin Collao (OECD)",
        ("lead-with-empathy", "close-to-the-action"),
        ("insurgency", "iteration"),
        (SESSION,),
        {
            "en": (
                "As a manager, create the conditions",
                "Resources, permission to test and help in spreading what works: that is where "
                "managers make the difference.",
                "Middle and senior managers contribute most by creating the conditions: "
                "freeing time and means, giving permission to try a new approach, and helping "
                "a successful idea spread to other teams. Without that, goals alone frustrate "
                "people.",
            ),
            "nl": (
                "Schep als leidinggevende de randvoorwaarden",
                "Middelen, toestemming om te testen en hulp bij het verspreiden van wat werkt: "
                "daar maken leidinggevenden het verschil.",
                "Midden- en topmanagers dragen het meest bij door randvoorwaarden te scheppen: "
                "tijd en middelen vrijmaken, toestemming geven om een nieuwe aanpak te proberen, "
                "en een geslaagd idee helpen verspreiden naar andere teams. Zonder dat zorgen "
                "doelen alleen voor frustratie.",
            ),
            "fr": (
                "En tant que responsable, créer les conditions",
                "Des moyens, l'autorisation de tester et de l'aide pour diffuser ce qui "
                "fonctionne : c'est là que les responsables font la différence.",
                "Les cadres intermédiaires et supérieurs contribuent le plus en créant les "
                "conditions : dégager du temps et des moyens, autoriser l'essai d'une nouvelle "
                "approche, et aider une idée réussie à se diffuser vers d'autres équipes. Sans "
                "cela, les objectifs seuls engendrent de la frustration.",
            ),
        },
    ),
    _tip(
        "say-what-innovation-means",
        "Angela Hanson (OECD OPSI)",
        ("real-conversations",),
        ("storytelling", "user-centricity"),
        (SESSION,),
        {
            "en": (
                "Say what you mean by innovation",
                "A clear definition tells people what is expected and which values come first.",
                "Before asking a team to innovate, agree on what the word means for you: what "
                "counts, which public values come first and what it looks like in daily work. "
                "The definition page of this hub is a starting point.",
            ),
            "nl": (
                "Zeg wat je bedoelt met innovatie",
                "Een heldere definitie vertelt mensen wat verwacht wordt en welke waarden "
                "voorgaan.",
                "Spreek af wat het woord voor jullie betekent voor je een team vraagt te "
                "innoveren: wat telt, welke publieke waarden voorgaan en hoe het eruitziet in "
                "het dagelijkse werk. De definitiepagina van deze hub is een vertrekpunt.",
            ),
            "fr": (
                "Dire ce que l'on entend par innovation",
                "Une définition claire indique ce qui est attendu et quelles valeurs passent en "
                "premier.",
                "Avant de demander à une équipe d'innover, convenez de ce que le mot signifie "
                "pour vous : ce qui compte, quelles valeurs publiques priment et à quoi cela "
                "ressemble au quotidien. La page de définition de ce centre est un point de "
                "départ.",
            ),
        },
    ),
    _tip(
        "build-innovation-into-the-competency-model",
        "Robby Vanlaer (FPS BOSA)",
        ("learning-network", "lead-with-empathy"),
        ("curiosity", "storytelling"),
        (SESSION,),
        {
            "en": (
                "Build innovation into the competency model",
                "Innovation lasts when recruitment, development and evaluation all look for it.",
                "Link the innovation skills you want to the competencies your organisation "
                "already uses to recruit, develop and evaluate people. Then innovation is part "
                "of the system, not an extra that disappears with the next reorganisation.",
            ),
            "nl": (
                "Bouw innovatie in het competentiemodel in",
                "Innovatie houdt stand als selectie, ontwikkeling en evaluatie er allemaal naar "
                "kijken.",
                "Koppel de innovatievaardigheden die je wilt aan de competenties die je "
                "organisatie al gebruikt om mensen te selecteren, te ontwikkelen en te "
                "evalueren. Dan is innovatie deel van het systeem, geen extraatje dat bij de "
                "volgende herstructurering verdwijnt.",
            ),
            "fr": (
                "Intégrer l'innovation au modèle de compétences",
                "L'innovation dure quand le recrutement, le développement et l'évaluation la "
                "recherchent tous.",
                "Reliez les compétences d'innovation souhaitées à celles que votre organisation "
                "utilise déjà pour recruter, développer et évaluer. L'innovation fait alors "
                "partie du système, et n'est pas un supplément qui disparaît à la prochaine "
                "réorganisation.",
            ),
        },
    ),
    _tip(
        "give-the-floor-to-new-voices",
        "Nido",
        ("see-hidden-talent", "real-conversations"),
        ("user-centricity", "curiosity"),
        (NIDO,),
        {
            "en": (
                "Give the floor to a voice you rarely hear",
                "The person furthest from the centre often sees the problem most clearly.",
                "In your next meeting, invite the newest colleague, a trainee or someone from a "
                "support role to speak first about the problem at hand. Thank them, and show "
                "later what their view changed.",
            ),
            "nl": (
                "Geef het woord aan een stem die je zelden hoort",
                "Wie het verst van het centrum staat, ziet het probleem vaak het scherpst.",
                "Nodig in je volgende vergadering de nieuwste collega, een stagiair of iemand "
                "uit een ondersteunende functie uit om als eerste over het probleem te spreken. "
                "Bedank hen en toon later wat hun kijk veranderde.",
            ),
            "fr": (
                "Donner la parole à une voix qu'on entend rarement",
                "La personne la plus éloignée du centre voit souvent le problème le plus "
                "clairement.",
                "Lors de votre prochaine réunion, invitez le collègue le plus récent, un "
                "stagiaire ou une personne d'une fonction de support à s'exprimer en premier sur "
                "le problème. Remerciez-les et montrez ensuite ce que leur regard a changé.",
            ),
        },
    ),
)

QUESTIONS = (
    Node(
        key="question-innovation-goals-in-evaluations",
        model="QuestionPage",
        slug="innovation-goals-in-evaluations",
        parent="section-questions",
        fields={"expert_name": "Joaquin Collao"},
        principles=("lead-with-empathy", "test-small-adjust-fast"),
        skills=("data-literacy", "storytelling", "insurgency"),
        sources=(SESSION, UK_SCS),
        text={
            "en": {
                "title": "Should innovation goals be part of the performance evaluation?",
                "summary": "Yes, if the goals are well designed and the conditions are in "
                "place, innovation goals for staff and managers can shift the culture.",
                "expert_role": "OECD",
                "question": "<p>In the public service, the yearly evaluation talk is often the "
                "one feedback moment that is compulsory. Should we therefore set innovation "
                "goals for staff and for middle and senior managers? It is a bold idea, but "
                "focusing more on solving problems through innovation, within the law, might "
                "bring innovation skills closer to what public organisations really expect. It "
                "would take a change of mindset and time.</p>",
                "answer": "<p>OECD evidence suggests that innovation-related goals can help, "
                "depending on how they are designed. When such goals follow from what the "
                "organisation sets out to achieve, they make it plain that renewing the way we "
                "work is simply part of a public servant's job. That gives the new, applied "
                "skills legitimacy.</p><ul><li><b>Balance and realism.</b> Combine goals about "
                "skills in use (for example making co-creation possible, drawing lessons from "
                "what went wrong, backing the team's initiatives, trying out a tool responsibly) "
                "with goals about visible results (a better service, a saving thanks to a new "
                "project, more trust in a service). That prevents “innovation "
                "theatre”.</li><li><b>The role of leaders.</b> Managers contribute most by "
                "creating the conditions: resources, permission to test new approaches, and help "
                "in spreading what works. Without that support, staff often cannot use their "
                "innovation skills, even with goals, and frustration "
                "follows.</li><li><b>Climate.</b> Evaluation works better alongside wider "
                "levers: psychological safety, chances to learn and grow, and alignment with the "
                "organisation's objectives.</li></ul><p>Some countries already go this way. In "
                "the United Kingdom, senior civil servants are assessed on objectives tied to "
                "their organisation's priorities, which can include innovation and "
                "modernisation.</p><p>In short: innovation goals in evaluations can shift "
                "mindsets and strengthen the use of innovation skills, provided the right "
                "conditions and incentives come with them.</p>",
            },
            "nl": {
                "title": "Moeten innovatiedoelen deel uitmaken van de prestatie-evaluatie?",
                "summary": "Ja, als de doelen goed ontworpen zijn en de randvoorwaarden "
                "aanwezig zijn, kunnen innovatiedoelen voor medewerkers en leidinggevenden de "
                "cultuur doen kantelen.",
                "expert_role": "OESO",
                "question": "<p>Bij de overheid is het jaarlijkse evaluatiegesprek vaak het "
                "enige feedbackmoment dat verplicht is. Moeten we daarom innovatiedoelen "
                "invoeren voor medewerkers en voor midden- en topmanagers? Het is een gedurfd "
                "idee, maar meer inzetten op problemen oplossen via innovatie, binnen de wet, "
                "kan innovatievaardigheden dichter brengen bij wat overheidsorganisaties echt "
                "verwachten. Het vraagt wel een andere mentaliteit en tijd.</p>",
                "answer": "<p>Gegevens van de OESO wijzen erop dat doelen rond innovatie kunnen "
                "helpen, afhankelijk van hoe ze ontworpen zijn. Wanneer zulke doelen "
                "voortvloeien uit wat de organisatie wil bereiken, maken ze duidelijk dat "
                "vernieuwen gewoon bij het werk van een ambtenaar hoort. Dat geeft de nieuwe, "
                "toegepaste vaardigheden legitimiteit.</p><ul><li><b>Evenwicht en realisme.</b> "
                "Combineer doelen over vaardigheden die je inzet (bijvoorbeeld cocreatie "
                "mogelijk maken, lessen trekken uit wat misliep, initiatieven van het team "
                "steunen, een hulpmiddel verantwoord uittesten) met doelen over zichtbare "
                "resultaten (een betere dienst, een besparing dankzij een nieuw project, meer "
                "vertrouwen in een dienst). Dat voorkomt “innovatietheater”.</li><li><b>De rol "
                "van leidinggevenden.</b> Leidinggevenden dragen het meest bij door "
                "randvoorwaarden te scheppen: middelen, toestemming om nieuwe aanpakken te "
                "testen, en hulp bij het verspreiden van wat werkt. Zonder die steun kunnen "
                "medewerkers hun innovatievaardigheden vaak niet gebruiken, zelfs met doelen, en "
                "volgt frustratie.</li><li><b>Klimaat.</b> Evaluatie werkt beter samen met "
                "bredere hefbomen: psychologische veiligheid, kansen om te leren en te groeien, "
                "en afstemming op de doelstellingen van de organisatie.</li></ul><p>Sommige "
                "landen gaan al die richting uit. De Britse overheid beoordeelt haar "
                "topambtenaren op doelstellingen die voortvloeien uit de prioriteiten van hun "
                "organisatie, en daar kunnen innovatie en modernisering bij horen.</p><p>Kortom: "
                "innovatiedoelen in evaluaties kunnen de mentaliteit doen kantelen en het "
                "gebruik van innovatievaardigheden versterken, op voorwaarde dat de juiste "
                "randvoorwaarden en prikkels meekomen.</p>",
            },
            "fr": {
                "title": "Faut-il inscrire des objectifs d'innovation dans l'évaluation ?",
                "summary": "Oui, si les objectifs sont bien conçus et les conditions réunies, "
                "des objectifs d'innovation pour les agents et les managers peuvent faire "
                "évoluer la culture.",
                "expert_role": "OCDE",
                "question": "<p>Dans le secteur public, l'entretien d'évaluation individuel est "
                "souvent le seul moment de feedback obligatoire. Faut-il dès lors fixer des "
                "objectifs d'innovation aux agents ainsi qu'aux cadres intermédiaires et "
                "supérieurs ? L'idée est audacieuse, mais miser davantage sur la résolution de "
                "problèmes par l'innovation, dans le respect de la loi, pourrait rapprocher les "
                "compétences d'innovation de ce que les organisations publiques attendent "
                "vraiment. Cela demande un changement de mentalité et du temps.</p>",
                "answer": "<p>Les données de l'OCDE indiquent que des objectifs liés à "
                "l'innovation peuvent aider, selon la manière dont ils sont conçus. Lorsque ces "
                "objectifs découlent de ce que l'organisation veut atteindre, ils montrent "
                "clairement que renouveler sa façon de travailler fait tout simplement partie du "
                "métier d'agent public. Cela légitime les nouvelles compétences "
                "appliquées.</p><ul><li><b>Équilibre et réalisme.</b> Associez des objectifs "
                "portant sur des compétences mises en œuvre (par exemple rendre la cocréation "
                "possible, tirer les leçons de ce qui a mal tourné, soutenir les initiatives de "
                "l'équipe, essayer un outil de manière responsable) à des objectifs portant sur "
                "des résultats visibles (un meilleur service, une économie grâce à un nouveau "
                "projet, davantage de confiance envers un service). Cela évite le « théâtre de "
                "l'innovation ».</li><li><b>Le rôle des responsables.</b> Les managers "
                "contribuent le plus en créant les conditions : des moyens, l'autorisation de "
                "tester de nouvelles approches, et de l'aide pour diffuser ce qui fonctionne. "
                "Sans ce soutien, les agents ne peuvent souvent pas utiliser leurs compétences "
                "d'innovation, même avec des objectifs, et la frustration "
                "s'installe.</li><li><b>Climat.</b> L'évaluation fonctionne mieux avec des "
                "leviers plus larges : sécurité psychologique, possibilités d'apprendre et de "
                "progresser, alignement sur les objectifs de "
                "l'organisation.</li></ul><p>Certains pays avancent déjà dans cette voie. Au "
                "Royaume-Uni, les hauts fonctionnaires sont évalués sur des objectifs liés aux "
                "priorités de leur organisation, qui peuvent inclure l'innovation et la "
                "modernisation.</p><p>En bref : des objectifs d'innovation dans l'évaluation "
                "peuvent faire évoluer les mentalités et renforcer l'usage des compétences "
                "d'innovation, à condition d'être accompagnés des bonnes conditions et "
                "incitations.</p>",
            },
        },
    ),
    Node(
        key="question-shared-definition-of-innovation",
        model="QuestionPage",
        slug="shared-definition-of-innovation",
        parent="section-questions",
        fields={"expert_name": "Angela Hanson"},
        principles=("real-conversations", "see-hidden-talent"),
        skills=("storytelling", "user-centricity"),
        sources=(SESSION,),
        text={
            "en": {
                "title": "Does the Belgian public sector need a shared definition of innovation?",
                "summary": "Yes: making an abstract word concrete helps normalise innovation and "
                "align what is expected of public servants.",
                "expert_role": "OECD Observatory of Public Sector Innovation",
                "question": "<p>Shouldn't there first be a shared definition of what "
                "“innovation” covers in the Belgian public sector?</p>",
                "answer": "<p>Indeed. As long as innovation stays a vague word, it feels like "
                "something exceptional. Making it concrete makes it ordinary: everyone then "
                "knows what is asked of public servants, which public values come first and what "
                "renewal looks like on the work floor. This hub's definition page is our answer "
                "to that question.</p>",
            },
            "nl": {
                "title": "Heeft de Belgische overheid een gedeelde definitie van innovatie nodig?",
                "summary": "Ja: wie een abstract woord concreet maakt, maakt innovatie gewoon en "
                "zegt duidelijk wat ambtenaren mogen en moeten doen.",
                "expert_role": "OESO, Observatory of Public Sector Innovation",
                "question": "<p>Hebben we niet eerst een gemeenschappelijke omschrijving nodig "
                "van wat de Belgische overheid onder “innovatie” verstaat?</p>",
                "answer": "<p>Inderdaad. Zolang innovatie een vaag woord blijft, voelt het als "
                "iets uitzonderlijks. Wie het concreet maakt, maakt het gewoon: dan weet "
                "iedereen wat van ambtenaren gevraagd wordt, welke publieke waarden eerst komen "
                "en hoe vernieuwing er op de werkvloer uitziet. De definitiepagina van deze hub "
                "is ons antwoord op die vraag.</p>",
            },
            "fr": {
                "title": "Le secteur public belge a-t-il besoin d'une définition commune de "
                "l'innovation ?",
                "summary": "Oui : rendre concret un mot abstrait aide à banaliser l'innovation "
                "et à clarifier ce qui est attendu des agents publics.",
                "expert_role": "OCDE, Observatoire de l'innovation dans le secteur public",
                "question": "<p>Ne faudrait-il pas d'abord une définition commune de ce que "
                "recouvre le terme « innovation » dans le secteur public belge ?</p>",
                "answer": "<p>En effet. Tant que l'innovation reste un mot flou, elle paraît "
                "exceptionnelle. La rendre concrète la rend ordinaire : chacun sait alors ce "
                "qu'on attend des agents publics, quelles valeurs publiques passent en premier "
                "et à quoi ressemble le renouveau sur le terrain. La page de définition de ce "
                "centre est notre réponse à cette question.</p>",
            },
        },
    ),
)


def _quote(key, speaker, principles, skills, text):
    return Node(
        key=f"quote-{key}",
        model="QuotePage",
        slug=key,
        parent="section-quotes",
        fields={"speaker": speaker, "paraphrased": True},
        principles=principles,
        skills=skills,
        sources=(SESSION,),
        text={
            code: {"title": title, "summary": quote, "quote": quote, "speaker_role": role}
            for code, (title, quote, role) in text.items()
        },
    )


QUOTES = (
    _quote(
        "angela-hanson-say-what-innovation-means",
        "Angela Hanson",
        ("real-conversations",),
        ("storytelling",),
        {
            "en": (
                "Angela Hanson on defining innovation",
                "Say plainly what we mean by innovation. Then people know what is asked of "
                "them, which public values come first, and what it looks like in real work.",
                "OECD Observatory of Public Sector Innovation",
            ),
            "nl": (
                "Angela Hanson over het definiëren van innovatie",
                "Zeg duidelijk wat we onder innovatie verstaan. Dan weten mensen wat van hen "
                "gevraagd wordt, welke publieke waarden voorgaan en hoe het er in het echte werk "
                "uitziet.",
                "OESO, Observatory of Public Sector Innovation",
            ),
            "fr": (
                "Angela Hanson sur la définition de l'innovation",
                "Dites clairement ce que nous entendons par innovation. Chacun sait alors ce "
                "qu'on attend de lui, quelles valeurs publiques priment et à quoi cela ressemble "
                "dans le travail réel.",
                "OCDE, Observatoire de l'innovation dans le secteur public",
            ),
        },
    ),
    _quote(
        "steven-van-de-walle-permission",
        "Steven Van de Walle",
        ("close-to-the-action", "test-small-adjust-fast"),
        ("iteration", "insurgency"),
        {
            "en": (
                "Steven Van de Walle on permission",
                "Waiting for permission slows you down. Begin with small, safe experiments "
                "inside your mandate, show what they achieve, and put the paperwork right "
                "afterwards.",
                "KU Leuven",
            ),
            "nl": (
                "Steven Van de Walle over toestemming",
                "Wie op toestemming wacht, staat stil. Begin met iets kleins en veiligs dat al "
                "binnen je opdracht valt, laat zien wat het oplevert en regel het formele "
                "achteraf.",
                "KU Leuven",
            ),
            "fr": (
                "Steven Van de Walle sur l'autorisation",
                "Attendre l'autorisation vous freine. Commencez par de petites expériences sans "
                "risque dans votre mandat, montrez ce qu'elles apportent et régularisez "
                "ensuite.",
                "KU Leuven",
            ),
        },
    ),
    _quote(
        "robby-vanlaer-built-in",
        "Robby Vanlaer",
        ("learning-network", "lead-with-empathy"),
        ("curiosity",),
        {
            "en": (
                "Robby Vanlaer on the competency model",
                "Innovation belongs inside the federal competency model: part of how the system "
                "works, not something glued on top.",
                "FPS Policy and Support (BOSA)",
            ),
            "nl": (
                "Robby Vanlaer over het competentiemodel",
                "In het federale competentiemodel moet innovatie een vaste plaats krijgen: deel "
                "van hoe het systeem werkt, niet iets wat er bovenop gekleefd wordt.",
                "FOD Beleid en Ondersteuning (BOSA)",
            ),
            "fr": (
                "Robby Vanlaer sur le modèle de compétences",
                "L'innovation a sa place dans le modèle fédéral de compétences : elle fait "
                "partie du fonctionnement du système, ce n'est pas un ajout collé par-dessus.",
                "SPF Stratégie et Appui (BOSA)",
            ),
        },
    ),
)
