"""Fictional but realistic demo data, so a new installation has something to
plan with and training sessions never touch real children.

Everything personal is plainly made up: families are "Familie <surname>" on
streets from a fixed list of invented names (Voorbeeldlaan, Proefstraat, ...),
every record carries a ``DEMO-`` reference, and notes say "fictief". What is
real is the geography: families are spread over real Dutch PC4 areas weighted
by their number of schools (a fair population proxy, the postcode table has no
population), all DUO school locations are loaded, and network locations lie in
real cities, some abroad.

The same seed and day give the same data. The demo is built to be solvable:
most waiting children have at least one family that passes every hard rule.

Unlike other services this one takes no :class:`~placement.actor.Actor`: it runs
on first start, before any user exists, and the demo users are what it makes.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, make_url, select
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.paths import resource
from placement.postcodes import PostcodeInfo, all_postcodes
from placement.provinces import provinces
from placement.school_kinds import kinds_for_duo
from placement.services import missing
from placement.storage import migrate
from placement.storage import models as m
from placement.storage.database import Database, default_url
from solver.geo import haversine_km

FAMILY_COUNT = 400
WAITING_CHILDREN = 80
TRAINING_YEARS_VALID = 3

_SURNAMES = (
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van Dijk", "Schouten", "Willems", "Hoekstra", "Koster", "Prins",
    "Postma", "Kuipers", "Veenstra", "Kramer", "van Wijk", "Timmermans", "Groen", "Wouters",
)  # fmt: skip
_STREETS = (
    "Voorbeeldlaan", "Proefstraat", "Fictieweg", "Denkbeeldhof", "Oefenplein", "Verzinselkade",
    "Demostraat", "Testlaan", "Droombeeldweg", "Schetsstraat", "Ontwerpsingel", "Modelpad",
)  # fmt: skip
_FAMILY_LANGUAGES = ("en", "ro", "bg", "ar", "pl", "tr", "de", "fr")
_FAMILY_LANGUAGE_WEIGHTS = (30, 8, 6, 8, 6, 6, 6, 4)

# Origin of a child: language and the networks such children are usually taken out of.
_ORIGINS: dict[str, tuple[int, tuple[int, ...]]] = {
    "ro": (40, (0, 3)),
    "bg": (25, (1, 4)),
    "ar": (10, (2, 5)),
    "pl": (7, (4, 5)),
    "tr": (5, (1, 2)),
    "nl": (13, (0, 1, 2, 5)),
}
_FIRST_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ro": (
        ("Ana", "Maria", "Ioana", "Elena", "Andreea"),
        ("Andrei", "Mihai", "Ionuț", "Florin", "Marius"),
    ),
    "bg": (("Desislava", "Petya", "Gergana", "Mila"), ("Georgi", "Ivan", "Dimitar", "Nikolai")),
    "ar": (("Amira", "Layla", "Nour", "Yasmin"), ("Omar", "Karim", "Youssef", "Samir")),
    "pl": (("Zofia", "Maja", "Oliwia"), ("Jakub", "Kacper", "Szymon")),
    "tr": (("Elif", "Zeynep", "Ayşe"), ("Emre", "Mehmet", "Can")),
    "nl": (("Sanne", "Lotte", "Fleur", "Noor"), ("Daan", "Sem", "Luuk", "Milan")),
}
_CHILD_SURNAMES: dict[str, tuple[str, ...]] = {
    "ro": ("Popescu", "Ionescu", "Dumitru", "Stan", "Gheorghe", "Munteanu"),
    "bg": ("Petrov", "Ivanov", "Georgiev", "Dimitrov", "Kolev"),
    "ar": ("Haddad", "Mansour", "Khalil", "Nasser"),
    "pl": ("Nowak", "Kowalski", "Wiśniewski"),
    "tr": ("Yılmaz", "Kaya", "Demir"),
    "nl": ("Voorbeeld", "Proef", "Schets"),
}

# (label, [(location label, lat, lon), ...]); 2 to 8 locations, some abroad.
_NETWORKS: tuple[tuple[str, tuple[tuple[str, float, float], ...]], ...] = (
    ("Netwerk Grachtengordel (fictief)", (
        ("Winkelstraat centrum Amsterdam", 52.3702, 4.8910),
        ("Winkelcentrum Amsterdam-Zuidoost", 52.3128, 4.9510),
        ("Station Zaandam", 52.4380, 4.8130),
        ("Woonadres Boekarest (RO)", 44.4020, 26.0800),
        ("Woonadres Craiova (RO)", 44.3190, 23.7960),
    )),
    ("Netwerk Maasoever (fictief)", (
        ("Winkelcentrum Rotterdam-Zuid", 51.8870, 4.4880),
        ("Winkelstraat centrum Rotterdam", 51.9200, 4.4770),
        ("Winkelstraat centrum Den Haag", 52.0760, 4.3090),
        ("Woonadres Sofia (BG)", 42.6970, 23.3220),
        ("Woonadres Sliven (BG)", 42.6820, 26.3220),
    )),
    ("Netwerk Domtoren (fictief)", (
        ("Winkelcentrum Utrecht-centrum", 52.0900, 5.1110),
        ("Station Amersfoort", 52.1530, 5.3740),
    )),
    ("Netwerk Zuidgrens (fictief)", (
        ("Winkelstraat centrum Eindhoven", 51.4390, 5.4780),
        ("Station Tilburg", 51.5600, 5.0830),
        ("Winkelstraat centrum Breda", 51.5890, 4.7760),
        ("Winkelstraat Antwerpen (BE)", 51.2180, 4.4100),
        ("Station Brussel-Zuid (BE)", 50.8360, 4.3360),
        ("Woonadres Constanța (RO)", 44.1730, 28.6380),
    )),
    ("Netwerk Rijnland-Oost (fictief)", (
        ("Winkelstraat centrum Arnhem", 51.9800, 5.9110),
        ("Station Nijmegen", 51.8430, 5.8530),
        ("Winkelstraat centrum Enschede", 52.2210, 6.8940),
        ("Hauptbahnhof Köln (DE)", 50.9430, 6.9590),
        ("Innenstadt Düsseldorf (DE)", 51.2250, 6.7760),
        ("Innenstadt Duisburg (DE)", 51.4350, 6.7620),
        ("Woonadres Varna (BG)", 43.2140, 27.9140),
        ("Woonadres Plovdiv (BG)", 42.1360, 24.7450),
    )),
    ("Netwerk Waddenkust (fictief)", (
        ("Winkelstraat centrum Groningen", 53.2180, 6.5670),
        ("Station Leeuwarden", 53.1960, 5.7930),
        ("Innenstadt Bremen (DE)", 53.0790, 8.8010),
    )),
)  # fmt: skip
# Province of each Dutch network location: a child taken out there is the
# responsibility of that province's team (the child's region).
_LOCATION_PROVINCES: dict[str, str] = {
    "Winkelstraat centrum Amsterdam": "Noord-Holland",
    "Winkelcentrum Amsterdam-Zuidoost": "Noord-Holland",
    "Station Zaandam": "Noord-Holland",
    "Winkelcentrum Rotterdam-Zuid": "Zuid-Holland",
    "Winkelstraat centrum Rotterdam": "Zuid-Holland",
    "Winkelstraat centrum Den Haag": "Zuid-Holland",
    "Winkelcentrum Utrecht-centrum": "Utrecht",
    "Station Amersfoort": "Utrecht",
    "Winkelstraat centrum Eindhoven": "Noord-Brabant",
    "Station Tilburg": "Noord-Brabant",
    "Winkelstraat centrum Breda": "Noord-Brabant",
    "Winkelstraat centrum Arnhem": "Gelderland",
    "Station Nijmegen": "Gelderland",
    "Winkelstraat centrum Enschede": "Overijssel",
    "Winkelstraat centrum Groningen": "Groningen",
    "Station Leeuwarden": "Fryslân",
}
_SOURCE_NOTES = (
    "Melding politie (fictief)",
    "Zorgmelding jeugdbescherming (fictief)",
    "Verklaring kind tijdens intake (fictief)",
    "Informatie buitenlandse partnerorganisatie (fictief)",
)
_END_REASONS = ("home", "of-age", "closed-care", "home")
"""Codes of placement.aftercare_codes.END_REASONS with which a demo child left care."""
DEMO_NETWORK_MARGIN_KM = 60.0
"""A placed demo child is linked to a network none of whose locations is this close to its family."""

# (group size, keep together) for the waiting children's sibling groups.
_SIBLING_GROUPS = (
    (2, True),
    (2, True),
    (2, True),
    (2, True),
    (3, True),
    (2, False),
    (3, False),
    (4, False),
)


class DemoRefused(Exception):
    """The database already holds families; demo data would mix with real data."""


@dataclass(frozen=True, slots=True)
class _SchoolRow:
    id: int
    pc4: str
    kinds: tuple[str, ...]


def build_demo_database(
    url: str, seed: int = 1, *, force: bool = False, today: dt.date | None = None
) -> dict[str, int]:
    """Bring the schema up to date and fill it with demo data (one transaction).

    Refuses with :class:`DemoRefused` when the database already has families,
    unless ``force``. Returns how many of each were added (schools: how many
    the database now has, as existing ones are kept), for the user to read.
    """
    migrate.upgrade(url)
    db = Database(url)
    try:
        with db.session() as s, s.begin():
            if not force and s.scalar(select(func.count(m.FosterFamily.id))):
                raise DemoRefused(
                    "the database already has families; use --force to add demo data anyway"
                )
            return populate(s, seed, today or dt.date.today())
    finally:
        db.dispose()


def ensure_demo_database(url: str | None = None) -> bool:
    """First start of the desktop app: create the SQLite database with demo data
    when its file does not exist yet; otherwise only bring its schema up to date.

    Returns True when the demo database was created. A server database never
    gets demo data from here. The demo is built in a side file and moved into
    place when complete, so an interrupted first start is simply redone.
    """
    url = url or default_url()
    parsed = make_url(url)
    path = (
        Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None
    )
    if path is None or path.exists():
        migrate.upgrade(url)
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    build_demo_database(parsed.set(database=str(building)).render_as_string(hide_password=False))
    os.replace(building, path)
    return True


def populate(s: Session, seed: int, today: dt.date) -> dict[str, int]:
    """Add the demo data in the caller's transaction (bulk inserts: a few seconds)."""
    rng = random.Random(seed)
    # Regions draw from their own stream, so adding them left the rest of the demo as it was.
    regions = random.Random(f"{seed}:regions")
    users = _users(s)
    schools = _schools(s, rng)
    postcodes = {p.pc4: p for p in all_postcodes()}
    families = _families(s, rng, today, schools, postcodes)
    networks = _networks(s, rng, today)
    waiting = _waiting_children(s, rng, regions, today, networks, users[m.Role.GUARDIAN])
    placed, ended = _placed_children(s, rng, regions, today, families, schools, users[m.Role.GUARDIAN])
    _aftercare(s, random.Random(f"{seed}:aftercare"), today, users[m.Role.OFFICER])
    units = _closed_units(s, random.Random(f"{seed}:closed-units"), today, postcodes, users[m.Role.GUARDIAN])
    return {
        "families": len(families),
        "closed units": units,
        "waiting children": waiting,
        "placed children": placed,
        "ended placements": ended,
        "schools": s.scalar(select(func.count(m.School.id))) or 0,
        "networks": len(networks),
        "network locations": sum(len(locs) for _, locs in networks),
        "users": len(users),
    }


def _aftercare(s: Session, rng: random.Random, today: dt.date, officer_id: int) -> None:
    """What happens after a placement, told through the services as an officer would:
    every placed child is linked to a network it came out of (one far from its
    family); one child is missing now, its police clock running; one was found
    and its return interview is due; the families they ran from are under review."""
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for network_id, lat, lon in s.execute(
        select(m.NetworkLocation.network_id, m.NetworkLocation.lat, m.NetworkLocation.lon)
        .order_by(m.NetworkLocation.id)
    ):
        points[network_id].append((lat, lon))
    placed = s.execute(
        select(m.Placement.child_id, m.FosterFamily.lat, m.FosterFamily.lon)
        .join(m.FosterFamily, m.FosterFamily.id == m.Placement.family_id)
        .where(m.Placement.status == m.PlacementStatus.ACTIVE)
        .where(~select(m.child_networks.c.child_id).where(m.child_networks.c.child_id == m.Placement.child_id)
               .exists())  # fmt: skip
        .order_by(m.Placement.child_id)
    ).all()  # children placed by this demo run (an earlier one's already have networks)
    links = []
    for child_id, lat, lon in placed:
        far = [
            network_id for network_id, pts in sorted(points.items())
            if float(haversine_km(lat, lon, [p[0] for p in pts], [p[1] for p in pts]).min()) >= DEMO_NETWORK_MARGIN_KM
        ]  # fmt: skip
        if far:
            links.append({"child_id": child_id, "network_id": rng.choice(far)})
    if links:
        s.execute(insert(m.child_networks), links)
    linked = [link["child_id"] for link in links]
    if len(linked) < 2:
        return
    gone, back = rng.sample(linked, 2)
    officer = Actor(user_id=officer_id, username="demo-officer", role=m.Role.OFFICER, workstation="demo")
    now = dt.datetime.combine(today, dt.time(10, 0))
    hour = dt.timedelta(hours=1)
    missing.report_missing(s, officer, back, last_seen=now - 72 * hour, risk="red",
                           where="Busstation (fictief)", description="Grijze jas, rugzak (fictief)", now=now)
    for item in ("police", "guardian", "council", "comensha"):
        missing.tick(s, officer, back, item, at=now - 71 * hour, now=now)
    missing.found(s, officer, back, at=now - 40 * hour, country="BE", now=now)
    missing.report_missing(s, officer, gone, last_seen=now - 5 * hour, risk="orange",
                           where="Bij het station (fictief)", description="Blauwe trui (fictief)", now=now)
    missing.tick(s, officer, gone, "guardian", at=now - 4 * hour, now=now)


def _insert(s: Session, model: type[m.Base], rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert; the new ids in the order of ``rows``."""
    if not rows:
        return []
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)  # type: ignore[attr-defined]
    return list(s.scalars(stmt, rows))


def _users(s: Session) -> dict[m.Role, int]:
    """One demo user per role (no password yet); existing demo users are reused.
    On a server they stay disabled: a demo account there has no login role
    (public passwords have no place on a shared server)."""
    on_server = s.get_bind().dialect.name == "postgresql"
    names = {
        m.Role.OFFICER: "Demo Plaatsingsmedewerker",
        m.Role.MANAGER: "Demo Manager",
        m.Role.GUARDIAN: "Demo Voogd",
        m.Role.ADMINISTRATOR: "Demo Beheerder",
    }
    ids: dict[m.Role, int] = {}
    for role, display in names.items():
        username = f"demo-{role.value}"
        existing = s.scalar(select(m.User.id).where(m.User.username == username))
        if existing is None:
            user = m.User(username=username, display_name=display, role=role, active=not on_server)
            s.add(user)
            s.flush()
            existing = user.id
        ids[role] = existing
    return ids


def _schools(s: Session, rng: random.Random) -> list[_SchoolRow]:
    """All DUO school locations with seeded free seats (existing ones kept as they are)."""
    with resource("data", "schools.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    present = {code: school_id for code, school_id in s.execute(select(m.School.duo_code, m.School.id))}
    new = [r for r in rows if r["vestigingscode"] not in present]
    ids = _insert(
        s,
        m.School,
        [
            {
                "duo_code": r["vestigingscode"],
                "name": r["name"],
                "kinds": kinds_for_duo(r["duo_category"], newcomer=bool(r["newcomer_hint"])),
                "free_seats": rng.randint(0, 4),
                "postcode": r["postcode"] or r["pc4"],
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "municipality": r["municipality"],
                "province": r["province"],
            }
            for r in new
        ],
    )
    present.update(zip((r["vestigingscode"] for r in new), ids, strict=True))
    return [
        _SchoolRow(
            present[r["vestigingscode"]],
            r["pc4"],
            tuple(kinds_for_duo(r["duo_category"], newcomer=bool(r["newcomer_hint"]))),
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class _Family:
    id: int
    pc4: str
    total_places: int
    age_min: int
    age_max: int
    genders: tuple[str, ...]


def _families(
    s: Session,
    rng: random.Random,
    today: dt.date,
    schools: list[_SchoolRow],
    postcodes: dict[str, PostcodeInfo],
) -> list[_Family]:
    weights = Counter(school.pc4 for school in schools if school.pc4 in postcodes)
    areas = sorted(weights)
    chosen = rng.choices(areas, weights=[weights[a] for a in areas], k=FAMILY_COUNT)
    rows: list[dict[str, Any]] = []
    first_ref = (s.scalar(select(func.count(m.FosterFamily.id))) or 0) + 1
    for n, pc4 in enumerate(chosen, start=first_ref):
        info = postcodes[pc4]
        age_min = rng.choice((0, 0, 2, 4, 4, 6, 8, 10))
        extra_languages = {
            lang
            for lang in rng.choices(
                _FAMILY_LANGUAGES, _FAMILY_LANGUAGE_WEIGHTS, k=rng.choice((0, 1, 1, 2))
            )
        }
        rows.append(
            {
                "external_ref": f"DEMO-F{n:04d}",
                "name": f"Familie {rng.choice(_SURNAMES)}",
                "address": f"{rng.choice(_STREETS)} {rng.randint(1, 180)}",
                "postcode": f"{pc4} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
                "lat": round(info.lat + rng.uniform(-0.008, 0.008), 5),
                "lon": round(info.lon + rng.uniform(-0.012, 0.012), 5),
                "municipality": info.municipality,
                "province": info.province,
                "total_places": rng.choices((1, 2, 3, 4), (30, 35, 22, 13))[0],
                "age_min": age_min,
                "age_max": min(18, age_min + rng.choice((6, 8, 10, 12, 14))),
                "genders": rng.choices((["f", "m", "x"], ["f", "x"], ["m", "x"]), (84, 8, 8))[0],
                "languages": ["nl", *sorted(extra_languages)],
                "status": m.FamilyStatus.PAUSED if rng.random() < 0.07 else m.FamilyStatus.ACTIVE,
                "notes": "Fictief demogezin.",
            }
        )
    ids = _insert(s, m.FosterFamily, rows)
    training: list[dict[str, Any]] = []
    for family_id in ids:
        for tag, chance in (
            ("exploitation", 0.9),
            ("trauma", 0.5),
            ("language-support", 0.3),
            ("attachment", 0.35),
        ):
            if rng.random() < chance:
                completed = today - dt.timedelta(days=rng.randint(20, 4 * 365))
                training.append(
                    {
                        "family_id": family_id,
                        "tag": tag,
                        "completed_on": completed,
                        "expires_on": _years_later(completed, TRAINING_YEARS_VALID),
                    }
                )
    _insert(s, m.TrainingRecord, training)
    return [
        _Family(
            i, r["postcode"][:4], r["total_places"], r["age_min"], r["age_max"], tuple(r["genders"])
        )
        for i, r in zip(ids, rows, strict=True)
    ]


_UNITS = (
    # (name, pc4, places, school kinds on site): fictional units in real towns
    ("Gesloten afdeling De Kempen (fictief)", "5555", 24, ("secondary", "special", "special-secondary")),
    ("Gesloten afdeling Het Baken (fictief)", "7211", 16, ("secondary", "special-secondary")),
    ("Gesloten afdeling Zandwijk (fictief)", "6871", 60, ("secondary", "special", "special-secondary")),
    ("Gesloten afdeling Noorderhaven (fictief)", "9301", 12, ("secondary",)),
    ("Gesloten afdeling De Linie (fictief)", "4941", 20, ()),
)
_AUTHORISED_WAITING = 6
"""Waiting children of 12 or older who get a court authorisation in the demo."""


def _closed_units(
    s: Session, rng: random.Random, today: dt.date, postcodes: dict[str, PostcodeInfo], guardian_id: int
) -> int:
    """A handful of closed youth-care units, authorisations for some older
    waiting children (one ending within the four-week warning window), and
    two children living in a unit (one whose authorisation has just ended,
    so the officer's home screen shows the alert). From a random stream of
    its own, so the rest of the demo stays as it was."""
    rows = []
    # a second demo (--force) continues the references
    first = s.scalar(select(func.count(m.FosterFamily.id)).where(m.FosterFamily.kind == "closed-unit")) or 0
    for k, (name, pc4, places, on_site) in enumerate(_UNITS, start=first):
        info = postcodes.get(pc4) or postcodes[sorted(postcodes)[k * 97 % len(postcodes)]]
        rows.append({
            "external_ref": f"DEMO-U{k + 1:02d}", "name": name, "address": f"Bosweg {rng.randint(1, 40)}",
            "postcode": f"{info.pc4} AA", "lat": info.lat, "lon": info.lon, "municipality": info.municipality,
            "province": info.province, "total_places": places, "age_min": 12, "age_max": 18,
            "genders": ["f", "m", "x"], "languages": ["nl"], "status": m.FamilyStatus.ACTIVE,
            "notes": "Fictieve gesloten afdeling (JeugdzorgPlus).", "kind": "closed-unit",
            "school_on_site": list(on_site),
        })  # fmt: skip
    unit_ids = _insert(s, m.FosterFamily, rows)
    _insert(s, m.TrainingRecord, [
        {"family_id": unit_id, "tag": tag, "completed_on": today - dt.timedelta(days=200),
         "expires_on": _years_later(today, TRAINING_YEARS_VALID)}
        for unit_id in unit_ids for tag in ("exploitation", "trauma")
    ])  # fmt: skip
    older = s.scalars(
        select(m.Child)
        .where(m.Child.status == m.ChildStatus.WAITING, m.Child.date_of_birth <= _years_later(today, -12))
        .order_by(m.Child.priority.desc(), m.Child.id)
    ).all()
    authorisations = []
    for n, child in enumerate(older[:_AUTHORISED_WAITING]):
        until = today + dt.timedelta(days=(20 if n == 0 else rng.randint(60, 180)))
        authorisations.append({
            "child_id": child.id, "kind": ("regular", "spoed", "voorwaardelijk")[n % 3],
            "valid_from": today - dt.timedelta(days=rng.randint(1, 60)), "valid_until": until,
            "court_reference": f"C/{rng.randint(10, 19)}/{rng.randint(100000, 999999)} / JE RK {today:%y}-{n + 1:03d}",
        })  # fmt: skip
    first_ref = _child_count(s) + 1
    placed = []
    for n in range(2):
        row = _child_row(rng, today, first_ref + n, "nl", rng.choice(_CHILD_SURNAMES["nl"]), 15 + n, guardian_id,
                         speaks_dutch=True)  # fmt: skip
        row.update(status=m.ChildStatus.PLACED, region=rows[n]["province"], school_kind="secondary")
        placed.append(row)
    placed_ids = _insert(s, m.Child, placed)
    _insert(s, m.Placement, [
        {"child_id": child_id, "family_id": unit_ids[n], "school_id": None,
         "start_date": today - dt.timedelta(days=90), "status": m.PlacementStatus.ACTIVE}
        for n, child_id in enumerate(placed_ids)
    ])  # fmt: skip
    for n, child_id in enumerate(placed_ids):
        # the first one's authorisation ended yesterday: the home screen shows the alert
        until = today - dt.timedelta(days=1) if n == 0 else today + dt.timedelta(days=150)
        authorisations.append({
            "child_id": child_id, "kind": "regular", "valid_from": today - dt.timedelta(days=120),
            "valid_until": until, "court_reference": f"C/16/{700000 + n} / JE RK {today:%y}-{900 + n}",
        })  # fmt: skip
    for row in authorisations:
        row["recorded_at"] = dt.datetime.combine(row["valid_from"], dt.time(10, 0))
    _insert(s, m.CourtAuthorisation, authorisations)
    return len(unit_ids)


def _networks(s: Session, rng: random.Random, today: dt.date) -> list[tuple[int, list[int]]]:
    ids = _insert(
        s, m.Network, [{"label": label, "notes": "Fictief demonetwerk."} for label, _ in _NETWORKS]
    )
    rows = [
        {
            "network_id": network_id,
            "label": label,
            "lat": lat,
            "lon": lon,
            "reported_on": today - dt.timedelta(days=rng.randint(7, 700)),
            "source_note": rng.choice(_SOURCE_NOTES),
        }
        for network_id, (_, locations) in zip(ids, _NETWORKS, strict=True)
        for label, lat, lon in locations
    ]
    location_ids = _insert(s, m.NetworkLocation, rows)
    by_network: dict[int, list[int]] = defaultdict(list)
    for row, location_id in zip(rows, location_ids, strict=True):
        by_network[row["network_id"]].append(location_id)
    return [(network_id, by_network[network_id]) for network_id in ids]


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _birth_date(rng: random.Random, today: dt.date, age: int) -> dt.date:
    """A date of birth giving exactly ``age`` completed years on ``today``."""
    return _years_later(today, -age) - dt.timedelta(days=rng.randint(0, 364))


def _school_kind(rng: random.Random, age: int, speaks_dutch: bool) -> str | None:
    if age < 4:
        return None
    if not speaks_dutch and age >= 6 and rng.random() < 0.12:
        return "newcomer"
    if rng.random() < 0.08:
        return "special"
    return "primary" if age <= 11 else "secondary"


def _speaks_dutch(rng: random.Random, origin: str) -> bool:
    return origin == "nl" or rng.random() < 0.45


def _child_row(
    rng: random.Random,
    today: dt.date,
    n: int,
    origin: str,
    surname: str,
    age: int,
    guardian_id: int,
    *,
    genders: tuple[str, ...] = ("f", "m", "x"),
    speaks_dutch: bool,
    siblings: tuple[str, ...] = (),
) -> dict[str, Any]:
    """One child; ``siblings`` are the first names already taken in the family."""
    gender = rng.choices(genders, [{"f": 47, "m": 50, "x": 3}[g] for g in genders])[0]
    names = _FIRST_NAMES[origin][0 if gender == "f" else 1]
    first = rng.choice([n for n in names if n not in siblings] or list(names))
    languages = sorted({origin, "nl"} if speaks_dutch else {origin})
    needed = ["exploitation"] if rng.random() < 0.85 else []
    if rng.random() < 0.3:
        needed.append("trauma")
    if not speaks_dutch and rng.random() < 0.3:
        needed.append("language-support")
    if age < 8 and rng.random() < 0.2:
        needed.append("attachment")
    return {
        "external_ref": f"DEMO-C{n:04d}",
        "name": f"{first} {surname}",
        "date_of_birth": _birth_date(rng, today, age),
        "gender": gender,
        "languages": languages,
        "training_needed": sorted(needed),
        "school_kind": _school_kind(rng, age, speaks_dutch),
        "priority": rng.choices((1, 2, 3, 4, 5), (15, 25, 30, 20, 10))[0],
        "guardian_id": guardian_id if rng.random() < 0.5 else None,
        "notes": "Fictief demokind.",
    }


def _child_count(s: Session) -> int:
    """Children already stored: demo references continue after them."""
    return s.scalar(select(func.count(m.Child.id))) or 0


def _waiting_age(rng: random.Random) -> int:
    return rng.choices(range(3, 18), [1, 2, 3] + [8] * 11 + [2])[0]


def _network_regions(network_indexes: list[int]) -> list[str]:
    """The provinces of the Dutch locations of these networks (indexes into _NETWORKS)."""
    return [
        _LOCATION_PROVINCES[label]
        for i in network_indexes
        for label, _lat, _lon in _NETWORKS[i][1]
        if label in _LOCATION_PROVINCES
    ]


def _waiting_children(
    s: Session,
    rng: random.Random,
    regions: random.Random,
    today: dt.date,
    networks: list[tuple[int, list[int]]],
    guardian_id: int,
) -> int:
    origins = sorted(_ORIGINS)
    origin_weights = [_ORIGINS[o][0] for o in origins]
    group_ids = _insert(
        s,
        m.SiblingGroup,
        [
            {"label": f"Broers en zussen {chr(ord('A') + i)} (fictief)", "keep_together": together}
            for i, (_, together) in enumerate(_SIBLING_GROUPS)
        ],
    )
    units: list[tuple[int | None, int]] = [
        (g, size) for g, (size, _) in zip(group_ids, _SIBLING_GROUPS, strict=True)
    ]
    units += [(None, 1)] * (WAITING_CHILDREN - sum(size for _, size in units))
    rng.shuffle(units)
    first_ref = _child_count(s) + 1
    rows: list[dict[str, Any]] = []
    unit_networks: list[list[int]] = []
    for group_id, size in units:
        origin = rng.choices(origins, origin_weights)[0]
        surname = rng.choice(_CHILD_SURNAMES[origin])
        candidates = _ORIGINS[origin][1]
        linked = sorted(
            set(rng.sample(candidates, 2 if rng.random() < 0.2 and len(candidates) > 1 else 1))
        )
        eldest = _waiting_age(rng) if size == 1 else rng.randint(8, 16)
        speaks_dutch = _speaks_dutch(rng, origin)
        region = regions.choice(_network_regions(linked))  # siblings were taken out together
        first_names: tuple[str, ...] = ()
        for k in range(size):
            age = eldest if k == 0 else max(3, eldest - rng.randint(1, 3) * k)
            row = _child_row(
                rng,
                today,
                first_ref + len(rows),
                origin,
                surname,
                age,
                guardian_id,
                speaks_dutch=speaks_dutch,
                siblings=first_names,
            )
            first_names += (row["name"].split(" ")[0],)
            row["sibling_group_id"] = group_id
            row["region"] = region
            rows.append(row)
            unit_networks.append([networks[i][0] for i in linked])
    ids = _insert(s, m.Child, rows)
    links = [
        {"child_id": child_id, "network_id": network_id}
        for child_id, linked_ids in zip(ids, unit_networks, strict=True)
        for network_id in linked_ids
    ]
    s.execute(insert(m.child_networks), links)
    return len(ids)


def _placed_children(
    s: Session,
    rng: random.Random,
    regions: random.Random,
    today: dt.date,
    families: list[_Family],
    schools: list[_SchoolRow],
    guardian_id: int,
) -> tuple[int, int]:
    """Children already living with a family (so free places vary) and a few
    placements that have ended."""
    schools_by_area: dict[str, list[_SchoolRow]] = defaultdict(list)
    for school in schools:
        schools_by_area[school.pc4].append(school)
    origins = sorted(_ORIGINS)
    origin_weights = [_ORIGINS[o][0] for o in origins]
    rows: list[dict[str, Any]] = []
    homes: list[tuple[_Family, bool]] = []
    taken_out_in = _network_regions(list(range(len(_NETWORKS))))
    first_ref = _child_count(s) + 1
    for family in families:
        occupied = sum(rng.random() < 0.3 for _ in range(family.total_places))
        ended = rng.random() < 0.08
        for active in [True] * occupied + [False] * ended:
            origin = rng.choices(origins, origin_weights)[0]
            age = rng.randint(family.age_min, family.age_max)
            row = _child_row(
                rng,
                today,
                first_ref + len(rows),
                origin,
                rng.choice(_CHILD_SURNAMES[origin]),
                age,
                guardian_id,
                genders=family.genders,
                speaks_dutch=_speaks_dutch(rng, origin),
            )
            row["status"] = m.ChildStatus.PLACED if active else m.ChildStatus.LEFT_CARE
            # Mostly where the networks work; now and then a case from elsewhere.
            row["region"] = regions.choice(provinces() if regions.random() < 0.15 else taken_out_in)
            rows.append(row)
            homes.append((family, active))
    ids = _insert(s, m.Child, rows)
    placements: list[dict[str, Any]] = []
    for child_id, row, (family, active) in zip(ids, rows, homes, strict=True):
        kind = row["school_kind"]
        nearby = [sc.id for sc in schools_by_area.get(family.pc4, []) if kind in sc.kinds]
        start = today - dt.timedelta(days=rng.randint(30, 900))
        end = None if active else start + dt.timedelta(days=rng.randint(1, (today - start).days))
        placements.append(
            {
                "child_id": child_id,
                "family_id": family.id,
                "school_id": rng.choice(nearby) if nearby else None,
                "start_date": start,
                "end_date": end,
                "end_reason": None if active else rng.choice(_END_REASONS),
                "status": m.PlacementStatus.ACTIVE if active else m.PlacementStatus.ENDED,
            }
        )
    _insert(s, m.Placement, placements)
    active_count = sum(active for _, active in homes)
    return active_count, len(homes) - active_count
