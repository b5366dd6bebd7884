"""Strict JSON in, canonical JSON out (written all at once by placement.files).

Python's ``json`` module is lenient in two ways that matter here: it accepts
``NaN``/``Infinity`` and it keeps only the last of two equal keys in an object,
silently hiding the first value (``"safety_km": 50, ..., "safety_km": 5``).
Both are caught here and left for the reader to report with their JSON path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from placement.errors import InputError, Problem


class JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers which of its keys appeared more than once."""

    duplicates: tuple[str, ...] = ()


class NonFinite:
    """``NaN``, ``Infinity`` or ``-Infinity`` as written in the file: not JSON,
    kept as a marker so the reader can say where it was."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject()
    seen: list[str] = []
    for key, value in pairs:
        if key in obj and key not in seen:
            seen.append(key)
        obj[key] = value
    obj.duplicates = tuple(seen)
    return obj


def loads(raw: bytes, source: str) -> Any:
    """Decode UTF-8 JSON text; an unreadable file is one :class:`InputError`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem("", f"not UTF-8 text (invalid byte at offset {exc.start})")], source=source
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=NonFinite)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        message = f"not usable JSON: {str(exc).split(';')[0]}"
    except RecursionError:
        message = "not a session file: nested too deeply"
    raise InputError([Problem("", message)], source=source)


def read_json(path: str | os.PathLike[str]) -> Any:
    source = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError([Problem("", f"cannot read the file: {exc.strerror or exc}")], source=source) from None
    return loads(raw, source)


def dumps(data: Any) -> str:
    """Canonical text: UTF-8, two-space indent, a final newline, never NaN."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
