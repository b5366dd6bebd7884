"""One file row to the values of one record, or the problems that stop it.

Rules for every kind: a mapped column sets its field (an empty cell means the
field's empty value or default); a column that is not in the file leaves the
field alone on update and takes the default on create. Values are checked
against the same limits as the session format (docs: session-format.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from catalogue import codes, limits, typed
from catalogue.validation_sentences import Complaint, FieldError, render
from placement.field_rules import age_on
from placement.importing import duo, values
from placement.importing.headers import Kind
from placement.importing.readers import Cell, CellError, Row
from placement.school_kinds import kinds_for_duo
from placement.storage.models import FamilyStatus

_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class RowProblem:
    column: str  # the header as in the file ("" when the row as a whole is wrong)
    value: str
    reason: str
    complaint: Complaint | None = field(default=None, compare=False)
    """The reason as the catalogue's key and parameters, when it has one: the app
    then says it in the user's language."""

    def describe(self, row: int | None = None, language: str = "en") -> str:
        """``row 7, column "postcode": "99999" is not a Dutch postcode`` (without
        the row when ``None``); ``language`` ``"nl"`` says it in Dutch."""
        reason = self.complaint.text(language) if self.complaint is not None else self.reason
        if row is not None and self.column:
            where = render("import.where", {"row": row, "column": self.column}, language)
        elif row is not None:
            where = render("import.row", {"row": row}, language)
        else:
            where = render("import.column", {"column": self.column}, language) if self.column else ""
        value = self.value if len(self.value) <= 40 else self.value[:37] + "..."  # one readable line
        what = f'"{value}" {reason}' if self.value else reason
        return f"{where}: {what}" if where else what


@dataclass(slots=True)
class ParsedRow:
    number: int
    values: dict[str, Any]
    problems: list[RowProblem] = field(default_factory=list)

    def add_problem(self, column: str, value: str, reason: str | Complaint) -> None:
        if isinstance(reason, Complaint):
            self.problems.append(RowProblem(column, value, reason.text("en"), reason))
        else:
            self.problems.append(RowProblem(column, value, reason))


class _Cells:
    """Reads the mapped cells of one row, collecting problems instead of stopping at the first."""

    def __init__(self, headers: Sequence[str], columns: Mapping[str, int], row: Row) -> None:
        self.headers = headers
        self.columns = columns
        self.row = row
        self.parsed = ParsedRow(row.number, {})

    def mapped(self, name: str) -> bool:
        return name in self.columns

    def column(self, name: str) -> str:
        return self.headers[self.columns[name]] if name in self.columns else name

    def cell(self, name: str) -> Cell:
        return self.row.get(self.columns[name]) if name in self.columns else None

    def problem(self, name: str, value: str, reason: str | Complaint) -> None:
        self.parsed.add_problem(self.column(name), value, reason)

    def take(self, name: str, parse: Callable[[Cell], Any], *, required: bool = False, default: Any = _MISSING) -> Any:
        """The parsed cell, ``default`` when empty, or ``_MISSING`` (with a problem when it is wrong)."""
        index = self.columns.get(name)
        if index is None:
            return _MISSING
        cells = self.row.cells
        cell = cells[index] if index < len(cells) else None
        if isinstance(cell, CellError):
            self.problem(name, "", cell.reason)
            return _MISSING
        if cell is None or cell == "" or (isinstance(cell, str) and cell.isspace()):
            if required:
                self.problem(name, "", Complaint("required.cell"))
                return _MISSING
            return default
        try:
            return parse(cell)
        except FieldError as exc:
            self.problem(name, values.shown(cell), exc.complaint)
            return _MISSING
        except ValueError as exc:
            self.problem(name, values.shown(cell), str(exc))
            return _MISSING

    def put(self, name: str, parse: Callable[[Cell], Any], **kwargs: Any) -> Any:
        value = self.take(name, parse, **kwargs)
        if value is not _MISSING:
            self.parsed.values[name] = value
        return value

    def postcode(self, name: str = "postcode", *, required: bool = True) -> None:
        found = self.take(name, values.postcode, required=required)
        if found is _MISSING or found is None:
            return
        code, info = found
        self.parsed.values.update(
            postcode=code, lat=info.lat, lon=info.lon, municipality=info.municipality, province=info.province
        )


def _text(limit: int) -> Callable[[Cell], str]:
    return lambda cell: values.text(cell, limit)


def _family_status(cell: Cell) -> FamilyStatus:
    return FamilyStatus(typed.code(codes.FAMILY_STATUSES, values.shown(cell)))


def _in(allowed: limits.Range) -> Callable[[Cell], int]:
    return lambda cell: values.integer(cell, allowed.low, allowed.high)


def _ages(c: _Cells) -> None:
    low = c.put("age_min", _in(limits.AGE), default=limits.AGE.low)
    high = c.put("age_max", _in(limits.AGE), default=limits.AGE.high)
    if isinstance(low, int) and isinstance(high, int) and low > high:
        c.problem("age_max", str(high), Complaint("age.below_min", {"low": low}))


def _address(c: _Cells) -> None:
    if c.mapped("address"):
        c.put("address", _text(300), default="")
        return
    parts = {n: c.take(n, _text(100), default="") for n in ("street", "house_number", "place")}
    if all(v is _MISSING for v in parts.values()):
        return
    street = " ".join(p for p in (parts["street"], parts["house_number"]) if p and p is not _MISSING)
    place = parts["place"] if parts["place"] is not _MISSING else ""
    c.parsed.values["address"] = ", ".join(p for p in (street, place) if p)


def _family(c: _Cells, places: limits.Range = limits.PLACES) -> None:
    c.put("external_ref", _text(limits.MAX_ID_LENGTH))
    c.put("name", _text(limits.MAX_NAME_LENGTH), required=True)
    _address(c)
    c.postcode()
    _coordinates(c)
    c.put("total_places", _in(places), required=True)
    _ages(c)
    genders = c.put("genders", values.genders, default=list(codes.GENDERS.values))
    if genders == []:
        c.parsed.values["genders"] = list(codes.GENDERS.values)
    c.put("languages", values.languages, default=[])
    completed = c.take("training_completed", values.date, default=None)
    expires = c.take("training_expires", values.date, default=None)
    items = c.take("training", values.training, default=[])
    if items is not _MISSING:
        c.parsed.values["training"] = [
            (tag, done or (None if completed is _MISSING else completed), until or (None if expires is _MISSING else expires))
            for tag, done, until in items
        ]
    c.put("status", _family_status, default=FamilyStatus.ACTIVE)
    c.put("notes", _text(100_000), default="")


def _unit(c: _Cells) -> None:
    """A closed unit: a family's fields with up to 60 places, and the school kinds taught on site."""
    _family(c, limits.UNIT_PLACES)
    c.put("school_on_site", lambda v: values.school_kinds(v) if not values.is_blank(v) else [], default=[])


def _birth_date(today: dt.date) -> Callable[[Cell], dt.date]:
    def parse(cell: Cell) -> dt.date:
        born = values.date(cell)
        if born > today:
            raise FieldError("date.future")
        if age_on(born, today) > limits.AGE.high:
            raise FieldError("age.too_old", high=limits.AGE.high)
        return born

    return parse


def _positive(cell: Cell) -> float:
    value = values.number(cell, 0)
    if value == 0:
        raise FieldError("number.positive")
    return value


def _child(c: _Cells, today: dt.date) -> None:
    c.put("external_ref", _text(limits.MAX_ID_LENGTH))
    c.put("name", _text(limits.MAX_NAME_LENGTH), required=True)
    c.put("date_of_birth", _birth_date(today), required=True)
    c.put("gender", values.gender, required=True)
    c.put("languages", values.languages, default=[])
    c.put("training_needed", values.training_tags, default=[])
    c.put("school_kind", values.school_kind, default=None)
    c.put("priority", _in(limits.PRIORITY), default=limits.DEFAULT_PRIORITY)
    c.put("networks", values.labels, default=[])
    c.put("sibling_group", _text(limits.MAX_NAME_LENGTH), default=None)
    c.put("safety_km", lambda v: values.number(v, 0), default=None)
    c.put("max_school_km", _positive, default=None)
    c.put("notes", _text(100_000), default="")
    c.put("region", values.region, default=None)


def _school(c: _Cells, implied_category: str | None) -> None:
    code_field = "duo_code" if c.mapped("duo_code") else "brin"
    code = values.shown(c.cell("duo_code"))
    brin = values.shown(c.cell("brin"))
    number = values.shown(c.cell("location_number"))
    if any(isinstance(c.cell(n), CellError) for n in ("duo_code", "brin", "location_number")):
        c.problem(code_field, "", Complaint("import.duo_formula"))
    else:
        try:
            c.parsed.values["duo_code"] = duo.school_code(code, brin, number)
        except ValueError as exc:
            c.problem(code_field, code or brin, str(exc))
    name = c.put("name", _text(limits.MAX_NAME_LENGTH), required=True)
    if c.mapped("newcomer"):
        newcomer = c.take("newcomer", values.flag, default=False)
    else:
        newcomer = isinstance(name, str) and duo.looks_newcomer(name, values.shown(c.cell("website")))
    kinds = c.take("kinds", values.school_kinds, default=None) if c.mapped("kinds") else None
    if isinstance(kinds, list):
        c.parsed.values["kinds"] = kinds
    elif kinds is None:
        _school_kinds_from_category(c, implied_category, newcomer is True)
    c.postcode()
    _coordinates(c)
    c.put("free_seats", lambda v: values.integer(v, 0))


def _school_kinds_from_category(c: _Cells, implied: str | None, newcomer: bool) -> None:
    category = c.take("category", values.text, default=None) if c.mapped("category") else None
    if category is _MISSING:
        return  # the cell was wrong; the problem is recorded
    if category is None and c.mapped("vo_structure"):
        category = "VO"
    category = category or implied
    if category is None:
        where = "category" if c.mapped("category") else ("kinds" if c.mapped("kinds") else "")
        c.problem(where, "", Complaint("import.duo_no_category"))
        return
    try:
        c.parsed.values["kinds"] = kinds_for_duo(category, newcomer)
    except ValueError:
        c.problem("category", category, Complaint("import.duo_category"))


def _coordinates(c: _Cells) -> None:
    """lat/lon from the file win over the postcode's point; both or neither."""
    lat = c.take("lat", lambda v: values.number(v, *limits.LAT), default=None)
    lon = c.take("lon", lambda v: values.number(v, *limits.LON), default=None)
    if lat is _MISSING or lon is _MISSING:
        return
    if (lat is None) != (lon is None):
        c.problem("lon" if lon is None else "lat", "", Complaint("import.both_coordinates"))
    elif lat is not None:
        c.parsed.values.update(lat=lat, lon=lon)


def _not_future(today: dt.date) -> Callable[[Cell], dt.date]:
    def parse(cell: Cell) -> dt.date:
        day = values.date(cell)
        if day > today:
            raise FieldError("date.future")
        return day

    return parse


def _network(c: _Cells, today: dt.date) -> None:
    """A location abroad has only coordinates; a Dutch one may have just a postcode."""
    c.put("network", _text(limits.MAX_NAME_LENGTH), required=True)
    c.put("location", _text(limits.MAX_NAME_LENGTH), default="")
    _coordinates(c)
    point = {k: c.parsed.values[k] for k in ("lat", "lon") if k in c.parsed.values}
    if c.mapped("postcode") and not values.is_blank(c.cell("postcode")):
        c.postcode(required=False)
        c.parsed.values.update(point)  # lat/lon win; the postcode still had to be valid
    elif not point and not c.parsed.problems:
        c.problem("postcode" if c.mapped("postcode") else "lat", "", Complaint("import.no_place"))
    for key in ("postcode", "municipality", "province"):
        c.parsed.values.pop(key, None)
    c.put("reported_on", _not_future(today), required=True)
    c.put("source_note", _text(100_000), default="")


def parse_rows(
    kind: Kind,
    headers: Sequence[str],
    columns: Mapping[int, str],
    rows: Sequence[Row],
    today: dt.date,
) -> list[ParsedRow]:
    """Every row of the file, parsed; ``columns`` is ``{column index: field}``."""
    by_field = {name: index for index, name in columns.items()}
    implied = duo.implied_category(by_field, headers) if kind is Kind.SCHOOLS else None
    parsed = []
    for row in rows:
        c = _Cells(headers, by_field, row)
        if kind is Kind.FAMILIES:
            _family(c)
        elif kind is Kind.UNITS:
            _unit(c)
        elif kind is Kind.CHILDREN:
            _child(c, today)
        elif kind is Kind.SCHOOLS:
            _school(c, implied)
        else:
            _network(c, today)
        parsed.append(c.parsed)
    return parsed
