"""The dossier page: list, save one, refuse a leaking copy, batch with progress."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

from placement.actor import Actor
from placement.services.dossier import leaks, recipients
from placement.services.dossier.printing import BatchResult, DossierRefused
from placement.services.dossier.recipients import Recipient
from placement.storage.database import Database
from placement.storage.models import Role
from tests.placement import report_fixtures as fx
from ui import dossier_page as ui_dossier_page
from ui.context import AppContext
from ui.dossier_page import DossierPage
from ui.jobs import wait_for_all

OFFICER = Actor(user_id=2, username="officer1", role=Role.OFFICER, workstation="test")
OUT = Path(__file__).resolve().parents[2] / "out"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("dossier_ui") / "template.sqlite")


def _page(qtbot, template: Path, tmp_path: Path, actor: Actor) -> Iterator[DossierPage]:  # type: ignore[no-untyped-def]
    db: Database = fx.copy_of(template, tmp_path)
    page = DossierPage(AppContext(db, actor))
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.refresh()
    yield page
    wait_for_all()
    db.dispose()


@pytest.fixture
def page(qtbot, template: Path, tmp_path: Path, dutch: None) -> Iterator[DossierPage]:  # type: ignore[no-untyped-def]
    yield from _page(qtbot, template, tmp_path, OFFICER)


def select(page: DossierPage, *names: str) -> None:
    page.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(page.proxy.rowCount()):
        if page.proxy.row_at(row).name in names:
            page.table.selectionModel().select(page.proxy.index(row, 0), flags)


def choose(page: DossierPage, recipient: Recipient) -> None:
    page.recipient.setCurrentIndex(page.recipient.findData(recipient))


def test_lists_the_children_and_saves_the_school_copy(page: DossierPage, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    names = [page.model.rows[r].name for r in range(len(page.model.rows))]
    assert "Mila Petrova" in names and len(names) == 7
    select(page, "Mila Petrova")
    assert page.save_button.isEnabled()
    choose(page, Recipient.SCHOOL)
    target = tmp_path / "school.pdf"
    with qtbot.waitSignal(page.finished, timeout=20_000):
        page.save_one(page.selected()[0].id, target)
    text = leaks.pdf_text(target.read_bytes())
    assert "Uitsluitend voor: de school" in text and fx.CANARY_ADDRESS not in text
    assert "school.pdf" in page.status.text()
    OUT.mkdir(exist_ok=True)
    assert page.grab().save(str(OUT / "dossier_page.png"))


def test_a_leaking_copy_is_refused_on_screen_with_the_category_and_no_file(
    page: DossierPage, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    guardian = recipients.POLICIES[Recipient.GUARDIAN]
    monkeypatch.setitem(recipients.POLICIES, Recipient.SCHOOL, recipients.Policy(
        **{**{f: getattr(guardian, f) for f in guardian.__slots__},
           "may_not_see": recipients.POLICIES[Recipient.SCHOOL].may_not_see}))
    select(page, "Mila Petrova")
    choose(page, Recipient.SCHOOL)
    target = tmp_path / "out" / "school.pdf"
    with qtbot.waitSignal(page.finished, timeout=20_000) as signal:
        page.save_one(page.selected()[0].id, target)
    assert isinstance(signal.args[0], DossierRefused)
    assert "het adres van het pleeggezin" in page.status.text()
    assert fx.CANARY_ADDRESS not in page.status.text()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_batch_saves_each_selected_child_with_progress(page: DossierPage, qtbot, tmp_path: Path, dutch) -> None:  # type: ignore[no-untyped-def]
    select(page, "Mila Petrova", fx.SIBLING, "Noor Visser")
    choose(page, Recipient.FOSTER_FAMILY)
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(page.finished, timeout=30_000) as signal:
        page.save_batch([c.id for c in page.selected()], tmp_path / "batch")
    result: BatchResult = signal.args[0]
    assert len(result.written) == 2 and len(result.refused) == 1  # Noor is not placed yet
    assert sorted(p.name for p in (tmp_path / "batch").iterdir()) == sorted(p.name for p in result.written)
    assert all(re.fullmatch(r"dossier-C\d+-pleeggezin\.pdf", p.name) for p in result.written)  # Dutch, ids only
    assert seen and max(seen) == 3
    assert "2" in page.status.text()


def test_a_guardian_sees_only_their_own_children(qtbot, template: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    guardian = Actor(user_id=1, username="gvoogd", role=Role.GUARDIAN, workstation="test")
    for page in _page(qtbot, template, tmp_path, guardian):
        assert sorted(r.name for r in page.model.rows) == sorted(["Mila Petrova", fx.SIBLING, fx.OTHER_CHILD])


def test_a_batch_larger_than_one_transaction_writes_them_all(page: DossierPage, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [row.id for row in page.model.rows]
    assert len(ids) > ui_dossier_page.BATCH_CHUNK
    choose(page, Recipient.GUARDIAN)
    with qtbot.waitSignal(page.finished, timeout=60_000) as signal:
        page.save_batch(ids, tmp_path / "all")
    assert len(signal.args[0].written) == len(ids) and not signal.args[0].refused
    assert page.progress.value() == len(ids) or not page.progress.isVisible()
