"""Closed units and court authorisations in the database: what a session
gets from them, what accepting checks, what the officer is warned of, and a
session of the new kind through ``session export``, ``validate`` and ``solve``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from placement.cli.login import USER_ENV
from placement.cli.main import main
from placement.errors import ConflictError, InputError
from placement.services import authorisations
from placement.services.matching import build_problem
from placement.services.placements import accept_placements
from placement.sessionfile import read_proposal, read_session
from placement.storage import models as m
from placement.storage.database import Database
from solver import check_proposal
from tests.placement.cli_login import login
from tests.placement.test_sessionfile_export import (
    DAY,
    GRONINGEN,
    OFFICER,
    UTRECHT,
    _child,
    _family,
)


def _world(db: Database) -> dict[str, int]:
    """A unit far from Utrecht, a family in Groningen, two 15-year-olds of
    whom one is authorised on DAY."""
    with db.session() as s, s.begin():
        unit = _family(
            s, "De Horst", (52.21, 5.97), 60, kind="closed-unit", age_min=12, age_max=18,
            school_on_site=["secondary", "special-secondary"],
        )  # fmt: skip
        family = _family(s, "Groningen", GRONINGEN, 1)
        authorised = _child(s, "Sem", dt.date(2011, 1, 1), "m", school_kind="secondary", priority=5)
        other = _child(s, "Noor", dt.date(2011, 2, 1), "f", school_kind="secondary")
        s.add(m.School(duo_code="04DD", name="School 04DD", kinds=["secondary"], free_seats=2, postcode="9711",
                       lat=GRONINGEN[0] + 0.01, lon=GRONINGEN[1]))  # fmt: skip
        s.flush()
        authorised.authorisations = [
            m.CourtAuthorisation(kind="regular", valid_from=DAY - dt.timedelta(days=30),
                                 valid_until=DAY + dt.timedelta(days=20), court_reference="C/16/1 JE RK 26-1")
        ]  # fmt: skip
        return {"unit": unit.id, "family": family.id, "authorised": authorised.id, "other": other.id}


def test_a_session_gets_the_unit_and_closed_care_from_the_authorisations(db: Database) -> None:
    ids = _world(db)
    with db.session() as s:
        problem = build_problem(s, OFFICER, on_date=DAY)
        later = build_problem(s, OFFICER, on_date=DAY + dt.timedelta(days=21))
    unit = next(f for f in problem.families if f.id == f"F{ids['unit']}")
    assert (unit.kind, unit.free_places, unit.school_on_site) == ("closed-unit", 60, {"secondary", "special-secondary"})
    care = {c.id: c.closed_care for c in problem.children}
    assert care == {f"C{ids['authorised']}": True, f"C{ids['other']}": False}
    # the day after the authorisation ends, closed_care is gone
    assert not any(c.closed_care for c in later.children)


def test_an_authorisation_ending_before_it_starts_is_refused_with_the_field_named(db: Database) -> None:
    ids = _world(db)
    with db.session() as s, s.begin(), pytest.raises(InputError) as caught:
        authorisations.record(
            s, OFFICER, ids["other"], kind="spoed", valid_from=DAY, valid_until=DAY - dt.timedelta(days=1),
            court_reference="C/16/2",
        )  # fmt: skip
    assert [p.where for p in caught.value.problems] == ["valid_until"]
    assert "before the first valid day (2026-06-01)" in caught.value.problems[0].message


def test_dutch_words_name_the_kind_and_an_unknown_kind_is_refused(db: Database) -> None:
    ids = _world(db)
    with db.session() as s, s.begin():
        row = authorisations.record(
            s, OFFICER, ids["other"], kind="Voorwaardelijke machtiging", valid_from=DAY, valid_until=DAY,
            court_reference=" C/16/3 ",
        )  # fmt: skip
        assert (row.kind, row.court_reference) == ("voorwaardelijk", "C/16/3")
        with pytest.raises(InputError) as caught:
            authorisations.record(s, OFFICER, ids["other"], kind="lang", valid_from=DAY, valid_until=DAY,
                                  court_reference="")  # fmt: skip
    assert [p.where for p in caught.value.problems] == ["kind", "court_reference"]


def test_the_database_refuses_an_end_before_the_start_and_more_than_60_places(db: Database) -> None:
    ids = _world(db)
    with db.session() as s, pytest.raises(IntegrityError), s.begin():
        s.add(m.CourtAuthorisation(child_id=ids["other"], kind="regular", valid_from=DAY,
                                   valid_until=DAY - dt.timedelta(days=1), court_reference="x"))  # fmt: skip
    with db.session() as s, pytest.raises(IntegrityError), s.begin():
        _family(s, "Too big", UTRECHT, 61, kind="closed-unit")
    with db.session() as s, pytest.raises(IntegrityError), s.begin():
        _family(s, "A family of 21", UTRECHT, 21)


def test_accepting_a_unit_placement_needs_an_authorisation_valid_on_the_day(db: Database) -> None:
    ids = _world(db)
    with db.session() as s, pytest.raises(ConflictError) as caught, s.begin():
        accept_placements(s, OFFICER, [(ids["other"], ids["unit"], None)], on_date=DAY)
    assert caught.value.key == "accept.no_authorisation"
    assert str(caught.value) == (
        f"child C{ids['other']} has no valid authorisation for closed care on 1 June 2026: "
        f"closed unit F{ids['unit']} cannot take them"
    )
    late = DAY + dt.timedelta(days=21)
    with db.session() as s, pytest.raises(ConflictError), s.begin():
        accept_placements(s, OFFICER, [(ids["authorised"], ids["unit"], None)], on_date=late)
    with db.session() as s, s.begin():
        accept_placements(
            s, OFFICER, [(ids["authorised"], ids["unit"], None), (ids["other"], ids["family"], None)], on_date=DAY
        )
    with db.session() as s:
        assert s.get(m.Child, ids["authorised"]).status == m.ChildStatus.PLACED


def test_expiry_warnings_four_weeks_ahead_and_an_alert_once_it_has_ended(db: Database) -> None:
    ids = _world(db)
    with db.session() as s, s.begin():
        accept_placements(s, OFFICER, [(ids["authorised"], ids["unit"], None)], on_date=DAY)
    with db.session() as s, s.begin():
        early = authorisations.expiring(s, OFFICER, DAY - dt.timedelta(days=10))
        soon = authorisations.expiring(s, OFFICER, DAY)
        assert authorisations.lapsed_in_unit(s, OFFICER, DAY) == []
        lapsed = authorisations.lapsed_in_unit(s, OFFICER, DAY + dt.timedelta(days=21))
    assert early == []  # 30 days ahead: not yet
    (warning,) = soon
    assert (warning.child_id, warning.days_left, warning.in_unit, warning.kind) == (ids["authorised"], 20, True, "regular")
    (alert,) = lapsed
    assert (alert.child_id, alert.unit_id, alert.ended_on) == (ids["authorised"], ids["unit"], DAY + dt.timedelta(days=20))
    # a follow-up authorisation that starts the day after continues the cover: no warning, no alert
    with db.session() as s, s.begin():
        authorisations.record(
            s, OFFICER, ids["authorised"], kind="regular", valid_from=DAY + dt.timedelta(days=21),
            valid_until=DAY + dt.timedelta(days=200), court_reference="C/16/4",
        )  # fmt: skip
        assert authorisations.expiring(s, OFFICER, DAY) == []
        assert authorisations.lapsed_in_unit(s, OFFICER, DAY + dt.timedelta(days=21)) == []


def test_a_session_of_the_new_kind_round_trips_through_export_validate_and_solve(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(db_url)
    try:
        ids = _world(db)
    finally:
        db.dispose()
    login(monkeypatch, db_url)
    monkeypatch.setenv(USER_ENV, "cli-officer")
    session = tmp_path / "session.json"
    assert main(["--db", db_url, "session", "export", "-o", str(session), "--date", DAY.isoformat()]) == 0
    data = json.loads(session.read_text(encoding="utf-8"))
    unit = next(f for f in data["families"] if f["id"] == f"F{ids['unit']}")
    assert (unit["kind"], unit["free_places"]) == ("closed-unit", 60)
    assert [c.get("closed_care", False) for c in data["children"]] == [True, False]
    assert main(["validate", str(session)]) == 0
    proposal = tmp_path / "proposal.json"
    assert main(["solve", str(session), "-o", str(proposal), "--time-limit", "10"]) == 0
    capsys.readouterr()
    placed = {p.child: (p.family, p.school) for p in read_proposal(proposal).placements}
    assert placed == {
        f"C{ids['authorised']}": (f"F{ids['unit']}", None),
        f"C{ids['other']}": (f"F{ids['family']}", "04DD"),
    }
    assert check_proposal(read_session(session), read_proposal(proposal)) == []
    # recommend agrees with the proposal: the unit's own school, not "no school"
    assert main(["recommend", str(session), f"C{ids['authorised']}"]) == 0
    unit_line = next(line for line in capsys.readouterr().out.splitlines() if f"F{ids['unit']} " in line)
    assert "school on site" in unit_line and "no school" not in unit_line


def test_capacity_shows_closed_places_per_region_beside_foster_places(db: Database, tmp_path: Path) -> None:
    from placement.services import capacity
    from placement.services.dossier.leaks import pdf_text

    ids = _world(db)
    with db.session() as s, s.begin():
        s.get(m.FosterFamily, ids["unit"]).province = "Gelderland"
        s.get(m.FosterFamily, ids["family"]).province = "Groningen"
        for k in range(6):  # a second, busier unit: 8 places, 6 taken
            _family(s, f"Unit {k}", (52.0, 6.0), 8 if k == 0 else 0, kind="closed-unit", province="Gelderland")
        accept_placements(s, OFFICER, [(ids["authorised"], ids["unit"], None)], on_date=DAY)
    with db.session() as s, s.begin():
        report = capacity.review(s, OFFICER, DAY)
        capacity.export(s, OFFICER, report, csv_path=tmp_path / "c.csv", pdf_path=tmp_path / "c.pdf")
    (gelderland,) = report.closed
    assert (gelderland.units, gelderland.places, gelderland.occupied, gelderland.free) == (7, 68, 1, 67)
    # free beside a hidden "<5" occupied is a range: 68 - 67 would give the 1 away
    assert [str(v) for v in gelderland.shown()] == ["7", "68", "<5", "64–68"]
    # the units are not foster families: the foster figures hold only the family in Groningen
    assert [(r.province, r.families, r.places) for r in report.provinces] == [("Groningen", 1, 1)]
    csv_text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "closed_province,Gelderland,,,closed_occupied,<5" in csv_text
    assert "closed_province,Gelderland,,,closed_places,68" in csv_text
    pdf = " ".join(pdf_text((tmp_path / "c.pdf").read_bytes()).split())
    assert "Gesloten plaatsen" in pdf and "Gelderland 7 68 <5 64–68" in pdf
    assert "De Horst" not in pdf


def test_the_units_dossier_holds_the_child_the_authorisation_the_safety_rules_and_the_networks(db: Database) -> None:
    from placement.services.dossier.leaks import pdf_text
    from placement.services.dossier.printing import make_dossier
    from placement.services.dossier.recipients import Recipient

    ids = _world(db)
    earlier = DAY - dt.timedelta(days=200)
    with db.session() as s, s.begin():
        child = s.get(m.Child, ids["authorised"])
        network = m.Network(label="Netwerk Havenkwartier",
                            locations=[m.NetworkLocation(lat=51.92, lon=4.48, reported_on=DAY)])  # fmt: skip
        child.networks = [network]
        before = _family(s, "Familie Eerder", UTRECHT, 1, address="Geheimstraat 7")
        s.flush()
        s.add(m.Placement(child_id=child.id, family_id=before.id, start_date=earlier,
                          end_date=earlier + dt.timedelta(days=90), status=m.PlacementStatus.ENDED))  # fmt: skip
        s.get(m.FosterFamily, ids["unit"]).address = "Afdelingslaan 1"
    with db.session() as s, s.begin():
        accept_placements(s, OFFICER, [(ids["authorised"], ids["unit"], None)], on_date=DAY)
    with db.session() as s, s.begin():
        text = " ".join(pdf_text(make_dossier(s, OFFICER, ids["authorised"], Recipient.CLOSED_UNIT,
                                              dt.datetime.combine(DAY, dt.time(9)))).split())  # fmt: skip
    assert "Sem" in text and "Machtiging gesloten jeugdhulp" in text
    assert f"Geldig tot en met {(DAY + dt.timedelta(days=20)).strftime('%d-%m-%Y')}" in text
    assert "Netwerk Havenkwartier" in text and "mag het kind niet bezoeken" in text
    assert "Gesloten afdeling De Horst" in text and "Pleeggezin" not in text
    # Sem is schooled on site (the unit teaches secondary school), so he does not lack a school
    assert "School school op de locatie" in text
    assert "geen schoolplaats" not in text
    for secret in ("Geheimstraat", "Familie Eerder", "Afdelingslaan"):
        assert secret not in text


def test_a_units_intake_dossier_for_a_child_in_a_family_names_no_family(db: Database) -> None:
    from placement.services.dossier.leaks import pdf_text
    from placement.services.dossier.printing import make_dossier
    from placement.services.dossier.recipients import Recipient

    ids = _world(db)
    with db.session() as s, s.begin():
        s.get(m.FosterFamily, ids["family"]).address = "Groenstraat 3"
        s.get(m.FosterFamily, ids["family"]).age_max = 20
        accept_placements(s, OFFICER, [(ids["authorised"], ids["family"], None)], on_date=DAY)
    with db.session() as s, s.begin():
        text = " ".join(pdf_text(make_dossier(s, OFFICER, ids["authorised"], Recipient.CLOSED_UNIT)).split())
    assert "woont nog niet in de gesloten afdeling" in text
    assert "Groningen" not in text and "Groenstraat" not in text


def test_units_export_and_import_back_in_their_own_file_never_as_families(db: Database, tmp_path: Path) -> None:
    from placement.importing.headers import Kind
    from placement.services import exports
    from tests.placement.import_support import import_file

    ids = _world(db)
    with db.session() as s, s.begin():
        s.get(m.FosterFamily, ids["unit"]).external_ref = "U-HORST"
        units_path, families_path = tmp_path / "afdelingen.csv", tmp_path / "gezinnen.csv"
        assert exports.export_registry(s, OFFICER, Kind.UNITS, units_path) == 1
        assert exports.export_registry(s, OFFICER, Kind.FAMILIES, families_path) == 1
    assert "De Horst" in units_path.read_text(encoding="utf-8-sig")
    assert "De Horst" not in families_path.read_text(encoding="utf-8-sig")
    text = units_path.read_text(encoding="utf-8-sig").replace("De Horst", "Het Anker").replace("U-HORST", "U-ANKER")
    units_path.write_text(text.replace(",60,", ",48,"), encoding="utf-8-sig")
    import_file(db, Kind.UNITS, units_path)
    with db.session() as s:
        anker = s.scalars(select(m.FosterFamily).where(m.FosterFamily.external_ref == "U-ANKER")).one()
    assert (anker.kind, anker.total_places, sorted(anker.school_on_site)) == (
        "closed-unit", 48, ["secondary", "special-secondary"])
