"""``placement validate | solve | recommend`` on session files, and
``placement session export`` from the database.

Exit codes follow the session spec: 0 a proposal (optimal or feasible),
1 infeasible, 3 unknown (the proposal file is written in all three cases),
2 invalid input with one line per problem on stderr and nothing written.

``session export`` reads child, family and network files, so it needs a
login (``--user``, see :mod:`placement.cli.login`); an export leaves one audit
row per exported child under that user's name. The other three read only the
file they are given and need none.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

import solver
from catalogue.keys import Key
from catalogue.sentences import Explanation
from catalogue.validation_sentences import Complaint
from placement.cli.db_commands import database_problems, database_url
from placement.cli.exit_codes import EXIT_INTERNAL
from placement.cli.login import actor_for
from placement.errors import InputError, Problem
from placement.services.matching import export_problem, parse_child_ref
from placement.sessionfile import (
    proposal_to_json,
    read_session,
    session_text,
    write_proposal,
    write_session,
)
from placement.sessionfile.jsonio import dumps
from placement.storage.database import Database
from solver.problem import Problem as SessionProblem
from solver.problem import Settings
from solver.proposal import Progress, Proposal, Status

EXIT_BY_STATUS = {Status.OPTIMAL: 0, Status.FEASIBLE: 0, Status.INFEASIBLE: 1, Status.UNKNOWN: 3}


def register(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser("validate", help="check a session file without solving it")
    validate.add_argument("session", metavar="SESSION.json")
    validate.set_defaults(func=_validate)

    solve = sub.add_parser("solve", help="solve a session file and write the placement proposal")
    solve.add_argument("session", metavar="SESSION.json")
    solve.add_argument("-o", "--output", metavar="PROPOSAL.json", help="write here (default: standard output)")
    solve.add_argument(
        "--time-limit", type=_positive, metavar="SECONDS", help="overrides settings.time_limit_s"
    )
    solve.add_argument(
        "--exact",
        action="store_true",
        help="search until the score is proven exactly, not only within the contract's tolerance",
    )
    solve.set_defaults(func=_solve)

    recommend = sub.add_parser("recommend", help="rank the best families for one child of a session file")
    recommend.add_argument("session", metavar="SESSION.json")
    recommend.add_argument("child", metavar="CHILD_ID")
    recommend.add_argument("-n", type=_count, default=10, help="how many families (default 10)")
    recommend.add_argument("--json", action="store_true", help="print JSON instead of text")
    recommend.set_defaults(func=_recommend)

    session = sub.add_parser("session", help="matching sessions from the database")
    session_sub = session.add_subparsers(dest="session_command", required=True)
    export = session_sub.add_parser("export", help="write a session file for the children waiting in the database")
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    export.add_argument("--date", type=_date, help="session date, YYYY-MM-DD (default: today)")
    export.add_argument("--children", type=_children, metavar="C1,C2,...", help="only these waiting children")
    export.add_argument("--safety-km", type=_not_negative, metavar="KM", help="default safety distance (50)")
    export.add_argument("--max-school-km", type=_positive, metavar="KM", help="default school radius (15)")
    export.set_defaults(func=_export)


# -- argument types (argparse turns their ValueError into a one-line exit 2) --


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, not {text}")
    return value


def _positive(text: str) -> float:
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a number > 0, not {text}")
    return value


def _not_negative(text: str) -> float:
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a number >= 0, not {text}")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date (YYYY-MM-DD)') from None


def _children(text: str) -> list[int]:
    try:
        ids = [parse_child_ref(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not ids:
        raise argparse.ArgumentTypeError("name at least one child (C12 or 12)")
    return ids


# -- commands ---------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    problem = read_session(args.session)
    print(f"{args.session}: valid session: {_counts(problem)}")
    return 0


def _counts(p: SessionProblem) -> str:
    """What the file holds; closed units are counted apart from families
    (only when the session has any, so older summaries read as before)."""
    units = sum(1 for f in p.families if f.closed)
    parts = [
        (len(p.children), "child", "children"),
        (len(p.families) - units, "family", "families"),
        *([(units, "closed unit", "closed units")] if units else []),
        (len(p.schools), "school", "schools"),
        (len(p.networks), "network", "networks"),
        (len(p.sibling_groups), "sibling group", "sibling groups"),
        (len(p.pins), "pin", "pins"),
        (len(p.forbidden), "forbidden pair", "forbidden pairs"),
    ]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts)


def _solve(args: argparse.Namespace) -> int:
    problem = read_session(args.session)
    proposal = solver.solve(
        problem, time_limit_s=args.time_limit, on_progress=_progress_printer(), exact=args.exact
    )
    # Last line of defence: a plan that breaks a hard rule (a child within reach
    # of its network) is a bug, and is never written where someone could act on it.
    # An "unknown" proposal holds no plan (not even the pins) to check.
    broken = [] if proposal.status is Status.UNKNOWN else solver.check_proposal(problem, proposal)
    if broken:
        print("placement: the proposal failed its own check and was not written:", file=sys.stderr)
        for line in broken:
            print(f"  {line}", file=sys.stderr)
        return EXIT_INTERNAL
    if args.output:
        write_proposal(proposal, args.output)
        print(f"{proposal.status.value}: {_outcome(proposal, problem)}; proposal written to {args.output}")
    else:
        _print_json(dumps(proposal_to_json(proposal)))
    return EXIT_BY_STATUS[proposal.status]


def _progress_printer() -> Callable[[Progress], None] | None:
    """In a terminal, each better plan found is one line on stderr (a solve
    may take a minute); in scripts and pipes, silence."""
    if not sys.stderr.isatty():
        return None

    def show(p: Progress) -> None:
        print(
            f"{p.elapsed_s:6.1f} s: {p.placed} placed, priority {p.objective.priority}, score {p.objective.score:.1f}",
            file=sys.stderr,
        )

    return show


def _print_json(text: str) -> None:
    """JSON is UTF-8 whatever the console's encoding (a Windows pipe is cp1252)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _outcome(proposal: Proposal, problem: SessionProblem) -> str:
    text = f"{len(proposal.placements)} of {len(problem.children)} children placed"
    if proposal.objective is not None:
        text += f" (priority {proposal.objective.priority}, score {proposal.objective.score:.1f}"
        if proposal.objective.proven_gap is not None:
            text += f", proven within {proposal.objective.proven_gap:.1f} of the best"
        text += ")"
    if proposal.conflicts:
        text += f", {len(proposal.conflicts)} conflicts"
    return text


def _recommend(args: argparse.Namespace) -> int:
    problem = read_session(args.session)
    if args.child not in {c.id for c in problem.children}:
        raise InputError([Problem.of("CHILD_ID", Complaint("session.no_child", {"child": args.child}))], source=args.session)
    result = solver.recommend(problem, args.child, n=args.n)
    if args.json:
        _print_json(dumps(_plain(result)))
        return 0
    for line in _recommendation_lines(result):
        print(line)
    return 0


def _plain(value: Any) -> Any:
    """JSON-ready form of whatever the solver returns (dataclasses, tuples)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _recommendation_lines(result: Any) -> list[str]:
    fitting = "1 family fits" if result.fitting == 1 else f"{result.fitting} families fit"
    lines = [f"{result.child}: {fitting} every hard rule"]
    lines += [f"  excluded by {r.rule}: {r.families} ({r.text})" for r in result.excluded]
    for rank, c in enumerate(result.candidates, start=1):
        school = (
            f"school {c.school} at {c.school_km:.1f} km"
            if c.school
            else str(Explanation(Key.TERM_SCHOOL_ON_SITE)) if c.on_site else "no school"
        )
        network = f", network {c.network_km:.1f} km away" if c.network_km is not None else ""
        lines.append(f"{rank:>3}. {c.family}  score {c.score:.1f}  {school}{network}  free places {c.free_places}")
    return lines


def _must_exist(url: str) -> None:
    """Opening a SQLite file that is not there would create an empty one."""
    parsed = make_url(url)
    path = parsed.database if parsed.get_backend_name() == "sqlite" and parsed.database != ":memory:" else None
    if path and not Path(path).exists():
        raise InputError([Problem.of("--db", Complaint("db.none_at", {"path": path}))])


def _export(args: argparse.Namespace) -> int:
    url = database_url(args)
    _must_exist(url)
    defaults = Settings()
    settings = Settings(
        safety_km=defaults.safety_km if args.safety_km is None else args.safety_km,
        max_school_km=defaults.max_school_km if args.max_school_km is None else args.max_school_km,
    )
    on_date = args.date or dt.date.today()
    db = Database(url)
    try:
        actor = actor_for(args, db)
        with database_problems(url), db.session() as s, s.begin():
            problem = export_problem(s, actor, on_date=on_date, child_ids=args.children, settings=settings)
            # Written inside the transaction: a failed write rolls back the audit rows.
            if args.output:
                write_session(problem, args.output)
            else:
                _print_json(session_text(problem))
    finally:
        db.dispose()
    if args.output:
        print(f"{args.output}: session of {on_date.isoformat()}: {_counts(problem)}")
    return 0
