"""Report timing on the demo database (400 families, 80 waiting children):
the capacity review (with the no-fit analysis), its PDF, a what-if scenario
and a batch of dossiers. Prints seconds per step.

    .venv/bin/python bench/reports_bench.py [--dossiers N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from placement.actor import Actor  # noqa: E402
from placement.services import capacity, scenario  # noqa: E402
from placement.services.demo import build_demo_database  # noqa: E402
from placement.services.dossier import printing, recipients  # noqa: E402
from placement.storage.database import Database, sqlite_url  # noqa: E402
from placement.storage.models import Placement, PlacementStatus, Role  # noqa: E402

OFFICER = Actor(user_id=None, username="bench", role=Role.OFFICER)


def timed(label: str, start: float) -> float:
    now = time.perf_counter()
    print(f"{label:<40} {now - start:6.2f} s")
    return now


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reports-bench-"))
    url = sqlite_url(work / "demo.sqlite")
    t = time.perf_counter()
    build_demo_database(url, seed=7)
    t = timed("demo database", t)
    db = Database(url)
    with db.session() as s, s.begin():
        report = capacity.review(s, OFFICER)
        t = timed(f"capacity review ({report.waiting} waiting)", t)
        capacity.export(s, OFFICER, report, pdf_path=work / "capacity.pdf", csv_path=work / "capacity.csv")
        t = timed("capacity PDF + CSV", t)
        profiles = scenario.waiting_profiles(s, OFFICER)
        result = scenario.run(s, OFFICER, [p.example_child_id for p in profiles[:5]], 10)
        t = timed(f"scenario ({result.arrivals} arrivals, {result.placed} placed)", t)
        ids = list(s.scalars(select(Placement.child_id).where(Placement.status == PlacementStatus.ACTIVE)))
        batch = printing.write_dossiers(s, OFFICER, ids[: args.dossiers], recipients.Recipient.GUARDIAN, work / "d")
        timed(f"{len(batch.written)} guardian dossiers", t)
    db.dispose()


if __name__ == "__main__":
    main()
