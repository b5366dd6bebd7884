"""Background jobs: results and progress arrive in the GUI thread, a stop
request is seen by the task, failures leave the data as it was and show no
internals."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from placement.errors import InputError, Problem
from placement.services.registers import family_register
from placement.storage.models import FosterFamily
from tests.ui.conftest import WAIT_MS
from ui.context import Changes, error_text
from ui.jobs import JobState, run_job


def test_result_and_progress_arrive_in_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen: list[tuple[str, int]] = []

    def task(state: JobState) -> int:
        assert threading.get_ident() != gui
        for n in range(3):
            state.set_progress(n + 1, 3, "step")
        return 42

    def progress(done: int, total: int, text: str) -> None:
        seen.append(("progress", done, threading.get_ident() == gui))  # type: ignore[arg-type]

    results: list[int] = []
    job = run_job(task, on_finished=results.append, on_progress=progress)
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert results == [42]
    assert seen == [("progress", 1, True), ("progress", 2, True), ("progress", 3, True)]


def test_cancel_is_seen_by_the_task(qtbot):
    started = threading.Event()

    def task(state: JobState) -> str:
        started.set()
        while not state.stopped:
            threading.Event().wait(0.01)
        return "stopped"

    results: list[str] = []
    job = run_job(task, on_finished=results.append)
    assert started.wait(5)
    job.cancel()
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert results == ["stopped"]


def test_failed_write_leaves_the_data_and_announces_nothing(qtbot, empty_context):
    announced: list[Changes] = []
    empty_context.operation_did_execute.connect(announced.append)
    failures: list[BaseException] = []

    def task(session, actor, _state):  # type: ignore[no-untyped-def]
        family_register.create_family(session, actor, family_register.FamilyInput(name="A", postcode="9711"))
        raise RuntimeError("disk full at Voorbeeldlaan 12")  # after a successful write

    job = empty_context.run(task, lambda _r: None, on_failed=failures.append, changes=Changes(families=True))
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert [type(f) for f in failures] == [RuntimeError]
    assert announced == []
    with empty_context.db.session() as s:
        assert s.scalar(select(func.count(FosterFamily.id))) == 0


def test_successful_write_is_announced_once(qtbot, empty_context):
    announced: list[Changes] = []
    empty_context.operation_did_execute.connect(announced.append)
    job = empty_context.run(
        lambda s, a, _st: family_register.create_family(s, a, family_register.FamilyInput(name="A", postcode="9711")),
        lambda _r: None,
        changes=Changes(families=True),
    )
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert announced == [Changes(families=True)]


@pytest.mark.usefixtures("dutch")
def test_unexpected_errors_are_shown_without_their_message(tmp_path, monkeypatch):
    logged: list[BaseException] = []
    monkeypatch.setattr("ui.context.log_unexpected", lambda exc: logged.append(exc) or tmp_path / "log")
    text = error_text(KeyError("Familie Jansen, Voorbeeldlaan 12"))
    assert "Voorbeeldlaan" not in text and "Jansen" not in text
    assert text.startswith("Er ging iets mis (KeyError)")
    assert len(logged) == 1
    assert error_text(InputError([Problem("postcode", "unknown")])) == "postcode: unknown"
