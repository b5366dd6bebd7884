"""Strict JSON in, canonical JSON out (written all at once by placement.files).

Python's ``json`` module is lenient in two ways that matter here: it accepts
``NaN``/``Infinity`` and it keeps only the last of two equal keys in an object,
silently hiding the first value (``"safety_km": 50, ..., "safety_km": 5``).
Both are caught here and left for the reader to report with their JSON path.

Sizes are checked here too (:mod:`placement.limits`): the file's size before
it is read, the number of objects, lists and values before it is decoded, and
every string's length and list's length after, each refused in one line.
"""

from __future__ import annotations

import json
import os
from typing import Any

from catalogue.validation_sentences import Complaint
from placement import limits
from placement.errors import InputError, Problem


class JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers which of its keys appeared more than once."""

    __slots__ = ("duplicates",)  # no per-object __dict__: millions of objects must stay small

    def __init__(self) -> None:
        super().__init__()
        self.duplicates: tuple[str, ...] = ()


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
    if seen:
        obj.duplicates = tuple(seen)
    return obj


def loads(raw: bytes, source: str) -> Any:
    """Decode UTF-8 JSON text; an unreadable or oversized file is one :class:`InputError`."""
    return _parse(_text(raw, source), source)


def _text(raw: bytes, source: str) -> str:
    containers = raw.count(b"{") + raw.count(b"[")
    if containers > limits.MAX_JSON_CONTAINERS or raw.count(b",") > limits.MAX_JSON_VALUES:
        raise InputError([Problem.of("", Complaint("sessionfile.too_many_values", {"containers": limits.MAX_JSON_CONTAINERS, "values": limits.MAX_JSON_VALUES}))], source=source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem.of("", Complaint("sessionfile.not_utf8", {"offset": exc.start}))], source=source
        ) from None


def _parse(text: str, source: str) -> Any:
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_constant=NonFinite)
    except json.JSONDecodeError as exc:
        complaint = Complaint("json.invalid", {"reason": exc.msg, "line": exc.lineno, "column": exc.colno})
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        complaint = Complaint("json.unusable", {"reason": str(exc).split(";")[0]})
    except RecursionError:
        complaint = Complaint("sessionfile.too_deep")
    else:
        del text
        if (problem := _oversized(data)) is not None:
            raise InputError([problem], source=source)
        return data
    raise InputError([Problem.of("", complaint)], source=source)


def _oversized(data: Any) -> Problem | None:
    """The first string longer than :data:`limits.MAX_TEXT` or list longer than
    :data:`limits.MAX_ITEMS`, with its JSON path."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if len(value) > limits.MAX_TEXT:
                return Problem.of(where or "(top)", Complaint("sessionfile.text_too_long", {"length": len(value), "limit": limits.MAX_TEXT}))
        elif isinstance(value, list):
            if len(value) > limits.MAX_ITEMS:
                return Problem.of(where or "(top)", Complaint("sessionfile.list_too_long", {"length": len(value), "limit": limits.MAX_ITEMS}))
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            for key, v in reversed(list(value.items())):
                path = f"{where}.{key}" if where else key
                if len(key) > limits.MAX_TEXT:
                    return Problem.of(where or "(top)", Complaint("sessionfile.key_too_long", {"length": len(key), "limit": limits.MAX_TEXT}))
                stack.append((path, v))
    return None


def read_json(path: str | os.PathLike[str], max_bytes: int | None = None) -> Any:
    """Read and decode a JSON file of at most ``max_bytes`` (default: a session
    file's limit), checked before reading."""
    source = os.fspath(path)
    limit = limits.MAX_SESSION_BYTES if max_bytes is None else max_bytes
    too_big = InputError([Problem.of("", Complaint("sessionfile.too_large", {"megabytes": limit // limits.MB}))], source=source)
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size > limit:
                raise too_big
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise InputError([Problem.of("", Complaint("file.cannot_read_colon", {"reason": exc.strerror or exc}))], source=source) from None
    if len(raw) > limit:  # grew while reading, or a pipe
        raise too_big
    text = _text(raw, source)
    del raw  # the decoded text and the values are all that is kept while parsing
    return _parse(text, source)


def dumps(data: Any) -> str:
    """Canonical text: UTF-8, two-space indent, a final newline, never NaN."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
