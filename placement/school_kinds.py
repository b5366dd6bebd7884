"""How DUO's school categories map onto the app's school kinds
(``catalogue.codes.SCHOOL_KINDS``).

Coarse kinds (``primary``, ``secondary``, ``special``, ``newcomer``) are what
officers usually ask for; the special schools also carry the age stage
(``special-primary``, ``special-secondary``) for children who need it.
"""

from __future__ import annotations

_BY_DUO_TYPE: dict[str, tuple[str, ...]] = {
    "BO": ("primary",),
    "SBO": ("special", "special-primary"),
    "SO": ("special", "special-primary"),
    "VSO": ("special", "special-secondary"),
    "SO+VSO": ("special", "special-primary", "special-secondary"),
    "VO": ("secondary",),
}

# DUO's own category names as they appear in the "alle vestigingen" files.
_DUO_CATEGORY_TO_TYPE: dict[str, str] = {
    "BAO": "BO",
    "SBAO": "SBO",
    "SO": "SO",
    "VSO": "VSO",
    "(V)SO": "SO+VSO",
    "VO": "VO",
}


def kinds_for_duo(school_type_or_category: str, newcomer: bool = False) -> list[str]:
    """The app's kinds for a DUO school type (``BO``) or category (``BAO``).

    Raises :class:`ValueError` for a category the app does not know, so an
    import can name the row instead of silently dropping the school.
    """
    key = school_type_or_category.strip().upper()
    key = _DUO_CATEGORY_TO_TYPE.get(key, key)
    if key not in _BY_DUO_TYPE:
        raise ValueError(f'unknown DUO school category "{school_type_or_category}"')
    kinds = list(_BY_DUO_TYPE[key])
    if newcomer:
        kinds.append("newcomer")
    return kinds
