"""Small factories for the security, audit and booking tests: a few users,
families, children and schools, with ids the tests can name."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.storage.models import Child, FosterFamily, MatchingSession, Role, School, User

TODAY = dt.date(2026, 11, 22)
CANARY_ADDRESS = "Kanariepietersteeg 977 CANARY-ADDR-7f3a"


def add_user(s: Session, username: str, role: Role) -> Actor:
    user = User(username=username, display_name=username.title(), role=role, password_hash=None)
    s.add(user)
    s.flush()
    return Actor(user_id=user.id, username=username, role=role, workstation="test-ws")


def add_family(s: Session, places: int = 1, address: str = CANARY_ADDRESS) -> FosterFamily:
    family = FosterFamily(
        name="Familie Test",
        address=address,
        postcode="3511AB",
        lat=52.09,
        lon=5.12,
        total_places=places,
    )
    s.add(family)
    s.flush()
    return family


def add_child(s: Session, guardian: Actor | None = None, name: str = "Kind Test") -> Child:
    child = Child(
        name=name,
        date_of_birth=dt.date(2014, 3, 1),
        gender="f",
        guardian_id=guardian.user_id if guardian else None,
    )
    s.add(child)
    s.flush()
    return child


def add_school(s: Session, seats: int = 5, code: str = "00AA") -> School:
    school = School(
        duo_code=code, name="School", kinds=["primary"], free_seats=seats, postcode="3511", lat=52.1, lon=5.1
    )
    s.add(school)
    s.flush()
    return school


def add_session(s: Session) -> MatchingSession:
    session = MatchingSession(session_date=TODAY)
    s.add(session)
    s.flush()
    return session
