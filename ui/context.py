"""What every view needs: the database, the acting user, background database
jobs, and the one change signal views refresh on (Anki's
``operation_did_execute``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.errors import ConflictError, InputError, PermissionDenied
from placement.logs import log_unexpected
from placement.storage.database import Database, server_refusal
from ui.explanations import message_text
from ui.jobs import Job, JobState, run_job
from ui.problem_text import input_error_lines

DbTask = Callable[[Session, Actor, JobState], Any]


@dataclass(frozen=True, slots=True)
class Changes:
    """What an operation changed, so each view decides whether to reload."""

    families: bool = False
    children: bool = False
    schools: bool = False
    networks: bool = False
    placements: bool = False
    initiator: object | None = None


def error_text(exc: BaseException, labels: Mapping[str, str] | None = None) -> str:
    """A message a user can act on; never a traceback, never personal data from a bug.
    ``labels`` names the fields of a bad input as the user's form does."""
    if isinstance(exc, InputError):
        return "\n".join(input_error_lines(exc, labels))
    exc = server_refusal(exc) or exc
    if isinstance(exc, PermissionDenied):
        return QCoreApplication.translate("Errors", "Not allowed: %1").replace("%1", message_text(exc))
    if isinstance(exc, ConflictError):
        return QCoreApplication.translate("Errors", "Not done: %1").replace("%1", message_text(exc))
    log_unexpected(exc)
    return QCoreApplication.translate(
        "Errors",
        "Something went wrong (%1). Nothing was changed. The details are in the log file.",
    ).replace("%1", type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "Not done"), error_text(exc))


class AppContext(QObject):
    """One per main window. Views get it at construction and keep no other globals."""

    operation_did_execute = Signal(object)
    """Emitted with a :class:`Changes` after a write operation succeeded."""

    def __init__(self, db: Database, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.settings: QSettings | None = None
        """The window's settings (remembered column widths, last folders); set by the main window."""

    def run(
        self,
        task: DbTask,
        on_finished: Callable[[Any], None],
        *,
        on_failed: Callable[[BaseException], None] | None = None,
        changes: Changes | None = None,
        error_parent: QWidget | None = None,
    ) -> Job:
        """Run ``task(session, actor, state)`` in one transaction off the GUI thread.

        The transaction commits when the task returns and rolls back when it
        raises, so data is saved completely or not at all. On success
        ``on_finished(result)`` runs, then ``changes`` (if given) is announced.
        Failures go to ``on_failed``, or are shown in a message box.
        """
        db, actor = self.db, self.actor

        def in_worker(state: JobState) -> Any:
            with db.session() as session, session.begin():
                return task(session, actor, state)

        def finished(result: Any) -> None:
            on_finished(result)
            if changes is not None:
                self.operation_did_execute.emit(changes)

        def failed(exc: BaseException) -> None:
            if on_failed is not None:
                on_failed(exc)
            else:
                show_error(error_parent, exc)

        return run_job(in_worker, on_finished=finished, on_failed=failed)
