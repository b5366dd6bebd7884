"""Where the app keeps its files: the user's data and log folders (platformdirs)
and the read-only resources shipped with the code."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from placement.files import private_folder

APP_NAME = "placement-planner"
APP_AUTHOR = "placement"

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The app's own data folder (0700: it holds the database)."""
    return private_folder(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def log_dir() -> Path:
    """The app's own log folder (0700)."""
    return private_folder(Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)))


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
