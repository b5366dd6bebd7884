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

def words(codes: Iterable[str], table: dict[str, str], none: str = "geen") -> str:
    """``["bg", "nl"]`` → ``"Bulgaars, Nederlands"``; unknown codes print as they are."""
    return ", ".join(table.get(c, c) for c in codes) or none
