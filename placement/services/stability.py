"""Stability figures for managers, per responsible region and quarter:
placements started and ended (by reason), breakdowns per 100 placement-years,
the median duration of the placements that ended, and missing episodes per
100 children in care.

Aggregates only, with small counts suppressed: a count below 5 is shown as
"<5", and a rate or median built on fewer than 5 events likewise, so nobody
can work back to one child. They are computed by an officer's capacity review
and stored with its snapshot, which is all a manager reads on a server.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from placement.aftercare_codes import END_REASONS
from placement.capacity_figures import StabilityRow
from placement.storage.models import Child, MissingEpisode, Placement

SMALL = 5
SUPPRESSED = "<5"
QUARTERS = 4
UNKNOWN_REGION = "onbekend"
OTHER = "other"


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


def last_quarters(day: dt.date, n: int = QUARTERS) -> list[tuple[str, dt.date, dt.date]]:
    """The ``n`` quarters up to the one holding ``day``, oldest first: ("2026-K4", first day, last day)."""
    year, quarter = quarter_of(day)
    out = []
    for _ in range(n):
        out.append((f"{year}-K{quarter}", *_bounds(year, quarter)))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return out[::-1]


def count_text(n: int) -> str:
    return SUPPRESSED if 0 < n < SMALL else str(n)


def _overlap_days(start: dt.date, end: dt.date, q_start: dt.date, q_end: dt.date) -> int:
    return max(0, (min(end, q_end) - max(start, q_start)).days + 1)


def figures(session: Session, on_date: dt.date) -> list[StabilityRow]:
    """The figures for the last four quarters up to ``on_date`` (the current one
    counted up to that day). The caller checks the permission."""
    region_of = dict(session.execute(select(Child.id, Child.region)).all())
    placements = session.execute(
        select(Placement.child_id, Placement.start_date, Placement.end_date, Placement.end_reason)
    ).all()
    episodes = session.execute(select(MissingEpisode.child_id, MissingEpisode.last_seen_at)).all()
    regions = sorted({region_of.get(c) or UNKNOWN_REGION for c, *_ in placements})
    rows: list[StabilityRow] = []
    for name, q_start, q_end in last_quarters(on_date):
        q_end = min(q_end, on_date)
        for region in regions:
            mine = [p for p in placements if (region_of.get(p.child_id) or UNKNOWN_REGION) == region]
            started = sum(q_start <= p.start_date <= q_end for p in mine)
            ended = [p for p in mine if p.end_date is not None and q_start <= p.end_date <= q_end]
            by_reason: dict[str, int] = defaultdict(int)
            for p in ended:
                by_reason[p.end_reason if p.end_reason in END_REASONS else OTHER] += 1
            breakdowns = sum(by_reason.get(code, 0) for code, r in END_REASONS.items() if r.breakdown)
            days = sum(_overlap_days(p.start_date, p.end_date or on_date, q_start, q_end) for p in mine
                       if p.start_date <= q_end)  # fmt: skip
            in_care = {p.child_id for p in mine if p.start_date <= q_end and (p.end_date or on_date) >= q_start}
            gone = sum(1 for e in episodes if e.child_id in in_care and q_start <= e.last_seen_at.date() <= q_end)
            durations = [(p.end_date - p.start_date).days for p in ended]

            def add(measure: str, value: str) -> None:
                rows.append(StabilityRow(region, name, measure, value))  # noqa: B023 - used at once

            add("started", count_text(started))
            add("ended", count_text(len(ended)))
            for code in sorted(by_reason):
                add(f"ended:{code}", count_text(by_reason[code]))
            if breakdowns == 0:
                add("breakdowns_per_100_placement_years", "0" if days else "-")
            elif breakdowns < SMALL:
                add("breakdowns_per_100_placement_years", SUPPRESSED)
            else:
                add("breakdowns_per_100_placement_years", f"{100 * breakdowns / (days / 365.25):.1f}")
            add("median_duration_days", str(round(statistics.median(durations))) if len(durations) >= SMALL
                else (SUPPRESSED if durations else "-"))  # fmt: skip
            if gone == 0:
                add("missing_per_100_children", "0" if in_care else "-")
            elif gone < SMALL:
                add("missing_per_100_children", SUPPRESSED)
            else:
                add("missing_per_100_children", f"{100 * gone / len(in_care):.1f}")
    return rows
