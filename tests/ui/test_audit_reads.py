"""Reading a child's file in the app is in the audit trail (NEN 7513): the
read row is committed with the logged-in user's id, not left in a rolled-back
transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from placement.services import audit, users
from placement.storage.database import Database, sqlite_url
from placement.storage.models import AuditEntry, User
from tests.ui.conftest import WAIT_MS, wait_loaded
from ui.context import AppContext
from ui.jobs import wait_for_all


def test_opening_a_childs_file_leaves_a_read_row_with_the_users_id(qtbot, make_window, demo_db_path) -> None:  # type: ignore[no-untyped-def]
    url = sqlite_url(demo_db_path)
    db = Database(url)
    with db.session() as s:
        officer = users.actor_for(s.execute(select(User).where(User.username == "demo-officer")).scalar_one())
    window = make_window(AppContext(db, officer))
    page = window.show_page("children")
    wait_loaded(qtbot, page)
    page.table.selectRow(0)
    row: Any = page.selected_row()
    page.table.doubleClicked.emit(page.table.currentIndex())  # what a double click on the row sends
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=WAIT_MS)
    wait_for_all()

    other = Database(url)  # another connection sees only committed rows
    try:
        with other.session() as s:
            reads = s.execute(
                select(AuditEntry.user_id, AuditEntry.username, AuditEntry.outcome).where(
                    AuditEntry.action == audit.READ,
                    AuditEntry.object_type == "child",
                    AuditEntry.object_id == str(row.id),
                )
            ).all()
    finally:
        other.dispose()
    assert [tuple(r) for r in reads] == [(officer.user_id, "demo-officer", audit.OK)]
    page.form.reject()
    wait_for_all()
    db.dispose()
