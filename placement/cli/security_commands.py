"""``placement user ...``, ``placement audit ...`` and ``placement db
encrypt/backup/restore``: accounts, the audit trail and the database file.

``user`` and ``audit`` need a login (``--user``, see
:mod:`placement.cli.login`), except ``user add NAME --first-admin`` on a
database without an administrator. ``db encrypt/backup/restore`` run as the
system actor: they need the database file and its passphrase, and whoever
holds those can copy the data without this program. New passwords and
passphrases are read from the terminal without echo, or, for scripts, one per
line from standard input; the passphrase of an encrypted database may also
come from ``PLACEMENT_DB_PASSPHRASE``. None of them is ever printed or logged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from catalogue.validation_sentences import Complaint
from placement.actor import system_actor
from placement.cli.db_commands import database_problems, database_url
from placement.cli.login import actor_for
from placement.cli.options import child_id
from placement.environment import secret
from placement.errors import InputError, Problem
from placement.services import audit, backup, users
from placement.services.permissions import Action, require
from placement.storage import encryption, migrate
from placement.storage.database import Database, default_url
from placement.storage.models import FosterFamily, Role


def register(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="add users, reset passwords, list users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add a user (asks for the password)")
    add.add_argument("username")
    add.add_argument("--role", choices=[r.value for r in Role], help="required, except with --first-admin")
    add.add_argument(
        "--first-admin",
        action="store_true",
        help="create the first administrator of a new database (no --user needed; refused once there is one)",
    )
    add.add_argument("--name", default="", help="display name (default: the user name)")
    add.add_argument(
        "--no-password",
        action="store_true",
        help="office server only: the server authenticates this user by LDAP or GSSAPI "
        "(pg_hba.conf), so no password is asked for or stored",
    )
    add.set_defaults(func=_user_add)
    reset = user_sub.add_parser("reset-password", help="set a new password (asks for it)")
    reset.add_argument("username")
    reset.set_defaults(func=_user_reset)
    listing = user_sub.add_parser("list", help="list the users")
    listing.set_defaults(func=_user_list)

    trail = sub.add_parser("audit", help="check and read the audit trail")
    trail_sub = trail.add_subparsers(dest="audit_command", required=True)
    verify = trail_sub.add_parser("verify", help="check the hash chain (exit 1 when broken)")
    verify.add_argument(
        "--checkpoint",
        metavar="COUNT:HASH",
        help="also prove that no row up to this checkpoint (from 'audit checkpoint') was removed or changed",
    )
    verify.set_defaults(func=_audit_verify)
    mark = trail_sub.add_parser(
        "checkpoint", help="print COUNT:HASH of the chain's end, to keep on paper or in a mail"
    )
    mark.set_defaults(func=_audit_checkpoint)
    child = trail_sub.add_parser("child", help="who did what to a child's file")
    child.add_argument("child_id", type=child_id, help="C12 or 12")
    child.add_argument("--from", dest="start", type=_date, help="first day (YYYY-MM-DD, UTC)")
    child.add_argument("--to", dest="end", type=_date, help="last day, inclusive (YYYY-MM-DD, UTC)")
    child.set_defaults(func=_audit_child)

    db_sub = _db_subcommands(sub)
    down = db_sub.add_parser(
        "downgrade",
        help="take the schema back to an older revision, never below the audit trail's "
        f"({migrate.AUDIT_REVISION}); on SQLite an administrator's --user, on a server the owner",
    )
    down.add_argument("revision", help=f"target revision, {migrate.AUDIT_REVISION} or later")
    down.set_defaults(func=_downgrade)
    encrypt = db_sub.add_parser(
        "encrypt",
        help="SQLite: encrypt the plain database file (asks for a passphrase); "
        "PostgreSQL: encrypt the family addresses still stored as plain text (needs PLACEMENT_COLUMN_KEY)",
    )
    encrypt.set_defaults(func=_db_encrypt)
    column_key = db_sub.add_parser(
        "column-key", help="print a new random PostgreSQL column key for PLACEMENT_COLUMN_KEY"
    )
    column_key.set_defaults(func=_db_column_key)
    save = db_sub.add_parser("backup", help="write an encrypted backup of the SQLite database")
    save.add_argument("file", type=Path)
    save.set_defaults(func=_db_backup)
    load = db_sub.add_parser("restore", help="replace the SQLite database with a checked backup")
    load.add_argument("file", type=Path)
    load.add_argument(
        "--accept-audit-loss",
        metavar="FILE",
        type=Path,
        help="restore even a backup whose audit trail ends before the database's; the audit rows "
        "that are dropped are first written to FILE (CSV)",
    )
    load.set_defaults(func=_db_restore)


def _db_subcommands(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The ``db`` command's subcommands (``placement.cli.db_commands`` makes ``db``)."""
    db = sub.choices.get("db") or sub.add_parser("db", help="the database")
    for action in db._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return db.add_subparsers(dest="db_command", required=True)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _secret(prompt: str, *, confirm: bool = False) -> str:
    """A secret from the terminal (no echo) or one line of standard input."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        if not line:
            raise InputError([Problem.of(prompt, Complaint("secret.none_given"))])
        return line
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (again): ") != first:
        raise InputError([Problem.of(prompt, Complaint("secret.entries_differ"))])
    return first


def _passphrase(*, confirm: bool = False) -> str:
    return secret(encryption.PASSPHRASE_ENV) or _secret("database passphrase", confirm=confirm)


def _sqlite_file(url: str) -> Path:
    path = encryption.sqlite_path(url)
    if path is None:
        raise InputError([Problem.of("--db", Complaint("db.sqlite_only"))])
    return path


def _key(url: str) -> bytes | None:
    """The key of an encrypted SQLite file (asks for the passphrase), else ``None``."""
    path = encryption.sqlite_path(url)
    if path is None or not encryption.is_encrypted(path):
        return None
    key = encryption.key_for(path, _passphrase())
    encryption.check_key(path, key)
    return key


def _open(args: argparse.Namespace) -> tuple[Database, bytes | None]:
    url = args.db or default_url()
    key = _key(url)
    return Database(url, key=key), key


def _user_add(args: argparse.Namespace) -> int:
    if args.first_admin:
        return _first_admin(args)
    if args.role is None:
        raise InputError([Problem.of("--role", Complaint("cli.role_required"))])
    db, _ = _open(args)
    actor = actor_for(args, db)
    password = None if args.no_password else _secret(f"password of the new user {args.username}", confirm=True)
    with database_problems(db.url), db.session() as s, s.begin():
        users.add_user(s, actor, args.username, args.name, Role(args.role), password)
        warn = users.warn_once_about_roles_on_one_workstation(s)
    print(f"added {args.role} {args.username}")
    if warn:
        print(
            "note: this is a single-workstation SQLite database: whoever knows its passphrase reads "
            "everything, whatever their role; roles here do not separate duties (use the office "
            "server, PostgreSQL, for that)",
            file=sys.stderr,
        )
    return 0


def _first_admin(args: argparse.Namespace) -> int:
    if args.role not in (None, Role.ADMINISTRATOR):
        raise InputError([Problem.of("--role", Complaint("users.first_is_administrator"))])
    db, _ = _open(args)
    password = _secret(f"password of the new administrator {args.username}", confirm=True)
    with database_problems(db.url), db.session() as s, s.begin():
        users.create_first_admin(s, args.username, args.name, password)
    print(f"added administrator {args.username}")
    return 0


def _user_reset(args: argparse.Namespace) -> int:
    db, _ = _open(args)
    actor = actor_for(args, db)
    password = _secret("new password", confirm=True)
    with database_problems(db.url), db.session() as s, s.begin():
        users.reset_password(s, actor, args.username, password)
    print(f"password of {args.username} changed")
    return 0


def _user_list(args: argparse.Namespace) -> int:
    db, _ = _open(args)
    actor = actor_for(args, db)
    with database_problems(db.url), db.session() as s, s.begin():
        rows = users.list_users(s, actor)
    for row in rows:
        state = "" if row.active else "  (disabled)"
        print(f"{row.username:<20} {row.role:<14} {row.display_name}{state}")
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    mark = None
    if args.checkpoint is not None:
        try:
            mark = audit.Checkpoint.parse(args.checkpoint)
        except ValueError as exc:
            raise InputError([Problem("--checkpoint", str(exc))]) from None
    db, _ = _open(args)
    actor = actor_for(args, db)
    with database_problems(db.url), db.session() as s, s.begin():
        require(actor, Action.VIEW_AUDIT, session=s)
        report = audit.verify(s) if mark is None else audit.verify_checkpoint(s, mark)
    if report.ok:
        print(f"audit trail intact: {report.rows} rows")
        return 0
    print(f"audit trail BROKEN at row {report.first_bad_id}: {report.problem}", file=sys.stderr)
    return 1


def _downgrade(args: argparse.Namespace) -> int:
    """Audited; on SQLite an administrator logs in (whoever holds the file's
    passphrase could drop tables anyway, but not through this program without
    a trace); on a server only the owner's connection may change the schema."""
    try:
        below = migrate.below_audit_trail(args.revision)
    except ValueError as exc:
        raise InputError([Problem("revision", str(exc))]) from None
    if below:
        complaint = Complaint("db.below_audit_trail", {"revision": migrate.AUDIT_REVISION})
        raise InputError([Problem.of("revision", complaint)])
    url = database_url(args)
    db, key = _open(args)
    actor = system_actor() if db.is_server else actor_for(args, db)
    with database_problems(url, args.revision), db.session() as s, s.begin():
        require(actor, Action.BACKUP, session=s)
        audit.record(s, actor, audit.CHANGE, "database", f"downgrade to {args.revision}")
    db.dispose()
    with database_problems(url, args.revision):
        reached = migrate.downgrade(url, args.revision, key=key)
    print(f"database at revision {reached}")
    return 0


def _audit_checkpoint(args: argparse.Namespace) -> int:
    db, _ = _open(args)
    actor = actor_for(args, db)
    with database_problems(db.url), db.session() as s, s.begin():
        require(actor, Action.VIEW_AUDIT, session=s)
        print(audit.checkpoint(s))
    return 0


def _audit_child(args: argparse.Namespace) -> int:
    if args.start and args.end and args.end < args.start:
        raise InputError([Problem.of("--to", Complaint("cli.before_from"))])
    start = dt.datetime.combine(args.start, dt.time()) if args.start else None
    end = dt.datetime.combine(args.end + dt.timedelta(days=1), dt.time()) if args.end else None
    db, _ = _open(args)
    actor = actor_for(args, db)
    with database_problems(db.url), db.session() as s, s.begin():
        require(actor, Action.VIEW_AUDIT, session=s)
        rows = audit.entries_for(s, audit.CHILD_FILE, args.child_id, start=start, end=end)
        audit.record(s, actor, audit.READ, "audit", args.child_id)
    print("time (UTC)           user                 role           action   on       outcome  workstation")
    for row in rows:
        print(
            f"{row.at:%Y-%m-%d %H:%M:%S}  {row.username:<20} {row.role:<14} "
            f"{row.action:<8} {row.object_type:<8} {row.outcome:<8} {row.workstation}"
        )
    return 0


def _db_encrypt(args: argparse.Namespace) -> int:
    url = args.db or default_url()
    if encryption.sqlite_path(url) is None:
        return _encrypt_columns(url)
    path = _sqlite_file(url)
    encryption.encrypt_database(path, _passphrase(confirm=True))
    print(f"encrypted {path.name}; keep {encryption.salt_path(path).name} with it (and in backups)")
    return 0


def _encrypt_columns(url: str) -> int:
    if encryption.column_key_from_environment() is None:
        raise InputError(
            [Problem.of(encryption.COLUMN_KEY_ENV, Complaint("secret.column_key_unset"))]
        )
    db = Database(url)
    actor = system_actor()
    table = FosterFamily.__table__
    with database_problems(url), db.session() as s, s.begin():
        require(actor, Action.BACKUP, session=s)
        raw = s.execute(select(table.c.id, table.c.address)).all()
        # Plain text, and values of the earlier format (not bound to their row), are sealed anew.
        stale = [row_id for row_id, address in raw if not address.startswith(encryption.COLUMN_PREFIX)]
        for family in s.scalars(select(FosterFamily).where(FosterFamily.id.in_(stale))):
            flag_modified(family, "address")
        audit.record(s, actor, audit.CHANGE, "database", None)
    db.dispose()
    print(f"encrypted {len(stale)} family addresses ({len(raw) - len(stale)} were already encrypted)")
    return 0


def _db_column_key(_args: argparse.Namespace) -> int:
    print(encryption.new_column_key())
    return 0


def _db_backup(args: argparse.Namespace) -> int:
    db, key = _open(args)
    with database_problems(db.url):
        backup.backup(db, system_actor(), args.file, key)
    db.dispose()
    kind = "encrypted backup" if key else "backup (the database is NOT encrypted)"
    print(f"{kind} written to {args.file}")
    return 0


def _db_restore(args: argparse.Namespace) -> int:
    url = args.db or default_url()
    _sqlite_file(url)
    key = None
    if encryption.is_encrypted(args.file):
        key = encryption.key_for(args.file, _passphrase())
    report = backup.restore(url, system_actor(), args.file, key, lost_rows_file=args.accept_audit_loss)
    print(f"restored from {args.file}; audit trail intact ({report.rows} rows)")
    return 0
