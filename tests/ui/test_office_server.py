"""The app on an office server: each role logs in as its own login role and
opens every page it is given, and no page answers with an error, because
what the server refuses to a role the app does not ask for.

The office is installed with the README's commands on a throwaway server
(tests/placement/server_cluster.py) and filled with the demo data by the
owner; two placed demo children are assigned to the office's guardian.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox

from placement.services import users
from placement.services.demo import build_demo_database
from placement.storage.database import Database
from tests.placement.server_cluster import (
    Office,
    Server,
    install_office,
    remove_office,
    server,  # noqa: F401 - the fixture
)
from ui.context import AppContext
from ui.jobs import wait_for_all

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module")
def office(server: Server) -> Iterator[Office]:  # noqa: F811 - the fixture above
    installed = install_office(server)
    try:
        build_demo_database(installed.owner_url, seed=7)
        with installed.connect_owner() as conn:
            conn.execute(
                "UPDATE children SET guardian_id = (SELECT id FROM users WHERE username = %s) "
                "WHERE id IN (SELECT child_id FROM placements WHERE status = 'active' ORDER BY child_id LIMIT 2)",
                (installed.names["guardian"],),
            )
        yield installed
    finally:
        remove_office(installed)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box the app tries to show (instead of blocking the test)."""
    shown: list[str] = []

    def record(_parent, title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record))
    return shown


@pytest.mark.parametrize("role", ["officer", "guardian", "manager", "administrator"])
def test_every_page_of_each_role_opens_without_an_error(
    qtbot, make_window, office: Office, messages: list[str], role: str  # type: ignore[no-untyped-def]
) -> None:
    name = office.names[role]
    db = Database(office.url)
    try:
        actor = users.log_in(db, name, office.passwords[name])
        window = make_window(AppContext(db, actor))
        assert window.database_label.text() == "kantoorserver (PostgreSQL)"
        for key in list(window.pages):
            window.show_page(key)
            qtbot.wait(300)
            assert wait_for_all(30_000)
            qtbot.wait(100)
        errors = [text for text in messages if "Niet" in text or "misgegaan" in text or "Something" in text]
        assert errors == [], f"{role}: {errors}"
        window.close()
    finally:
        wait_for_all()
        db.dispose()


def test_the_administrator_adds_a_login_role_from_the_users_page(
    qtbot, make_window, office: Office, messages: list[str]  # type: ignore[no-untyped-def]
) -> None:
    from tests.placement.server_cluster import superuser

    name = office.names["administrator"]
    db = Database(office.url)
    try:
        window = make_window(AppContext(db, users.log_in(db, name, office.passwords[name])))
        page = window.pages["users"]
        page.new_username.setText("nieuwe_voogd")
        page.new_name.setText("Nieuwe Voogd")
        page.new_role.setCurrentIndex(page.new_role.findData("guardian"))
        page.new_password.setText("een lang wachtwoord 1")
        page.new_repeat.setText("een lang wachtwoord 1")
        page.add_button.click()
        qtbot.waitUntil(lambda: "nieuwe_voogd" in page.message.text(), timeout=20_000)
        assert messages == []
        with superuser(office.server) as conn:
            member_of = conn.execute(
                "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                "JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = 'nieuwe_voogd'"
            ).fetchall()
        assert member_of == [(f"{office.database}_guardian",)]
        assert users.log_in(Database(office.url), "nieuwe_voogd", "een lang wachtwoord 1").username == "nieuwe_voogd"
        window.close()
    finally:
        wait_for_all()
        db.dispose()
        with superuser(office.server, office.database) as conn:
            conn.execute('DROP OWNED BY "nieuwe_voogd"')
        with superuser(office.server) as conn:
            conn.execute('DROP ROLE IF EXISTS "nieuwe_voogd"')
