"""The catalogue is the only place a code's name, a typed synonym or a domain
limit is written: this test reads the source of the solver, the core and the
app (the catalogue, the tests, the frozen migrations and the benchmarks'
random data aside) and fails on a copy, naming the file and line, so the next
copy is found before it drifts from the catalogue."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from catalogue import codes, limits

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("placement", "solver", "ui")
SKIPPED = ("placement/storage/migrations/", "solver/bench")

NAMED_LISTS = (codes.GENDERS, codes.TRAININGS, codes.SCHOOL_KINDS, codes.LANGUAGES)
"""The lists whose names issue 12 found copied; their words must not be written again."""

ORDINARY_WORDS = frozenset({"language", "unknown", "onbekend", "sibling", "taal", "anders"})
"""Synonyms that are also everyday words in code (a parameter name, an unknown region)."""

ALLOWED = {
    ("placement/importing/headers.py", "broers en zussen"): "a column header for the sibling group",
    ("placement/importing/headers.py", "nieuwkomers"): "a column header for the newcomer flag",
    ("placement/services/demo.py", "broers en zussen"): "the demo's sibling group labels",
}
"""Where a word equals a code's name but means something else."""

DEFAULT_KM = {limits.DEFAULT_SAFETY_KM, limits.DEFAULT_MAX_SCHOOL_KM, limits.DEFAULT_MAX_APART_KM}
LIMITED = ("age", "place", "priority")
"""Names of values whose bounds (``limits.AGE``, ``PLACES``, ``PRIORITY``) are in the catalogue."""


def sources() -> Iterator[tuple[str, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not relative.startswith(SKIPPED):
                yield relative, ast.parse(path.read_text(encoding="utf-8"), relative)


def _docstrings(tree: ast.AST) -> set[int]:
    """Ids of the string constants that are docstrings (prose may name a code)."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    found.add(id(statement.value))
    return found


def code_words() -> dict[str, str]:
    """Every name and synonym of the named lists (folded) that is not itself a code."""
    stored = {item.code for code_list in codes.CODE_LISTS for item in code_list}
    words = {}
    for code_list in NAMED_LISTS:
        for item in code_list:
            for word in (item.name.en, item.name.nl, *item.synonyms):
                folded = word.casefold()
                if word not in stored and len(word) > 3 and folded not in ORDINARY_WORDS:
                    words[folded] = f"{code_list.name} {item.code}"
    return words


def word_copies(relative: str, tree: ast.AST) -> list[str]:
    words = code_words()
    prose = _docstrings(tree)
    copies = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
            folded = node.value.strip().casefold()
            if folded in words and (relative, folded) not in ALLOWED:
                copies.append(f"{relative}:{node.lineno}: {node.value!r} is {words[folded]}")
    return copies


def _defaults(tree: ast.AST) -> Iterator[ast.AST]:
    """Expressions that give a default: argument defaults, class-level (dataclass)
    fields, ``default=`` arguments, either side of ``x if ... else y``, the
    right of ``or``, and module-level constants."""
    for node in ast.walk(tree):
        if isinstance(node, ast.arguments):
            yield from node.defaults
            yield from (d for d in node.kw_defaults if d is not None)
        elif isinstance(node, ast.ClassDef | ast.Module):
            for statement in node.body:
                if isinstance(statement, ast.AnnAssign | ast.Assign) and statement.value:
                    yield statement.value
        elif isinstance(node, ast.keyword) and node.arg == "default":
            yield node.value
        elif isinstance(node, ast.IfExp):
            yield from (node.body, node.orelse)
        elif isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            yield from node.values[1:]


def default_km_copies(relative: str, tree: ast.AST) -> list[str]:
    return [
        f"{relative}:{node.lineno}: {node.value!r} as a default"
        for default in _defaults(tree)
        for node in ast.walk(default)
        if isinstance(node, ast.Constant) and type(node.value) is float and node.value in DEFAULT_KM
    ]


def _mentions_limited(node: ast.AST) -> bool:
    names = [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
    names += [n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)]
    names += [n.arg for n in ast.walk(node) if isinstance(n, ast.keyword) and n.arg]
    return any(part in name.lower() for name in names for part in LIMITED)


def bound_copies(relative: str, tree: ast.AST) -> list[str]:
    """A comparison, a call (``setRange(1, 5)``) or an assignment about an age,
    places or a priority with a bound's number in it, or an SQL ``BETWEEN``."""
    ranges = (limits.AGE, limits.PLACES, limits.PRIORITY)
    bounds = {r.high for r in ranges}
    between = {(r.low, r.high) for r in ranges}
    copies = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare | ast.Call | ast.Assign | ast.AnnAssign):
            # a call's own arguments only (``setRange(1, 5)``), not what is nested in them
            numbers = node.args if isinstance(node, ast.Call) else list(ast.walk(node))
            about = node.func if isinstance(node, ast.Call) else node
            if _mentions_limited(about) and any(
                isinstance(c, ast.Constant) and type(c.value) is int and c.value in bounds
                for c in numbers
            ):
                copies.add(f"{relative}:{node.lineno}: {ast.unparse(node)[:80]}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and any(f"BETWEEN {low} AND {high}" in node.value for low, high in between)
        ):
            copies.add(f"{relative}:{node.lineno}: {node.value!r}")
    return sorted(copies)


def test_no_code_name_or_synonym_is_written_outside_the_catalogue() -> None:
    assert [copy for relative, tree in sources() for copy in word_copies(relative, tree)] == []


def test_no_default_distance_is_written_outside_the_catalogue() -> None:
    copies = [copy for relative, tree in sources() for copy in default_km_copies(relative, tree)]
    assert copies == []


def test_no_age_place_or_priority_bound_is_written_outside_the_catalogue() -> None:
    assert [copy for relative, tree in sources() for copy in bound_copies(relative, tree)] == []


def test_the_scan_finds_copies_where_they_were() -> None:
    planted = ast.parse(
        "MAX_AGE = 20\n"
        "class Settings:\n    safety_km: float = 50.0\n"
        "NAMES = {'f': 'Meisje', 'm': 'jongens'}\n"
        "self.priority.setRange(1, 5)\n"
        "CHECK = 'total_places BETWEEN 0 AND 20'\n"
    )
    assert len(word_copies("x.py", planted)) == 2
    assert default_km_copies("x.py", planted) == ["x.py:3: 50.0 as a default"]
    assert len(bound_copies("x.py", planted)) == 3
