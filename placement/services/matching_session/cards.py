"""Display names for the ids of a matching session: what the matching page may
show about its children, families and schools, never an address."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from placement.services.matching_session.ids import row_id
from placement.storage.models import Child, FosterFamily, School
from solver.problem import Problem as MatchingProblem

# ---------------------------------------------------------------- display cards


@dataclass(frozen=True, slots=True)
class ChildCard:
    """What the matching page may show about a child."""

    id: str
    name: str
    age: int
    priority: int


@dataclass(frozen=True, slots=True)
class FamilyCard:
    """What the matching page may show about a family: never the address."""

    id: str
    name: str
    municipality: str


@dataclass(frozen=True, slots=True)
class SchoolCard:
    id: str
    name: str
    municipality: str


@dataclass(frozen=True, slots=True)
class Cards:
    """Display names for the ids of one run, looked up once when it is opened."""

    children: Mapping[str, ChildCard] = field(default_factory=dict)
    families: Mapping[str, FamilyCard] = field(default_factory=dict)
    schools: Mapping[str, SchoolCard] = field(default_factory=dict)

    def child_name(self, child_id: str) -> str:
        card = self.children.get(child_id)
        return card.name if card else child_id

    def family_name(self, family_id: str) -> str:
        card = self.families.get(family_id)
        return (
            f"{card.name} ({card.municipality})"
            if card and card.municipality
            else (card.name if card else family_id)
        )

    def school_name(self, school_id: str | None) -> str:
        if school_id is None:
            return ""
        card = self.schools.get(school_id)
        return card.name if card else school_id


def cards_for(session: Session, problem: MatchingProblem) -> Cards:
    child_ids = [row_id(c.id, "C") for c in problem.children]
    family_ids = [row_id(f.id, "F") for f in problem.families]
    children = (
        {f"C{c.id}": c for c in session.scalars(select(Child).where(Child.id.in_(child_ids)))}
        if child_ids
        else {}
    )
    families = (
        {
            f"F{i}": FamilyCard(f"F{i}", name, municipality)
            for i, name, municipality in session.execute(
                select(FosterFamily.id, FosterFamily.name, FosterFamily.municipality).where(
                    FosterFamily.id.in_(family_ids)
                )
            )
        }
        if family_ids
        else {}
    )
    codes = [s.id for s in problem.schools]
    schools = (
        {
            code: SchoolCard(code, name, municipality)
            for code, name, municipality in session.execute(
                select(School.duo_code, School.name, School.municipality).where(
                    School.duo_code.in_(codes)
                )
            )
        }
        if codes
        else {}
    )
    return Cards(
        children={
            c.id: ChildCard(
                c.id, children[c.id].name if c.id in children else c.id, c.age, c.priority
            )
            for c in problem.children
        },
        families=families,
        schools=schools,
    )
