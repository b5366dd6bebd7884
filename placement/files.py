"""Files that are never half-written, and private from the start.

Every file the app writes for the user (session and proposal files, dossiers,
reports, registry exports, remembered settings) goes through here: a crash or
a full disk leaves either the old file or the new one, never a mix, and a
reader never opens a document that is still being written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from catalogue.validation_sentences import Complaint
from placement.errors import InputError, Problem

PRIVATE = 0o600
"""Only the owner may read: most of these files name children and families."""
PRIVATE_FOLDER = 0o700
PRIVATE_UMASK = 0o077
"""Every file the program creates (databases and their journals, salt files,
backups, logs, settings) is 0600, every folder 0700."""


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Files and folders created meanwhile, by this code or by SQLite and Qt,
    are readable by their owner only. The command line and the app run
    inside this."""
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def private_folder(path: Path) -> Path:
    """``path`` created if needed, readable by its owner only."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not ours to change (a shared mount): leave it
        os.chmod(path, PRIVATE_FOLDER)
    return path


def check_output_path(path: str | os.PathLike[str]) -> None:
    """Refuse to write over a symbolic link (the file it points to would be
    replaced, wherever it is), a device, a pipe or a folder: the user gets one
    line, and nothing is written."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if stat.S_ISLNK(info.st_mode):
        reason = Complaint("file.is_link")
    elif stat.S_ISDIR(info.st_mode):
        reason = Complaint("file.is_folder")
    elif not stat.S_ISREG(info.st_mode):
        reason = Complaint("file.not_regular")
    else:
        return
    raise InputError([Problem.of("", reason)], source=os.fspath(path))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, mode: int = PRIVATE) -> None:
    """Replace ``path`` with ``data`` all at once.

    The temporary file lives in the target folder (``os.replace`` is atomic
    only within one file system) and has ``mode`` before the first byte is
    written. A folder that does not exist is not created: it is a mistake in
    the path the user gave, reported like any other unwritable place, as an
    :class:`InputError` naming the file.
    """
    target = Path(path)
    check_output_path(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        if mode != PRIVATE:  # mkstemp made it 0600
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    _fsync_folder(target.parent)


def write_text_atomic(path: str | os.PathLike[str], text: str, mode: int = PRIVATE,
                      encoding: str = "utf-8") -> None:
    """:func:`write_bytes_atomic` for text; ``encoding="utf-8-sig"`` adds the
    byte-order mark Excel needs to read a CSV file as UTF-8."""
    write_bytes_atomic(path, text.encode(encoding), mode)


def _cannot_write(path: str | os.PathLike[str], exc: OSError) -> InputError:
    return InputError([Problem.of("", Complaint("file.cannot_write", {"reason": exc.strerror or exc}))], source=os.fspath(path))


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
