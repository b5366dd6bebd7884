"""Office server timing: logging in as one's own login role, and a session
export under row-level security against the same export as the owner.

Sets up a throwaway installation on the PostgreSQL server given by the
superuser URL (default: PLACEMENT_TEST_POSTGRES_URL), as the README's office
installation does: an owner, `db upgrade`, an administrator and an officer.
Fills it with the demo data plus N imported families, then prints seconds.
Targets: login <= 1 s; export as officer at most 20 % slower than as owner.
Everything it made is dropped at the end.

    .venv/bin/python bench/server_security_bench.py [--families 5000] [--superuser-url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from sqlalchemy import make_url  # noqa: E402

from bench.import_bench import write_file  # noqa: E402
from placement.actor import Actor  # noqa: E402
from placement.services import imports, matching, server_accounts, users  # noqa: E402
from placement.services.demo import build_demo_database  # noqa: E402
from placement.storage import migrate  # noqa: E402
from placement.storage.database import Database  # noqa: E402
from placement.storage.models import Role  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=5_000, help="families imported beside the demo's")
    parser.add_argument("--superuser-url", default=os.environ.get("PLACEMENT_TEST_POSTGRES_URL"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.superuser_url:
        sys.exit("give --superuser-url or set PLACEMENT_TEST_POSTGRES_URL")
    server = make_url(args.superuser_url)
    tag = secrets.token_hex(4)
    database, owner, officer = f"bench_{tag}", f"bench_owner_{tag}", f"bench_officer_{tag}"
    password = "bench password " + tag

    def superuser(dbname: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(host=server.host, port=server.port, user=server.username,
                               password=server.password, dbname=dbname, autocommit=True)  # fmt: skip

    with superuser() as conn:
        conn.execute(f"CREATE ROLE \"{owner}\" LOGIN CREATEROLE PASSWORD '{password}'")
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    with superuser(database) as conn:
        conn.execute(f'ALTER SCHEMA public OWNER TO "{owner}"')
    host = f"{server.host}:{server.port}/{database}"
    owner_url = f"postgresql://{owner}:{password.replace(' ', '%20')}@{host}"
    office_url = f"postgresql://{host}"
    try:
        migrate.upgrade(owner_url)
        build_demo_database(owner_url, seed=1)
        as_owner = Database(owner_url)
        with as_owner.session() as s, s.begin():
            server_accounts.create_user(s, officer, "Bench", Role.OFFICER, password)
        with tempfile.TemporaryDirectory() as tmp:
            table = imports.read(write_file(Path(tmp), args.families, False))
            actor = Actor(user_id=None, username=owner, role=Role.OFFICER)
            store = imports.MappingStore(Path(tmp) / "mappings.json")
            with as_owner.session() as s, s.begin():
                mapping = imports.propose_mapping(imports.Kind.FAMILIES, table, store)
                plan = imports.dry_run(s, actor, imports.Kind.FAMILIES, table, mapping)
                imports.apply(s, actor, plan, table, store=store)

        logins = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            db = Database(office_url)
            logged_in = users.log_in(db, officer, password)
            logins.append(time.perf_counter() - start)
        print(f"login as an officer's own role: median {statistics.median(logins):.3f} s "
              f"(max {max(logins):.3f} s; target <= 1 s)")

        def export_seconds(database_: Database, actor_: Actor) -> float:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                with database_.session() as s, s.begin():
                    problem = matching.export_problem(s, actor_, on_date=dt.date.today())
                times.append(time.perf_counter() - start)
            print(f"  {len(problem.families)} families, {len(problem.children)} children")
            return statistics.median(times)

        owner_actor = Actor(user_id=None, username=owner, role=Role.OFFICER)
        as_owner_s = export_seconds(as_owner, owner_actor)
        as_officer_s = export_seconds(db, logged_in)
        print(f"session export as the owner:           {as_owner_s:.2f} s")
        print(f"session export as an officer (RLS on): {as_officer_s:.2f} s "
              f"({(as_officer_s / as_owner_s - 1) * 100:+.0f} %; target <= +20 %)")
        db.dispose()
        as_owner.dispose()
    finally:
        with superuser() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in (officer, *(f"{database}_{g}" for g in ("officer", "manager", "guardian", "administrator")),
                         owner):  # fmt: skip
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


if __name__ == "__main__":
    main()
