"""Fuzzed session files: whatever bytes or JSON arrive, the reader either
returns a problem or raises InputError, never anything else, and writes
nothing. The spreadsheet importer: test_security_fuzz_import.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placement.errors import InputError
from placement.sessionfile import parse_session, read_session

VALID = sorted((Path(__file__).parent / "sessions" / "valid").glob("*.json"))
SEEDS = [json.loads(p.read_text(encoding="utf-8-sig")) for p in VALID]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["F1", "C1", "N1", "G1", "00AA", "3511", "1234 AB", "nl", "primary", "exploitation", "f"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _mutate(document: Any, data: st.DataObject) -> Any:
    """Replace, delete or add one thing somewhere in a valid session."""
    document = json.loads(json.dumps(document))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(document)))
        if not path:
            document = data.draw(json_values)
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        how = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if how == "replace":
            parent[path[-1]] = data.draw(json_values)
        elif how == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=10))] = data.draw(json_values)
        else:
            parent.append(data.draw(json_values))
    return document


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.data())
def test_mutated_valid_sessions_raise_only_input_errors(data: st.DataObject) -> None:
    document = _mutate(data.draw(st.sampled_from(SEEDS)), data)
    try:
        parse_session(document, source="fuzz.json")
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


@FUZZ
@given(document=json_values)
def test_arbitrary_json_raises_only_input_errors(document: Any) -> None:
    try:
        parse_session(document, source="fuzz.json")
    except InputError as exc:
        assert exc.problems


@FUZZ
@given(raw=st.binary(max_size=300) | st.sampled_from([b'{"format": "placement-session/1", "families": [NaN]}', b"\xef\xbb\xbf{", b"[" * 5000]))
def test_arbitrary_bytes_raise_only_input_errors_and_write_nothing(tmp_path_factory: Any, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "session.json"
    path.write_bytes(raw)
    try:
        read_session(path)
    except InputError as exc:
        assert exc.problems and exc.source == str(path)
    assert [p.name for p in folder.iterdir()] == ["session.json"]
    assert path.read_bytes() == raw
