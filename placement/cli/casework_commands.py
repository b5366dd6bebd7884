"""After the placement, on the command line (all need ``--user``):

- ``placement end CHILD --reason CODE [--on DATE] [--note TEXT]``
- ``child missing CHILD --last-seen "YYYY-MM-DD HH:MM" --risk green|orange|red [--where TEXT]``
- ``child notified CHILD ITEM``, ``child found CHILD --at ...``, ``child interview CHILD --by NAME --at ...``
- ``child history CHILD``, ``family history FAMILY``
- ``family compromised FAMILY --network NETWORK --note TEXT``, ``family review-done FAMILY``

Times are typed in the workstation's local time and stored in UTC; they are
printed in local time again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from placement.aftercare_codes import END_REASONS, NOTIFICATIONS, RISK_GRADES, end_reason_name
from placement.cli.child_commands import add_set_guardian
from placement.cli.exit_codes import EXIT_DENIED
from placement.cli.report_commands import _child_id, _transaction
from placement.services import compromised, history, missing, placements
from placement.services.dossier import police_sheet, printing
from placement.services.registers import child_register


def register(sub: argparse._SubParsersAction) -> None:
    placement = sub.add_parser("placement", help="end a child's current placement")
    placement_sub = placement.add_subparsers(dest="placement_command", required=True)
    end = placement_sub.add_parser(
        "end", help="end the child's current placement with a reason",
        epilog="reasons: " + "; ".join(f"{r.code} ({r.en})" for r in END_REASONS.values()),
    )  # fmt: skip
    end.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    end.add_argument("--reason", required=True, metavar="CODE", help="one of: " + ", ".join(END_REASONS))
    end.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="the last day of the placement (default: today)")
    end.add_argument("--note", default="", help="what happened (needed for the reason 'other')")
    end.set_defaults(func=_end)

    child = sub.add_parser("child", help="missing episodes and the history of a child")
    child_sub = child.add_subparsers(dest="child_command", required=True)
    gone = child_sub.add_parser("missing", help="report a placed child missing")
    gone.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    gone.add_argument("--last-seen", required=True, type=_time, metavar='"YYYY-MM-DD HH:MM"')
    gone.add_argument("--risk", required=True, choices=list(RISK_GRADES),
                      help="; ".join(f"{g.code}: {g.rule_en}" for g in RISK_GRADES.values()))
    gone.add_argument("--where", default="", help="where the child was last seen")
    gone.add_argument("--description", default="", help="what the child wore, looks like")
    gone.set_defaults(func=_missing)

    told = child_sub.add_parser("notified", help="tick a notification of the missing episode")
    told.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    told.add_argument("item", choices=list(NOTIFICATIONS))
    told.add_argument("--at", type=_time, metavar='"YYYY-MM-DD HH:MM"', help="default: now")
    told.set_defaults(func=_notified)

    back = child_sub.add_parser("found", help="the missing child has been found")
    back.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    back.add_argument("--at", required=True, type=_time, metavar='"YYYY-MM-DD HH:MM"')
    back.add_argument("--country", metavar="CODE", help="where found, if abroad (BE, DE, ...)")
    back.set_defaults(func=_found)

    heard = child_sub.add_parser("interview", help="record the return interview after a missing episode")
    heard.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    heard.add_argument("--by", required=True, metavar="NAME", help="who held it (not the placing officer)")
    heard.add_argument("--at", required=True, type=_time, metavar='"YYYY-MM-DD HH:MM"')
    heard.set_defaults(func=_interview)

    sheet = child_sub.add_parser("sheet", help="the missing-person sheet for the police (PDF)")
    sheet.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    sheet.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    sheet.set_defaults(func=_sheet)

    alias = child_sub.add_parser("alias", help="add another name, date of birth or nationality the child is known by")
    alias.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    alias.add_argument("--name", default="")
    alias.add_argument("--born", type=_date, metavar="YYYY-MM-DD")
    alias.add_argument("--nationality", metavar="CODE", help="two letters: RO, BG, NG, ...")
    alias.set_defaults(func=_alias)

    child_history = child_sub.add_parser("history", help="placements, missing episodes and alerts of a child")
    child_history.add_argument("child", metavar="CHILD", type=_child_id, help="C12 or 12")
    child_history.set_defaults(func=_child_history)
    add_set_guardian(child_sub)

    family = sub.add_parser("family", help="compromised families, reviews and the history of a family")
    family_sub = family.add_subparsers(dest="family_command", required=True)
    leak = family_sub.add_parser("compromised", help="a network knows where this family lives")
    leak.add_argument("family", metavar="FAMILY", type=_ref("F", "family"), help="F12 or 12")
    leak.add_argument("--network", required=True, action="append", type=_ref("N", "network"),
                      metavar="NETWORK", help="N3 or 3 (repeat for more networks)")
    leak.add_argument("--note", required=True, help="how the address leaked")
    leak.set_defaults(func=_compromised)

    done = family_sub.add_parser("review-done", help="end the review: the family takes children again")
    done.add_argument("family", metavar="FAMILY", type=_ref("F", "family"), help="F12 or 12")
    done.add_argument("--note", default="", help="the decision")
    done.set_defaults(func=_review_done)

    forget = family_sub.add_parser("remove-location",
                                   help="remove a network location taken from a family's address (needs a reason)")
    forget.add_argument("location", metavar="LOCATION_ID", type=int, help="as family history lists it")
    forget.add_argument("--reason", required=True, help="why the network no longer knows this address")
    forget.set_defaults(func=_remove_location)

    family_history = family_sub.add_parser("history", help="placements, reviews and derived network locations")
    family_history.add_argument("family", metavar="FAMILY", type=_ref("F", "family"), help="F12 or 12")
    family_history.set_defaults(func=_family_history)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date (YYYY-MM-DD)') from None


def _time(text: str) -> dt.datetime:
    """Local "YYYY-MM-DD HH:MM" to naive UTC."""
    try:
        local = dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a time (YYYY-MM-DD HH:MM)') from None
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def _ref(prefix: str, what: str):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        digits = text.strip().upper().removeprefix(prefix)
        if not digits.isdigit():
            raise argparse.ArgumentTypeError(f'"{text}" is not a {what} id (expected {prefix}12 or 12)')
        return int(digits)

    return parse


def local(at: dt.datetime | None) -> str:
    if at is None:
        return "-"
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _end(args: argparse.Namespace) -> int:
    on = args.on or dt.date.today()
    with _transaction(args) as (s, actor):
        placement_id = placements.end_child_placement(s, actor, args.child, on_date=on, reason=args.reason,
                                                      note=args.note)
    reason = END_REASONS[args.reason]
    after = "left care" if reason.leaves_care else "is waiting for a new place"
    print(f"placement {placement_id} of C{args.child} ended on {on.isoformat()} ({reason.en}); the child {after}")
    return 0


def _print_episode(row: missing.EpisodeRow) -> None:
    c = row.clocks
    grade = RISK_GRADES[row.risk]
    print(f"C{row.child_id} missing since {local(row.last_seen_at)}, risk {grade.en} ({grade.rule_en})")
    police = "done" if c.police_done else ("OVERDUE" if c.police_overdue else "due")
    print(f"  police report: {police} (due {local(c.police_due)})")
    for item, (_nl, en) in NOTIFICATIONS.items():
        ticked = row.checklist.get(item)
        mark = f"[x] {local(dt.datetime.fromisoformat(ticked['at']))} by {ticked['by']}" if ticked else "[ ]"
        consent = f" (consent signed by the {c.consent_by})" if item == "comensha" else ""
        print(f"  {mark} {en}{consent}")
    if row.found_at is not None:
        where = f" in {row.found_country}" if row.found_country else ""
        print(f"  found {local(row.found_at)}{where}")
        if row.interview_at is None:
            late = " OVERDUE" if c.interview_overdue else ""
            print(f"  return interview due by {local(c.interview_due)}{late}")
        else:
            print(f"  return interview held {local(row.interview_at)} by {row.interview_by}")
    if c.escalation:
        print("  3 episodes within 30 days: call a strategy meeting and review the placement")


def _missing(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        report = missing.report_missing(s, actor, args.child, last_seen=args.last_seen, risk=args.risk,
                                        where=args.where, description=args.description)
    _print_episode(report.episode)
    r = report.compromise  # the family it ran from
    print(f"family F{r.family_id} paused for review; {len(r.location_ids)} network(s) now know its location; "
          f"{len(r.alerts)} alert(s) raised")
    return 0


def _notified(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        row = missing.tick(s, actor, args.child, args.item, at=args.at)
    _print_episode(row)
    return 0


def _found(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        row = missing.found(s, actor, args.child, at=args.at, country=args.country)
    _print_episode(row)
    return 0


def _interview(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        row = missing.record_interview(s, actor, args.child, held_by=args.by, at=args.at)
    _print_episode(row)
    return 0


def _alias(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        alias_id = child_register.add_alias(s, actor, args.child,
                                      child_register.AliasInput(args.name, args.born, args.nationality))
    print(f"alias {alias_id} added to C{args.child}")
    return 0


def _sheet(args: argparse.Namespace) -> int:
    try:
        with _transaction(args) as (s, actor):
            police_sheet.write_missing_person_sheet(s, actor, args.child, args.output)
    except printing.DossierRefused as exc:
        print(f"refused: {exc}; nothing was written", file=sys.stderr)
        return EXIT_DENIED
    print(f"{args.output}: missing-person sheet of C{args.child} for the police")
    return 0


def _compromised(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        result = compromised.compromise_family(s, actor, args.family, args.network, note=args.note,
                                               source=f"adres gelekt, {dt.date.today().isoformat()}")
    print(f"family F{result.family_id} paused for review; {len(result.location_ids)} network location(s) added; "
          f"{len(result.alerts)} alert(s) raised")
    return 0


def _review_done(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        compromised.end_review(s, actor, args.family, note=args.note)
    print(f"family F{args.family} is active again; the networks' locations stay")
    return 0


def _child_history(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        h = history.child_history(s, actor, args.child)
    print(f"C{h.child_id} {h.name} ({h.status})")
    for a in h.aliases:
        print(f"  also known as: {a}")
    for p in h.placements:
        end = f"{p.end_date.isoformat()} ({end_reason_name(p.end_reason, 'en')})" if p.end_date else "now"
        session = f", session {p.session_id} accepted by {p.accepted_by or '?'}" if p.session_id else ""
        print(f"  F{p.family_id} {p.family_name or ''}, school {p.school or '-'}: {p.start_date.isoformat()} - {end}"
              f"{session}")
    for e in h.episodes:
        _print_episode(e)
    for a in h.alerts:
        state = f"acknowledged by {a.acknowledged_by}" if a.acknowledged_at else "open"
        print(f"  alert {a.id}: N{a.network_id} {a.distance_km:.1f} km (safety {a.safety_km:.0f} km), {state}")
    return 0


def _remove_location(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        compromised.remove_derived_location(s, actor, args.location, reason=args.reason)
    print(f"network location {args.location} removed; the reason is kept in the network's notes")
    return 0


def _family_history(args: argparse.Namespace) -> int:
    with _transaction(args) as (s, actor):
        h = history.family_history(s, actor, args.family)
    print(f"F{h.family_id} {h.name} ({h.status})")
    for p in h.placements:
        end = f"{p.end_date.isoformat()} ({end_reason_name(p.end_reason, 'en')})" if p.end_date else "now"
        print(f"  C{p.child_id} {p.child_name}: {p.start_date.isoformat()} - {end}")
    for r in h.reviews:
        closed = f"ended {local(r.closed_at)} by {r.closed_by}" if r.closed_at else "open"
        print(f"  review since {local(r.opened_at)} ({r.source}): {closed}")
    for loc in h.derived_locations:
        print(f"  location {loc.id}: known to N{loc.network_id} {loc.network_label} since "
              f"{loc.reported_on.isoformat()} ({loc.source})")
    return 0
