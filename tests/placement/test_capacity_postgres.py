"""The capacity review, a dossier and a network alert on PostgreSQL (same fixture
data as the SQLite tests; skipped without PLACEMENT_TEST_POSTGRES_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from placement.actor import Actor
from placement.ids import NetworkId
from placement.services import alerts, capacity
from placement.services.dossier import leaks, printing, recipients
from placement.storage.database import Database
from placement.storage.models import Child, Network, Role
from tests.placement import report_fixtures as fx

OFFICER = Actor(user_id=None, username="officer1", role=Role.OFFICER, workstation="ws-1")

pytestmark = pytest.mark.postgres


def test_review_dossier_and_alert_on_postgres(postgres_url: str) -> None:
    db = Database(postgres_url)
    try:
        with db.session() as s, s.begin():
            fx.populate(s)
        with db.session() as s, s.begin():
            report = capacity.review(s, OFFICER, fx.TODAY)
            mila = s.scalars(select(Child.id).where(Child.name == "Mila Petrova")).one()
            net = s.scalars(select(Network.id).where(Network.label == fx.CANARY_NETWORK)).one()
            pdf = printing.make_dossier(s, OFFICER, mila, recipients.Recipient.SCHOOL, dt.datetime(2026, 11, 20, 9))
            _, raised = alerts.add_network_location(s, OFFICER, NetworkId(net), lat=52.52, lon=6.10)
        total = report.total
        assert (total.families, total.paused, total.places, total.occupied, total.free) == (4, 1, 7, 3, 4)
        assert [n.blocking_rule for n in report.no_fit] == ["school", "training"]
        text = leaks.pdf_text(pdf)
        assert "Mila Petrova" in text and fx.CANARY_ADDRESS not in text
        assert [r.child_name for r in raised] == ["Mila Petrova"]
    finally:
        db.dispose()
