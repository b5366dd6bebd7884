"""Names as the families write them (Romanian, Bulgarian, Roma) print as written,
and the leak check still finds them: the dossier fixture with Mila, Ivan and
Zara renamed."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select, update

from placement.actor import Actor
from placement.documents.styles import para
from placement.services.dossier import layout, leaks, printing
from placement.services.dossier.printing import DossierRefused
from placement.services.dossier.recipients import Leak, Recipient
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Child, Role
from tests.placement import report_fixtures as fx

AT = dt.datetime(2026, 11, 20, 9, 30)
OFFICER = Actor(user_id=2, username="officer1", role=Role.OFFICER, workstation="ws-1")
CHILD = "Ștefan Bălan"
SIBLING = "Мария Петрова"
OTHER = "Ionuț Țăranu"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = fx.build(tmp_path_factory.mktemp("names") / "template.sqlite")
    db = Database(sqlite_url(path))
    with db.session() as s, s.begin():
        for old, new in (("Mila Petrova", CHILD), (fx.SIBLING, SIBLING), (fx.OTHER_CHILD, OTHER)):
            s.execute(update(Child).where(Child.name == old).values(name=new))
    db.dispose()
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    database = fx.copy_of(template, tmp_path)
    yield database
    database.dispose()


def _child_id(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalars(select(Child.id).where(Child.name == CHILD)).one()


def test_guardian_copy_reads_back_with_every_letter(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        pdf = printing.make_dossier(s, OFFICER, _child_id(db), Recipient.GUARDIAN, AT)
    text = unicodedata.normalize("NFC", leaks.pdf_text(pdf))
    assert CHILD in text and SIBLING in text
    assert OTHER not in text  # another child in the same family is none of the guardian's business


@pytest.mark.parametrize("written", [OTHER, unicodedata.normalize("NFD", OTHER), "IONUŢ ŢĂRANU"],
                         ids=["as-stored", "decomposed", "cedilla-capitals"])
def test_another_childs_name_slipped_into_a_copy_is_refused(
    db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str  # type: ignore[no-untyped-def]
) -> None:
    original = layout._siblings_section

    def leaky(d, policy):  # type: ignore[no-untyped-def]
        title, body = original(d, policy)
        return title, [*body, para(f"Woont samen met {written}.")]

    monkeypatch.setattr(layout, "_siblings_section", leaky)
    with db.session() as s, s.begin(), pytest.raises(DossierRefused) as refused:
        printing.write_dossier(s, OFFICER, _child_id(db), Recipient.GUARDIAN, tmp_path / "d.pdf", AT)
    assert refused.value.leaks == (Leak.OTHER_CHILD,)
    assert OTHER not in str(refused.value)
    assert list(tmp_path.glob("*.pdf")) == []
