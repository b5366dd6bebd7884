"""Background jobs: database and solver work off the GUI thread.

Usage (the whole API)::

    job = run_job(task,                       # task(state: JobState) -> result
                  on_finished=show_result,    # the task's return value
                  on_failed=show_error,       # the exception it raised
                  on_progress=step)           # (done, total, text); total 0 = unknown
    job.cancel()                              # asks the task to stop

The task runs in a ``QThreadPool`` thread and must never touch a widget; it
reports through ``state.set_progress(...)`` and looks at ``state.stopped``
between steps (Orange3's pattern). Signals are delivered in the GUI thread.
For database work use :meth:`ui.context.AppContext.run`, which opens the
session and transaction around the task. Don't start a new job from a
``finished`` handler unless the user asked for it: chains of jobs are hard to
cancel and to reason about.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobState:
    """Handed to the task: progress reports and the stop check."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._stop = threading.Event()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def set_progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._job.progress.emit(done, total, text)


class Job(QObject):
    """One running task; lives in the GUI thread, so its signals arrive there."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    _running: set[Job] = set()  # keeps jobs alive until they report

    def __init__(self, task: Callable[[JobState], Any]) -> None:
        super().__init__()
        self.state = JobState(self)
        self._task = task
        self.done = False
        """True once the handlers of ``finished`` or ``failed`` have run."""

    def cancel(self) -> None:
        self.state._stop.set()

    def _forget(self, _value: object) -> None:
        self.done = True
        Job._running.discard(self)

    def _run(self) -> None:  # in the worker thread: only signals, no widgets
        try:
            result = self._task(self.state)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI, which decides
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


def run_job(
    task: Callable[[JobState], Any],
    *,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Job:
    """Start ``task`` in the thread pool; the handlers are connected before it starts."""
    job = Job(task)
    if on_finished is not None:
        job.finished.connect(on_finished)
    if on_failed is not None:
        job.failed.connect(on_failed)
    if on_progress is not None:
        job.progress.connect(on_progress)
    job.finished.connect(job._forget)  # connected last: runs after the handlers
    job.failed.connect(job._forget)
    Job._running.add(job)
    QThreadPool.globalInstance().start(_Runnable(job))
    return job


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until every started job's task returned (for closing the app and tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
