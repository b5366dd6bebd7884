"""Reading session files: every valid file gives the problem it describes,
every invalid one is refused with the JSON path and the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from placement import postcodes
from placement.errors import InputError
from placement.sessionfile import parse_session, read_session
from solver.problem import GENDERS, Point, Settings, Weights

SESSIONS = Path(__file__).parent / "sessions"
VALID = SESSIONS / "valid"
INVALID = SESSIONS / "invalid"

# file -> (JSON path the first problem names, what its message says)
INVALID_FILES: dict[str, tuple[str, str]] = {
    "format_wrong.json": ("format", 'must be "placement-session/1"'),
    "missing_children.json": ("children", "required key is missing"),
    "misspelled_setting.json": ("settings.safty_km", 'unknown key (did you mean "safety_km"?)'),
    "unknown_network.json": ("children[1].networks[1]", 'unknown network "N9"'),
    "duplicate_family_id.json": ("families[1].id", 'duplicate id "F1" (also at families[0])'),
    "fractional_integer.json": ("families[0].free_places", "whole number"),
    "boolean_as_number.json": ("children[0].age", "not true"),
    "nan.json": ("settings.safety_km", "NaN"),
    "infinity.json": ("children[0].max_school_km", "Infinity"),
    "duplicate_key.json": ("families[0].age_max", "more than once"),
    "not_utf8.json": ("", "not UTF-8"),
    "not_json.json": ("", "not valid JSON"),
    "top_level_list.json": ("", "one JSON object"),
    "uppercase_language.json": ("families[1].languages[1]", "must be lowercase"),
    "lat_without_lon.json": ("families[0].lon", 'required when "lat" is given'),
    "latitude_out_of_range.json": ("families[0].lat", "from -90 to 90"),
    "unknown_postcode.json": ("families[1].postcode", "not in the postcode table"),
    "malformed_postcode_beside_latlon.json": ("families[0].postcode", "not a Dutch postcode"),
    "no_location.json": ("families[0]", "needs a location"),
    "age_min_above_age_max.json": ("families[1].age_min", "above age_max"),
    "too_many_free_places.json": ("families[0].free_places", "from 0 to 20"),
    "unknown_gender.json": ("children[0].gender", 'must be "f", "m" or "x"'),
    "family_gender_unknown.json": ("families[1].genders", '"q" is not a gender'),
    "priority_out_of_range.json": ("children[1].priority", "from 1 to 5"),
    "max_school_km_zero.json": ("settings.max_school_km", "> 0"),
    "negative_child_safety.json": ("children[0].safety_km", ">= 0"),
    "time_limit_zero.json": ("settings.time_limit_s", "> 0"),
    "school_without_kinds.json": ("schools[0].kinds", "at least one"),
    "negative_free_seats.json": ("schools[0].free_seats", "from 0 to 1000000"),
    "network_without_locations.json": ("networks[0].locations", "at least one location"),
    "unknown_sibling_group.json": ("children[0].sibling_group", 'unknown sibling group "G7"'),
    "keep_together_not_boolean.json": ("sibling_groups[0].keep_together", "true or false"),
    "unknown_weight.json": ("weights.distance", "unknown key"),
    "negative_weight.json": ("weights.language", ">= 0"),
    "pin_unknown_school.json": ("pins[0].school", 'unknown school "99ZZ"'),
    "child_pinned_twice.json": ("pins[1].child", 'child "C1" is already pinned at pins[0]'),
    "forbidden_unknown_family.json": ("forbidden[0].family", 'unknown family "F9"'),
    "required_null.json": ("children[0].age", "cannot be null"),
    "id_too_long.json": ("children[0].id", "1 to 64 characters"),
    "id_not_string.json": ("families[0].id", "must be an id"),
    "families_not_list.json": ("families", "must be a list"),
    "label_not_string.json": ("networks[0].label", "must be a string"),
    "unknown_key_in_location.json": ("networks[0].locations[0].alt", "unknown key"),
    "empty_school_kind.json": ("children[0].school_kind", "not an empty string"),
    "training_not_list.json": ("families[1].training", "must be a list of tags"),
    "unknown_top_level_key.json": ("children_extra", "unknown key"),
    "many_problems.json": ("settings.safty_km", "unknown key"),
    "too_many_unit_places.json": ("families[0].free_places", "from 0 to 60, not 61"),
    "unknown_school_on_site.json": ("families[1].school_on_site[1]", 'unknown school kind "secundary"'),
    "unknown_home_kind.json": ("families[0].kind", 'must be "family" or "closed-unit", not "unit"'),
    "closed_care_not_boolean.json": ("children[0].closed_care", "true or false"),
}


def test_every_invalid_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in INVALID.glob("*.json")) == sorted(INVALID_FILES)
    assert len(INVALID_FILES) >= 20


@pytest.mark.parametrize(("name", "expected"), sorted(INVALID_FILES.items()))
def test_invalid_file_is_refused_with_path_and_reason(name: str, expected: tuple[str, str]) -> None:
    where, message = expected
    path = INVALID / name
    with pytest.raises(InputError) as caught:
        read_session(path)
    error = caught.value
    assert error.source == str(path)
    first = error.problems[0]
    assert first.where == where
    assert message in first.message
    assert error.lines()[0] == f"{path}: {where}: {first.message}" if where else f"{path}: {first.message}"


def test_a_wrong_whole_list_does_not_also_report_every_reference_into_it() -> None:
    with pytest.raises(InputError) as caught:
        read_session(INVALID / "families_not_list.json")
    assert [str(p) for p in caught.value.problems] == ["families: must be a list, not an object"]


def _base() -> dict:
    return json.loads((VALID / "basic.json").read_text(encoding="utf-8"))


def test_every_problem_is_reported_not_just_the_first() -> None:
    data = _base()
    data["settings"]["safty_km"] = 10
    data["families"][0]["age_min"] = -1
    data["families"][1]["languages"] = ["NL"]
    data["children"][0]["gender"] = "girl"
    data["children"][1]["networks"] = ["N9"]
    data["forbidden"][0]["child"] = "C3"
    with pytest.raises(InputError) as caught:
        parse_session(data, source="s.json")
    assert [p.where for p in caught.value.problems] == [
        "settings.safty_km",
        "families[0].age_min",
        "families[1].languages[0]",
        "children[0].gender",
        "children[1].networks[0]",
        "forbidden[0].child",
    ]
    assert "s.json: children[1].networks[0]: unknown network \"N9\"" in caught.value.lines()


def test_a_problem_inside_one_family_does_not_hide_the_others() -> None:
    data = _base()
    data["families"][0].update(free_places=-1, age_max=30, genders="all", training=[3])
    with pytest.raises(InputError) as caught:
        parse_session(data)
    assert [p.where for p in caught.value.problems] == [
        "families[0].free_places",
        "families[0].age_max",
        "families[0].genders",
        "families[0].training[0]",
    ]


def test_missing_required_keys_are_named_one_by_one() -> None:
    data = _base()
    data["families"][0] = {"id": "F1", "lat": 52.0, "lon": 5.0}
    data["children"][0] = {"id": "C1"}
    with pytest.raises(InputError) as caught:
        parse_session(data)
    assert [str(p) for p in caught.value.problems] == [
        "families[0].free_places: required key is missing",
        "families[0].age_min: required key is missing",
        "families[0].age_max: required key is missing",
        "children[0].age: required key is missing",
        "children[0].gender: required key is missing",
    ]


def test_a_bad_id_does_not_cascade_into_unknown_references() -> None:
    data = _base()
    data["networks"][0]["locations"] = [{"lat": 100, "lon": 5}]
    with pytest.raises(InputError) as caught:
        parse_session(data)
    # The network's location is wrong, but its id is fine: children naming it are not blamed.
    assert [p.where for p in caught.value.problems] == ["networks[0].locations[0].lat"]


@pytest.mark.parametrize(
    ("value", "accepted"),
    [(2, True), (2.0, True), (2.5, False), (True, False), ("2", False), (1e300, False), (-0.0, True)],
)
def test_integers_may_be_written_as_whole_floats_only(value: object, accepted: bool) -> None:
    data = _base()
    data["schools"][0]["free_seats"] = value
    if accepted:
        assert parse_session(data).schools[0].free_seats == int(value)  # type: ignore[call-overload]
    else:
        with pytest.raises(InputError) as caught:
            parse_session(data)
        assert caught.value.problems[0].where == "schools[0].free_seats"


def test_basic_file_reads_as_written_with_defaults_filled_in() -> None:
    p = read_session(VALID / "basic.json")
    assert p.settings == Settings(safety_km=40.0, max_school_km=12.0, time_limit_s=60.0)
    assert p.weights == Weights()
    f1, f2 = p.families
    assert (f1.id, f1.location, f1.free_places, f1.genders, f1.training) == ("F1", Point(52.37, 4.9), 2, GENDERS, frozenset())
    utrecht = postcodes.lookup("3511")
    assert f2.location == Point(utrecht.lat, utrecht.lon)
    assert f2.genders == {"f", "x"} and f2.training == {"exploitation"} and f2.languages == {"nl", "ar"}
    c1, c2 = p.children
    # Children without their own distances get the session's settings.
    assert (c1.safety_km, c1.max_school_km, c1.priority, c1.school_kind) == (40.0, 12.0, 1, "primary")
    assert (c2.networks, c2.priority, c2.school_kind, c2.sibling_group) == (("N1",), 3, None, "G1")
    groningen = postcodes.lookup("9711")
    assert p.networks[0].locations == (Point(51.92, 4.48), Point(groningen.lat, groningen.lon))
    assert p.sibling_groups[0].keep_together is True and p.sibling_groups[0].max_apart_km == 25.0
    assert [(x.child, x.family, x.school) for x in p.pins] == [("C1", "F1", None)]
    assert [(x.child, x.family) for x in p.forbidden] == [("C2", "F2")]


def test_postcodes_in_every_accepted_form_resolve_offline() -> None:
    p = read_session(VALID / "postcodes.json")
    expected = [postcodes.lookup(code) for code in ("1011", "3511", "9711")]
    assert [f.location for f in p.families] == [Point(e.lat, e.lon) for e in expected]
    assert p.schools[0].location == Point(expected[1].lat, expected[1].lon)
    assert p.networks[0].locations[0] == Point(expected[0].lat, expected[0].lon)
    assert p.networks[0].locations[1] == Point(48.8566, 2.3522)  # abroad is fine


def test_lat_lon_win_over_a_valid_postcode() -> None:
    p = read_session(VALID / "latlon_with_postcode.json")
    assert p.families[0].location == Point(52.1, 5.2)
    assert p.networks[0].locations == (Point(51.5, -0.12),)


def test_null_counts_as_absent() -> None:
    p = read_session(VALID / "nulls.json")
    assert p.settings == Settings(safety_km=30.0)
    assert p.weights == Weights()
    family = p.families[0]
    assert (family.genders, family.training, family.languages, family.label) == (GENDERS, frozenset(), frozenset(), None)
    child = p.children[0]
    assert (child.priority, child.school_kind, child.networks, child.sibling_group) == (1, None, (), None)
    assert (child.safety_km, child.max_school_km) == (30.0, 15.0)
    assert (p.sibling_groups[0].keep_together, p.sibling_groups[0].max_apart_km) == (True, 25.0)
    assert p.pins[0].school is None
    assert p.forbidden == ()


def test_whole_floats_become_integers() -> None:
    p = read_session(VALID / "integers_as_floats.json")
    family, school, child = p.families[0], p.schools[0], p.children[0]
    values = (family.free_places, family.age_min, family.age_max, school.free_seats, child.age, child.priority)
    assert values == (2, 4, 12, 3, 9, 5)
    assert all(type(v) is int for v in values)
    assert p.settings == Settings(safety_km=25.0, max_school_km=7.5, time_limit_s=2.0)


def test_labels_and_notes_are_allowed_everywhere_and_labels_are_kept() -> None:
    p = read_session(VALID / "labels_and_notes.json")
    assert [f.label for f in p.families] == ["Family A", "Family B"]
    assert p.families[0].location == Point(53.2, 6.56)  # the "location" object form
    assert p.schools[0].label == "De Regenboog"
    assert p.networks[0].label == "Station gang"
    assert [c.label for c in p.children] == ["Child one", "Child two"]
    assert p.sibling_groups[0].label == "the Popescu siblings"
    assert p.sibling_groups[0].keep_together is False and p.sibling_groups[0].max_apart_km == 10.0
    assert p.weights == Weights(language=10.0, siblings_together=100.0)
    assert p.settings.safety_km == 60.0
    # A network named twice is one network.
    assert p.children[1].networks == ("N1",)


def test_empty_lists_and_a_byte_order_mark_are_fine() -> None:
    assert read_session(VALID / "empty_lists.json").children == ()
    assert read_session(VALID / "utf8_with_bom.json").children[0].id == "Ç1"


def test_location_given_twice_is_refused() -> None:
    data = _base()
    data["families"][0]["location"] = {"lat": 52.0, "lon": 5.0}
    with pytest.raises(InputError) as caught:
        parse_session(data)
    assert str(caught.value.problems[0]) == 'families[0]: give the location either inline or as "location", not both ("lat")'


def test_ids_are_unique_per_list_but_may_repeat_across_lists() -> None:
    data = _base()
    data["children"][0]["id"] = "F1"
    data["pins"][0]["child"] = "F1"
    assert parse_session(data).children[0].id == "F1"


def test_a_missing_file_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_session(tmp_path / "nope.json")
    assert caught.value.lines() == [f"{tmp_path / 'nope.json'}: cannot read the file: No such file or directory"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[" * 100_000, "not a session file: nested too deeply"),
        (b'{"format": ' + b"7" * 5000 + b"}", "not usable JSON: Exceeds the limit (4300 digits)"),
    ],
)
def test_hostile_json_is_an_input_error(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        read_session(path)
    assert caught.value.problems[0].message.startswith(message)


def test_closed_units_read_with_their_places_schools_on_site_and_authorised_children() -> None:
    p = read_session(VALID / "closed_units.json")
    unit, f1, f2 = p.families
    assert (unit.kind, unit.closed, unit.free_places) == ("closed-unit", True, 60)
    assert unit.school_on_site == {"secondary", "special-secondary"}
    assert (f1.kind, f1.closed, f1.school_on_site) == ("family", False, {"primary"})
    assert (f2.kind, f2.school_on_site) == ("family", frozenset())
    assert [c.closed_care for c in p.children] == [True, False, False]
    assert p.weights == Weights(closed_unit=60.0)


def test_a_session_without_the_closed_unit_keys_means_what_it_meant_before() -> None:
    p = read_session(VALID / "basic.json")
    assert all(f.kind == "family" and not f.school_on_site for f in p.families)
    assert not any(c.closed_care for c in p.children)


def test_an_ordinary_family_keeps_its_limit_of_twenty_places() -> None:
    data = _base()
    data["families"][0]["free_places"] = 60
    with pytest.raises(InputError) as caught:
        parse_session(data)
    assert str(caught.value.problems[0]) == "families[0].free_places: must be an integer from 0 to 20, not 60"
