"""Who may do what: the whole role × action matrix, the guardian's
own-children rule, and refusals in the audit trail."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from placement.errors import PermissionDenied
from placement.services import audit
from placement.services.permissions import Action, allowed, require
from placement.services.registers import school_register
from placement.services.registers.school_register import SchoolInput
from placement.storage.database import Database
from placement.storage.models import AuditEntry, Child, Role, School
from tests.placement.security_factories import add_child, add_user

A = Action
EXPECTED: dict[Role, set[Action]] = {
    Role.OFFICER: set(Action) - {A.MANAGE_USERS, A.VIEW_AUDIT, A.BACKUP},
    Role.MANAGER: {A.VIEW_CAPACITY, A.VIEW_AUDIT},
    Role.GUARDIAN: {A.VIEW_CHILD, A.VIEW_FAMILY, A.VIEW_FAMILY_ADDRESS, A.PRINT_DOSSIER},
    Role.ADMINISTRATOR: {A.MANAGE_USERS, A.VIEW_AUDIT, A.BACKUP},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_role_action_matrix(sqlite_url: str, role: Role, action: Action) -> None:
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        actor = add_user(s, f"u-{role}", role)
        child = add_child(s, guardian=actor)  # a guardian's own child: the most they may see
        if action in EXPECTED[role]:
            require(actor, action, child=child)
        else:
            with pytest.raises(PermissionDenied, match="your role may not"):
                require(actor, action, child=child)
    db.dispose()


def test_guardian_sees_only_own_children(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        mine = add_user(s, "g1", Role.GUARDIAN)
        other = add_user(s, "g2", Role.GUARDIAN)
        own_child = add_child(s, guardian=mine)
        their_child = add_child(s, guardian=other)
        orphan = add_child(s, guardian=None)
        require(mine, Action.VIEW_CHILD, child=own_child)
        require(mine, Action.PRINT_DOSSIER, child=own_child)
        assert not allowed(mine, Action.VIEW_CHILD, child=their_child)
        assert not allowed(mine, Action.VIEW_CHILD, child=orphan)
        assert not allowed(mine, Action.VIEW_CHILD)  # no child named: no blanket access
        with pytest.raises(PermissionDenied, match="only print placement dossiers for children assigned"):
            require(mine, Action.PRINT_DOSSIER, child=their_child)
    db.dispose()


def test_refusal_is_audited_even_when_the_transaction_rolls_back(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        guardian = add_user(s, "g1", Role.GUARDIAN)
        other = add_user(s, "g2", Role.GUARDIAN)
        child_id = add_child(s, guardian=other).id
    with pytest.raises(PermissionDenied), db.session() as s, s.begin():
        child = s.get_one(Child, child_id)
        require(guardian, Action.VIEW_CHILD, child=child)
    with db.session() as s:
        rows = s.execute(select(AuditEntry)).scalars().all()
        assert [(r.user_id, r.action, r.object_type, r.object_id, r.outcome) for r in rows] == [
            (guardian.user_id, "view_child", "child", str(child_id), "denied")
        ]
        assert audit.verify(s).ok
    db.dispose()


def test_refusal_without_child_is_audited_with_session(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        manager = add_user(s, "m", Role.MANAGER)
    denied = pytest.raises(PermissionDenied, match="your role may not view criminal networks")
    with denied, db.session() as s, s.begin():
        require(manager, Action.VIEW_NETWORK, session=s)
    with db.session() as s:
        entry = s.execute(select(AuditEntry)).scalar_one()
        assert (entry.role, entry.action, entry.outcome) == ("manager", "view_network", "denied")
    db.dispose()


def test_refusal_in_a_read_only_session_is_audited(sqlite_url: str) -> None:
    """Reads often run in a session that is closed, not committed."""
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        admin = add_user(s, "a", Role.ADMINISTRATOR)
        child_id = add_child(s).id
    with pytest.raises(PermissionDenied), db.session() as s:
        require(admin, Action.VIEW_CHILD, child=s.get_one(Child, child_id))
    with db.session() as s:
        entry = s.execute(select(AuditEntry)).scalar_one()
        assert (entry.role, entry.action, entry.object_id, entry.outcome) == ("administrator", "view_child", str(child_id), "denied")
        assert audit.verify(s).ok
    db.dispose()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.GUARDIAN, Role.ADMINISTRATOR])
def test_only_an_officer_changes_schools(sqlite_url: str, role: Role) -> None:
    """A school's free seats decide where a child can be placed: changing one is case work."""
    school = SchoolInput(duo_code="12AB00", name="De Regenboog", kinds=["primary"], free_seats=3, postcode="1012")
    db = Database(sqlite_url)
    with db.session() as s, s.begin():
        officer = add_user(s, "o", Role.OFFICER)
        other = add_user(s, "x", role)
        school_id = school_register.create_school(s, officer, school)
    changed = dataclasses.replace(school, free_seats=0)
    for write in (lambda s: school_register.create_school(s, other, dataclasses.replace(school, duo_code="99ZZ00")),
                  lambda s: school_register.update_school(s, other, school_id, changed),
                  lambda s: school_register.delete_school(s, other, school_id)):
        with pytest.raises(PermissionDenied, match="your role may not change schools"), \
                db.session() as s, s.begin():
            write(s)
    with db.session() as s:
        assert [(x.duo_code, x.free_seats) for x in s.scalars(select(School))] == [("12AB00", 3)]
        refusals = s.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.outcome)).all()
        assert refusals.count(("x", "edit_school", "denied")) == 3
    with db.session() as s, s.begin():
        school_register.update_school(s, officer, school_id, changed)
        school_register.delete_school(s, officer, school_id)
    db.dispose()

