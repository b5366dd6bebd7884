"""Every problem the core and the app report is said from the catalogue: this
test reads the source of ``placement/`` and ``ui/`` and fails on a
``Problem(where, message)`` whose message is written out in English (a string
literal, an f-string, or a name bound to one in the same function), naming
the file and line. Such a message reaches the Dutch app in English; it
belongs in ``catalogue/problem_sentences.py`` as a key, said with
``Problem.of(where, Complaint(key, params))``."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("placement", "ui")
SKIPPED = ("placement/storage/migrations/",)


def _is_text(node: ast.AST | None) -> bool:
    """A string written in place: a literal, an f-string, a ``+`` or ``%`` of
    them, a choice between them, or Qt's ``QT_TRANSLATE_NOOP`` (which returns
    the English it marks)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "QT_TRANSLATE_NOOP"
    return False


def _texts_bound(nodes: list[ast.AST]) -> set[str]:
    """Names bound to written-out text (``message = f"..."``) by these statements."""
    names = set()
    for node in nodes:
        if isinstance(node, ast.Assign | ast.AnnAssign) and _is_text(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def _message(call: ast.Call) -> ast.AST | None:
    if len(call.args) >= 2:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "message"), None)


def free_text_problems(source: str, filename: str = "<source>") -> list[int]:
    """Lines of ``Problem(...)`` calls in ``source`` whose message is written-out text."""
    tree = ast.parse(source, filename)
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    scopes = [node for node in ast.walk(tree) if isinstance(node, functions)]
    module_level = _texts_bound(list(tree.body))
    found = set()
    for scope in [tree, *scopes]:
        bound = module_level | (_texts_bound(list(ast.walk(scope))) if scope is not tree else set())
        for node in ast.walk(scope):
            is_problem = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if not (is_problem and node.func.id == "Problem"):
                continue
            message = _message(node)
            if _is_text(message) or (isinstance(message, ast.Name) and message.id in bound):
                found.add(node.lineno)
    return sorted(found)


def test_the_finder_finds_a_planted_english_problem() -> None:
    planted = (
        "def check(child_id):\n"
        "    a = Problem('child', 'no such child')\n"
        "    b = Problem('child', f'no child C{child_id}')\n"
        "    message = 'is ' + 'required'\n"
        "    c = Problem('name', message)\n"
        "    d = Problem(where='x', message='free')\n"
        "    e = Problem.of('child', Complaint('record.no_child', {'child_id': str(child_id)}))\n"
        "    f = Problem('note', self.tr('say what happened'))\n"
        "    g = solver.Problem(children, families)\n"
        "    h = Problem('born', NOT_A_DATE)\n"
        "NOT_A_DATE = QT_TRANSLATE_NOOP('Problems', 'is not a date')\n"
    )
    assert free_text_problems(planted) == [2, 3, 5, 6, 10]


def test_no_problem_is_written_in_english_outside_the_catalogue() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(SKIPPED):
                continue
            source = path.read_text(encoding="utf-8")
            found += [f"{relative}:{line}" for line in free_text_problems(source, relative)]
    assert not found, "a Problem with English text instead of a catalogue key:\n" + "\n".join(found)
