"""The officers' alert list: an alert raised by a new location shows up, and
acknowledging it takes it off the list (stored with who and when)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from placement.ids import NetworkId
from placement.services import alerts
from placement.storage.models import NetworkAlert
from tests.placement import report_fixtures as fx
from tests.placement.test_alerts import OFFICER
from ui.alerts_panel import AlertsPanel
from ui.context import AppContext, Changes
from ui.jobs import wait_for_all

OUT = Path(__file__).resolve().parents[2] / "out"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("alerts_ui") / "template.sqlite")


def test_new_alert_appears_and_acknowledging_removes_it(qtbot, template: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = fx.copy_of(template, tmp_path)
    context = AppContext(db, OFFICER)
    panel = AlertsPanel(context)
    qtbot.addWidget(panel)
    panel.resize(1000, 400)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=20_000):
        panel.refresh()
    assert panel.model.rowCount() == 0

    with db.session() as s, s.begin():  # next to Mila's foster family in Zwolle
        alerts.add_network_location(s, OFFICER, NetworkId(1), lat=52.52, lon=6.10)
    with qtbot.waitSignal(panel.count_changed, timeout=20_000) as counted:
        context.operation_did_execute.emit(Changes(networks=True))
    assert counted.args == [1]
    row = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert row[1] == "C1 Mila Petrova" and row[2] == "F1 Familie Jansen"
    assert not any("52.52" in cell or "6.10" in cell for cell in row)
    OUT.mkdir(exist_ok=True)
    assert panel.grab().save(str(OUT / "alerts_panel.png"))

    panel.table.selectRow(0)
    with qtbot.waitSignal(panel.count_changed, timeout=20_000) as counted:
        panel.ack_button.click()
    assert counted.args == [0]
    with db.session() as s:
        stored = s.scalars(select(NetworkAlert)).one()
    assert stored.acknowledged_by == "officer1" and stored.acknowledged_at is not None
    wait_for_all()
    db.dispose()
