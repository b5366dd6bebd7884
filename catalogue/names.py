"""The names inside sentences, once each: hard rules, score terms, what a role
may do, and what a refused dossier would have shown."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from catalogue.keys import Key
from catalogue.phrase import Phrase

RULE_NAMES: Final[Mapping[Key, Phrase]] = MappingProxyType(
    {
        Key.RULE_NAME_FORBIDDEN: Phrase("forbidden", "verboden"),
        Key.RULE_NAME_CAPACITY: Phrase("capacity", "capaciteit"),
        Key.RULE_NAME_AGE: Phrase("age", "leeftijd"),
        Key.RULE_NAME_GENDER: Phrase("gender", "geslacht"),
        Key.RULE_NAME_TRAINING: Phrase("training", "training"),
        Key.RULE_NAME_SAFETY: Phrase("safety distance", "veiligheidsafstand"),
        Key.RULE_NAME_SCHOOL: Phrase("school", "school"),
        Key.RULE_NAME_CLOSED_CARE: Phrase("closed care", "gesloten jeugdhulp"),
        Key.RULE_NAME_SIBLINGS_TOGETHER: Phrase("siblings together", "broers en zussen samen"),
        Key.RULE_NAME_SIBLINGS_APART: Phrase("siblings apart", "broers en zussen apart"),
        Key.RULE_NAME_PIN: Phrase("pin", "vastgezet"),
    }
)
"""The hard rules by their ``solver.rules`` names (``rule_name.<rule>``), as
officers and managers read them in explanations, reports and dossiers."""

TERM_NAMES: Final[Mapping[Key, Phrase]] = MappingProxyType(
    {
        Key.TERM_NAME_LANGUAGE: Phrase("Shared language", "Gedeelde taal"),
        Key.TERM_NAME_SAFETY_MARGIN: Phrase("Safety margin", "Veiligheidsmarge"),
        Key.TERM_NAME_SCHOOL_KM: Phrase("Distance to school", "Reisafstand naar school"),
        Key.TERM_NAME_SIBLINGS_TOGETHER: Phrase("Siblings together", "Broers en zussen samen"),
        Key.TERM_NAME_CLOSED_UNIT: Phrase("Closed unit", "Gesloten afdeling"),
    }
)
"""The score terms by their ``solver.scores`` names (``term_name.<term>``)."""

ACTIONS: Final[Mapping[Key, Phrase]] = MappingProxyType(
    {
        Key.ACTION_VIEW_CHILD: Phrase("view child files", "kinddossiers te bekijken"),
        Key.ACTION_EDIT_CHILD: Phrase("change child files", "kinddossiers te wijzigen"),
        Key.ACTION_VIEW_FAMILY: Phrase("view foster families", "pleeggezinnen te bekijken"),
        Key.ACTION_VIEW_FAMILY_ADDRESS: Phrase(
            "view foster family addresses", "adressen van pleeggezinnen te bekijken"
        ),
        Key.ACTION_EDIT_FAMILY: Phrase("change foster families", "pleeggezinnen te wijzigen"),
        Key.ACTION_VIEW_NETWORK: Phrase(
            "view criminal networks", "criminele netwerken te bekijken"
        ),
        Key.ACTION_EDIT_NETWORK: Phrase(
            "change criminal networks", "criminele netwerken te wijzigen"
        ),
        Key.ACTION_EDIT_SCHOOL: Phrase("change schools", "scholen te wijzigen"),
        Key.ACTION_RUN_SESSION: Phrase("run matching sessions", "koppelsessies uit te voeren"),
        Key.ACTION_ACCEPT_PLACEMENT: Phrase(
            "accept or end placements", "plaatsingen te accepteren of te beëindigen"
        ),
        Key.ACTION_VIEW_CAPACITY: Phrase("view foster capacity", "de pleegcapaciteit te bekijken"),
        Key.ACTION_PRINT_DOSSIER: Phrase(
            "print placement dossiers", "plaatsingsdossiers af te drukken"
        ),
        Key.ACTION_EXPORT: Phrase("export data", "gegevens te exporteren"),
        Key.ACTION_IMPORT: Phrase("import data", "gegevens te importeren"),
        Key.ACTION_MANAGE_USERS: Phrase("manage user accounts", "gebruikersaccounts te beheren"),
        Key.ACTION_VIEW_AUDIT: Phrase("view the audit trail", "het auditlogboek te bekijken"),
        Key.ACTION_BACKUP: Phrase(
            "back up or restore the database",
            "een back-up van de database te maken of terug te zetten",
        ),
    }
)
"""What a role may do, by ``placement.services.permissions.Action`` value
(``action.<value>``); the Dutch fits "toestemming om … "."""

LEAKS: Final[Mapping[Key, Phrase]] = MappingProxyType(
    {
        Key.LEAK_FAMILY_ADDRESS: Phrase("foster family address", "het adres van het pleeggezin"),
        Key.LEAK_OTHER_ADDRESS: Phrase("another family's address", "het adres van een ander gezin"),
        Key.LEAK_COORDINATES: Phrase("coordinates", "coördinaten"),
        Key.LEAK_NETWORK_LABEL: Phrase("network name", "de naam van een netwerk"),
        Key.LEAK_LOCATION_LABEL: Phrase("network location", "een netwerklocatie"),
        Key.LEAK_INTELLIGENCE: Phrase("network intelligence", "informatie over een netwerk"),
        Key.LEAK_OTHER_CHILD: Phrase("another child's name", "de naam van een ander kind"),
        Key.LEAK_SIBLING: Phrase("a sibling's name", "de naam van een broer of zus"),
        Key.LEAK_OTHER_FAMILY: Phrase("another family's name", "de naam van een ander gezin"),
        Key.LEAK_MISSING: Phrase("a missing episode", "een vermissing"),
        Key.LEAK_ALIAS: Phrase("another name of the child", "een andere naam van het kind"),
    }
)
"""What a refused dossier would have shown, by ``Leak`` member name (``leak.<name>``)."""
