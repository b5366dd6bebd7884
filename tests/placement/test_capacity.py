"""Capacity review against the hand-counted fixture database (report_fixtures).

Hand count on 20-11-2026, active families only for places:
- Groningen: F2, 3 places, Ivan placed -> 1 occupied, 2 free.
- Limburg: F5, 1 place, free.
- Overijssel: F1 (Zwolle) 2 places, Mila and Zara -> full; F4 (Enschede) paused.
- Utrecht: F3, 1 place; its only placement has ended -> free.
Valid training: exploitation F1, F2, F5; trauma only F3 (F2's expired in 2025).
Waiting: Noor 2 (trauma), Sem 7 (exploitation, primary, N1), Lotte 13
(exploitation + trauma, secondary, N1 + N2), Finn 16 (secondary).
No family fits Sem (F2 and F5 have no primary school near; F3 takes no boys,
lacks the training and is too close to N1) nor Lotte (F2, F3, F5 lack a training).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from catalogue import codes
from placement.actor import Actor
from placement.capacity_figures import CountRow, NoFitRow, RegionRow, StabilityRow, TrainedRow
from placement.errors import PermissionDenied
from placement.services import capacity
from placement.services.dossier import leaks
from placement.spreadsheet_text import CsvDialect
from placement.storage.models import (
    AuditEntry,
    Child,
    FosterFamily,
    Network,
    NetworkLocation,
    Role,
    School,
)
from tests.placement import report_fixtures as fx

MANAGER = Actor(user_id=None, username="boss", role=Role.MANAGER, workstation="ws-9")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("capacity") / "template.sqlite")


@pytest.fixture
def db(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    database = fx.copy_of(template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def report(db):  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        return capacity.review(s, MANAGER, fx.TODAY)


def test_places_per_province_and_municipality_match_the_hand_count(report) -> None:  # type: ignore[no-untyped-def]
    assert report.provinces == (
        RegionRow("Groningen", None, families=1, paused=0, places=3, occupied=1),
        RegionRow("Limburg", None, families=1, paused=0, places=1, occupied=0),
        RegionRow("Overijssel", None, families=1, paused=1, places=2, occupied=2),
        RegionRow("Utrecht", None, families=1, paused=0, places=1, occupied=0),
    )
    assert [(r.municipality, r.free) for r in report.regions] == [
        ("Groningen", 2), ("Maastricht", 1), ("Enschede", 0), ("Zwolle", 0), ("Utrecht", 1)]
    total = report.total
    assert (total.families, total.paused, total.places, total.occupied, total.free) == (4, 1, 7, 3, 4)


def test_only_valid_training_of_active_families_counts(report) -> None:  # type: ignore[no-untyped-def]
    assert report.trained == (TrainedRow("exploitation", 3, 3), TrainedRow("trauma", 1, 1))


def test_waiting_children_by_age_band_and_need(report) -> None:  # type: ignore[no-untyped-def]
    assert report.waiting_by_age == (CountRow("0-3", 1), CountRow("4-11", 1), CountRow("12-15", 1),
                                     CountRow("16-20", 1))
    assert report.waiting_by_need == (CountRow("exploitation", 2), CountRow("trauma", 2), CountRow("none", 1))


def test_no_fit_lists_the_profiles_no_family_passes_with_the_rule_that_blocks_most(report) -> None:  # type: ignore[no-untyped-def]
    assert report.no_fit == (
        NoFitRow("4-11", "m", ("exploitation",), "primary", 1, children=1, blocking_rule="school"),
        NoFitRow("12-15", "f", ("exploitation", "trauma"), "secondary", 2, children=1, blocking_rule="training"),
    )


def _secrets(db) -> list[str]:  # type: ignore[no-untyped-def]
    """Every name, address, label and coordinate in the database."""
    with db.session() as s:
        values = list(s.scalars(select(Child.name)))
        for f in s.scalars(select(FosterFamily)):
            values += [f.name, f.address, f.postcode, f"{f.lat:.3f}", f"{f.lon:.3f}"]
        values += list(s.scalars(select(Network.label)))
        for loc in s.scalars(select(NetworkLocation)):
            values += [loc.label, f"{loc.lat:.3f}", f"{loc.lon:.3f}"]
        for school in s.scalars(select(School)):
            values += [school.name, f"{school.lat:.3f}"]
    return values


def test_exports_hold_aggregates_only_and_are_audited(db, report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        capacity.export(s, MANAGER, report, csv_path=tmp_path / "c.csv", pdf_path=tmp_path / "c.pdf")
    raw = (tmp_path / "c.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # Excel shows "Súdwest-Fryslân" only when told it is UTF-8
    text = raw.decode("utf-8-sig")
    pdf = " ".join(leaks.pdf_text((tmp_path / "c.pdf").read_bytes()).split())
    for secret in _secrets(db):
        assert secret not in text, secret
        assert secret not in pdf, secret
    rows = list(csv.DictReader(io.StringIO(text)))
    free = {r["province"]: r["value"] for r in rows if r["section"] == "province" and r["measure"] == "free"}
    assert free == {"Groningen": "<5", "Limburg": "<5", "Overijssel": "<5", "Utrecht": "<5"}  # 2, 1, 0, 1
    for seen in ["Capaciteitsoverzicht", "Vrije plaatsen per provincie", "basisonderwijs 1 <5 school",
                 "voortgezet onderwijs 2 <5 training", "INTERN", "pagina 1 van"]:
        assert seen in pdf, seen
    with db.session() as s:
        audit = s.execute(select(AuditEntry.action, AuditEntry.object_type, AuditEntry.object_id)).all()
    assert ("export", "capacity", "csv") in audit and ("print", "capacity", "pdf") in audit


def test_a_spreadsheet_formula_in_a_name_is_quoted_in_the_csv(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        s.scalars(select(FosterFamily).where(FosterFamily.name == "Familie Peeters")).one().municipality = "=1+1"
    with db.session() as s, s.begin():
        text = capacity.to_csv(capacity.review(s, MANAGER, fx.TODAY))
    assert "'=1+1" in text and ",=1+1" not in text


def test_guardians_get_no_capacity_review(db) -> None:  # type: ignore[no-untyped-def]
    guardian = Actor(user_id=1, username="gvoogd", role=Role.GUARDIAN)
    with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        capacity.review(s, guardian, fx.TODAY)


def test_pdf_table_columns_hold_their_longest_words_whole(report) -> None:  # type: ignore[no-untyped-def]
    """A column too narrow for its font splits a word over two lines ("Leeftij" / "d")."""
    lines = leaks.pdf_text(capacity.to_pdf(report, dt.datetime(2026, 11, 20, 9, 30), "boss")).split("\n")
    words = {w for line in lines for w in line.split()}
    for whole in ["Leeftijd", "Geslacht", "Netwerken", "Kinderen", "Gepauzeerd", "basisonderwijs", "uitbuiting"]:
        assert whole in words, whole


def test_small_counts_show_as_under_5_in_the_pdf_and_the_csv_and_a_lone_familys_places_too(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Utrecht gets five more families (six in all, 1 + 5 x 2 = 11 places, none taken): exact but for
    # the secondary suppression of free beside "<5" occupied.
    # Maastricht keeps its one family, now with 6 places, all free: shown only as "<5" or "≥5".
    with db.session() as s, s.begin():
        for i in range(5):
            s.add(fx._family(f"Familie U{i}", f"Straat {i}", "3511 AB", 52.09, 5.12, "Utrecht", "Utrecht", 2))
        s.scalars(select(FosterFamily).where(FosterFamily.name == "Familie Peeters")).one().total_places = 6
    with db.session() as s, s.begin():
        report = capacity.review(s, MANAGER, fx.TODAY)
        capacity.export(s, MANAGER, report, csv_path=tmp_path / "c.csv", pdf_path=tmp_path / "c.pdf")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "c.csv").read_text(encoding="utf-8-sig"))))
    utrecht = {r["measure"]: r["value"] for r in rows if r["section"] == "municipality" and r["municipality"] == "Utrecht"}
    # None taken is shown as "<5" too, so free is only a range: "11" would tell 0 taken from 1–4.
    assert utrecht == {"families": "6", "paused_families": "<5", "places": "11", "occupied": "<5", "free": "7–11"}
    maastricht = {r["measure"]: r["value"] for r in rows
                  if r["section"] == "municipality" and r["municipality"] == "Maastricht"}
    assert maastricht == {"families": "<5", "paused_families": "<5", "places": "≥5", "occupied": "<5", "free": "≥5"}
    pdf = " ".join(leaks.pdf_text((tmp_path / "c.pdf").read_bytes()).split())
    assert "Utrecht Utrecht 6 <5 11 <5 7–11" in pdf
    assert "Maastricht Limburg <5 <5 ≥5 <5 ≥5" in pdf


def test_vacancies_per_province_age_band_and_training_agree_with_the_review(db) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, finding 11: the officers' vacancy overview (aggregates, no addresses)."""
    officer = Actor(user_id=None, username="o", role=Role.OFFICER, workstation="t")
    with db.session() as s:
        report = capacity.review(s, MANAGER, fx.TODAY)
        rows = capacity.vacancies(s, officer, fx.TODAY)
    free = {r.province: r.free for r in report.provinces}
    assert rows and {r.province for r in rows} == {p for p, n in free.items() if n > 0}
    for r in rows:
        assert 0 < r.free_places <= free[r.province]
        if r.training is not None:
            anyone = next(a for a in rows if (a.province, a.age_band, a.training) == (r.province, r.age_band, None))
            assert r.free_places <= anyone.free_places and r.families <= anyone.families
    trained = {t.tag: t.free_places for t in report.trained}
    for tag in {r.training for r in rows} - {None}:
        assert max(r.free_places for r in rows if r.training == tag) <= trained[tag]
    assert not {fx.CANARY_ADDRESS} & {str(v) for r in rows for v in (r.province, r.age_band, r.training)}
    for role in (Role.GUARDIAN, Role.MANAGER):  # the overview is the officers'
        with db.session() as s, pytest.raises(PermissionDenied):
            capacity.vacancies(s, Actor(user_id=None, username="x", role=role, workstation="t"))


def test_a_dutch_office_gets_semicolons_decimal_commas_and_numbers_it_can_add_up(report) -> None:  # type: ignore[no-untyped-def]
    figures = (StabilityRow("Utrecht", "2026-K3", "breakdowns_per_100_placement_years", "12.5"),
               StabilityRow("Utrecht", "2026-K3", "started", "<5"))
    shown = dataclasses.replace(report, stability=figures)
    lines = capacity.to_csv(shown, CsvDialect.EXCEL_NL).splitlines()
    assert lines[0] == "section;province;municipality;category;measure;value"
    assert "stability;Utrecht;;2026-K3;breakdowns_per_100_placement_years;\"12,5\"" in lines
    assert "stability;Utrecht;;2026-K3;started;<5" in lines
    assert "stability,Utrecht,,2026-K3,breakdowns_per_100_placement_years,12.5" in capacity.to_csv(shown).splitlines()
    pdf = " ".join(leaks.pdf_text(capacity.to_pdf(shown, dt.datetime(2026, 11, 20, 9, 30), "boss")).split())
    assert "Utrecht 2026-K3 <5 - 12,5" in pdf and "Peildatum 20 november 2026." in pdf


def test_children_needing_no_training_are_counted_under_geen_not_the_code_none(report) -> None:  # type: ignore[no-untyped-def]
    assert CountRow(codes.NO_TRAINING, 1) in report.waiting_by_need
    assert [codes.training_need_name(codes.NO_TRAINING, language) for language in ("nl", "en")] == ["geen", "none"]
    lines = [line.strip() for line in leaks.pdf_text(capacity.to_pdf(report, dt.datetime(2026, 11, 20, 9, 30),
                                                                      "boss")).split("\n")]
    need = lines[lines.index("Benodigde training"):]
    assert "geen" in need[:12]
    assert not any("none" in line.split() for line in lines)
