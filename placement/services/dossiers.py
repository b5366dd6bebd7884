"""Placement dossiers: one PDF per child, its contents chosen by the recipient.

A dossier travels outside the office, so two independent safeguards decide
what it shows. The recipient's :class:`Policy` selects the sections; then,
before anything is written, the finished PDF's text is read back (pypdf) and
searched for every value that recipient may not see (addresses, coordinates,
network and location labels, other children's names). A dossier that would
leak is refused: nothing reaches the disk, and the error names the category,
never the value.

The safety plan speaks in municipalities and distances. A network location is
named by the municipality of the nearest postcode point (or "buitenland" when
no Dutch postcode point is near), never by its label, address or coordinates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, selectinload

import solver
from placement import postcodes, textfold
from placement.actor import Actor
from placement.aftercare_codes import RISK_GRADES, end_reason_name
from placement.documents import words
from placement.documents.styles import RULE, grid_table, key_value_table, para
from placement.documents.template import BODY_WIDTH, DocumentMeta, build_pdf
from placement.errors import InputError, Problem
from placement.files import write_bytes_atomic
from placement.ids import ChildId
from placement.services import audit
from placement.services.permissions import Action, allowed, require, require_role
from placement.sessionfile import parse_session
from placement.storage.models import (
    Child,
    ChildStatus,
    FosterFamily,
    MatchingSession,
    MissingEpisode,
    Network,
    Placement,
    PlacementStatus,
    School,
    utcnow,
)
from solver.geo import haversine_km
from solver.proposal import CancelToken

T = TypeVar("T")
INSUFFICIENT_PRIVILEGE = "42501"

ABROAD = "buitenland"
ABROAD_KM = 10.0
"""A location farther than this from every Dutch postcode point lies abroad."""

DEFAULT_SAFETY_KM = 50.0
MAX_ALTERNATIVES = 5


class Recipient(enum.StrEnum):
    GUARDIAN = "guardian"
    FOSTER_FAMILY = "foster-family"
    SCHOOL = "school"

    @property
    def label(self) -> str:
        return _RECIPIENT_LABELS[self]


_RECIPIENT_LABELS = {
    Recipient.GUARDIAN: "de voogd",
    Recipient.FOSTER_FAMILY: "het pleeggezin",
    Recipient.SCHOOL: "de school",
}


class Leak(enum.StrEnum):
    """What a recipient may not see, by category (the refusal names these)."""

    FAMILY_ADDRESS = "foster family address"
    OTHER_ADDRESS = "another family's address"
    COORDINATES = "coordinates"
    NETWORK_LABEL = "network name"
    LOCATION_LABEL = "network location"
    INTELLIGENCE = "network intelligence"
    OTHER_CHILD = "another child's name"
    SIBLING = "a sibling's name"
    OTHER_FAMILY = "another family's name"
    MISSING = "a missing episode"
    ALIAS = "another name of the child"


class Notes(enum.Enum):
    """Which of the child's free-text notes a copy holds."""

    ALL = "all"
    SHAREABLE = "shareable"
    """Only the lines an officer marked with :data:`SHAREABLE_MARK`."""


SHAREABLE_MARK = "[deelbaar]"
"""A line of a child's notes that starts with this mark (any case) may go into
the copies for the foster family and the school; every other line stays in
the guardian's copy only."""

NOTES_LEFT_OUT = ("Aantekeningen die niet als deelbaar zijn gemarkeerd, zijn in dit exemplaar "
                  "weggelaten.")


def split_notes(notes: str) -> list[tuple[bool, str]]:
    """The non-empty lines of ``notes`` in order, each with whether it is marked
    shareable (the mark removed)."""
    lines = []
    for line in notes.splitlines():
        text = line.strip()
        shareable = text.casefold().startswith(SHAREABLE_MARK)
        if shareable:
            text = text[len(SHAREABLE_MARK):].strip()
        if text:
            lines.append((shareable, text))
    return lines


@dataclass(frozen=True, slots=True)
class Policy:
    """Which sections a recipient's copy holds. The leak check does not trust
    this table: it is the second line of defence against a mistake here."""

    child_needs: bool
    family_address: bool
    family_municipality: bool
    siblings: bool
    sibling_whereabouts: bool
    safety_areas: bool
    network_labels: bool
    matching: bool
    notes: Notes | None
    may_not_see: frozenset[Leak]
    history: bool = False
    """Earlier placements and missing episodes (the guardian's copy only)."""


_ALWAYS_SECRET = frozenset({Leak.COORDINATES, Leak.LOCATION_LABEL, Leak.INTELLIGENCE, Leak.OTHER_CHILD,
                            Leak.OTHER_ADDRESS})

POLICIES: dict[Recipient, Policy] = {
    Recipient.GUARDIAN: Policy(
        child_needs=True, family_address=True, family_municipality=True, siblings=True,
        sibling_whereabouts=True, safety_areas=True, network_labels=True, matching=True, notes=Notes.ALL,
        may_not_see=_ALWAYS_SECRET, history=True,
    ),
    Recipient.FOSTER_FAMILY: Policy(
        child_needs=True, family_address=True, family_municipality=True, siblings=True,
        sibling_whereabouts=False, safety_areas=True, network_labels=False, matching=False,
        notes=Notes.SHAREABLE,
        may_not_see=_ALWAYS_SECRET | {Leak.NETWORK_LABEL, Leak.OTHER_FAMILY, Leak.MISSING, Leak.ALIAS},
    ),
    Recipient.SCHOOL: Policy(
        child_needs=False, family_address=False, family_municipality=False, siblings=False,
        sibling_whereabouts=False, safety_areas=False, network_labels=False, matching=False,
        notes=Notes.SHAREABLE,
        may_not_see=_ALWAYS_SECRET | {Leak.FAMILY_ADDRESS, Leak.NETWORK_LABEL, Leak.OTHER_FAMILY,
                                      Leak.SIBLING, Leak.MISSING, Leak.ALIAS},
    ),
}

# --- what a dossier is made of -------------------------------------------------


@dataclass(frozen=True, slots=True)
class AvoidArea:
    municipality: str
    network: str
    distance_km: float | None
    """From the foster family's home to the nearest location in this area."""


@dataclass(frozen=True, slots=True)
class Sibling:
    name: str
    age: int
    family: str | None
    municipality: str | None
    same_family: bool


@dataclass(frozen=True, slots=True)
class RuleScore:
    rule: str
    points: float
    detail: str


@dataclass(frozen=True, slots=True)
class Alternative:
    family: str
    note: str


@dataclass(frozen=True, slots=True)
class Matching:
    session_id: int
    session_date: dt.date
    score: float | None
    school_km: float | None
    network_km: float | None
    rules: tuple[RuleScore, ...]
    alternatives: tuple[Alternative, ...]
    excluded: tuple[str, ...] = ()
    """Per hard rule, how many families it shut out."""


@dataclass(frozen=True, slots=True)
class HistoryLine:
    family: str | None
    """None where this reader's connection may not see that family (an earlier one, for a guardian on a server)."""
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str | None


@dataclass(frozen=True, slots=True)
class EpisodeLine:
    last_seen_at: dt.datetime
    last_seen_where: str
    risk: str
    found_at: dt.datetime | None
    found_country: str | None
    interview_held: bool


@dataclass(frozen=True, slots=True)
class DossierData:
    """Everything the dossier could say, gathered once; the policy picks from it."""

    child_id: int
    name: str
    date_of_birth: dt.date
    age: int
    gender: str
    languages: tuple[str, ...]
    training_needed: tuple[str, ...]
    school_kind: str | None
    notes: str
    family_name: str | None
    family_address: str | None
    family_postcode: str | None
    family_municipality: str | None
    start_date: dt.date | None
    school_name: str | None
    school_municipality: str | None
    guardian: str | None
    sibling_rule: str | None
    siblings: tuple[Sibling, ...]
    safety_km: float
    avoid: tuple[AvoidArea, ...]
    matching: Matching | None
    session_id: int | None
    secrets: dict[Leak, frozenset[str]] = field(default_factory=dict)
    history: tuple[HistoryLine, ...] = ()
    episodes: tuple[EpisodeLine, ...] = ()


# --- areas: municipalities of network locations ---------------------------------


@cache
def _postcode_points() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    rows = postcodes.all_postcodes()
    return (
        np.array([r.lat for r in rows]),
        np.array([r.lon for r in rows]),
        tuple(r.municipality for r in rows),
    )


def area_of(lat: float, lon: float) -> str:
    """The municipality of the nearest postcode point, or "buitenland"."""
    lats, lons, names = _postcode_points()
    km = haversine_km(lat, lon, lats, lons)
    nearest = int(np.argmin(km))
    return names[nearest] if km[nearest] <= ABROAD_KM else ABROAD


# --- gathering -------------------------------------------------------------------


def _point(lat: float, lon: float) -> str:
    """A coordinate pair as the leak check keeps it (both numbers, full precision)."""
    return f"{lat!r} {lon!r}"


def _active_placement(child: Child) -> Placement | None:
    return next((p for p in child.placements if p.status == PlacementStatus.ACTIVE), None)


def _sibling_rule(child: Child) -> str | None:
    group = child.sibling_group
    if group is None:
        return None
    if group.keep_together:
        return "Broers en zussen worden samen in één gezin geplaatst."
    return (
        f"Broers en zussen mogen in verschillende gezinnen wonen, op hoogstens "
        f"{group.max_apart_km:.0f} km van elkaar, zodat regelmatig contact mogelijk blijft. "
        f"De voogd plant de bezoeken in overleg met beide pleeggezinnen."
    )


def _term_detail(name: str, points: float, entry: dict[str, Any], safety_km: float) -> str:
    """The solver's term details are English; the dossier says it in Dutch from the same numbers."""
    network_km, school_km = entry.get("network_km"), entry.get("school_km")
    if name == "language":
        return "het gezin spreekt een taal van het kind" if points > 0 else "geen gedeelde taal"
    if name == "safety_margin":
        if network_km is None:
            return "geen bekend netwerk"
        return f"{float(network_km) - safety_km:.0f} km verder weg dan de minimale afstand"
    if name == "school_km":
        return "geen school nodig" if school_km is None else f"school op {float(school_km):.1f} km"
    return ""


def _matching(session: Session, placement: Placement, safety_km: float) -> Matching | None:
    if placement.session_id is None:
        return None
    run = session.get(MatchingSession, placement.session_id)
    proposal = (run.proposal if run else None) or {}
    entry = next(
        (p for p in proposal.get("placements", []) if p.get("child") == f"C{placement.child_id}"),
        None,
    )
    if run is None or entry is None:
        return None
    rules = []
    for name, value in (entry.get("terms") or {}).items():
        points = float(value.get("points", 0.0) if isinstance(value, dict) else value)
        rules.append(RuleScore(words.SCORE_TERMS.get(name, name), points, _term_detail(name, points, entry,
                                                                                      safety_km)))
    alternatives, excluded = _weighed(session, run, entry)
    return Matching(
        session_id=run.id,
        session_date=run.session_date,
        score=entry.get("score"),
        school_km=entry.get("school_km"),
        network_km=entry.get("network_km"),
        rules=tuple(rules),
        alternatives=tuple(alternatives),
        excluded=tuple(excluded),
    )


def _weighed(session: Session, run: MatchingSession, entry: dict[str, Any]) -> tuple[list[Alternative], list[str]]:
    """The other families that passed every hard rule for this child in that
    session (best first), and how many each hard rule shut out, recomputed
    from the session's stored problem by the solver."""
    try:
        problem = parse_session(run.problem)
        advice = solver.recommend(problem, str(entry["child"]), MAX_ALTERNATIVES + 1)
    except (InputError, KeyError):  # no usable stored problem: report only what the proposal says
        return [], []
    chosen = float(entry.get("score") or 0.0)
    alternatives = []
    for candidate in advice.candidates:
        family = _family_by_ref(session, candidate.family)
        if candidate.family == entry.get("family") or family is None:
            continue
        note = f"voldeed aan alle harde regels; score {candidate.score:+.1f}"
        if candidate.score > chosen:
            note += " (hoger, maar in het totaalplan nodig voor een ander kind of voor broers en zussen)"
        alternatives.append(Alternative(family.name, note))
    excluded = [
        f"{words.HARD_RULES.get(r.rule, r.rule)}: {r.families} "
        f"{'gezin' if r.families == 1 else 'gezinnen'}"
        for r in advice.excluded
    ]
    return alternatives[:MAX_ALTERNATIVES], excluded


def _family_by_ref(session: Session, ref: str) -> FosterFamily | None:
    if not re.fullmatch(r"F\d+", ref):
        return None
    return session.get(FosterFamily, int(ref[1:]))


def _if_readable(session: Session, read: Callable[[], T], otherwise: T) -> T:
    """``read()``, or ``otherwise`` where the server refuses it to this
    connection: on a server a guardian may not read networks or matching
    sessions, so its dossiers go without them (and the leak check without
    values the guardian's connection could not have printed)."""
    try:
        with session.begin_nested():
            return read()
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        return otherwise


def gather(session: Session, child_id: ChildId, day: dt.date) -> DossierData:
    """Read everything a dossier of ``child_id`` could show, and every value
    any recipient might have to be kept from."""
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem("child", f"no child C{child_id}")])
    placement = _active_placement(child)
    family = placement.family if placement else None
    school = placement.school if placement else None
    safety_km = child.safety_km if child.safety_km is not None else DEFAULT_SAFETY_KM

    def areas_to_avoid() -> dict[tuple[str, str], float | None]:
        avoid: dict[tuple[str, str], float | None] = {}
        for network in child.networks:
            for loc in network.locations:
                key = (area_of(loc.lat, loc.lon), network.label)
                km = float(haversine_km(family.lat, family.lon, loc.lat, loc.lon)) if family else None
                previous = avoid.get(key)
                avoid[key] = km if previous is None or (km is not None and km < previous) else previous
        return avoid

    avoid = _if_readable(session, areas_to_avoid, {})

    siblings = []
    if child.sibling_group is not None:
        for other in child.sibling_group.children:
            if other.id == child.id:
                continue
            other_placement = _active_placement(other)
            other_family = other_placement.family if other_placement else None
            siblings.append(Sibling(
                name=other.name,
                age=other.age_on(day),
                family=other_family.name if other_family else None,
                municipality=other_family.municipality if other_family else None,
                same_family=bool(family and other_family and other_family.id == family.id),
            ))

    matching = _if_readable(session, lambda: _matching(session, placement, safety_km), None) if placement else None

    def earlier() -> tuple[HistoryLine, ...]:
        return tuple(
            HistoryLine(p.family.name if p.family is not None else None, p.start_date, p.end_date, p.end_reason)
            for p in sorted(child.placements, key=lambda p: p.start_date, reverse=True)
        )

    def episodes() -> list[MissingEpisode]:
        return list(session.scalars(select(MissingEpisode).where(MissingEpisode.child_id == child.id)
                                    .order_by(MissingEpisode.last_seen_at.desc())))

    gone = _if_readable(session, episodes, [])
    return DossierData(
        child_id=child.id,
        name=child.name,
        date_of_birth=child.date_of_birth,
        age=child.age_on(day),
        gender=child.gender,
        languages=tuple(child.languages or ()),
        training_needed=tuple(child.training_needed or ()),
        school_kind=child.school_kind,
        notes=child.notes or "",
        family_name=family.name if family else None,
        family_address=family.address if family else None,
        family_postcode=family.postcode if family else None,
        family_municipality=family.municipality if family else None,
        start_date=placement.start_date if placement else None,
        school_name=school.name if school else None,
        school_municipality=school.municipality if school else None,
        guardian=child.guardian.display_name if child.guardian else None,
        sibling_rule=_sibling_rule(child),
        siblings=tuple(siblings),
        safety_km=safety_km,
        avoid=tuple(
            AvoidArea(area, network, km)
            for (area, network), km in sorted(avoid.items(), key=lambda kv: (kv[0][0] == ABROAD, kv[0]))
        ),
        matching=matching,
        session_id=placement.session_id if placement else None,
        secrets={**_secrets(session, child, family, school),
                 Leak.MISSING: frozenset(v for e in gone for v in (e.last_seen_where, e.description) if v.strip()),
                 Leak.ALIAS: frozenset(a.name for a in _if_readable(session, lambda: list(child.aliases), [])
                                       if a.name.strip() and a.name != child.name)},
        history=_if_readable(session, earlier, ()),
        episodes=tuple(EpisodeLine(e.last_seen_at, e.last_seen_where, e.risk, e.found_at, e.found_country,
                                   e.interview_at is not None) for e in gone),
    )


def _secrets(session: Session, child: Child, family: FosterFamily | None,
             school: School | None) -> dict[Leak, frozenset[str]]:
    """Every value some recipient must not see, by category. Whether a category
    is allowed is the policy's business; this only lists the values."""
    sibling_ids = {c.id for c in child.sibling_group.children} if child.sibling_group else set()
    secrets: dict[Leak, set[str]] = {leak: set() for leak in Leak}
    if family is not None:
        secrets[Leak.FAMILY_ADDRESS] |= {family.address, family.postcode}
        secrets[Leak.COORDINATES].add(_point(family.lat, family.lon))
    if school is not None:
        secrets[Leak.COORDINATES].add(_point(school.lat, school.lon))
    for network in _if_readable(session, lambda: session.scalars(select(Network)).all(), []):
        secrets[Leak.NETWORK_LABEL].add(network.label)
        secrets[Leak.INTELLIGENCE].add(network.notes)
        for loc in network.locations:
            secrets[Leak.LOCATION_LABEL].add(loc.label)
            secrets[Leak.INTELLIGENCE].add(loc.source_note)
            secrets[Leak.COORDINATES].add(_point(loc.lat, loc.lon))
    for other in session.scalars(select(FosterFamily)):
        if family is not None and other.id == family.id:
            continue
        secrets[Leak.OTHER_FAMILY].add(other.name)
        secrets[Leak.OTHER_ADDRESS] |= {other.address, other.postcode}
        secrets[Leak.COORDINATES].add(_point(other.lat, other.lon))
    for name, other_id in session.execute(select(Child.name, Child.id)):
        if other_id == child.id:
            continue
        secrets[Leak.SIBLING if other_id in sibling_ids else Leak.OTHER_CHILD].add(name)
    return {k: frozenset(v for v in values if v and v.strip()) for k, values in secrets.items()}


# --- the leak check ---------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


_DATE = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")

NAME_PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "t", "ter", "ten", "te", "op", "in", "la", "le", "du", "da", "di",
    "dos", "das", "del", "von", "zu", "el", "al", "ben", "bin", "ibn", "y", "e", "of",
})
"""Name parts too common to stand for a person on their own ("van", "de")."""

INTELLIGENCE_WORDS = 4
"""A run of this many words from a network's notes counts as quoting them."""

_NAME_LEAKS = frozenset({Leak.OTHER_CHILD, Leak.SIBLING})


def _name_parts(name: str) -> set[str]:
    """The parts of a name that identify someone alone ("Zara", "Kanarie",
    "Anders" of "Zara Kanarie-Anders"), folded."""
    return {w for w in textfold.words(name).split() if len(w) >= 2 and w not in NAME_PARTICLES}


def _runs(text: str, n: int = INTELLIGENCE_WORDS) -> set[str]:
    """Every run of ``n`` consecutive folded words of ``text`` (the whole text when shorter)."""
    words_ = textfold.words(text).split()
    if len(words_) <= n:
        return {" " + " ".join(words_) + " "} if words_ else set()
    return {" " + " ".join(words_[i:i + n]) + " " for i in range(len(words_) - n + 1)}


# Numbers as they can stand for a coordinate: 52.3702, 52,3702, -4.89, 4.89°.
_DECIMAL = re.compile(r"(?<![\d.,])([-−]?)(\d{1,3})[.,](\d{2,})")
# Degrees, minutes and optional seconds: 52°22'13.6"N, 52° 22.227' N, 4°53′42″ O.
_DMS = re.compile(
    r"(\d{1,3})\s*[°º˚]\s*(\d{1,2}(?:[.,]\d+)?)\s*['′’´]"
    r"(?:\s*(\d{1,2}(?:[.,]\d+)?)\s*(?:[\"″”]|''|′′)?)?"
)


def _decimals(number: str) -> int:
    return len(number.replace(",", ".").partition(".")[2])


def _numbers(text: str) -> list[tuple[float, float]]:
    """Every number in ``text`` that could be a coordinate, as (absolute value,
    resolution): 52.37 is (52.37, 0.01); 52°22' is (52.3667, 1/60)."""
    found = []
    for _sign, whole, decimals in _DECIMAL.findall(text):
        found.append((float(f"{whole}.{decimals}"), 10.0 ** -len(decimals)))
    for degrees, minutes, seconds in _DMS.findall(text):
        value = int(degrees) + float(minutes.replace(",", ".")) / 60
        resolution = 10.0 ** -_decimals(minutes) / 60
        if seconds:
            value += float(seconds.replace(",", ".")) / 3600
            resolution = 10.0 ** -_decimals(seconds) / 3600
        found.append((value, resolution))
    return found


def _near(value: float, numbers: list[tuple[float, float]]) -> float | None:
    """The finest resolution at which ``value`` is written in ``numbers`` (rounded
    or cut off), or None."""
    target = abs(value)
    hits = [res for number, res in numbers if abs(number - target) < res * (1 + 1e-9)]
    return min(hits) if hits else None


def _coordinates_shown(point: str, numbers: list[tuple[float, float]]) -> bool:
    """True when the text gives this point away: one of its numbers to three
    decimals or finer (about 100 m), or both of them to two decimals (about a
    kilometre) or to whole minutes."""
    lat, lon = (float(v) for v in point.split())
    at_lat, at_lon = _near(lat, numbers), _near(lon, numbers)
    fine = [r for r in (at_lat, at_lon) if r is not None and r <= 0.001 + 1e-12]
    return bool(fine) or (at_lat is not None and at_lon is not None)


def leaks_in_text(text: str, forbidden: dict[Leak, frozenset[str]], allowed: Iterable[str] = ()) -> list[Leak]:
    """Categories of ``forbidden`` values that appear in ``text``: see :func:`find_leaks`."""
    raw = _DATE.sub(" ", textfold.digits(text))
    folded = textfold.words(raw)
    numbers = _numbers(raw)
    shown = {textfold.words(v) for v in allowed}
    shown_parts = set().union(*(_name_parts(v) for v in allowed)) if allowed else set()
    found = []
    for leak, values in forbidden.items():
        for value in values:
            if leak == Leak.COORDINATES:
                hit = _coordinates_shown(value, numbers)
            else:
                key = textfold.words(value)
                if not key.strip() or key in shown:
                    continue
                keys = {key}
                if leak in _NAME_LEAKS:
                    keys |= {f" {part} " for part in _name_parts(value) - shown_parts}
                elif leak == Leak.INTELLIGENCE:
                    keys |= _runs(value)
                hit = any(k in folded for k in keys)
            if hit:
                found.append(leak)
                break
    return sorted(found, key=list(Leak).index)


def find_leaks(pdf: bytes, forbidden: dict[Leak, frozenset[str]], allowed: Iterable[str] = ()) -> list[Leak]:
    """Categories of ``forbidden`` values that appear in the PDF's text.

    Both the text and the values are folded first (:mod:`placement.textfold`:
    NFKC, invisible characters removed, look-alike letters and case folded),
    then compared as whole words, so punctuation and where lines break do not
    matter and "Dorpsstraat 1" is not found in "Dorpsstraat 12". Besides the
    whole value:

    - another child's or a sibling's name is found by any one of its parts
      ("Zara" alone), except parts of the names the reader may see and
      particles such as "van" or "de";
    - a network's notes are found by any run of :data:`INTELLIGENCE_WORDS`
      words;
    - a coordinate (kept as "lat lon") is found in decimal degrees with a
      dot or a comma, rounded or cut off, to three decimals or finer, or
      both numbers of the pair to two decimals; and in degrees and minutes,
      with or without seconds.

    Dates are left out of the search (a postcode "2026" is not the year). A
    value the recipient may legitimately see (their own postcode, shared by
    another family) is not held against the document.
    """
    return leaks_in_text(pdf_text(pdf), forbidden, allowed)


# --- the document ---------------------------------------------------------------------


def _date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "-"


def _km(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} km"


Section = tuple[str, list[Flowable]]


def _child_section(d: DossierData, policy: Policy) -> Section | None:
    rows = [
        ("Naam", d.name),
        ("Geboortedatum", f"{_date(d.date_of_birth)} ({d.age} jaar)"),
        ("Geslacht", words.GENDERS.get(d.gender, d.gender)),
        ("Talen", words.words(d.languages, words.LANGUAGES)),
    ]
    if policy.child_needs:
        rows.append(("Benodigde deskundigheid", words.words(d.training_needed, words.TRAINING)))
        rows.append(("Onderwijs", words.SCHOOL_KINDS.get(d.school_kind or "", "geen schoolplaats nodig")))
    lines = split_notes(d.notes)
    shown = [text for shareable, text in lines
             if policy.notes == Notes.ALL or (policy.notes == Notes.SHAREABLE and shareable)]
    if shown:
        rows.append(("Aandachtspunten", " ".join(shown)))
    if len(shown) < len(lines):
        rows.append(("Weggelaten", NOTES_LEFT_OUT))
    return "Het kind", [key_value_table(rows, BODY_WIDTH)]


def _placement_section(d: DossierData, policy: Policy) -> Section | None:
    if d.family_name is None:
        return "Plaatsing", [para("Het kind is op dit moment niet geplaatst.")]
    rows = [("Pleeggezin", d.family_name)]
    if policy.family_address:
        rows.append(("Adres", f"{d.family_address}, {d.family_postcode} {d.family_municipality}"))
    elif policy.family_municipality:
        rows.append(("Gemeente", d.family_municipality or "-"))
    rows.append(("Geplaatst sinds", _date(d.start_date)))
    if d.school_name:
        school = d.school_name
        if policy.family_municipality and d.school_municipality:
            school += f" ({d.school_municipality})"
        rows.append(("School", school))
    else:
        rows.append(("School", "geen schoolplaats"))
    return "Plaatsing en school", [key_value_table(rows, BODY_WIDTH)]


def _history_section(d: DossierData, policy: Policy) -> Section | None:
    if not policy.history or not (d.episodes or any(line.end_date for line in d.history)):
        return None
    story: list[Flowable] = []
    if d.history:
        rows = [[line.family or "een eerder pleeggezin", _date(line.start_date),
                 _date(line.end_date) if line.end_date else "nu", end_reason_name(line.end_reason)]
                for line in d.history]  # fmt: skip
        story.append(grid_table(["Pleeggezin", "Van", "Tot", "Reden van beëindiging"], rows,
                                [0.35 * BODY_WIDTH, 0.17 * BODY_WIDTH, 0.17 * BODY_WIDTH, 0.31 * BODY_WIDTH]))
    if d.episodes:
        story.append(Spacer(0, 3 * mm))
        story.append(para(f"Vermissingen: {len(d.episodes)}."))
        rows = [[e.last_seen_at.strftime("%d-%m-%Y %H:%M"), e.last_seen_where or "-", RISK_GRADES[e.risk].nl,
                 (e.found_at.strftime("%d-%m-%Y %H:%M") + (f" ({e.found_country})" if e.found_country else ""))
                 if e.found_at else "nog vermist",
                 "gevoerd" if e.interview_held else ("nog te voeren" if e.found_at else "-")]
                for e in d.episodes]  # fmt: skip
        story.append(grid_table(["Laatst gezien (UTC)", "Waar", "Risico", "Gevonden", "Terugkeergesprek"], rows,
                                [w * BODY_WIDTH for w in (0.22, 0.26, 0.1, 0.24, 0.18)]))
    return "Plaatsingsgeschiedenis en vermissingen", story


def _siblings_section(d: DossierData, policy: Policy) -> Section | None:
    if not policy.siblings or d.sibling_rule is None:
        return None
    title = "Broers en zussen en contactregeling"
    body: list[Flowable] = [para(d.sibling_rule), Spacer(0, 2 * mm)]
    if not d.siblings:
        return title, [*body, para("Er zijn geen andere broers of zussen in zorg.")]
    if policy.sibling_whereabouts:
        header = ["Naam", "Leeftijd", "Woont bij", "Gemeente"]
        rows = [
            [s.name, f"{s.age} jaar", s.family or "nog niet geplaatst", s.municipality or "-"]
            for s in d.siblings
        ]
        widths = [0.3, 0.14, 0.32, 0.24]
    else:
        header = ["Naam", "Leeftijd", "Woont"]
        rows = [
            [s.name, f"{s.age} jaar", "in hetzelfde gezin" if s.same_family else "in een ander pleeggezin"]
            for s in d.siblings
        ]
        widths = [0.4, 0.2, 0.4]
    return title, [*body, grid_table(header, rows, [w * BODY_WIDTH for w in widths])]


def _safety_section(d: DossierData, policy: Policy) -> Section | None:
    title = "Veiligheidsplan"
    if not policy.safety_areas:
        return title, [
            para(
                "Geef het kind nooit mee aan iemand die niet op de lijst hieronder staat, ook niet "
                "aan familieleden of bekenden die zich melden. Neem bij twijfel direct contact op met "
                "de voogd.",
                "Notice",
            ),
        ]
    story: list[Flowable] = []
    if not d.avoid:
        return title, [para("Er zijn geen gebieden bekend die het kind moet vermijden.")]
    story.append(para(
        f"Het kind moet uit de buurt blijven van de onderstaande gebieden. Het pleeggezin woont "
        f"minstens {d.safety_km:.0f} km van elke bekende locatie; vermijd ook uitstapjes, familiebezoek "
        f"en schoolreizen naar deze gemeenten."
    ))
    story.append(Spacer(0, 2 * mm))
    header = ["Te vermijden gebied"]
    widths = [0.45]
    if policy.network_labels:
        header.append("Netwerk")
        widths.append(0.3)
    header.append("Afstand tot pleeggezin")
    widths.append(1 - sum(widths))
    rows = []
    for area in d.avoid:
        row = [area.municipality if area.municipality == ABROAD else f"gemeente {area.municipality}"]
        if policy.network_labels:
            row.append(area.network)
        row.append(_km(area.distance_km))
        rows.append(row)
    story.append(grid_table(header, rows, [w * BODY_WIDTH for w in widths], numeric_columns=(len(header) - 1,)))
    story.append(Spacer(0, 2 * mm))
    story.append(para(
        "Geef het kind nooit mee aan iemand die niet op de lijst van ophaalbevoegden staat. "
        "Meld signalen van contact met het netwerk direct aan de voogd.",
        "Notice",
    ))
    return title, story


def _matching_section(d: DossierData, policy: Policy) -> Section | None:
    if not policy.matching:
        return None
    title = "Overwegingen bij de matching"
    story: list[Flowable] = []
    m = d.matching
    if m is None:
        text = ("Deze plaatsing is buiten een matchingsessie om tot stand gekomen; er is geen "
                "matchingsverslag." if d.family_name else "Er is nog geen plaatsing.")
        return title, [para(text)]
    story.append(para(
        f"Het gezin is gekozen in matchingsessie {m.session_id} van {_date(m.session_date)}. Aan alle "
        f"harde regels (leeftijd, geslacht, deskundigheid, veiligheidsafstand, school en capaciteit) is "
        f"voldaan; de score hieronder weegt de wensen."
    ))
    story.append(Spacer(0, 2 * mm))
    with_detail = any(r.detail for r in m.rules)
    rows = [[r.rule, f"{r.points:+.1f}", *([r.detail] if with_detail else [])] for r in m.rules]
    if m.score is not None:
        rows.append(["Totaal voor deze plaatsing", f"{float(m.score):+.1f}", *([""] if with_detail else [])])
    if rows:
        header = ["Regel (wens)", "Punten", *(["Toelichting"] if with_detail else [])]
        widths = [0.45, 0.15, 0.4] if with_detail else [0.6, 0.2]
        story.append(grid_table(header, rows, [w * BODY_WIDTH for w in widths], numeric_columns=(1,),
                                bold_last_row=m.score is not None))
    facts = []
    if m.network_km is not None:
        facts.append(f"afstand tot de dichtstbijzijnde netwerklocatie {float(m.network_km):.0f} km "
                     f"(minimaal vereist {d.safety_km:.0f} km)")
    if m.school_km is not None:
        facts.append(f"afstand tot school {float(m.school_km):.1f} km")
    if facts:
        story += [Spacer(0, 2 * mm), para("Feiten: " + "; ".join(facts) + ".")]
    story.append(para("Gewogen alternatieven", "H2"))
    if m.alternatives:
        story.append(grid_table(["Gezin", "Afweging"], [[a.family, a.note] for a in m.alternatives],
                                [0.35 * BODY_WIDTH, 0.65 * BODY_WIDTH]))
    else:
        story.append(para("Geen ander gezin met een vrije plaats voldeed in deze sessie aan alle harde regels."))
    if m.excluded:
        story += [Spacer(0, 2 * mm),
                  para("Afgevallen op de harde regels (een gezin kan op meer dan één regel afvallen): "
                       + "; ".join(m.excluded) + ".")]
    return title, story


def _contacts_section(d: DossierData, policy: Policy) -> Section | None:
    rows = [("Voogd", d.guardian or "nog niet toegewezen")]
    title = "Contactpersonen"
    if not policy.safety_areas:  # the school's copy: who may collect the child
        title = "Ophaalbevoegden en contactpersonen"
        rows = [("Pleegouders", d.family_name or "-"), *rows]
    return title, [key_value_table(rows, BODY_WIDTH)]


def _signature_block(recipient: Recipient) -> Flowable:
    signer = "Voor ontvangst" if recipient != Recipient.GUARDIAN else "Vastgesteld door de voogd"
    cells = [
        [para(signer, "CellBold"), "", para("Namens de pleegzorgorganisatie", "CellBold")],
        [para("Naam:", "Cell"), "", para("Naam:", "Cell")],
        [para("Datum:", "Cell"), "", para("Datum:", "Cell")],
        [para("Handtekening:", "Cell"), "", para("Handtekening:", "Cell")],
        [Spacer(0, 14 * mm), "", Spacer(0, 14 * mm)],
    ]
    half = (BODY_WIDTH - 12 * mm) / 2
    table = Table(cells, colWidths=[half, 12 * mm, half], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 1), (0, -1), 0.4, RULE),
        ("LINEBELOW", (2, 1), (2, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return KeepTogether([Spacer(0, 6 * mm), para("Ondertekening", "H1"), table])


def story(d: DossierData, recipient: Recipient, policy: Policy) -> list[Flowable]:
    """The flowables of the body, in reading order."""
    intro = {
        Recipient.GUARDIAN: "Volledig plaatsingsdossier voor de voogd.",
        Recipient.FOSTER_FAMILY: "Informatie voor het pleeggezin over het kind dat bij u woont.",
        Recipient.SCHOOL: "Informatie voor de school over een leerling in een pleeggezin.",
    }[recipient]
    parts: list[Flowable] = [
        para(f"Plaatsingsdossier {d.name}", "Title"),
        para(intro + " Bewaar dit document achter slot en geef het niet aan derden.", "Subtitle"),
    ]
    sections = (_child_section, _placement_section, _history_section, _siblings_section, _safety_section,
                _matching_section, _contacts_section)
    number = 0
    for make in sections:
        section = make(d, policy)
        if section is None:
            continue
        number += 1
        title, body = section
        parts += [CondPageBreak(40 * mm), para(f"{number}. {title}", "H1"), *body]
    parts.append(_signature_block(recipient))
    return parts


def allowed_values(d: DossierData, may_not_see: frozenset[Leak]) -> set[str]:
    """Values the recipient may see: the child's, the foster family's, the
    guardian's and the school's names, the municipalities the dossier names
    (their parts are not held against the document as parts of another
    child's name: a school called "Sancta Maria" is no sign of a Maria), and
    every value of a category they are allowed. Derived from the categories,
    not from the section switches, so a wrong switch can never excuse what it
    lets through."""
    shown = {d.name, d.family_name or "", d.guardian or "", d.school_name or "", d.family_municipality or "",
             d.school_municipality or "", *(area.municipality for area in d.avoid)}
    for leak, values in d.secrets.items():
        if leak not in may_not_see:
            shown |= values
    return shown


def document_id(child_id: int, recipient: Recipient, generated_at: dt.datetime, username: str) -> str:
    """Stable for the same request, different for any other: quoted when a
    printed copy turns up somewhere it should not be."""
    digest = hashlib.sha256(f"{child_id}|{recipient}|{generated_at.isoformat()}|{username}".encode())
    return f"D-{child_id}-{digest.hexdigest()[:10].upper()}"


class DossierRefused(Exception):
    """The finished dossier held something its recipient may not see; it was not written."""

    def __init__(self, child_id: int, recipient: Recipient, leaks: Sequence[Leak]) -> None:
        self.child_id = child_id
        self.recipient = recipient
        self.leaks = tuple(leaks)
        super().__init__(
            f"dossier for C{child_id} not written: the copy for {recipient} would show "
            + ", ".join(leak.value for leak in self.leaks)
        )


def render(d: DossierData, recipient: Recipient, generated_at: dt.datetime, generated_by: str) -> bytes:
    """The checked PDF for ``recipient``: raises :class:`DossierRefused` when the
    text read back from it holds a value the recipient may not see."""
    policy = POLICIES[recipient]
    meta = DocumentMeta(
        title=f"Plaatsingsdossier - kind C{d.child_id}",
        document_id=document_id(d.child_id, recipient, generated_at, generated_by),
        generated_at=generated_at,
        generated_by=generated_by,
        recipient=recipient.label,
    )
    pdf = build_pdf(story(d, recipient, policy), meta)
    forbidden = {leak: values for leak, values in d.secrets.items() if leak in policy.may_not_see}
    leaks = find_leaks(pdf, forbidden, allowed_values(d, policy.may_not_see))
    if leaks:
        raise DossierRefused(d.child_id, recipient, leaks)
    return pdf


def make_dossier(session: Session, actor: Actor, child_id: ChildId, recipient: Recipient,
                 generated_at: dt.datetime | None = None) -> bytes:
    """The checked dossier as bytes (for a preview or a printer); audited as a print."""
    require_role(actor, Action.PRINT_DOSSIER, session=session)
    child = session.get(Child, child_id)
    if child is None:
        # A guardian is refused whether the child does not exist or is not theirs
        # (on a server it cannot tell either): nothing is revealed.
        require(actor, Action.PRINT_DOSSIER, session=session)
        raise InputError([Problem("child", f"no child C{child_id}")])
    require(actor, Action.PRINT_DOSSIER, child=child, session=session)
    at = generated_at or utcnow().replace(microsecond=0)
    data = gather(session, child_id, at.date())
    if recipient != Recipient.GUARDIAN and data.family_name is None:
        raise InputError([Problem("child", f"C{child_id} has no active placement; a dossier for "
                                           f"{recipient} needs one")])
    try:
        pdf = render(data, recipient, at, actor.username)
    except DossierRefused:
        audit.record_refusal(session, actor, audit.PRINT, "dossier", child_id, outcome=audit.FAILED)
        raise
    audit.record(session, actor, audit.PRINT, "dossier", child_id)
    return pdf


def write_dossier(session: Session, actor: Actor, child_id: ChildId, recipient: Recipient, path: Path,
                  generated_at: dt.datetime | None = None) -> Path:
    """Make, check and save one dossier; nothing is written when it is refused."""
    pdf = make_dossier(session, actor, child_id, recipient, generated_at)
    write_bytes_atomic(path, pdf)
    return Path(path)


@dataclass(frozen=True, slots=True)
class BatchResult:
    written: tuple[Path, ...]
    refused: tuple[tuple[int, str], ...]
    """(child id, reason) for each dossier not written."""
    cancelled: bool


def batch_file_name(child_id: int, recipient: Recipient) -> str:
    return f"dossier-C{child_id}-{recipient}.pdf"


def write_dossiers(
    session: Session,
    actor: Actor,
    child_ids: Sequence[ChildId],
    recipient: Recipient,
    folder: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
    generated_at: dt.datetime | None = None,
) -> BatchResult:
    """One dossier per child into ``folder``. A refused or impossible dossier
    does not stop the others; a cancel stops before the next child. The
    folder is created when it does not exist yet."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([Problem("folder", f"cannot create the folder: {exc.strerror or exc}")]) from None
    written: list[Path] = []
    refused: list[tuple[int, str]] = []
    total = len(child_ids)
    if progress is not None:
        progress(0, total)
    for done, child_id in enumerate(child_ids, start=1):
        if cancel is not None and cancel.cancelled:
            return BatchResult(tuple(written), tuple(refused), cancelled=True)
        try:
            written.append(write_dossier(session, actor, child_id, recipient,
                                         Path(folder) / batch_file_name(child_id, recipient), generated_at))
        except DossierRefused as exc:
            refused.append((child_id, "would show " + ", ".join(leak.value for leak in exc.leaks)))
        except InputError as exc:
            refused.append((child_id, "; ".join(str(p) for p in exc.problems)))
        if progress is not None:
            progress(done, total)
    return BatchResult(tuple(written), tuple(refused), cancelled=False)


@dataclass(frozen=True, slots=True)
class DossierChoice:
    """A child the actor may print a dossier of, as the dossier page lists it."""

    id: int
    name: str
    age: int
    placed_since: dt.date | None


def printable_children(session: Session, actor: Actor, day: dt.date | None = None) -> list[DossierChoice]:
    """The children whose dossier ``actor`` may print (a guardian: their own)."""
    today = day or dt.date.today()
    children = session.scalars(
        select(Child).where(Child.status != ChildStatus.LEFT_CARE).options(selectinload(Child.placements))
        .order_by(Child.name, Child.id)
    ).all()
    return [
        DossierChoice(c.id, c.name, c.age_on(today), p.start_date if (p := _active_placement(c)) else None)
        for c in children
        if allowed(actor, Action.PRINT_DOSSIER, child=c)
    ]


# --- the missing-person sheet for the police -------------------------------------------

POLICE_SHEET = Policy(
    child_needs=False, family_address=True, family_municipality=True, siblings=False,
    sibling_whereabouts=False, safety_areas=False, network_labels=True, matching=False, notes=None,
    may_not_see=_ALWAYS_SECRET | {Leak.OTHER_FAMILY, Leak.SIBLING},
)  # fmt: skip
"""The police may see the placement address, the labels of the child's networks
and the episode; never coordinates, location labels, intelligence, other
children (siblings included) or other families."""


def _sheet_story(d: DossierData, episode: MissingEpisode, networks: list[str], aliases: list[str]) -> list[Flowable]:
    grade = RISK_GRADES[episode.risk]
    rows = [
        ("Naam", d.name),
        ("Ook bekend als", ", ".join(aliases) or "geen bekende andere namen"),
        ("Geboortedatum", f"{_date(d.date_of_birth)} ({d.age} jaar)"),
        ("Geslacht", words.GENDERS.get(d.gender, d.gender)),
        ("Talen", words.words(d.languages, words.LANGUAGES)),
        ("Signalement", episode.description or "-"),
        ("Laatst gezien", f"{episode.last_seen_at.strftime('%d-%m-%Y %H:%M')} UTC, {episode.last_seen_where or '-'}"),
        ("Risico", f"{grade.nl}: {grade.rule_nl}"),
        ("Verblijfadres (pleeggezin)",
         f"{d.family_address}, {d.family_postcode} {d.family_municipality}" if d.family_address else "-"),
        ("Gekoppelde netwerken", ", ".join(networks) or "geen"),
    ]
    return [
        para(f"Vermissingsformulier {d.name}", "Title"),
        para("Voor de politie. Vertrouwelijk: niet doorgeven aan derden, het verblijfadres is geheim.",
             "Subtitle"),
        key_value_table(rows, BODY_WIDTH),
        _signature_block(Recipient.SCHOOL),  # "voor ontvangst"
    ]


def missing_person_sheet(session: Session, actor: Actor, child_id: ChildId,
                         generated_at: dt.datetime | None = None) -> bytes:
    """The police's sheet for the child's current (or last) missing episode:
    checked like a dossier before it leaves; audited as a print."""
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem("child", f"no child C{child_id}")])
    require(actor, Action.PRINT_DOSSIER, child=child, session=session)
    episode = session.scalars(
        select(MissingEpisode).where(MissingEpisode.child_id == child_id)
        .order_by(MissingEpisode.found_at.is_not(None), MissingEpisode.last_seen_at.desc())
    ).first()  # fmt: skip
    if episode is None:
        raise InputError([Problem("child", f"C{child_id} has never been reported missing")])
    at = generated_at or utcnow().replace(microsecond=0)
    d = gather(session, child_id, at.date())
    if d.family_address is None and episode.family is not None:  # ended since: the address the child ran from
        family = episode.family
        d = dataclasses.replace(d, family_name=family.name, family_address=family.address,
                                family_postcode=family.postcode, family_municipality=family.municipality,
                                secrets={**d.secrets,
                                         Leak.FAMILY_ADDRESS: d.secrets[Leak.FAMILY_ADDRESS] | {family.address,
                                                                                               family.postcode},
                                         Leak.OTHER_FAMILY: d.secrets[Leak.OTHER_FAMILY] - {family.name},
                                         Leak.OTHER_ADDRESS: d.secrets[Leak.OTHER_ADDRESS] - {family.address,
                                                                                             family.postcode}})
    networks = _if_readable(session, lambda: [n.label for n in child.networks], [])
    aliases = [" ".join(part for part in (a.name, f"(geb. {_date(a.date_of_birth)})" if a.date_of_birth else "",
                                          f"[{a.nationality}]" if a.nationality else "") if part)
               for a in _if_readable(session, lambda: list(child.aliases), [])]
    meta = DocumentMeta(
        title=f"Vermissingsformulier - kind C{child_id}",
        document_id=document_id(child_id, Recipient.GUARDIAN, at, actor.username).replace("D-", "V-", 1),
        generated_at=at,
        generated_by=actor.username,
        recipient="de politie",
    )
    pdf = build_pdf(_sheet_story(d, episode, networks, aliases), meta)
    forbidden = {leak: values for leak, values in d.secrets.items() if leak in POLICE_SHEET.may_not_see}
    allowed_now = allowed_values(d, POLICE_SHEET.may_not_see)
    leaks = find_leaks(pdf, forbidden, allowed_now)
    if leaks:
        audit.record_refusal(session, actor, audit.PRINT, "missing_sheet", child_id, outcome=audit.FAILED)
        raise SheetRefused(child_id, leaks)
    audit.record(session, actor, audit.PRINT, "missing_sheet", child_id)
    return pdf


class SheetRefused(DossierRefused):
    """The missing-person sheet held something the police may not see; it was not written."""

    def __init__(self, child_id: int, leaks: Sequence[Leak]) -> None:
        super().__init__(child_id, Recipient.GUARDIAN, leaks)
        self.args = (f"missing-person sheet for C{child_id} not written: it would show "
                     + ", ".join(leak.value for leak in self.leaks),)


def write_missing_person_sheet(session: Session, actor: Actor, child_id: ChildId, path: Path) -> Path:
    """Make, check and save the police's sheet; nothing is written when it is refused."""
    write_bytes_atomic(path, missing_person_sheet(session, actor, child_id))
    return Path(path)
