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
