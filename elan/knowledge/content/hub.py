# SPDX-License-Identifier: EUPL-1.2
# Content: CC BY-SA 4.0. Written in our own words after the sources each page credits.
"""The hub home, the shared definition of innovation, and the sections that hold the items."""

from __future__ import annotations

from elan.knowledge.content.schema import Node, Source

NIDO_URL = "https://www.nidolab.be/nl/inspiratie/inspiratiethemas/iedereen-kan-innoveren"
NIDO = Source(
    "Nido (FOD BOSA), Iedereen kan innoveren",
    NIDO_URL,
    {
        "en": "The page this hub grew from.",
        "nl": "De pagina waaruit deze hub gegroeid is.",
        "fr": "La page dont ce centre de connaissances est issu.",
        "de": "Die Seite, aus der dieser Wissensbereich entstanden ist.",
    },
)
OPSI_CORE_SKILLS = Source(
    "OECD OPSI, Core skills for public sector innovation (2017)",
    "https://oecd-opsi.org/wp-content/uploads/2018/07/OECD_OPSI-core_skills_for_public_sector_innovation-201704.pdf",
)
OECD_DECLARATION = Source(
    "OECD, Declaration on Public Sector Innovation (2019)",
    "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0450",
)
NORWAY_WHITE_PAPER = Source(
    "Meld. St. 30 (2019–2020), An innovative public sector: culture, leadership and competence",
    "https://www.regjeringen.no/en/dokumenter/meld.-st.-30-20192020/id2715113/",
)

HUB = (
    Node(
        key="hub",
        model="HubHomePage",
        slug="hub",
        parent=None,
        sources=(NIDO,),
        text={
            "en": {
                "title": "Knowledge hub: everyone can innovate",
                "summary": "What innovation means in the public service, six principles of "
                "inclusive leadership, and the cases, tools and reading to put them to work.",
                "intro": "<p>Innovation in government rarely starts with a big budget or new "
                "technology. It starts when someone dares to try something, when leaders at "
                "every level make room for it, and when people with different skills work on it "
                "together. Anyone can set a meaningful change in motion.</p><p>This hub gathers "
                "what we know about that: a shared definition, six principles, real cases from "
                "other administrations, tools, reading, and the answers our experts gave.</p>",
            },
            "nl": {
                "title": "Kennishub: iedereen kan innoveren",
                "summary": "Wat innovatie betekent bij de overheid, zes principes van inclusief "
                "leiderschap, en de cases, tools en bronnen om ermee aan de slag te gaan.",
                "intro": "<p>Vernieuwing bij de overheid begint zelden met een groot budget of "
                "nieuwe technologie. Ze begint wanneer iemand iets durft te proberen, wanneer "
                "leidinggevenden op elk niveau daar ruimte voor maken, en wanneer mensen met "
                "verschillende vaardigheden er samen aan werken. Iedereen kan een zinvolle "
                "verandering in gang zetten.</p><p>Deze hub bundelt wat we daarover weten: een "
                "gedeelde definitie, zes principes, echte cases uit andere overheden, tools, "
                "leesvoer en de antwoorden van onze experts.</p>",
            },
            "fr": {
                "title": "Centre de connaissances : tout le monde peut innover",
                "summary": "Ce que signifie innover dans le service public, six principes de "
                "leadership inclusif, et les cas, outils et lectures pour les mettre en pratique.",
                "intro": "<p>Dans l'administration, l'innovation commence rarement par un gros "
                "budget ou une nouvelle technologie. Elle naît quand quelqu'un ose essayer, "
                "quand les responsables de chaque niveau lui font de la place, et quand des "
                "personnes aux compétences différentes s'y attellent ensemble. Chacun peut "
                "amorcer un changement qui a du sens.</p><p>Ce centre rassemble ce que nous "
                "savons à ce sujet : une définition commune, six principes, des cas réels "
                "d'autres administrations, des outils, des lectures et les réponses de nos "
                "experts.</p>",
            },
            "de": {
                "title": "Wissensbereich: Alle können innovieren",
                "summary": "Was Innovation im öffentlichen Dienst bedeutet, sechs Grundsätze "
                "inklusiver Führung sowie Fälle, Werkzeuge und Lektüre für die Praxis.",
                "intro": "<p>Innovation in der Verwaltung beginnt selten mit einem großen Budget "
                "oder neuer Technik. Sie beginnt, wenn jemand sich traut, etwas auszuprobieren, "
                "wenn Führungskräfte auf jeder Ebene dafür Raum schaffen und wenn Menschen mit "
                "unterschiedlichen Fähigkeiten gemeinsam daran arbeiten. Jede und jeder kann "
                "eine sinnvolle Veränderung anstoßen.</p><p>Hier finden Sie, was wir darüber "
                "wissen: eine gemeinsame Definition, sechs Grundsätze, echte Fälle aus anderen "
                "Verwaltungen, Werkzeuge, Lektüre und die Antworten unserer Fachleute.</p>",
            },
        },
    ),
    Node(
        key="definition",
        model="DefinitionPage",
        slug="what-innovation-means",
        parent="hub",
        sources=(
            NIDO,
            Source(
                "Angela Hanson (OECD OPSI), answer in the session Everyone can innovate (2025)",
                NIDO_URL,
            ),
            OPSI_CORE_SKILLS,
            OECD_DECLARATION,
            NORWAY_WHITE_PAPER,
        ),
        text={
            "en": {
                "title": "What “everyone can innovate” means",
                "summary": "One shared definition of innovation for the public service: what "
                "it is, what it is not, the public values it serves and what it looks like on "
                "an ordinary working day.",
                "what_it_is": "<p>Innovation is putting something new into practice that makes "
                "a public service or policy better for the people it serves. The new thing can "
                "be a service, a process, a way of organising work or of talking with citizens. "
                "It counts when it is actually used and adds value, not when it stays an idea."
                "</p><p>It rests on skills and leadership more than on technology: working "
                "creatively together, understanding how others feel, cooperating across "
                "services and taking the initiative. That is why everyone, in any role and at "
                "any grade, can start it.</p>",
                "what_it_is_not": "<ul><li>Not a synonym for digitisation or a new IT tool: "
                "technology can help, but it is not the point.</li><li>Not reserved for an "
                "innovation unit, a lab or senior management.</li><li>Not one big bet: many "
                "small, safe tests beat one large gamble.</li><li>Not “innovation theatre”: "
                "workshops and slogans that change nothing for users.</li><li>Not bending the "
                "rules: innovation in government stays within the law and within one's "
                "mandate.</li></ul>",
                "public_values": "<ul><li>Legality and equal treatment: every change respects "
                "the rules and treats citizens alike.</li><li>Value for the people served: a "
                "better, simpler or more accessible service.</li><li>Careful use of public "
                "money: trying small before spending big.</li><li>Openness and accountability: "
                "we say what we tried, what worked and what did not.</li><li>Trust: in the "
                "administration, and between colleagues who speak up.</li><li>Inclusion: "
                "ideas and talent from everyone, not only the usual voices.</li></ul>",
                "in_practice": "<ul><li>A counter clerk notices that one form confuses "
                "everyone, tests a clearer version for two weeks and measures the questions "
                "it saves.</li><li>A team lead gives a quiet colleague the floor in the team "
                "meeting, and the best idea of the month follows.</li><li>Two services that "
                "never met share what they learned in a hackathon and keep in touch through "
                "mentoring.</li><li>A manager sets goals that reward trying and learning, not "
                "only hitting targets.</li></ul>",
            },
            "nl": {
                "title": "Wat “iedereen kan innoveren” betekent",
                "summary": "Eén gedeelde definitie van innovatie voor de overheid: wat het is, "
                "wat het niet is, welke waarden van de overheid zwaarst wegen en hoe het "
                "eruitziet op een gewone werkdag.",
                "what_it_is": "<p>Innoveren is iets nieuws in de praktijk brengen dat een "
                "dienst of beleid beter maakt voor de mensen voor wie het bedoeld is. Dat nieuwe "
                "kan een dienst zijn, een werkwijze, een manier om het werk te organiseren of "
                "om met burgers te communiceren. Het telt pas als het ook echt gebruikt wordt "
                "en meerwaarde levert, niet zolang het een idee blijft.</p><p>Het steunt meer "
                "op vaardigheden en leiderschap dan op technologie: samen creatief werken, "
                "zich inleven in anderen, vlot samenwerken met andere diensten en zelf de "
                "eerste stap zetten. Daarom kan iedereen ermee beginnen, in elke functie en op elk "
                "niveau.</p>",
                "what_it_is_not": "<ul><li>Geen ander woord voor digitalisering of een nieuwe "
                "IT-toepassing: technologie kan helpen, maar is niet het doel.</li><li>Niet "
                "voorbehouden aan een innovatiecel, een lab of het topmanagement.</li><li>Geen "
                "grote gok: veel kleine, veilige tests werken beter dan één groot risico."
                "</li><li>Geen “innovatietheater”: workshops en slogans die voor gebruikers "
                "niets veranderen.</li><li>Geen regels ombuigen: innovatie bij de overheid "
                "blijft binnen de wet en binnen het eigen mandaat.</li></ul>",
                "public_values": "<ul><li>Wettigheid en gelijke behandeling: elke verandering "
                "respecteert de regels en behandelt burgers gelijk.</li><li>Meerwaarde voor de "
                "mensen die we dienen: een betere, eenvoudigere of toegankelijkere dienst."
                "</li><li>Zorgvuldig omgaan met overheidsgeld: eerst klein proberen, dan pas "
                "groot investeren.</li><li>Openheid en verantwoording: we vertellen wat we "
                "probeerden, wat werkte en wat niet.</li><li>Vertrouwen: in de overheid, en "
                "tussen collega's die hun mening durven te geven.</li><li>Inclusie: ideeën en "
                "talent van iedereen, niet alleen van de gebruikelijke stemmen.</li></ul>",
                "in_practice": "<ul><li>Een loketmedewerker merkt dat één formulier iedereen "
                "in verwarring brengt, test twee weken een duidelijkere versie en telt hoeveel "
                "vragen dat uitspaart.</li><li>Een teamleider geeft een stille collega het "
                "woord in het teamoverleg, en daar komt het beste idee van de maand uit.</li>"
                "<li>Twee diensten die elkaar nooit tegenkwamen, delen wat ze leerden tijdens "
                "een hackathon en blijven in contact via mentoring.</li><li>Een leidinggevende "
                "stelt doelen die proberen en leren belonen, niet alleen het halen van "
                "cijfers.</li></ul>",
            },
            "fr": {
                "title": "Ce que signifie « tout le monde peut innover »",
                "summary": "Une définition commune de l'innovation pour le service public : ce "
                "qu'elle est, ce qu'elle n'est pas, les valeurs publiques qui comptent et à "
                "quoi elle ressemble au quotidien.",
                "what_it_is": "<p>Innover, c'est mettre en pratique quelque chose de nouveau "
                "qui améliore un service ou une politique pour les personnes concernées. Cette "
                "nouveauté peut être un service, une procédure, une façon d'organiser le "
                "travail ou de communiquer avec les citoyens. Elle compte lorsqu'elle est "
                "réellement utilisée et apporte une valeur ajoutée, pas tant qu'elle reste une "
                "idée.</p><p>Elle repose davantage sur les compétences et le leadership que sur "
                "la technologie : créer ensemble, comprendre ce que ressentent les autres, "
                "coopérer entre services et prendre l'initiative. C'est pourquoi chacun, quels "
                "que soient sa fonction et son niveau, peut s'y lancer.</p>",
                "what_it_is_not": "<ul><li>Pas un synonyme de numérisation ou d'un nouvel "
                "outil informatique : la technologie peut aider, mais elle n'est pas le but."
                "</li><li>Pas une affaire réservée à une cellule d'innovation, à un labo ou à "
                "la direction.</li><li>Pas un grand pari : de nombreux petits tests sans risque "
                "valent mieux qu'une seule grosse mise.</li><li>Pas du « théâtre de "
                "l'innovation » : des ateliers et des slogans qui ne changent rien pour les "
                "usagers.</li><li>Pas contourner les règles : dans l'administration, innover "
                "se fait dans le respect de la loi et de son mandat.</li></ul>",
                "public_values": "<ul><li>Légalité et égalité de traitement : tout changement "
                "respecte les règles et traite les citoyens de la même manière.</li><li>Une "
                "valeur ajoutée pour les personnes servies : un service meilleur, plus simple "
                "ou plus accessible.</li><li>Un usage prudent de l'argent public : essayer en "
                "petit avant de dépenser en grand.</li><li>Transparence et responsabilité : "
                "nous disons ce que nous avons tenté, ce qui a fonctionné et ce qui a échoué."
                "</li><li>Confiance : envers l'administration, et entre collègues qui osent "
                "s'exprimer.</li><li>Inclusion : des idées et des talents venant de tous, pas "
                "seulement des voix habituelles.</li></ul>",
                "in_practice": "<ul><li>Un agent au guichet remarque qu'un formulaire déroute "
                "tout le monde, teste une version plus claire pendant deux semaines et compte "
                "les questions ainsi évitées.</li><li>Une cheffe d'équipe donne la parole à un "
                "collègue discret lors de la réunion d'équipe, et la meilleure idée du mois en "
                "sort.</li><li>Deux services qui ne s'étaient jamais croisés partagent ce qu'ils "
                "ont appris lors d'un hackathon et restent en contact grâce au mentorat.</li>"
                "<li>Un responsable fixe des objectifs qui récompensent l'essai et "
                "l'apprentissage, et pas seulement l'atteinte des chiffres.</li></ul>",
            },
            "de": {
                "title": "Was „Alle können innovieren“ bedeutet",
                "summary": "Eine gemeinsame Definition von Innovation für den öffentlichen "
                "Dienst: was sie ist, was sie nicht ist, welche öffentlichen Werte zählen und "
                "wie sie im Arbeitsalltag aussieht.",
                "what_it_is": "<p>Innovieren heißt, etwas Neues in die Praxis umzusetzen, das "
                "eine Dienstleistung oder eine Politik für die betroffenen Menschen verbessert. "
                "Das Neue kann eine Dienstleistung sein, ein Verfahren, eine Art, die Arbeit zu "
                "organisieren oder mit Bürgerinnen und Bürgern zu sprechen. Es zählt, wenn es "
                "tatsächlich genutzt wird und einen Mehrwert bringt, nicht solange es eine Idee "
                "bleibt.</p><p>Innovation beruht mehr auf Fähigkeiten und Führung als auf "
                "Technik: gemeinsam kreativ sein, verstehen, was andere empfinden, über "
                "Dienststellen hinweg zusammenarbeiten und die Initiative ergreifen. Deshalb "
                "kann jede und jeder damit anfangen, in jeder Funktion und auf jeder "
                "Ebene.</p>",
                "what_it_is_not": "<ul><li>Kein anderes Wort für Digitalisierung oder ein "
                "neues IT-Werkzeug: Technik kann helfen, ist aber nicht das Ziel.</li><li>Nicht "
                "einer Innovationseinheit, einem Labor oder der Leitung vorbehalten.</li><li>"
                "Keine große Wette: viele kleine, sichere Tests sind besser als ein einziges "
                "großes Risiko.</li><li>Kein „Innovationstheater“: Workshops und Slogans, die "
                "für die Nutzenden nichts ändern.</li><li>Kein Umgehen von Regeln: Innovation "
                "in der Verwaltung bleibt im Rahmen des Gesetzes und des eigenen Mandats.</li>"
                "</ul>",
                "public_values": "<ul><li>Rechtmäßigkeit und Gleichbehandlung: jede Änderung "
                "achtet die Regeln und behandelt alle gleich.</li><li>Mehrwert für die "
                "Menschen, denen wir dienen: ein besserer, einfacherer oder zugänglicherer "
                "Dienst.</li><li>Sorgfältiger Umgang mit öffentlichen Mitteln: erst im Kleinen "
                "erproben, dann im Großen investieren.</li><li>Offenheit und Rechenschaft: wir "
                "sagen, was wir versucht haben, was funktioniert hat und was nicht.</li><li>"
                "Vertrauen: in die Verwaltung und unter Kolleginnen und Kollegen, die sich "
                "äußern.</li><li>Inklusion: Ideen und Talente von allen, nicht nur von den "
                "üblichen Stimmen.</li></ul>",
                "in_practice": "<ul><li>Ein Mitarbeiter am Schalter merkt, dass ein Formular "
                "alle verwirrt, erprobt zwei Wochen lang eine klarere Fassung und zählt die "
                "eingesparten Rückfragen.</li><li>Eine Teamleiterin gibt einer stillen "
                "Kollegin in der Teamsitzung das Wort, und daraus entsteht die beste Idee des "
                "Monats.</li><li>Zwei Dienststellen, die sich nie begegnet sind, teilen in "
                "einem Hackathon, was sie gelernt haben, und bleiben über Mentoring in Kontakt."
                "</li><li>Eine Führungskraft setzt Ziele, die Ausprobieren und Lernen belohnen, "
                "nicht nur das Erreichen von Zahlen.</li></ul>",
            },
        },
    ),
)


def _section(key, slug, kind, en, nl, fr, de=None):
    text = {
        "en": {"title": en[0], "summary": en[1], "intro": f"<p>{en[1]}</p>"},
        "nl": {"title": nl[0], "summary": nl[1], "intro": f"<p>{nl[1]}</p>"},
        "fr": {"title": fr[0], "summary": fr[1], "intro": f"<p>{fr[1]}</p>"},
    }
    if de:
        text["de"] = {"title": de[0], "summary": de[1], "intro": f"<p>{de[1]}</p>"}
    return Node(
        key=key,
        model="HubSectionPage",
        slug=slug,
        parent="hub",
        fields={"kind": kind},
        sources=(NIDO,),
        text=text,
    )


SECTIONS = (
    _section(
        "section-principles",
        "principles",
        "principle",
        (
            "Six principles of inclusive and innovative leadership",
            "What leaders at every level can do so that their team listens, learns and "
            "comes up with ideas that matter.",
        ),
        (
            "Zes principes van inclusief en innovatief leiderschap",
            "Wat leidinggevenden op elk niveau kunnen doen zodat hun team luistert, leert "
            "en met ideeën komt die ertoe doen.",
        ),
        (
            "Six principes de leadership inclusif et innovant",
            "Ce que les responsables de tout niveau peuvent faire pour que leur équipe "
            "écoute, apprenne et propose des idées qui comptent.",
        ),
        (
            "Sechs Grundsätze inklusiver und innovativer Führung",
            "Was Führungskräfte auf jeder Ebene tun können, damit ihr Team zuhört, lernt "
            "und Ideen entwickelt, die zählen.",
        ),
    ),
    _section(
        "section-cases",
        "cases",
        "case",
        (
            "Cases",
            "Five stories from administrations abroad: what they tried, what changed, and "
            "where to read more.",
        ),
        (
            "Cases",
            "Vijf verhalen uit overheden in het buitenland: wat ze probeerden, wat er "
            "veranderde en waar je meer leest.",
        ),
        (
            "Cas inspirants",
            "Cinq récits d'administrations étrangères : ce qu'elles ont tenté, ce qui a "
            "changé et où en lire davantage.",
        ),
        (
            "Fälle",
            "Fünf Geschichten aus Verwaltungen im Ausland: was sie versucht haben, was "
            "sich geändert hat und wo Sie mehr lesen.",
        ),
    ),
    _section(
        "section-tools",
        "tools",
        "tool",
        (
            "Practical tools",
            "Models and guides you can open with your team tomorrow, each with what it is "
            "and when it helps.",
        ),
        (
            "Praktische tools",
            "Modellen en handleidingen die je morgen met je team kunt openslaan, telkens "
            "met wat het is en wanneer het helpt.",
        ),
        (
            "Outils pratiques",
            "Des modèles et des guides à ouvrir dès demain avec votre équipe, avec pour "
            "chacun ce qu'il est et quand il aide.",
        ),
        (
            "Praktische Werkzeuge",
            "Modelle und Leitfäden, die Sie morgen mit Ihrem Team aufschlagen können, "
            "jeweils mit Inhalt und Nutzen.",
        ),
    ),
    _section(
        "section-resources",
        "reading",
        "resource",
        (
            "Books, articles and talks",
            "A selection on shared leadership, soft skills and innovation in government, "
            "with type, language and year.",
        ),
        (
            "Boeken, artikels en talks",
            "Wat we aanraden om te lezen over leiderschap dat gedeeld wordt, zachte vaardigheden "
            "en vernieuwing bij de overheid, met type, taal en jaar.",
        ),
        (
            "Livres, articles et conférences",
            "Une sélection sur le leadership partagé, les compétences humaines et "
            "l'innovation publique, avec type, langue et année.",
        ),
        (
            "Bücher, Artikel und Vorträge",
            "Eine Auswahl zu geteilter Führung, sozialen Kompetenzen und Innovation in der "
            "Verwaltung, mit Art, Sprache und Jahr.",
        ),
    ),
    _section(
        "section-partners",
        "partners",
        "partner",
        (
            "Partners",
            "Who to turn to for help with leadership and innovation skills in government.",
        ),
        (
            "Partners",
            "Bij wie je terechtkunt voor hulp rond leiderschap en innovatievaardigheden bij "
            "de overheid.",
        ),
        (
            "Partenaires",
            "À qui vous adresser pour être aidé sur le leadership et les compétences "
            "d'innovation dans l'administration.",
        ),
        (
            "Partner",
            "An wen Sie sich wenden können, wenn es um Führung und Innovationsfähigkeiten in "
            "der Verwaltung geht.",
        ),
    ),
    _section(
        "section-presentations",
        "presentations",
        "presentation",
        (
            "Presentations",
            "The speakers' slides from the September 2025 session, with file type and size.",
        ),
        (
            "Presentaties",
            "De slides van de sprekers op de sessie van september 2025, met bestandstype en "
            "grootte.",
        ),
        (
            "Présentations",
            "Les diapositives des intervenants de la session de septembre 2025, avec type et "
            "taille du fichier.",
        ),
        (
            "Präsentationen",
            "Die Folien der Vortragenden aus der Sitzung vom September 2025, mit Dateityp und "
            "Größe.",
        ),
    ),
    _section(
        "section-recordings",
        "recordings",
        "recording",
        (
            "Recordings",
            "Watch the inspiration sessions again, with the speakers and what they covered.",
        ),
        (
            "Opnames",
            "Bekijk de inspiratiesessies opnieuw, met de sprekers en de onderwerpen.",
        ),
        (
            "Enregistrements",
            "Revoyez les sessions d'inspiration, avec les intervenants et les sujets abordés.",
        ),
        (
            "Aufzeichnungen",
            "Sehen Sie die Inspirationssitzungen noch einmal, mit den Vortragenden und Themen.",
        ),
    ),
    _section(
        "section-tips",
        "tips",
        "tip",
        (
            "Tips",
            "Small, concrete moves our experts recommend, each with who suggested it.",
        ),
        (
            "Tips",
            "Kleine, concrete stappen die onze experts aanraden, telkens met wie ze voorstelde.",
        ),
        (
            "Conseils",
            "De petits gestes concrets que recommandent nos experts, avec leur auteur.",
        ),
        (
            "Tipps",
            "Kleine, konkrete Schritte, die unsere Fachleute empfehlen, jeweils mit ihrem Namen.",
        ),
    ),
    _section(
        "section-questions",
        "questions",
        "question",
        (
            "Questions and expert answers",
            "Two questions from the audience of the September 2025 session, answered by experts.",
        ),
        (
            "Vragen en antwoorden",
            "Twee vragen uit het publiek van de sessie van september 2025, beantwoord door "
            "experts.",
        ),
        (
            "Questions et réponses",
            "Deux questions du public de la session de septembre 2025, avec la réponse d'experts.",
        ),
        (
            "Fragen und Antworten",
            "Zwei Fragen aus dem Publikum der Sitzung vom September 2025, beantwortet von "
            "Fachleuten.",
        ),
    ),
    _section(
        "section-quotes",
        "quotes",
        "quote",
        (
            "Quotes",
            "What the speakers said, in our words, with the name of who said it.",
        ),
        (
            "Citaten",
            "Wat de sprekers zeiden, in onze woorden, met de naam van wie het zei.",
        ),
        (
            "Citations",
            "Ce que les intervenants ont dit, dans nos mots, avec le nom de leur auteur.",
        ),
        (
            "Zitate",
            "Was die Vortragenden gesagt haben, in unseren Worten, mit ihrem Namen.",
        ),
    ),
)
