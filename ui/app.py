"""``placement-planner``: start the desktop app.

On the very first start (no ``--db``, no ``PLACEMENT_DB``, no database file
yet) the SQLite database in the user's data folder is created with demo data
(plain SQLite: the data is fictional); a busy dialog shows meanwhile, the
window stays responsive. Any other new SQLite file is a real database and is
created encrypted with a passphrase the user chooses. Then the user logs
in (the demo accounts are listed in the README) and the main window shows the
pages of their role; it locks after ten idle minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QEventLoop, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from placement.environment import secrets_taken
from placement.errors import InputError
from placement.files import private_files
from placement.paths import APP_AUTHOR, APP_NAME
from placement.services import users
from placement.services.demo import ensure_demo_database
from placement.services.users import IdleLock
from placement.storage import encryption, migrate
from placement.storage.database import ENV_VAR, Database, default_url
from ui.context import AppContext, error_text
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, LANGUAGES, install_language
from ui.jobs import run_job, wait_for_all
from ui.login_dialog import LoginDialog, PassphraseDialog
from ui.main_window import MainWindow


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="placement-planner", description="Foster placement planner.")
    parser.add_argument("--db", help=f"database URL (default: {ENV_VAR} or the SQLite file in the data folder)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help="language of the program (default: nl)")
    return parser.parse_args(argv)


def database_key(url: str, first_start: bool = False) -> tuple[bool, bytes | None]:
    """The key of a SQLite file: from ``PLACEMENT_DB_PASSPHRASE`` or asked
    for. A new file is created encrypted, so its new passphrase is asked for
    (twice); only the first start's demo database (fictional data) and an
    existing plain file (``placement db encrypt`` converts it) have no key.
    Returns (go on, key); (False, None) when the user cancelled."""
    path = encryption.sqlite_path(url)
    if path is None or first_start:
        return True, None
    key = encryption.key_from_environment(url)
    if key is not None:
        return True, key
    exists = path.exists() and path.stat().st_size > 0
    if exists and not encryption.is_encrypted(path):
        return True, None
    dialog = PassphraseDialog(path, new=not exists)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
        return False, None
    return True, dialog.key


def prepare_database(url: str, first_start: bool, key: bytes | None = None) -> bool:
    """Bring the database up to date (creating the demo on a first start) while a
    busy dialog shows. Returns False when it failed (the user was told)."""
    dialog = QProgressDialog(
        QApplication.translate("Startup", "Creating the demo database…")
        if first_start
        else QApplication.translate("Startup", "Opening the database…"),
        "",
        0,
        0,
    )
    dialog.setCancelButton(None)
    dialog.setWindowTitle(QApplication.translate("Startup", "Placement planner"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    loop = QEventLoop()
    outcome: list[BaseException | None] = []

    def done(_result: object) -> None:
        outcome.append(None)
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome.append(exc)
        loop.quit()

    def task(_state: object) -> None:
        if first_start:
            if ensure_demo_database(url):  # just built: give its demo accounts their passwords
                users.give_demo_passwords(url)
        else:
            migrate.upgrade(url, key=key)

    run_job(task, on_finished=done, on_failed=failed)
    if not outcome:
        loop.exec()
    dialog.close()
    if outcome[0] is not None:
        QMessageBox.critical(None, QApplication.translate("Startup", "Placement planner"), error_text(outcome[0]))
        return False
    return True


def schema_is_current(db: Database) -> bool:
    """On a server: whether the schema is the one this program needs; if not,
    the user is told who can fix it (the owner's ``db upgrade``)."""
    current, needed = migrate.current_revision_of(db), migrate.heads()
    if current in needed:
        return True
    message = QApplication.translate(
        "Startup",
        "The database on the server is at version %1; this program needs version %2. "
        "Ask the database administrator to run: placement db upgrade",
    )
    QMessageBox.critical(
        None,
        QApplication.translate("Startup", "Placement planner"),
        message.replace("%1", current or "-").replace("%2", ", ".join(needed)),
    )
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app. Every file it creates (the database and its journals, the
    salt file, logs, settings) is readable by the user only."""
    with private_files(), secrets_taken():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    settings = QSettings()
    language = args.lang or str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE))
    if args.lang:
        settings.setValue(LANGUAGE_KEY, args.lang)
    translators = install_language(app, language)  # noqa: F841 - must live as long as the app
    url = args.db or default_url()
    file = encryption.sqlite_path(url)
    first_start = not args.db and not os.environ.get(ENV_VAR) and file is not None and not file.exists()
    go_on, key = database_key(url, first_start)
    if not go_on:
        return 0
    try:
        db = Database(url, key=key)
    except InputError as exc:  # e.g. a server URL without sslmode=verify-full
        QMessageBox.critical(None, QApplication.translate("Startup", "Placement planner"), error_text(exc))
        return 1
    # On an office server the owner upgrades the schema (README), never a workstation.
    if not db.is_server and not prepare_database(url, first_start, key):
        return 1
    login = LoginDialog(db)
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        db.dispose()
        return 0
    if db.is_server and not schema_is_current(db):
        db.dispose()
        return 1
    window = MainWindow(AppContext(db, login.actor), settings, idle_lock=IdleLock())
    window.show()
    code = app.exec()
    wait_for_all()
    db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
