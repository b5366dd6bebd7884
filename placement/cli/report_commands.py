"""``placement dossier``, ``placement capacity``, ``placement scenario`` and
``placement alerts``: the printed and reviewed side of the planner. All of
them need a login (``--user``): what they show depends on the user's role."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.cli.db_commands import database_problems, database_url
from placement.cli.exit_codes import EXIT_DENIED
from placement.cli.login import actor_for
from placement.cli.options import add_csv_dialect, row_id
from placement.services import alerts, capacity, scenario
from placement.services.dossier import printing, recipients
from placement.services.matching import parse_child_ref
from placement.spreadsheet_text import CsvDialect
from placement.storage.database import Database


def register(sub: argparse._SubParsersAction) -> None:
    dossier = sub.add_parser("dossier", help="print a child's placement dossier for one recipient (PDF)")
    dossier.add_argument("child", metavar="CHILD_ID", type=_child_id, help="C12 or 12")
    dossier.add_argument("--for", dest="recipient", required=True, choices=[r.value for r in recipients.Recipient],
                         help="who receives it: decides what it shows")
    dossier.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    dossier.set_defaults(func=_dossier)

    review = sub.add_parser("capacity", help="foster capacity per province and region (aggregates only)")
    review.add_argument("--csv", type=Path, metavar="FILE.csv", help="also write the figures as CSV")
    review.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also write the printable report")
    add_csv_dialect(review)
    review.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="default: today")
    review.set_defaults(func=_capacity)

    what_if = sub.add_parser("scenario", help="if COPIES more children like these arrive, how many can we place?")
    what_if.add_argument("children", metavar="CHILD_ID", nargs="+", type=_child_id, help="waiting example children")
    what_if.add_argument("--copies", type=int, default=1, help="arrivals per example child (default 1)")
    what_if.add_argument("--time-limit", type=float, default=scenario.DEFAULT_TIME_LIMIT_S, metavar="SECONDS")
    what_if.set_defaults(func=_scenario)

    alert = sub.add_parser("alerts", help="placements a new or moved network location came too close to")
    alert.add_argument("--ack", type=row_id, metavar="ID", help="acknowledge alert ID")
    alert.set_defaults(func=_alerts)


def _child_id(text: str) -> int:
    try:
        return parse_child_ref(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


@contextmanager
def _transaction(args: argparse.Namespace) -> Iterator[tuple[Session, Actor]]:
    url = database_url(args)
    db = Database(url)
    try:
        actor = actor_for(args, db)
        with database_problems(url), db.session() as s, s.begin():
            yield s, actor
    finally:
        db.dispose()


def _dossier(args: argparse.Namespace) -> int:
    recipient = recipients.Recipient(args.recipient)
    try:
        with _transaction(args) as (s, actor):
            printing.write_dossier(s, actor, args.child, recipient, args.output)
    except printing.DossierRefused as exc:
        print(f"refused: {exc}; nothing was written", file=sys.stderr)
        return EXIT_DENIED
    print(f"{args.output}: dossier of C{args.child} for the {recipient}")
    return 0


def _table(header: list[str], rows: list[list[Any]]) -> None:
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(c.rjust(w) if c.isdigit() else c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _capacity(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        report = capacity.review(s, actor, args.date)
        capacity.export(s, actor, report, csv_path=args.csv, pdf_path=args.pdf,
                        csv_dialect=CsvDialect(args.csv_dialect))
    print(f"Capacity on {report.on_date.isoformat()}: {report.waiting} children waiting")
    _table(["province", "families", "paused", "places", "occupied", "free"],
           [[r.province, r.families, r.paused, r.places, r.occupied, r.free]
            for r in (*report.provinces, report.total)])
    if report.no_fit:
        print("\nNo family fits:")
        _table(["age", "gender", "training", "school", "networks", "children", "blocked most by"],
               [[n.age_band, n.gender, "+".join(n.training) or "-", n.school_kind or "-", n.networks, n.children,
                 n.blocking_rule] for n in report.no_fit])
    for path in (args.csv, args.pdf):
        if path is not None:
            print(f"{path}: written")
    return 0


def _scenario(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        result = scenario.run(s, actor, args.children, args.copies, time_limit_s=args.time_limit)
    print(f"{result.placed} of {result.arrivals} arrivals placed ({result.status})")
    _table(["province", "free", "placed", "left"],
           [[p.province, p.free_before, p.placed, p.free_after] for p in result.provinces])
    print()
    _table(["age", "gender", "training", "arrivals", "placed", "unplaced", "blocked by"],
           [[p.age_band, p.gender, "+".join(p.training) or "-", p.arrivals, p.placed, p.unplaced,
             p.blocking_rule or "-"] for p in result.profiles])
    if result.short_in:
        print("\nRuns short in: " + ", ".join(result.short_in))
    return 0


def _alerts(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        if args.ack is not None:
            row = alerts.acknowledge(s, actor, args.ack)
            print(f"alert {row.id} acknowledged by {row.acknowledged_by}")
            return 0
        rows = alerts.open_alerts(s, actor)
    if not rows:
        print("no open alerts")
        return 0
    _table(["id", "raised", "child", "family", "network", "distance", "safety"],
           [[a.id, a.raised_at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M"), f"C{a.child_id} {a.child_name}",
             f"F{a.family_id} {a.family_name}", f"N{a.network_id} {a.network_label}",
             f"{a.distance_km:.1f} km", f"{a.safety_km:.0f} km"] for a in rows])
    return 0

