"""Who moved between two proposals of one session, so the officer sees what a
re-solve changed and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from solver.proposal import Proposal


class ChangeKind(StrEnum):
    PLACED = "placed"  # was not placed, now is
    UNPLACED = "unplaced"  # was placed, now is not
    MOVED = "moved"  # another family
    SCHOOL = "school"  # same family, another school


@dataclass(frozen=True, slots=True)
class Change:
    child: str
    kind: ChangeKind
    family_before: str | None
    family_after: str | None
    school_before: str | None
    school_after: str | None
    made_way_for: tuple[str, ...] = ()
    """For a child who moved or lost its place: the children who now have a place
    in its former family and did not before (it had to make way for them)."""


def diff(
    previous: Proposal | None,
    current: Proposal | None,
    pinned: Mapping[str, str] | None = None,
) -> tuple[Change, ...]:
    """Who moved between two proposals of one session, in child-id order.
    ``pinned`` (child -> family): a child now in the family it is pinned to
    moved because of its pin, not to make way for anyone."""
    pinned = pinned or {}
    before = {p.child: p for p in previous.placements} if previous else {}
    after = {p.child: p for p in current.placements} if current else {}
    changes: list[Change] = []
    for child in sorted(before.keys() | after.keys(), key=_id_order):
        old, new = before.get(child), after.get(child)
        if old is None and new is not None:
            kind = ChangeKind.PLACED
        elif new is None and old is not None:
            kind = ChangeKind.UNPLACED
        elif old is not None and new is not None and old.family != new.family:
            kind = ChangeKind.MOVED
        elif old is not None and new is not None and old.school != new.school:
            kind = ChangeKind.SCHOOL
        else:
            continue
        newcomers: tuple[str, ...] = ()
        moved_by_its_pin = new is not None and pinned.get(child) == new.family
        if kind in (ChangeKind.MOVED, ChangeKind.UNPLACED) and old is not None and not moved_by_its_pin:
            newcomers = tuple(
                sorted(
                    (
                        c
                        for c, p in after.items()
                        if p.family == old.family and (c not in before or before[c].family != old.family)
                    ),
                    key=_id_order,
                )
            )
        changes.append(
            Change(
                child=child,
                kind=kind,
                family_before=old.family if old else None,
                family_after=new.family if new else None,
                school_before=old.school if old else None,
                school_after=new.school if new else None,
                made_way_for=newcomers,
            )
        )
    return tuple(changes)


def _id_order(session_id: str) -> tuple[int, str]:
    digits = session_id[1:]
    return (int(digits), session_id) if digits.isdigit() else (0, session_id)
