"""``placement import`` and ``placement export``: the registries to and from spreadsheets.

The import always shows its per-row report; without ``--dry-run`` it then
writes everything in one transaction, or, when any row is rejected or a likely
duplicate is undecided, nothing (exit 2, one line per row on stderr).
"""

from __future__ import annotations

import argparse
import sys

from catalogue.validation_sentences import Complaint
from placement.cli.login import actor_for
from placement.cli.options import add_csv_dialect
from placement.errors import InputError, Problem
from placement.importing.headers import FIELDS, Kind, MappingStore, parse_mapping
from placement.importing.plan import Decision
from placement.services import exports, imports
from placement.spreadsheet_text import CsvDialect
from placement.storage.database import Database

_KINDS = [k.value for k in Kind]
_DECISIONS = [d.value for d in Decision]


def _fields_help() -> str:
    lines = ["fields (* = required; Dutch and English headers are recognised):"]
    for kind, fields in FIELDS.items():
        lines.append(f"  {kind}: " + ", ".join(f.name + ("*" if f.required else "") for f in fields))
    lines += [
        "lists are separated by ';' (',' works too, except between network labels);",
        "dates are dd-mm-yyyy or yyyy-mm-dd, training items are tag, tag:completed or",
        "tag:completed:expires (no date: completed on the import date). Schools also read",
        "DUO's 'alle vestigingen' files as they are; a school needs duo_code, or brin with",
        "location_number; a network location a postcode, or lat and lon.",
    ]
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="import families, children, schools or network locations (CSV/XLSX)",
        description="Show per row what an import would create, update or reject; then write all rows or none.",
        epilog=_fields_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=_KINDS)
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="only show what would happen; write nothing")
    p.add_argument("--mapping", help='column mapping as JSON or a JSON file: {"Header": "field" or null}')
    p.add_argument("--sheet", help="the sheet of an .xlsx file (default: the first)")
    p.add_argument(
        "--duplicates", choices=_DECISIONS, help="what to do with every likely duplicate (default: ask)"
    )
    p.add_argument(
        "--decide", action="append", default=[], metavar="ROW=DECISION",
        help="decision for one likely duplicate, e.g. 7=skip (create, update or skip); may be repeated",
    )
    p.set_defaults(func=run_import)

    e = sub.add_parser("export", help="export a registry to CSV or XLSX")
    e.add_argument("kind", choices=_KINDS)
    e.add_argument("-o", "--output", required=True, help="FILE.csv or FILE.xlsx")
    add_csv_dialect(e)
    e.set_defaults(func=run_export)


def _mapping(kind: Kind, table: imports.Table, text: str | None, store: MappingStore) -> dict[str, str | None]:
    mapping = imports.propose_mapping(kind, table, store)
    if text:
        given = parse_mapping(text)
        for field in {f for f in given.values() if f}:
            for header, mapped in mapping.items():
                if mapped == field:
                    mapping[header] = None
        mapping.update(given)
    return mapping


def _decisions(args: argparse.Namespace, plan: imports.ImportPlan) -> dict[int, Decision]:
    decisions: dict[int, Decision] = {}
    if args.duplicates:
        decisions = {r.number: Decision(args.duplicates) for r in plan.undecided}
    problems = []
    for item in args.decide:
        row, _, choice = item.partition("=")
        if not row.strip().isdigit() or choice.strip() not in _DECISIONS:
            problems.append(Problem.of("--decide", Complaint("cli.decide_item", {"item": item})))
        else:
            decisions[int(row)] = Decision(choice.strip())
    if problems:
        raise InputError(problems)
    return decisions


def run_import(args: argparse.Namespace) -> int:
    kind = Kind(args.kind)
    store = MappingStore()
    table = imports.read(args.file, args.sheet)
    mapping = _mapping(kind, table, args.mapping, store)
    db = Database(args.db)
    try:
        actor = actor_for(args, db)
        with db.session() as s, s.begin():
            plan = imports.dry_run(s, actor, kind, table, mapping)
            decisions = _decisions(args, plan)
            if decisions:
                plan = imports.dry_run(s, actor, kind, table, mapping, decisions)
        if plan.layout:
            print(f"{table.source}: layout {plan.layout}")
        for row in plan.rows:
            if row.action is not imports.Action.REJECT:  # a rejected row's lines go to stderr below
                for line in row.describe():
                    print(line)
        print(plan.summary())
        if not plan.can_apply:
            raise InputError(plan.blocking_problems(), table.source)
        if args.dry_run:
            return 0
        with db.session() as s, s.begin():
            imports.apply(s, actor, plan, table, store=store)
        print(f"{table.source}: imported ({plan.count(imports.Action.CREATE)} created, "
              f"{plan.count(imports.Action.UPDATE)} updated)")
        return 0
    finally:
        db.dispose()


def run_export(args: argparse.Namespace) -> int:
    db = Database(args.db)
    try:
        actor = actor_for(args, db)
        with db.session() as s, s.begin():
            count = exports.export_registry(s, actor, Kind(args.kind), args.output, CsvDialect(args.csv_dialect))
    finally:
        db.dispose()
    print(f"{args.output}: {count} rows", file=sys.stderr)
    return 0
