"""A problem the core reported, in the app's language.

The core says what is wrong as a catalogue key with parameters
(``Problem.complaint``, see ``catalogue.validation_sentences``); the English
and Dutch both come from there. A problem without a key (a server's own
refusal, a session file's JSON-path message) is shown as it was written.
"""

from __future__ import annotations

from collections.abc import Mapping

from placement.errors import InputError, Problem
from ui.i18n import current_language


def problem_message(problem: Problem) -> str:
    """What is wrong, without where."""
    return problem.text(current_language())


def problem_line(problem: Problem, labels: Mapping[str, str] | None = None) -> str:
    """``where: what`` in the app's language; ``labels`` names a field (the
    core's ``where``) as the form the user filled in shows it."""
    message = problem_message(problem)
    where = (labels or {}).get(problem.where, problem.where)
    return f"{where}: {message}" if where else message


def input_error_lines(exc: InputError, labels: Mapping[str, str] | None = None) -> list[str]:
    """One line per problem, led by the file the problems are in, if any."""
    prefix = f"{exc.source}: " if exc.source else ""
    return [prefix + problem_line(problem, labels) for problem in exc.problems]
