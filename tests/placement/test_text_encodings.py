"""Names as the families write them survive every file the app reads and
writes: Excel's UTF-16 "Unicode text" in, CSV (UTF-8 with BOM, so Excel shows
it right) and XLSX out, and back in unchanged."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from placement.importing.headers import Kind
from placement.services import exports
from placement.storage.database import Database
from tests.placement.import_support import (
    FAMILY_HEADER,
    OFFICER,
    import_file,
    plan_file,
    private_data_dir,  # noqa: F401 - autouse fixture
    snapshot,
    write_csv,
)

NAMES = ["Familie Bălan", "Семейство Петрови", "Familie Țăranu-Dragoș"]
NOTES = "Ștefan Bălan en Мария Петрова spreken Roemeens, Bulgaars en Romani"


@pytest.fixture
def registry(sqlite_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Three families read from the tab-separated UTF-16 file Excel saves as "Unicode text"."""
    rows = [FAMILY_HEADER] + [
        [f"REF-{i}", name, f"Dorpsstraat {i + 1}", "3011", "1", "0", "17", "", "ro; bg", "", "actief", NOTES]
        for i, name in enumerate(NAMES)
    ]
    source = write_csv(tmp_path / "excel.txt", rows, encoding="utf-16", delimiter="\t")
    assert source.read_bytes().startswith(codecs.BOM_UTF16_LE)
    db = Database(sqlite_url)
    import_file(db, Kind.FAMILIES, source)
    yield db
    db.dispose()


def test_unicode_text_from_excel_imports_every_letter(registry: Database) -> None:
    families = snapshot(registry)["families"]
    flat = [str(v) for row in families for v in row]
    assert sorted(n for n in flat if n in NAMES) == sorted(NAMES)
    assert flat.count(NOTES) == 3


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_keeps_the_names_and_imports_back_unchanged(
    registry: Database, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"families{suffix}"
    with registry.session() as s, s.begin():
        exports.export_registry(s, OFFICER, Kind.FAMILIES, target)
    if suffix == ".csv":
        raw = target.read_bytes()
        assert raw.startswith(codecs.BOM_UTF8)  # without it Excel shows "FamilieÂ BÄƒlan"
        assert all(name in raw.decode("utf-8-sig") for name in NAMES)
    assert target.stat().st_mode & 0o077 == 0  # addresses: for the owner only
    assert {str(r.action) for r in plan_file(registry, Kind.FAMILIES, target).rows} == {"unchanged"}
