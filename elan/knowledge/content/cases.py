# SPDX-License-Identifier: EUPL-1.2
# Content: CC BY-SA 4.0. Written in our own words after the sources each page credits.
"""The five cases of Nido's page; Smart Specialisation is written from public sources."""

from __future__ import annotations

from elan.knowledge.content.hub import NIDO, NORWAY_WHITE_PAPER
from elan.knowledge.content.schema import Node, Source

ALBRECHT = Source(
    "Valerie Albrecht (2024), Collaborative competences for agile public servants: a case "
    "study on public sector innovation fellowships, Information Polity 29(2)",
    "https://doi.org/10.3233/IP-230056",
)
HACKATHON_CHAPTER = Source(
    "Suominen, Jonsson, Eriksson, Fogelberg and Bäckman (2023), Innovation leadership with "
    "mentors for team performance in municipal hackathons, in Innovation Leadership in Practice",
    "https://doi.org/10.1108/978-1-83753-396-120231008",
)
MOSAIK = Source(
    "Smart Built Environment, MOSAIK: hackathons for innovation culture in Knivsta (2019–2022)",
    "https://smartbuilt.se/projekt/innovationer-och-nya-tillampningar/mosaik/",
)
S3_LEADERSHIP = Source(
    "The role of leadership capabilities in Smart Specialisation Strategies: comparative case "
    "studies in two Latin American regions, Regional Studies, Regional Science 9(1), 2022",
    "https://doi.org/10.1080/21681376.2022.2063066",
)
S3_JRC_REPORT = Source(
    "Barroeta, Gómez Prieto, Paton and Palazuelos (2017), Innovation and Regional "
    "Specialisation in Latin America, European Commission JRC",
    "https://doi.org/10.2760/906206",
)
S3_JRC_SEMINARS = Source(
    "European Commission JRC, Smart Specialisation in Latin America: methodological support "
    "seminars (2021)",
    "https://s3platform.jrc.ec.europa.eu/w/seminar-methodological-support-to-the-implementation-of-smart-specialisation-in-latin-america",
)
PUBLIC_HEALTH_ARTICLE = Source(
    "Innovation leadership perspective in public health (article on PubMed Central, as cited "
    "by Nido)",
    "https://pmc.ncbi.nlm.nih.gov/search/?term=%22innovation+leadership%22+%22public+health%22",
)
WHO_STEPS = Source(
    "World Health Organization, STEPwise approach to NCD risk factor surveillance (STEPS)",
    "https://www.who.int/teams/noncommunicable-diseases/surveillance/systems-tools/steps",
)


def _case(key, slug, principles, skills, sources, text, location=""):
    return Node(
        key=f"case-{key}",
        model="CasePage",
        slug=slug,
        parent="section-cases",
        fields={"location": location} if location else {},
        principles=principles,
        skills=skills,
        sources=(*sources, NIDO),
        text=text,
    )


CASES = (
    _case(
        "innovation-fellowships",
        "innovation-fellowships",
        ("learning-network", "test-small-adjust-fast", "see-hidden-talent"),
        ("iteration", "storytelling", "curiosity"),
        (ALBRECHT,),
        {
            "en": {
                "title": "Innovation fellowships: learning agility by working together",
                "summary": "Public servants and outside experts work side by side on a clear "
                "goal, and the skills they build stay in the organisation.",
                "location": "Europe",
                "context_and_actions": "<p>In an innovation fellowship, an administration "
                "brings in experts from outside the public sector for a fixed period and pairs "
                "them with its own staff around a concrete challenge. Albrecht followed two "
                "successive rounds of such a programme.</p><ul><li>Teams worked in short "
                "cycles, with workshops and regular retrospectives on how they worked.</li>"
                "<li>They collaborated across services that do not usually meet.</li><li>"
                "Participants practised structuring a change and explaining it to "
                "colleagues.</li></ul>",
                "effect": "<p>The competences did not stay with the fellows. Applying the "
                "methods on real work, reflecting on it, and the new contacts between units "
                "turned the collaboration into a learning process for the organisation as a "
                "whole. Experimenting and co-creating became more normal in the teams "
                "involved.</p>",
                "reference": "<p>Albrecht, V. (2024). <i>Collaborative competences for agile "
                "public servants: a case study on public sector innovation fellowships</i>. "
                "Information Polity, 29(2), 217–234.</p>",
            },
            "nl": {
                "title": "Innovation fellowships: wendbaar leren door samen te werken",
                "summary": "Ambtenaren en externe experts werken zij aan zij aan een duidelijk "
                "doel, en de vaardigheden die ze opbouwen blijven in de organisatie.",
                "location": "Europa",
                "context_and_actions": "<p>In een innovation fellowship haalt een overheid "
                "voor een vaste periode experts van buiten de publieke sector binnen en koppelt "
                "ze aan eigen medewerkers rond een concrete uitdaging. Albrecht volgde twee "
                "opeenvolgende edities van zo'n programma.</p><ul><li>Teams werkten in korte "
                "cycli, met workshops en geregelde terugblikken op hun manier van werken.</li>"
                "<li>Ze werkten samen over diensten heen die elkaar anders zelden "
                "tegenkomen.</li><li>Deelnemers oefenden in het structureren van een "
                "verandering en in het uitleggen ervan aan collega's.</li></ul>",
                "effect": "<p>De competenties bleven niet bij de fellows. Door de methoden op "
                "echt werk toe te passen, erop te reflecteren en door de nieuwe contacten tussen "
                "diensten werd de samenwerking een leerproces voor de hele organisatie. "
                "Experimenteren en cocreëren werd gewoner in de betrokken teams.</p>",
                "reference": "<p>Albrecht, V. (2024). <i>Collaborative competences for agile "
                "public servants: a case study on public sector innovation fellowships</i>. "
                "Information Polity, 29(2), 217–234.</p>",
            },
            "fr": {
                "title": "Innovation fellowships : apprendre l'agilité en travaillant ensemble",
                "summary": "Des agents publics et des experts externes travaillent côte à côte "
                "sur un objectif clair, et les compétences acquises restent dans "
                "l'organisation.",
                "location": "Europe",
                "context_and_actions": "<p>Dans une « innovation fellowship », une "
                "administration accueille pour une durée déterminée des experts extérieurs au "
                "secteur public et les associe à ses propres agents autour d'un défi concret. "
                "Albrecht a suivi deux éditions successives d'un tel programme.</p><ul><li>Les "
                "équipes ont travaillé en cycles courts, avec des ateliers et des rétrospectives "
                "régulières sur leur façon de travailler.</li><li>Elles ont collaboré entre des "
                "services qui se croisent rarement.</li><li>Les participants se sont exercés à "
                "structurer un changement et à l'expliquer à leurs collègues.</li></ul>",
                "effect": "<p>Les compétences ne sont pas restées chez les fellows. Appliquer "
                "les méthodes à un vrai travail, y réfléchir et tisser de nouveaux liens entre "
                "services a fait de la collaboration un processus d'apprentissage pour toute "
                "l'organisation. Expérimenter et cocréer est devenu plus courant dans les "
                "équipes concernées.</p>",
                "reference": "<p>Albrecht, V. (2024). <i>Collaborative competences for agile "
                "public servants: a case study on public sector innovation fellowships</i>. "
                "Information Polity, 29(2), 217–234.</p>",
            },
        },
    ),
    _case(
        "smart-specialisation-latin-america",
        "smart-specialisation-latin-america",
        ("real-conversations", "see-hidden-talent", "learning-network"),
        ("storytelling", "data-literacy", "user-centricity"),
        (S3_LEADERSHIP, S3_JRC_REPORT, S3_JRC_SEMINARS),
        {
            "en": {
                "title": "Smart Specialisation in Latin America: leading towards a shared vision",
                "summary": "Regions in Colombia and Mexico borrowed a European method for "
                "choosing their innovation priorities together, and learned that the "
                "leadership it needs is shared.",
                "location": "Colombia and Mexico",
                "context_and_actions": "<p>Smart Specialisation is a European approach to "
                "regional innovation policy: instead of a ministry picking priorities alone, a "
                "region chooses the few domains where it can excel through an "
                "“entrepreneurial discovery process” that brings government, business, "
                "universities and civil society around the table. Several Latin American "
                "countries adapted it, with support from the European Commission's Joint "
                "Research Centre, which compared the concepts in 2017 and ran seminars for "
                "practitioners from Mexico, Chile and Peru in 2021.</p><p>A 2022 study compared "
                "how two regions designed their strategies, Medellín in Colombia and San Luis "
                "Potosí in Mexico, through in-depth interviews with 33 people from government, "
                "business and research.</p>",
                "effect": "<ul><li>Leadership for a shared vision did not sit with one person: "
                "it had to hold many stakeholders together and see the system as a whole.</li>"
                "<li>It also had to manage novelty and help the region break with habits of "
                "the past.</li><li>How centralised the country was, and the strength of local "
                "institutions, made that leadership easier or harder.</li><li>The authors "
                "describe four leadership capabilities that follow from this.</li></ul>",
                "reference": "<p><i>The role of leadership capabilities in Smart "
                "Specialisation Strategies: comparative case studies in two Latin American "
                "regions</i>. Regional Studies, Regional Science, 9(1), 2022. Background: "
                "Barroeta et al. (2017), <i>Innovation and Regional Specialisation in Latin "
                "America</i>, JRC.</p>",
            },
            "nl": {
                "title": "Smart Specialisation in Latijns-Amerika: leiden naar een gedeelde visie",
                "summary": "Regio's in Colombia en Mexico namen een Europese methode over om "
                "samen hun innovatieprioriteiten te kiezen, en leerden dat het leiderschap dat "
                "daarvoor nodig is gedeeld wordt.",
                "location": "Colombia en Mexico",
                "context_and_actions": "<p>Smart Specialisation is een Europese aanpak voor "
                "regionaal innovatiebeleid: in plaats van een ministerie dat alleen de "
                "prioriteiten kiest, kiest een regio de enkele domeinen waarin ze kan uitblinken "
                "via een “ondernemend ontdekkingsproces” dat overheid, bedrijven, universiteiten "
                "en middenveld samenbrengt. Verschillende Latijns-Amerikaanse landen pasten de "
                "aanpak aan, met steun van het Gemeenschappelijk Centrum voor Onderzoek van de "
                "Europese Commissie, dat de concepten in 2017 vergeleek en in 2021 seminaries "
                "organiseerde voor praktijkmensen uit Mexico, Chili en Peru.</p><p>Een studie "
                "uit 2022 vergeleek hoe twee regio's hun strategie uitwerkten, Medellín in "
                "Colombia en San Luis Potosí in Mexico, via diepte-interviews met 33 mensen uit "
                "overheid, bedrijfsleven en onderzoek.</p>",
                "effect": "<ul><li>Leiderschap voor een gedeelde visie lag niet bij één "
                "persoon: het moest veel partijen samenhouden en het systeem als geheel "
                "zien.</li><li>Het moest ook met nieuwigheid omgaan en de regio helpen breken "
                "met oude gewoonten.</li><li>Hoe gecentraliseerd het land was en hoe sterk de "
                "lokale instellingen waren, maakte dat leiderschap makkelijker of moeilijker."
                "</li><li>De auteurs beschrijven vier leiderschapscapaciteiten die daaruit "
                "volgen.</li></ul>",
                "reference": "<p><i>The role of leadership capabilities in Smart "
                "Specialisation Strategies: comparative case studies in two Latin American "
                "regions</i>. Regional Studies, Regional Science, 9(1), 2022. Achtergrond: "
                "Barroeta e.a. (2017), <i>Innovation and Regional Specialisation in Latin "
                "America</i>, JRC.</p>",
            },
            "fr": {
                "title": "La spécialisation intelligente en Amérique latine : mener vers une "
                "vision partagée",
                "summary": "Des régions de Colombie et du Mexique ont repris une méthode "
                "européenne pour choisir ensemble leurs priorités d'innovation, et ont appris "
                "que le leadership qu'elle exige est partagé.",
                "location": "Colombie et Mexique",
                "context_and_actions": "<p>La spécialisation intelligente est une approche "
                "européenne de la politique régionale d'innovation : au lieu d'un ministère "
                "qui fixe seul les priorités, une région choisit les quelques domaines où elle "
                "peut exceller grâce à un « processus de découverte entrepreneuriale » qui réunit "
                "pouvoirs publics, entreprises, universités et société civile. Plusieurs pays "
                "d'Amérique latine l'ont adaptée, avec l'appui du Centre commun de recherche de "
                "la Commission européenne, qui a comparé les concepts en 2017 et organisé en "
                "2021 des séminaires pour des praticiens du Mexique, du Chili et du Pérou.</p>"
                "<p>Une étude de 2022 a comparé la façon dont deux régions ont conçu leur "
                "stratégie, Medellín en Colombie et San Luis Potosí au Mexique, au moyen "
                "d'entretiens approfondis avec 33 acteurs des pouvoirs publics, des entreprises "
                "et de la recherche.</p>",
                "effect": "<ul><li>Le leadership au service d'une vision partagée ne reposait "
                "pas sur une seule personne : il devait fédérer de nombreux acteurs et voir le "
                "système dans son ensemble.</li><li>Il devait aussi gérer la nouveauté et aider "
                "la région à rompre avec ses habitudes.</li><li>Le degré de centralisation du "
                "pays et la solidité des institutions locales facilitaient ou compliquaient ce "
                "leadership.</li><li>Les auteurs en tirent quatre capacités de leadership.</li>"
                "</ul>",
                "reference": "<p><i>The role of leadership capabilities in Smart "
                "Specialisation Strategies: comparative case studies in two Latin American "
                "regions</i>. Regional Studies, Regional Science, 9(1), 2022. Contexte : "
                "Barroeta et al. (2017), <i>Innovation and Regional Specialisation in Latin "
                "America</i>, JRC.</p>",
            },
        },
    ),
    _case(
        "municipal-hackathons-sweden",
        "municipal-hackathons-sweden",
        ("learning-network", "close-to-the-action", "test-small-adjust-fast"),
        ("curiosity", "iteration", "insurgency"),
        (HACKATHON_CHAPTER, MOSAIK),
        {
            "en": {
                "title": "Municipal hackathons in Sweden: mentors as leaders close to the teams",
                "summary": "A fast-growing Swedish municipality ran internal hackathons to "
                "build an innovation culture, with trained mentors leading each team.",
                "location": "Knivsta, Sweden",
                "context_and_actions": "<p>Between 2019 and 2022 the municipality of Knivsta "
                "organised three internal hackathons, first on site and then, because of the "
                "pandemic, online and hybrid. Some 140 staff from across the organisation "
                "took part in one or more of them.</p><ul><li>Each team had a mentor who had "
                "been trained beforehand to guide an innovation process, especially idea "
                "generation and concept development.</li><li>After the events, teams got "
                "support to take their ideas to launch.</li></ul>",
                "effect": "<p>According to the researchers, a well-prepared mentor makes the "
                "difference between a fun event and ideas that reach citizens: teams with good "
                "mentors performed better, kept exploring longer and carried more of their ideas "
                "through to implementation. Mentors also felt torn between leading and letting "
                "the team lead, which is why training them before the hackathon matters. The "
                "project reported 73 new ideas, of which several were developed further and six "
                "launched by September 2022.</p>",
                "reference": "<p>Suominen, A., Jonsson, V., Eriksson, E., Fogelberg, J. and "
                "Bäckman, J. (2023). <i>Innovation leadership with mentors for team performance "
                "in municipal hackathons</i>. In <i>Innovation Leadership in Practice</i>, "
                "Emerald.</p>",
            },
            "nl": {
                "title": "Gemeentelijke hackathons in Zweden: mentoren als leiders dicht bij "
                "de teams",
                "summary": "Een snelgroeiende Zweedse gemeente organiseerde interne hackathons "
                "om een innovatiecultuur op te bouwen, met opgeleide mentoren die elk team "
                "begeleidden.",
                "location": "Knivsta, Zweden",
                "context_and_actions": "<p>Tussen 2019 en 2022 organiseerde de gemeente Knivsta "
                "drie interne hackathons, eerst ter plaatse en daarna, door de pandemie, online "
                "en hybride. Zo'n 140 medewerkers uit de hele organisatie namen aan een of meer "
                "ervan deel.</p><ul><li>Elk team had een mentor die vooraf opgeleid was om een "
                "innovatieproces te begeleiden, vooral het bedenken van ideeën en het uitwerken "
                "van concepten.</li><li>Na de evenementen kregen de teams steun om hun ideeën "
                "tot lancering te brengen.</li></ul>",
                "effect": "<p>Volgens de onderzoekers maakt een goed voorbereide mentor het "
                "verschil tussen een leuk evenement en ideeën die burgers bereiken: teams met "
                "goede mentoren presteerden beter, bleven langer zoeken en brachten meer van hun "
                "ideeën tot uitvoering. Mentoren voelden zich ook verscheurd tussen zelf leiden "
                "en het team laten leiden; daarom is hen vooraf opleiden belangrijk. Het project "
                "telde 73 nieuwe ideeën, waarvan er verschillende verder uitgewerkt werden en "
                "zes gelanceerd waren in september 2022.</p>",
                "reference": "<p>Suominen, A., Jonsson, V., Eriksson, E., Fogelberg, J. en "
                "Bäckman, J. (2023). <i>Innovation leadership with mentors for team performance "
                "in municipal hackathons</i>. In <i>Innovation Leadership in Practice</i>, "
                "Emerald.</p>",
            },
            "fr": {
                "title": "Hackathons municipaux en Suède : les mentors, des leaders proches des "
                "équipes",
                "summary": "Une commune suédoise en forte croissance a organisé des hackathons "
                "internes pour bâtir une culture d'innovation, chaque équipe étant guidée par "
                "un mentor formé.",
                "location": "Knivsta, Suède",
                "context_and_actions": "<p>Entre 2019 et 2022, la commune de Knivsta a organisé "
                "trois hackathons internes, d'abord sur place puis, à cause de la pandémie, en "
                "ligne et en format hybride. Quelque 140 agents de toute l'organisation ont "
                "participé à au moins l'un d'eux.</p><ul><li>Chaque équipe avait un mentor "
                "formé au préalable pour accompagner un processus d'innovation, en particulier "
                "la génération d'idées et l'élaboration de concepts.</li><li>Après les "
                "événements, les équipes ont été soutenues pour mener leurs idées jusqu'au "
                "lancement.</li></ul>",
                "effect": "<p>Selon les chercheurs, un mentor bien préparé fait la différence "
                "entre un événement sympathique et des idées qui atteignent les citoyens : les "
                "équipes bien encadrées ont obtenu de meilleurs résultats, ont exploré plus "
                "longtemps et ont mené davantage d'idées jusqu'à leur mise en œuvre. Les mentors "
                "se sentaient aussi tiraillés entre diriger et laisser l'équipe diriger, d'où "
                "l'importance de les former avant le hackathon. Le projet a recensé 73 nouvelles "
                "idées, dont plusieurs ont été développées et six lancées en septembre 2022.</p>",
                "reference": "<p>Suominen, A., Jonsson, V., Eriksson, E., Fogelberg, J. et "
                "Bäckman, J. (2023). <i>Innovation leadership with mentors for team performance "
                "in municipal hackathons</i>. Dans <i>Innovation Leadership in Practice</i>, "
                "Emerald.</p>",
            },
        },
    ),
    _case(
        "norway-innovative-public-sector",
        "norway-innovative-public-sector",
        ("real-conversations", "lead-with-empathy", "see-hidden-talent"),
        ("insurgency", "curiosity", "storytelling"),
        (NORWAY_WHITE_PAPER,),
        {
            "en": {
                "title": "Norway: making an innovative culture legitimate in government",
                "summary": "A government white paper set out three principles that give "
                "public servants room, skills and partners to innovate.",
                "location": "Norway",
                "context_and_actions": "<p>In 2020 the Norwegian government presented a white "
                "paper to parliament on culture, leadership and competence for an innovative "
                "public sector. It rests on three principles:</p><ol><li>Politicians and "
                "public authorities give freedom to act and incentives to innovate.</li><li>"
                "Leaders develop a culture and the skills for innovation, where people dare to "
                "think differently and learn from both mistakes and successes.</li><li>Public "
                "bodies look for new ways of working together, with each other, with citizens, "
                "business, research and civil society.</li></ol>",
                "effect": "<p>The white paper expects more, and more ambitious, joint "
                "initiatives when people with ideas get space to act, when lessons count even if "
                "a test fails, and when agencies team up widely. It also made innovation an "
                "explicit, legitimate part of the public servant's job rather than an extra.</p>",
                "reference": "<p>Ministry of Local Government and Modernisation (2020). "
                "<i>Meld. St. 30 (2019–2020) An innovative public sector: culture, leadership "
                "and competence</i>.</p>",
            },
            "nl": {
                "title": "Noorwegen: een innovatieve cultuur legitimeren bij de overheid",
                "summary": "Een regeringsnota legde drie principes vast die ambtenaren ruimte, "
                "vaardigheden en partners geven om te innoveren.",
                "location": "Noorwegen",
                "context_and_actions": "<p>In 2020 legde de Noorse regering het parlement een "
                "beleidsnota voor over cultuur, leiderschap en competenties voor een innovatieve "
                "overheid. Ze steunt op drie principes:</p><ol><li>Politici en overheden geven "
                "handelingsruimte en prikkels om te innoveren.</li><li>Leidinggevenden bouwen "
                "een cultuur en vaardigheden voor innovatie uit, waarin mensen anders durven te "
                "denken en leren uit fouten én successen.</li><li>Overheidsdiensten zoeken "
                "nieuwe vormen van samenwerking, met elkaar, met burgers, bedrijven, onderzoek "
                "en middenveld.</li></ol>",
                "effect": "<p>De nota verwacht meer en ambitieuzere gezamenlijke initiatieven "
                "wanneer mensen met ideeën speelruimte krijgen, wanneer lessen tellen ook als "
                "een test mislukt, en wanneer diensten breed de handen in elkaar slaan. "
                "Innovatie werd zo een uitdrukkelijk en legitiem deel van het werk van een "
                "ambtenaar, geen extraatje.</p>",
                "reference": "<p>Noors ministerie van Lokaal Bestuur en Modernisering (2020). "
                "<i>Meld. St. 30 (2019–2020) An innovative public sector: culture, leadership "
                "and competence</i>.</p>",
            },
            "fr": {
                "title": "Norvège : légitimer une culture d'innovation dans l'administration",
                "summary": "Un livre blanc du gouvernement a posé trois principes qui donnent "
                "aux agents publics la marge, les compétences et les partenaires pour innover.",
                "location": "Norvège",
                "context_and_actions": "<p>En 2020, le gouvernement norvégien a présenté au "
                "parlement un livre blanc sur la culture, le leadership et les compétences "
                "d'un secteur public innovant. Il repose sur trois principes :</p><ol><li>Les "
                "responsables politiques et les autorités publiques donnent une liberté d'action "
                "et des incitations à innover.</li><li>Les dirigeants développent une culture "
                "et des compétences d'innovation, où l'on ose penser autrement et apprendre des "
                "erreurs comme des réussites.</li><li>Les organismes publics cherchent de "
                "nouvelles formes de coopération, entre eux et avec les citoyens, les "
                "entreprises, la recherche et la société civile.</li></ol>",
                "effect": "<p>Le livre blanc attend des initiatives communes plus nombreuses et "
                "plus ambitieuses lorsque les personnes porteuses d'idées ont de l'espace pour "
                "agir, que les leçons comptent même quand un test échoue et que les organismes "
                "s'associent largement. L'innovation est ainsi devenue une part explicite et "
                "légitime du travail de l'agent public, et non un supplément.</p>",
                "reference": "<p>Ministère norvégien des Collectivités locales et de la "
                "Modernisation (2020). <i>Meld. St. 30 (2019–2020) An innovative public sector: "
                "culture, leadership and competence</i>.</p>",
            },
        },
    ),
    _case(
        "innovation-leadership-public-health",
        "innovation-leadership-public-health",
        ("lead-with-empathy", "close-to-the-action"),
        ("data-literacy", "user-centricity", "storytelling"),
        (PUBLIC_HEALTH_ARTICLE, WHO_STEPS),
        {
            "en": {
                "title": "Innovation leadership in public health: lessons from WHO's STEPwise "
                "approach",
                "summary": "Leading innovation in health means combining science, political "
                "judgement and a motivated team; WHO's STEPwise approach shows how.",
                "location": "Worldwide",
                "context_and_actions": "<p>Leading innovation in public health covers the whole "
                "journey of a new approach, from the first idea to the day it runs on its own. "
                "The person doing it needs to know the science, read the political room and keep "
                "a team motivated. Six levers come back: a vision, good communication, working "
                "together, agility, empathy and learning all the time.</p><p>The case used is "
                "the World Health Organization's STEPwise approach to surveillance: a standard, "
                "step-by-step way for countries to collect data on the risk factors of "
                "non-communicable diseases, which each country adapts to its own situation.</p>",
                "effect": "<p>STEPwise shows how methods born in the private sector, such as "
                "standard modules that can be adapted and improved step by step, can work in a "
                "public setting where many parties must agree. Countries obtain comparable data "
                "while keeping ownership of their own survey.</p>",
                "reference": "<p><i>Innovation leadership perspective in public health</i>, "
                "article on PubMed Central, as cited by Nido; WHO, <i>STEPwise approach to NCD "
                "risk factor surveillance</i>.</p>",
            },
            "nl": {
                "title": "Innovatieleiderschap in de volksgezondheid: lessen uit de "
                "STEPwise-aanpak van de WHO",
                "summary": "Innovatie leiden in de gezondheidszorg betekent wetenschap, politiek "
                "inzicht en een gemotiveerd team combineren; de STEPwise-aanpak van de WHO toont "
                "hoe.",
                "location": "Wereldwijd",
                "context_and_actions": "<p>Innovatie leiden in de publieke gezondheid omvat de "
                "hele weg van een nieuwe aanpak, van het eerste idee tot de dag dat hij vanzelf "
                "draait. Wie dat doet, moet de wetenschap kennen, de politieke verhoudingen "
                "inschatten en een team gemotiveerd houden. Zes hefbomen keren terug: een visie, "
                "goede communicatie, samenwerken, wendbaarheid, empathie en blijven "
                "leren.</p><p>Het voorbeeld is de STEPwise-aanpak van de "
                "Wereldgezondheidsorganisatie: een gestandaardiseerde methode in stappen waarmee "
                "landen gegevens verzamelen over de risicofactoren van niet-overdraagbare "
                "ziekten, en die elk land aan zijn eigen situatie aanpast.</p>",
                "effect": "<p>STEPwise toont hoe methoden uit de privésector, zoals "
                "standaardmodules die stap voor stap aangepast en verbeterd kunnen worden, ook "
                "werken in een publieke omgeving waar veel partijen het eens moeten worden. "
                "Landen krijgen vergelijkbare gegevens en blijven eigenaar van hun eigen "
                "bevraging.</p>",
                "reference": "<p><i>Innovation leadership perspective in public health</i>, "
                "artikel op PubMed Central, zoals geciteerd door Nido; WHO, <i>STEPwise approach "
                "to NCD risk factor surveillance</i>.</p>",
            },
            "fr": {
                "title": "Le leadership d'innovation en santé publique : les leçons de "
                "l'approche STEPwise de l'OMS",
                "summary": "Mener l'innovation en santé, c'est allier science, sens politique et "
                "équipe motivée ; l'approche STEPwise de l'OMS montre comment.",
                "location": "Monde",
                "context_and_actions": "<p>Mener l'innovation en santé publique couvre tout le "
                "parcours d'une nouvelle approche, de la première idée au jour où elle tourne "
                "seule. Il faut connaître la science, comprendre le jeu politique et garder une "
                "équipe motivée. Six leviers reviennent : une vision, une bonne communication, "
                "la coopération, l'agilité, l'empathie et l'apprentissage "
                "permanent.</p><p>L'exemple retenu est l'approche STEPwise de l'Organisation "
                "mondiale de la santé : une méthode standardisée, par étapes, qui permet aux "
                "pays de recueillir des données sur les facteurs de risque des maladies non "
                "transmissibles, et que chaque pays adapte à sa situation.</p>",
                "effect": "<p>STEPwise montre comment des méthodes nées dans le secteur privé, "
                "comme des modules standard que l'on adapte et améliore pas à pas, peuvent "
                "fonctionner dans un cadre public où de nombreux acteurs doivent s'accorder. Les "
                "pays obtiennent des données comparables tout en restant maîtres de leur propre "
                "enquête.</p>",
                "reference": "<p><i>Innovation leadership perspective in public health</i>, "
                "article sur PubMed Central, tel que cité par Nido ; OMS, <i>STEPwise approach "
                "to NCD risk factor surveillance</i>.</p>",
            },
        },
    ),
)
