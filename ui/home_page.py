"""The officers' home screen (the first page after login): what needs doing
now. Double-clicking an item (or Enter) opens the child or family it concerns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from catalogue import codes
from catalogue.numbers import number
from placement.services import home
from ui.aftercare_dialogs import local_text, risk_text
from ui.context import AppContext, Changes, show_error
from ui.i18n import code_name, current_language

_TARGET = Qt.ItemDataRole.UserRole


class HomePage(QWidget):
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.loading = False
        self.data: home.Home | None = None
        title = self.tr("Today")
        self.heading = QLabel(f"<h2>{title}</h2>")
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        sections = [
            ("missing", self.tr("Missing children")),
            ("alerts", self.tr("Open network alerts")),
            ("authorisations_lapsed", self.tr("Ended authorisations: child in a closed unit")),
            ("authorisations_ending", self.tr("Authorisations for closed care ending within 4 weeks")),
            ("interviews", self.tr("Return interviews due")),
            ("escalations", self.tr("Escalations: strategy meeting")),
            ("waiting", self.tr("Waiting children by priority")),
            ("reviews", self.tr("Families paused for review")),
            ("trainings", self.tr("Trainings about to expire")),
        ]
        for n, (key, title) in enumerate(sections):
            box = QGroupBox(title)
            box.setObjectName(f"box_{key}")
            column = QVBoxLayout(box)
            items = QListWidget()
            items.setObjectName(key)
            items.itemActivated.connect(self._open)
            items.setMinimumHeight(110)
            items.setWordWrap(True)
            items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            column.addWidget(items)
            self.lists[key] = items
            grid.addWidget(box, n // 2, n % 2)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        context.operation_did_execute.connect(self._changed)

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        self.context.run(lambda s, a, _st: home.officer_home(s, a), self._show, on_failed=self._failed,
                         error_parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        show_error(self, exc)

    def _changed(self, _changes: Changes) -> None:
        self.refresh()

    def _fill(self, key: str, rows: list[tuple[str, tuple[str, int]]]) -> None:
        widget = self.lists[key]
        widget.clear()
        for text, target in rows:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(_TARGET, target)
            widget.addItem(item)
        if not rows:
            empty = QListWidgetItem(self.tr("nothing"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(empty)

    def _show(self, data: home.Home) -> None:
        self.loading = False
        self.data = data
        day = QLocale().toString
        missing_rows = []
        for e in data.missing:
            c = e.clocks
            police = (self.tr("police report done") if c.police_done
                      else self.tr("police report OVERDUE since %1") if c.police_overdue
                      else self.tr("police report due %1")).replace("%1", local_text(c.police_due))
            open_items = len(c.open_items)
            missing_rows.append((
                self.tr("%1 — missing since %2 (%3); %4; %5 notifications open").replace("%1", e.child_name)
                .replace("%2", local_text(e.last_seen_at)).replace("%3", risk_text(e.risk)).replace("%4", police)
                .replace("%5", str(open_items)), ("child", e.child_id)))
        self._fill("missing", missing_rows)
        self._fill("alerts", [
            (self.tr("%1 in %2: %3 km from %4 (safety distance %5 km)").replace("%1", a.child_name)
             .replace("%2", a.family_name).replace("%3", number(a.distance_km, current_language(), 1)).replace("%4", a.network_label)
             .replace("%5", number(a.safety_km, current_language())), ("child", a.child_id)) for a in data.alerts])
        self._fill("authorisations_lapsed", [
            (self.tr("%1 in %2: no valid authorisation since %3").replace("%1", x.child_name)
             .replace("%2", x.unit_name)
             .replace("%3", day(QDate(x.ended_on), QLocale.FormatType.ShortFormat) if x.ended_on else "—"),
             ("child", x.child_id)) for x in data.authorisations_lapsed])  # fmt: skip
        self._fill("authorisations_ending", [
            ((self.tr("%1 — %2 ends %3 (%4 days); lives in a closed unit") if e.in_unit
              else self.tr("%1 — %2 ends %3 (%4 days)")).replace("%1", e.child_name)
             .replace("%2", code_name(codes.AUTHORISATION_KINDS, e.kind))
             .replace("%3", day(QDate(e.ends_on), QLocale.FormatType.ShortFormat)).replace("%4", str(e.days_left)),
             ("child", e.child_id)) for e in data.authorisations_ending])  # fmt: skip
        self._fill("interviews", [
            ((self.tr("%1 — found %2; interview OVERDUE since %3") if e.clocks.interview_overdue
              else self.tr("%1 — found %2; interview due %3")).replace("%1", e.child_name)
             .replace("%2", local_text(e.found_at)).replace("%3", local_text(e.clocks.interview_due)),
             ("child", e.child_id)) for e in data.interviews])  # fmt: skip
        self._fill("escalations", [
            (self.tr("%1 — 3 episodes within 30 days, last seen %2").replace("%1", e.child_name)
             .replace("%2", local_text(e.last_seen_at)), ("child", e.child_id)) for e in data.escalations])
        self._fill("waiting", [
            (self.tr("%1 — priority %2, age %3").replace("%1", w.name).replace("%2", str(w.priority))
             .replace("%3", str(w.age)), ("child", int(w.id))) for w in data.waiting])
        self._fill("reviews", [
            (self.tr("%1 — since %2 (%3)").replace("%1", r.family_name).replace("%2", local_text(r.opened_at))
             .replace("%3", r.source), ("family", r.family_id)) for r in data.reviews])
        self._fill("trainings", [
            (self.tr("%1 — %2 expires %3").replace("%1", t.family_name).replace("%2", code_name(codes.TRAININGS, t.tag))
             .replace("%3", day(QDate(t.expires_on), QLocale.FormatType.ShortFormat)), ("family", t.family_id))
            for t in data.trainings])  # fmt: skip
        self.loaded.emit()

    def _open(self, item: QListWidgetItem) -> None:
        target: Any = item.data(_TARGET)
        if not target:
            return
        kind, object_id = target
        window = self.window()
        page = window.show_page("children" if kind == "child" else "families")  # type: ignore[attr-defined]
        page.select_id(object_id)
