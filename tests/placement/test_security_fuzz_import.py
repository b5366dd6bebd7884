"""Fuzzed spreadsheet imports: whatever bytes arrive as a .csv or .xlsx file,
and whatever the cells of a family list hold, reading and the dry run raise
only InputError (or report per-row problems) and change nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from placement.errors import InputError
from placement.importing.headers import Kind
from placement.services import imports
from placement.storage.database import Database
from placement.storage.models import AuditEntry, FosterFamily
from tests.placement.import_support import OFFICER, TODAY

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
HEADERS = ["naam", "postcode", "plaatsen", "leeftijd van", "leeftijd tot", "geslacht", "talen", "training", "adres"]
cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "3511AB", "9999ZZ", "3", "-1", "21", "2.5", "f,m", "x", "nl", "exploitation", "=1+1", "NaN"]),
    st.integers(-(10**12), 10**12).map(str),
)


@FUZZ
@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_arbitrary_files_raise_only_input_errors(tmp_path: Path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(raw)
    try:
        imports.read(path)
    except InputError as exc:
        assert exc.problems


@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=6))
def test_arbitrary_family_rows_in_a_dry_run_change_nothing(tmp_path: Path, sqlite_url: str, rows: list[list[str]]) -> None:
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows([HEADERS, *rows])
    path = tmp_path / "families.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    db = Database(sqlite_url)
    try:
        with db.session() as s:
            before = (s.scalar(select(func.count(FosterFamily.id))), s.scalar(select(func.count(AuditEntry.id))))
        try:
            table = imports.read(path)
            mapping = imports.propose_mapping(Kind.FAMILIES, table, None)
            with db.session() as s, s.begin():
                imports.dry_run(s, OFFICER, Kind.FAMILIES, table, mapping, None, today=TODAY)
        except InputError as exc:
            assert exc.problems
        with db.session() as s:
            families = s.scalar(select(func.count(FosterFamily.id)))
            audits = s.scalar(select(func.count(AuditEntry.id)))
        assert families == before[0]  # a dry run writes no family
        assert audits is not None and audits <= (before[1] or 0) + 1  # at most its own audit row
    finally:
        db.dispose()
