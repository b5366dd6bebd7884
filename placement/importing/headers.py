"""Which column holds which field: recognising Dutch and English headers, and
remembering the user's choice per file layout.

A mapping is ``{header text: field name or None}``; ``None`` ignores the
column. The layout of a file is the hash of its normalised header row, so a
monthly export from the same spreadsheet gets the mapping the user confirmed
last time.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from catalogue.validation_sentences import Complaint
from placement.errors import InputError, Problem
from placement.files import write_text_atomic
from placement.paths import data_dir


class Kind(enum.StrEnum):
    FAMILIES = "families"
    CHILDREN = "children"
    SCHOOLS = "schools"
    NETWORKS = "networks"
    UNITS = "units"
    """Closed youth-care units: homes of kind ``closed-unit`` (catalogue.codes.HOME_KINDS)."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str  # shown in the mapping step and used as the export header
    aliases: tuple[str, ...] = ()
    required: bool = False


def _f(name: str, label: str, *aliases: str, required: bool = False) -> Field:
    return Field(name, label, aliases, required)


_REF = ("external ref", "external reference", "referentie", "ref", "kenmerk", "dossiernummer", "extern kenmerk")
_NOTES = ("notes", "notities", "opmerkingen", "opmerking", "toelichting")
_LANGUAGES = ("languages", "talen", "taal", "language")

FIELDS: dict[Kind, tuple[Field, ...]] = {
    Kind.FAMILIES: (
        _f("external_ref", "external_ref", *_REF),
        _f("name", "name", "naam", "gezinsnaam", "family name", "gezin", required=True),
        _f("address", "address", "adres"),
        _f("street", "street", "straat", "straatnaam"),
        _f("house_number", "house_number", "huisnummer", "house number", "huisnr", "huisnummer toevoeging"),
        _f("place", "place", "plaats", "woonplaats", "city", "town", "plaatsnaam"),
        _f("postcode", "postcode", "postal code", "zip", "zip code", required=True),
        _f("lat", "lat", "latitude", "breedtegraad"),
        _f("lon", "lon", "lng", "longitude", "lengtegraad"),
        _f("total_places", "total_places", "plaatsen", "places", "total places", "aantal plaatsen",
           "capaciteit", "capacity", required=True),
        _f("age_min", "age_min", "leeftijd van", "age min", "age from", "minimum leeftijd", "min leeftijd",
           "minimum age"),
        _f("age_max", "age_max", "leeftijd tot", "age max", "age to", "maximum leeftijd", "max leeftijd",
           "maximum age"),
        _f("genders", "genders", "geslacht", "gender", "geslachten"),
        _f("languages", "languages", *_LANGUAGES[1:]),
        _f("training", "training", "trainingen", "opleiding", "opleidingen", "training tags"),
        _f("training_completed", "training_completed", "training behaald", "training completed",
           "behaald op", "completed", "datum training"),
        _f("training_expires", "training_expires", "training verloopt", "training expires",
           "verloopt op", "expires", "geldig tot"),
        _f("status", "status"),
        _f("notes", "notes", *_NOTES[1:]),
    ),
    Kind.UNITS: (),  # filled in below: the families' fields and the school on site
    Kind.CHILDREN: (
        _f("external_ref", "external_ref", *_REF),
        _f("name", "name", "naam", "kind", "child", required=True),
        _f("date_of_birth", "date_of_birth", "geboortedatum", "date of birth", "dob", "birth date",
           "birthdate", "geboren", required=True),
        _f("gender", "gender", "geslacht", "sex", required=True),
        _f("languages", "languages", *_LANGUAGES[1:]),
        _f("training_needed", "training_needed", "training", "training nodig", "training needed",
           "benodigde training"),
        _f("school_kind", "school_kind", "schoolsoort", "school kind", "soort school", "school type",
           "schooltype"),
        _f("priority", "priority", "prioriteit", "urgentie", "urgency"),
        _f("networks", "networks", "netwerken", "netwerk", "network"),
        _f("sibling_group", "sibling_group", "sibling group", "siblings", "broers en zussen",
           "broers zussen", "brusgroep", "brus groep", "gezinsgroep"),
        _f("safety_km", "safety_km", "safety km", "veilige afstand km", "veilige afstand", "safety distance"),
        _f("max_school_km", "max_school_km", "max school km", "max schoolafstand km", "max schoolafstand"),
        _f("notes", "notes", *_NOTES[1:]),
        _f("region", "region", "regio", "responsible region", "verantwoordelijke regio"),
    ),
    Kind.SCHOOLS: (
        _f("duo_code", "duo_code", "vestigingscode", "duo code", "code", "brin vestiging"),
        _f("brin", "brin", "instellingscode", "brin code", "brinnummer"),
        _f("location_number", "location_number", "vestigingsnummer", "vestiging nummer"),
        _f("name", "name", "vestigingsnaam", "naam", "schoolnaam", "school", required=True),
        _f("kinds", "kinds", "school kinds", "soorten"),
        _f("category", "category", "soort primair onderwijs", "soort po", "type po", "school type",
           "schoolsoort", "duo category", "categorie"),
        _f("vo_structure", "vo_structure", "onderwijsstructuur", "vo structure"),
        _f("so_onderwijs", "so_onderwijs", "onderwijs", "so onderwijs"),
        _f("newcomer", "newcomer", "newcomer hint", "nieuwkomers", "isk"),
        _f("website", "website", "internetadres", "url"),
        _f("postcode", "postcode", "postal code", required=True),
        _f("lat", "lat", "latitude", "breedtegraad"),
        _f("lon", "lon", "lng", "longitude", "lengtegraad"),
        _f("free_seats", "free_seats", "free seats", "vrije plaatsen", "vrije plekken"),
    ),
    Kind.NETWORKS: (
        _f("network", "network", "netwerk", "network label", "netwerknaam", required=True),
        _f("location", "location", "locatie", "location label", "plek"),
        _f("postcode", "postcode", "postal code"),
        _f("lat", "lat", "latitude", "breedtegraad"),
        _f("lon", "lon", "lng", "longitude", "lengtegraad"),
        _f("reported_on", "reported_on", "reported on", "reported", "gemeld op", "datum melding",
           "melddatum", "datum", required=True),
        _f("source_note", "source_note", "source note", "source", "bron", "bronvermelding"),
    ),
}
FIELDS[Kind.UNITS] = (
    *FIELDS[Kind.FAMILIES],
    _f("school_on_site", "school_on_site", "school op locatie", "school kinds on site", "eigen school",
       "onderwijs op locatie"),
)


def fields(kind: Kind) -> dict[str, Field]:
    return {f.name: f for f in FIELDS[kind]}


def normalise(header: str) -> str:
    """Lower case, no accents, punctuation as spaces (recognition also ignores the spaces,
    so ``Geboorte-datum``, ``geboorte datum`` and ``geboortedatum`` match)."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def recognise(kind: Kind, headers: Sequence[str]) -> dict[str, str | None]:
    """A first mapping: each field goes to the first column whose header is its
    name or one of its aliases; other columns are ignored."""
    lookup: dict[str, str] = {}
    for f in FIELDS[kind]:
        for alias in (f.name, f.label, *f.aliases):
            lookup.setdefault(normalise(alias).replace(" ", ""), f.name)
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        name = lookup.get(normalise(header).replace(" ", ""))
        if name is not None and name not in taken and header not in mapping:
            mapping[header] = name
            taken.add(name)
        else:
            mapping.setdefault(header, None)
    return mapping


def check_mapping(kind: Kind, headers: Sequence[str], mapping: Mapping[str, str | None]) -> dict[int, str]:
    """Validate a mapping against the file; returns ``{column index: field}``."""
    known = fields(kind)
    problems: list[Problem] = []
    by_index: dict[int, str] = {}
    used: dict[str, str] = {}
    for header, name in mapping.items():
        if name is None:
            continue
        if name not in known:
            problems.append(Problem.of(f'mapping "{header}"', Complaint("import.not_a_field", {"name": name, "kind": kind})))
        elif header not in headers:
            problems.append(Problem.of(f'mapping "{header}"', Complaint("import.no_such_column")))
        elif name in used:
            problems.append(Problem.of(f'mapping "{header}"', Complaint("import.field_taken", {"name": name, "column": used[name]})))
        else:
            used[name] = header
            by_index[list(headers).index(header)] = name
    mapped = set(by_index.values())
    for f in FIELDS[kind]:
        if f.required and f.name not in mapped:
            problems.append(Problem.of(f'column "{f.label}"', Complaint("import.missing_column")))
    if kind is Kind.SCHOOLS and "duo_code" not in mapped and not {"brin", "location_number"} <= mapped:
        problems.append(
            Problem.of('column "duo_code"', Complaint("import.missing_duo"))
        )
    if kind is Kind.NETWORKS and "postcode" not in mapped and not {"lat", "lon"} <= mapped:
        problems.append(Problem.of('column "postcode"', Complaint("import.missing_place")))
    if problems:
        raise InputError(problems)
    return by_index


def layout_key(kind: Kind, headers: Sequence[str]) -> str:
    joined = "\x1f".join(normalise(h) for h in headers)
    return hashlib.sha256(f"{kind}\x1e{joined}".encode()).hexdigest()


def parse_mapping(text: str) -> dict[str, str | None]:
    """A mapping given on the command line: inline JSON or the path of a JSON file."""
    path = Path(text)
    try:
        raw = json.loads(path.read_text(encoding="utf-8") if path.is_file() else text)
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError([Problem.of("--mapping", Complaint("file.not_json", {"reason": exc}))]) from None
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in raw.items()
    ):
        raise InputError([Problem.of("--mapping", Complaint("import.mapping_shape"))])
    return raw


class MappingStore:
    """Mappings the user confirmed, per file layout, in a JSON file in the data folder.

    Holds only header texts and field names, never cell values.
    """

    FILE_NAME = "import-mappings.json"

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / self.FILE_NAME

    def _load(self) -> dict[str, list[str | None]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, kind: Kind, headers: Sequence[str]) -> dict[str, str | None] | None:
        """Stored by position: the layout key already says the headers match (after normalising)."""
        stored = self._load().get(layout_key(kind, headers))
        if not isinstance(stored, list) or len(stored) != len(headers):
            return None
        known = fields(kind)
        return {h: f if f in known else None for h, f in zip(headers, stored, strict=True)}

    def remember(self, kind: Kind, headers: Sequence[str], mapping: Mapping[str, str | None]) -> None:
        data = self._load()
        data[layout_key(kind, headers)] = [mapping.get(h) for h in headers]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.path, json.dumps(data, indent=1))

    def propose(self, kind: Kind, headers: Sequence[str]) -> dict[str, str | None]:
        """The remembered mapping for this layout, else the recognised one."""
        return self.get(kind, headers) or recognise(kind, headers)
