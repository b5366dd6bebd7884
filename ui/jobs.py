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

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


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
    _outcome = Signal(bool, object)  # from the worker; delivered in the GUI thread

    _running: list[Job] = []
    """Jobs are released here, in the GUI thread, once they reported and their
    worker let go of them: a QObject must never be deleted in a worker thread."""

    def __init__(self, task: Callable[[JobState], Any]) -> None:
        super().__init__()
        self.state = JobState(self)
        self._task: Callable[[JobState], Any] | None = task
        self._worker_done = threading.Event()
        self.done = False
        """True from the moment the result is handed to ``finished`` / ``failed``."""
        self._outcome.connect(self._deliver)

    def cancel(self) -> None:
        self.state._stop.set()

    def _deliver(self, ok: bool, value: object) -> None:
        self.done = True
        (self.finished if ok else self.failed).emit(value)
        _release_finished()

    def _run(self) -> None:  # in the worker thread: only signals, no widgets
        task, self._task = self._task, None
        assert task is not None
        try:
            result = task(self.state)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI, which decides
            self._outcome.emit(False, exc)
        else:
            self._outcome.emit(True, result)


def _release_finished() -> None:
    Job._running = [j for j in Job._running if not (j.done and j._worker_done.is_set())]


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job: Job | None = job

    def run(self) -> None:
        job, self._job = self._job, None
        assert job is not None
        worker_done = job._worker_done
        job._run()
        del job  # drop this thread's reference before saying so
        worker_done.set()


class _GuiThreadGarbageCollector(QObject):
    """Python's cyclic garbage collector runs in whichever thread allocates at
    the wrong moment; collecting a cycle that holds a Qt object in a worker
    thread crashes. So automatic collection is switched off and done here, in
    the GUI thread, a few times a second (the pattern pyqtgraph uses)."""

    instance: _GuiThreadGarbageCollector | None = None

    def __init__(self) -> None:
        super().__init__()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(250)

    @staticmethod
    def collect() -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] > thresholds[0]:
            generation = 2 if counts[2] > thresholds[2] else 1 if counts[1] > thresholds[1] else 0
            gc.collect(generation)


def run_job(
    task: Callable[[JobState], Any],
    *,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Job:
    """Start ``task`` in the thread pool; the handlers are connected before it starts."""
    if _GuiThreadGarbageCollector.instance is None:
        _GuiThreadGarbageCollector.instance = _GuiThreadGarbageCollector()
    _release_finished()
    job = Job(task)
    if on_finished is not None:
        job.finished.connect(on_finished)
    if on_failed is not None:
        job.failed.connect(on_failed)
    if on_progress is not None:
        job.progress.connect(on_progress)
    Job._running.append(job)
    QThreadPool.globalInstance().start(_Runnable(job))
    return job


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until every started job's task returned (for closing the app and tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
