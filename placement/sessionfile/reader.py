"""Reading ``placement-session/1`` into a :class:`solver.problem.Problem`.

The reader is strict on purpose and reports every problem it finds, each with
its JSON path, in one :class:`~placement.errors.InputError`: an officer fixing
a file should see the whole list at once, and a key the reader does not know
(``safty_km``) is an error because ignoring it would quietly put a child back
at the default safety distance.

Only ``label`` is kept from the free-text annotations (on the objects whose
solver type has a ``label``); ``notes`` never change the result and are dropped.

A family's or school's location is given inline (``"lat"``/``"lon"`` or
``"postcode"`` next to its other keys, as the writer does); a nested
``"location": {...}`` object is read too, since the spec's wording allows
both readings, but never both at once.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Iterable
from typing import Any, Final

from catalogue import codes, limits
from catalogue.codes import CLOSED_UNIT, FAMILY
from placement import postcodes
from placement.errors import InputError, Problem
from placement.sessionfile.jsonio import NonFinite, read_json
from solver.problem import (
    Child,
    Family,
    Forbidden,
    Network,
    Pin,
    Point,
    School,
    Settings,
    SiblingGroup,
    Weights,
)
from solver.problem import Problem as SessionProblem

SESSION_FORMAT: Final = "placement-session/1"
ANNOTATIONS: Final = ("label", "notes")
LOCATION_KEYS: Final = ("lat", "lon", "postcode")
REQUIRED_LISTS: Final = ("families", "schools", "networks", "children")
OPTIONAL_LISTS: Final = ("sibling_groups", "pins", "forbidden")
HOME_KINDS: Final = codes.HOME_KINDS.values


class _Absent:
    """A key that is missing or ``null`` (the spec treats both alike)."""


class _Reported:
    """A value that was wrong; its problem is already on the list."""


ABSENT: Final = _Absent()
BAD: Final = _Reported()


def read_session(path: str | os.PathLike[str]) -> SessionProblem:
    """Read and validate a session file; problems name the file as given."""
    return parse_session(read_json(path), source=os.fspath(path))


def parse_session(data: Any, source: str | None = None) -> SessionProblem:
    """Validate decoded JSON (from :func:`read_session`, the database, a test)."""
    reader = _Reader()
    problem = reader.session(data)
    if reader.problems or problem is None:
        raise InputError(reader.problems, source=source)
    return problem


def _key(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _describe(value: Any) -> str:
    """How a wrong value reads in a message, in JSON terms."""
    if value is None:
        return "null"
    if isinstance(value, NonFinite):
        return f"{value.text} (NaN and Infinity are not JSON)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "a number too large to be finite"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"' if value else "an empty string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _unknown_key(key: str, allowed: Iterable[str]) -> str:
    guess = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.7)
    hint = f' (did you mean "{guess[0]}"?)' if guess else ""
    return f"unknown key{hint}"


def _codes(code_list: codes.CodeList, last: str = "") -> str:
    """The list's codes as JSON strings: ``"f", "m", "x"`` (``"f", "m" or "x"`` with ``last="or"``)."""
    quoted = [f'"{code}"' for code in code_list.values]
    if not last:
        return ", ".join(quoted)
    return f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Reader:
    """One pass over a session; ``problems`` collects everything wrong."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, where: str, message: str) -> _Reported:
        self.problems.append(Problem(where, message))
        return BAD

    # -- values ---------------------------------------------------------

    def obj(
        self, value: Any, where: str, *, required: Iterable[str] = (), optional: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """The object's keys with nulls left out, after checking its shape:
        duplicate keys, unknown keys, missing required keys, label and notes."""
        if not isinstance(value, dict):
            if where:
                self.error(where, f"must be an object, not {_describe(value)}")
            else:
                self.error("", f"the file must hold one JSON object, not {_describe(value)}")
            return None
        required = tuple(required)
        allowed = {*required, *optional, *ANNOTATIONS}
        for key in getattr(value, "duplicates", ()):
            self.error(_key(where, key), "appears more than once in the same object (only one value would count)")
        for key in value:
            if key not in allowed:
                self.error(_key(where, key), _unknown_key(key, allowed))
        for key in required:
            if key not in value:
                self.error(_key(where, key), "required key is missing")
            elif value[key] is None:
                self.error(_key(where, key), "is required and cannot be null")
        fields = {k: v for k, v in value.items() if k in allowed and v is not None}
        for key in ANNOTATIONS:
            if key in fields and not isinstance(fields[key], str):
                self.error(_key(where, key), f"must be a string, not {_describe(fields[key])}")
        return fields

    def within(self, value: Any, where: str, allowed: limits.Range) -> int | _Reported:
        return self.integer(value, where, allowed.low, allowed.high)

    def integer(self, value: Any, where: str, lo: int, hi: int | None = None) -> int | _Reported:
        expected = f"an integer from {lo} to {hi}" if hi is not None else f"an integer >= {lo}"
        if not _is_number(value) or not math.isfinite(value):
            return self.error(where, f"must be {expected}, not {_describe(value)}")
        if isinstance(value, float) and not value.is_integer():
            return self.error(where, f"must be {expected} (a whole number), not {_describe(value)}")
        number = int(value)
        if number < lo or (hi is not None and number > hi):
            return self.error(where, f"must be {expected}, not {number}")
        return number

    def number(
        self, value: Any, where: str, *, lo: float, hi: float | None = None, lo_included: bool = True
    ) -> float | _Reported:
        if hi is not None:
            expected = f"a number from {lo:g} to {hi:g}"
        else:
            expected = f"a number {'>=' if lo_included else '>'} {lo:g}"
        if not _is_number(value) or not math.isfinite(value):
            return self.error(where, f"must be {expected}, not {_describe(value)}")
        too_low = value < lo if lo_included else value <= lo
        if too_low or (hi is not None and value > hi):
            return self.error(where, f"must be {expected}, not {_describe(value)}")
        return float(value)

    def boolean(self, value: Any, where: str) -> bool | _Reported:
        if not isinstance(value, bool):
            return self.error(where, f"must be true or false, not {_describe(value)}")
        return value

    def text(self, value: Any, where: str, what: str = "a non-empty string") -> str | _Reported:
        if not isinstance(value, str) or not value:
            return self.error(where, f"must be {what}, not {_describe(value)}")
        return value

    def ident(self, value: Any, where: str) -> str | _Reported:
        if not isinstance(value, str) or not 1 <= len(value) <= limits.MAX_ID_LENGTH:
            return self.error(
                where, f"must be an id: a string of 1 to {limits.MAX_ID_LENGTH} characters, not {_describe(value)}"
            )
        return value

    def strings(self, value: Any, where: str, *, languages: bool = False) -> list[str] | _Reported:
        """A list of tags (or of lowercase language codes)."""
        what = "language codes" if languages else "tags"
        if not isinstance(value, list):
            return self.error(where, f"must be a list of {what}, not {_describe(value)}")
        result: list[str] = []
        ok = True
        for i, item in enumerate(value):
            item_where = f"{where}[{i}]"
            tag = self.text(item, item_where)
            if tag is BAD:
                ok = False
            elif languages and tag != tag.lower():
                self.error(item_where, f'language code "{tag}" must be lowercase ("{tag.lower()}")')
                ok = False
            else:
                result.append(tag)
        return result if ok else BAD

    def location(self, fields: dict[str, Any], where: str) -> Point | _Reported:
        """``lat`` and ``lon`` (both or neither) or ``postcode``; coordinates win,
        but a postcode given alongside must still be real."""
        lat = fields.get("lat", ABSENT)
        lon = fields.get("lon", ABSENT)
        postcode = fields.get("postcode", ABSENT)
        found: Point | _Reported | None = None
        if postcode is not ABSENT:
            if not isinstance(postcode, str):
                found = self.error(_key(where, "postcode"), f"must be a postcode string, not {_describe(postcode)}")
            else:
                try:
                    info = postcodes.lookup(postcode)
                except ValueError as exc:
                    found = self.error(_key(where, "postcode"), str(exc))
                else:
                    found = Point(info.lat, info.lon)
        if lat is ABSENT and lon is ABSENT:
            if found is None:
                return self.error(where, 'needs a location: "lat" and "lon", or "postcode"')
            return found
        if lat is ABSENT or lon is ABSENT:
            given, missing = ("lat", "lon") if lon is ABSENT else ("lon", "lat")
            return self.error(_key(where, missing), f'is required when "{given}" is given (both or neither)')
        lat_value = self.number(lat, _key(where, "lat"), lo=limits.LAT[0], hi=limits.LAT[1])
        lon_value = self.number(lon, _key(where, "lon"), lo=limits.LON[0], hi=limits.LON[1])
        if lat_value is BAD or lon_value is BAD or found is BAD:
            return BAD
        return Point(lat_value, lon_value)

    def place(self, fields: dict[str, Any], where: str) -> Point | _Reported:
        """A family's or school's location: inline keys, or a ``location`` object."""
        if "location" not in fields:
            return self.location(fields, where)
        inline = [k for k in LOCATION_KEYS if k in fields]
        if inline:
            return self.error(where, f'give the location either inline or as "location", not both ("{inline[0]}")')
        nested = self.obj(fields["location"], _key(where, "location"), optional=LOCATION_KEYS)
        return BAD if nested is None else self.location(nested, _key(where, "location"))

    def items(self, top: dict[str, Any], key: str) -> list[tuple[str, Any]] | None:
        """The list's items with their paths; ``None`` when a required list is
        missing or the value is not a list (its ids are then unknown, so
        references into it are not reported again)."""
        value = top.get(key, ABSENT)
        if value is ABSENT:
            return None if key in REQUIRED_LISTS else []
        if not isinstance(value, list):
            self.error(key, f"must be a list, not {_describe(value)}")
            return None
        return [(f"{key}[{i}]", item) for i, item in enumerate(value)]

    def register(self, ids: dict[str, str] | None, value: Any, where: str) -> str | _Reported:
        """Check an object's ``id`` and remember it for references."""
        ident = self.ident(value, _key(where, "id")) if value is not ABSENT else BAD
        if ident is BAD:
            return BAD
        if ids is None:
            return ident
        if ident in ids:
            return self.error(_key(where, "id"), f'duplicate id "{ident}" (also at {ids[ident]})')
        ids[ident] = where
        return ident

    def reference(self, value: Any, where: str, ids: dict[str, str] | None, what: str) -> str | _Reported:
        if not isinstance(value, str):
            return self.error(where, f"must be the id of a {what}, not {_describe(value)}")
        if ids is not None and value not in ids:
            return self.error(where, f'unknown {what} "{value}"')
        return value

    # -- the session ------------------------------------------------------

    def session(self, data: Any) -> SessionProblem | None:
        top = self.obj(
            data,
            "",
            required=("format", *REQUIRED_LISTS),
            optional=("settings", "weights", *OPTIONAL_LISTS),
        )
        if top is None:
            return None
        fmt = top.get("format", ABSENT)
        if fmt is not ABSENT and fmt != SESSION_FORMAT:
            self.error("format", f'must be "{SESSION_FORMAT}", not {_describe(fmt)}')
        settings = self.settings(top.get("settings", ABSENT))
        weights = self.weights(top.get("weights", ABSENT))
        lists = {key: self.items(top, key) for key in (*REQUIRED_LISTS, *OPTIONAL_LISTS)}
        ids: dict[str, dict[str, str] | None] = {key: None if lists[key] is None else {} for key in lists}
        families = [f for w, v in lists["families"] or () if (f := self.family(v, w, ids["families"]))]
        schools = [s for w, v in lists["schools"] or () if (s := self.school(v, w, ids["schools"]))]
        networks = [n for w, v in lists["networks"] or () if (n := self.network(v, w, ids["networks"]))]
        groups = [g for w, v in lists["sibling_groups"] or () if (g := self.group(v, w, ids["sibling_groups"]))]
        children = [
            c
            for w, v in lists["children"] or ()
            if (c := self.child(v, w, ids["children"], settings, ids["networks"], ids["sibling_groups"]))
        ]
        pinned: dict[str, str] = {}
        pins = [
            p
            for w, v in lists["pins"] or ()
            if (p := self.pin(v, w, ids["children"], ids["families"], ids["schools"], pinned))
        ]
        forbidden = [
            f
            for w, v in lists["forbidden"] or ()
            if (f := self.forbidden(v, w, ids["children"], ids["families"]))
        ]
        if self.problems:
            return None
        return SessionProblem(
            families=tuple(families),
            schools=tuple(schools),
            networks=tuple(networks),
            children=tuple(children),
            sibling_groups=tuple(groups),
            pins=tuple(pins),
            forbidden=tuple(forbidden),
            settings=settings,
            weights=weights,
        )

    def settings(self, value: Any) -> Settings:
        default = Settings()
        if value is ABSENT:
            return default
        fields = self.obj(value, "settings", optional=("safety_km", "max_school_km", "time_limit_s"))
        if fields is None:
            return default
        limits = {"safety_km": True, "max_school_km": False, "time_limit_s": False}
        chosen: dict[str, float] = {}
        for key, zero_allowed in limits.items():
            if key in fields:
                number = self.number(fields[key], _key("settings", key), lo=0, lo_included=zero_allowed)
                if number is not BAD:
                    chosen[key] = number
        return Settings(**chosen)

    def weights(self, value: Any) -> Weights:
        names = ("language", "safety_margin", "school_km", "siblings_together", "closed_unit")
        if value is ABSENT:
            return Weights()
        fields = self.obj(value, "weights", optional=names)
        if fields is None:
            return Weights()
        chosen: dict[str, float] = {}
        for key in names:
            if key in fields:
                number = self.number(fields[key], _key("weights", key), lo=0)
                if number is not BAD:
                    chosen[key] = number
        return Weights(**chosen)

    def family(self, value: Any, where: str, ids: dict[str, str] | None) -> Family | None:
        # Objects are built only when this item added no problem, so every
        # value used below is the checked one, never BAD.
        mark = len(self.problems)
        f = self.obj(
            value,
            where,
            required=("id", "free_places", "age_min", "age_max"),
            optional=(
                *LOCATION_KEYS,
                "location",
                "genders",
                "training",
                "languages",
                "kind",
                "school_on_site",
            ),
        )
        if f is None:
            return None
        ident = self.register(ids, f.get("id", ABSENT), where)
        location = self.place(f, where)
        kind = f.get("kind", FAMILY)
        if not isinstance(kind, str) or kind not in HOME_KINDS:
            self.error(_key(where, "kind"), f'must be "{FAMILY}" or "{CLOSED_UNIT}", not {_describe(kind)}')
        places = limits.UNIT_PLACES if kind == CLOSED_UNIT else limits.PLACES
        free = self.within(f["free_places"], _key(where, "free_places"), places) if "free_places" in f else BAD
        on_site = self.school_kinds(f.get("school_on_site", []), _key(where, "school_on_site"))
        age_min = self.within(f["age_min"], _key(where, "age_min"), limits.AGE) if "age_min" in f else BAD
        age_max = self.within(f["age_max"], _key(where, "age_max"), limits.AGE) if "age_max" in f else BAD
        if isinstance(age_min, int) and isinstance(age_max, int) and age_min > age_max:
            self.error(_key(where, "age_min"), f"must not be above age_max ({age_min} > {age_max})")
        genders = frozenset(codes.GENDERS.values)
        if "genders" in f:
            listed = self.strings(f["genders"], _key(where, "genders"))
            if listed is not BAD:
                unknown = [g for g in listed if g not in codes.GENDERS]
                if unknown:
                    self.error(_key(where, "genders"), f'"{unknown[0]}" is not a gender code ({_codes(codes.GENDERS)})')
                genders = frozenset(listed)
        training = self.strings(f.get("training", []), _key(where, "training"))
        languages = self.strings(f.get("languages", []), _key(where, "languages"), languages=True)
        if len(self.problems) > mark:
            return None
        return Family(
            id=ident,
            location=location,
            free_places=free,
            age_min=age_min,
            age_max=age_max,
            genders=genders,
            training=frozenset(training),
            languages=frozenset(languages),
            label=f.get("label"),
            kind=kind,
            school_on_site=frozenset(on_site),
        )

    def school_kinds(self, value: Any, where: str) -> list[str] | _Reported:
        """A list of the school kinds the planner knows (``school_on_site``:
        a misspelt kind would quietly send children to a school elsewhere)."""
        listed = self.strings(value, where)
        if listed is BAD:
            return BAD
        for i, tag in enumerate(listed):
            if tag not in codes.SCHOOL_KINDS.values:
                known = ", ".join(codes.SCHOOL_KINDS.values)
                self.error(f"{where}[{i}]", f'unknown school kind "{tag}" (known: {known})')
        return listed

    def school(self, value: Any, where: str, ids: dict[str, str] | None) -> School | None:
        mark = len(self.problems)
        f = self.obj(
            value, where, required=("id", "kinds", "free_seats"), optional=(*LOCATION_KEYS, "location")
        )
        if f is None:
            return None
        ident = self.register(ids, f.get("id", ABSENT), where)
        location = self.place(f, where)
        kinds = self.strings(f["kinds"], _key(where, "kinds")) if "kinds" in f else BAD
        if kinds == []:
            self.error(_key(where, "kinds"), "must name at least one school kind")
        seats = self.within(f["free_seats"], _key(where, "free_seats"), limits.FREE_SEATS) if "free_seats" in f else BAD
        if len(self.problems) > mark:
            return None
        return School(
            id=ident,
            location=location,
            kinds=frozenset(kinds),
            free_seats=seats,
            label=f.get("label"),
        )

    def network(self, value: Any, where: str, ids: dict[str, str] | None) -> Network | None:
        mark = len(self.problems)
        f = self.obj(value, where, required=("id", "locations"))
        if f is None:
            return None
        ident = self.register(ids, f.get("id", ABSENT), where)
        points: list[Point] = []
        raw = f.get("locations", ABSENT)
        if raw is not ABSENT and not isinstance(raw, list):
            self.error(_key(where, "locations"), f"must be a list of locations, not {_describe(raw)}")
        elif raw == []:
            self.error(_key(where, "locations"), "must list at least one location")
        elif isinstance(raw, list):
            for i, item in enumerate(raw):
                item_where = f"{where}.locations[{i}]"
                loc = self.obj(item, item_where, optional=LOCATION_KEYS)
                point = self.location(loc, item_where) if loc is not None else BAD
                if isinstance(point, Point):
                    points.append(point)
        if len(self.problems) > mark:
            return None
        return Network(id=ident, locations=tuple(points), label=f.get("label"))

    def group(self, value: Any, where: str, ids: dict[str, str] | None) -> SiblingGroup | None:
        mark = len(self.problems)
        f = self.obj(value, where, required=("id",), optional=("keep_together", "max_apart_km"))
        if f is None:
            return None
        ident = self.register(ids, f.get("id", ABSENT), where)
        keep = self.boolean(f["keep_together"], _key(where, "keep_together")) if "keep_together" in f else True
        apart = self.number(f["max_apart_km"], _key(where, "max_apart_km"), lo=0) if "max_apart_km" in f else limits.DEFAULT_MAX_APART_KM
        if len(self.problems) > mark:
            return None
        return SiblingGroup(id=ident, keep_together=keep, max_apart_km=apart, label=f.get("label"))

    def child(
        self,
        value: Any,
        where: str,
        ids: dict[str, str] | None,
        settings: Settings,
        network_ids: dict[str, str] | None,
        group_ids: dict[str, str] | None,
    ) -> Child | None:
        mark = len(self.problems)
        f = self.obj(
            value,
            where,
            required=("id", "age", "gender"),
            optional=(
                "priority",
                "training_needed",
                "languages",
                "school_kind",
                "max_school_km",
                "networks",
                "safety_km",
                "sibling_group",
                "closed_care",
            ),
        )
        if f is None:
            return None
        ident = self.register(ids, f.get("id", ABSENT), where)
        age = self.within(f["age"], _key(where, "age"), limits.AGE) if "age" in f else BAD
        gender = f.get("gender", ABSENT)
        if gender is not ABSENT and (not isinstance(gender, str) or gender not in codes.GENDERS):
            self.error(_key(where, "gender"), f"must be {_codes(codes.GENDERS, 'or')}, not {_describe(gender)}")
        priority = (
            self.within(f["priority"], _key(where, "priority"), limits.PRIORITY)
            if "priority" in f
            else limits.DEFAULT_PRIORITY
        )
        training = self.strings(f.get("training_needed", []), _key(where, "training_needed"))
        languages = self.strings(f.get("languages", []), _key(where, "languages"), languages=True)
        school_kind = self.text(f["school_kind"], _key(where, "school_kind"), "a school kind tag") if "school_kind" in f else None
        safety = self.number(f["safety_km"], _key(where, "safety_km"), lo=0) if "safety_km" in f else settings.safety_km
        school_km = (
            self.number(f["max_school_km"], _key(where, "max_school_km"), lo=0, lo_included=False)
            if "max_school_km" in f
            else settings.max_school_km
        )
        networks: list[str] = []
        raw = f.get("networks", [])
        if not isinstance(raw, list):
            self.error(_key(where, "networks"), f"must be a list of network ids, not {_describe(raw)}")
        else:
            for i, item in enumerate(raw):
                ref = self.reference(item, f"{where}.networks[{i}]", network_ids, "network")
                if isinstance(ref, str):
                    networks.append(ref)
        group = (
            self.reference(f["sibling_group"], _key(where, "sibling_group"), group_ids, "sibling group")
            if "sibling_group" in f
            else None
        )
        closed_care = self.boolean(f["closed_care"], _key(where, "closed_care")) if "closed_care" in f else False
        if len(self.problems) > mark:
            return None
        return Child(
            id=ident,
            age=age,
            gender=gender,
            safety_km=safety,
            max_school_km=school_km,
            priority=priority,
            training_needed=frozenset(training),
            languages=frozenset(languages),
            school_kind=school_kind,
            # A network named twice is still one network: keep the first mention.
            networks=tuple(dict.fromkeys(networks)),
            sibling_group=group,
            label=f.get("label"),
            closed_care=closed_care,
        )

    def pin(
        self,
        value: Any,
        where: str,
        child_ids: dict[str, str] | None,
        family_ids: dict[str, str] | None,
        school_ids: dict[str, str] | None,
        pinned: dict[str, str],
    ) -> Pin | None:
        mark = len(self.problems)
        f = self.obj(value, where, required=("child", "family"), optional=("school",))
        if f is None:
            return None
        child = self.reference(f["child"], _key(where, "child"), child_ids, "child") if "child" in f else BAD
        if isinstance(child, str):
            if child in pinned:
                self.error(_key(where, "child"), f'child "{child}" is already pinned at {pinned[child]}')
            else:
                pinned[child] = where
        family = self.reference(f["family"], _key(where, "family"), family_ids, "family") if "family" in f else BAD
        school = self.reference(f["school"], _key(where, "school"), school_ids, "school") if "school" in f else None
        if len(self.problems) > mark:
            return None
        return Pin(child=child, family=family, school=school)

    def forbidden(
        self, value: Any, where: str, child_ids: dict[str, str] | None, family_ids: dict[str, str] | None
    ) -> Forbidden | None:
        mark = len(self.problems)
        f = self.obj(value, where, required=("child", "family"))
        if f is None:
            return None
        child = self.reference(f["child"], _key(where, "child"), child_ids, "child") if "child" in f else BAD
        family = self.reference(f["family"], _key(where, "family"), family_ids, "family") if "family" in f else BAD
        if len(self.problems) > mark:
            return None
        return Forbidden(child=child, family=family)
