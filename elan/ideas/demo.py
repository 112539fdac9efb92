# SPDX-License-Identifier: EUPL-1.2
"""The demo ideas for ``manage.py demo_data``, in BOSA (issue 20):

- **Minder papier, meer tijd**, a campaign Hanne Janssens (hr@elan.example) put to all of BOSA
  three weeks ago; it closes in about two and a half. Eight colleagues of five units posted an
  idea, in Dutch or French, three of them anonymously; colleagues supported and commented, and
  one anonymous author answered a question through their private link. Eva Peeters
  (employee@elan.example) asks for the telework-allowance form to be filled in beforehand: her
  idea waits for Hanne's answer. Marie Dubois (manager@elan.example) proposes shared minutes;
  Tom Claes (teamlead@elan.example) supports it. A ninth idea, aimed at a recognisable
  colleague, was hidden by the moderator, Lukas Schmitz (moderator@elan.example), with the
  reason its author reads. Hanne owns the campaign, so every idea waits for her answer.
- **Een goede start voor nieuwe collega's**, Hanne's campaign of about two months ago, now
  closed: each of its five ideas got its answer with a reason. Eva's (a mentor from another
  directorate for every newcomer) was taken forward, which opened a draft experiment card for
  Hanne, linked to the idea; a shorter badge form was already covered, with a link to the Nido
  lab's scaled experiment card, and so was a page of contacts for the first day; a laptop
  ready on the first day is "not now", to look at again when the new contract runs; a day in
  every directorate is not feasible, with what can be done instead.
- **Nido's idea box**, which Tom owns as the team lead: six ideas of the last eight months,
  answered with each of the four answers (one taken forward, a draft card of Tom's); an
  anonymous one about empty meeting rooms, whose deadline is two worked days away (the clock
  reminded Tom this morning); a named one past its deadline, escalated two worked days ago to
  Tom's line manager, Sarah Denis, head of DG Digital Transformation; and one posted a few
  days ago.
- The idea boxes of five more units: the training service's (six ideas answered over the
  year, one taken forward), and two small pairs of neighbours: the web team's (two) and the
  data team's (three), management control's (three) and DG Budget's own (two).

So the response figures (per unit and subtree, over the last year) show real numbers for
BOSA's own campaigns, Nido, the training service, the subtrees of DG Digital Transformation, DG
Recruitment and Development and DG Budget, and all of BOSA; and the anonymity guard's marker
for the units with fewer than five ideas. Each small box has a neighbour under the same parent
with which it makes five or more, so that the guard hides nothing but the small boxes (and the
units without ideas) to keep their difference with their parent's subtree from showing.

Everything goes through the services people use: posting on the day it happened (the services
take the day), the response clock run on the days it reminded and escalated, then once today.
The moments the services stamp as now are set to the day they would have happened, as the
other demo loaders do; an anonymous idea's posting keeps the start of its day, as the service
wrote it. Deterministic (people by their external id, dates from today) and safe to run again:
once Hanne's open campaign exists, nothing is added.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from elan.experiments.demo import COLLEAGUE_EXPERIMENTS
from elan.experiments.models import Experiment, ExperimentEvent
from elan.ideas import selectors, services
from elan.ideas.constants import HistoryKind, Status
from elan.ideas.models import Campaign, Comment, Idea, IdeaEvent, Support
from elan.organisations.models import StaffRecord, Unit

EMPLOYEE = "employee@elan.example"
LINE_MANAGER = "manager@elan.example"
TEAM_LEAD = "teamlead@elan.example"
HR = "hr@elan.example"
MODERATOR = "moderator@elan.example"

ORGANISATION = "BOSA"
NIDO = "BOSA-DGDT-NIDO"
TRAINING = "BOSA-DGRH-DEV"
WEB = "BOSA-DGDT-WEB"
DATA = "BOSA-DGDT-DATA"
BUDGET = "BOSA-DGBUD"
CONTROL = "BOSA-DGBUD-CTRL"

OPEN = "Minder papier, meer tijd"
CLOSED = "Een goede start voor nieuwe collega's"

# A link to the experiment card of Nido's colleague number 5 (Pauline Gérard's badge form).
BADGE_CARD = "card:5"


@dataclass(frozen=True)
class DemoComment:
    """Written ``after`` days after the idea was posted, by ``who``; by the anonymous author
    through the private link when ``who`` is empty."""

    who: str
    body: str
    after: int


@dataclass(frozen=True)
class DemoAnswer:
    """Given ``after`` worked days after the idea was posted, by its owner."""

    outcome: str
    reason: str
    after: int
    covered_by: str = ""
    look_again_in: int = 0  # days from today, for "not now"


@dataclass(frozen=True)
class DemoIdea:
    """Posted ``days_ago`` (on the worked day on or before it) by ``who``, a persona's address
    or an external id. ``due_in`` instead places the posting so that the answer is due that
    many worked days from today."""

    who: str
    language: str
    title: str
    body: str
    days_ago: int = 0
    anonymous: bool = False
    supporters: tuple[str, ...] = ()
    comments: tuple[DemoComment, ...] = ()
    answer: DemoAnswer | None = None
    hidden: str = ""  # the moderator's reason, the day after it was posted
    due_in: int | None = None


@dataclass(frozen=True)
class DemoCampaign:
    title: str
    question: str
    language: str
    opened: int  # days ago
    closes_in: int  # days from today; negative: closed that many days ago
    ideas: tuple[DemoIdea, ...]
    co_owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoBox:
    unit: str
    ideas: tuple[DemoIdea, ...] = field(default_factory=tuple)


# --- the open campaign -------------------------------------------------------------------------

OPEN_CAMPAIGN = DemoCampaign(
    title=OPEN,
    question=(
        "Waar gaat in jouw dienst tijd verloren aan papier: formulieren die we afdrukken om ze "
        "te laten tekenen en weer in te scannen, lijsten die we overtikken, handtekeningen die "
        "niets toevoegen? Welke stap kan weg, of eenvoudiger? Elk idee krijgt binnen twintig "
        "werkdagen een antwoord, met de reden.\n\n"
        "Où perdons-nous du temps avec le papier dans votre service : formulaires imprimés pour "
        "être signés puis scannés, listes recopiées, signatures qui n'ajoutent rien ? Quelle "
        "étape peut disparaître ou devenir plus simple ? Chaque idée reçoit une réponse motivée "
        "dans les vingt jours ouvrables."
    ),
    language="nl",
    opened=24,
    closes_in=18,
    ideas=(
        DemoIdea(
            "DEMO-0011",  # Nele Peeters, Nido
            "nl",
            "Eén handtekening voor een dienstreis in België",
            "Een aanvraag voor een dienstreis binnen België vraagt drie handtekeningen op "
            "papier: de mijne, die van mijn diensthoofd en die van de directeur-generaal. Het "
            "papier gaat van bureau naar bureau en is soms een week onderweg. Voor een reis "
            "binnen België zou de elektronische goedkeuring van het diensthoofd moeten volstaan.",
            days_ago=22,
            supporters=(
                LINE_MANAGER,
                EMPLOYEE,
                "DEMO-0024",
                "DEMO-0016",
                "DEMO-0005",
                "DEMO-0063",
            ),
            comments=(
                DemoComment(
                    LINE_MANAGER,
                    "Je signe une dizaine de ces demandes par mois. Pour un aller-retour à "
                    "Liège, la signature du directeur général n'apporte rien de plus que la "
                    "mienne.",
                    2,
                ),
                DemoComment(
                    "DEMO-0024",  # Koen Peeters
                    "Bij ons raakt het papier soms zoek tussen twee gebouwen. Dan begint alles "
                    "opnieuw.",
                    5,
                ),
            ),
        ),
        DemoIdea(
            "DEMO-0070",  # Manon Renard, management control
            "fr",
            "Ne plus imprimer les bons de commande pour les archiver",
            "Chaque bon de commande validé dans le système comptable est imprimé, signé à la "
            "main, puis scanné pour l'archive. Le système enregistre déjà qui a validé et "
            "quand : le papier ne prouve rien de plus et nous coûte une demi-journée par "
            "semaine.",
            days_ago=20,
            anonymous=True,
            supporters=("DEMO-0066", "DEMO-0072", "DEMO-0062", "DEMO-0067"),
            comments=(
                DemoComment(
                    "DEMO-0066",  # Mathieu Collard
                    "Même constat chez nous. L'archive numérique est-elle reconnue par la Cour "
                    "des comptes ?",
                    1,
                ),
                DemoComment(
                    "",
                    "Oui : l'archive du système comptable est l'archive officielle depuis "
                    "plusieurs années. Personne ne consulte les copies papier.",
                    3,
                ),
            ),
        ),
        DemoIdea(
            LINE_MANAGER,
            "fr",
            "Des procès-verbaux partagés plutôt qu'imprimés",
            "Nos procès-verbaux de réunion sont imprimés et relus à la réunion suivante pour "
            "être approuvés, souvent trois semaines plus tard. Une note partagée, complétée "
            "pendant la réunion et approuvée en ligne dans les deux jours, serait plus rapide "
            "et ne coûterait pas une feuille.",
            days_ago=17,
            supporters=(TEAM_LEAD, EMPLOYEE, "DEMO-0298", "DEMO-0013"),
            comments=(
                DemoComment(
                    TEAM_LEAD,
                    "Bij Nido proberen we het vanaf de volgende teamvergadering. Ik laat hier "
                    "weten hoe het loopt.",
                    1,
                ),
            ),
        ),
        DemoIdea(
            EMPLOYEE,
            "nl",
            "Het formulier voor de telewerkvergoeding vooraf invullen",
            "Wie de telewerkvergoeding aanvraagt, vult adres, uurrooster en aantal "
            "telewerkdagen in: gegevens die de personeelsdienst al heeft. Velen printen het "
            "formulier, vullen het met de hand in en scannen het weer in. Als het formulier de "
            "gekende gegevens vooraf invult, moet de aanvrager alleen nog bevestigen.",
            days_ago=15,
            supporters=(
                "DEMO-0011",
                LINE_MANAGER,
                "DEMO-0008",
                "DEMO-0013",
                "DEMO-0017",
                "DEMO-0052",
                "DEMO-0037",
            ),
            comments=(
                DemoComment(
                    "DEMO-0052",  # Hugo Gérard
                    "En formation, on nous pose la même question chaque semaine : pourquoi "
                    "remplir ce que l'administration sait déjà ?",
                    2,
                ),
                DemoComment(
                    LINE_MANAGER,
                    "Eva teste déjà une version plus courte de la lettre qui accompagne ce "
                    "formulaire ; les deux iraient bien ensemble.",
                    4,
                ),
            ),
        ),
        DemoIdea(
            "DEMO-0053",  # Jan Maes, training
            "nl",
            "Geen papieren aanwezigheidslijsten meer bij opleidingen",
            "Bij elke opleiding tekenen de deelnemers een papieren aanwezigheidslijst, die we "
            "daarna met de hand overtikken in het opleidingssysteem. Een QR-code aan de deur "
            "van het lokaal kan de aanwezigheid meteen registreren. Wie geen smartphone heeft, "
            "tekent zoals vroeger.",
            days_ago=12,
            anonymous=True,
            supporters=("DEMO-0049", "DEMO-0050", "DEMO-0056", "DEMO-0040"),
            comments=(
                DemoComment(
                    "DEMO-0049",  # Femke Vermeulen
                    "We tikken elke maand zo'n vierhonderd namen over. Van mij mag dit morgen.",
                    1,
                ),
            ),
        ),
        DemoIdea(
            "DEMO-0016",  # Pauline Renard, web team
            "fr",
            "Un seul formulaire de contact au lieu de sept",
            "Notre site compte sept formulaires de contact, chacun avec ses champs, et les "
            "messages arrivent dans sept boîtes différentes. Beaucoup de citoyens finissent par "
            "imprimer leur question et l'envoyer par la poste. Un seul formulaire, qui demande "
            "d'abord le sujet, enverrait la question directement au bon service.",
            days_ago=9,
            supporters=("DEMO-0015", "DEMO-0021"),
            comments=(
                DemoComment(
                    "DEMO-0018",  # Ruben Vermeulen
                    "Goed idee. Kunnen we dan ook tellen hoeveel vragen per onderwerp binnenkomen?",
                    2,
                ),
            ),
        ),
        DemoIdea(
            "DEMO-0030",  # Thomas Leroy, data team
            "fr",
            "Interdire l'imprimante à un collègue du quatrième",
            "Un collègue du quatrième étage imprime chacun de ses courriels, toute la journée. "
            "On le connaît tous. Il faudrait lui retirer l'accès à l'imprimante.",
            days_ago=8,
            hidden="Cette idée vise un collègue reconnaissable et non une façon de travailler. "
            "Vous pouvez la reformuler pour tout le monde : l'impression recto verso par "
            "défaut, par exemple, ou un rappel avant d'imprimer un courriel.",
        ),
        DemoIdea(
            "DEMO-0063",  # Ine Peeters, DG Budget
            "nl",
            "Geen afgedrukte nota's meer voor het directiecomité",
            "Voor elk directiecomité drukken we de nota's af in twaalf exemplaren: samen vaak "
            "meer dan driehonderd bladzijden. De meeste leden lezen ze op hun laptop; de "
            "afdrukken belanden ongelezen bij het oud papier. Wie toch papier wil, kan het zelf "
            "vragen.",
            days_ago=6,
            supporters=("DEMO-0059", "DEMO-0060"),
        ),
        DemoIdea(
            "DEMO-0305",  # Hugo Lefèbvre, Nido
            "fr",
            "Un modèle de lettre commun à toutes les DG",
            "Chaque DG a son propre modèle de lettre, avec sa mise en page et ses formules. Nous "
            "recopions les mêmes paragraphes d'un modèle à l'autre, et nos lettres ne se "
            "ressemblent pas. Un modèle commun, avec les paragraphes qui reviennent souvent, "
            "ferait gagner du temps et rendrait nos lettres plus claires.",
            days_ago=3,
            anonymous=True,
            supporters=(EMPLOYEE,),
        ),
    ),
)

# --- the closed campaign -----------------------------------------------------------------------

CLOSED_CAMPAIGN = DemoCampaign(
    title=CLOSED,
    question=(
        "Wat had jou geholpen in je eerste weken bij BOSA? Wat kunnen we beter doen voor wie "
        "vandaag begint: de eerste dag, de eerste week, de eerste drie maanden?\n\n"
        "Qu'est-ce qui vous aurait aidé pendant vos premières semaines au BOSA ? Que "
        "pouvons-nous mieux faire pour celles et ceux qui commencent aujourd'hui ?"
    ),
    language="nl",
    opened=80,
    closes_in=-50,
    co_owners=("DEMO-0033",),  # Annelies Maes, head of DG Recruitment and Development
    ideas=(
        DemoIdea(
            EMPLOYEE,
            "nl",
            "Een meter of peter uit een andere directie",
            "Geef elke nieuwe collega voor de eerste drie maanden een meter of peter uit een "
            "andere directie: iemand bij wie je terechtkunt met de vragen die je je "
            "diensthoofd niet durft te stellen, en meteen een eerste contact buiten je eigen "
            "team.",
            days_ago=74,
            supporters=("DEMO-0011", "DEMO-0037", "DEMO-0040", LINE_MANAGER, "DEMO-0066"),
            comments=(
                DemoComment(
                    "DEMO-0037",  # Lien Maes
                    "Dit hoor ik ook in mijn gesprekken met nieuwe collega's: ze weten niet bij "
                    "wie ze met een 'domme vraag' terechtkunnen.",
                    3,
                ),
            ),
            answer=DemoAnswer(
                Status.TAKEN_FORWARD,
                "Dit sluit aan bij het leernetwerk dat we dit jaar opstarten. Ik open er een "
                "experimentkaart voor: de nieuwe collega's van het volgende kwartaal krijgen een "
                "meter of peter uit een andere directie, en na drie maanden vragen we hen of ze "
                "sneller hun weg vonden. Eva, ik nodig je uit om de kaart mee in te vullen.",
                after=9,
            ),
        ),
        DemoIdea(
            "DEMO-0019",  # Pauline Dupont, web team
            "fr",
            "Un formulaire de badge plus court",
            "Le formulaire de demande de badge compte onze questions, dont le numéro de bureau, "
            "que personne ne connaît le premier jour. Beaucoup de demandes reviennent "
            "incomplètes et les nouveaux attendent leur badge à l'accueil.",
            days_ago=72,
            supporters=("DEMO-0016", "DEMO-0042"),
            answer=DemoAnswer(
                Status.COVERED,
                "Le laboratoire Nido a testé un formulaire en trois questions avec de nouveaux "
                "collègues, le bureau étant rempli d'avance à partir de l'organigramme. Il "
                "remplace l'ancien pour tout le SPF. Le lien mène à la carte de l'expérience et "
                "à ce qu'ils en ont appris.",
                after=4,
                covered_by=BADGE_CARD,
            ),
        ),
        DemoIdea(
            "DEMO-0036",  # Lotte Hermans, DG Recruitment and Development
            "nl",
            "Een laptop die klaarstaat op de eerste dag",
            "Nieuwe collega's wachten soms twee weken op hun laptop en hun toegangen. Intussen "
            "lezen ze documenten op papier en weten ze niet wat te doen. Laat de laptop "
            "bestellen zodra het contract getekend is.",
            days_ago=70,
            anonymous=True,
            supporters=("DEMO-0034", "DEMO-0045", "DEMO-0054", EMPLOYEE),
            comments=(
                DemoComment(
                    "DEMO-0045",  # Julien Dubois
                    "J'ai attendu le mien neuf jours. Les premiers jours, on se sent inutile.",
                    2,
                ),
                DemoComment(
                    "",
                    "Dank voor het antwoord. Kunnen nieuwe collega's tot dan een laptop uit de "
                    "reserve lenen?",
                    20,
                ),
            ),
            answer=DemoAnswer(
                Status.NOT_NOW,
                "Terecht, en het gebeurt te vaak. Laptops bestellen we via het raamcontract van "
                "de FOD, dat over vier maanden vernieuwd wordt met een vaste leveringstermijn; "
                "tot dan kunnen we de levering niet versnellen. Op de dag dat het nieuwe "
                "contract loopt, bekijken we dit opnieuw, met de wachttijden van de eerste "
                "maand.",
                after=12,
                look_again_in=110,
            ),
        ),
        DemoIdea(
            "DEMO-0072",  # Koen Janssens, management control
            "nl",
            "Een dag meedraaien in elke directie",
            "Laat elke nieuwe collega in de eerste maand een dag meedraaien in elk van de drie "
            "directies. Zo weet iedereen van bij het begin wat de anderen doen en bij wie je "
            "terechtkunt.",
            days_ago=66,
            supporters=("DEMO-0068",),
            answer=DemoAnswer(
                Status.NOT_FEASIBLE,
                "Met zo'n zestig nieuwe collega's per jaar zou dat de ontvangende diensten samen "
                "bijna tweehonderd dagen per jaar kosten, en in hun eerste maand mogen nieuwe "
                "collega's nog niet aan de vertrouwelijke dossiers van Begroting. Wat wel kan: "
                "de maandelijkse infosessie 'Wie doet wat bij BOSA' van de opleidingsdienst. We "
                "zetten ze voortaan in de welkomstmail.",
                after=15,
            ),
        ),
        DemoIdea(
            "DEMO-0040",  # Céline Lambert, selection
            "fr",
            "Les bons contacts dès le premier jour",
            "Le premier jour, on ne sait pas qui appeler pour un problème d'ordinateur, de "
            "salaire ou de badge. Une page avec ces contacts, envoyée avant l'arrivée, "
            "éviterait beaucoup de stress.",
            days_ago=60,
            anonymous=True,
            supporters=("DEMO-0038", "DEMO-0019"),
            answer=DemoAnswer(
                Status.COVERED,
                "La page « Bienvenue » de l'intranet donne ces contacts, mais trop peu de "
                "nouveaux la trouvent. Nous l'envoyons désormais avec le courriel de bienvenue, "
                "une semaine avant l'arrivée.",
                after=6,
                covered_by="https://intranet.bosa.example/bienvenue",
            ),
        ),
    ),
)

# --- the idea boxes ----------------------------------------------------------------------------

# The anonymous idea whose answer is due soon, and the named one escalated to Tom's manager.
NEAR_DEADLINE = "Des salles de réunion réservées mais vides"
ESCALATED = "Een tweede scherm voor wie thuiswerkt"
# The clock escalated that idea this many worked days before today.
ESCALATED_WORKED_DAYS_AGO = 2

NIDO_BOX = DemoBox(
    NIDO,
    (
        DemoIdea(
            "DEMO-0008",  # Lien Willems
            "nl",
            "Een vergadervrije woensdagvoormiddag",
            "Op woensdagvoormiddag werken veel collega's deeltijds niet, en de anderen zitten "
            "in vergaderingen. Als we die voormiddag vrijhouden van vergaderingen, heeft "
            "iedereen een paar uur om ongestoord te werken.",
            days_ago=240,
            supporters=("DEMO-0011", "DEMO-0012", EMPLOYEE),
            answer=DemoAnswer(
                Status.COVERED,
                "Dat staat al in onze teamafspraken (de link hieronder), maar we waren het "
                "vergeten. Ik zet het opnieuw op de agenda van de teamvergadering en blokkeer de "
                "woensdagvoormiddag in de gedeelde agenda.",
                after=5,
                covered_by="https://intranet.bosa.example/nido/teamafspraken",
            ),
        ),
        DemoIdea(
            "DEMO-0013",  # Pauline Gérard
            "fr",
            "Un tableau partagé des demandes d'aide",
            "Les collègues des autres DG nous demandent de l'aide par courriel, par téléphone "
            "ou dans le couloir. Certaines demandes se perdent et personne ne voit notre "
            "charge. Un tableau partagé, où chaque demande est notée avec la personne qui s'en "
            "occupe, réglerait les deux problèmes.",
            days_ago=205,
            supporters=("DEMO-0298", LINE_MANAGER),
            answer=DemoAnswer(
                Status.NOT_FEASIBLE,
                "Le service ICT n'installe pas de nouvel outil de suivi cette année, et un "
                "tableau tenu à jour à la main serait vite oublié. Ce que nous pouvons faire "
                "tout de suite : noter chaque demande dans le canal « Aide » de l'équipe, que je "
                "relis chaque lundi en réunion.",
                after=14,
            ),
        ),
        DemoIdea(
            "DEMO-0012",  # Dries Claes
            "nl",
            "Koffie met een collega van een andere directie",
            "We kennen bijna niemand buiten onze eigen directie. Eén keer per maand een koffie "
            "met een collega van een andere directie, door het toeval aan elkaar gekoppeld, zou "
            "daar snel verandering in brengen.",
            days_ago=170,
            anonymous=True,
            supporters=("DEMO-0010", "DEMO-0302"),
            answer=DemoAnswer(
                Status.COVERED,
                "Het leernetwerk van Elan doet precies dat: je vraagt er hulp aan collega's van "
                "andere diensten, en de leerkringen staan voor iedereen open. Ik stel het voor "
                "op de volgende teamvergadering.",
                after=8,
                covered_by="/nl/network/",
            ),
        ),
        DemoIdea(
            "DEMO-0300",  # Chloé Laurent
            "fr",
            "Des messages d'absence qui disent à qui s'adresser",
            "Quand un collègue est absent, son message automatique dit seulement quand il "
            "revient, et les demandes attendent son retour. Un modèle commun de message, avec "
            "le nom d'un remplaçant et l'adresse de l'équipe, éviterait cela.",
            days_ago=120,
            supporters=("DEMO-0301", "DEMO-0304", LINE_MANAGER),
            answer=DemoAnswer(
                Status.NOT_NOW,
                "Bonne idée, mais notre messagerie passe bientôt à la plateforme commune du SPF, "
                "où les modèles de message seront gérés pour tout le BOSA. Je la reprends à ce "
                "moment-là avec l'équipe web, pour que le modèle serve à tous.",
                after=10,
                look_again_in=60,
            ),
        ),
        DemoIdea(
            "DEMO-0301",  # Nicolas Fontaine
            "fr",
            "Travailler un jour par semaine depuis un autre bâtiment fédéral",
            "Plusieurs d'entre nous habitent à plus d'une heure de Bruxelles. Pouvoir "
            "travailler un jour par semaine depuis un bâtiment fédéral plus proche, à Liège ou "
            "à Gand par exemple, éviterait des heures de train sans perdre le contact avec "
            "l'équipe.",
            days_ago=75,
            supporters=("DEMO-0303", "DEMO-0305", "DEMO-0009"),
            answer=DemoAnswer(
                Status.NOT_FEASIBLE,
                "Les espaces de travail des autres bâtiments fédéraux dépendent d'un accord "
                "entre SPF que notre équipe ne peut pas conclure seule. J'ai transmis la "
                "question à Hanne Janssens (RH), qui suit ce dossier pour tout le BOSA.",
                after=18,
            ),
        ),
        DemoIdea(
            "DEMO-0011",  # Nele Peeters
            "nl",
            "Een gedeelde lijst met wat gebruikers ons leren",
            "Telkens iemand van ons met een burger of een gebruiker praat, leren we iets. Dat "
            "blijft nu in ieders notitieboek. Eén gedeelde lijst, die we elke maand in het "
            "teamoverleg overlopen, zou ons allemaal helpen.",
            days_ago=45,
            supporters=(EMPLOYEE, "DEMO-0008", "DEMO-0299", LINE_MANAGER),
            comments=(
                DemoComment(
                    "DEMO-0299",  # François Fontaine
                    "Je pourrais y verser ce que les citoyens nous ont dit en relisant nos "
                    "modèles de réponse.",
                    2,
                ),
            ),
            answer=DemoAnswer(
                Status.TAKEN_FORWARD,
                "Goed idee, en klein genoeg om te testen. Ik open er een experimentkaart voor: "
                "drie maanden een gedeelde lijst, en daarna bekijken we in het teamoverleg wat "
                "we ermee deden. Nele, vul je de kaart mee in?",
                after=7,
            ),
        ),
        DemoIdea(
            "DEMO-0014",  # Hanne Claes
            "nl",
            ESCALATED,
            "Wie telewerkt, krijgt een laptop maar geen tweede scherm. Wie de hele dag in twee "
            "documenten tegelijk werkt, verliest daar tijd mee. In het oude gebouw staan nog "
            "tientallen schermen die niemand gebruikt: we kunnen ze uitlenen.",
            supporters=("DEMO-0008", "DEMO-0009", "DEMO-0303", EMPLOYEE),
            # Its first deadline is the worked day before the escalation.
            due_in=-(ESCALATED_WORKED_DAYS_AGO + 1),
        ),
        DemoIdea(
            "DEMO-0302",  # Thomas Denis
            "fr",
            NEAR_DEADLINE,
            "Au troisième étage, les salles sont souvent réservées et vides : les réservations "
            "récurrentes restent alors que les réunions n'ont plus lieu. Une salle dont "
            "personne n'a confirmé l'occupation dans le premier quart d'heure pourrait être "
            "libérée automatiquement.",
            anonymous=True,
            supporters=(LINE_MANAGER, EMPLOYEE, "DEMO-0298"),
            comments=(
                DemoComment(
                    LINE_MANAGER,
                    "Cela m'arrive chaque semaine. Tom, peut-on en parler avec le service des "
                    "bâtiments ?",
                    3,
                ),
                DemoComment(
                    "",
                    "Merci pour les soutiens. Le système de réservation sait déjà le faire ; il "
                    "suffit de l'activer pour notre étage.",
                    6,
                ),
            ),
            due_in=2,
        ),
        DemoIdea(
            "DEMO-0304",  # Maxime Gérard
            "fr",
            "Un lexique de nos sigles",
            "DGDT, SSO, FAS, P&O… Les nouveaux collègues, et pas seulement eux, ne comprennent "
            "pas la moitié de nos sigles. Un lexique d'une page sur la page de l'équipe, que "
            "chacun peut compléter, suffirait.",
            days_ago=2,
            supporters=("DEMO-0300",),
        ),
    ),
)

TRAINING_BOX = DemoBox(
    TRAINING,
    (
        DemoIdea(
            "DEMO-0051",  # Camille Fontaine
            "fr",
            "Envoyer les supports de cours avant la formation",
            "Les participants reçoivent les supports le jour même, imprimés. Les recevoir une "
            "semaine avant permettrait de préparer ses questions et d'éviter d'imprimer cent "
            "pages par session.",
            days_ago=300,
            supporters=("DEMO-0050", "DEMO-0055"),
            answer=DemoAnswer(
                Status.COVERED,
                "C'est la règle pour toutes nos formations : les supports sont en ligne une "
                "semaine avant. Certains formateurs externes l'oubliaient ; nous le leur "
                "rappelons maintenant dans la convocation.",
                after=4,
                covered_by="https://intranet.bosa.example/formation/supports",
            ),
        ),
        DemoIdea(
            "DEMO-0053",  # Jan Maes
            "nl",
            "Opleidingen ook in de namiddag",
            "Wie deeltijds werkt of de kinderen 's ochtends naar school brengt, mist de "
            "opleidingen die om negen uur beginnen. Laat een deel van de opleidingen om één "
            "uur beginnen.",
            days_ago=255,
            supporters=("DEMO-0054", "DEMO-0056"),
            answer=DemoAnswer(
                Status.NOT_FEASIBLE,
                "De externe lesgevers werken volgens hun contract van negen tot vier, en dat "
                "contract loopt nog drie jaar. Wat wel kan: onze eigen opleidingen, een derde "
                "van het aanbod, plannen we voortaan om beurten in de voor- en de namiddag.",
                after=16,
            ),
        ),
        DemoIdea(
            "DEMO-0057",  # Koen Goossens
            "nl",
            "Eén vraag per week na de opleiding",
            "Een week na de opleiding zijn we de helft vergeten. Als we drie weken lang één "
            "vraag per week krijgen over wat we ervan toepassen, blijft er meer hangen, en "
            "weten jullie wat de opleiding opleverde.",
            days_ago=190,
            anonymous=True,
            supporters=("DEMO-0056", "DEMO-0058", "DEMO-0052"),
            answer=DemoAnswer(
                Status.TAKEN_FORWARD,
                "We proberen het uit. Ik open er een experimentkaart voor, met de deelnemers "
                "van twee opleidingen en, om mee te vergelijken, een groep die geen vragen "
                "krijgt.",
                after=9,
            ),
        ),
        DemoIdea(
            "DEMO-0052",  # Hugo Gérard
            "fr",
            "Une liste d'attente visible pour les formations complètes",
            "Quand une formation est complète, on ne peut que réessayer plus tard. Une liste "
            "d'attente visible, avec sa place dans la file, permettrait de savoir s'il vaut la "
            "peine d'attendre.",
            days_ago=140,
            supporters=("DEMO-0051",),
            answer=DemoAnswer(
                Status.NOT_NOW,
                "Le nouveau système d'inscription, en service dans quelques mois, gère les "
                "listes d'attente. Je reprends l'idée à ce moment-là pour voir comment montrer "
                "à chacun sa place.",
                after=11,
                look_again_in=75,
            ),
        ),
        DemoIdea(
            "DEMO-0058",  # Sarah Simon
            "fr",
            "Des formations données par des collègues",
            "Beaucoup de collègues maîtrisent un outil ou une méthode et pourraient "
            "l'enseigner en une heure. Un programme de formations entre collègues coûterait "
            "peu et ferait connaître les talents de la maison.",
            days_ago=95,
            supporters=("DEMO-0050", "DEMO-0055", "DEMO-0057"),
            answer=DemoAnswer(
                Status.COVERED,
                "Le programme « De collègue à collègue » existe déjà, avec une dizaine de "
                "sessions par trimestre. Le lien mène à la page où vous pouvez proposer la "
                "vôtre.",
                after=5,
                covered_by="https://intranet.bosa.example/formation/entre-collegues",
            ),
        ),
        DemoIdea(
            "DEMO-0054",  # Ruben Maes
            "nl",
            "Inschrijven zonder papieren goedkeuring",
            "Voor elke opleiding print ik een formulier, laat ik het tekenen door mijn "
            "diensthoofd en scan ik het weer in. Een goedkeuring met één klik in het "
            "opleidingssysteem zou volstaan.",
            days_ago=50,
            supporters=("DEMO-0053",),
            answer=DemoAnswer(
                Status.COVERED,
                "Sinds kort keurt het diensthoofd een inschrijving goed in het "
                "opleidingssysteem zelf; het papieren formulier is afgeschaft. Op de pagina van "
                "de link staat hoe het werkt.",
                after=6,
                covered_by="https://intranet.bosa.example/opleiding/inschrijven",
            ),
        ),
    ),
)

WEB_BOX = DemoBox(
    WEB,
    (
        DemoIdea(
            "DEMO-0017",  # Femke Hermans
            "nl",
            "Zoeken op de website met de woorden van burgers",
            "Burgers zoeken op onze site met woorden die wij niet gebruiken: 'ziektebriefje' in "
            "plaats van 'medisch attest'. Een lijst met synoniemen voor de zoekfunctie zou veel "
            "zoekopdrachten zonder resultaat voorkomen.",
            days_ago=100,
            supporters=("DEMO-0016",),
            answer=DemoAnswer(
                Status.COVERED,
                "Pauline Renard zoekt dat nu uit in de fellowship: ze zet de zoekopdrachten "
                "zonder resultaat op een rij. Haar lijst wordt de basis van de synoniemen; de "
                "link gaat naar haar tussentijdse verslag.",
                after=6,
                covered_by="https://intranet.bosa.example/web/zoekwoorden",
            ),
        ),
        DemoIdea(
            "DEMO-0021",  # Thomas Renard
            "fr",
            "Des pages d'aide avec des captures d'écran",
            "Nos pages d'aide décrivent chaque étape en texte, sans une seule image. Une "
            "capture d'écran par étape aiderait ceux qui ne connaissent pas nos termes.",
            days_ago=12,
            anonymous=True,
            supporters=("DEMO-0016",),
        ),
    ),
)

CONTROL_BOX = DemoBox(
    CONTROL,
    (
        DemoIdea(
            "DEMO-0067",  # Elke Maes
            "nl",
            "Onkostennota's zonder papieren bonnetjes",
            "Voor elke onkostennota plakken we de bonnetjes op papier en sturen we ze met de "
            "interne post. Een foto van het bonnetje in het systeem zou volstaan; het origineel "
            "bewaren we zelf.",
            days_ago=150,
            supporters=("DEMO-0066", "DEMO-0069"),
            answer=DemoAnswer(
                Status.COVERED,
                "We vragen nu nog twee stukken in plaats van vijf, en een foto volstaat: "
                "Mathieu heeft dat een maand getest, zonder één fout meer. De nieuwe regel "
                "staat op de pagina van de link.",
                after=7,
                covered_by="https://intranet.bosa.example/begroting/onkosten",
            ),
        ),
        DemoIdea(
            "DEMO-0071",  # Nicolas Simon
            "fr",
            "Un tableau de bord au lieu de douze rapports mensuels",
            "Chaque mois, nous envoyons douze rapports Excel aux mêmes directions. Un tableau "
            "de bord unique, mis à jour automatiquement, leur donnerait les mêmes chiffres "
            "sans que nous les recopiions.",
            days_ago=80,
            anonymous=True,
            supporters=("DEMO-0073",),
            answer=DemoAnswer(
                Status.NOT_FEASIBLE,
                "Les douze rapports suivent des formats imposés par l'Inspection des Finances "
                "et par les directions elles-mêmes ; nous ne pouvons pas les remplacer seuls. "
                "J'ai proposé un tableau de bord commun au comité budgétaire : s'il l'accepte, "
                "nous reviendrons vers l'équipe.",
                after=12,
            ),
        ),
        DemoIdea(
            "DEMO-0069",  # Lien Van den Bossche
            "nl",
            "Eén vaste betaaldag per week",
            "Facturen worden nu betaald op het moment dat iemand ze goedkeurt, verspreid over "
            "de hele week. Met één vaste betaaldag kunnen we de betalingen samen controleren en "
            "weten leveranciers waar ze aan toe zijn.",
            days_ago=45,
            supporters=("DEMO-0067", "DEMO-0074"),
            answer=DemoAnswer(
                Status.NOT_NOW,
                "Goed idee, maar tijdens de overstap naar het nieuwe boekhoudsysteem veranderen "
                "we niets aan de betaalrondes. Zodra de overstap achter de rug is, bekijken we "
                "het met de boekhouding.",
                after=9,
                look_again_in=40,
            ),
        ),
    ),
)

DATA_BOX = DemoBox(
    DATA,
    (
        DemoIdea(
            "DEMO-0026",  # Bram Mertens
            "nl",
            "Eén plek voor al onze datasets",
            "Onze datasets staan verspreid over vier gedeelde schijven, met namen als "
            "'definitief_v3'. Een catalogus met per dataset een eigenaar, een korte uitleg en "
            "de laatste versie zou ons elke week uren zoeken besparen.",
            days_ago=210,
            supporters=("DEMO-0024", "DEMO-0027", "DEMO-0031"),
            answer=DemoAnswer(
                Status.COVERED,
                "De datacatalogus van de DG staat online; elke dataset van ons team krijgt er "
                "een eigenaar en een korte uitleg. De link gaat naar de catalogus: wie een "
                "dataset mist, voegt hem toe.",
                after=10,
                covered_by="https://intranet.bosa.example/data/catalogus",
            ),
        ),
        DemoIdea(
            "DEMO-0028",  # Camille Gérard
            "fr",
            "Des données fictives pour tester",
            "Pour tester un tableau de bord, nous copions des données réelles, avec des noms "
            "et des numéros de registre national. Un jeu de données fictif mais réaliste "
            "réduirait le risque et nous ferait gagner du temps.",
            days_ago=110,
            anonymous=True,
            supporters=("DEMO-0025", "DEMO-0032"),
            answer=DemoAnswer(
                Status.NOT_NOW,
                "Juste, et le délégué à la protection des données le demande aussi. Nous le "
                "ferons après la migration de nos serveurs, dans les prochains mois : un jeu "
                "fictif construit sur l'ancien format serait à refaire.",
                after=13,
                look_again_in=50,
            ),
        ),
        DemoIdea(
            "DEMO-0031",  # Annelies Aerts
            "nl",
            "Een vast vragenuur bij het datateam",
            "Collega's van andere teams sturen ons op elk moment van de dag vragen over "
            "cijfers, en we worden voortdurend onderbroken. Een vast vragenuur op dinsdag, waar "
            "iedereen kan langskomen, zou beide kanten helpen.",
            days_ago=20,
            supporters=("DEMO-0024", "DEMO-0029"),
        ),
    ),
)

BUDGET_BOX = DemoBox(
    BUDGET,
    (
        DemoIdea(
            "DEMO-0061",  # Bram Jacobs
            "nl",
            "De begrotingsaanpassing in één gedeeld document",
            "Bij elke begrotingsaanpassing mailen we twintig versies van hetzelfde rekenblad "
            "heen en weer. Eén gedeeld document met een wijzigingsgeschiedenis zou de fouten "
            "door oude versies voorkomen.",
            days_ago=130,
            supporters=("DEMO-0062", "DEMO-0060"),
            answer=DemoAnswer(
                Status.NOT_FEASIBLE,
                "De begrotingstabellen moeten in het beveiligde systeem van de FOD Financiën "
                "blijven; een gedeeld document in de cloud laat het beveiligingsbeleid niet "
                "toe. Wat wel kan: per aanpassing wijzen we één versie op de gedeelde schijf "
                "aan als de enige geldige, met de naam van wie ze bijwerkt.",
                after=17,
            ),
        ),
        DemoIdea(
            "DEMO-0064",  # Elke Vermeulen
            "nl",
            "Vijf regels bovenaan elke nota",
            "Wie beslist, leest alleen de eerste bladzijde van onze nota's. Een vaste "
            "samenvatting van vijf regels bovenaan, met de beslissing die we vragen, zou de "
            "beslissing sneller maken.",
            days_ago=10,
            supporters=("DEMO-0063", "DEMO-0060"),
        ),
    ),
)

# The boxes beside Nido's. Each too small to be shown on its own (fewer than five ideas) has a
# neighbour under the same parent with which it makes five or more, so that the guard needs to
# hide no more than the small boxes themselves: the web team and the data team under DG Digital
# Transformation, management control and DG Budget's own box under DG Budget.
OTHER_BOXES = (TRAINING_BOX, WEB_BOX, DATA_BOX, CONTROL_BOX, BUDGET_BOX)


# --- the moments -------------------------------------------------------------------------------


def _today() -> datetime.date:
    return selectors.today()


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return min(timezone.make_aware(datetime.datetime.combine(day, time)), timezone.now())


def _last_pk(model) -> int:
    return model.objects.aggregate(last=Max("pk"))["last"] or 0


@contextmanager
def _on(day: datetime.date, time: datetime.time = datetime.time(10, 0)) -> Iterator[None]:
    """What the services write inside the block happened on ``day``: the moments and days they
    stamped as now are set to that day. An anonymous idea's posting keeps the start of its day,
    as the service wrote it."""
    marks = {
        model: _last_pk(model)
        for model in (Campaign, IdeaEvent, Comment, Support, Experiment, ExperimentEvent)
    }
    yield
    moment = _at(day, time)

    def new(model):
        return model.objects.filter(pk__gt=marks[model])

    new(Campaign).update(created_at=moment)
    new(IdeaEvent).exclude(kind=HistoryKind.POSTED, idea__is_anonymous=True).update(at=moment)
    new(Comment).update(posted_on=day)
    new(Support).update(supported_on=day)
    new(Experiment).update(created_at=moment, updated_at=moment)
    new(ExperimentEvent).update(at=moment)


def _worked_day(day: datetime.date, unit: Unit) -> datetime.date:
    """``day``, or the last worked day before it."""
    return selectors.deadline_before(end=day + datetime.timedelta(days=1), unit=unit, worked_days=1)


def _later(day: datetime.date, days: int) -> datetime.date:
    """``days`` after ``day``, and never after today."""
    return min(day + datetime.timedelta(days=days), _today())


# --- loading -----------------------------------------------------------------------------------


@transaction.atomic
def load_demo_ideas() -> Campaign | None:
    """The two campaigns and six units' idea boxes; returns the open campaign."""
    hr = get_user_model().objects.filter(email=HR).first()
    if hr is None:
        return None
    existing = Campaign.objects.filter(title=OPEN, created_by=hr).first()
    if existing is not None:
        return existing
    people = _people()
    units = {unit.code: unit for unit in Unit.objects.filter(code__startswith=ORGANISATION)}
    if EMPLOYEE not in people or not {ORGANISATION, NIDO} <= set(units):
        return None
    # In the order things happened where the clock is concerned: the answered ideas first,
    # then the one the clock escalated on a past day, then those still waiting.
    _load_campaign(CLOSED_CAMPAIGN, units[ORGANISATION], hr, people)
    for box in OTHER_BOXES:
        if box.unit in units:
            _load_box(box, units[box.unit], people, answered=True)
    _load_box(NIDO_BOX, units[NIDO], people, answered=True)
    _load_escalated(units[NIDO], people)
    campaign = _load_campaign(OPEN_CAMPAIGN, units[ORGANISATION], hr, people)
    _load_box(NIDO_BOX, units[NIDO], people, answered=False)
    for box in OTHER_BOXES:
        if box.unit in units:
            _load_box(box, units[box.unit], people, answered=False)
    # Today's run of the response clock: it reminds the owners whose deadline is near, and
    # forgets the daily quotas of the days before.
    services.clock_run(today=_today())
    return campaign


def _named() -> list[str]:
    keys: list[str] = [MODERATOR, *OPEN_CAMPAIGN.co_owners, *CLOSED_CAMPAIGN.co_owners]
    boxes = (NIDO_BOX, *OTHER_BOXES)
    for demo in (
        *OPEN_CAMPAIGN.ideas,
        *CLOSED_CAMPAIGN.ideas,
        *(i for b in boxes for i in b.ideas),
    ):
        keys += [demo.who, *demo.supporters, *(c.who for c in demo.comments if c.who)]
    return list(dict.fromkeys(keys))


def _people() -> dict:
    """Everyone the demo names, by persona address or external id; the missing are left out."""
    wanted = _named()
    records = StaffRecord.objects.filter(user__is_active=True).select_related("user")
    people = {record.external_id: record.user for record in records.filter(external_id__in=wanted)}
    for record in records.filter(user__email__in=wanted):
        people[record.user.email] = record.user
    return people


def _load_campaign(demo: DemoCampaign, unit: Unit, hr, people: dict) -> Campaign:
    today = _today()
    opens_on = _worked_day(today - datetime.timedelta(days=demo.opened), unit)
    closes_on = _worked_day(today + datetime.timedelta(days=demo.closes_in), unit)
    with _on(opens_on - datetime.timedelta(days=6)):
        campaign = services.campaign_create(
            title=demo.title,
            question=demo.question,
            language=demo.language,
            unit=unit,
            opens_on=opens_on,
            closes_on=closes_on,
            owners=[people[key] for key in demo.co_owners if key in people],
            by=hr,
        )
    for idea in demo.ideas:
        _load_idea(idea, people, unit, campaign=campaign)
    if closes_on < today:
        # Hanne closes it on its last day, so that it lists as closed.
        with _on(closes_on, datetime.time(17, 0)):
            campaign = services.campaign_close(campaign=campaign, by=hr)
    return campaign


def _load_box(box: DemoBox, unit: Unit, people: dict, *, answered: bool) -> None:
    """The box's answered ideas, or those still waiting (but the escalated one)."""
    for idea in box.ideas:
        if idea.title == ESCALATED or (idea.answer is not None) != answered:
            continue
        _load_idea(idea, people, unit)


def _posting_day(demo: DemoIdea, unit: Unit) -> datetime.date:
    today = _today()
    if demo.due_in is None:
        return _worked_day(today - datetime.timedelta(days=demo.days_ago), unit)
    due = (
        selectors.deadline_after(start=today, unit=unit, worked_days=demo.due_in)
        if demo.due_in > 0
        else selectors.deadline_before(end=today, unit=unit, worked_days=-demo.due_in)
    )
    answer_days = selectors.rules_for(unit=unit).answer_worked_days
    return selectors.deadline_before(end=due, unit=unit, worked_days=answer_days)


def _load_idea(
    demo: DemoIdea, people: dict, unit: Unit, *, campaign: Campaign | None = None
) -> Idea | None:
    """Posted to ``campaign`` (put to ``unit``), or else to ``unit``'s box."""
    author = people.get(demo.who)
    if author is None:
        return None
    posted = _posting_day(demo, unit)
    with _on(posted, datetime.time(9, 30)):
        idea, _token = services.idea_post(
            author=author,
            title=demo.title,
            body=demo.body,
            language=demo.language,
            anonymous=demo.anonymous,
            campaign=campaign,
            box_unit=None if campaign is not None else unit,
            today=posted,
        )
    if demo.hidden and MODERATOR in people:
        with _on(_later(posted, 1), datetime.time(8, 45)):
            idea = services.idea_hide(idea=idea, by=people[MODERATOR], reason=demo.hidden)
    for number, key in enumerate(demo.supporters):
        supporter = people.get(key)
        if supporter is not None and supporter != author:
            with _on(_later(posted, 1 + number // 2), datetime.time(11, 0)):
                services.idea_support(idea=idea, user=supporter)
    answer = demo.answer if idea.owner is not None else None
    answered = None
    if answer is not None:
        answered = selectors.deadline_after(start=posted, unit=unit, worked_days=answer.after)
    # Comments written before the answer, the answer, then those written after it.
    comments = sorted(demo.comments, key=lambda c: c.after)
    for comment in comments:
        if answered is None or _later(posted, comment.after) <= answered:
            _comment(idea, comment, people, posted)
    if answer is not None and answered is not None:
        idea = _answer(idea, answer, answered)
        for comment in comments:
            if _later(posted, comment.after) > answered:
                _comment(idea, comment, people, posted)
    return idea


def _comment(idea: Idea, demo: DemoComment, people: dict, posted: datetime.date) -> None:
    with _on(_later(posted, demo.after), datetime.time(13, 0)):
        if not demo.who:
            services.comment_add_by_link(idea=idea, body=demo.body)
        elif demo.who in people:
            services.comment_add(idea=idea, author=people[demo.who], body=demo.body)


def _covered_by(link: str, language: str) -> str:
    """The link as given, or the address of the experiments demo's card it names (the learning
    wall's search for it when that demo is not loaded)."""
    if not link.startswith("card:"):
        return link
    number = int(link.removeprefix("card:"))
    title = next((demo.title for index, demo in COLLEAGUE_EXPERIMENTS if index == number), "")
    card = Experiment.objects.filter(title=title).order_by("pk").first() if title else None
    with translation.override(language):
        if card is not None:
            return reverse("experiments:detail", kwargs={"public_id": card.public_id})
        return reverse("experiments:wall") + "?q=badge"


def _answer(idea: Idea, demo: DemoAnswer, day: datetime.date) -> Idea:
    """The owner answers on ``day``; the service dates the answer today, so the day is set."""
    with _on(day, datetime.time(15, 0)):
        idea = services.idea_answer(
            idea=idea,
            by=idea.owner,
            outcome=demo.outcome,
            reason=demo.reason,
            covered_by=_covered_by(demo.covered_by, idea.language),
            look_again_on=(
                _today() + datetime.timedelta(days=demo.look_again_in)
                if demo.look_again_in
                else None
            ),
        )
    Idea.objects.filter(pk=idea.pk).update(answered_on=day)
    idea.answered_on = day
    return idea


def _load_escalated(unit: Unit, people: dict) -> Idea | None:
    """Posted so that its deadline fell on the worked day before the escalation; the clock
    reminded Tom three worked days before it, and escalated it to his line manager the worked
    day after it, ``ESCALATED_WORKED_DAYS_AGO`` worked days ago. Loaded when no other idea
    waits, so that the clock's runs on those days touch this one only."""
    demo = next(idea for idea in NIDO_BOX.ideas if idea.title == ESCALATED)
    idea = _load_idea(demo, people, unit)
    if idea is None:
        return None
    escalated_on = selectors.deadline_before(
        end=_today(), unit=unit, worked_days=ESCALATED_WORKED_DAYS_AGO
    )
    lead = selectors.rules_for(unit=unit).reminder_worked_days
    reminded_on = selectors.deadline_before(end=idea.answer_due, unit=unit, worked_days=lead)
    with _on(reminded_on, datetime.time(6, 0)):
        services.clock_run(today=reminded_on)
    with _on(escalated_on, datetime.time(6, 0)):
        services.clock_run(today=escalated_on)
    return Idea.objects.get(pk=idea.pk)
