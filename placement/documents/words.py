"""Dutch words for the solver's rules and score terms and for what a refused
dossier would have shown, as printed documents say them (the names of the
domain's codes are in ``catalogue.codes``)."""

from __future__ import annotations

HARD_RULES = {
    "forbidden": "verboden koppeling",
    "capacity": "geen vrije plek",
    "age": "leeftijd",
    "gender": "geslacht",
    "training": "training ontbreekt",
    "safety": "veiligheidsafstand",
    "school": "geen school in de buurt",
}
"""The solver's hard rules (``solver.rules.PAIR_RULES``) as a manager reads them."""

SCORE_TERMS = {
    "language": "Gedeelde taal",
    "safety_margin": "Veiligheidsmarge boven de minimale afstand",
    "school_km": "Reisafstand naar school",
    "siblings_together": "Broers en zussen samen",
}

LEAKS = {
    "foster family address": "het adres van het pleeggezin",
    "another family's address": "het adres van een ander gezin",
    "coordinates": "coördinaten",
    "network name": "de naam van een netwerk",
    "network location": "een netwerklocatie",
    "network intelligence": "informatie over een netwerk",
    "another child's name": "de naam van een ander kind",
    "a sibling's name": "de naam van een broer of zus",
    "another family's name": "de naam van een ander gezin",
    "a missing episode": "een vermissing",
    "another name of the child": "een andere naam van het kind",
}
"""What a refused dossier would have shown (``placement.services.dossier.recipients.Leak`` values), in Dutch."""

