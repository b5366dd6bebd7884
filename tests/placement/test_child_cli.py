"""``placement child set-guardian``: officers assign a guardian, audited; the
guardian then sees the child; other roles are refused (exit 4), a missing login
or a wrong user is exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.cli.exit_codes import EXIT_DENIED, EXIT_INPUT
from placement.cli.login import PASSWORD_ENV
from placement.cli.main import main
from placement.services.registers import child_register
from placement.storage.database import Database
from placement.storage.models import AuditEntry, Child, Role, User
from tests.placement import report_fixtures as fx
from tests.placement.cli_login import PASSWORD, add_account


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("child-cli") / "template.sqlite")


@pytest.fixture
def url(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    db = fx.copy_of(template, tmp_path)
    db.dispose()
    for role in (Role.OFFICER, Role.MANAGER, Role.GUARDIAN):
        add_account(db.url, role)
    add_account(db.url, Role.GUARDIAN, "cli-guardian-2")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    return db.url


def _guardian_of(url: str, child_id: int) -> str | None:
    db = Database(url)
    try:
        with db.session() as s:
            child = s.get(Child, child_id)
            assert child is not None
            return child.guardian.username if child.guardian else None
    finally:
        db.dispose()


def test_an_officer_assigns_a_guardian_who_then_sees_the_child(url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", url, "--user", "cli-officer", "child", "set-guardian", "C1", "cli-guardian"]) == 0
    assert "C1: guardian cli-guardian" in capsys.readouterr().out
    assert _guardian_of(url, 1) == "cli-guardian"
    db = Database(url)
    try:
        with db.session() as s, s.begin():
            officer = s.scalars(select(User).where(User.username == "cli-officer")).one()
            rows = s.scalars(
                select(AuditEntry).where(AuditEntry.user_id == officer.id, AuditEntry.object_type == "child")
            ).all()
            assert [(r.action, r.object_id, r.outcome) for r in rows][-1] == ("change", "1", "ok")
    finally:
        db.dispose()
    assert main(["--db", url, "--user", "cli-officer", "child", "set-guardian", "C1", "cli-guardian-2"]) == 0
    assert "(was cli-guardian)" in capsys.readouterr().out
    assert main(["--db", url, "--user", "cli-officer", "child", "set-guardian", "C1", "--none"]) == 0
    assert _guardian_of(url, 1) is None


@pytest.mark.parametrize("user", ["cli-manager", "cli-guardian"])
def test_other_roles_are_refused_with_exit_4(url: str, user: str, capsys) -> None:  # type: ignore[no-untyped-def]
    before = _guardian_of(url, 1)
    assert main(["--db", url, "--user", user, "child", "set-guardian", "C1", "cli-guardian"]) == EXIT_DENIED
    assert capsys.readouterr().err.startswith("refused:")
    assert _guardian_of(url, 1) == before


def test_bad_input_is_exit_2_in_one_line(url: str, capsys, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    before = _guardian_of(url, 1)
    cases = [
        (["child", "set-guardian", "C1", "cli-manager"], "not an active guardian"),
        (["child", "set-guardian", "C1", "nobody"], "no user nobody"),
        (["child", "set-guardian", "C99", "cli-guardian"], "no child C99"),
        (["child", "set-guardian", "C1"], "--none"),
    ]
    for args, message in cases:
        assert main(["--db", url, "--user", "cli-officer", *args]) == EXIT_INPUT
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
    monkeypatch.delenv("PLACEMENT_USER", raising=False)
    assert main(["--db", url, "child", "set-guardian", "C1", "cli-guardian"]) == EXIT_INPUT
    assert "--user" in capsys.readouterr().err
    assert _guardian_of(url, 1) == before


def test_the_child_form_data_carries_the_guardian(url: str) -> None:
    db = Database(url)
    try:
        with db.session() as s, s.begin():
            officer = registry_actor(s, "cli-officer")
            guardians = child_register.list_guardians(s, officer)
            assert {"cli-guardian", "cli-guardian-2"} <= {g.username for g in guardians}
            assert "cli-manager" not in {g.username for g in guardians}
            data = child_register.get_child(s, officer, 1)
            second = next(g.id for g in guardians if g.username == "cli-guardian-2")
            data.guardian_id = second
            data.region = data.region or "Utrecht"
            child_register.update_child(s, officer, 1, data)
        with db.session() as s, s.begin():
            assert child_register.get_child(s, registry_actor(s, "cli-officer"), 1).guardian_id == second
            guardian = registry_actor(s, "cli-guardian-2")
            assert [c.id for c in child_register.list_children(s, guardian)] == [1]
    finally:
        db.dispose()


def registry_actor(s: Session, username: str) -> Actor:
    user = s.scalars(select(User).where(User.username == username)).one()
    return Actor(user_id=user.id, username=user.username, role=user.role, workstation="test")
