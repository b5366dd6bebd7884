"""Dutch words for the codes the domain stores (printed documents are Dutch;
the users are Dutch). One table per code list, shared by every document and
by screens that show the same codes."""

from __future__ import annotations

from collections.abc import Iterable

GENDERS = {"f": "meisje", "m": "jongen", "x": "anders / onbekend"}

TRAINING = {
    "exploitation": "criminele uitbuiting",
    "trauma": "trauma",
    "attachment": "hechting",
    "language-support": "taalondersteuning",
    "siblings": "broers en zussen",
    "teenagers": "tieners",
    "newcomers": "nieuwkomers",
    "special-needs": "bijzondere zorg",
}

SCHOOL_KINDS = {
    "primary": "basisonderwijs",
    "secondary": "voortgezet onderwijs",
    "special": "speciaal onderwijs",
    "special-primary": "speciaal basisonderwijs",
    "special-secondary": "voortgezet speciaal onderwijs",
    "newcomer": "nieuwkomersonderwijs",
}

LANGUAGES = {
    "nl": "Nederlands", "en": "Engels", "fr": "Frans", "de": "Duits", "ar": "Arabisch",
    "bg": "Bulgaars", "ro": "Roemeens", "pl": "Pools", "tr": "Turks", "ti": "Tigrinya",
    "so": "Somalisch", "uk": "Oekraïens", "ru": "Russisch", "es": "Spaans", "pap": "Papiaments",
    "rom": "Romani", "hu": "Hongaars", "sr": "Servisch", "fa": "Perzisch", "prs": "Dari",
}

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


def words(codes: Iterable[str], table: dict[str, str], none: str = "geen") -> str:
    """``["bg", "nl"]`` → ``"Bulgaars, Nederlands"``; unknown codes print as they are."""
    return ", ".join(table.get(c, c) for c in codes) or none
