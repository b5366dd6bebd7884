"""Issue 16, finding 10: the first start on a real display failed because the
Qt ``xcb`` platform plugin's libraries were missing. This starts the app's
main window on the real ``xcb`` platform, under Xvfb, in a fresh process (this
one already runs offscreen), and takes a screenshot of the X screen.

Skipped, saying why, when Xvfb is not installed (``.ci/system-packages``
installs it with the xcb libraries)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.test_matching_flow import SCREENSHOTS

CHILD = r'''
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from placement.services.users import actor_for
from placement.storage.database import Database, sqlite_url
from placement.storage.models import Role, User
from ui.context import AppContext
from ui.i18n import install_language
from ui.jobs import wait_for_all
from ui.main_window import MainWindow

db_path, settings_path, shot = sys.argv[1:4]
app = QApplication(sys.argv[:1])
assert app.platformName() == "xcb", app.platformName()
install_language(app, "nl")
db = Database(sqlite_url(db_path))
with db.session() as s:
    officer = actor_for(s.scalars(select(User).where(User.role == Role.OFFICER)).first())
window = MainWindow(AppContext(db, officer), QSettings(settings_path, QSettings.Format.IniFormat))
window.resize(1280, 800)
window.show()

def take() -> None:
    wait_for_all()
    app.processEvents()
    image = app.primaryScreen().grabWindow(0)
    image.save(shot)
    print("platform", app.platformName(), "screen", image.width(), image.height())
    app.quit()

QTimer.singleShot(1500, take)
sys.exit(app.exec())
'''


def _free_display() -> int:
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    pytest.skip("no free X display number between :90 and :139")


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (see .ci/system-packages)")
def test_the_app_starts_on_the_real_xcb_platform_and_shows_its_window(demo_db_path: Path, tmp_path: Path) -> None:
    display = _free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{display}").exists():
                break
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb",
               "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
        shot = tmp_path / "xcb.png"
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(demo_db_path), str(tmp_path / "settings.ini"), str(shot)],
            env=env, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert "platform xcb screen 1280 800" in done.stdout
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)

    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 40) for y in range(0, 800, 40)}
    assert len(colours) > 5, "the screenshot shows the window, not an empty screen"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SCREENSHOTS / "xcb-xvfb-1280x800.png")
