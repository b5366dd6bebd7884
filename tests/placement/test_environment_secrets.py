"""PLACEMENT_PASSWORD and PLACEMENT_DB_PASSPHRASE are taken out of the process
environment as soon as a command starts: what the command runs (a child
process, a library reading os.environ) no longer sees them, and the command
still logs in and opens the encrypted database with them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from placement.cli.login import PASSWORD_ENV, USER_ENV
from placement.cli.main import main
from placement.services import exports
from placement.storage import encryption, migrate
from placement.storage.database import sqlite_url
from placement.storage.models import Role
from tests.placement.cli_login import add_account
from tests.placement.import_support import private_data_dir  # noqa: F401 - autouse fixture

PASSPHRASE = "environment test passphrase"


def test_the_secrets_are_gone_from_the_environment_while_the_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(tmp_path / "encrypted.sqlite")
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    migrate.upgrade(url)  # a new file: created encrypted with the passphrase
    assert encryption.is_encrypted(tmp_path / "encrypted.sqlite")
    add_account(url, Role.OFFICER, "officer")
    monkeypatch.setenv(PASSWORD_ENV, "cli-test-password")
    monkeypatch.setenv(USER_ENV, "officer")

    seen: dict[str, object] = {}
    real_export = exports.export_registry

    def export_and_look(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["environ"] = {k for k in os.environ if k.startswith("PLACEMENT_")}
        child = subprocess.run([sys.executable, "-c", "import os; print(sorted(os.environ))"],
                               capture_output=True, text=True, check=True)
        seen["child"] = child.stdout
        return real_export(*args, **kwargs)

    monkeypatch.setattr(exports, "export_registry", export_and_look)
    code = main(["--db", url, "export", "families", "-o", str(tmp_path / "f.csv")])
    assert code == 0, capsys.readouterr().err
    assert PASSWORD_ENV not in seen["environ"] and encryption.PASSPHRASE_ENV not in seen["environ"]  # type: ignore[operator]
    assert USER_ENV in seen["environ"]  # type: ignore[operator]
    assert PASSWORD_ENV not in str(seen["child"]) and encryption.PASSPHRASE_ENV not in str(seen["child"])
    assert (tmp_path / "f.csv").exists()
