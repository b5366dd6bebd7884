"""Entry point of the ``placement`` command.

Each command module exposes ``register(subparsers)``; this module only wires
them together and turns errors into exit codes: input problems are printed one
per line on stderr with exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from catalogue.validation_sentences import Complaint
from placement.cli import (
    casework_commands,
    db_commands,
    import_commands,
    login,
    report_commands,
    security_commands,
    session_commands,
)
from placement.cli.exit_codes import EXIT_DENIED, EXIT_INPUT, EXIT_INTERNAL
from placement.environment import secrets_taken
from placement.errors import ConflictError, InputError, PermissionDenied, Problem
from placement.files import private_files
from placement.logs import log_unexpected
from placement.storage.database import ENV_VAR as DATABASE_ENV
from placement.storage.database import server_refusal

COMMAND_MODULES = (
    session_commands,
    db_commands,
    import_commands,
    security_commands,
    report_commands,
    casework_commands,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other input problem
        self.exit(EXIT_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="placement",
        description="Foster placement planner (command line).",
        epilog="Commands on the database's files (session export, import, export, dossier, capacity, "
        "scenario, alerts, child, user, audit) need --user NAME; a refused login exits 4, a missing one 2. "
        "validate, solve, recommend, demo and db need no login.",
    )
    parser.add_argument("--db", help="database URL (default: PLACEMENT_DB or the SQLite file in the data folder)")
    login.add_argument(parser)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for commands in COMMAND_MODULES:
        commands.register(sub)
    return parser


def _console_never_fails() -> None:
    """Names such as "Ștefan" must not crash a command on a console whose
    encoding cannot show them (a Windows code page, a redirected pipe)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


SUPPORTED_DATABASES = "sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"


def check_database_url(url: str | None) -> None:
    """Refuse, in one line, a database URL this program cannot use (``mysql://...``,
    a bare file name), naming the kinds it can; a password in it is masked."""
    if not url:
        return
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    expected = f"expected {SUPPORTED_DATABASES}"
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - reading the port is what can fail
    except (ArgumentError, ValueError):
        raise InputError([Problem.of("--db", Complaint("db.url_malformed", {"expected": expected}))]) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        shown = parsed.render_as_string(hide_password=True)
        raise InputError([Problem.of("--db", Complaint("db.url_unsupported", {"url": shown, "expected": expected}))])


def main(argv: Sequence[str] | None = None) -> int:
    _console_never_fails()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        check_database_url(args.db or os.environ.get(DATABASE_ENV))
        with private_files(), secrets_taken():
            return int(args.func(args) or 0)
    except InputError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return EXIT_INPUT
    except PermissionDenied as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_DENIED
    except ConflictError as exc:
        print(f"not done: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: log without personal data
        refusal = server_refusal(exc)
        if refusal is not None:  # a grant or row policy of the office server said no
            print(f"refused: {refusal}", file=sys.stderr)
            return EXIT_DENIED
        path = log_unexpected(exc)
        print(f"placement: unexpected error ({type(exc).__name__}); details in {path}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
