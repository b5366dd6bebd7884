"""Reading what offices and DUO actually send: encodings, separators, headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement.errors import InputError
from placement.importing.headers import Kind, recognise
from placement.importing.readers import read_table


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";"), ("cp1252", "\t")],
)
def test_encodings_and_separators(tmp_path: Path, encoding: str, delimiter: str) -> None:
    text = delimiter.join(["Naam", "Plaats", "Opmerkingen"]) + "\r\n"
    text += delimiter.join(["Hoëvenaar", "Sint-Oedenrode", '"Café; € 5, één"']) + "\r\n\r\n"
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.headers == ("Naam", "Plaats", "Opmerkingen")
    assert [r.cells for r in table.rows] == [("Hoëvenaar", "Sint-Oedenrode", "Café; € 5, één")]


def test_bytes_cp1252_does_not_define_still_read(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"naam;postcode\r\nA\x81B;3011\r\n")
    assert read_table(path).rows[0].cells == ("A\x81B", "3011")


def test_row_numbers_are_those_of_the_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("\nnaam;postcode\nA;3011\n;\nB;2511\n", encoding="utf-8")
    assert [r.number for r in read_table(path).rows] == [3, 5]


def test_empty_and_repeated_headers_get_names(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("naam;;naam;postcode\nA;x;B;3011\n", encoding="utf-8")
    assert read_table(path).headers == ("naam", "column 2", "naam (2)", "postcode")


def test_unreadable_files_say_why(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "fake.xlsx").write_text("not a zip", encoding="utf-8")
    (tmp_path / "notes.pdf").write_text("x", encoding="utf-8")
    problems = []
    for name in ("empty.csv", "fake.xlsx", "notes.pdf"):
        with pytest.raises(InputError) as caught:
            read_table(tmp_path / name)
        problems.extend(caught.value.lines())
    assert problems == [
        "empty.csv: the file is empty (no header row)",
        "fake.xlsx: cannot read the file (not a readable .xlsx file)",
        "notes.pdf: unsupported file type (use .csv or .xlsx)",
    ]


def test_dutch_and_english_headers_are_recognised() -> None:
    assert recognise(Kind.CHILDREN, ["Geboorte-datum", "NAAM", "Geslacht", "Schoolsoort", "Prioriteit", "Talen",
                                     "Broers en zussen", "Kleur"]) == {
        "Geboorte-datum": "date_of_birth", "NAAM": "name", "Geslacht": "gender", "Schoolsoort": "school_kind",
        "Prioriteit": "priority", "Talen": "languages", "Broers en zussen": "sibling_group", "Kleur": None,
    }
    assert recognise(Kind.FAMILIES, ["Name", "Postal code", "Places", "Age from", "Age to", "Date of birth"]) == {
        "Name": "name", "Postal code": "postcode", "Places": "total_places", "Age from": "age_min",
        "Age to": "age_max", "Date of birth": None,
    }
    # the first column wins when two could hold the same field
    assert recognise(Kind.FAMILIES, ["naam", "name"]) == {"naam": "name", "name": None}
