"""Id types that cross layers, so a family id is never passed where a child id belongs."""

from typing import NewType

FamilyId = NewType("FamilyId", int)
ChildId = NewType("ChildId", int)
SchoolId = NewType("SchoolId", int)
NetworkId = NewType("NetworkId", int)
SiblingGroupId = NewType("SiblingGroupId", int)
PlacementId = NewType("PlacementId", int)
SessionId = NewType("SessionId", int)
UserId = NewType("UserId", int)

MAX_ID = 2**31 - 1
"""The largest id a database row can have (PostgreSQL's ``integer``): a larger
number typed as an id is an input error, never sent to the database."""


def parse_id(text: str, prefix: str = "") -> int:
    """``C12``/``12`` (for ``prefix="C"``) to 12; :class:`ValueError` naming the
    expected form when the text is not a row id that can exist."""
    digits = text.strip()
    if prefix and digits[:1].upper() == prefix.upper():
        digits = digits[1:]
    example = f"{prefix}12 or 12" if prefix else "12"
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f'"{text}" is not {"a" if prefix else "an"} {_WHAT.get(prefix, "")}id (expected {example})'
                         .replace("  ", " "))
    if len(digits) > 10 or not 1 <= int(digits) <= MAX_ID:
        shown = text if len(text) <= 24 else text[:21] + "..."
        raise ValueError(f'"{shown}" is not an id that can exist (ids run from 1 to {MAX_ID})')
    return int(digits)


_WHAT = {"C": "child ", "F": "family ", "N": "network "}
