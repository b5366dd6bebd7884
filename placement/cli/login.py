"""Who runs a command: ``placement --user NAME ...`` logs in like the app does.

Every command that reads, changes or exports child, family or network files,
the capacity figures, the audit trail or the user accounts calls
:func:`actor_for`, so its permissions and its audit rows are those of a real
user. The user name comes from ``--user`` or ``PLACEMENT_USER``; the password
from ``PLACEMENT_PASSWORD`` (scripts, CI) or else a prompt without echo. The
service's rules apply unchanged: every attempt is audited, and after 3
failures in a row this workstation waits longer before each new try.

Commands that need no login: ``validate``, ``solve`` and ``recommend`` (they
read only the session file they are given), and the database-file commands
(``db upgrade/downgrade/current``, ``demo``, ``db encrypt/backup/restore``,
``db column-key``), which need the database file or server account and its
passphrase or key anyway; whoever holds those can copy the data without this
program, so a login would protect nothing there (``db encrypt/backup/restore``
are audited as the system actor). ``placement user add NAME --first-admin``
creates the first administrator of a database that has none, without a login.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from catalogue.validation_sentences import Complaint
from placement import environment
from placement.actor import Actor
from placement.cli.db_commands import database_problems
from placement.environment import secret
from placement.errors import InputError, PermissionDenied, Problem
from placement.services import users
from placement.storage.database import Database

USER_ENV = "PLACEMENT_USER"
PASSWORD_ENV = environment.PASSWORD_ENV


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"log in as NAME (default: {USER_ENV}); the password comes from {PASSWORD_ENV} "
        "or is asked for. Needed by every command that touches child, family, network, "
        "capacity, audit or user data",
    )


def actor_for(args: argparse.Namespace, db: Database) -> Actor:
    """Log in the command's user against ``db`` (the attempt is audited and
    committed) and return the actor the command runs as."""
    username = args.user or os.environ.get(USER_ENV)
    if not username:
        raise InputError([Problem.of("--user", Complaint("cli.login_needed", {"variable": USER_ENV}))])
    if not db.is_server:  # on a server the login itself says whether the account exists
        with database_problems(db.url), db.session() as s, s.begin():
            if not users.has_accounts(s):
                raise InputError([Problem.of("--user", Complaint("users.none_yet"))])
    password = _password(username)
    try:
        with database_problems(db.url):
            return users.log_in(db, username, password)
    except users.LoginFailed:
        if db.is_server:  # the server authenticates, and slows or locks as it is set up to
            raise PermissionDenied(f"login failed for user {username}") from None
        raise PermissionDenied(
            f"login failed for user {username} (after {users.FREE_FAILED_LOGINS} failures in a row "
            f"this workstation waits longer before each new try, at most "
            f"{users.MAX_LOGIN_DELAY_S // 60} minutes)"
        ) from None


def _password(username: str) -> str:
    password = secret(PASSWORD_ENV)
    if password:
        return password
    if not sys.stdin.isatty():
        raise InputError([Problem.of("--user", Complaint("cli.no_password", {"variable": PASSWORD_ENV}))])
    return getpass.getpass(f"password for {username}: ")
