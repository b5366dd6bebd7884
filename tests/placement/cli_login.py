"""Logging in on the command line in tests: a real account in the test
database and its password in ``PLACEMENT_PASSWORD``, as a script would do."""

from __future__ import annotations

import pytest

from placement.cli.login import PASSWORD_ENV
from placement.services import server_accounts, users
from placement.storage.database import Database
from placement.storage.models import Role, User

PASSWORD = "cli-test-password"


def add_account(url: str, role: Role, username: str | None = None) -> int:
    """An active account with :data:`PASSWORD`; returns its id."""
    db = Database(url)
    try:
        with db.session() as s, s.begin():
            name = username or f"cli-{role.value}"
            if db.is_server:  # a login role, made by the owner the tests migrate as
                return server_accounts.create_user(s, name, f"Test {role.value}", role, PASSWORD)
            user = User(
                username=username or f"cli-{role.value}",
                display_name=f"Test {role.value}",
                role=role,
                password_hash=users.hash_password(PASSWORD),
                active=True,
            )
            s.add(user)
            s.flush()
            return user.id
    finally:
        db.dispose()


def login(
    monkeypatch: pytest.MonkeyPatch, url: str, role: Role = Role.OFFICER, username: str | None = None
) -> list[str]:
    """Arguments that log the command in as a new ``role`` account of ``url``."""
    name = username or f"cli-{role.value}"
    add_account(url, role, name)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    return ["--user", name]
