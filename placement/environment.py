"""Secrets given in the environment (scripts and CI only).

``PLACEMENT_PASSWORD`` and ``PLACEMENT_DB_PASSPHRASE`` spare a script the
prompt. The command line and the app take them out of the process
environment as soon as they start (:func:`secrets_taken`), so that no child
process, crash report or plugin that reads the environment sees them; the
program then reads them with :func:`secret`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

PASSWORD_ENV = "PLACEMENT_PASSWORD"
PASSPHRASE_ENV = "PLACEMENT_DB_PASSPHRASE"
SECRET_VARIABLES = (PASSWORD_ENV, PASSPHRASE_ENV)

_taken: dict[str, str] = {}


def secret(name: str) -> str | None:
    """The value of ``name``: taken from the environment by :func:`secrets_taken`,
    or still in it (a script calling the services directly)."""
    return _taken.get(name) or os.environ.get(name) or None


@contextlib.contextmanager
def secrets_taken() -> Iterator[None]:
    """Remove the secret variables from ``os.environ`` (and so from the C
    environment a child process inherits) for the duration of a command.
    They are put back afterwards only for a caller in the same process (a
    test, a script calling :func:`placement.cli.main.main` twice); the command
    line exits right after."""
    taken = {name: os.environ.pop(name) for name in SECRET_VARIABLES if name in os.environ}
    previous = dict(_taken)
    _taken.update(taken)
    try:
        yield
    finally:
        _taken.clear()
        _taken.update(previous)
        os.environ.update(taken)
