# SPDX-License-Identifier: EUPL-1.2
"""Demo experiments for ``manage.py demo_data``, each at another point of its way:

- **Eva Peeters** (employee@elan.example): an A/B test of two versions of the letter about the
  telework allowance, running for three weeks with two iterations, shared with the whole
  organisation, its time box ending in nine days; and a half-filled draft about a chatbot that
  only she sees, whose mandate check asked her line manager first (it costs more than BOSA's
  limit): the request waits for Marie's answer. She lets the letter test show on her skills
  profile, and cites it as evidence in her evaluation cycle.
- **Marie Dubois** (manager@elan.example): her team page shows Eva's experiments, the permission
  request waiting for her and Eva's time box about to run out.
- **Nido's colleagues**: a prototype tested with five users, scaled and made official; a pilot
  of call-backs by appointment, stopped, with what was learnt; a form test parked for now; a
  colleague who tries Eva's letter test too (Eva sees who built on hers); and two more running
  tests. Enough different owners that HR's figures for Nido pass the anonymity guard.
- **The outsider** (outsider@elan.example), in another organisation, sees none of them.

Written in each owner's language, in our own words. Deterministic and safe to run again: an
owner who has a card with the same title gets nothing new. Dates are counted from today; the
services start and decide today, so the days are set afterwards as they would have been.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.experiments import services
from elan.experiments.constants import Criterion, Decision, Sharing, Status, Template
from elan.experiments.mandate import MandateAnswers
from elan.experiments.models import Experiment, ExperimentEvent, ExperimentRules, Iteration
from elan.organisations.demo import demo_colleagues
from elan.organisations.models import Unit

EMPLOYEE = "employee@elan.example"
DEMO_ORGANISATION = "BOSA"
DEMO_TEAM = "BOSA-DGDT-NIDO"
# BOSA's rules: more than this needs the line manager; Eva's chatbot costs more.
SPEND_LIMIT_EUROS = 750
DATA_PROTECTION_EMAIL = "dpo@bosa.example"


@dataclass(frozen=True)
class DemoIteration:
    days_ago: int
    tried: str
    saw: str
    success: str = Criterion.UNCLEAR
    learnt: str = ""
    change_next: str = ""
    skills: tuple[str, ...] = ()
    guardrail_breached: bool = False
    stop_met: bool = False


@dataclass(frozen=True)
class DemoExperiment:
    title: str
    template: str
    card: dict
    started_days_ago: int | None = None
    time_box_days: int = 42
    sharing: str = Sharing.ORGANISATION
    iterations: tuple[DemoIteration, ...] = ()
    decision: str = ""
    decided_days_ago: int = 0
    reason: str = ""
    lessons: str = ""
    regularised: dict = field(default_factory=dict)
    close: bool = False


EVA_LETTER = DemoExperiment(
    title="Twee versies van de brief over de telewerkvergoeding",
    template=Template.AB_LETTERS,
    card={
        "problem": "Een op drie collega's belt ons na de brief, omdat niet duidelijk is welk "
        "bewijsstuk ze moeten opladen.",
        "audience": "Collega's van de FOD's die de telewerkvergoeding voor het eerst aanvragen.",
        "belief": "een brief die begint met de ene handeling die ze moeten doen",
        "expected_outcome": "minder telefoontjes en minder onvolledige aanvragen",
        "what_we_try": "De helft van de aanvragers krijgt de huidige brief, de andere helft een "
        "korte versie met een stappenlijst.",
        "smallest_test": "Twee weken lang, voor de aanvragen van twee FOD's.",
        "success_criterion": "Minstens 30% minder telefoontjes over de brief bij de korte versie.",
        "stop_criterion": "Meer onvolledige aanvragen bij de korte versie dan bij de huidige.",
        "guardrails": "Geen enkele aanvrager mist een termijn door de nieuwe brief.",
        "people_involved": "Eva, een collega van de helpdesk",
        "cost_euros": 0,
        "principles": ["test-small-adjust-fast", "close-to-the-action"],
        "skills": ["iteration", "user-centricity"],
    },
    started_days_ago=21,
    time_box_days=30,
    iterations=(
        DemoIteration(
            days_ago=14,
            tried="De korte brief naar 40 aanvragers, de huidige naar 40 anderen.",
            saw="9 telefoontjes bij de huidige brief, 5 bij de korte.",
            success=Criterion.MET,
            learnt="De stappenlijst helpt, maar het woord 'bewijsstuk' blijft onduidelijk.",
            change_next="We noemen het document bij naam: 'uw telewerkovereenkomst'.",
            skills=("iteration", "user-centricity"),
        ),
        DemoIteration(
            days_ago=4,
            tried="De korte brief met het document bij naam, naar 45 aanvragers.",
            saw="3 telefoontjes; geen enkele onvolledige aanvraag.",
            success=Criterion.MET,
            learnt="Eén concreet woord doet meer dan een langere uitleg.",
            skills=("user-centricity", "data-literacy"),
        ),
    ),
)

EVA_DRAFT = DemoExperiment(
    title="Een chatbot voor de vragen over telewerk",
    template=Template.PROTOTYPE_FIVE,
    card={
        "problem": "Dezelfde tien vragen komen elke week terug bij de helpdesk.",
        "belief": "een chatbot op het intranet die de tien vragen beantwoordt",
        "cost_euros": 1200,
        "skills": ["curiosity"],
    },
    sharing=Sharing.PRIVATE,
)

# Nido's colleagues, taken in the order of ``demo_colleagues``: (index, language, experiment).
COLLEAGUE_EXPERIMENTS: tuple[tuple[int, DemoExperiment], ...] = (
    (
        5,  # Pauline Gérard
        DemoExperiment(
            title="Prototype du formulaire de demande de badge, testé avec cinq collègues",
            template=Template.PROTOTYPE_FIVE,
            card={
                "problem": "La moitié des demandes de badge reviennent incomplètes.",
                "audience": "Les nouveaux collègues, leur premier jour.",
                "belief": "un formulaire en trois questions au lieu de onze",
                "expected_outcome": "des demandes complètes du premier coup",
                "what_we_try": "Un prototype papier, puis en ligne, testé avec cinq nouveaux "
                "collègues.",
                "smallest_test": "Cinq personnes, une matinée.",
                "success_criterion": "Quatre personnes sur cinq remplissent tout sans aide.",
                "stop_criterion": "Plus de deux personnes bloquent sur la même question.",
                "guardrails": "La sécurité garde les informations dont elle a besoin.",
                "principles": ["close-to-the-action", "test-small-adjust-fast"],
                "skills": ["user-centricity", "iteration"],
            },
            started_days_ago=120,
            iterations=(
                DemoIteration(
                    days_ago=110,
                    tried="Le prototype papier avec cinq nouveaux collègues.",
                    saw="Trois sur cinq sans aide; deux bloquent sur le numéro de local.",
                    success=Criterion.NOT_MET,
                    learnt="Personne ne connaît son numéro de local le premier jour.",
                    change_next="Le service le remplit lui-même à partir de l'organigramme.",
                    skills=("user-centricity",),
                ),
                DemoIteration(
                    days_ago=95,
                    tried="Le formulaire en ligne, local rempli d'avance, cinq autres personnes.",
                    saw="Cinq sur cinq sans aide, en quatre minutes en moyenne.",
                    success=Criterion.MET,
                    learnt="Ce que l'organisation sait déjà, on ne le demande plus.",
                    skills=("iteration", "data-literacy"),
                ),
            ),
            decision=Decision.SCALE,
            decided_days_ago=90,
            reason="Le critère de succès est atteint deux fois de suite.",
            lessons="Testez d'abord sur papier: une matinée a suffi pour trouver la question "
            "qui bloquait. Demandez-vous ce que l'organisation sait déjà.",
            regularised={
                "approved_by": "Le comité de direction de la DG Transformation digitale",
                "days_ago": 60,
                "official_change": "Le formulaire en trois questions remplace l'ancien pour "
                "tous les nouveaux collègues du SPF.",
            },
        ),
    ),
    (
        0,  # Lien Willems
        DemoExperiment(
            title="Terugbellen op afspraak in plaats van een wachtrij",
            template=Template.PILOT,
            card={
                "problem": "Bellers wachten gemiddeld twaalf minuten aan de lijn.",
                "audience": "Ambtenaren die de helpdesk personeelszaken bellen.",
                "belief": "bellers laten kiezen wanneer wij terugbellen",
                "expected_outcome": "minder wachttijd en minder opgehangen gesprekken",
                "what_we_try": "Een keuzemenu dat een terugbelmoment voorstelt.",
                "smallest_test": "Eén dag per week, vier weken lang.",
                "success_criterion": "Minder dan 5% van de bellers haakt in.",
                "stop_criterion": "Meer dan 20% van de afspraken wordt gemist.",
                "guardrails": "Dringende vragen blijven meteen bereikbaar.",
                "principles": ["test-small-adjust-fast", "lead-with-empathy"],
                "skills": ["iteration", "data-literacy"],
            },
            started_days_ago=80,
            iterations=(
                DemoIteration(
                    days_ago=70,
                    tried="Het keuzemenu op dinsdag.",
                    saw="27% van de afspraken gemist: mensen zaten zelf in een vergadering.",
                    success=Criterion.NOT_MET,
                    stop_met=True,
                    learnt="Wie ons belt, zit zelf tussen twee vergaderingen: een vast "
                    "terugbelmoment past niet bij hun agenda.",
                    skills=("data-literacy",),
                ),
            ),
            decision=Decision.STOP,
            decided_days_ago=68,
            reason="Het stopcriterium werd bereikt bij de eerste ronde.",
            lessons="Vraag eerst hoe de bellers werken voor je een oplossing kiest. Een "
            "chatbericht met het antwoord zou hen misschien beter helpen; dat is een volgende "
            "test waard.",
            close=True,
        ),
    ),
    (
        1,  # Niklas Müller
        DemoExperiment(
            title="Ein gemeinsamer Kalender für alle Schulungen im Dienst",
            template=Template.TEST_CARD,
            card={
                "problem": "Schulungen werden in fünf verschiedenen Listen angekündigt.",
                "belief": "ein einziger Kalender im Intranet",
                "expected_outcome": "mehr Anmeldungen aus anderen Abteilungen",
                "what_we_try": "Ein gemeinsamer Kalender für einen Monat.",
                "smallest_test": "Die Schulungen von zwei Abteilungen.",
                "success_criterion": "Ein Viertel der Anmeldungen kommt aus einer anderen "
                "Abteilung.",
                "stop_criterion": "Keine einzige Anmeldung über den Kalender.",
                "principles": ["learning-network"],
                "skills": ["storytelling"],
            },
            started_days_ago=60,
            iterations=(
                DemoIteration(
                    days_ago=35,
                    tried="Der Kalender mit den Schulungen von zwei Abteilungen.",
                    saw="Wenige Anmeldungen: im Sommer finden kaum Schulungen statt.",
                    success=Criterion.UNCLEAR,
                    learnt="Der Zeitpunkt war schlecht gewählt; die Idee ist nicht widerlegt.",
                    skills=("storytelling",),
                ),
            ),
            decision=Decision.PARK,
            decided_days_ago=30,
            reason="Im Sommer lässt sich nichts messen; wir nehmen es im Frühjahr wieder auf.",
            lessons="Wählen Sie für einen Test eine Zeit, in der genug passiert.",
        ),
    ),
    (
        2,  # Elke Mertens
        DemoExperiment(
            title="Een korte versie van de brief over de telewerkvergoeding, voor de FOD Financiën",
            template=Template.AB_LETTERS,
            card={
                "problem": "Ook bij ons bellen veel collega's na de brief.",
                "belief": "de korte brief met een stappenlijst",
                "expected_outcome": "minder telefoontjes bij onze helpdesk",
                "what_we_try": "De korte brief van Eva, aangepast aan onze termijnen.",
                "smallest_test": "De aanvragen van één maand.",
                "success_criterion": "Een kwart minder telefoontjes over de brief.",
                "stop_criterion": "Meer onvolledige aanvragen dan vorige maand.",
                "principles": ["test-small-adjust-fast"],
                "skills": ["user-centricity"],
            },
            started_days_ago=6,
            time_box_days=28,
        ),
    ),
    (
        7,  # Hugo Lambert
        DemoExperiment(
            title="Des réunions d'équipe debout, de quinze minutes",
            template=Template.TEST_CARD,
            card={
                "problem": "La réunion d'équipe dure une heure et la moitié ne concerne personne.",
                "belief": "une réunion debout de quinze minutes, trois fois par semaine",
                "expected_outcome": "moins de temps en réunion, autant d'information partagée",
                "what_we_try": "Trois réunions debout par semaine pendant un mois.",
                "smallest_test": "Une équipe de six, un mois.",
                "success_criterion": "Chacun dit en fin de mois savoir ce que font les autres.",
                "stop_criterion": "Deux personnes ou plus disent manquer une information utile.",
                "principles": ["real-conversations"],
                "skills": ["iteration"],
            },
            started_days_ago=25,
            time_box_days=35,
            sharing=Sharing.TEAM,
            iterations=(
                DemoIteration(
                    days_ago=11,
                    tried="Deux semaines de réunions debout.",
                    saw="Les réunions durent dix-huit minutes en moyenne.",
                    success=Criterion.UNCLEAR,
                    learnt="Un minuteur visible aide à garder le rythme.",
                    skills=("iteration",),
                ),
            ),
        ),
    ),
    (
        8,  # François Fontaine
        DemoExperiment(
            title="Répondre aux courriels des citoyens avec des modèles relus par eux",
            template=Template.PILOT,
            card={
                "problem": "Nos réponses types sont longues et juridiques.",
                "belief": "des modèles relus par cinq citoyens",
                "expected_outcome": "moins de questions de suivi",
                "what_we_try": "Cinq modèles réécrits et relus.",
                "smallest_test": "Les réponses d'un seul guichet pendant trois semaines.",
                "success_criterion": "20% de questions de suivi en moins.",
                "stop_criterion": "Une plainte sur le ton des réponses.",
                "guardrails": "Chaque réponse reste juridiquement correcte.",
                "principles": ["lead-with-empathy", "close-to-the-action"],
                "skills": ["storytelling", "user-centricity"],
            },
            started_days_ago=50,
            iterations=(
                DemoIteration(
                    days_ago=30,
                    tried="Les cinq modèles au guichet des pensions.",
                    saw="Questions de suivi: 41 avant, 29 pendant le test.",
                    success=Criterion.MET,
                    learnt="Les citoyens relisent mieux que nous: ils voient tout de suite le "
                    "jargon.",
                    skills=("storytelling",),
                ),
            ),
            decision=Decision.SCALE,
            decided_days_ago=20,
            reason="Le critère de succès est atteint; le service juridique a relu les modèles.",
            lessons="Faites relire par ceux qui reçoivent la réponse, pas seulement par des "
            "collègues.",
        ),
    ),
)


@transaction.atomic
def load_demo_experiments() -> Experiment | None:
    """Every demo experiment; returns Eva's letter test."""
    users = get_user_model().objects
    eva = users.filter(email=EMPLOYEE).first()
    organisation = Unit.objects.filter(code=DEMO_ORGANISATION).first()
    if eva is None or organisation is None:
        return None
    ExperimentRules.objects.get_or_create(
        organisation=organisation,
        defaults={
            "spend_limit_euros": SPEND_LIMIT_EUROS,
            "data_protection_email": DATA_PROTECTION_EMAIL,
        },
    )
    letter = _load(eva, "nl", EVA_LETTER)
    if letter is not None:
        # The skills her iterations exercised show on her skills profile: she allowed it.
        services.experiment_set_profile_evidence(experiment=letter, actor=eva, allowed=True)
    draft = _load(eva, "nl", EVA_DRAFT)
    if draft is not None and not draft.permission_requests.exists():
        services.mandate_check(
            experiment=draft,
            actor=eva,
            answers=MandateAnswers(
                changes_rights=False, personal_data=False, spend_euros=1200, other_unit=False
            ),
        )
        services.permission_ask(
            experiment=draft,
            actor=eva,
            whom="line_manager",
            question="Mag ik 1.200 euro besteden aan een chatbotlicentie voor drie maanden, "
            "om te testen of ze de tien vaste vragen kan beantwoorden?",
        )
    colleagues = demo_colleagues(unit__code=DEMO_TEAM)
    for index, demo in COLLEAGUE_EXPERIMENTS:
        if index >= len(colleagues):
            continue
        owner = colleagues[index]
        based_on = letter if demo.template == Template.AB_LETTERS else None
        _load(owner, owner.preferred_language or "nl", demo, based_on=based_on)
    return letter


def _at(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _load(owner, language: str, demo: DemoExperiment, based_on=None) -> Experiment | None:
    if Experiment.objects.filter(owner=owner, title=demo.title).exists():
        return None
    experiment = services.experiment_create(
        owner=owner,
        title=demo.title,
        language=language,
        template=demo.template,
        fields=demo.card,
        based_on=based_on,
    )
    if demo.started_days_ago is None:
        return experiment
    started_on = _day(demo.started_days_ago)
    Experiment.objects.filter(pk=experiment.pk).update(
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=demo.time_box_days),
    )
    experiment.refresh_from_db()
    services.mandate_check(
        experiment=experiment,
        actor=owner,
        answers=MandateAnswers(
            changes_rights=False,
            personal_data=False,
            spend_euros=experiment.cost_euros or 0,
            other_unit=False,
        ),
    )
    experiment = services.experiment_start(experiment=experiment, actor=owner)
    services.experiment_share(experiment=experiment, actor=owner, sharing=demo.sharing)
    for step in demo.iterations:
        services.iteration_add(
            experiment=experiment,
            actor=owner,
            tried_on=_day(step.days_ago),
            what_we_tried=step.tried,
            what_we_saw=step.saw,
            success=step.success,
            stop_met=step.stop_met,
            guardrail_breached=step.guardrail_breached,
            learnt=step.learnt,
            change_next=step.change_next,
            skills=list(step.skills),
        )
    if demo.decision:
        services.experiment_decide(
            experiment=experiment,
            actor=owner,
            decision=demo.decision,
            reason=demo.reason,
            lessons=demo.lessons,
        )
    experiment.refresh_from_db()
    if demo.regularised:
        services.experiment_regularise(
            experiment=experiment,
            actor=owner,
            approved_by=demo.regularised["approved_by"],
            approved_on=_day(demo.regularised["days_ago"]),
            official_change=demo.regularised["official_change"],
        )
    elif demo.close:
        services.experiment_close(experiment=experiment, actor=owner)
    _backdate(experiment, demo, started_on)
    experiment.refresh_from_db()
    return experiment


def _backdate(experiment: Experiment, demo: DemoExperiment, started_on: datetime.date) -> None:
    """The days the services wrote as today, set to when they would have happened."""
    decided_on = _day(demo.decided_days_ago) if demo.decision else None
    Experiment.objects.filter(pk=experiment.pk).update(
        starts_on=started_on,
        ends_on=started_on + datetime.timedelta(days=demo.time_box_days),
        started_at=_at(demo.started_days_ago or 0),
        created_at=_at((demo.started_days_ago or 0) + 7),
        decided_on=decided_on,
        shared_at=_at(demo.started_days_ago or 0),
    )
    events = ExperimentEvent.objects.filter(experiment=experiment)
    events.filter(kind__in=["created", "mandate_checked"]).update(
        at=_at((demo.started_days_ago or 0) + 7)
    )
    events.filter(kind="status", to_status=Status.RUNNING).update(
        at=_at(demo.started_days_ago or 0)
    )
    events.filter(kind="shared").update(at=_at(demo.started_days_ago or 0))
    for step, iteration in zip(
        demo.iterations,
        Iteration.objects.filter(experiment=experiment).order_by("number"),
        strict=False,
    ):
        Iteration.objects.filter(pk=iteration.pk).update(recorded_at=_at(step.days_ago))
        events.filter(kind="iteration", note=str(iteration.number)).update(at=_at(step.days_ago))
    if demo.decision:
        events.filter(kind__in=["decided"]).update(at=_at(demo.decided_days_ago))
        events.filter(kind="status", to_status=Status.DECIDED).update(at=_at(demo.decided_days_ago))
    if demo.regularised:
        days = demo.regularised["days_ago"]
        events.filter(kind="regularised").update(at=_at(days))
        events.filter(kind="status", to_status=Status.REGULARISED).update(at=_at(days))
    if demo.close:
        events.filter(kind="status", to_status=Status.CLOSED).update(at=_at(demo.decided_days_ago))
