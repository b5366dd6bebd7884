"""Columns that do not fit share the width: the widest give up width first."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from ui.tables import fit_columns, setup_table


def test_the_widest_column_gives_up_width_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A proposal row: a child's name, a family's name and a long school name.
    At 1280x800 the school's name used to keep most of its width while the
    child's and family's were cut; now all three end at one common width."""
    model = QStandardItemModel(0, 4)
    model.setHorizontalHeaderLabels(["Kind", "Gezin", "School", "Score"])
    model.appendRow(
        [
            QStandardItem("Mihai Gheorghe van den Berg"),
            QStandardItem("Familie Timmermans (Leeuwarden)"),
            QStandardItem("Openbare Basisschool De Regenboog aan de Sprengenparklaan " * 2),
            QStandardItem("39,1"),
        ]
    )
    view = QTableView()
    view.setModel(model)
    setup_table(view)
    qtbot.addWidget(view)
    view.resize(520, 200)
    view.show()
    qtbot.waitExposed(view)
    fit_columns(view)
    header = view.horizontalHeader()
    child, family, school = (header.sectionSize(c) for c in range(3))
    # each name needs more than its share: all three end equally wide
    assert child == family == school, (child, family, school)
    assert sum(header.sectionSize(c) for c in range(4)) <= view.viewport().width() + 1
