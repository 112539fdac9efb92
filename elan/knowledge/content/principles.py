# SPDX-License-Identifier: EUPL-1.2
# Content: CC BY-SA 4.0. Written in our own words after the sources each page credits.
"""The six principles of inclusive and innovative leadership, after Nido's page."""

from __future__ import annotations

from elan.knowledge.content.hub import NIDO, OPSI_CORE_SKILLS
from elan.knowledge.content.schema import Node


def _principle(slug, number, skills, text):
    return Node(
        key=f"principle-{slug}",
        model="PrinciplePage",
        slug=slug,
        parent="section-principles",
        fields={"principle": slug, "number": number},
        principles=(slug,),
        skills=skills,
        sources=(NIDO, OPSI_CORE_SKILLS),
        text=text,
    )


PRINCIPLES = (
    _principle(
        "see-hidden-talent",
        1,
        ("curiosity", "user-centricity", "insurgency"),
        {
            "en": {
                "title": "1. See what nobody sees yet",
                "summary": "The people at the edge of the team often see what the centre misses; "
                "make sure they are heard.",
                "meaning": "<p>Good ideas do not only come from the people who are always in the "
                "room. Newcomers, colleagues in support roles, staff on the front line and the "
                "citizens who use a service often notice what the core team no longer sees. "
                "Inclusive leadership looks for that talent on purpose and gives it a place.</p>",
                "on_the_work_floor": "<ul><li>Meetings where the person closest to the problem "
                "speaks first, not the most senior.</li><li>Project teams mixed across units, "
                "grades and backgrounds.</li><li>Ideas judged on their merit, whoever brings "
                "them.</li></ul>",
                "practice_this_week": "<p>Pick one decision your team takes this week and ask "
                "someone who is rarely consulted, a new colleague, a trainee, or a user of the "
                "service, what they would change. Tell them afterwards what you did with their "
                "answer.</p>",
            },
            "nl": {
                "title": "1. Zie wat (nog) niemand ziet",
                "summary": "Wie aan de rand van het team staat, ziet vaak wat het centrum mist; "
                "zorg dat die stem gehoord wordt.",
                "meaning": "<p>Goede ideeën komen niet alleen van wie altijd aan tafel zit. "
                "Nieuwkomers, collega's in ondersteunende functies, medewerkers aan het loket en "
                "de burgers die een dienst gebruiken, merken vaak op wat het kernteam niet meer "
                "ziet. Inclusief leiderschap zoekt dat talent bewust op en geeft het een "
                "plaats.</p>",
                "on_the_work_floor": "<ul><li>Vergaderingen waarin wie het dichtst bij het "
                "probleem staat als eerste spreekt, niet wie het hoogst in rang is.</li><li>"
                "Projectteams die diensten, niveaus en achtergronden mengen.</li><li>Ideeën "
                "die beoordeeld worden op hun inhoud, wie ze ook aanbrengt.</li></ul>",
                "practice_this_week": "<p>Kies één beslissing die je team deze week neemt en "
                "vraag iemand die zelden geraadpleegd wordt, een nieuwe collega, een stagiair "
                "of een gebruiker van de dienst, wat die zou veranderen. Laat achteraf weten "
                "wat je met dat antwoord gedaan hebt.</p>",
            },
            "fr": {
                "title": "1. Voir ce que personne ne voit (encore)",
                "summary": "Les personnes en marge de l'équipe voient souvent ce que le centre "
                "ne voit pas ; veillez à ce qu'on les entende.",
                "meaning": "<p>Les bonnes idées ne viennent pas seulement de ceux qui sont "
                "toujours autour de la table. Les nouveaux venus, les collègues des fonctions "
                "de support, le personnel au guichet et les citoyens qui utilisent un service "
                "remarquent souvent ce que l'équipe centrale ne voit plus. Le leadership "
                "inclusif va chercher ce talent délibérément et lui fait une place.</p>",
                "on_the_work_floor": "<ul><li>Des réunions où la personne la plus proche du "
                "problème parle en premier, et non la plus gradée.</li><li>Des équipes de "
                "projet qui mêlent services, niveaux et parcours.</li><li>Des idées jugées sur "
                "leur fond, quelle que soit la personne qui les apporte.</li></ul>",
                "practice_this_week": "<p>Choisissez une décision que votre équipe prend cette "
                "semaine et demandez à quelqu'un qu'on consulte rarement, un nouveau collègue, "
                "un stagiaire ou un usager du service, ce qu'il changerait. Dites-lui ensuite "
                "ce que vous avez fait de sa réponse.</p>",
            },
            "de": {
                "title": "1. Sehen, was (noch) niemand sieht",
                "summary": "Wer am Rand des Teams steht, sieht oft, was der Mitte entgeht; sorgen "
                "Sie dafür, dass diese Stimme gehört wird.",
                "meaning": "<p>Gute Ideen kommen nicht nur von denen, die immer am Tisch sitzen. "
                "Neue Kolleginnen und Kollegen, Beschäftigte in unterstützenden Funktionen, am "
                "Schalter und die Bürgerinnen und Bürger, die einen Dienst nutzen, bemerken oft, "
                "was das Kernteam nicht mehr sieht. Inklusive Führung sucht dieses Talent "
                "gezielt und gibt ihm einen Platz.</p>",
                "on_the_work_floor": "<ul><li>Besprechungen, in denen zuerst spricht, wer dem "
                "Problem am nächsten ist, nicht wer den höchsten Rang hat.</li><li>"
                "Projektteams, die Dienststellen, Ebenen und Werdegänge mischen.</li><li>Ideen, "
                "die nach ihrem Inhalt beurteilt werden, egal von wem sie kommen.</li></ul>",
                "practice_this_week": "<p>Wählen Sie eine Entscheidung, die Ihr Team diese "
                "Woche trifft, und fragen Sie jemanden, der selten gefragt wird, eine neue "
                "Kollegin, einen Praktikanten oder eine Nutzerin des Dienstes, was sie ändern "
                "würden. Sagen Sie ihnen danach, was Sie mit der Antwort gemacht haben.</p>",
            },
        },
    ),
    _principle(
        "real-conversations",
        2,
        ("storytelling", "curiosity", "user-centricity"),
        {
            "en": {
                "title": "2. Make room for real conversations",
                "summary": "Speaking up should cost nothing, and what is said should lead "
                "somewhere, in the meeting room and online alike.",
                "meaning": "<p>People only share a doubt, a mistake or an unusual idea when they "
                "feel safe doing so. A real conversation is one where speaking up has no cost "
                "and where what is said leads somewhere. That safety is built by leaders, one "
                "meeting at a time, and it applies online as much as around the table.</p>",
                "on_the_work_floor": "<ul><li>Retrospectives after a project where what went "
                "wrong is discussed without looking for someone to blame.</li><li>An anonymous "
                "channel for ideas and concerns, with a promise that every one gets an "
                "answer.</li><li>Leaders who ask questions before giving their own view.</li>"
                "</ul>",
                "practice_this_week": "<p>End your next team meeting with ten minutes for one "
                "question: “What is something we are not saying out loud?” Listen without "
                "defending, write down what you hear, and come back to it at the next "
                "meeting.</p>",
            },
            "nl": {
                "title": "2. Maak plek voor echte gesprekken",
                "summary": "Je mening geven mag niets kosten, en wat gezegd wordt moet ergens "
                "toe leiden, in de vergaderzaal en online.",
                "meaning": "<p>Mensen delen pas een twijfel, een fout of een ongewoon idee als "
                "ze zich daar veilig bij voelen. Een echt gesprek is er een waarin je mening "
                "geven niets kost en waarin wat gezegd wordt ook ergens toe leidt. Die "
                "veiligheid bouwen leidinggevenden op, vergadering na vergadering, online net "
                "zo goed als rond de tafel.</p>",
                "on_the_work_floor": "<ul><li>Terugblikken na een project waarin besproken "
                "wordt wat misliep, zonder een schuldige te zoeken.</li><li>Een anoniem kanaal "
                "voor ideeën en zorgen, met de belofte dat elk ervan een antwoord krijgt.</li>"
                "<li>Leidinggevenden die eerst vragen stellen voor ze hun eigen mening "
                "geven.</li></ul>",
                "practice_this_week": "<p>Sluit je volgende teamoverleg af met tien minuten "
                "voor één vraag: “Wat zeggen we niet hardop?” Luister zonder je te verdedigen, "
                "noteer wat je hoort en kom er in het volgende overleg op terug.</p>",
            },
            "fr": {
                "title": "2. Faire place à de vraies conversations",
                "summary": "Prendre la parole ne doit rien coûter, et ce qui est dit doit mener "
                "quelque part, en réunion comme en ligne.",
                "meaning": "<p>On ne partage un doute, une erreur ou une idée inhabituelle que "
                "si l'on se sent en sécurité. Une vraie conversation est celle où prendre la "
                "parole ne coûte rien et où ce qui est dit mène quelque part. Cette sécurité se "
                "construit par les responsables, réunion après réunion, en ligne comme autour "
                "de la table.</p>",
                "on_the_work_floor": "<ul><li>Des rétrospectives après un projet où l'on "
                "discute de ce qui a mal tourné sans chercher de coupable.</li><li>Un canal "
                "anonyme pour les idées et les préoccupations, avec l'engagement que chacune "
                "reçoit une réponse.</li><li>Des responsables qui posent des questions avant de "
                "donner leur propre avis.</li></ul>",
                "practice_this_week": "<p>Terminez votre prochaine réunion d'équipe par dix "
                "minutes consacrées à une seule question : « Qu'est-ce que nous ne disons pas "
                "tout haut ? » Écoutez sans vous défendre, notez ce que vous entendez et "
                "revenez-y à la réunion suivante.</p>",
            },
            "de": {
                "title": "2. Raum für echte Gespräche schaffen",
                "summary": "Sich zu äußern darf nichts kosten, und das Gesagte soll etwas "
                "bewirken, im Besprechungsraum wie online.",
                "meaning": "<p>Menschen teilen einen Zweifel, einen Fehler oder eine "
                "ungewöhnliche Idee nur, wenn sie sich dabei sicher fühlen. Ein echtes Gespräch "
                "ist eines, in dem das Wort zu ergreifen nichts kostet und das Gesagte zu etwas "
                "führt. Diese Sicherheit bauen Führungskräfte auf, Sitzung für Sitzung, online "
                "ebenso wie am Tisch.</p>",
                "on_the_work_floor": "<ul><li>Rückblicke nach einem Projekt, in denen besprochen "
                "wird, was schiefging, ohne Schuldige zu suchen.</li><li>Ein anonymer Kanal "
                "für Ideen und Sorgen, mit dem Versprechen, dass jede Meldung eine Antwort "
                "bekommt.</li><li>Führungskräfte, die Fragen stellen, bevor sie ihre eigene "
                "Meinung sagen.</li></ul>",
                "practice_this_week": "<p>Beenden Sie Ihre nächste Teamsitzung mit zehn Minuten "
                "für eine einzige Frage: „Was sprechen wir nicht laut aus?“ Hören Sie zu, ohne "
                "sich zu verteidigen, notieren Sie, was Sie hören, und kommen Sie in der "
                "nächsten Sitzung darauf zurück.</p>",
            },
        },
    ),
    _principle(
        "close-to-the-action",
        3,
        ("user-centricity", "iteration", "insurgency"),
        {
            "en": {
                "title": "3. Act close to the action",
                "summary": "The people who do the work know where it gets stuck; try ideas with "
                "them, where the work is done.",
                "meaning": "<p>The people who do the work and meet the users know best where a "
                "process gets stuck. Waiting for a decision from far up the line slows "
                "everything down and loses what they know. Acting close to the action means "
                "trying ideas on the work floor, with the people concerned, within the room "
                "your mandate already gives you.</p>",
                "on_the_work_floor": "<ul><li>A team that tries a new way of handling files for "
                "a fortnight before anyone writes a note about it.</li><li>Managers who visit "
                "the front line to see the problem with their own eyes.</li><li>Decisions "
                "delegated to the level where the information is.</li></ul>",
                "practice_this_week": "<p>Spend one hour where your service meets its users, at "
                "the counter, on the phone line or in the inbox. Note one irritation you can "
                "remove yourself, and remove it.</p>",
            },
            "nl": {
                "title": "3. Doe het dicht bij de actie",
                "summary": "Wie het werk doet, weet waar het vastloopt; probeer ideeën uit samen "
                "met hen, daar waar het werk gebeurt.",
                "meaning": "<p>Wie het werk doet en de gebruikers ontmoet, weet het best waar "
                "een proces vastloopt. Wachten op een beslissing van hoog in de lijn vertraagt "
                "alles en laat die kennis liggen. Dicht bij de actie werken betekent ideeën "
                "uitproberen op de werkvloer, samen met de betrokkenen, binnen de ruimte die je "
                "mandaat je al geeft.</p>",
                "on_the_work_floor": "<ul><li>Een team dat twee weken een nieuwe manier van "
                "dossierbehandeling uitprobeert voor iemand er een nota over schrijft.</li><li>"
                "Leidinggevenden die naar het loket gaan om het probleem met eigen ogen te "
                "zien.</li><li>Beslissingen die gedelegeerd worden naar het niveau waar de "
                "informatie zit.</li></ul>",
                "practice_this_week": "<p>Breng één uur door waar je dienst zijn gebruikers "
                "ontmoet: aan het loket, aan de telefoon of in de mailbox. Noteer één ergernis "
                "die je zelf kunt wegnemen, en neem ze weg.</p>",
            },
            "fr": {
                "title": "3. Agir au plus près de l'action",
                "summary": "Celles et ceux qui font le travail savent où il coince ; essayez les "
                "idées avec eux, là où le travail se fait.",
                "meaning": "<p>Celles et ceux qui font le travail et rencontrent les usagers "
                "savent le mieux où une procédure se bloque. Attendre une décision venue de "
                "haut ralentit tout et laisse ce savoir de côté. Agir au plus près de l'action, "
                "c'est essayer des idées sur le terrain, avec les personnes concernées, dans la "
                "marge que votre mandat vous donne déjà.</p>",
                "on_the_work_floor": "<ul><li>Une équipe qui essaie pendant quinze jours une "
                "nouvelle façon de traiter les dossiers avant que quiconque rédige une note.</li>"
                "<li>Des responsables qui se rendent au guichet pour voir le problème de leurs "
                "propres yeux.</li><li>Des décisions déléguées au niveau où se trouve "
                "l'information.</li></ul>",
                "practice_this_week": "<p>Passez une heure là où votre service rencontre ses "
                "usagers : au guichet, au téléphone ou dans la boîte de réception. Notez un "
                "irritant que vous pouvez supprimer vous-même, et supprimez-le.</p>",
            },
            "de": {
                "title": "3. Nah am Geschehen handeln",
                "summary": "Wer die Arbeit macht, weiß, wo sie hakt; erproben Sie Ideen mit "
                "diesen Menschen, dort, wo gearbeitet wird.",
                "meaning": "<p>Wer die Arbeit macht und den Nutzenden begegnet, weiß am besten, "
                "wo ein Ablauf hakt. Auf eine Entscheidung von weit oben zu warten, bremst alles "
                "und lässt dieses Wissen ungenutzt. Nah am Geschehen zu handeln heißt, Ideen vor "
                "Ort auszuprobieren, mit den Betroffenen, im Rahmen, den Ihr Mandat Ihnen schon "
                "gibt.</p>",
                "on_the_work_floor": "<ul><li>Ein Team, das zwei Wochen lang eine neue Art der "
                "Aktenbearbeitung erprobt, bevor jemand einen Vermerk darüber schreibt.</li><li>"
                "Führungskräfte, die an den Schalter gehen, um das Problem mit eigenen Augen zu "
                "sehen.</li><li>Entscheidungen, die auf die Ebene übertragen werden, auf der "
                "die Informationen liegen.</li></ul>",
                "practice_this_week": "<p>Verbringen Sie eine Stunde dort, wo Ihr Dienst seinen "
                "Nutzenden begegnet: am Schalter, am Telefon oder im Posteingang. Notieren Sie "
                "ein Ärgernis, das Sie selbst beseitigen können, und beseitigen Sie es.</p>",
            },
        },
    ),
    _principle(
        "test-small-adjust-fast",
        4,
        ("iteration", "data-literacy", "curiosity"),
        {
            "en": {
                "title": "4. Test small, adjust fast",
                "summary": "Learning is cheapest in small rounds: try something modest, look at "
                "what happened, change course, repeat.",
                "meaning": "<p>A large project planned in every detail carries a large risk: "
                "you learn whether it works only at the end. Small tests make learning cheap. "
                "Each round, you try something modest, look at what happened, and adjust "
                "before the next round. Decide beforehand what would tell you to stop, to "
                "continue or to scale up.</p>",
                "on_the_work_floor": "<ul><li>A new letter sent to fifty citizens before it "
                "goes to fifty thousand.</li><li>A pilot with a fixed end date and a simple "
                "measure of success.</li><li>A team that reports what it learned, including "
                "what failed.</li></ul>",
                "practice_this_week": "<p>Take an idea your team keeps postponing. Shrink it "
                "until it fits in one week and costs nothing you need to ask for. Write down "
                "what result would make it worth continuing, run it, and look at the result "
                "together on Friday.</p>",
            },
            "nl": {
                "title": "4. Klein testen, snel bijsturen",
                "summary": "Leren is het goedkoopst in kleine rondes: probeer iets bescheidens, "
                "kijk wat er gebeurde, stuur bij, herhaal.",
                "meaning": "<p>Een groot project dat tot in de details gepland is, draagt een "
                "groot risico: pas op het einde weet je of het werkt. Kleine tests maken leren "
                "goedkoop. In elke ronde probeer je iets bescheidens, kijk je wat er gebeurde "
                "en stuur je bij voor de volgende ronde. Spreek vooraf af wat je zou doen "
                "stoppen, doorgaan of opschalen.</p>",
                "on_the_work_floor": "<ul><li>Een nieuwe brief die eerst naar vijftig burgers "
                "gaat voor hij naar vijftigduizend vertrekt.</li><li>Een proefproject met een "
                "vaste einddatum en een eenvoudige maatstaf voor succes.</li><li>Een team dat "
                "vertelt wat het leerde, ook wat mislukte.</li></ul>",
                "practice_this_week": "<p>Neem een idee dat je team blijft uitstellen. Maak het "
                "kleiner tot het in één week past en niets kost waarvoor je toestemming moet "
                "vragen. Schrijf op welk resultaat de moeite waard is om door te gaan, voer het "
                "uit en bekijk het resultaat samen op vrijdag.</p>",
            },
            "fr": {
                "title": "4. Tester petit, ajuster vite",
                "summary": "On apprend à moindre coût par petites étapes : essayer quelque chose "
                "de modeste, observer, corriger, recommencer.",
                "meaning": "<p>Un grand projet planifié dans le moindre détail comporte un grand "
                "risque : on ne sait qu'à la fin s'il fonctionne. Les petits tests rendent "
                "l'apprentissage bon marché. À chaque tour, on essaie quelque chose de modeste, "
                "on regarde ce qui s'est passé et on ajuste avant le tour suivant. Décidez à "
                "l'avance ce qui vous ferait arrêter, continuer ou passer à plus grande "
                "échelle.</p>",
                "on_the_work_floor": "<ul><li>Un nouveau courrier envoyé à cinquante citoyens "
                "avant de l'être à cinquante mille.</li><li>Un projet pilote avec une date de "
                "fin fixe et une mesure simple du succès.</li><li>Une équipe qui raconte ce "
                "qu'elle a appris, y compris ce qui a échoué.</li></ul>",
                "practice_this_week": "<p>Prenez une idée que votre équipe reporte sans cesse. "
                "Réduisez-la jusqu'à ce qu'elle tienne en une semaine et ne coûte rien qui "
                "demande une autorisation. Notez quel résultat justifierait de continuer, "
                "lancez-la et regardez le résultat ensemble le vendredi.</p>",
            },
            "de": {
                "title": "4. Klein testen, schnell nachsteuern",
                "summary": "Am günstigsten lernt man in kleinen Runden: etwas Bescheidenes "
                "versuchen, hinschauen, umsteuern, wiederholen.",
                "meaning": "<p>Ein großes, bis ins Detail geplantes Projekt trägt ein großes "
                "Risiko: Erst am Ende wissen Sie, ob es funktioniert. Kleine Tests machen das "
                "Lernen billig. In jeder Runde probieren Sie etwas Bescheidenes aus, sehen, was "
                "passiert ist, und passen an, bevor die nächste Runde beginnt. Legen Sie vorher "
                "fest, was Sie zum Aufhören, Weitermachen oder Ausweiten bringen würde.</p>",
                "on_the_work_floor": "<ul><li>Ein neues Schreiben geht zuerst an fünfzig "
                "Bürgerinnen und Bürger, bevor es an fünfzigtausend geht.</li><li>Ein "
                "Pilotprojekt mit festem Enddatum und einem einfachen Erfolgsmaß.</li><li>Ein "
                "Team, das erzählt, was es gelernt hat, auch was misslungen ist.</li></ul>",
                "practice_this_week": "<p>Nehmen Sie eine Idee, die Ihr Team immer wieder "
                "verschiebt. Verkleinern Sie sie, bis sie in eine Woche passt und nichts kostet, "
                "wofür Sie eine Erlaubnis bräuchten. Schreiben Sie auf, welches Ergebnis das "
                "Weitermachen lohnt, führen Sie sie durch und schauen Sie sich das Ergebnis am "
                "Freitag gemeinsam an.</p>",
            },
        },
    ),
    _principle(
        "lead-with-empathy",
        5,
        ("storytelling", "user-centricity", "insurgency"),
        {
            "en": {
                "title": "5. Lead with empathy",
                "summary": "Leaders who listen well, say clearly what they think and notice how "
                "people feel earn the trust that lets a team move fast.",
                "meaning": "<p>Empathy is not softness. A leader who listens actively, gives "
                "clear and honest feedback and notices how people feel creates the trust that "
                "lets a team move fast. People take initiative when they know their leader "
                "will back a reasonable attempt, even one that fails.</p>",
                "on_the_work_floor": "<ul><li>One-to-one conversations that start with the "
                "other person's view.</li><li>Feedback that is specific, timely and about the "
                "work, never about the person.</li><li>A leader who admits a mistake first, so "
                "that others can too.</li></ul>",
                "practice_this_week": "<p>In your next one-to-one, ask “What is getting in your "
                "way?” and listen for five minutes without proposing a solution. Then agree on "
                "one thing you will do to clear the way, and do it.</p>",
            },
            "nl": {
                "title": "5. Leid met empathie",
                "summary": "Wie goed luistert, eerlijk zegt wat hij denkt en merkt hoe mensen "
                "zich voelen, wint het vertrouwen waarmee een team snel vooruitgaat.",
                "meaning": "<p>Empathie is geen zachtheid. Een leidinggevende die actief "
                "luistert, duidelijke en eerlijke feedback geeft en merkt hoe mensen zich "
                "voelen, schept het vertrouwen waardoor een team snel kan werken. Mensen nemen "
                "initiatief als ze weten dat hun leidinggevende een redelijke poging steunt, "
                "ook een die mislukt.</p>",
                "on_the_work_floor": "<ul><li>Individuele gesprekken die beginnen bij het "
                "standpunt van de ander.</li><li>Feedback die concreet en tijdig is en over het "
                "werk gaat, nooit over de persoon.</li><li>Een leidinggevende die als eerste "
                "een fout toegeeft, zodat anderen dat ook durven.</li></ul>",
                "practice_this_week": "<p>Vraag in je volgende individuele gesprek: “Wat houdt "
                "je tegen?” en luister vijf minuten zonder een oplossing voor te stellen. Spreek "
                "daarna één ding af dat jij doet om de weg vrij te maken, en doe het.</p>",
            },
            "fr": {
                "title": "5. Diriger avec empathie",
                "summary": "Le responsable qui écoute bien, dit franchement ce qu'il pense et "
                "perçoit ce que vivent les gens gagne la confiance qui fait avancer l'équipe.",
                "meaning": "<p>L'empathie n'est pas de la mollesse. Un responsable qui écoute "
                "activement, donne un feedback clair et honnête et perçoit ce que ressentent "
                "les gens crée la confiance qui permet à une équipe d'avancer vite. On prend "
                "des initiatives quand on sait que son responsable soutiendra une tentative "
                "raisonnable, même si elle échoue.</p>",
                "on_the_work_floor": "<ul><li>Des entretiens individuels qui commencent par le "
                "point de vue de l'autre.</li><li>Un feedback précis, donné à temps et portant "
                "sur le travail, jamais sur la personne.</li><li>Un responsable qui reconnaît "
                "le premier une erreur, pour que les autres osent aussi.</li></ul>",
                "practice_this_week": "<p>Lors de votre prochain entretien individuel, demandez "
                "« Qu'est-ce qui vous freine ? » et écoutez cinq minutes sans proposer de "
                "solution. Convenez ensuite d'une chose que vous ferez pour lever l'obstacle, "
                "et faites-la.</p>",
            },
            "de": {
                "title": "5. Mit Empathie führen",
                "summary": "Wer gut zuhört, offen sagt, was er denkt, und merkt, wie es anderen "
                "geht, gewinnt das Vertrauen, mit dem ein Team schnell vorankommt.",
                "meaning": "<p>Empathie ist keine Weichheit. Eine Führungskraft, die aktiv "
                "zuhört, klares und ehrliches Feedback gibt und merkt, wie es den Menschen geht, "
                "schafft das Vertrauen, mit dem ein Team schnell vorankommt. Menschen ergreifen "
                "die Initiative, wenn sie wissen, dass ihre Führungskraft einen vernünftigen "
                "Versuch unterstützt, auch einen, der scheitert.</p>",
                "on_the_work_floor": "<ul><li>Einzelgespräche, die mit der Sicht des Gegenübers "
                "beginnen.</li><li>Feedback, das konkret und zeitnah ist und die Arbeit "
                "betrifft, nie die Person.</li><li>Eine Führungskraft, die als Erste einen "
                "Fehler zugibt, damit andere es auch wagen.</li></ul>",
                "practice_this_week": "<p>Fragen Sie im nächsten Einzelgespräch: „Was hält Sie "
                "auf?“ und hören Sie fünf Minuten zu, ohne eine Lösung vorzuschlagen. "
                "Vereinbaren Sie dann eine Sache, die Sie tun, um den Weg frei zu machen, und "
                "tun Sie sie.</p>",
            },
        },
    ),
    _principle(
        "learning-network",
        6,
        ("curiosity", "storytelling", "insurgency"),
        {
            "en": {
                "title": "6. Build your learning network",
                "summary": "Learn from mentors and from peers in other services, and let "
                "different fields feed each other's ideas.",
                "meaning": "<p>Nobody learns to innovate alone. Mentors pass on what they "
                "learned the hard way, peers in other services have already solved a problem "
                "you are facing, and cross-pollination between fields produces ideas neither "
                "would have found alone. A learning network grows when expertise is shared "
                "rather than guarded.</p>",
                "on_the_work_floor": "<ul><li>Mentoring pairs that deliberately cross "
                "departments.</li><li>Short show-and-tell sessions where teams present an "
                "experiment, failures included.</li><li>Colleagues who know whom to call in "
                "another service.</li></ul>",
                "practice_this_week": "<p>Invite someone from another service, whose work "
                "touches yours, for a thirty-minute coffee. Ask what they are trying at the "
                "moment and what they learned from it. Offer one thing you learned in "
                "return.</p>",
            },
            "nl": {
                "title": "6. Bouw je leernetwerk",
                "summary": "Leer van mentoren en van collega's in andere diensten, en laat "
                "vakgebieden elkaars ideeën voeden.",
                "meaning": "<p>Niemand leert alleen innoveren. Mentoren geven door wat ze "
                "leerden met vallen en opstaan, collega's in andere diensten hebben een "
                "probleem dat jij nu hebt al opgelost, en kruisbestuiving tussen vakgebieden "
                "levert ideeën op die geen van beide alleen gevonden had. Een leernetwerk "
                "groeit wanneer expertise gedeeld wordt in plaats van afgeschermd.</p>",
                "on_the_work_floor": "<ul><li>Mentorduo's die bewust over departementen heen "
                "gevormd worden.</li><li>Korte sessies waarin teams een experiment voorstellen, "
                "mislukkingen inbegrepen.</li><li>Collega's die weten wie ze in een andere "
                "dienst kunnen bellen.</li></ul>",
                "practice_this_week": "<p>Nodig iemand uit een andere dienst, van wie het werk "
                "het jouwe raakt, uit voor een koffie van een half uur. Vraag wat die nu "
                "uitprobeert en wat die ervan leerde. Bied in ruil één les aan die jij "
                "leerde.</p>",
            },
            "fr": {
                "title": "6. Construire son réseau d'apprentissage",
                "summary": "Apprenez de mentors et de pairs d'autres services, et laissez les "
                "domaines nourrir mutuellement leurs idées.",
                "meaning": "<p>Personne n'apprend à innover seul. Les mentors transmettent ce "
                "qu'ils ont appris à leurs dépens, des pairs d'autres services ont déjà résolu "
                "le problème que vous rencontrez, et la pollinisation croisée entre domaines "
                "produit des idées qu'aucun n'aurait trouvées seul. Un réseau d'apprentissage "
                "grandit quand l'expertise est partagée plutôt que gardée.</p>",
                "on_the_work_floor": "<ul><li>Des binômes de mentorat qui franchissent "
                "délibérément les frontières entre départements.</li><li>De courtes séances où "
                "des équipes présentent une expérience, échecs compris.</li><li>Des collègues "
                "qui savent qui appeler dans un autre service.</li></ul>",
                "practice_this_week": "<p>Invitez une personne d'un autre service, dont le "
                "travail touche le vôtre, à prendre un café d'une demi-heure. Demandez-lui ce "
                "qu'elle essaie en ce moment et ce qu'elle en a appris. Offrez en retour une "
                "leçon que vous avez apprise.</p>",
            },
            "de": {
                "title": "6. Das eigene Lernnetzwerk aufbauen",
                "summary": "Lernen Sie von Mentorinnen, Mentoren und Gleichgestellten in anderen "
                "Dienststellen, und lassen Sie Fachgebiete einander anregen.",
                "meaning": "<p>Niemand lernt allein zu innovieren. Mentorinnen und Mentoren "
                "geben weiter, was sie mühsam gelernt haben, Kolleginnen und Kollegen in "
                "anderen Dienststellen haben ein Problem, vor dem Sie stehen, schon gelöst, und "
                "der Austausch zwischen Fachgebieten bringt Ideen hervor, die keines allein "
                "gefunden hätte. Ein Lernnetzwerk wächst, wenn Wissen geteilt statt gehütet "
                "wird.</p>",
                "on_the_work_floor": "<ul><li>Mentoring-Tandems, die bewusst über Abteilungen "
                "hinweg gebildet werden.</li><li>Kurze Runden, in denen Teams ein Experiment "
                "vorstellen, Misserfolge eingeschlossen.</li><li>Kolleginnen und Kollegen, die "
                "wissen, wen sie in einer anderen Dienststelle anrufen können.</li></ul>",
                "practice_this_week": "<p>Laden Sie jemanden aus einer anderen Dienststelle, "
                "deren Arbeit Ihre berührt, zu einem halbstündigen Kaffee ein. Fragen Sie, was "
                "sie gerade ausprobiert und was sie daraus gelernt hat. Bieten Sie im Gegenzug "
                "eine eigene Lehre an.</p>",
            },
        },
    ),
)
