"""Dossiers read back with pypdf: what each recipient sees, and what never
reaches a copy they may not see (the CANARY values of the fixture)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab import rl_config
from sqlalchemy import select

from placement.actor import Actor
from placement.documents.styles import para
from placement.errors import InputError, PermissionDenied
from placement.services.dossier import gathering, layout, leaks, printing, recipients
from placement.services.dossier.printing import DossierRefused
from placement.services.dossier.recipients import Leak, Recipient
from placement.storage.models import AuditEntry, Child, Role, User
from tests.placement import report_fixtures as fx

AT = dt.datetime(2026, 11, 20, 9, 30)
OFFICER = Actor(user_id=2, username="officer1", role=Role.OFFICER, workstation="ws-1")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("dossier") / "template.sqlite")


@pytest.fixture
def db(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    database = fx.copy_of(template, tmp_path)
    yield database
    database.dispose()


def child_id(db, name: str) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalars(select(Child.id).where(Child.name == name)).one()


def text_of(db, recipient: Recipient, name: str = "Mila Petrova", actor: Actor = OFFICER) -> str:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        pdf = printing.make_dossier(s, actor, child_id(db, name), recipient, AT)
    return " ".join(leaks.pdf_text(pdf).split())


NEVER = [fx.CANARY_LOCATION, "CANARY-INTEL", fx.OTHER_CHILD, "52.3735", "6.0921", "52,5116", fx.SIBLING_FAMILY_ADDRESS]


def test_guardian_copy_holds_the_whole_file_but_no_coordinates_or_intelligence(db) -> None:  # type: ignore[no-untyped-def]
    text = text_of(db, Recipient.GUARDIAN)
    for seen in ["Mila Petrova", "02-03-2016", "Bulgaars", "criminele uitbuiting", fx.CANARY_ADDRESS,
                 "Familie Jansen", "Basisschool De Regenboog", fx.SIBLING, fx.SIBLING_FAMILY, "150 km",
                 "gemeente Amsterdam", "gemeente Rotterdam", "buitenland", fx.CANARY_NETWORK, "60 km",
                 "Gedeelde taal", "+30,0", "+48,6", "matchingsessie", "mr. G. de Voogd", "Handtekening",
                 "VERTROUWELIJK", "Uitsluitend voor: de voogd", "pagina 1 van 2", "pagina 2 van 2",
                 "door officer1", "20-11-2026 09:30",
                 # the matching report: per-rule points in Dutch, the alternative weighed, the rules' toll
                 "deelt een taal", "28,4 km ruimer dan vereist",
                 "voldeed aan alle harde regels; score +9,6", "school: 2 gezinnen"]:
        assert seen in text, seen
    for hidden in NEVER:
        assert hidden not in text, hidden


def test_foster_family_copy_names_areas_to_avoid_but_no_network_or_other_families(db) -> None:  # type: ignore[no-untyped-def]
    text = text_of(db, Recipient.FOSTER_FAMILY)
    for seen in ["Mila Petrova", fx.CANARY_ADDRESS, fx.SIBLING, "in een ander pleeggezin", "gemeente Amsterdam",
                 "buitenland", "Uitsluitend voor: het pleeggezin", "mr. G. de Voogd"]:
        assert seen in text, seen
    for hidden in [*NEVER, fx.CANARY_NETWORK, "Bende Schelde", fx.SIBLING_FAMILY, "Groningen",
                   "matchingsessie", "Familie Bakker"]:
        assert hidden not in text, hidden


def test_school_copy_says_who_may_collect_and_nothing_about_home_or_network(db) -> None:  # type: ignore[no-untyped-def]
    text = text_of(db, Recipient.SCHOOL)
    for seen in ["Mila Petrova", "Familie Jansen", "Ophaalbevoegden", "mr. G. de Voogd",
                 "Geef het kind nooit mee aan iemand die niet op de lijst", "Uitsluitend voor: de school"]:
        assert seen in text, seen
    for hidden in [*NEVER, fx.CANARY_ADDRESS, "Kanariestraat", fx.CANARY_POSTCODE, fx.CANARY_NETWORK,
                   "Amsterdam", "Rotterdam", "buitenland", fx.SIBLING, fx.SIBLING_FAMILY, "Zwolle",
                   "criminele uitbuiting", "knuffel", "matchingsessie"]:
        assert hidden not in text, hidden


def test_a_policy_bug_that_would_show_the_address_to_the_school_is_refused_and_nothing_written(
    db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    buggy = recipients.POLICIES[Recipient.GUARDIAN]  # prints the address and the network
    monkeypatch.setitem(recipients.POLICIES, Recipient.SCHOOL,
                        recipients.Policy(**{**{f: getattr(buggy, f) for f in buggy.__slots__},
                                           "may_not_see": recipients.POLICIES[Recipient.SCHOOL].may_not_see}))
    target = tmp_path / "out" / "school.pdf"
    with db.session() as s, s.begin(), pytest.raises(DossierRefused) as refused:
        printing.write_dossier(s, OFFICER, child_id(db, "Mila Petrova"), Recipient.SCHOOL, target, AT)
    assert Leak.FAMILY_ADDRESS in refused.value.leaks
    assert Leak.NETWORK_LABEL in refused.value.leaks
    assert "foster family address" in str(refused.value)
    assert fx.CANARY_ADDRESS not in str(refused.value) and fx.CANARY_NETWORK not in str(refused.value)
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_a_section_that_slips_a_network_label_into_the_foster_copy_is_refused(
    db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    original = layout._safety_section

    def leaky(d, policy):  # type: ignore[no-untyped-def]
        title, body = original(d, policy)
        return title, [*body, para(f"Let op: {fx.CANARY_NETWORK} is actief.")]

    monkeypatch.setattr(layout, "_safety_section", leaky)
    with db.session() as s, s.begin(), pytest.raises(DossierRefused) as refused:
        printing.write_dossier(s, OFFICER, child_id(db, "Mila Petrova"), Recipient.FOSTER_FAMILY,
                               tmp_path / "d.pdf", AT)
    assert refused.value.leaks == (Leak.NETWORK_LABEL,)
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*")) == []


def test_same_input_gives_identical_bytes(db, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(rl_config, "invariant", 1)
    cid = child_id(db, "Mila Petrova")
    with db.session() as s, s.begin():
        first = printing.make_dossier(s, OFFICER, cid, Recipient.GUARDIAN, AT)
        second = printing.make_dossier(s, OFFICER, cid, Recipient.GUARDIAN, AT)
    assert first == second
    assert first.startswith(b"%PDF")


def test_placement_outside_a_matching_session_says_so(db) -> None:  # type: ignore[no-untyped-def]
    text = text_of(db, Recipient.GUARDIAN, name=fx.OTHER_CHILD)
    assert "buiten een matchingsessie" in text
    assert "Mila Petrova" not in text  # the child sharing her foster family is none of this reader's business


def test_foster_and_school_copies_need_an_active_placement(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin(), pytest.raises(InputError, match="no active placement"):
        printing.make_dossier(s, OFFICER, child_id(db, "Noor Visser"), Recipient.SCHOOL, AT)


def test_only_the_childs_own_guardian_may_print_and_every_print_is_audited(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        guardian = s.scalars(select(User).where(User.username == "gvoogd")).one()
        own = Actor(user_id=guardian.id, username="gvoogd", role=Role.GUARDIAN)
    other_guardian = Actor(user_id=999, username="other", role=Role.GUARDIAN)
    manager = Actor(user_id=None, username="boss", role=Role.MANAGER)
    assert "Mila Petrova" in text_of(db, Recipient.GUARDIAN, actor=own)
    for actor in (other_guardian, manager):
        with pytest.raises(PermissionDenied):
            text_of(db, Recipient.GUARDIAN, actor=actor)
    with db.session() as s:
        rows = s.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.object_type,
                                AuditEntry.outcome)).all()
    assert ("gvoogd", "print", "dossier", "ok") in rows
    assert any(r[0] == "other" and r[3] == "denied" for r in rows)


def test_batch_reports_progress_skips_what_cannot_be_made_and_stops_on_cancel(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [child_id(db, n) for n in ("Mila Petrova", fx.SIBLING, "Noor Visser")]
    seen: list[tuple[int, int]] = []
    with db.session() as s, s.begin():
        result = printing.write_dossiers(s, OFFICER, ids, Recipient.FOSTER_FAMILY, tmp_path / "batch",
                                         progress=lambda done, total: seen.append((done, total)), generated_at=AT)
    assert [p.name for p in result.written] == [f"dossier-C{ids[0]}-foster-family.pdf",
                                                f"dossier-C{ids[1]}-foster-family.pdf"]
    assert [r[0] for r in result.refused] == [ids[2]] and not result.cancelled
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)

    from solver.proposal import CancelToken

    token = CancelToken()
    with db.session() as s, s.begin():
        stopped = printing.write_dossiers(s, OFFICER, ids, Recipient.GUARDIAN, tmp_path / "cancelled",
                                          progress=lambda done, total: done == 1 and token.cancel(),
                                          cancel=token, generated_at=AT)
    assert stopped.cancelled and len(stopped.written) == 1
    assert sorted(p.name for p in (tmp_path / "cancelled").iterdir()) == [stopped.written[0].name]


@pytest.mark.parametrize(("lat", "lon", "area"), [
    (52.3735, 4.8951, "Amsterdam"),
    (51.2172, 4.4211, "buitenland"),  # Antwerpen
    (48.8566, 2.3522, "buitenland"),  # Paris
])
def test_locations_are_named_by_municipality_or_abroad(lat: float, lon: float, area: str) -> None:
    assert gathering.area_of(lat, lon) == area


def _pdf(*lines: str) -> bytes:
    from placement.documents.template import DocumentMeta, build_pdf

    meta = DocumentMeta(title="t", document_id="D-1", generated_at=AT, generated_by="test")
    return build_pdf([para(line) for line in lines], meta)


def test_leak_check_matches_whole_words_across_line_breaks() -> None:
    from placement.documents.template import BODY_WIDTH

    def last_line(text: str) -> list[str]:  # as the body frame (padding 2 x 6 pt) will break it
        paragraph = para(text)
        paragraph.wrap(BODY_WIDTH - 12, 1000)
        return paragraph.blPara.lines[-1][1]

    # as many "x " as leave room for the street but not for its number, whatever the font's widths
    line = next(t for k in range(1, 200) if last_line(t := "x " * k + "Kanariestraat 99") == ["99"])
    wrapped = _pdf(line)
    assert "Kanariestraat\n99" in leaks.pdf_text(wrapped)
    forbidden = {Leak.FAMILY_ADDRESS: frozenset({"Kanariestraat 99"})}
    assert leaks.find_leaks(wrapped, forbidden) == [Leak.FAMILY_ADDRESS]
    # "Dorpsstraat 1" is not in "Dorpsstraat 12", and a postcode "2026" is not the year in a date
    other = {Leak.OTHER_ADDRESS: frozenset({"Dorpsstraat 1", "2026"})}
    assert leaks.find_leaks(_pdf("Dorpsstraat 12, geplaatst 07-09-2026"), other) == []
    # a value the reader may see anyway (their own postcode, shared by another family) does not count
    assert leaks.find_leaks(_pdf("8011 KX Zwolle"), {Leak.OTHER_ADDRESS: frozenset({"8011 KX"})},
                               allowed={"8011 KX"}) == []
