"""The what-if question on the fixture database (see test_capacity for the hand count).

Noor (2, needs trauma training) fits only F3 in Utrecht (1 place); Finn (16,
secondary school) fits only F2 in Groningen (2 places, and its school has 2
seats); no family fits Sem (no primary school near a family with a place).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from placement.actor import Actor
from placement.errors import InputError
from placement.services import scenario
from placement.services.scenario import ProvinceOutcome
from placement.storage.models import Child, Role
from tests.placement import report_fixtures as fx

MANAGER = Actor(user_id=None, username="boss", role=Role.MANAGER, workstation="ws-9")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("scenario") / "template.sqlite")


@pytest.fixture
def db(template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    database = fx.copy_of(template, tmp_path)
    yield database
    database.dispose()


def ids(db, *names: str) -> list[int]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return [s.scalars(select(Child.id).where(Child.name == n)).one() for n in names]


def test_three_more_of_each_places_what_fits_and_names_where_places_run_out(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        result = scenario.run(s, MANAGER, ids(db, "Noor Visser", "Finn Bos", "Sem de Boer"), 3, on_date=fx.TODAY)
    assert (result.arrivals, result.placed, result.unplaced) == (9, 3, 6)
    assert result.provinces == (
        ProvinceOutcome("Groningen", 2, 2),
        ProvinceOutcome("Limburg", 1, 0),
        ProvinceOutcome("Utrecht", 1, 1),
    )
    assert result.short_in == ("Groningen", "Utrecht")
    outcome = {(p.age_band, p.gender): (p.arrivals, p.placed, p.blocking_rule) for p in result.profiles}
    assert outcome == {
        ("0-3", "f"): (3, 1, "capacity"),   # fits, but only one place for three
        ("16-20", "m"): (3, 2, "capacity"),
        ("4-11", "m"): (3, 0, "school"),    # fits nowhere
    }


def test_a_scenario_needs_an_example_child_and_a_sane_number(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin(), pytest.raises(InputError) as error:
        scenario.run(s, MANAGER, [], 0, on_date=fx.TODAY)
    assert {p.where for p in error.value.problems} == {"children", "copies"}


def test_only_waiting_children_serve_as_examples(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin(), pytest.raises(InputError, match="not waiting"):
        scenario.run(s, MANAGER, ids(db, "Mila Petrova"), 2, on_date=fx.TODAY)


def test_a_what_if_for_a_kind_of_child_nobody_is_waiting_as(db) -> None:  # type: ignore[no-untyped-def]
    """Issue 16, finding 6: with no such child waiting the what-if was a dead end."""
    profile = scenario.ImaginedProfile("4-11", "f", (), "primary")
    with db.session() as s, s.begin():
        question = scenario.prepare(s, MANAGER, [], 2, on_date=fx.TODAY, profiles=[profile])
        assert [c.id for c in question.problem.children] == ["P1~1", "P1~2"]
        with pytest.raises(InputError):
            scenario.prepare(s, MANAGER, [], 2, profiles=[scenario.ImaginedProfile("4-99", "q")])
    result = scenario.answer(question)
    assert result.arrivals == 2 and 0 <= result.placed <= 2
    assert [p.age_band for p in result.profiles] == ["4-11"]
