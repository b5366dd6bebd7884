"""Import timing: a 20,000-row family file into a fresh SQLite database.

Prints seconds per step (read, dry run, write, dry run of the same file again)
and the total for a first import (dry run + write). Target: under 20 s.

    .venv/bin/python bench/import_bench.py [--rows N] [--xlsx] [--db URL]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from placement.actor import Actor  # noqa: E402
from placement.services import imports  # noqa: E402
from placement.storage import migrate  # noqa: E402
from placement.storage.database import Database, sqlite_url  # noqa: E402
from placement.storage.models import Role  # noqa: E402

HEADER = ["Referentie", "Naam", "Adres", "Postcode", "Plaatsen", "Leeftijd van", "Leeftijd tot", "Geslacht",
          "Talen", "Training", "Status", "Opmerkingen"]
POSTCODES = ["1012 AB", "3011", "9711 CD", "5611", "6811 AA", "2511", "7511 BE", "8011"]
ACTOR = Actor(user_id=None, username="bench", role=Role.OFFICER)


def rows(n: int) -> list[list[object]]:
    return [
        [f"REF-{i:06d}", f"Gezin {i}", f"Dorpsstraat {i % 300 + 1}", POSTCODES[i % len(POSTCODES)], 1 + i % 3,
         i % 6, 12 + i % 9, "v;m" if i % 2 else "", "nl; en" if i % 5 == 0 else "nl",
         "trauma:01-02-2025" if i % 4 == 0 else "", "actief", ""]
        for i in range(n)
    ]


def write_file(folder: Path, n: int, xlsx: bool) -> Path:
    data = rows(n)
    if xlsx:
        import openpyxl

        path = folder / "gezinnen.xlsx"
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Gezinnen")
        sheet.append(HEADER)
        for row in data:
            sheet.append(row)
        book.save(path)
        return path
    path = folder / "gezinnen.csv"
    with path.open("w", encoding="cp1252", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(data)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--xlsx", action="store_true", help="an .xlsx file instead of a cp1252 CSV")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = args.db or sqlite_url(folder / "bench.sqlite")
        migrate.upgrade(url)
        db = Database(url)
        path = write_file(folder, args.rows, args.xlsx)
        store = imports.MappingStore(folder / "mappings.json")
        timings: dict[str, float] = {}

        def timed(name: str, step):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            result = step()
            timings[name] = time.perf_counter() - start
            print(f"{name:<22}{timings[name]:8.2f} s", flush=True)
            return result

        table = timed("read", lambda: imports.read(path))
        mapping = imports.propose_mapping(imports.Kind.FAMILIES, table, store)

        def dry_run() -> imports.ImportPlan:
            with db.session() as s, s.begin():
                return imports.dry_run(s, ACTOR, imports.Kind.FAMILIES, table, mapping)

        plan = timed("dry run", dry_run)

        def write() -> None:
            with db.session() as s, s.begin():
                imports.apply(s, ACTOR, plan, table, store=store)

        timed("write", write)
        again = timed("dry run again", dry_run)
        db.dispose()
    first = timings["read"] + timings["dry run"] + timings["write"]
    print(f"{'first import total':<22}{first:8.2f} s  ({args.rows} rows, {path.suffix}; target < 20 s)")
    print(f"re-import: {again.summary()}")


if __name__ == "__main__":
    main()
