"""The capacity PDF of the demo database, read back: no table cell splits a
word ("Gelderlan" / "d", "Kwarta" / "al"), however long its municipality's name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from placement.actor import Actor
from placement.services import capacity
from placement.services.dossier.leaks import pdf_text
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Role

MANAGER = Actor(user_id=None, username="boss", role=Role.MANAGER, workstation="ws-9")


def test_every_table_word_of_the_demo_review_is_printed_whole(demo_db_path: Path) -> None:
    db = Database(sqlite_url(demo_db_path))
    try:
        with db.session() as s, s.begin():
            report = capacity.review(s, MANAGER, dt.date.today())
    finally:
        db.dispose()
    text = pdf_text(capacity.to_pdf(report, dt.datetime(2026, 12, 7, 9, 30), "boss"))
    words = set(text.split())
    names = {r.province for r in report.provinces} | {r.municipality or "" for r in report.regions}
    expected = {word for name in names for word in name.split()}
    expected |= {"Noord-Brabant", "Gelderland", "Kwartaal", "Gestart", "Beëindigd", "Gepauzeerd"}
    assert "Hardinxveld-Giessendam" in expected  # the longest name in the demo, in a narrow column
    assert sorted(expected - words) == []
