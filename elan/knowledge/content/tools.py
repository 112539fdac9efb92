# SPDX-License-Identifier: EUPL-1.2
# Content: CC BY-SA 4.0. Written in our own words after the sources each page credits.
"""Practical tools and partners."""

from __future__ import annotations

from elan.knowledge.content.hub import NIDO, OECD_DECLARATION, OPSI_CORE_SKILLS
from elan.knowledge.content.schema import Node, Source

STATES_OF_CHANGE_URL = (
    "https://states-of-change.org/resources/competency-framework-for-experimental-problem-solving-1"
)
STATES_OF_CHANGE = Source(
    "States of Change, Competency framework for experimental problem solving",
    STATES_OF_CHANGE_URL,
)
NESTA_GUIDE = Source(
    "Nesta (2019), Skills, attitudes and behaviours that fuel public innovation",
    "https://nesta.org.uk/toolkit/skills-attitudes-and-behaviours-fuel-public-innovation",
)
PLAYBOOK_URL = "https://oecd-opsi.org/toolkits/innovation-playbook"
PLAYBOOK = Source("OECD OPSI, Innovation Playbook (2022)", PLAYBOOK_URL)
OPSI_UPDATE = Source(
    "OECD OPSI (2025), Toward a new approach to innovation skills and applied capabilities",
    "https://oecd-opsi.org/blog/toward-a-new-approach-to-innovation-skills-and-applied-capabilities/",
)
BOSA_NL = (
    "https://bosa.belgium.be/nl/themas/werken-bij-de-overheid/loopbaan-en-statuut/"
    "niveaus-functies-en-competenties/competenties-0"
)
BOSA_FR = (
    "https://bosa.d8.pr.belgium.be/fr/themes/travailler-dans-la-fonction-publique/"
    "carriere-et-statut/niveaux-fonctions-et-competences-38"
)
BOSA_MODEL = Source(
    "FOD BOSA, Het project nieuw competentiemodel",
    "https://bosa.belgium.be/nl/news/het-project-nieuw-competentiemodel",
)

TOOLS = (
    Node(
        key="tool-states-of-change",
        model="ToolPage",
        slug="states-of-change-competency-framework",
        parent="section-tools",
        fields={"link": STATES_OF_CHANGE_URL},
        principles=("lead-with-empathy", "learning-network", "test-small-adjust-fast"),
        skills=("curiosity", "user-centricity", "iteration", "storytelling"),
        sources=(STATES_OF_CHANGE, NESTA_GUIDE, NIDO),
        text={
            "en": {
                "title": "Competency framework for experimental problem solving",
                "summary": "A framework from States of Change and Nesta describing the "
                "attitudes and skills public servants need to solve problems by "
                "experimenting.",
                "publisher": "States of Change / Nesta",
                "what_it_is": "<p>A framework built for government around one aim: solving "
                "public problems by experimenting. Around that aim it places attitudes, such as "
                "curiosity, courage, empathy and resilience, that change slowly, and skills "
                "that can be learned, grouped in three areas: accelerating learning, working "
                "together and leading change. Examples of skills are creative facilitation, "
                "prototyping, systems thinking and storytelling.</p>",
                "useful_for": "<p>Mapping, as a team, which strengths you already have and which "
                "ones a project will still need. Nesta presents it as a tool for reflection and "
                "team conversations, not as a checklist or an evaluation: start from what people "
                "already do well.</p>",
            },
            "nl": {
                "title": "Competentiekader voor experimenteel probleemoplossen",
                "summary": "Een kader van States of Change en Nesta dat de houdingen en "
                "vaardigheden beschrijft die ambtenaren nodig hebben om problemen op te lossen "
                "door te experimenteren.",
                "publisher": "States of Change / Nesta",
                "what_it_is": "<p>Een kader voor de overheid rond één doel: publieke "
                "problemen oplossen door te experimenteren. Rond dat doel staan houdingen, "
                "zoals nieuwsgierigheid, moed, empathie en veerkracht, die langzaam veranderen, "
                "en vaardigheden die je kunt leren, in drie domeinen: sneller leren, "
                "samenwerken en verandering leiden. Voorbeelden van vaardigheden zijn creatieve "
                "facilitatie, prototypen, systeemdenken en storytelling.</p>",
                "useful_for": "<p>Samen als team in kaart brengen welke sterktes je al hebt en "
                "welke een project nog nodig heeft. Nesta stelt het voor als een hulpmiddel voor "
                "reflectie en teamgesprekken, niet als een checklist of een evaluatie: vertrek "
                "van wat mensen al goed doen.</p>",
            },
            "fr": {
                "title": "Cadre de compétences pour la résolution expérimentale de problèmes",
                "summary": "Un cadre de States of Change et de Nesta qui décrit les attitudes et "
                "les compétences dont les agents publics ont besoin pour résoudre des problèmes "
                "en expérimentant.",
                "publisher": "States of Change / Nesta",
                "what_it_is": "<p>Un cadre conçu pour l'administration autour d'un seul but : "
                "résoudre des problèmes publics en expérimentant. Autour de ce but figurent des "
                "attitudes, comme la curiosité, le courage, l'empathie et la résilience, qui "
                "évoluent lentement, et des compétences qui s'apprennent, regroupées en trois "
                "domaines : accélérer l'apprentissage, travailler ensemble et mener le "
                "changement. Parmi les compétences figurent la facilitation créative, le "
                "prototypage, la pensée systémique et la mise en récit.</p>",
                "useful_for": "<p>Repérer en équipe les forces déjà présentes et celles qui "
                "manqueront encore à un projet. Nesta le présente comme un outil de réflexion et "
                "de dialogue en équipe, pas comme une liste de contrôle ni une évaluation : "
                "partez de ce que les gens font déjà bien.</p>",
            },
        },
    ),
    Node(
        key="tool-opsi-playbook",
        model="ToolPage",
        slug="opsi-innovation-playbook",
        parent="section-tools",
        fields={"link": PLAYBOOK_URL},
        principles=(
            "close-to-the-action",
            "real-conversations",
            "see-hidden-talent",
            "lead-with-empathy",
        ),
        skills=("insurgency", "user-centricity", "storytelling", "data-literacy"),
        sources=(PLAYBOOK, OECD_DECLARATION, NIDO),
        text={
            "en": {
                "title": "OECD Innovation Playbook for the public sector",
                "summary": "A practical playbook that helps senior officials and middle "
                "managers build their organisation's capacity to innovate.",
                "publisher": "OECD Observatory of Public Sector Innovation",
                "what_it_is": "<p>The playbook turns the OECD Declaration on Public Sector "
                "Innovation into practice. It guides you in three steps: name your challenges "
                "and link them to a principle of the Declaration, assess where your organisation "
                "stands with guiding questions, then choose how to improve from a large set of "
                "possible actions, tools and case studies.</p><p>On leadership and culture, Nido "
                "draws out these themes:</p><ul><li>leadership spread across the team, so that "
                "anyone may start a test;</li><li>managers who help people cope when the outcome "
                "is unclear, and make sense of it;</li><li>recognition for those who learn "
                "openly and pass on what they know;</li><li>a seat at the table for the people a "
                "service is meant for.</li></ul>",
                "useful_for": "<p>Managers who want innovation to outlast one project and need a "
                "structured way to see where to start.</p>",
            },
            "nl": {
                "title": "Het innovatieplaybook van de OESO voor overheden",
                "summary": "Een praktisch playbook dat topambtenaren en middenkader helpt om "
                "het innovatievermogen van hun organisatie op te bouwen.",
                "publisher": "OESO, Observatory of Public Sector Innovation",
                "what_it_is": "<p>Het playbook brengt de OESO-verklaring over innovatie in de "
                "publieke sector in de praktijk. Het leidt je in drie stappen: benoem je "
                "uitdagingen en koppel ze aan een principe van de verklaring, bepaal met "
                "richtvragen waar je organisatie staat, en kies dan hoe je verbetert uit een "
                "ruime waaier aan mogelijke acties, tools en casestudies.</p><p>Rond leiderschap "
                "en cultuur licht Nido deze thema's uit:</p><ul><li>leiderschap dat over het "
                "team verspreid is, zodat iedereen een test mag starten;</li><li>leidinggevenden "
                "die mensen houvast geven als de afloop onzeker is;</li><li>erkenning voor wie "
                "openlijk leert en kennis doorgeeft;</li><li>een plaats aan tafel voor de mensen "
                "voor wie een dienst bedoeld is.</li></ul>",
                "useful_for": "<p>Leidinggevenden die willen dat innovatie langer meegaat dan "
                "één project en een gestructureerde manier zoeken om te zien waar te "
                "beginnen.</p>",
            },
            "fr": {
                "title": "Guide pratique de l'OCDE pour l'innovation dans le secteur public",
                "summary": "Un guide pratique (« playbook ») qui aide les hauts fonctionnaires "
                "et les cadres intermédiaires à renforcer la capacité d'innovation de leur "
                "organisation.",
                "publisher": "OCDE, Observatoire de l'innovation dans le secteur public",
                "what_it_is": "<p>Ce guide met en pratique la Déclaration de l'OCDE sur "
                "l'innovation dans le secteur public. Il vous accompagne en trois étapes : "
                "nommer vos défis et les relier à un principe de la Déclaration, évaluer où en "
                "est votre organisation à l'aide de questions d'orientation, puis choisir "
                "comment progresser parmi un large éventail d'actions, d'outils et d'études de "
                "cas.</p><p>Sur le leadership et la culture, Nido en retient ces thèmes "
                ":</p><ul><li>un leadership réparti dans l'équipe, pour que chacun puisse lancer "
                "un test ;</li><li>des responsables qui aident à tenir bon quand l'issue est "
                "incertaine ;</li><li>de la reconnaissance pour qui apprend ouvertement et "
                "transmet ce qu'il sait ;</li><li>une place à la table pour les personnes à qui "
                "un service est destiné.</li></ul>",
                "useful_for": "<p>Les responsables qui veulent que l'innovation survive à un "
                "seul projet et cherchent une manière structurée de savoir par où commencer.</p>",
            },
        },
    ),
    Node(
        key="tool-opsi-core-skills",
        model="ToolPage",
        slug="opsi-core-skills",
        parent="section-tools",
        fields={"link": OPSI_CORE_SKILLS.url},
        principles=("learning-network", "test-small-adjust-fast", "see-hidden-talent"),
        skills=(
            "iteration",
            "data-literacy",
            "user-centricity",
            "curiosity",
            "storytelling",
            "insurgency",
        ),
        sources=(OPSI_CORE_SKILLS, OPSI_UPDATE, NIDO),
        text={
            "en": {
                "title": "OECD OPSI core skills for public sector innovation",
                "summary": "Six skills that help public servants innovate: iteration, data "
                "literacy, user centricity, curiosity, storytelling and insurgency.",
                "publisher": "OECD Observatory of Public Sector Innovation",
                "what_it_is": "<p>A model of six core skills published by the OECD in 2017: "
                "improving policies and services step by step through experiments "
                "(iteration), deciding with data (data literacy), designing around users' "
                "needs (user centricity), looking for new ideas and ways of working "
                "(curiosity), explaining change so that it wins support (storytelling) and "
                "challenging the status quo with unusual partners (insurgency). They are a core "
                "set, not a complete list, and not everyone needs all six. The OECD began "
                "updating the model with an international working group in 2025.</p>",
                "useful_for": "<p>Building a profile of a person's or a team's skills, finding "
                "the gaps in a team, and speaking one common language about innovation "
                "skills. This platform uses the six skills as its shared vocabulary.</p>",
            },
            "nl": {
                "title": "De kernvaardigheden voor publieke innovatie van OESO/OPSI",
                "summary": "Zes vaardigheden die ambtenaren helpen innoveren: iteratie, "
                "datageletterdheid, gebruikersgerichtheid, nieuwsgierigheid, storytelling en "
                "rebellie.",
                "publisher": "OESO, Observatory of Public Sector Innovation",
                "what_it_is": "<p>Een model van zes kernvaardigheden dat de OESO in 2017 "
                "publiceerde: beleid en diensten stap voor stap verbeteren via experimenten "
                "(iteratie), beslissen op basis van data (datageletterdheid), ontwerpen vanuit "
                "de noden van gebruikers (gebruikersgerichtheid), nieuwe ideeën en werkwijzen "
                "opzoeken (nieuwsgierigheid), verandering zo uitleggen dat ze draagvlak krijgt "
                "(storytelling) en de status quo uitdagen met ongewone partners (rebellie). Het "
                "is een kernset, geen volledige lijst, en niet iedereen heeft alle zes nodig. "
                "De OESO begon het model in 2025 te actualiseren met een internationale "
                "werkgroep.</p>",
                "useful_for": "<p>Een profiel opmaken van de vaardigheden van een persoon of "
                "een team, de lacunes in een team vinden en één gemeenschappelijke taal spreken "
                "over innovatievaardigheden. Dit platform gebruikt de zes vaardigheden als "
                "gedeelde woordenschat.</p>",
            },
            "fr": {
                "title": "Les compétences clés de l'OCDE/OPSI pour l'innovation publique",
                "summary": "Six compétences qui aident les agents publics à innover : "
                "l'itération, la maîtrise des données, l'orientation usager, la curiosité, la "
                "mise en récit et l'esprit frondeur.",
                "publisher": "OCDE, Observatoire de l'innovation dans le secteur public",
                "what_it_is": "<p>Un modèle de six compétences clés publié par l'OCDE en 2017 : "
                "améliorer politiques et services pas à pas par l'expérimentation (itération), "
                "décider à partir des données (maîtrise des données), concevoir à partir des "
                "besoins des usagers (orientation usager), chercher de nouvelles idées et façons "
                "de travailler (curiosité), expliquer le changement pour qu'il suscite "
                "l'adhésion (mise en récit) et remettre en question le statu quo avec des "
                "partenaires inhabituels (esprit frondeur). C'est un socle, pas une liste "
                "complète, et chacun n'a pas besoin des six. L'OCDE a commencé en 2025 à "
                "actualiser le modèle avec un groupe de travail international.</p>",
                "useful_for": "<p>Établir le profil de compétences d'une personne ou d'une "
                "équipe, repérer les manques dans une équipe et parler un langage commun sur "
                "les compétences d'innovation. Cette plateforme utilise les six compétences "
                "comme vocabulaire partagé.</p>",
            },
        },
    ),
    Node(
        key="tool-federal-competency-dictionary",
        model="ToolPage",
        slug="federal-competency-dictionary",
        parent="section-tools",
        fields={"link": BOSA_NL},
        principles=("lead-with-empathy", "learning-network", "real-conversations"),
        skills=("curiosity", "storytelling"),
        sources=(
            Source("FOD BOSA, Competenties (NL)", BOSA_NL),
            Source("SPF BOSA, Niveaux, fonctions et compétences (FR)", BOSA_FR),
            BOSA_MODEL,
            NIDO,
        ),
        text={
            "en": {
                "title": "The federal competency dictionary",
                "summary": "The Belgian federal administration's shared description of "
                "competencies and the behaviours that show them.",
                "publisher": "FPS Policy and Support (BOSA)",
                "what_it_is": "<p>The dictionary defines the generic competencies used across "
                "the federal administration, with behavioural indicators for each. The model "
                "in use for many years groups them in five clusters, plus technical expertise, "
                "and names five core competencies expected of everyone, among them working in "
                "a team, acting with a service focus and developing oneself. A new model "
                "presented in 2023–2024 has twelve generic competencies in four groups, with "
                "mastery levels and a clearer place for creativity, critical thinking and "
                "lifelong learning.</p>",
                "useful_for": "<p>Linking innovation skills to the competencies that "
                "recruitment, development and evaluation already use, so that innovation becomes "
                "part of how the system works rather than a loose extra.</p>",
            },
            "nl": {
                "title": "Het federaal competentiewoordenboek",
                "summary": "De gedeelde beschrijving van competenties van de federale overheid, "
                "en van het gedrag waaraan je ze herkent.",
                "publisher": "FOD Beleid en Ondersteuning (BOSA)",
                "link": BOSA_NL,
                "what_it_is": "<p>Het woordenboek omschrijft de generieke competenties die in "
                "de hele federale overheid gebruikt worden, elk met gedragsindicatoren. Het "
                "model dat jarenlang gebruikt werd, deelt ze in vijf clusters in, plus "
                "vakkennis, en noemt vijf kerncompetenties die van iedereen verwacht worden, "
                "waaronder in team werken, servicegericht handelen en zichzelf ontwikkelen. Een "
                "nieuw model, voorgesteld in 2023–2024, telt twaalf generieke competenties in "
                "vier groepen, met beheersingsniveaus en een duidelijkere plaats voor "
                "creativiteit, kritisch denken en levenslang leren.</p>",
                "useful_for": "<p>Innovatievaardigheden verbinden met de competenties die "
                "selectie, ontwikkeling en evaluatie al gebruiken, zodat innovatie deel wordt "
                "van hoe het systeem werkt in plaats van een losse toevoeging.</p>",
            },
            "fr": {
                "title": "Le dictionnaire fédéral des compétences",
                "summary": "La description commune des compétences de l'administration "
                "fédérale belge et des comportements qui les traduisent.",
                "publisher": "SPF Stratégie et Appui (BOSA)",
                "link": BOSA_FR,
                "what_it_is": "<p>Le dictionnaire définit les compétences génériques utilisées "
                "dans toute l'administration fédérale, chacune avec des indicateurs "
                "comportementaux. Le modèle utilisé pendant de nombreuses années les répartit en "
                "cinq groupes, plus l'expertise technique, et désigne cinq compétences clés "
                "attendues de tous, dont travailler en équipe, agir de manière orientée service "
                "et s'auto-développer. Un nouveau modèle présenté en 2023–2024 compte douze "
                "compétences génériques en quatre groupes, avec des niveaux de maîtrise et une "
                "place plus nette pour la créativité, l'esprit critique et l'apprentissage tout "
                "au long de la vie.</p>",
                "useful_for": "<p>Relier les compétences d'innovation à celles que le "
                "recrutement, le développement et l'évaluation utilisent déjà, pour que "
                "l'innovation fasse partie du fonctionnement du système plutôt que d'être un "
                "ajout isolé.</p>",
            },
        },
    ),
)

PARTNERS = (
    Node(
        key="partner-oecd-opsi",
        model="PartnerPage",
        slug="oecd-opsi",
        parent="section-partners",
        fields={"link": "https://oecd-opsi.org/"},
        principles=("learning-network", "see-hidden-talent"),
        skills=("insurgency", "curiosity", "iteration"),
        sources=(
            NIDO,
            Source("OECD Observatory of Public Sector Innovation", "https://oecd-opsi.org/"),
        ),
        text={
            "en": {
                "title": "OECD Observatory of Public Sector Innovation (OPSI)",
                "summary": "The OECD team that gives governments a shared vocabulary for "
                "innovation skills, and a library of methods and examples.",
                "what_they_offer": "<p>OPSI, part of the OECD's public governance directorate, "
                "tracks innovation in governments worldwide and connects practitioners. It "
                "published the core skills model and the Innovation Playbook, keeps a large "
                "collection of cases and toolkits, and works with governments on their capacity "
                "to innovate.</p>",
            },
            "nl": {
                "title": "OESO, Observatory of Public Sector Innovation (OPSI)",
                "summary": "Het OESO-team dat overheden een gedeelde woordenschat voor "
                "innovatievaardigheden geeft, en een bibliotheek van methoden en voorbeelden.",
                "what_they_offer": "<p>OPSI, onderdeel van het directoraat voor openbaar bestuur "
                "van de OESO, volgt innovatie bij overheden wereldwijd en brengt praktijkmensen "
                "samen. Het publiceerde het model van de kernvaardigheden en het "
                "innovatieplaybook, beheert een grote verzameling cases en toolkits, en werkt "
                "met overheden aan hun innovatievermogen.</p>",
            },
            "fr": {
                "title": "OCDE, Observatoire de l'innovation dans le secteur public (OPSI)",
                "summary": "L'équipe de l'OCDE qui offre aux administrations un vocabulaire "
                "commun des compétences d'innovation et une bibliothèque de méthodes et "
                "d'exemples.",
                "what_they_offer": "<p>L'OPSI, qui fait partie de la direction de la "
                "gouvernance publique de l'OCDE, suit l'innovation dans les administrations du "
                "monde entier et met les praticiens en relation. Il a publié le modèle des "
                "compétences clés et le guide pratique de l'innovation, tient une vaste "
                "collection de cas et de boîtes à outils, et accompagne les gouvernements dans "
                "leur capacité d'innovation.</p>",
            },
        },
    ),
    Node(
        key="partner-states-of-change",
        model="PartnerPage",
        slug="states-of-change-nesta",
        parent="section-partners",
        fields={"link": "https://states-of-change.org/"},
        principles=("learning-network", "test-small-adjust-fast"),
        skills=("iteration", "user-centricity", "storytelling"),
        sources=(NIDO, STATES_OF_CHANGE, NESTA_GUIDE),
        text={
            "en": {
                "title": "States of Change (Nesta)",
                "summary": "The Nesta spin-off behind the framework for experimental problem "
                "solving, offering learning programmes for public servants.",
                "what_they_offer": "<p>States of Change grew out of Nesta's work on public "
                "innovation. It created the competency framework for experimental problem "
                "solving and runs learning programmes that help public servants practise "
                "experimenting, co-creating with citizens and thinking in systems.</p>",
            },
            "nl": {
                "title": "States of Change (Nesta)",
                "summary": "De organisatie uit de schoot van Nesta achter het kader voor "
                "experimenteel probleemoplossen, met leertrajecten voor ambtenaren.",
                "what_they_offer": "<p>States of Change is gegroeid uit het werk van Nesta rond "
                "publieke innovatie. Het ontwikkelde het competentiekader voor experimenteel "
                "probleemoplossen en organiseert leertrajecten waarin ambtenaren oefenen in "
                "experimenteren, cocreëren met burgers en denken in systemen.</p>",
            },
            "fr": {
                "title": "States of Change (Nesta)",
                "summary": "L'organisation issue de Nesta à l'origine du cadre de résolution "
                "expérimentale de problèmes, qui propose des parcours aux agents publics.",
                "what_they_offer": "<p>States of Change est né des travaux de Nesta sur "
                "l'innovation publique. Il a créé le cadre de compétences pour la résolution "
                "expérimentale de problèmes et propose des parcours où les agents publics "
                "s'exercent à expérimenter, à cocréer avec les citoyens et à penser en "
                "systèmes.</p>",
            },
        },
    ),
)
