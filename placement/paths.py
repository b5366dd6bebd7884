"""Where the app keeps its files: the user's data and log folders (platformdirs)
and the read-only resources shipped with the code."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "placement-planner"
APP_AUTHOR = "placement"

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
