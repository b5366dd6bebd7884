"""The demo database solved in the app: the time a person waits from pressing
Solve (Ctrl+Enter) on the matching page to the proposal shown with its
proven status. Prints seconds per round and where they went.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/app_solve_bench.py [--rounds 5] [--seed S]

The demo database is built the way ``./scripts/app`` builds it on a first
start (seed 1 unless ``--seed``), in a temporary folder; the real main window
runs offscreen, logged in as ``demo-officer``, in Dutch. On the matching page
every waiting child is ticked (*Alle getoonde aanvinken* with no filter: the
whole demo session, as ``placement session export`` writes it) and Solve is
pressed through its shortcut, once per round: each round is a new session, the
previous one closed, as when the officer presses Solve again. Before each
press the window is idle (no background job running). The table has one
column per round and their median; the load average before and after is
printed, as the machine's other work shows in every figure.

The breakdown comes from thin timing wrappers around the service calls the
page makes; they add nothing but a clock read. ``total`` is from the key press
until the proposal's table and status are painted. After it, and not in it,
the officer presses Down in the proposal: the first child's "Why?" panel and
map, and its alternatives (a second background job), are timed from there.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QThreadPool, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import solver  # noqa: E402
from placement.services import users  # noqa: E402
from placement.services.demo import ensure_demo_database  # noqa: E402
from placement.services.matching_session import persistence, run_state  # noqa: E402
from placement.storage.database import Database, sqlite_url  # noqa: E402
from solver.proposal import Status  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.jobs import wait_for_all  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.matching import MatchingPage  # noqa: E402

TIMEOUT_S = 120.0


class Clock:
    """Named moments and durations of one round, from wrappers around the calls."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.spans: dict[str, float] = {}

    def collecting(self, phase: str, info: dict[str, int]) -> None:
        """A ``gc.callbacks`` hook: the time Python's cycle collector held the GIL."""
        if phase == "start":
            self._collect_start = time.perf_counter()
        else:
            self.spans["gc"] = self.spans.get("gc", 0.0) + time.perf_counter() - self._collect_start
            self.spans["gc runs"] = self.spans.get("gc runs", 0) + 1

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, time.perf_counter())

    def wrap(self, owner: Any, name: str, label: str | None = None) -> None:
        """Replace ``owner.name`` by a wrapper adding its wall time to ``label``."""
        original: Callable[..., Any] = getattr(owner, name)
        label = label or name

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            self.mark(f"{label}:start")
            try:
                return original(*args, **kwargs)
            finally:
                end = time.perf_counter()
                self.spans[label] = self.spans.get(label, 0.0) + end - begin
                self.marks[f"{label}:end"] = end

        setattr(owner, name, timed)


def build_database(folder: Path, seed: int | None) -> str:
    """The demo database as the app's first start makes it (and its demo passwords)."""
    url = sqlite_url(folder / "placement.sqlite")
    if seed is None:
        ensure_demo_database(url)
    else:
        from placement.services.demo import build_demo_database

        build_demo_database(url, seed=seed)
    users.give_demo_passwords(url)
    return url


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QTest.qWait(10)


def open_matching_page(window: MainWindow) -> MatchingPage:
    page = window.show_page("matching")
    assert isinstance(page, MatchingPage)
    wait_until(lambda: page.chooser.model.rowCount() > 0, "the waiting children")
    QTest.mouseClick(page.chooser.check_visible, Qt.MouseButton.LeftButton)
    return page


def one_round(app: QApplication, window: MainWindow, page: MatchingPage) -> dict[str, Any]:
    """Press Solve and wait, in the event loop, until the proposal is shown."""
    clock = Clock()
    saved = {
        (owner, name): getattr(owner, name)
        for owner, name in (
            (persistence, "start"),
            (persistence, "close"),
            (persistence, "build_problem"),
            (persistence, "cards_for"),
            (persistence, "session_to_json"),
            (persistence, "save"),
            (run_state, "solve"),
            (run_state, "alternatives"),
        )
    }
    clock.wrap(persistence, "start", "session")
    clock.wrap(persistence, "close", "close previous")
    clock.wrap(persistence, "build_problem", "build problem")
    clock.wrap(persistence, "cards_for", "cards")
    clock.wrap(persistence, "session_to_json", "problem json")
    clock.wrap(persistence, "save", "save")
    clock.wrap(run_state, "solve", "solve")
    clock.wrap(run_state, "alternatives", "alternatives")
    loop = QEventLoop()
    solved = page._solved
    shown_alternatives = page.explanation.show_alternatives

    def on_solved(run: run_state.MatchingRun) -> None:
        clock.mark("solved:start")
        solved(run)
        clock.mark("solved:end")
        QTimer.singleShot(0, loop.quit)

    def on_alternatives(*args: Any) -> None:
        shown_alternatives(*args)
        clock.mark("alternatives shown")

    page._solved = on_solved  # type: ignore[method-assign]
    page.explanation.show_alternatives = on_alternatives  # type: ignore[method-assign]
    wait_until(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, "idle")
    gc.callbacks.append(clock.collecting)
    try:
        QTimer.singleShot(int(TIMEOUT_S * 1000), loop.quit)
        click, gui_cpu = time.perf_counter(), time.thread_time()
        QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        if page.solving:
            loop.exec()
        app.processEvents()  # layout and paint of what _solved set
        shown, gui_cpu = time.perf_counter(), time.thread_time() - gui_cpu
        if "solved:end" not in clock.marks:
            raise SystemExit("no proposal within the time limit")
        # Then the officer looks at the first child: Down in the proposal selects it.
        page.proposal_view.setFocus()
        select = time.perf_counter()
        QTest.keyClick(page.proposal_view, Qt.Key.Key_Down)
        app.processEvents()
        explained = time.perf_counter()
        wait_until(lambda: "alternatives shown" in clock.marks, "the first child's alternatives")
    finally:
        gc.callbacks.remove(clock.collecting)
        del page._solved
        del page.explanation.show_alternatives
        for (owner, name), original in saved.items():
            setattr(owner, name, original)
    run = page.run
    assert run is not None and run.proposal is not None
    proposal = run.proposal
    marks, spans = clock.marks, clock.spans
    return {
        "total": shown - click,
        "click to worker": marks.get("close previous:start", marks["session:start"]) - click,
        "close previous": spans.get("close previous", 0.0),
        "session": spans["session"],
        "build problem": spans["build problem"],
        "cards": spans["cards"],
        "problem json": spans["problem json"],
        "commit start": marks["solve:start"] - marks["session:end"],
        "solve": spans["solve"],
        "solve_seconds": proposal.solve_seconds,
        "save": spans["save"],
        "commit save": marks["solved:start"] - marks["save:end"],
        "show proposal": marks["solved:end"] - marks["solved:start"],
        "paint": shown - marks["solved:end"],
        "explained": explained - select,
        "alternatives": spans.get("alternatives", 0.0),
        "alternatives shown": marks["alternatives shown"] - select,
        "gui cpu": gui_cpu,
        "gc": spans.get("gc", 0.0),
        "gc runs": spans.get("gc runs", 0),
        "status": proposal.status,
        "gap": proposal.objective.proven_gap if proposal.objective else None,
        "children": len(run.problem.children),
        "placed": len(proposal.placements),
        "families": len(run.problem.families),
        "schools": len(run.problem.schools),
    }


ROWS = (
    ("total", "total: click to proven proposal shown"),
    ("click to worker", "  click to the worker's first call"),
    ("close previous", "  closing the previous session"),
    ("session", "  building the session from the database"),
    ("build problem", "    of which build_problem"),
    ("cards", "    of which display cards"),
    ("problem json", "    of which the problem as JSON"),
    ("commit start", "  committing the new session"),
    ("solve", "  solving (run_state.solve)"),
    ("solve_seconds", "    of which the solver's solve_seconds"),
    ("save", "  storing the proposal"),
    ("commit save", "  committing it, back to the GUI thread"),
    ("show proposal", "  showing it (tables, status)"),
    ("paint", "  layout and paint"),
    ("gui cpu", "  (meanwhile: GUI thread's CPU time)"),
    ("gc", "  (meanwhile: garbage collection)"),
    ("explained", "then Down to the first child: why and map"),
    ("alternatives shown", "  until its alternatives are shown"),
    ("alternatives", "    of which recommend in the worker"),
)


def report(results: list[dict[str, Any]]) -> None:
    """One column per round (seconds), and their median."""
    for number, result in enumerate(results, 1):
        gap = result["gap"]
        print(
            f"round {number}: {result['children']} children, {result['families']} families, "
            f"{result['schools']} schools; {result['placed']} placed, {result['status'].value}"
            + (f" (proven gap {gap:.1f} points)" if gap is not None else "")
        )
    heads = "".join(f"{f'#{n}':>7}" for n in range(1, len(results) + 1))
    print(f"{'seconds':<44}{heads}{'median':>8}")
    for key, label in ROWS:
        values = [r[key] for r in results]
        cells = "".join(f"{v:7.2f}" for v in values)
        print(f"{label:<44}{cells}{statistics.median(values):8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="how many times Solve is pressed")
    parser.add_argument("--seed", type=int, help="demo seed (default: the app's first start)")
    parser.add_argument(
        "--solver-alone",
        type=int,
        default=3,
        metavar="N",
        help="then solve the last session N times outside the app, for comparison",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="app-solve-bench-"))
    app = QApplication.instance() or QApplication([])
    translators = install_language(app, "nl")  # noqa: F841 - the app's default language
    begin = time.perf_counter()
    url = build_database(work, args.seed)
    print(f"{'demo database':<44} {time.perf_counter() - begin:6.2f} s")
    db = Database(url)
    actor = users.log_in(db, "demo-officer", "officer-demo")
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(db, actor), settings, idle_lock=users.IdleLock())
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    if not QTest.qWaitForWindowActive(window):
        raise SystemExit("the window did not become active (shortcuts need it)")
    page = open_matching_page(window)
    results = []
    print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    for number in range(1, args.rounds + 1):
        result = one_round(app, window, page)
        if result["status"] is not Status.OPTIMAL:
            print(f"round {number}: not proven ({result['status'].value})")
        results.append(result)
    print(f"load average after:  {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    report(results)
    if args.solver_alone and page.run is not None:
        # The same session solved without the app around it, right after.
        alone = [solver.solve(page.run.problem).solve_seconds for _ in range(args.solver_alone)]
        cells = " ".join(f"{s:.2f}" for s in alone)
        print(f"{'the solver alone, same session (solve_seconds)':<44} {cells}")
    window.close()
    wait_for_all()
    db.dispose()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
