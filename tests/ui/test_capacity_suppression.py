"""Secondary suppression on the demo database: no count hidden as "<5" can be
worked out from the other figures of its row (places = occupied + free), on
screen, in the PDF (read back) and in the CSV. The demo has small counts:
closed units with one or two children, provinces with a few places taken."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from placement.actor import Actor
from placement.services import capacity
from placement.services.dossier.leaks import pdf_text
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Role
from ui.capacity_page import CapacityPage
from ui.context import AppContext
from ui.jobs import wait_for_all
from ui.table_model import RowTableModel

MANAGER = Actor(user_id=None, username="boss", role=Role.MANAGER, workstation="ws-9")
FIGURE = re.compile(r"<5|≥5|\d+|\d+–\d+")
HIDDEN = (0, 4)


def interval(text: str) -> tuple[int, int]:
    """The numbers a shown figure can stand for."""
    if text == "<5":
        return HIDDEN
    if text == "≥5":
        return 5, 10**9
    low, _, high = text.partition("–")
    return int(low), int(high or low)


def recomputable(places: str, occupied: str, free: str) -> list[str]:
    """The hidden parts of places = occupied + free that the two other figures pin to one number."""
    (total_low, total_high) = interval(places)
    found = []
    for hidden, other in ((occupied, free), (free, occupied)):
        other_low, other_high = interval(other)
        low, high = max(total_low - other_high, HIDDEN[0]), min(total_high - other_low, HIDDEN[1])
        if hidden == "<5" and low == high:
            found.append(f"{places} = {occupied} + {free}")
    return found


def check(rows: Sequence[Sequence[str]]) -> None:
    """Each row ends in places, occupied, free."""
    assert rows
    leaks = [leak for row in rows for leak in recomputable(*row[-3:])]
    assert not leaks


@pytest.fixture
def page(qtbot, demo_db_path: Path, dutch: None) -> Iterator[CapacityPage]:  # type: ignore[no-untyped-def]
    context = AppContext(Database(sqlite_url(demo_db_path)), MANAGER)
    widget = CapacityPage(context)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=60_000):
        widget.refresh()
    yield widget
    wait_for_all()
    context.db.dispose()


def cells(model: RowTableModel) -> list[list[str]]:
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_checker_finds_the_subtraction_the_tester_did() -> None:
    assert recomputable("76", "<5", "75") and recomputable("16", "13", "<5")
    assert recomputable("8", "<5", "<5") and not recomputable("≥5", "<5", "<5")
    assert not recomputable("76", "<5", "72–76")


def test_no_hidden_count_follows_from_its_row_on_screen_in_the_pdf_and_in_the_csv(page: CapacityPage) -> None:
    report = page.report
    assert report is not None
    hidden = [str(v) for r in (*report.provinces, report.total) for v in r.shown()[3:]]
    assert "<5" in hidden or any(str(c.shown()[2]) == "<5" for c in report.closed)  # the demo has small counts

    for model in (page.provinces, page.regions, page.closed):
        check(cells(model))

    lines = [line.strip() for line in pdf_text(capacity.to_pdf(report, dt.datetime(2026, 12, 7, 9, 30), "boss"))
             .split("\n")]
    def section(number: int) -> list[str]:
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{number}. "))
        end = next(i for i, line in enumerate(lines) if line.startswith(f"{number + 1}. "))
        return lines[start:end]

    capacity_sections = section(1) + section(5)  # the places per province (and closed units), per municipality
    runs, run = [], []  # each table row's figures, one cell a line: families, paused, places, occupied, free
    for line in capacity_sections:
        if FIGURE.fullmatch(line):
            run.append(line)
            continue
        if len(run) in (4, 5):
            runs.append(run)
        run = []
    assert len(runs) >= len(report.provinces) + len(report.regions) + len(report.closed)
    check(runs)

    by_row: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO(capacity.to_csv(report))):
        by_row.setdefault((row["section"], row["province"], row["municipality"]), {})[
            row["measure"].removeprefix("closed_")] = row["value"]
    check([[figures["places"], figures["occupied"], figures["free"]] for figures in by_row.values()
           if "occupied" in figures])
