"""A printed dossier writes numbers the Dutch way ("+30,0", "0,2 km"), read
back from a real PDF; the page images are written for a person to look at."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from placement.actor import Actor
from placement.services.dossier import leaks, printing
from placement.services.dossier.recipients import Recipient
from placement.storage.models import Child, Role
from tests.placement import report_fixtures as fx

AT = dt.datetime(2026, 11, 20, 9, 30)
OFFICER = Actor(user_id=2, username="officer1", role=Role.OFFICER, workstation="ws-1")
PAGES = Path(__file__).resolve().parents[2] / "out" / "dossier-pages"


@pytest.fixture
def pdf(tmp_path: Path) -> bytes:
    db = fx.copy_of(fx.build(tmp_path / "template.sqlite"), tmp_path)
    try:
        with db.session() as s, s.begin():
            mila = s.scalars(select(Child.id).where(Child.name == "Mila Petrova")).one()
            return printing.make_dossier(s, OFFICER, mila, Recipient.GUARDIAN, AT)
    finally:
        db.dispose()


def test_a_dossier_prints_points_and_distances_with_a_decimal_comma(pdf: bytes) -> None:
    text = " ".join(leaks.pdf_text(pdf).split())
    for seen in ["Gedeelde taal +30,0 deelt een taal", "Veiligheidsmarge +5,7 28,4 km ruimer dan vereist",
                 "Reisafstand naar school −0,2 school op 0,2 km", "Totaal voor deze plaatsing +48,6",
                 "afstand tot school 0,2 km", "voldeed aan alle harde regels; score +9,6",
                 "school: 2 gezinnen"]:
        assert seen in text, seen
    for english in ["+30.0", "0.2 km", "+48.6", "+9.6"]:
        assert english not in text, english


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_every_page_of_the_dossier_renders_to_an_image(pdf: bytes, tmp_path: Path) -> None:
    """Writes out/dossier-pages/dossier-<n>.png: look at them."""
    PAGES.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "dossier.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(source), str(PAGES / "dossier")], check=True)
    assert len(list(PAGES.glob("dossier-*.png"))) >= 2
