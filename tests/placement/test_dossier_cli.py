"""The report commands end to end (in-process ``placement`` on a fixture database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from placement.cli.exit_codes import EXIT_DENIED, EXIT_INPUT
from placement.cli.login import PASSWORD_ENV
from placement.cli.main import main
from placement.ids import NetworkId
from placement.services import alerts
from placement.services.dossier import leaks, recipients
from placement.services.dossier.recipients import Recipient
from placement.storage.models import Role
from tests.placement import report_fixtures as fx
from tests.placement.cli_login import PASSWORD, add_account
from tests.placement.test_alerts import OFFICER


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("cli") / "template.sqlite")


@pytest.fixture
def url(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the fixture database with an officer and a manager who can log in."""
    db = fx.copy_of(template, tmp_path)
    db.dispose()
    add_account(db.url, Role.OFFICER)
    add_account(db.url, Role.MANAGER)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    return db.url


OFFICER_LOGIN = ["--user", "cli-officer"]
MANAGER_LOGIN = ["--user", "cli-manager"]


def test_dossier_for_the_school_is_written_and_holds_no_address(url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "school.pdf"
    assert main(["--db", url, *OFFICER_LOGIN, "dossier", "C1", "--for", "school", "-o", str(out)]) == 0
    text = leaks.pdf_text(out.read_bytes())
    assert "Mila Petrova" in text and "Kanariestraat" not in text
    assert "dossier of C1 for the school" in capsys.readouterr().out


def test_a_leaking_dossier_is_refused_with_the_category_and_nothing_written(
    url: str, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    guardian = recipients.POLICIES[Recipient.GUARDIAN]
    monkeypatch.setitem(recipients.POLICIES, Recipient.SCHOOL, recipients.Policy(
        **{**{f: getattr(guardian, f) for f in guardian.__slots__},
           "may_not_see": recipients.POLICIES[Recipient.SCHOOL].may_not_see}))
    out = tmp_path / "school.pdf"
    assert main(["--db", url, *OFFICER_LOGIN, "dossier", "C1", "--for", "school", "-o", str(out)]) == EXIT_DENIED
    err = capsys.readouterr().err
    assert "foster family address" in err and "nothing was written" in err
    assert fx.CANARY_ADDRESS not in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["placement.sqlite"]


def test_unknown_child_and_bad_recipient_are_input_errors(url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", url, *OFFICER_LOGIN, "dossier", "C99", "--for", "guardian", "-o", str(tmp_path / "x.pdf")]) == EXIT_INPUT
    assert "no child C99" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["--db", url, *OFFICER_LOGIN, "dossier", "C1", "--for", "neighbour", "-o", str(tmp_path / "x.pdf")])
    assert stopped.value.code == EXIT_INPUT
    assert not (tmp_path / "x.pdf").exists()


def test_capacity_prints_the_provinces_and_writes_csv_and_pdf(url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    args = ["--db", url, *MANAGER_LOGIN, "capacity", "--date", "2026-11-20", "--csv", str(tmp_path / "c.csv"),
            "--pdf", str(tmp_path / "c.pdf")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Nederland          4       1       7         3     4" in out
    assert (tmp_path / "c.csv").read_text(encoding="utf-8-sig").startswith("section,province,municipality")
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")


def test_alerts_are_listed_and_acknowledged(url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    from placement.storage.database import Database

    db = Database(url)
    with db.session() as s, s.begin():  # a location right next to Mila's foster family
        _, raised = alerts.add_network_location(s, OFFICER, NetworkId(1), lat=52.52, lon=6.10)
    db.dispose()
    assert main(["--db", url, *OFFICER_LOGIN, "alerts"]) == 0
    listing = capsys.readouterr().out
    assert "C1 Mila Petrova" in listing and "F1 Familie Jansen" in listing
    assert "52.52" not in listing and "6.10" not in listing
    assert main(["--db", url, *OFFICER_LOGIN, "alerts", "--ack", str(raised[0].id)]) == 0
    assert main(["--db", url, *OFFICER_LOGIN, "alerts"]) == 0
    assert "no open alerts" in capsys.readouterr().out
