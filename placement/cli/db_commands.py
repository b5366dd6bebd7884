"""``placement db ...`` and ``placement demo``: create, upgrade and fill a database.

Whatever goes wrong with the database itself (a malformed URL, a server that
does not answer, an unknown revision) is an input problem: one line naming
``--db`` or the revision, exit 2, no traceback. The password in a URL is never
printed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError, NoSuchModuleError

from catalogue.validation_sentences import Complaint
from placement.environment import secret
from placement.errors import InputError, Problem
from placement.services import users
from placement.storage import encryption, migrate
from placement.storage.database import default_url, server_refusal


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="create or upgrade the database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)

    up = db_sub.add_parser("upgrade", help="create the database or bring it to the newest schema")
    up.add_argument("revision", nargs="?", default="head", help="target revision (default: head)")
    up.add_argument(
        "--plain",
        action="store_true",
        help=f"create a new SQLite file unencrypted (tests, fictional data); without it a new file is "
        f"encrypted with {encryption.PASSPHRASE_ENV} or a passphrase asked for",
    )
    up.set_defaults(func=_upgrade)

    current = db_sub.add_parser("current", help="print the revision the database is at")
    current.set_defaults(func=_current)

    demo = sub.add_parser(
        "demo",
        help="create the database (unencrypted unless PLACEMENT_DB_PASSPHRASE is set) and fill it with "
        "fictional demo data; the demo accounts get their public passwords (README)",
    )
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    demo.add_argument(
        "--force", action="store_true", help="add the demo data even when the database has families"
    )
    demo.set_defaults(func=_demo)


def database_url(args: argparse.Namespace) -> str:
    """The database URL to use, refused in one line unless it is a SQLite or
    PostgreSQL URL."""
    url = args.db or default_url()
    expected = "expected sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE"
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - reading the port is what can fail
    except (ArgumentError, ValueError):
        raise InputError([Problem.of("--db", Complaint("db.url_malformed", {"expected": expected}))]) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        complaint = Complaint("db.url_unsupported", {"url": _shown(url), "expected": expected})
        raise InputError([Problem.of("--db", complaint)])
    path = encryption.sqlite_path(url)
    if path is not None and encryption.is_encrypted(path) and not secret(encryption.PASSPHRASE_ENV):
        complaint = Complaint("db.encrypted_needs_passphrase", {"path": path, "variable": encryption.PASSPHRASE_ENV})
        raise InputError([Problem.of("--db", complaint)])
    return url


def _shown(url: str) -> str:
    """The URL without its password."""
    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def database_problems(url: str, revision: str | None = None) -> Iterator[None]:
    """Turn the database's own errors into one-line input problems."""
    try:
        yield
    except IntegrityError:
        raise
    except DatabaseError as exc:
        refusal = server_refusal(exc)
        if refusal is not None:
            raise refusal from None
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InputError([Problem.of("--db", Complaint("db.cannot_open", {"url": _shown(url), "reason": reason}))]) from None
    except NoSuchModuleError as exc:  # unreachable, unreadable, wrong passphrase
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InputError([Problem.of("--db", Complaint("db.cannot_open", {"url": _shown(url), "reason": reason}))]) from None
    except CommandError as exc:
        where = "revision" if revision is not None else "--db"
        raise InputError([Problem(where, str(exc).splitlines()[0])]) from None


def _upgrade(args: argparse.Namespace) -> int:
    url = database_url(args)
    path = encryption.sqlite_path(url)
    new_file = path is not None and not (path.exists() and path.stat().st_size > 0)
    key = None
    if new_file and not args.plain and not secret(encryption.PASSPHRASE_ENV):
        key = _new_key(path)  # type: ignore[arg-type]
    with database_problems(url, args.revision):
        print(f"database at revision {migrate.upgrade(url, args.revision, key=key)}")
    if path is None and not os.environ.get(encryption.COLUMN_KEY_ENV):
        print(
            f"note: {encryption.COLUMN_KEY_ENV} is not set here: family street addresses written "
            "without it are stored as plain text (placement db column-key makes a key; README, "
            "office installation)",
            file=sys.stderr,
        )
    if new_file and not encryption.is_encrypted(path):  # type: ignore[arg-type]
        print(f"{path}: created UNENCRYPTED (--plain); encrypt it with: placement db encrypt", file=sys.stderr)
    return 0


def _new_key(path: Path) -> bytes:
    """The key of a SQLite file about to be created: a new database is
    encrypted, so without ``PLACEMENT_DB_PASSPHRASE`` the passphrase is asked
    for (twice) in a terminal and refused elsewhere."""
    if not sys.stdin.isatty():
        complaint = Complaint("db.new_needs_passphrase", {"path": path, "variable": encryption.PASSPHRASE_ENV})
        raise InputError([Problem.of("--db", complaint)])
    passphrase = getpass.getpass("passphrase of the new database: ")
    if getpass.getpass("passphrase (again): ") != passphrase:
        raise InputError([Problem.of("passphrase", Complaint("secret.entries_differ"))])
    return encryption.key_for(path, passphrase, new=True)


def _current(args: argparse.Namespace) -> int:
    url = database_url(args)
    with database_problems(url):
        print(migrate.current_revision(url) or "base (empty)")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from placement.services.demo import DemoRefused, build_demo_database

    url = database_url(args)
    try:
        with database_problems(url):
            counts = build_demo_database(url, seed=args.seed, force=args.force)
            users.give_demo_passwords(url)
    except DemoRefused as exc:
        raise InputError([Problem("--db", str(exc))]) from None
    print(", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0
