"""The leak check against disguised secrets: each variant a security review
planted in a child's notes (an invisible character in a network label, a
look-alike letter in another child's name, coordinates in another notation,
part of a network's intelligence) is written into a note an officer marked
shareable, and the copy for the foster family must be refused. Notes that are
not marked shareable stay out of the outside copies, which say so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from placement.actor import Actor
from placement.services.dossier import leaks, printing, recipients
from placement.services.dossier.printing import DossierRefused
from placement.services.dossier.recipients import Leak, Recipient
from placement.storage.models import Child, Network, Role
from tests.placement import report_fixtures as fx

AT = dt.datetime(2026, 11, 20, 9, 30)
OFFICER = Actor(user_id=2, username="officer1", role=Role.OFFICER, workstation="ws-1")
INTEL = "Ophaalpunt achter de garage aan de Havenweg, elke vrijdag na zonsondergang."


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("leaks") / "template.sqlite")


@pytest.fixture
def db(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    database = fx.copy_of(template, tmp_path)
    with database.session() as s, s.begin():
        s.scalars(select(Network).where(Network.label == fx.CANARY_NETWORK)).one().notes = INTEL
    yield database
    database.dispose()


def _mila(s) -> Child:  # type: ignore[no-untyped-def]
    return s.scalars(select(Child).where(Child.name == "Mila Petrova")).one()


def _write(db, notes: str, recipient: Recipient, target: Path) -> str:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        child = _mila(s)
        child.notes = notes
        s.flush()
        printing.write_dossier(s, OFFICER, child.id, recipient, target, AT)
    return " ".join(leaks.pdf_text(target.read_bytes()).split())


ZWSP, SOFT_HYPHEN, LRM = "\u200b", "\u00ad", "\u200e"
CYRILLIC_A, CYRILLIC_CAPITAL_A = "\u0430", "\u0410"

VARIANTS = [
    ("zero-width space in the network", "CANARY" + ZWSP + "-NET", Leak.NETWORK_LABEL),
    ("soft hyphen in the network", "CANA" + SOFT_HYPHEN + "RY-NET", Leak.NETWORK_LABEL),
    ("Cyrillic A in the network", "C" + CYRILLIC_CAPITAL_A + "NARY-NET", Leak.NETWORK_LABEL),
    ("Greek capitals in the network", "C\u0391\u039d\u0391R\u03a5-\u039d\u0395\u03a4", Leak.NETWORK_LABEL),
    ("lower-case location", fx.CANARY_LOCATION.lower(), Leak.LOCATION_LABEL),
    ("zero-width space in an address", "Vogel" + ZWSP + "zang 12", Leak.OTHER_ADDRESS),
    ("bidi mark in an address", "Vogelzang" + LRM + " 12", Leak.OTHER_ADDRESS),
    ("coordinates to two decimals", "52.37, 4.90", Leak.COORDINATES),
    ("coordinates cut off at two decimals, comma", "52,37 4,89", Leak.COORDINATES),
    ("coordinates with comma decimals", "52,3735", Leak.COORDINATES),
    ("coordinates in DMS", "52°22'24.6\"N 4°53'42.4\"E", Leak.COORDINATES),
    ("coordinates in degrees and minutes", "52° 22' N, 4° 54' O", Leak.COORDINATES),
    ("coordinates with a degree sign and a minus", "-4.8951°", Leak.COORDINATES),
    ("Cyrillic a in another child's name", "Z" + CYRILLIC_A + "ra Kanarie-Anders", Leak.OTHER_CHILD),
    ("another child's first name alone", "Zara", Leak.OTHER_CHILD),
    ("another child's surname part, look-alike", "K" + CYRILLIC_A + "narie", Leak.OTHER_CHILD),
    ("part of a network's intelligence", "achter de garage aan de Havenweg", Leak.INTELLIGENCE),
]


@pytest.mark.parametrize(("planted", "leak"), [(v, leak) for _, v, leak in VARIANTS],
                         ids=[name for name, _, _ in VARIANTS])
def test_a_disguised_secret_in_a_shared_note_is_refused(db, tmp_path: Path, planted: str, leak: Leak) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "foster.pdf"
    with pytest.raises(DossierRefused) as refused:
        _write(db, f"{recipients.SHAREABLE_MARK} Let op: {planted}.", Recipient.FOSTER_FAMILY, target)
    assert leak in refused.value.leaks
    assert planted not in str(refused.value)
    assert not target.exists()


def test_harmless_numbers_and_words_in_a_shared_note_are_printed(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # a latitude-like number alone to two decimals is not a place; "de" and "van" are nobody's name
    note = "Speelt graag met de hond van de buren; woog 52.37 kg bij de keuring. Houdt van tekenen."
    text = _write(db, f"{recipients.SHAREABLE_MARK} {note}", Recipient.FOSTER_FAMILY, tmp_path / "f.pdf")
    assert note in text
    assert recipients.NOTES_LEFT_OUT not in text


def test_notes_not_marked_shareable_stay_out_of_the_outside_copies_which_say_so(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    notes = f"Moeder belt soms anoniem.\n{recipients.SHAREABLE_MARK.upper()} Slaapt met een knuffel."
    foster = _write(db, notes, Recipient.FOSTER_FAMILY, tmp_path / "foster.pdf")
    school = _write(db, notes, Recipient.SCHOOL, tmp_path / "school.pdf")
    guardian = _write(db, notes, Recipient.GUARDIAN, tmp_path / "guardian.pdf")
    for outside in (foster, school):
        assert "Slaapt met een knuffel." in outside
        assert "anoniem" not in outside
        assert recipients.NOTES_LEFT_OUT in outside
    assert "Moeder belt soms anoniem. Slaapt met een knuffel." in guardian
    assert recipients.SHAREABLE_MARK not in guardian and recipients.NOTES_LEFT_OUT not in guardian


def test_the_guardians_copy_refuses_another_childs_first_name_in_the_notes(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DossierRefused) as refused:
        _write(db, "Speelt veel met Zara.", Recipient.GUARDIAN, tmp_path / "g.pdf")
    assert refused.value.leaks == (Leak.OTHER_CHILD,)


def test_folding_keeps_different_names_apart() -> None:
    from placement import textfold

    assert textfold.words("Mаria") == textfold.words("MARIA")  # Cyrillic а
    assert textfold.words("Dorps\u00adstraat") == textfold.words("dorpsstraat")
    assert textfold.words("Ilse") == textfold.words("llse")
    assert textfold.words("Maria") != textfold.words("Marta")
    assert textfold.words("Zoë") != textfold.words("Zoe")


def test_characters_the_font_cannot_print_are_still_checked_in_the_text() -> None:
    # DejaVu has no full-width forms (they print as empty boxes), but text that
    # reaches the check some other way is folded all the same
    forbidden = {Leak.COORDINATES: frozenset({"52.3735 4.8951"}), Leak.NETWORK_LABEL: frozenset({"CANARY-NET"})}
    assert leaks.leaks_in_text("ｐｌａｃｅ ５２．３７３５ ＣＡＮＡＲＹ－ＮＥＴ", forbidden) == [
        Leak.COORDINATES, Leak.NETWORK_LABEL]
    assert leaks.leaks_in_text("٥٢٫٣٧٣٥", forbidden) == []  # Arabic decimal separator: not a dot
    assert leaks.leaks_in_text("٥٢.٣٧٣٥", forbidden) == [Leak.COORDINATES]
