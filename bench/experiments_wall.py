# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the experiments' reading pages at federal scale, 10,000 experiments.

    python bench/experiments_wall.py [--database-url postgres://postgres@127.0.0.1:5432/elan_bench_experiments]
                                     [--experiments 10000] [--runs 15] [--pdf-runs 5]
                                     [--people 65000] [--reuse]

Set-up (not timed): drops and recreates the database, migrates it, runs
``manage.py generate_federal_dataset`` (1,500 units, 65,000 people; ``--people`` makes it
smaller), puts the twenty services under one root so that everyone is in one big
organisation, and bulk-inserts experiments owned by random staff, with their iterations,
history, co-owners, "built on" links and waiting permission requests. The first 1,000 go in
first and every page's SQL queries are counted on them; then the rest, and the queries are
counted again, so that a count that grows with the data shows. ``--reuse`` skips all of that
and uses the data of an earlier run.

Timed, on PostgreSQL, through Django's full request stack (test ``Client``, ``force_login``):

* the learning wall, first page, for an ordinary employee at the bottom of the chart: as is,
  searched in Dutch (/nl/) and in French (/fr/), filtered on a skill;
* the yearly report for that employee, as a page and as a PDF;
* a card shared with the organisation, as that employee reads it;
* the manager's view for the person with the most people below them;
* HR's figures for an HR officer covering the whole organisation, page and CSV.

Target: each page under 500 ms of server time at p50. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
import time
import warnings
from collections import Counter, defaultdict

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs
from _runs import ROOT, manage, timed

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench_experiments"
FIRST_BATCH = 1_000
# The words searched: each is in one topic of its language, in several forms, so that the
# language's stemming has something to do.
DUTCH_WORD = "wachttijden"
FRENCH_WORD = "formulaires"
SKILL = "data-literacy"

# --- texts ------------------------------------------------------------------------------------
# Per language, topics of (title, problem, what we try, expected outcome); the generic
# sentences around them make the cards as long as real ones.
TOPICS = {
    "nl": [
        (
            "Kortere wachttijden aan het loket",
            "Burgers wachten aan het loket soms een uur; de wachttijd is de eerste klacht in "
            "onze tevredenheidsenquête en de wachttijden lopen op na elke wetswijziging.",
            "Een afsprakensysteem met vaste tijdsloten en een sms de dag ervoor.",
            "kortere wachttijden en minder mensen die onverrichter zake vertrekken",
        ),
        (
            "Eenvoudiger aanvraagformulier",
            "Het aanvraagformulier telt twaalf pagina's en een derde van de formulieren komt "
            "onvolledig binnen, waardoor dossiers weken blijven liggen.",
            "Een formulier van twee pagina's dat alleen vraagt wat we niet al weten.",
            "meer volledige aanvragen bij de eerste poging",
        ),
        (
            "Nieuwe collega's sneller op weg",
            "Nieuwe collega's zoeken de eerste weken vooral wie wat doet; het onthaal hangt af "
            "van wie er toevallig tijd heeft.",
            "Een peter of meter voor elke nieuwe collega en een checklist voor de eerste week.",
            "nieuwe collega's die na een maand zelfstandig dossiers behandelen",
        ),
        (
            "Kortere vergaderingen",
            "Onze teamvergaderingen duren twee uur en de helft van de agenda is informatie die "
            "per mail kan.",
            "Staande vergaderingen van vijftien minuten met een vaste volgorde.",
            "meer tijd voor dossiers en betere beslissingen in minder tijd",
        ),
        (
            "Duidelijkere brieven aan burgers",
            "Burgers bellen ons terug omdat de herinneringsbrief moeilijk te lezen is; de "
            "brief is juridisch correct maar onbegrijpelijk.",
            "Een brief van één pagina die begint met wat de lezer moet doen en tegen wanneer.",
            "minder telefoontjes over de brief",
        ),
        (
            "Telefonisch beter bereikbaar",
            "De helft van de oproepen blijft onbeantwoord tussen twaalf en twee uur.",
            "Een terugbelsysteem en gespreide middagpauzes in het team.",
            "meer beantwoorde oproepen en minder boze mensen aan de lijn",
        ),
        (
            "Digitale handtekening voor interne nota's",
            "Nota's wachten dagen op een handtekening op papier wanneer de directeur op "
            "verplaatsing is.",
            "Een digitale handtekening in de documentenstroom voor interne nota's.",
            "nota's die binnen een dag getekend zijn",
        ),
        (
            "Een dashboard met de doorlooptijden",
            "Niemand in het team weet hoe lang een dossier gemiddeld duurt, dus we sturen op "
            "gevoel.",
            "Een eenvoudig dashboard met de doorlooptijden per week, elke maandag besproken.",
            "beslissingen op basis van cijfers in plaats van indrukken",
        ),
    ],
    "fr": [
        (
            "Des formulaires plus simples",
            "Nos formulaires de demande comptent douze pages et un tiers des formulaires "
            "arrivent incomplets, ce qui bloque les dossiers pendant des semaines.",
            "Un formulaire de deux pages qui ne demande que ce que nous ne savons pas déjà.",
            "davantage de demandes complètes dès le premier envoi",
        ),
        (
            "Réduire l'attente au guichet",
            "Les citoyens attendent parfois une heure au guichet ; l'attente est la première "
            "plainte de notre enquête de satisfaction.",
            "Un système de rendez-vous avec des plages fixes et un SMS la veille.",
            "une attente plus courte et moins de personnes qui repartent sans réponse",
        ),
        (
            "Accueillir les nouveaux collègues",
            "Les nouveaux collègues passent leurs premières semaines à chercher qui fait quoi.",
            "Un parrain ou une marraine pour chaque nouveau collègue et une liste pour la "
            "première semaine.",
            "des collègues autonomes après un mois",
        ),
        (
            "Des réunions plus courtes",
            "Nos réunions d'équipe durent deux heures et la moitié de l'ordre du jour pourrait "
            "passer par courriel.",
            "Des réunions debout de quinze minutes dans un ordre fixe.",
            "plus de temps pour les dossiers",
        ),
        (
            "Des lettres plus claires",
            "Les citoyens nous rappellent parce que la lettre de rappel est difficile à lire.",
            "Une lettre d'une page qui commence par ce que le lecteur doit faire et pour quand.",
            "moins d'appels à propos de la lettre",
        ),
        (
            "Mieux joignables par téléphone",
            "La moitié des appels restent sans réponse entre midi et deux heures.",
            "Un système de rappel et des pauses de midi échelonnées dans l'équipe.",
            "plus d'appels répondus",
        ),
        (
            "Signature électronique des notes internes",
            "Les notes attendent des jours une signature sur papier quand le directeur est en "
            "déplacement.",
            "Une signature électronique dans le circuit des documents.",
            "des notes signées en un jour",
        ),
        (
            "Un tableau de bord des délais",
            "Personne dans l'équipe ne sait combien de temps prend un dossier en moyenne.",
            "Un tableau de bord simple des délais par semaine, discuté chaque lundi.",
            "des décisions fondées sur des chiffres",
        ),
    ],
    "de": [
        (
            "Kürzere Wartezeiten am Schalter",
            "Bürgerinnen und Bürger warten am Schalter manchmal eine Stunde.",
            "Ein Terminsystem mit festen Zeitfenstern und einer SMS am Vortag.",
            "kürzere Wartezeiten",
        ),
        (
            "Einfachere Antragsformulare",
            "Das Antragsformular hat zwölf Seiten und ein Drittel kommt unvollständig an.",
            "Ein Formular mit zwei Seiten, das nur fragt, was wir noch nicht wissen.",
            "mehr vollständige Anträge",
        ),
        (
            "Neue Kolleginnen und Kollegen schneller einarbeiten",
            "Neue Kolleginnen und Kollegen suchen in den ersten Wochen vor allem, wer was macht.",
            "Eine Patin oder ein Pate für jede neue Person und eine Checkliste.",
            "selbstständige Arbeit nach einem Monat",
        ),
        (
            "Kürzere Besprechungen",
            "Unsere Teambesprechungen dauern zwei Stunden.",
            "Stehbesprechungen von fünfzehn Minuten.",
            "mehr Zeit für die Akten",
        ),
    ],
    "en": [
        (
            "Clearer reminder letters",
            "People call us back because the reminder letter is hard to read.",
            "A one-page letter that starts with what to do and by when.",
            "fewer calls asking what the letter means",
        ),
        (
            "Shorter queues at the counter",
            "People sometimes queue for an hour at the counter.",
            "Appointments in fixed time slots, with a text message the day before.",
            "shorter queues and fewer people leaving without an answer",
        ),
        (
            "Simpler application forms",
            "The application form has twelve pages and a third arrive incomplete.",
            "A two-page form that asks only what we do not know yet.",
            "more complete applications at the first attempt",
        ),
        (
            "A dashboard of lead times",
            "Nobody in the team knows how long a case takes on average.",
            "A simple weekly dashboard of lead times, discussed every Monday.",
            "decisions based on figures",
        ),
    ],
}
GENERIC = {
    "nl": {
        "belief": "we met een kleine aanpassing al veel kunnen winnen",
        "smallest": "Twee weken testen met één team en daarna samen bekijken wat we zagen.",
        "lessons": [
            "Klein beginnen werkte: na twee weken wisten we genoeg om te beslissen.",
            "Betrek de collega's aan het loket van bij het begin; zij zien wat niemand ziet.",
            "Meet vóór je begint, anders weet je achteraf niet of het beter ging.",
        ],
        "reason": [
            "De resultaten waren duidelijk beter dan de succesnorm.",
            "Het effect was te klein voor de moeite die het vroeg.",
            "We wachten op de nieuwe software voor we verder gaan.",
        ],
        "saw": "We zagen minder vragen maar meer werk achter de schermen.",
    },
    "fr": {
        "belief": "un petit changement peut déjà beaucoup apporter",
        "smallest": "Deux semaines de test avec une équipe, puis un bilan ensemble.",
        "lessons": [
            "Commencer petit a fonctionné : après deux semaines, nous savions assez pour décider.",
            "Associez dès le début les collègues du guichet ; ils voient ce que personne ne voit.",
            "Mesurez avant de commencer, sinon vous ne saurez pas si c'est mieux.",
        ],
        "reason": [
            "Les résultats dépassent nettement le critère de succès.",
            "L'effet était trop faible pour l'effort demandé.",
            "Nous attendons le nouveau logiciel avant d'aller plus loin.",
        ],
        "saw": "Nous avons vu moins de questions mais plus de travail en coulisses.",
    },
    "de": {
        "belief": "eine kleine Änderung schon viel bringen kann",
        "smallest": "Zwei Wochen Test mit einem Team, danach gemeinsame Auswertung.",
        "lessons": [
            "Klein anfangen hat funktioniert.",
            "Messen Sie, bevor Sie beginnen.",
        ],
        "reason": [
            "Die Ergebnisse lagen deutlich über dem Erfolgskriterium.",
            "Der Effekt war zu klein für den Aufwand.",
        ],
        "saw": "Wir sahen weniger Fragen, aber mehr Arbeit im Hintergrund.",
    },
    "en": {
        "belief": "a small change can already make a real difference",
        "smallest": "Two weeks with one team, then a look together at what we saw.",
        "lessons": [
            "Starting small worked: after two weeks we knew enough to decide.",
            "Involve the colleagues at the counter from the start.",
            "Measure before you begin, or you will not know whether it got better.",
        ],
        "reason": [
            "The results were clearly above the success criterion.",
            "The effect was too small for the effort it took.",
            "We wait for the new software before going further.",
        ],
        "saw": "We saw fewer questions but more work behind the scenes.",
    },
}


def load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


# --- set-up -----------------------------------------------------------------------------------


def one_root() -> None:
    """The twenty services under one root: one organisation of 65,000 people, the biggest
    wall and report there can be."""
    from elan.organisations.models import Unit

    started = time.perf_counter()
    root = Unit.add_root(
        code="BE-FED", name_en="Federal administration", name_nl="Federale overheid"
    )
    for service in list(Unit.objects.filter(depth=1).exclude(pk=root.pk).order_by("path")):
        service.refresh_from_db()
        root.refresh_from_db()
        service.move(root, pos="sorted-child")
    print(
        f"  chart under one root: {Unit.objects.count():,} units "
        f"({time.perf_counter() - started:.1f} s)"
    )


def _at(day: datetime.date, rng) -> datetime.datetime:
    from django.utils import timezone

    moment = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
        minutes=rng.randrange(0, 9 * 60)
    )
    return timezone.make_aware(moment)


def plan(count: int, seed: int) -> list[dict]:
    """Every experiment to insert, as plain data, drawn in a fixed order for a given seed."""
    import random

    from django.utils import timezone

    from elan.core.vocabulary import InnovationSkill, Principle
    from elan.experiments.constants import Decision, Sharing, Status, Template
    from elan.organisations.models import StaffRecord

    rng = random.Random(seed)
    today = timezone.localdate()
    staff = list(
        StaffRecord.objects.order_by("user_id").values_list(
            "user_id", "unit_id", "line_manager_id", "user__preferred_language"
        )
    )
    by_unit: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id, _manager, _language in staff:
        by_unit[unit_id].append(user_id)
    principles, skills = list(Principle.values), list(InnovationSkill.values)
    templates = [*Template.values, ""]
    shared_started: list[int] = []  # indices an experiment may be built on
    plans = []
    for index in range(count):
        owner, unit_id, manager, preferred = rng.choice(staff)
        draw = rng.random()
        decision = ""
        if draw < 0.15:
            status = Status.DRAFT
        elif draw < 0.50:
            status = Status.RUNNING
        elif draw < 0.90:
            status = Status.DECIDED
            decision = rng.choices(
                [Decision.SCALE, Decision.PARK, Decision.STOP, Decision.ITERATE], [35, 20, 30, 15]
            )[0]
            if decision == Decision.ITERATE:
                # As the service does it: "iterate" is a decision that keeps the test running.
                status = Status.RUNNING
        elif draw < 0.94:
            status, decision = Status.REGULARISED, Decision.SCALE
        else:
            status = Status.CLOSED
            # One closed card in six is a draft dropped before it ran.
            decision = rng.choice(
                ["", Decision.SCALE, Decision.PARK, Decision.STOP, Decision.STOP, Decision.PARK]
            )
        sharing = rng.choices([Sharing.PRIVATE, Sharing.TEAM, Sharing.ORGANISATION], [30, 30, 40])[
            0
        ]
        language = "en" if rng.random() < 0.1 else (preferred or "nl")
        topic = rng.choice(TOPICS[language])
        generic = GENERIC[language]
        started = status != Status.DRAFT and not (status == Status.CLOSED and not decision)
        if not started:
            created = today - datetime.timedelta(days=rng.randrange(0, 730 if decision else 90))
            start_day = None
        elif status == Status.RUNNING and decision != Decision.ITERATE:
            start_day = today - datetime.timedelta(days=rng.randrange(0, 180))
        else:
            start_day = today - datetime.timedelta(days=rng.randrange(14, 730))
        if start_day is not None:
            created = start_day - datetime.timedelta(days=rng.randrange(1, 30))
        decided_on = None
        if decision and start_day is not None:
            decided_on = min(today, start_day + datetime.timedelta(days=rng.randrange(14, 121)))
        chosen_principles = rng.sample(principles, rng.randint(0, 3))
        chosen_skills = rng.sample(skills, rng.randint(1, 3))
        iterations = []
        if start_day is not None:
            last = decided_on or today
            span = max(0, (last - start_day).days)
            days = sorted(rng.randint(0, span) for _ in range(rng.randint(1, 4)))
            for number, offset in enumerate(days, start=1):
                iterations.append(
                    {
                        "number": number,
                        "tried_on": start_day + datetime.timedelta(days=offset),
                        "skills": rng.sample(chosen_skills, rng.randint(1, len(chosen_skills))),
                        "success": rng.choice(["met", "not_met", "unclear"]),
                        "stop_met": rng.random() < 0.1,
                    }
                )
        approved_on = None
        if status == Status.REGULARISED:
            approved_on = min(today, decided_on + datetime.timedelta(days=rng.randrange(0, 30)))
        moments = [created, start_day, decided_on, approved_on]
        moments += [iteration["tried_on"] for iteration in iterations]
        updated = max(moment for moment in moments if moment is not None)
        co_owner = None
        if rng.random() < 0.1:
            colleagues = [person for person in by_unit[unit_id] if person != owner]
            co_owner = rng.choice(colleagues) if colleagues else None
        based_on = None
        if started and shared_started and rng.random() < 0.05:
            based_on = rng.choice(shared_started)
        if started and sharing == Sharing.ORGANISATION:
            shared_started.append(index)
        ends_on = None
        if start_day is not None:
            ends_on = start_day + datetime.timedelta(days=rng.randrange(30, 121))
        cost = rng.choice([0, 0, 50, 200, 400])
        plans.append(
            {
                "owner": owner,
                "unit": unit_id,
                "manager": manager,
                "co_owner": co_owner,
                "based_on": based_on,
                "status": status,
                "decision": decision,
                "sharing": sharing,
                "language": language,
                "template": rng.choice(templates),
                "title": topic[0],
                "problem": topic[1],
                "what_we_try": topic[2],
                "expected_outcome": topic[3],
                "belief": generic["belief"],
                "smallest_test": generic["smallest"],
                "lessons": rng.choice(generic["lessons"]) if decision else "",
                "decision_reason": rng.choice(generic["reason"]) if decision else "",
                "saw": generic["saw"],
                "principles": chosen_principles,
                "skills": chosen_skills,
                "created": _at(created, rng),
                "started": _at(start_day, rng) if start_day else None,
                "starts_on": start_day,
                "ends_on": ends_on,
                "decided_on": decided_on,
                "approved_on": approved_on,
                "updated": _at(updated, rng),
                "cost": cost,
                "iterations": iterations,
                "ask": status == Status.DRAFT and manager is not None and rng.random() < 0.2,
            }
        )
    return plans


def insert(plans: list[dict], first: int, pks: dict[int, int]) -> None:
    """Bulk-inserts ``plans`` (numbered from ``first`` in the whole plan): experiments,
    iterations, history, co-owners, "built on" links and waiting permission requests.
    ``pks`` maps plan numbers to the rows inserted so far, and gets the new ones."""
    from django.db import connection, transaction

    from elan.experiments.constants import (
        AskWhom,
        EventKind,
        MandateOutcome,
        Sharing,
        Status,
    )
    from elan.experiments.models import (
        Experiment,
        ExperimentEvent,
        Iteration,
        PermissionRequest,
    )
    from elan.experiments.services import _tags  # the one way tags are written

    started = time.perf_counter()
    rows = []
    for spec in plans:
        go = spec["started"] is not None
        rows.append(
            Experiment(
                owner_id=spec["owner"],
                unit_id=spec["unit"],
                template=spec["template"],
                language=spec["language"],
                title=spec["title"],
                problem=spec["problem"],
                audience="",
                belief=spec["belief"],
                expected_outcome=spec["expected_outcome"],
                what_we_try=spec["what_we_try"],
                smallest_test=spec["smallest_test"],
                success_criterion="20 %",
                stop_criterion="5 %",
                starts_on=spec["starts_on"],
                ends_on=spec["ends_on"],
                cost_euros=spec["cost"],
                principles=spec["principles"],
                skills=spec["skills"],
                tags=_tags(spec["principles"], spec["skills"]),
                status=spec["status"],
                sharing=spec["sharing"],
                decision=spec["decision"],
                decision_reason=spec["decision_reason"],
                decided_on=spec["decided_on"],
                lessons=spec["lessons"],
                approved_by="Directiecomité" if spec["approved_on"] else "",
                approved_on=spec["approved_on"],
                official_change="Nieuwe werkwijze." if spec["approved_on"] else "",
                mandate_changes_rights=False if go else None,
                mandate_personal_data=False if go else None,
                mandate_spend_euros=spec["cost"] if go else None,
                mandate_other_unit=False if go else None,
                mandate_outcome=MandateOutcome.GO if go else "",
                mandate_checked_at=spec["started"],
                started_at=spec["started"],
                shared_at=spec["started"] if go and spec["sharing"] != Sharing.PRIVATE else None,
                version=3 + len(spec["iterations"]),
            )
        )
    with transaction.atomic():
        Experiment.objects.bulk_create(rows, batch_size=2_000)
        pks.update({first + offset: row.pk for offset, row in enumerate(rows)})
        # auto_now / auto_now_add stamp every row with now: give each its own dates.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE experiments_experiment e SET created_at = v.c, updated_at = v.u "
                "FROM unnest(%s::bigint[], %s::timestamptz[], %s::timestamptz[]) AS v(id, c, u) "
                "WHERE e.id = v.id",
                [
                    [row.pk for row in rows],
                    [spec["created"] for spec in plans],
                    [spec["updated"] for spec in plans],
                ],
            )
            links = [
                (row.pk, pks[spec["based_on"]])
                for row, spec in zip(rows, plans, strict=True)
                if spec["based_on"] is not None
            ]
            if links:
                cursor.execute(
                    "UPDATE experiments_experiment e SET based_on_id = v.b "
                    "FROM unnest(%s::bigint[], %s::bigint[]) AS v(id, b) WHERE e.id = v.id",
                    [[a for a, _b in links], [b for _a, b in links]],
                )
        iterations, events, co_owners, asks = [], [], [], []
        through = Experiment.co_owners.through
        for row, spec in zip(rows, plans, strict=True):
            owner = spec["owner"]
            events.append(
                ExperimentEvent(
                    experiment=row,
                    kind=EventKind.CREATED,
                    by_id=owner,
                    to_status=Status.DRAFT,
                    at=spec["created"],
                )
            )
            if spec["co_owner"]:
                co_owners.append(through(experiment_id=row.pk, user_id=spec["co_owner"]))
            if spec["ask"]:
                asks.append(
                    PermissionRequest(
                        experiment=row,
                        whom=AskWhom.LINE_MANAGER,
                        asked_of_id=spec["manager"],
                        asked_by_id=owner,
                        question="Mogen we dit kleine experiment starten? Het kost 800 euro.",
                    )
                )
            if spec["started"] is None:
                if spec["status"] == Status.CLOSED:
                    events.append(
                        ExperimentEvent(
                            experiment=row,
                            kind=EventKind.STATUS,
                            by_id=owner,
                            from_status=Status.DRAFT,
                            to_status=Status.CLOSED,
                            at=spec["updated"],
                        )
                    )
                continue
            events.append(
                ExperimentEvent(
                    experiment=row,
                    kind=EventKind.STATUS,
                    by_id=owner,
                    from_status=Status.DRAFT,
                    to_status=Status.RUNNING,
                    at=spec["started"],
                )
            )
            for step in spec["iterations"]:
                iterations.append(
                    Iteration(
                        experiment=row,
                        number=step["number"],
                        tried_on=step["tried_on"],
                        what_we_tried=spec["what_we_try"],
                        what_we_saw=spec["saw"],
                        success=step["success"],
                        stop_met=step["stop_met"],
                        learnt=spec["lessons"],
                        skills=step["skills"],
                        recorded_by_id=owner,
                    )
                )
                events.append(
                    ExperimentEvent(
                        experiment=row,
                        kind=EventKind.ITERATION,
                        by_id=owner,
                        note=str(step["number"]),
                        at=spec["started"] + (step["tried_on"] - spec["starts_on"]),
                    )
                )
            if spec["decision"]:
                decided_at = spec["started"] + (spec["decided_on"] - spec["starts_on"])
                events.append(
                    ExperimentEvent(
                        experiment=row,
                        kind=EventKind.DECIDED,
                        by_id=owner,
                        note=spec["decision"],
                        at=decided_at,
                    )
                )
                if spec["status"] != Status.RUNNING:
                    events.append(
                        ExperimentEvent(
                            experiment=row,
                            kind=EventKind.STATUS,
                            by_id=owner,
                            from_status=Status.RUNNING,
                            to_status=Status.DECIDED,
                            at=decided_at,
                        )
                    )
                if spec["status"] in (Status.REGULARISED, Status.CLOSED):
                    events.append(
                        ExperimentEvent(
                            experiment=row,
                            kind=EventKind.STATUS,
                            by_id=owner,
                            from_status=Status.DECIDED,
                            to_status=spec["status"],
                            at=spec["updated"],
                        )
                    )
            if spec["sharing"] != Sharing.PRIVATE:
                events.append(
                    ExperimentEvent(
                        experiment=row,
                        kind=EventKind.SHARED,
                        by_id=owner,
                        note=spec["sharing"],
                        at=spec["started"],
                    )
                )
        Iteration.objects.bulk_create(iterations, batch_size=5_000)
        ExperimentEvent.objects.bulk_create(events, batch_size=5_000)
        through.objects.bulk_create(co_owners, batch_size=5_000)
        PermissionRequest.objects.bulk_create(asks, batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"  {len(rows):,} experiments, {len(iterations):,} iterations, {len(events):,} events, "
        f"{len(co_owners):,} co-owners, {len(links):,} built on another, "
        f"{len(asks):,} waiting permission requests "
        f"({time.perf_counter() - started:.1f} s)"
    )


# --- who reads --------------------------------------------------------------------------------


def team_counts_in_database() -> Counter:
    """unit id -> started experiments shared with the team, for the units at the bottom of
    the chart."""
    from django.db.models import Count

    from elan.experiments.constants import Sharing, Status
    from elan.experiments.models import Experiment
    from elan.organisations.models import Unit

    deepest = Unit.objects.order_by("-depth").values_list("depth", flat=True).first()
    rows = (
        Experiment.objects.filter(unit__depth=deepest, sharing=Sharing.TEAM)
        .exclude(status=Status.DRAFT)
        .order_by()
        .values_list("unit_id")
        .annotate(count=Count("pk"))
    )
    return Counter(dict(rows))


def team_counts_in_plan(plans: list[dict]) -> Counter:
    """The same as ``team_counts_in_database``, from the whole plan before it is inserted, so
    that the queries are counted for the same people at 1,000 experiments and at all of them."""
    from elan.experiments.constants import Sharing, Status
    from elan.organisations.models import Unit

    deepest = Unit.objects.order_by("-depth").values_list("depth", flat=True).first()
    bottom = set(Unit.objects.filter(depth=deepest).values_list("pk", flat=True))
    return Counter(
        spec["unit"]
        for spec in plans
        if spec["unit"] in bottom
        and spec["sharing"] == Sharing.TEAM
        and spec["status"] != Status.DRAFT
    )


def subjects(team_counts: Counter) -> dict:
    """The readers and the card, chosen from the data the same way on every run."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Min

    from elan.experiments.constants import Sharing, Status
    from elan.experiments.models import Experiment
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role
    from elan.organisations.models import RoleAssignment, StaffRecord

    users = get_user_model().objects
    with_roles = RoleAssignment.objects.values("user_id")
    # An employee at the bottom of the chart, reading in Dutch, with no role, in the team
    # whose colleagues share the most with it.
    busiest = min(team_counts, key=lambda unit_id: (-team_counts[unit_id], unit_id))
    employee = (
        users.filter(staff_record__unit_id=busiest, preferred_language="nl")
        .exclude(pk__in=with_roles)
        .order_by("pk")
        .first()
    )

    # The person with the most people below them, directly or through others.
    reports: dict[int, list[int]] = defaultdict(list)
    tops = []
    for user_id, manager_id in StaffRecord.objects.values_list("user_id", "line_manager_id"):
        if manager_id is None:
            tops.append(user_id)
        else:
            reports[manager_id].append(user_id)

    def below(person: int) -> int:
        total, stack = 0, list(reports[person])
        while stack:
            current = stack.pop()
            total += 1
            stack.extend(reports[current])
        return total

    manager_id = max(sorted(tops), key=below)
    manager = users.get(pk=manager_id)

    hr_role = RoleAssignment.objects.filter(role=Role.HR, unit__isnull=True).order_by("pk").first()
    if hr_role is not None:
        hr = hr_role.user
    else:
        hr = users.create(email="bench.hr@federal.elan.example", preferred_language="en")
        organisation_services.role_assign(user=hr, role=Role.HR, unit=None)

    # A card shared with the organisation, decided, with the most iterations, built on another,
    # among the first 1,000 (there when the queries are first counted).
    first_pk = Experiment.objects.aggregate(first=Min("pk"))["first"]
    card = (
        Experiment.objects.filter(
            pk__lt=first_pk + FIRST_BATCH,
            sharing=Sharing.ORGANISATION,
            status=Status.DECIDED,
            based_on__isnull=False,
        )
        .exclude(owner=employee)
        .annotate(iterations_count=Count("iterations"))
        .order_by("-iterations_count", "pk")
        .first()
    )
    return {
        "employee": employee,
        "employee_below": below(employee.pk),
        "manager": manager,
        "manager_below": below(manager.pk),
        "hr": hr,
        "card": card,
    }


def pages(chosen: dict) -> list[tuple[str, str, object]]:
    card = chosen["card"]
    employee, manager, hr = chosen["employee"], chosen["manager"], chosen["hr"]
    return [
        ("wall, first page", "/en/experiments/wall/", employee),
        (
            f"wall, searched in Dutch ({DUTCH_WORD})",
            f"/nl/experiments/wall/?q={DUTCH_WORD}",
            employee,
        ),
        (
            f"wall, searched in French ({FRENCH_WORD})",
            f"/fr/experiments/wall/?q={FRENCH_WORD}",
            employee,
        ),
        (f"wall, skill filter ({SKILL})", f"/en/experiments/wall/?skill={SKILL}", employee),
        ("yearly report, page", "/en/experiments/report/", employee),
        ("yearly report, PDF", "/en/experiments/report.pdf", employee),
        ("card shared with the organisation", f"/en/experiments/{card.public_id}/", employee),
        ("manager's view", "/en/experiments/team/", manager),
        ("HR's figures, page", "/en/experiments/figures/", hr),
        ("HR's figures, CSV", "/en/experiments/figures.csv", hr),
    ]


def clients(chosen: dict) -> dict:
    from django.test import Client

    from elan.accounts.tests.logins import mark_second_factor_passed

    made = {}
    for key in ("employee", "manager", "hr"):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(chosen[key], backend="django.contrib.auth.backends.ModelBackend")
        # HR needs a second factor (SecondFactorMiddleware): the session says it was passed,
        # as after a real login with a code, so that the page itself is timed, not a redirect.
        mark_second_factor_passed(client, chosen[key])
        made[chosen[key].pk] = client
    return made


def fetch(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def shape(sql: str) -> str:
    """A query with its values taken out, to find the same query run more than once."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"(\?\s*,\s*)+\?", "?…", sql)


def count_queries(chosen: dict, label: str) -> dict:
    """Each page's queries, once: how many, their time, the longest statement, the slowest one
    and any run more than once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = clients(chosen)
    found = {}
    print(f"\nSQL queries per request, {label}:")
    for name, url, user in pages(chosen):
        client = made[user.pk]
        fetch(client, url)  # the same warm-up the timings get
        with CaptureQueriesContext(connection) as captured:
            response = fetch(client, url)
        queries = captured.captured_queries
        seconds = sum(float(query["time"]) for query in queries)
        repeated = {
            sql: times
            for sql, times in Counter(shape(q["sql"]) for q in queries).items()
            if times > 1
        }
        slowest = max(queries, key=lambda query: float(query["time"]))
        longest = max(len(query["sql"]) for query in queries)
        found[name] = {
            "count": len(queries),
            "sql_ms": seconds * 1000,
            "bytes": len(response.content),
            "longest": longest,
            "repeated": sum(times - 1 for times in repeated.values()),
        }
        print(
            f"  {name:<48} {len(queries):3d} queries, SQL {seconds * 1000:7.1f} ms, "
            f"longest statement {longest:,} chars, response {len(response.content) / 1024:,.0f} KB"
        )
        print(
            f"      slowest ({float(slowest['time']) * 1000:.1f} ms): "
            f"{slowest['sql'][:220]}{'…' if len(slowest['sql']) > 220 else ''}"
        )
        for sql, times in sorted(repeated.items(), key=lambda item: -item[1]):
            print(f"      ×{times}: {sql[:160]}{'…' if len(sql) > 160 else ''}")
    return found


def measure(chosen: dict, runs: int, pdf_runs: int) -> dict:
    made = clients(chosen)
    print(
        f"\nserver time, {runs} runs each after a warm-up ({pdf_runs} for the PDF), ms; "
        f"load average {load()}:"
    )
    results = {}
    for name, url, user in pages(chosen):
        client = made[user.pk]
        times = pdf_runs if url.endswith(".pdf") else runs
        result = timed(lambda client=client, url=url: fetch(client, url), times, percentile=90)
        results[name] = result
        print(
            f"  {name:<48} median {result['median']:7.1f}  p90 {result['p90']:7.1f}"
            f"  min {result['min']:7.1f}  (Django CPU {result['cpu']:6.1f})"
            f"  {'ok' if result['median'] < 500 else 'OVER 500 ms'}"
        )
    print(f"load average after the timings: {load()}")
    return results


def describe(chosen: dict) -> None:
    from django.db.models import Count

    from elan.experiments import team, wall
    from elan.experiments.models import Experiment, Iteration
    from elan.organisations.selectors import unit_of

    employee, manager = chosen["employee"], chosen["manager"]
    mix = Experiment.objects.order_by().values("status").annotate(n=Count("pk"))
    sharing = Experiment.objects.order_by().values("sharing").annotate(n=Count("pk"))
    decisions = (
        Experiment.objects.exclude(decision="")
        .order_by()
        .values("decision")
        .annotate(n=Count("pk"))
    )
    print("\ndata:")
    print(
        f"  {Experiment.objects.count():,} experiments, {Iteration.objects.count():,} iterations; "
        + ", ".join(f"{row['status']} {row['n']:,}" for row in mix)
    )
    print("  shared: " + ", ".join(f"{row['sharing']} {row['n']:,}" for row in sharing))
    print("  decisions: " + ", ".join(f"{row['decision']} {row['n']:,}" for row in decisions))
    unit = unit_of(user=employee)
    print(
        f"  employee {employee.email} in {unit.code} (depth {unit.depth}): "
        f"{wall.on_the_wall(viewer=employee).count():,} experiments on their wall"
    )
    print(
        f"  manager {manager.email} ({unit_of(user=manager).code}): "
        f"{chosen['manager_below']:,} people below; "
        f"{team.team_experiments(manager=manager).count():,} team experiments, "
        f"{team.running_out(manager=manager).count():,} time boxes about to end, "
        f"{team.waiting_requests(viewer=manager).count():,} requests waiting"
    )
    card = chosen["card"]
    print(
        f"  card {card.public_id}: {card.iterations.count()} iterations, "
        f"{card.events.count()} events, built on #{card.based_on_id}"
    )
    print(f"  HR {chosen['hr'].email}: whole organisation")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--experiments", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=65_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--pdf-runs", type=int, default=5, help="runs of the PDF, which takes seconds"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="use the data of an earlier run")
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        sys.exit("The benchmark is defined on PostgreSQL.")
    os.environ.update(
        {
            "DATABASE_URL": options.database_url,
            "DJANGO_SETTINGS_MODULE": "elan.settings.test",  # plain static files, fast hashing
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    print(f"load average at the start: {load()}")
    if not options.reuse:
        print("set-up (not timed):")
        started = time.perf_counter()
        recreate_database(options.database_url)
        manage("migrate", "--no-input", "-v", "0")
        print(f"  migrated ({time.perf_counter() - started:.1f} s)")
        started = time.perf_counter()
        output = manage("generate_federal_dataset", "--people", str(options.people))
        print(f"  {output.splitlines()[-1]} (with start-up {time.perf_counter() - started:.1f} s)")
    sys.path.insert(0, str(ROOT))
    # The test settings serve static files from a directory only a deployment builds.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    if options.reuse:
        chosen = subjects(team_counts_in_database())
        describe(chosen)
    else:
        one_root()
        started = time.perf_counter()
        plans = plan(options.experiments, options.seed)
        print(f"  {len(plans):,} experiments planned ({time.perf_counter() - started:.1f} s)")
        pks: dict[int, int] = {}
        insert(plans[:FIRST_BATCH], 0, pks)
        chosen = subjects(team_counts_in_plan(plans))
        before = count_queries(chosen, f"at {FIRST_BATCH:,} experiments")
        insert(plans[FIRST_BATCH:], FIRST_BATCH, pks)
        chosen = subjects(team_counts_in_plan(plans))
        describe(chosen)
    from elan.experiments.models import Experiment

    after = count_queries(chosen, f"at {Experiment.objects.count():,} experiments")
    if not options.reuse:
        grown = [name for name in after if after[name]["count"] != before[name]["count"]]
        print(
            "\nquery counts that changed with the data: "
            + (
                ", ".join(f"{n} ({before[n]['count']} → {after[n]['count']})" for n in grown)
                if grown
                else "none"
            )
        )
    measure(chosen, options.runs, options.pdf_runs)


if __name__ == "__main__":
    main()
