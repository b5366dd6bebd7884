"""``placement child set-guardian``: assigning a guardian on the command line.
Needs a login (``--user``); only officers may change a child's file, and the
change is audited like one made in the app."""

from __future__ import annotations

import argparse

from catalogue.validation_sentences import Complaint
from placement.cli.report_commands import _child_id, _transaction
from placement.errors import InputError, Problem
from placement.services.registers import child_register


def add_set_guardian(child_sub: argparse._SubParsersAction) -> None:
    """``placement child set-guardian``, under the ``child`` command of
    :mod:`placement.cli.casework_commands`."""
    guardian = child_sub.add_parser(
        "set-guardian",
        help="assign a guardian to a child (the guardian then sees the child's file and dossier)",
    )
    guardian.add_argument("child", metavar="CHILD_ID", type=_child_id, help="C12 or 12")
    guardian.add_argument("guardian", metavar="USER", nargs="?", help="the guardian's login name")
    guardian.add_argument("--none", action="store_true", help="remove the assignment instead")
    guardian.set_defaults(func=_set_guardian)


def _set_guardian(args: argparse.Namespace) -> int:
    if (args.guardian is None) == (not args.none):
        raise InputError([Problem.of("USER", Complaint("cli.guardian_login"))])
    with _transaction(args) as (s, actor):
        previous = child_register.set_guardian(s, actor, args.child, None if args.none else args.guardian)
    now = "no guardian" if args.none else f"guardian {args.guardian}"
    before = f" (was {previous})" if previous else ""
    print(f"C{args.child}: {now}{before}")
    return 0
