"""A small, hand-countable database for the dossier, capacity and alert tests.

Built once per test session and copied per test (copying a file is cheaper than
building it again). The values marked CANARY must never reach a reader who may
not see them; the tests look for them in the PDFs.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from placement.sessionfile import session_to_json
from placement.storage import migrate
from placement.storage.database import Database, sqlite_url
from placement.storage.models import (
    Child,
    ChildStatus,
    FamilyStatus,
    FosterFamily,
    MatchingSession,
    Network,
    NetworkLocation,
    Placement,
    PlacementStatus,
    Role,
    School,
    SessionStatus,
    SiblingGroup,
    TrainingRecord,
    User,
)
from solver import problem as sp

TODAY = dt.date(2026, 11, 20)
CANARY_ADDRESS = "Kanariestraat 99"
CANARY_POSTCODE = "8011 KX"
CANARY_NETWORK = "CANARY-NET"
CANARY_LOCATION = "Kiosk CANARY-LOC"
OTHER_CHILD = "Zara Kanarie-Anders"
SIBLING = "Ivan Petrov"
SIBLING_FAMILY = "Familie de Vries"
SIBLING_FAMILY_ADDRESS = "Vogelzang 12"


def _family(name: str, address: str, postcode: str, lat: float, lon: float, municipality: str,
            province: str, places: int, **kw: object) -> FosterFamily:
    return FosterFamily(name=name, address=address, postcode=postcode, lat=lat, lon=lon,
                        municipality=municipality, province=province, total_places=places, **kw)


def populate(s) -> None:  # type: ignore[no-untyped-def]
    guardian = User(username="gvoogd", display_name="mr. G. de Voogd", role=Role.GUARDIAN)
    officer = User(username="officer1", display_name="Olga Officier", role=Role.OFFICER)
    s.add_all([guardian, officer])

    # Families: Zwolle (F1, 2 places, both taken), Groningen (F2, 3, one taken), Utrecht (F3, 1),
    # Enschede (F4, 2, paused), Maastricht (F5, 1).
    f1 = _family("Familie Jansen", CANARY_ADDRESS, CANARY_POSTCODE, 52.5116, 6.0921, "Zwolle",
                 "Overijssel", 2, age_min=4, age_max=15, languages=["bg", "nl"])
    f1.training = [TrainingRecord(tag="exploitation", completed_on=dt.date(2025, 1, 10))]
    f2 = _family(SIBLING_FAMILY, SIBLING_FAMILY_ADDRESS, "9711 AA", 53.2167, 6.5697, "Groningen",
                 "Groningen", 3, age_min=0, age_max=17)
    f2.training = [
        TrainingRecord(tag="exploitation", completed_on=dt.date(2024, 3, 1)),
        TrainingRecord(tag="trauma", completed_on=dt.date(2022, 1, 1), expires_on=dt.date(2025, 1, 1)),
    ]
    f3 = _family("Familie Bakker", "Oudegracht 1", "3511 AB", 52.0886, 5.1174, "Utrecht",
                 "Utrecht", 1, age_min=0, age_max=11, genders=["f"])
    f3.training = [TrainingRecord(tag="trauma", completed_on=dt.date(2023, 5, 5))]
    f4 = _family("Familie Smit", "Hengelosestraat 5", "7511 AA", 52.22, 6.9001, "Enschede",
                 "Overijssel", 2, status=FamilyStatus.PAUSED)
    # Maastricht (F5, 1 place): trained, but no school of any kind nearby.
    f5 = _family("Familie Peeters", "Vrijthof 3", "6211 LD", 50.8503, 5.6882, "Maastricht", "Limburg", 1)
    f5.training = [TrainingRecord(tag="exploitation", completed_on=dt.date(2026, 1, 1),
                                  expires_on=dt.date(2027, 1, 1))]
    s.add_all([f1, f2, f3, f4, f5])

    n1 = Network(label=CANARY_NETWORK, notes="informant says: CANARY-INTEL")
    n1.locations = [
        NetworkLocation(label=CANARY_LOCATION, lat=52.3735, lon=4.8951, reported_on=dt.date(2026, 1, 5)),
        NetworkLocation(label="Winkelcentrum Zuidplein", lat=51.9191, lon=4.4867, reported_on=dt.date(2026, 2, 1)),
    ]
    n2 = Network(label="Bende Schelde")
    n2.locations = [NetworkLocation(label="Antwerpen Centraal", lat=51.2172, lon=4.4211,
                                    reported_on=dt.date(2025, 7, 1))]
    s.add_all([n1, n2])

    s1 = School(duo_code="12AB", name="Basisschool De Regenboog", kinds=["primary"], free_seats=3,
                postcode="8011 AA", lat=52.5120, lon=6.0950, municipality="Zwolle", province="Overijssel")
    s2 = School(duo_code="34CD", name="Noorderpoort College", kinds=["secondary"], free_seats=2,
                postcode="9711 AB", lat=53.2170, lon=6.5700, municipality="Groningen", province="Groningen")
    # Had a seat when Mila's session ran; full now.
    s3 = School(duo_code="56EF", name="Basisschool Het Noorderlicht", kinds=["primary"], free_seats=0,
                postcode="9711 AC", lat=53.2150, lon=6.5650, municipality="Groningen", province="Groningen")
    s.add_all([s1, s2, s3])

    group = SiblingGroup(label="Petrov", keep_together=False, max_apart_km=150.0)
    mila = Child(name="Mila Petrova", date_of_birth=dt.date(2016, 3, 2), gender="f", languages=["bg", "nl"],
                 training_needed=["exploitation"], school_kind="primary", priority=4, safety_km=60.0,
                 guardian=guardian, sibling_group=group, status=ChildStatus.PLACED, networks=[n1, n2],
                 notes="Heeft een vaste knuffel nodig om te slapen.")
    ivan = Child(name=SIBLING, date_of_birth=dt.date(2012, 8, 19), gender="m", languages=["bg"],
                 training_needed=["exploitation"], school_kind="secondary", priority=4, guardian=guardian,
                 sibling_group=group, status=ChildStatus.PLACED, networks=[n1])
    zara = Child(name=OTHER_CHILD, date_of_birth=dt.date(2013, 1, 1), gender="f", status=ChildStatus.PLACED,
                 guardian=guardian)
    # Waiting children: ages on TODAY 2, 7, 13, 16; needs as listed.
    waiting = [
        Child(name="Noor Visser", date_of_birth=dt.date(2024, 6, 1), gender="f", training_needed=["trauma"]),
        Child(name="Sem de Boer", date_of_birth=dt.date(2019, 2, 2), gender="m", training_needed=["exploitation"],
              school_kind="primary", networks=[n1]),
        Child(name="Lotte Mulder", date_of_birth=dt.date(2013, 5, 5), gender="f",
              training_needed=["exploitation", "trauma"], school_kind="secondary", networks=[n1, n2]),
        Child(name="Finn Bos", date_of_birth=dt.date(2010, 1, 1), gender="m", school_kind="secondary"),
    ]
    s.add_all([mila, ivan, zara, *waiting])
    s.flush()

    session = MatchingSession(
        created_by=officer, session_date=dt.date(2026, 9, 1), status=SessionStatus.ACCEPTED,
        problem=session_to_json(_session_problem(f1, f2, f3, f5, mila, ivan, n1, n2)),
        proposal={
            "format": "placement-proposal/1",
            "status": "optimal",
            "objective": {"priority": 8, "score": 80.1},
            "placements": [
                {"child": f"C{mila.id}", "family": f"F{f1.id}", "school": "12AB", "score": 48.6,
                 "school_km": 0.2, "network_km": 88.4,
                 "terms": {"language": {"points": 30.0, "detail": "shares a language"},
                           "safety_margin": {"points": 5.7, "detail": "28.4 km beyond the safety distance"},
                           "school_km": {"points": -0.2, "detail": "school 0.2 km away"}}},
                {"child": f"C{ivan.id}", "family": f"F{f2.id}", "school": "34CD", "score": 31.5,
                 "school_km": 0.1, "network_km": 150.1,
                 "terms": {"language": {"points": 30.0, "detail": "shares a language"},
                           "safety_margin": {"points": 10.0, "detail": "100.1 km beyond the safety distance"},
                           "school_km": {"points": -0.1, "detail": "school 0.1 km away"}}},
            ],
            "unplaced": [],
            "solve_seconds": 0.4,
        },
    )
    s.add(session)
    s.flush()
    s.add_all([
        Placement(child=mila, family=f1, school=s1, session_id=session.id, start_date=dt.date(2026, 9, 7)),
        Placement(child=ivan, family=f2, school=s2, session_id=session.id, start_date=dt.date(2026, 9, 7)),
        Placement(child=zara, family=f1, start_date=dt.date(2026, 3, 1)),
        Placement(child=waiting[3], family=f3, start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 6, 1),
                  status=PlacementStatus.ENDED, end_reason="terug naar huis"),
    ])


def _session_problem(f1, f2, f3, f5, mila, ivan, n1, n2) -> sp.Problem:  # type: ignore[no-untyped-def]
    """The question Mila's and Ivan's matching session answered on 1-9-2026."""

    def family(f: FosterFamily, places: int) -> sp.Family:
        return sp.Family(id=f"F{f.id}", location=sp.Point(f.lat, f.lon), free_places=places, age_min=f.age_min,
                         age_max=f.age_max, genders=frozenset(f.genders), training=frozenset(f.training_tags(
                             dt.date(2026, 9, 1))), languages=frozenset(f.languages))

    def network(n: Network) -> sp.Network:
        return sp.Network(id=f"N{n.id}", locations=tuple(sp.Point(x.lat, x.lon) for x in n.locations))

    return sp.Problem(
        families=(family(f1, 1), family(f2, 3), family(f3, 1), family(f5, 1)),
        schools=(
            sp.School("12AB", sp.Point(52.5120, 6.0950), frozenset({"primary"}), 3),
            sp.School("34CD", sp.Point(53.2170, 6.5700), frozenset({"secondary"}), 2),
            sp.School("56EF", sp.Point(53.2150, 6.5650), frozenset({"primary"}), 1),
        ),
        networks=(network(n1), network(n2)),
        children=(
            sp.Child(id=f"C{mila.id}", age=10, gender="f", safety_km=60.0, max_school_km=15.0, priority=4,
                     training_needed=frozenset({"exploitation"}), languages=frozenset({"bg", "nl"}),
                     school_kind="primary", networks=(f"N{n1.id}", f"N{n2.id}"), sibling_group="G1"),
            sp.Child(id=f"C{ivan.id}", age=14, gender="m", safety_km=50.0, max_school_km=15.0, priority=4,
                     training_needed=frozenset({"exploitation"}), languages=frozenset({"bg"}),
                     school_kind="secondary", networks=(f"N{n1.id}",), sibling_group="G1"),
        ),
        sibling_groups=(sp.SiblingGroup("G1", keep_together=False, max_apart_km=150.0),),
    )


def build(path: Path) -> Path:
    migrate.upgrade(sqlite_url(path))
    db = Database(sqlite_url(path))
    with db.session() as s, s.begin():
        populate(s)
    db.dispose()
    return path


def copy_of(template: Path, tmp_path: Path) -> Database:
    target = tmp_path / "placement.sqlite"
    shutil.copyfile(template, target)
    return Database(sqlite_url(target))
