# SPDX-License-Identifier: EUPL-1.2
# Content: CC BY-SA 4.0. Written in our own words after the sources each page credits.
"""Books, articles, reports and talks, starting from the works Nido's page names."""

from __future__ import annotations

from elan.knowledge.content.cases import (
    ALBRECHT,
    HACKATHON_CHAPTER,
    PUBLIC_HEALTH_ARTICLE,
    S3_JRC_REPORT,
    S3_LEADERSHIP,
)
from elan.knowledge.content.hub import NIDO, NORWAY_WHITE_PAPER, OPSI_CORE_SKILLS
from elan.knowledge.content.schema import Node, Source
from elan.knowledge.content.tools import NESTA_GUIDE, OPSI_UPDATE, PLAYBOOK, STATES_OF_CHANGE

UK_SCS = Source(
    "UK Cabinet Office, Senior Civil Service: performance management",
    "https://www.gov.uk/government/publications/senior-civil-service-performance-management",
)
WEINTRAUB_MCKEE = Source(
    "Weintraub and McKee (2018), Leadership for innovation in healthcare: an exploration",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC6462199",
)


def _resource(key, source, resource_type, year, authors, principles, skills, text, language="en"):
    for code, (title, summary, description) in list(text.items()):
        text[code] = {
            "title": title,
            "summary": summary,
            "description": f"<p>{description}</p>",
        }
    return Node(
        key=f"resource-{key}",
        model="ResourcePage",
        slug=key,
        parent="section-resources",
        fields={
            "resource_type": resource_type,
            "resource_language": language,
            "year": year,
            "authors": authors,
            "link": source.url,
        },
        principles=principles,
        skills=skills,
        sources=(source, NIDO),
        text=text,
    )


RESOURCES = (
    _resource(
        "albrecht-2024-innovation-fellowships",
        ALBRECHT,
        "article",
        2024,
        "Valerie Albrecht",
        ("learning-network", "test-small-adjust-fast"),
        ("iteration", "curiosity"),
        {
            "en": (
                "Collaborative competences for agile public servants",
                "A case study of two rounds of a public sector innovation fellowship.",
                "Shows how working with outside experts on real tasks, reflecting on it and "
                "building networks between units turns a fellowship into learning for the whole "
                "organisation.",
            ),
            "nl": (
                "Collaborative competences for agile public servants",
                "Een casestudie van twee edities van een innovation fellowship bij de overheid.",
                "Toont hoe samenwerken met externe experts aan echt werk, erop reflecteren en "
                "netwerken tussen diensten bouwen een fellowship omzetten in leren voor de hele "
                "organisatie.",
            ),
            "fr": (
                "Collaborative competences for agile public servants",
                "Une étude de cas portant sur deux éditions d'une innovation fellowship dans le "
                "secteur public.",
                "Montre comment travailler avec des experts externes sur des tâches réelles, y "
                "réfléchir et tisser des liens entre services transforme une fellowship en "
                "apprentissage pour toute l'organisation.",
            ),
        },
    ),
    _resource(
        "mentors-municipal-hackathons",
        HACKATHON_CHAPTER,
        "chapter",
        2023,
        "Anu Suominen, Vilho Jonsson, Eric Eriksson, Jessica Fogelberg, Johan Bäckman",
        ("learning-network", "close-to-the-action"),
        ("curiosity", "iteration"),
        {
            "en": (
                "Innovation leadership with mentors for team performance in municipal hackathons",
                "The Swedish municipal hackathon study: what mentors do for a team.",
                "Follows a Swedish municipality's internal hackathons and shows the mentor as a "
                "form of innovation leadership, including the tension between leading and "
                "letting the team lead.",
            ),
            "nl": (
                "Innovation leadership with mentors for team performance in municipal hackathons",
                "De Zweedse studie over gemeentelijke hackathons: wat mentoren voor een team doen.",
                "Volgt de interne hackathons van een Zweedse gemeente en toont de mentor als een "
                "vorm van innovatieleiderschap, met de spanning tussen zelf leiden en het team "
                "laten leiden.",
            ),
            "fr": (
                "Innovation leadership with mentors for team performance in municipal hackathons",
                "L'étude suédoise sur les hackathons municipaux : ce que les mentors apportent à "
                "une équipe.",
                "Suit les hackathons internes d'une commune suédoise et présente le mentor comme "
                "une forme de leadership d'innovation, avec la tension entre diriger et laisser "
                "l'équipe diriger.",
            ),
        },
    ),
    _resource(
        "norway-innovative-public-sector",
        NORWAY_WHITE_PAPER,
        "report",
        2020,
        "Norwegian Ministry of Local Government and Modernisation",
        ("real-conversations", "lead-with-empathy"),
        ("insurgency", "curiosity"),
        {
            "en": (
                "An innovative public sector: culture, leadership and competence",
                "Norway's white paper on innovation in government (Meld. St. 30, 2019–2020).",
                "Sets out three principles: room and incentives to innovate, leaders who build "
                "a culture of learning from mistakes and successes, and new forms of "
                "collaboration.",
            ),
            "nl": (
                "An innovative public sector: culture, leadership and competence",
                "De Noorse beleidsnota over innovatie bij de overheid (Meld. St. 30, 2019–2020).",
                "Legt drie principes vast: ruimte en prikkels om te innoveren, leidinggevenden "
                "die een cultuur bouwen van leren uit fouten en successen, en nieuwe vormen van "
                "samenwerking.",
            ),
            "fr": (
                "An innovative public sector: culture, leadership and competence",
                "Le livre blanc norvégien sur l'innovation dans l'administration (Meld. St. 30, "
                "2019–2020).",
                "Pose trois principes : de la marge et des incitations pour innover, des "
                "dirigeants qui bâtissent une culture d'apprentissage à partir des erreurs et "
                "des réussites, et de nouvelles formes de coopération.",
            ),
        },
    ),
    _resource(
        "innovation-leadership-public-health",
        PUBLIC_HEALTH_ARTICLE,
        "article",
        None,
        "Cited by Nido (PubMed Central)",
        ("lead-with-empathy", "close-to-the-action"),
        ("data-literacy", "user-centricity"),
        {
            "en": (
                "Innovation leadership perspective in public health",
                "The public-health article behind the WHO STEPwise case.",
                "Describes innovation leadership in health as conceiving, starting and carrying "
                "new approaches, drawing on vision, communication, collaboration, agility, "
                "empathy and continuous learning. We list it as Nido cites it; the link searches "
                "PubMed Central for the article.",
            ),
            "nl": (
                "Innovation leadership perspective in public health",
                "Het artikel over publieke gezondheid achter de case over STEPwise van de WHO.",
                "Beschrijft innovatieleiderschap in de gezondheidszorg als nieuwe aanpakken "
                "bedenken, opstarten en dragen, met visie, communicatie, samenwerking, "
                "wendbaarheid, empathie en voortdurend leren. We vermelden het zoals Nido het "
                "citeert; de link zoekt het artikel op in PubMed Central.",
            ),
            "fr": (
                "Innovation leadership perspective in public health",
                "L'article de santé publique à l'origine du cas STEPwise de l'OMS.",
                "Décrit le leadership d'innovation en santé comme le fait d'imaginer, de lancer "
                "et de porter de nouvelles approches, grâce à la vision, la communication, la "
                "collaboration, l'agilité, l'empathie et l'apprentissage continu. Nous le "
                "citons comme Nido ; le lien recherche l'article dans PubMed Central.",
            ),
        },
    ),
    _resource(
        "leadership-for-innovation-in-healthcare",
        WEINTRAUB_MCKEE,
        "article",
        2018,
        "Philip Weintraub, Martin McKee",
        ("lead-with-empathy",),
        ("curiosity", "iteration"),
        {
            "en": (
                "Leadership for innovation in healthcare: an exploration",
                "A short review of eight theories showing how leaders can foster innovation "
                "in health services.",
                "Written for people who want to build a culture of innovation in the health "
                "sector; it brings together leadership ideas that research has linked to each "
                "phase of innovation.",
            ),
            "nl": (
                "Leadership for innovation in healthcare: an exploration",
                "Een beknopt overzicht van acht theorieën over hoe leidinggevenden innovatie in "
                "de gezondheidszorg kunnen stimuleren.",
                "Geschreven voor wie een innovatiecultuur wil opbouwen in de gezondheidssector; "
                "het bundelt ideeën over leiderschap die onderzoek aan elke fase van innovatie "
                "koppelde.",
            ),
            "fr": (
                "Leadership for innovation in healthcare: an exploration",
                "Une courte synthèse de huit théories sur la manière dont les responsables "
                "peuvent favoriser l'innovation dans les services de santé.",
                "Écrit pour celles et ceux qui veulent bâtir une culture d'innovation dans le "
                "secteur de la santé ; il rassemble des idées de leadership que la recherche a "
                "reliées à chaque phase de l'innovation.",
            ),
        },
    ),
    _resource(
        "opsi-core-skills-report",
        OPSI_CORE_SKILLS,
        "report",
        2017,
        "OECD Observatory of Public Sector Innovation",
        ("learning-network", "test-small-adjust-fast"),
        (
            "iteration",
            "data-literacy",
            "user-centricity",
            "curiosity",
            "storytelling",
            "insurgency",
        ),
        {
            "en": (
                "Core skills for public sector innovation",
                "The OECD's six-skill model, with ways to profile people, teams and organisations.",
                "Explains each of the six skills with example behaviours and suggests how to "
                "look at the skills of individuals and teams. Shared under an open licence "
                "(CC BY-SA 3.0 IGO).",
            ),
            "nl": (
                "Core skills for public sector innovation",
                "Het OESO-model met zes vaardigheden, en manieren om personen, teams en "
                "organisaties in kaart te brengen.",
                "Licht elk van de zes vaardigheden toe met voorbeelden van gedrag en stelt voor "
                "hoe je naar de vaardigheden van personen en teams kijkt. Gedeeld onder een "
                "open licentie (CC BY-SA 3.0 IGO).",
            ),
            "fr": (
                "Core skills for public sector innovation",
                "Le modèle à six compétences de l'OCDE, avec des façons de dresser le profil "
                "des personnes, des équipes et des organisations.",
                "Explique chacune des six compétences par des exemples de comportements et "
                "propose comment examiner les compétences des personnes et des équipes. "
                "Partagé sous licence ouverte (CC BY-SA 3.0 IGO).",
            ),
        },
    ),
    _resource(
        "states-of-change-framework",
        STATES_OF_CHANGE,
        "framework",
        2017,
        "States of Change / Nesta",
        ("learning-network", "lead-with-empathy"),
        ("curiosity", "user-centricity", "storytelling"),
        {
            "en": (
                "Competency framework for experimental problem solving",
                "The States of Change framework of attitudes and skills for experimenting in "
                "government.",
                "The framework itself, built from interviews with practitioners and tested in "
                "several countries. See also the tool page for how to use it with a team.",
            ),
            "nl": (
                "Competency framework for experimental problem solving",
                "Het kader van States of Change met houdingen en vaardigheden om te "
                "experimenteren bij de overheid.",
                "Het kader zelf, opgebouwd uit interviews met praktijkmensen en getest in "
                "verschillende landen. Zie ook de toolpagina over hoe je het met een team "
                "gebruikt.",
            ),
            "fr": (
                "Competency framework for experimental problem solving",
                "Le cadre de States of Change : attitudes et compétences pour expérimenter dans "
                "l'administration.",
                "Le cadre lui-même, construit à partir d'entretiens avec des praticiens et testé "
                "dans plusieurs pays. Voir aussi la page outil sur son usage en équipe.",
            ),
        },
    ),
    _resource(
        "nesta-skills-attitudes-behaviours",
        NESTA_GUIDE,
        "guide",
        2019,
        "Nesta",
        ("real-conversations", "learning-network"),
        ("curiosity", "storytelling"),
        {
            "en": (
                "Skills, attitudes and behaviours that fuel public innovation",
                "Nesta's guide to the framework, with behaviours to look for and questions for "
                "reflection.",
                "For each skill it describes what it looks like in practice and offers "
                "questions for a team conversation, building on strengths rather than scoring "
                "weaknesses.",
            ),
            "nl": (
                "Skills, attitudes and behaviours that fuel public innovation",
                "De gids van Nesta bij het kader, met gedrag om op te letten en vragen om over "
                "na te denken.",
                "Beschrijft per vaardigheid hoe ze er in de praktijk uitziet en reikt vragen aan "
                "voor een teamgesprek, met de nadruk op sterktes in plaats van op het scoren "
                "van zwaktes.",
            ),
            "fr": (
                "Skills, attitudes and behaviours that fuel public innovation",
                "Le guide de Nesta qui accompagne le cadre, avec des comportements à observer "
                "et des questions de réflexion.",
                "Décrit pour chaque compétence à quoi elle ressemble en pratique et propose des "
                "questions pour un échange en équipe, en misant sur les forces plutôt qu'en "
                "notant les faiblesses.",
            ),
        },
    ),
    _resource(
        "opsi-innovation-playbook",
        PLAYBOOK,
        "guide",
        2022,
        "OECD Observatory of Public Sector Innovation",
        ("close-to-the-action", "real-conversations"),
        ("insurgency", "user-centricity"),
        {
            "en": (
                "OECD-OPSI Innovation Playbook",
                "A self-assessment and action guide for leaders who want their organisation to "
                "innovate more.",
                "Links common challenges to the OECD Declaration on Public Sector Innovation, "
                "helps you assess where you stand and proposes actions, tools and case "
                "studies.",
            ),
            "nl": (
                "OECD-OPSI Innovation Playbook",
                "Een gids voor zelfevaluatie en actie voor leidinggevenden die willen dat hun "
                "organisatie meer innoveert.",
                "Koppelt veelvoorkomende uitdagingen aan de OESO-verklaring over innovatie in de "
                "publieke sector, helpt je bepalen waar je staat en stelt acties, tools en "
                "casestudies voor.",
            ),
            "fr": (
                "OECD-OPSI Innovation Playbook",
                "Un guide d'autoévaluation et d'action pour les responsables qui veulent que "
                "leur organisation innove davantage.",
                "Relie les défis courants à la Déclaration de l'OCDE sur l'innovation dans le "
                "secteur public, aide à situer votre organisation et propose des actions, des "
                "outils et des études de cas.",
            ),
        },
    ),
    _resource(
        "uk-senior-civil-service-performance-framework",
        UK_SCS,
        "framework",
        2024,
        "UK Cabinet Office",
        ("lead-with-empathy", "real-conversations"),
        ("data-literacy", "storytelling"),
        {
            "en": (
                "Performance management framework for the Senior Civil Service (2024–2025)",
                "How the UK sets objectives for its senior civil servants, aligned with the "
                "organisation's priorities.",
                "Cited in the expert answer on innovation goals: senior officials are assessed "
                "on objectives linked to their organisation's priorities, which can include "
                "innovation and modernisation.",
            ),
            "nl": (
                "Performance management framework for the Senior Civil Service (2024–2025)",
                "Hoe de Britse overheid de doelstellingen van haar topambtenaren koppelt aan wat "
                "hun organisatie wil bereiken.",
                "Aangehaald in het antwoord over innovatiedoelen: topambtenaren worden "
                "beoordeeld op doelstellingen die voortvloeien uit de prioriteiten van hun "
                "organisatie, en daar kunnen innovatie en modernisering bij horen.",
            ),
            "fr": (
                "Performance management framework for the Senior Civil Service (2024–2025)",
                "Comment le Royaume-Uni fixe les objectifs de ses hauts fonctionnaires, alignés "
                "sur les priorités de l'organisation.",
                "Cité dans la réponse d'expert sur les objectifs d'innovation : les hauts "
                "fonctionnaires sont évalués sur des objectifs liés aux priorités de leur "
                "organisation, qui peuvent inclure l'innovation et la modernisation.",
            ),
        },
    ),
    _resource(
        "leadership-smart-specialisation-latin-america",
        S3_LEADERSHIP,
        "article",
        2022,
        "Regional Studies, Regional Science",
        ("real-conversations", "learning-network"),
        ("storytelling", "data-literacy"),
        {
            "en": (
                "The role of leadership capabilities in Smart Specialisation Strategies",
                "Comparative case studies of Medellín (Colombia) and San Luis Potosí (Mexico).",
                "Source of our Smart Specialisation case: what kind of leadership a shared "
                "regional innovation strategy needs, based on interviews with 33 actors.",
            ),
            "nl": (
                "The role of leadership capabilities in Smart Specialisation Strategies",
                "Vergelijkende casestudies van Medellín (Colombia) en San Luis Potosí (Mexico).",
                "Bron van onze case over Smart Specialisation: welk leiderschap een gedeelde "
                "regionale innovatiestrategie vraagt, op basis van interviews met 33 "
                "betrokkenen.",
            ),
            "fr": (
                "The role of leadership capabilities in Smart Specialisation Strategies",
                "Études de cas comparées de Medellín (Colombie) et San Luis Potosí (Mexique).",
                "Source de notre cas sur la spécialisation intelligente : quel leadership exige "
                "une stratégie régionale d'innovation partagée, d'après des entretiens avec 33 "
                "acteurs.",
            ),
        },
    ),
    _resource(
        "innovation-regional-specialisation-latin-america",
        S3_JRC_REPORT,
        "report",
        2017,
        "Belen Barroeta, Javier Gómez Prieto, Jonatan Paton, Manuel Palazuelos (JRC)",
        ("learning-network",),
        ("data-literacy", "curiosity"),
        {
            "en": (
                "Innovation and Regional Specialisation in Latin America",
                "A European Commission report relating Latin American regional innovation "
                "policies to Smart Specialisation.",
                "Background to the Smart Specialisation case: how the European concept relates "
                "to what Latin American regions were already doing.",
            ),
            "nl": (
                "Innovation and Regional Specialisation in Latin America",
                "Een rapport van de Europese Commissie dat Latijns-Amerikaans regionaal "
                "innovatiebeleid vergelijkt met Smart Specialisation.",
                "Achtergrond bij de case over Smart Specialisation: hoe het Europese concept "
                "zich verhoudt tot wat Latijns-Amerikaanse regio's al deden.",
            ),
            "fr": (
                "Innovation and Regional Specialisation in Latin America",
                "Un rapport de la Commission européenne qui met en relation les politiques "
                "régionales d'innovation d'Amérique latine et la spécialisation intelligente.",
                "Contexte du cas sur la spécialisation intelligente : comment le concept "
                "européen s'articule avec ce que les régions d'Amérique latine faisaient déjà.",
            ),
        },
    ),
    _resource(
        "opsi-innovation-skills-update-2025",
        OPSI_UPDATE,
        "article",
        2025,
        "OECD Observatory of Public Sector Innovation",
        ("learning-network", "see-hidden-talent"),
        ("curiosity", "insurgency"),
        {
            "en": (
                "Toward a new approach to innovation skills and applied capabilities",
                "OPSI's 2025 blog post announcing the update of its innovation skills model.",
                "Notes that few public servants hold innovation skills yet those who do drive "
                "change, and that change needs capabilities across the system and support from "
                "leaders, not training alone.",
            ),
            "nl": (
                "Toward a new approach to innovation skills and applied capabilities",
                "De blogpost van OPSI uit 2025 die de actualisering van zijn model van "
                "innovatievaardigheden aankondigt.",
                "Stelt vast dat weinig ambtenaren innovatievaardigheden hebben maar dat wie ze "
                "heeft verandering trekt, en dat verandering vermogens in het hele systeem en "
                "steun van leidinggevenden vraagt, niet alleen opleiding.",
            ),
            "fr": (
                "Toward a new approach to innovation skills and applied capabilities",
                "Le billet de l'OPSI de 2025 qui annonce la mise à jour de son modèle de "
                "compétences d'innovation.",
                "Constate que peu d'agents publics possèdent des compétences d'innovation mais "
                "que ceux qui en ont font avancer le changement, et que celui-ci demande des "
                "capacités dans tout le système et le soutien des responsables, pas seulement "
                "de la formation.",
            ),
        },
    ),
)
