"""Logging that never carries personal data.

Unexpected errors are written to a file in the user's log folder with the
exception type and the code location only: exception messages and local
values can hold names, addresses or coordinates, so they are never logged.
"""

from __future__ import annotations

import contextlib
import logging
import os
import traceback
from pathlib import Path

from placement.files import PRIVATE
from placement.paths import log_dir

LOG_NAME = "placement.log"


def setup_file_logging(directory: Path | None = None) -> Path:
    path = (directory or log_dir()) / LOG_NAME
    root = logging.getLogger("placement")
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE))  # 0600 from the start
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def describe_unexpected(exc: BaseException) -> str:
    """Exception type and stack (file, line, function), without the message or values."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(frames))
    return f"{type(exc).__name__} at {where}"


def log_unexpected(exc: BaseException) -> Path:
    path = setup_file_logging()
    logging.getLogger("placement").error("unexpected error: %s", describe_unexpected(exc))
    return path
