"""The after-the-placement commands exactly as the issue writes them, in-process,
logged in as a real account, on SQLite and on PostgreSQL (where the server's
row-level policies and audit triggers apply)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from placement.cli.exit_codes import EXIT_DENIED, EXIT_INPUT
from placement.cli.main import main
from placement.services.dossier.leaks import pdf_text
from placement.storage.database import Database
from placement.storage.models import (
    AuditEntry,
    Child,
    ChildStatus,
    FamilyStatus,
    FosterFamily,
    MissingEpisode,
    Network,
    NetworkLocation,
    Placement,
    Role,
)
from tests.placement import report_fixtures as fx
from tests.placement.cli_login import add_account, login


@pytest.fixture
def office(db_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str], dict[str, int]]:
    db = Database(db_url)
    try:
        with db.session() as s, s.begin():
            fx.populate(s)
        with db.session() as s:
            ids = {
                "mila": s.scalars(select(Child.id).where(Child.name == "Mila Petrova")).one(),
                "noor": s.scalars(select(Child.id).where(Child.name == "Noor Visser")).one(),
                "zwolle": s.scalars(select(FosterFamily.id).where(FosterFamily.name == "Familie Jansen")).one(),
                "groningen": s.scalars(select(FosterFamily.id).where(FosterFamily.name == fx.SIBLING_FAMILY)).one(),
                "n2": s.scalars(select(Network.id).where(Network.label == "Bende Schelde")).one(),
            }
    finally:
        db.dispose()
    # Login roles are server-wide and other test runs may share the server: names of this test's own.
    suffix = uuid.uuid4().hex[:8]
    ids["manager"] = add_account(db_url, Role.MANAGER, f"cli-manager-{suffix}")
    officer = f"cli-officer-{suffix}"
    return db_url, login(monkeypatch, db_url, Role.OFFICER, officer), ids


def local_time(hours_ago: float) -> str:
    return (dt.datetime.now() - dt.timedelta(hours=hours_ago)).strftime("%Y-%m-%d %H:%M")


def run(url: str, who: list[str], *args: str) -> int:
    try:
        return main(["--db", url, *who, *args])
    except SystemExit as exc:  # argparse's one line
        return int(exc.code or 0)


def test_missing_found_compromised_and_end_on_the_command_line(office, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url, officer, ids = office
    mila = f"C{ids['mila']}"
    assert run(url, officer, "child", "missing", mila, "--last-seen", local_time(3), "--risk", "red",
               "--where", "bij het station") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "police report: OVERDUE" in out and f"family F{ids['zwolle']} paused for review" in out
    assert "bij het station" not in out  # the report names ids, not places
    assert run(url, officer, "child", "alias", mila, "--name", "Milena P.", "--born", "2015-03-02",
               "--nationality", "BG") == 0  # fmt: skip
    assert run(url, officer, "child", "notified", mila, "police") == 0
    assert "[x]" in capsys.readouterr().out
    assert run(url, officer, "child", "found", mila, "--at", local_time(1), "--country", "BE") == 0
    assert "return interview due by" in capsys.readouterr().out
    assert run(url, officer, "child", "interview", mila, "--by", "J. Onafhankelijk", "--at", local_time(0.5)) == 0
    assert run(url, officer, "family", "compromised", f"F{ids['groningen']}", "--network", f"N{ids['n2']}",
               "--note", "adres op sociale media") == 0  # fmt: skip
    assert run(url, officer, "placement", "end", mila, "--reason", "missing", "--note", "weggelopen") == 0
    assert "is waiting for a new place" in capsys.readouterr().out
    assert run(url, officer, "family", "review-done", f"F{ids['zwolle']}", "--note", "besproken") == 0
    assert run(url, officer, "family", "history", f"F{ids['groningen']}") == 0
    listed = capsys.readouterr().out
    location = int(listed.split("  location ")[1].split(":")[0])
    assert run(url, officer, "family", "remove-location", str(location), "--reason", " ") == EXIT_INPUT
    assert "reason: say why" in capsys.readouterr().err
    assert run(url, officer, "family", "remove-location", str(location), "--reason", "gezin verhuisd") == 0
    assert run(url, officer, "child", "history", mila) == 0
    history = capsys.readouterr().out
    assert "child went missing" in history and "J. Onafhankelijk" in history
    assert "also known as: Milena P. 2015-03-02 BG" in history
    sheet = tmp_path / "vermissing.pdf"
    assert run(url, officer, "child", "sheet", mila, "-o", str(sheet)) == 0
    assert "Milena P." in pdf_text(sheet.read_bytes())

    db = Database(url)
    try:
        with db.session() as s:
            episode = s.scalars(select(MissingEpisode)).one()
            assert (episode.risk, episode.found_country, episode.interview_by) == ("red", "BE", "J. Onafhankelijk")
            assert episode.checklist["police"]["by"] == officer[1]
            assert s.get_one(Child, ids["mila"]).status == ChildStatus.WAITING
            assert s.get_one(FosterFamily, ids["zwolle"]).status == FamilyStatus.ACTIVE
            assert s.get_one(FosterFamily, ids["groningen"]).status == FamilyStatus.PAUSED
            derived = s.scalars(select(NetworkLocation.source_note).where(NetworkLocation.family_id.is_not(None)))
            assert sorted(derived) == sorted([f"vermissing {mila}, {dt.date.today().isoformat()}"] * 2)
            trail = s.execute(select(AuditEntry.username, AuditEntry.object_type, AuditEntry.action)).all()
    finally:
        db.dispose()
    mine = {(t, a) for u, t, a in trail if u == officer[1]}
    assert {("missing_episode", "create"), ("missing_episode", "change"), ("placement", "change"),
            ("family", "change"), ("network", "change"), ("child", "change"),
            ("missing_sheet", "print")} <= mine  # fmt: skip


@pytest.mark.parametrize(("args", "expected"), [
    (["placement", "end", "{mila}", "--reason", "weg"], 'reason: unknown reason code "weg"'),
    (["placement", "end", "{noor}", "--reason", "home"], "has no current placement"),
    (["child", "missing", "{noor}", "--last-seen", "2026-12-01 10:00", "--risk", "green"], "is not placed"),
    (["child", "missing", "{mila}", "--last-seen", "gisteren", "--risk", "green"], "is not a time"),
    (["child", "missing", "{mila}", "--last-seen", "2026-12-01 10:00", "--risk", "purple"], "invalid choice"),
    (["child", "found", "{mila}", "--at", "2026-12-01 10:00"], "is not reported missing"),
    (["family", "compromised", "F99999", "--network", "N99999", "--note", "x"], "no family F99999"),
])  # fmt: skip
def test_bad_input_is_one_line_per_problem_with_exit_2_and_nothing_written(office, capsys, args, expected) -> None:  # type: ignore[no-untyped-def]
    url, officer, ids = office
    db = Database(url)
    try:
        with db.session() as s:
            before = (s.scalars(select(Placement.status)).all(), s.scalars(select(MissingEpisode.id)).all())
        assert run(url, officer, *[a.format(mila=f"C{ids['mila']}", noor=f"C{ids['noor']}") for a in args]) == EXIT_INPUT
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) <= 2
        with db.session() as s:
            assert (s.scalars(select(Placement.status)).all(), s.scalars(select(MissingEpisode.id)).all()) == before
    finally:
        db.dispose()


def test_a_found_time_before_the_last_sighting_is_refused(office, capsys) -> None:  # type: ignore[no-untyped-def]
    url, officer, ids = office
    mila = f"C{ids['mila']}"
    assert run(url, officer, "child", "missing", mila, "--last-seen", local_time(3), "--risk", "orange") == 0
    capsys.readouterr()
    assert run(url, officer, "child", "found", mila, "--at", local_time(5)) == EXIT_INPUT
    assert "before the last sighting" in capsys.readouterr().err


def test_a_manager_may_not_report_a_child_missing(office, capsys) -> None:  # type: ignore[no-untyped-def]
    url, _officer, ids = office
    code = run(url, ["--user", _officer[1].replace("cli-officer", "cli-manager")], "child", "missing", f"C{ids['mila']}", "--last-seen",
               local_time(2), "--risk", "green")  # fmt: skip
    assert code == EXIT_DENIED and capsys.readouterr().err.startswith("refused:")
