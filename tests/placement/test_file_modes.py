"""Files the program creates are its user's only (0600, folders 0700), and an
output path that is a symbolic link, a device or a pipe is refused, not
written through."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from placement import logs
from placement.cli.login import USER_ENV
from placement.cli.main import main
from placement.storage import encryption
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Role
from tests.placement.cli_login import login
from tests.placement.import_support import private_data_dir  # noqa: F401 - autouse fixture

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "file-modes test passphrase"


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def placement(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLACEMENT_", "XDG_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
               XDG_CONFIG_HOME=str(home / "config"), PLACEMENT_DB_PASSPHRASE=PASSPHRASE)
    return subprocess.run([sys.executable, "-m", "placement.cli.main", *argv], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=300)


def test_database_salt_and_backup_are_created_private_in_private_folders(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = placement(home, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    folder = home / "data" / "placement-planner"
    database = folder / "placement.sqlite"
    assert mode(folder) == 0o700
    assert mode(database) == 0o600 and mode(encryption.salt_path(database)) == 0o600

    backups = tmp_path / "backups"
    backups.mkdir()
    done = placement(home, "db", "backup", str(backups / "copy.sqlite"))
    assert done.returncode == 0, done.stderr
    assert mode(backups / "copy.sqlite") == 0o600 and mode(backups / "copy.sqlite.salt") == 0o600

    # SQLite gives its journals the database file's mode, whatever this process's umask
    db = Database(sqlite_url(database), key=encryption.key_for(database, PASSPHRASE))
    try:
        with db.session() as s, s.begin():
            s.execute(text("CREATE TABLE scratch (x)"))
            journals = [p for p in folder.iterdir() if p.name.endswith(("-wal", "-shm", "-journal"))]
            assert journals and all(mode(p) == 0o600 for p in journals)
    finally:
        db.dispose()


def test_the_log_file_is_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        path = logs.setup_file_logging(tmp_path)
    finally:
        os.umask(previous)
        for handler in list(logs.logging.getLogger("placement").handlers):
            if isinstance(handler, logs.logging.FileHandler):
                handler.close()
                logs.logging.getLogger("placement").removeHandler(handler)
    assert mode(path) == 0o600


@pytest.fixture
def officer(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    login(monkeypatch, sqlite_url)
    monkeypatch.setenv(USER_ENV, "cli-officer")
    return sqlite_url


def export_to(capsys, url: str, target: Path | str) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, "export", "families", "-o", str(target)])
    return code, capsys.readouterr().err.splitlines()


def test_an_output_path_that_is_a_symbolic_link_is_refused(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "families.csv"
    link.symlink_to(victim)
    assert export_to(capsys, officer, link) == (
        2, [f"{link}: is a symbolic link; not written (give the path of a file)"])
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == "keep me"


def test_an_output_path_that_is_a_pipe_is_refused_without_waiting(officer: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "families.csv"
    os.mkfifo(fifo)
    assert export_to(capsys, officer, fifo) == (2, [f"{fifo}: is a device, pipe or socket, not a file; not written"])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_output_path_that_is_a_device_is_refused(sqlite_url: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    login(monkeypatch, sqlite_url, Role.MANAGER, "cli-manager")
    code = main(["--db", sqlite_url, "--user", "cli-manager", "capacity", "--csv", "/dev/null"])
    assert (code, capsys.readouterr().err.splitlines()) == (
        2, ["/dev/null: is a device, pipe or socket, not a file; not written"])
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_backup_onto_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert placement(home, "db", "upgrade").returncode == 0
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    link = tmp_path / "backup.sqlite"
    link.symlink_to(victim)
    done = placement(home, "db", "backup", str(link))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"{link}: is a symbolic link; not written (give the path of a file)"]
    assert victim.read_bytes() == b"keep"
