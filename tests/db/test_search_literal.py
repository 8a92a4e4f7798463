"""A ``%`` or ``_`` typed in any search box finds that character, not "anything"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jianfu.db.models import DepartmentRow, UnitRow
from jianfu.db.models_burdens import BurdenRow
from jianfu.db.models_tasks import AdmissionCaseRow, TaskRequestRow
from jianfu.db.repositories import burdens, departments, tasks, units
from jianfu.db.repositories._search import contains_pattern
from jianfu.domain.burdens import BurdenFilter

# Each pair: the text searched for, the row that holds it, and a row the unescaped pattern
# would also have matched (``%`` as "anything", ``_`` as "any one character").
PAIRS = [("达标率100%以上", "达标率100以上"), ("测_试", "测某试")]


def _units(s: Session, query: str) -> set[int]:
    township = units.township(s)
    assert township is not None
    return {u.id for u in units.page(s, township.id, query=query, limit=10_000).rows}


def _departments(s: Session, query: str) -> set[int]:
    return {d.id for d in departments.page(s, query=query, limit=10_000).rows}


def _burdens(s: Session, query: str) -> set[int]:
    return {b.id for b in burdens.page(s, BurdenFilter(query=query), 0, 10_000).rows}


def _tasks(s: Session, query: str) -> set[int]:
    return {t.id for t in tasks.tasks_page(s, tasks.TaskFilter(query=query), 0, 10_000).rows}


def _cases(s: Session, query: str) -> set[int]:
    return {c.id for c in tasks.cases_page(s, tasks.CaseFilter(query=query), 0, 10_000).rows}


SCREENS: dict[str, tuple[type, str, Callable[[Session, str], set[int]]]] = {
    "villages": (UnitRow, "name", _units),
    "departments": (DepartmentRow, "name", _departments),
    "burdens": (BurdenRow, "name", _burdens),
    "tasks": (TaskRequestRow, "title", _tasks),
    "cases": (AdmissionCaseRow, "title", _cases),
}


@pytest.mark.parametrize(("wanted", "other"), PAIRS, ids=["percent", "underscore"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_percent_and_underscore_are_searched_literally(demo_ctx, screen, wanted, other):
    row_class, column, search = SCREENS[screen]
    with demo_ctx.unit_of_work() as s:
        stmt = select(row_class).order_by(row_class.id).limit(2)
        if row_class is UnitRow:  # the villages of the township the screen lists
            township = units.township(s)
            assert township is not None
            stmt = stmt.where(UnitRow.parent_id == township.id)
        rows = list(s.execute(stmt).scalars())
        assert len(rows) == 2, f"the demo has too few {screen}"
        ids = [r.id for r in rows]
        # Written with plain UPDATEs: the texts are the test's set-up, not a clerk's edit (a
        # forwarded case's title is not the township's to change in the app any more).
        for id_, value in zip(ids, (wanted, other), strict=True):
            s.execute(update(row_class).where(row_class.id == id_).values({column: value}))
    with demo_ctx.unit_of_work() as s:
        assert search(s, wanted) == {ids[0]}
        assert search(s, other) == {ids[1]}
        assert ids[0] in search(s, wanted[0])  # an ordinary search still finds it


def test_contains_pattern_escapes_the_escape_character_too():
    assert contains_pattern("a%b_c\\d") == "%a\\%b\\_c\\\\d%"
