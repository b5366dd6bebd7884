"""The solver's reasons, advice and conflicts read in the interface language:
Dutch by default, the solver's own English sentences when English is chosen."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from sqlalchemy import select

from catalogue.keys import Key
from placement.actor import Actor
from placement.errors import ConflictError, PermissionDenied
from placement.services import placements
from placement.services.matching_session import persistence, run_state
from placement.services.matching_session.waiting import waiting_children
from placement.services.permissions import Action, require
from placement.storage import models as m
from solver import solve
from tests.solver.factories import at, child, family, network, problem
from tests.ui.test_matching_flow import select_row
from ui.context import AppContext, error_text
from ui.explanations import explanation_text
from ui.i18n import install_language
from ui.matching import MatchingPage

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
WAIT_MS = 60_000


@pytest.fixture
def page(demo_context: AppContext, make_window, qtbot) -> MatchingPage:  # type: ignore[no-untyped-def]
    """The matching page reached through the main window, in Dutch."""
    widget = make_window(demo_context).show_page("matching")
    assert isinstance(widget, MatchingPage)
    qtbot.waitUntil(lambda: widget.chooser.model.rowCount() > 0, timeout=WAIT_MS)
    return widget


def test_an_accept_conflict_reads_in_dutch_naming_the_family_as_the_tables_do(dutch: None) -> None:
    names = {"F12": "Jansen (Utrecht)"}
    exc = placements._conflict(Key.ACCEPT_FAMILY_FULL, names, family="F12", free=0, needed=1)
    assert str(exc) == "F12 just filled up: 0 place(s) free, 1 needed", "ids, not names, in the English"
    assert error_text(exc) == "Niet uitgevoerd: Jansen (Utrecht) is net vol: 0 plaats(en) vrij, 1 nodig"
    assert error_text(ConflictError("a plain message")) == "Niet uitgevoerd: a plain message"
    closed = run_state.conflict(Key.SESSION_ALREADY, session=4, status="accepted")
    assert str(closed) == "matching session 4 was already accepted"
    assert error_text(closed) == "Niet uitgevoerd: sessie 4 was al geaccepteerd"


def test_a_refusal_reads_in_dutch(dutch: None) -> None:
    guardian = Actor(user_id=7, username="g", role=m.Role.GUARDIAN)
    with pytest.raises(PermissionDenied) as refused:
        require(guardian, Action.VIEW_NETWORK)
    assert str(refused.value) == "your role may not view criminal networks"
    assert error_text(refused.value) == (
        "Niet toegestaan: uw rol geeft geen toestemming om criminele netwerken te bekijken"
    )


def test_a_child_out_of_school_reach_is_explained_in_dutch_and_in_english(
    page: MatchingPage, demo_context: AppContext, qtbot, qapp  # type: ignore[no-untyped-def]
) -> None:
    """A stored session reopened from the history: the machine form survived the database."""
    with demo_context.db.session() as s, s.begin():
        waiting = [
            r.id for r in waiting_children(s, demo_context.actor, on_date=dt.date.today())
        ]
        far = s.scalars(
            select(m.Child).where(
                m.Child.id.in_(waiting), m.Child.school_kind.is_not(None), m.Child.sibling_group_id.is_(None)
            )
        ).first()
        assert far is not None
        far.max_school_km = 0.1  # no school of the kind within 100 m of any family
        others = [i for i in waiting if i != far.id][:2]
        run = persistence.start(s, demo_context.actor, on_date=dt.date.today(), child_ids=[far.id, *others])
    run = run_state.solve(run)
    with demo_context.db.session() as s, s.begin():
        persistence.save(s, demo_context.actor, run)
    assert run.proposal is not None
    [unplaced] = [u for u in run.proposal.unplaced if u.child == f"C{far.id}"]
    assert any(a.key == "advice.school_radius" for a in unplaced.advice)

    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.history.rowCount() > 0, timeout=WAIT_MS)
    select_row(page.history_view, 0)
    page.open_button.click()
    qtbot.waitUntil(lambda: page.run is not None and page.run.id == run.id, timeout=WAIT_MS)
    row = next(i for i, u in enumerate(page.unplaced.rows) if u.child == f"C{far.id}")
    reasons, advice = page.unplaced.index(row, 1).data(), page.unplaced.index(row, 2).data()
    assert "gezin heeft binnen bereik geen passende school met een vrije plaats (school)" in reasons or (
        "gezinnen hebben binnen bereik geen passende school met een vrije plaats (school)" in reasons
    ), reasons
    [radius] = [a for a in unplaced.advice if a.key == "advice.school_radius"]
    family, school = run.cards.family_name(radius.params["family"]), run.cards.school_name(radius.params["school"])
    assert f"Een schoolafstand van {radius.params['need_km']:.1f} km in plaats van 0,1 km".replace(".", ",") in advice
    assert f"zou {family} mogelijk maken (school {school} voor basisonderwijs" in advice or (
        "voor " in advice and family in advice and school in advice
    ), advice
    assert not re.search(r"\b[CF]\d+\b", reasons + advice), "named as in the tables, not by id"
    assert not any(word in reasons + advice for word in ("families", "family", "instead of")), (reasons, advice)
    select_row(page.unplaced_view, row)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SCREENSHOTS / "matching-unplaced.png"))

    for translator in qapp.findChildren(QTranslator):  # the officer chose English
        qapp.removeTranslator(translator)
    install_language(qapp, "en")
    page.unplaced.show(page.run, set())  # the language is chosen at start; tables fill in it
    reasons, advice = page.unplaced.index(row, 1).data(), page.unplaced.index(row, 2).data()
    counts = [r for r in unplaced.reasons if r.key.startswith("excluded.")]
    assert reasons.splitlines()[: len(counts)] == counts, "the solver's own English sentences"
    assert f"instead of 0.1 km would allow {family} (" in advice and f" {school} at " in advice, advice
    assert not re.search(r"\b[CF]\d+\b", reasons + advice)


def test_a_pin_conflict_reads_in_dutch_with_local_numbers(dutch: None) -> None:
    p = problem(
        [family("F1", at(31.2))],
        [child("C7", networks=["N3"])],
        networks=[network("N3", at(0))],
        pins=[("C7", "F1")],
    )
    proposal = solve(p, time_limit_s=10)
    [conflict] = proposal.conflicts
    assert explanation_text(conflict) == (
        "vastzetting C7 → F1 breekt de veiligheidsafstand: "
        "F1 ligt op 31,2 km van een locatie van netwerk N3, C7 heeft 50,0 km nodig"
    )
    assert explanation_text(proposal.unplaced[0].reasons[0]).startswith(
        "De vastzettingen kunnen niet allemaal gelden: vastzetting C7 → F1 breekt"
    )
