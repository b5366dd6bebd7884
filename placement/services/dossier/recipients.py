"""Who a dossier is for, and what each recipient's copy may hold.

Two independent safeguards decide what a dossier shows: the :class:`Policy`
here selects the sections, and the leak check refuses a finished PDF that
still holds a value of a category in the policy's ``may_not_see``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Recipient(enum.StrEnum):
    GUARDIAN = "guardian"
    FOSTER_FAMILY = "foster-family"
    SCHOOL = "school"
    CLOSED_UNIT = "closed-unit"
    """The staff of the closed youth-care unit that takes (or has) the child."""

    @property
    def label(self) -> str:
        return _RECIPIENT_LABELS[self]


_RECIPIENT_LABELS = {
    Recipient.GUARDIAN: "de voogd",
    Recipient.FOSTER_FAMILY: "het pleeggezin",
    Recipient.SCHOOL: "de school",
    Recipient.CLOSED_UNIT: "de gesloten afdeling",
}


class Leak(enum.StrEnum):
    """What a recipient may not see, by category; a refusal names these in
    words (``catalogue.sentences.leak_name``)."""

    FAMILY_ADDRESS = "family_address"
    OTHER_ADDRESS = "other_address"
    COORDINATES = "coordinates"
    NETWORK_LABEL = "network_label"
    LOCATION_LABEL = "location_label"
    INTELLIGENCE = "intelligence"
    OTHER_CHILD = "other_child"
    SIBLING = "sibling"
    OTHER_FAMILY = "other_family"
    MISSING = "missing"
    ALIAS = "alias"


class Notes(enum.Enum):
    """Which of the child's free-text notes a copy holds."""

    ALL = "all"
    SHAREABLE = "shareable"
    """Only the lines an officer marked with :data:`SHAREABLE_MARK`."""


SHAREABLE_MARK = "[deelbaar]"
"""A line of a child's notes that starts with this mark (any case) may go into
the copies for the foster family and the school; every other line stays in
the guardian's copy only."""

NOTES_LEFT_OUT = ("Aantekeningen die niet als deelbaar zijn gemarkeerd, zijn in dit exemplaar "
                  "weggelaten.")


def split_notes(notes: str) -> list[tuple[bool, str]]:
    """The non-empty lines of ``notes`` in order, each with whether it is marked
    shareable (the mark removed)."""
    lines = []
    for line in notes.splitlines():
        text = line.strip()
        shareable = text.casefold().startswith(SHAREABLE_MARK)
        if shareable:
            text = text[len(SHAREABLE_MARK):].strip()
        if text:
            lines.append((shareable, text))
    return lines


@dataclass(frozen=True, slots=True)
class Policy:
    """Which sections a recipient's copy holds. The leak check does not trust
    this table: it is the second line of defence against a mistake here."""

    child_needs: bool
    family_address: bool
    family_municipality: bool
    siblings: bool
    sibling_whereabouts: bool
    safety_areas: bool
    network_labels: bool
    matching: bool
    notes: Notes | None
    may_not_see: frozenset[Leak]
    history: bool = False
    """Earlier placements and missing episodes (the guardian's copy only)."""
    authorisation: bool = False
    """The court authorisation for closed care and its end date (the unit's copy)."""


_ALWAYS_SECRET = frozenset({Leak.COORDINATES, Leak.LOCATION_LABEL, Leak.INTELLIGENCE, Leak.OTHER_CHILD,
                            Leak.OTHER_ADDRESS})

POLICIES: dict[Recipient, Policy] = {
    Recipient.GUARDIAN: Policy(
        child_needs=True, family_address=True, family_municipality=True, siblings=True,
        sibling_whereabouts=True, safety_areas=True, network_labels=True, matching=True, notes=Notes.ALL,
        may_not_see=_ALWAYS_SECRET, history=True,
    ),
    Recipient.FOSTER_FAMILY: Policy(
        child_needs=True, family_address=True, family_municipality=True, siblings=True,
        sibling_whereabouts=False, safety_areas=True, network_labels=False, matching=False,
        notes=Notes.SHAREABLE,
        may_not_see=_ALWAYS_SECRET | {Leak.NETWORK_LABEL, Leak.OTHER_FAMILY, Leak.MISSING, Leak.ALIAS},
    ),
    Recipient.SCHOOL: Policy(
        child_needs=False, family_address=False, family_municipality=False, siblings=False,
        sibling_whereabouts=False, safety_areas=False, network_labels=False, matching=False,
        notes=Notes.SHAREABLE,
        may_not_see=_ALWAYS_SECRET | {Leak.FAMILY_ADDRESS, Leak.NETWORK_LABEL, Leak.OTHER_FAMILY,
                                      Leak.SIBLING, Leak.MISSING, Leak.ALIAS},
    ),
    Recipient.CLOSED_UNIT: Policy(
        child_needs=True, family_address=False, family_municipality=False, siblings=True,
        sibling_whereabouts=False, safety_areas=True, network_labels=True, matching=False,
        notes=Notes.SHAREABLE, authorisation=True,
        # the staff must know which networks may not visit; never where the child lived before
        may_not_see=_ALWAYS_SECRET | {Leak.FAMILY_ADDRESS, Leak.OTHER_FAMILY, Leak.MISSING, Leak.ALIAS},
    ),
}

POLICE_SHEET = Policy(
    child_needs=False, family_address=True, family_municipality=True, siblings=False,
    sibling_whereabouts=False, safety_areas=False, network_labels=True, matching=False, notes=None,
    may_not_see=_ALWAYS_SECRET | {Leak.OTHER_FAMILY, Leak.SIBLING},
)  # fmt: skip
"""The police may see the placement address, the labels of the child's networks
and the episode; never coordinates, location labels, intelligence, other
children (siblings included) or other families."""
