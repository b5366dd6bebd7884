"""The manager's capacity screen: charts and tables of places, training,
waiting children and the children no family fits, a what-if scenario, and
CSV / PDF export. Aggregates only: no name, address or coordinate is ever
shown here (the services return none)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from catalogue import codes
from catalogue.limits import AGE_BANDS
from catalogue.numbers import date
from placement import capacity_figures
from placement.capacity_figures import CapacityReport
from placement.documents.charts import nice_step
from placement.services import capacity, scenario
from placement.services.capacity import VacancyRow
from placement.services.permissions import Action, allowed
from placement.services.scenario import ScenarioResult, WaitingProfile
from solver.proposal import CancelToken
from ui import file_names
from ui.aftercare_dialogs import reason_text
from ui.context import AppContext, show_error
from ui.explanations import rule_text
from ui.file_dialogs import save_file
from ui.i18n import code_name, code_names, csv_dialect, current_language
from ui.jobs import Job, JobState, run_job
from ui.table_model import Column, RowTableModel

ACCENT = QColor("#1d4e89")
INK = QColor("#1f2933")
MUTED = QColor("#9aa5b1")
TAKEN = QColor("#e8a33d")


def _training(tags: Sequence[str]) -> str:
    return code_names(codes.TRAININGS, tags, QCoreApplication.translate("", "none"))


def _school(kind: str | None) -> str:
    return code_name(codes.SCHOOL_KINDS, kind, QCoreApplication.translate("", "none"))


def _gender(code: str) -> str:
    return code_name(codes.GENDERS, code)


def _number(text: str) -> str:
    """A stored figure ("12.5", "<5", "-") as the user's language writes it."""
    try:
        return QLocale().toString(float(text), "f", 1) if "." in text else text
    except ValueError:
        return text


def _rule(name: str | None) -> str:
    return rule_text(name) if name else ""


def _exact(value: capacity_figures.Shown) -> bool:
    return value.text.isdigit()


def _suppressed_name(name: str, value: capacity_figures.Shown) -> str:
    """A bar's name with its figure when the bar's length is not that figure
    ("<5" drawn as 0, "72–76" drawn as 72)."""
    return name if _exact(value) else f"{name} ({value})"


def axis_range(top: int) -> tuple[int, int]:
    """The value axis's end and tick count: the longest bar ends at most at 85 %
    of the axis, so its value label, written beyond its end, stays inside."""
    step = nice_step(top)
    ticks = top // step + 2
    while step * (ticks - 1) * 0.85 < top:
        ticks += 1
    return step * (ticks - 1), ticks


def bar_chart(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[int], QColor]],
              horizontal: bool = False, value_labels: bool = True, stacked: bool = False) -> QChart:
    """A bar chart of whole numbers per category (one or more series).

    ``horizontal`` suits many or long category names (provinces): they are
    written in full beside the bars, first at the top, in a font small enough
    that all twelve provinces fit from a 1280×800 window up. ``stacked`` draws
    the series as parts of one bar; only the first series is labelled then, so
    value labels never overlap."""
    chart = QChart()
    chart.setTitle(title)
    title_font = chart.titleFont()
    title_font.setPointSizeF(title_font.pointSizeF() * 0.9)
    chart.setTitleFont(title_font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.setBackgroundRoundness(0)
    if stacked:
        bars: QAbstractBarSeries = QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries()
    else:
        bars = QHorizontalBarSeries() if horizontal else QBarSeries()
    order = list(reversed(range(len(categories)))) if horizontal else list(range(len(categories)))
    top = 0
    for n, (name, values, colour) in enumerate(series):
        bar_set = QBarSet(name)
        bar_set.append([float(values[i]) for i in order])
        bar_set.setColor(colour)
        if stacked:  # the first part's label sits inside its bar; the others' are not drawn
            bar_set.setLabelColor(QColor(Qt.GlobalColor.white) if n == 0 else QColor(Qt.GlobalColor.transparent))
        else:
            bar_set.setLabelColor(INK)
        bars.append(bar_set)
        top = max([top, *values])
    if stacked:
        top = max([0, *(sum(v[i] for _n, v, _c in series) for i in range(len(categories)))])
    bars.setLabelsVisible(value_labels)
    bars.setLabelsFormat("@value")
    bars.setLabelsPosition(
        QAbstractBarSeries.LabelsPosition.LabelsInsideBase
        if stacked
        else QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd
    )
    bars.setBarWidth(0.75)
    chart.addSeries(bars)
    names = QBarCategoryAxis()
    # Qt Charts draws axis labels as rich text: "0-3 (<5)" would lose its "<5)".
    names.append([html.escape(categories[i], quote=False) for i in order])
    names.setTruncateLabels(False)
    font = names.labelsFont()
    font.setPointSizeF(font.pointSizeF() * (0.75 if horizontal and len(categories) > 8 else 0.85))
    names.setLabelsFont(font)
    end, ticks = axis_range(top)
    numbers = QValueAxis()
    numbers.setRange(0, end)
    numbers.setLabelFormat("%d")
    numbers.setTickCount(ticks)
    numbers.setLabelsFont(font)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(numbers, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(names)
    bars.attachAxis(numbers)
    chart.legend().setVisible(len(series) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(font)
    return chart


def chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(200)  # twelve province names fit from here; the window fits 1280×800
    return view


def table(model: RowTableModel, selectable: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(80)
    header.setStretchLastSection(False)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection if selectable
                          else QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


@dataclass(frozen=True)
class ImaginedRow:
    """A kind of child the user added to the what-if list (none need be waiting)."""

    profile: scenario.ImaginedProfile
    networks: int = 0
    children: int = 0

    @property
    def age_band(self) -> str:
        return self.profile.age_band

    @property
    def gender(self) -> str:
        return self.profile.gender

    @property
    def training(self) -> tuple[str, ...]:
        return self.profile.training

    @property
    def school_kind(self) -> str | None:
        return self.profile.school_kind


class CapacityPage(QWidget):
    loaded = Signal()
    """Emitted in the GUI thread when fresh figures are on screen."""
    scenario_done = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report: CapacityReport | None = None
        self.on_date: dt.date | None = None
        """The day the figures are for; None is today."""
        self.result: ScenarioResult | None = None
        self._job: Job | None = None
        self._cancel: CancelToken | None = None

        title = self.tr("Capacity")
        self.heading = QLabel(f"<h2>{title}</h2>")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton(self.tr("Export &CSV…"))
        self.csv_button.clicked.connect(self._export_csv)
        self.pdf_button = QPushButton(self.tr("&Print report (PDF)…"))
        self.pdf_button.clicked.connect(self._export_pdf)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        for button in (self.refresh_button, self.csv_button, self.pdf_button):
            top.addWidget(button)

        self.free_chart = chart_view(QChart())
        self.waiting_chart = chart_view(QChart())
        self.charts = QWidget()
        charts = QHBoxLayout(self.charts)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.free_chart)
        charts.addWidget(self.waiting_chart)

        self.provinces = RowTableModel(self._region_columns(self.tr("Province"), lambda r: r.province), self)
        self.regions = RowTableModel([Column(self.tr("Municipality"), lambda r: r.municipality),
                                      *self._region_columns(self.tr("Province"), lambda r: r.province)], self)
        self.closed = RowTableModel([
            Column(self.tr("Province"), lambda r: r.province),
            Column(self.tr("Units"), lambda r: r.shown()[0], numeric=True),
            Column(self.tr("Places"), lambda r: r.shown()[1], numeric=True),
            Column(self.tr("Occupied"), lambda r: r.shown()[2], numeric=True),
            Column(self.tr("Free"), lambda r: r.shown()[3], numeric=True),
        ], self)
        self.trained = RowTableModel([
            Column(self.tr("Training"), lambda r: code_name(codes.TRAININGS, r.tag)),
            Column(self.tr("Families"), lambda r: r.shown()[0], numeric=True),
            Column(self.tr("Free places"), lambda r: r.shown()[1], numeric=True),
        ], self)
        self.waiting = RowTableModel([
            Column(self.tr("Training needed"), lambda r: codes.training_need_name(r.category, current_language())),
            Column(self.tr("Children"), lambda r: capacity_figures.count(r.children), numeric=True),
        ], self)
        self.no_fit = RowTableModel([
            *self._profile_columns(),
            Column(self.tr("Children"), lambda r: capacity_figures.count(r.children), numeric=True),
            Column(self.tr("Blocked most by"), lambda r: _rule(r.blocking_rule)),
        ], self)

        self.stability = RowTableModel([
            Column(self.tr("Region"), lambda r: r[0]),
            Column(self.tr("Quarter"), lambda r: r[1]),
            Column(self.tr("Started"), lambda r: r[2].get("started", "-")),
            Column(self.tr("Ended"), lambda r: r[2].get("ended", "-")),
            Column(self.tr("Breakdowns per 100 placement-years"),
                   lambda r: _number(r[2].get("breakdowns_per_100_placement_years", "-"))),
            Column(self.tr("Median duration (days)"), lambda r: r[2].get("median_duration_days", "-")),
            Column(self.tr("Missing per 100 children"), lambda r: _number(r[2].get("missing_per_100_children", "-"))),
            Column(self.tr("Ended by reason"), lambda r: ", ".join(
                f"{reason_text(code)}: {n}" for code, n in capacity_figures.reasons_of(r[2]))),
        ], self)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._provinces_tab(), self.tr("Provinces"))
        self.tabs.addTab(table(self.regions), self.tr("Municipalities"))
        self.tabs.addTab(table(self.trained), self.tr("Trained families"))
        self.tabs.addTab(table(self.waiting), self.tr("Waiting by need"))
        self.tabs.addTab(table(self.no_fit), self.tr("No family fits"))
        self.tabs.addTab(table(self.stability), self.tr("Stability"))
        vacancies_tab = self._vacancy_tab()
        if allowed(context.actor, Action.VIEW_FAMILY):  # the officers' overview
            self.tabs.addTab(vacancies_tab, self.tr("Vacancies per region"))
        else:
            vacancies_tab.setParent(self)
            vacancies_tab.hide()
        self.tabs.addTab(self._scenario_tab(), self.tr("What if…"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.charts, 3)
        layout.addWidget(self.tabs, 3)
        # The what-if has charts of its own: it gets the room of the overview's.
        self.tabs.currentChanged.connect(
            lambda index: self.charts.setVisible(index != self.tabs.count() - 1)
        )
        self._set_busy(False)

    @property
    def solving(self) -> bool:
        """A what-if is being calculated (the window waits with a language switch)."""
        return self._cancel is not None and self._job is not None and not self._job.done

    def take_over(self, old: CapacityPage) -> None:
        """Keep ``old``'s day (the window builds its pages again when the language changes)."""
        self.on_date = old.on_date

    def _provinces_tab(self) -> QWidget:
        """Foster places per province, and beside them the closed youth-care places.
        The closed table's figures columns may be narrower than the usual
        minimum, so all its columns, "Vrij" too, fit at 1280x800 without a
        horizontal scrollbar."""
        closed_box = QGroupBox(self.tr("Closed youth care (JeugdzorgPlus)"))
        closed = table(self.closed)
        closed.horizontalHeader().setMinimumSectionSize(56)
        closed_layout = QVBoxLayout(closed_box)
        closed_layout.setContentsMargins(4, 4, 4, 4)
        closed_layout.addWidget(closed)
        self.closed_view = closed
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(table(self.provinces), 3)
        row.addWidget(closed_box, 2)
        return tab

    # --- columns -----------------------------------------------------------------------

    def _region_columns(self, title: str, value: Any) -> list[Column]:
        return [
            Column(title, value),
            Column(self.tr("Families"), lambda r: r.shown()[0], numeric=True),
            Column(self.tr("Paused"), lambda r: r.shown()[1], numeric=True),
            Column(self.tr("Places"), lambda r: r.shown()[2], numeric=True),
            Column(self.tr("Occupied"), lambda r: r.shown()[3], numeric=True),
            Column(self.tr("Free"), lambda r: r.shown()[4], numeric=True),
        ]

    def _profile_columns(self) -> list[Column]:
        return [
            Column(self.tr("Age"), lambda r: r.age_band),
            Column(self.tr("Gender"), lambda r: _gender(r.gender)),
            Column(self.tr("Training needed"), lambda r: _training(r.training)),
            Column(self.tr("School"), lambda r: _school(r.school_kind)),
            Column(self.tr("Networks"), lambda r: r.networks, numeric=True),
        ]

    # --- the review --------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the figures in the background."""
        if self._job is not None and not self._job.done:
            return
        self._set_busy(True)
        on_date = self.on_date

        def task(session, actor, _state):  # type: ignore[no-untyped-def]
            vacancies = capacity.vacancies(session, actor, on_date) if allowed(actor, Action.VIEW_FAMILY) else []
            return (capacity.review(session, actor, on_date), scenario.waiting_profiles(session, actor, on_date),
                    vacancies)

        self._job = self.context.run(task, self._show, on_failed=self._failed, error_parent=self)

    def _show(self, result: tuple[CapacityReport, list[WaitingProfile], list[VacancyRow]]) -> None:
        report, profiles, vacancies = result
        self.vacancies = vacancies
        self._show_vacancies()
        self.report = report
        families, _paused, places, _occupied, free = report.total.shown()
        self.summary.setText(self.tr(
            "On %1: %2 active foster families with %3 places, %4 of them free; %5 children waiting, "
            "%6 of whom no family with a free place fits."
        ).replace("%1", date(report.on_date, current_language(), short=True)).replace("%2", str(families))
            .replace("%3", str(places)).replace("%4", str(free)).replace("%5", str(capacity_figures.count(report.waiting)))
            .replace("%6", str(capacity_figures.count(sum(n.children for n in report.no_fit)))))
        self.provinces.set_rows([*report.provinces, report.total])
        self.closed.set_rows([*report.closed, report.closed_total] if report.closed else [])
        self.regions.set_rows(report.regions)
        self.trained.set_rows(report.trained)
        self.waiting.set_rows(report.waiting_by_need)
        self.no_fit.set_rows(report.no_fit)
        self.stability.set_rows(capacity_figures.pivot(report.stability))
        # A count below 5 is no bar: its category says "<5" and the bars carry no numbers.
        free = [(r.province, r.shown()[4]) for r in report.provinces]
        waiting = [(c.category, capacity_figures.count(c.children)) for c in report.waiting_by_age]
        self.free_chart.setChart(bar_chart(
            self.tr("Free places per province"), [_suppressed_name(n, v) for n, v in free],
            [(self.tr("Free places"), [v.rank for _, v in free], ACCENT)], horizontal=True,
            value_labels=all(_exact(v) for _, v in free)))
        self.waiting_chart.setChart(bar_chart(
            self.tr("Children waiting by age"), [_suppressed_name(n, v) for n, v in waiting],
            [(self.tr("Children"), [v.rank for _, v in waiting], ACCENT)],
            value_labels=all(_exact(v) for _, v in waiting)))
        self.profiles.set_rows(profiles)
        self._set_busy(False)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, exc)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.refresh_button, self.csv_button, self.pdf_button, self.run_button):
            button.setEnabled(not busy and (button is self.refresh_button or self.report is not None))
        self.cancel_button.setEnabled(busy and self._cancel is not None)
        self.progress.setVisible(busy)
        self.loading = busy

    # --- exports -----------------------------------------------------------------------

    def _day(self) -> dt.date:
        return self.report.on_date if self.report is not None else self.on_date or dt.date.today()

    def _export_csv(self) -> None:
        path, _ = save_file(self, self.context.settings, "capacity", self.tr("Export capacity (CSV)"),
                            file_names.capacity(self._day(), ".csv"), self.tr("CSV files (*.csv)"))
        if path:
            self.export(csv_path=Path(path))

    def _export_pdf(self) -> None:
        path, _ = save_file(self, self.context.settings, "capacity", self.tr("Print capacity report"),
                            file_names.capacity(self._day(), ".pdf"), self.tr("PDF files (*.pdf)"))
        if path:
            self.export(pdf_path=Path(path))

    def export(self, *, csv_path: Path | None = None, pdf_path: Path | None = None) -> None:
        """Write the figures on screen (not recomputed) in the background."""
        report = self.report
        if report is None:
            return
        self._set_busy(True)
        dialect = csv_dialect()

        def task(session, actor, _state):  # type: ignore[no-untyped-def]
            capacity.export(session, actor, report, csv_path=csv_path, pdf_path=pdf_path, csv_dialect=dialect)
            return csv_path or pdf_path

        def done(path: Path) -> None:
            self._set_busy(False)
            self.summary.setText(self.summary.text().split("\n")[0] + "\n" + self.tr("Saved: %1").replace(
                "%1", Path(path).name))

        self._job = self.context.run(task, done, on_failed=self._failed, error_parent=self)

    # --- vacancies per region ----------------------------------------------------------

    def _vacancy_tab(self) -> QWidget:
        """Free places per province and age band, for any family or per training:
        where a child of this age and need could go (aggregates, no addresses)."""
        self.vacancies: list[VacancyRow] = []
        self.vacancy_training = QComboBox()
        self.vacancy_training.addItem(self.tr("any family"), None)
        for tag in codes.TRAININGS.values:
            self.vacancy_training.addItem(code_name(codes.TRAININGS, tag), tag)
        self.vacancy_training.currentIndexChanged.connect(self._show_vacancies)
        caption = QLabel(self.tr("&Training:"))
        caption.setBuddy(self.vacancy_training)
        self.vacancy_model = RowTableModel([
            Column(self.tr("Province"), lambda r: r[0]),
            *[Column(self.tr("%1 years").replace("%1", band), lambda r, b=band: r[1].get(b, 0), numeric=True)
              for band, _low, _high in AGE_BANDS],
        ], self)
        self.vacancy_view = table(self.vacancy_model)
        note = QLabel(self.tr(
            "Free places of active families whose age range reaches into each band; a family open to "
            "two bands counts in both."))
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.vacancy_training)
        row.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.vacancy_view, 1)
        layout.addWidget(note)
        return tab

    def _show_vacancies(self, *_args: object) -> None:
        training = self.vacancy_training.currentData()
        by_province: dict[str, dict[str, int]] = {}
        for r in self.vacancies:
            if r.training == training:
                by_province.setdefault(r.province, {})[r.age_band] = r.free_places
        provinces = sorted({r.province for r in self.vacancies})
        self.vacancy_model.set_rows([(p, by_province.get(p, {})) for p in provinces])

    # --- the what-if scenario ----------------------------------------------------------

    def _scenario_tab(self) -> QWidget:
        tab = QWidget()
        self.profiles = RowTableModel([
            *self._profile_columns(),
            Column(self.tr("Waiting"), lambda r: capacity_figures.count(r.children), numeric=True),
        ], self)
        self.profile_view = table(self.profiles, selectable=True)
        imagine = self._imagine_row()
        self.copies = QSpinBox()
        self.copies.setRange(1, scenario.MAX_COPIES)
        self.copies.setValue(5)
        self.copies.setSuffix(self.tr(" more of each"))
        self.run_button = QPushButton(self.tr("C&alculate"))
        self.run_button.clicked.connect(self.run_scenario)
        self.cancel_button = QPushButton(self.tr("S&top"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.scenario_summary = QLabel(self.tr("Choose one or more kinds of children, then Calculate."))
        self.scenario_summary.setWordWrap(True)
        self.outcome_provinces = RowTableModel([
            Column(self.tr("Province"), lambda r: r.province),
            Column(self.tr("Free now"), lambda r: r.free_before, numeric=True),
            Column(self.tr("Placed"), lambda r: r.placed, numeric=True),
            Column(self.tr("Left"), lambda r: r.free_after, numeric=True),
        ], self)
        self.outcome_profiles = RowTableModel([
            *self._profile_columns(),
            Column(self.tr("Arrivals"), lambda r: r.arrivals, numeric=True),
            Column(self.tr("Placed"), lambda r: r.placed, numeric=True),
            Column(self.tr("Unplaced"), lambda r: r.unplaced, numeric=True),
            Column(self.tr("Blocked by"), lambda r: _rule(r.blocking_rule)),
        ], self)
        self.outcome_chart = chart_view(QChart())
        self.outcome_chart.setMinimumHeight(150)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("If")))
        controls.addWidget(self.copies)
        controls.addWidget(QLabel(self.tr("of the chosen kinds arrive:")))
        controls.addWidget(self.run_button)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.progress, 1)
        results = QHBoxLayout()
        results.addWidget(table(self.outcome_provinces), 2)
        results.addWidget(self.outcome_chart, 3)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.profile_view, 2)
        layout.addLayout(imagine)
        layout.addLayout(controls)
        layout.addWidget(self.scenario_summary)
        layout.addLayout(results, 3)
        layout.addWidget(table(self.outcome_profiles), 2)
        return tab

    def _imagine_row(self) -> QHBoxLayout:
        """Any kind of child for the what-if, whether or not one is waiting."""
        self.imagine_age = QComboBox()
        for band, _low, _high in AGE_BANDS:
            self.imagine_age.addItem(self.tr("%1 years").replace("%1", band), band)
        self.imagine_gender = QComboBox()
        for code in codes.GENDERS.values:
            self.imagine_gender.addItem(_gender(code), code)
        self.imagine_training = QComboBox()
        self.imagine_training.addItem(self.tr("no training needed"), None)
        for tag in codes.TRAININGS.values:
            self.imagine_training.addItem(code_name(codes.TRAININGS, tag), tag)
        self.imagine_school = QComboBox()
        self.imagine_school.addItem(self.tr("no school place"), None)
        for kind in codes.SCHOOL_KINDS.values:
            self.imagine_school.addItem(_school(kind), kind)
        self.imagine_button = QPushButton(self.tr("&Add this kind"))
        self.imagine_button.setToolTip(self.tr("Add a kind of child to the list, also when none is waiting"))
        self.imagine_button.clicked.connect(self.add_imagined)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Another kind:"))
        caption.setBuddy(self.imagine_age)
        row.addWidget(caption)
        for combo in (self.imagine_age, self.imagine_gender, self.imagine_training, self.imagine_school):
            row.addWidget(combo)
        row.addWidget(self.imagine_button)
        row.addStretch(1)
        return row

    def add_imagined(self) -> None:
        training = self.imagine_training.currentData()
        profile = scenario.ImaginedProfile(
            self.imagine_age.currentData(), self.imagine_gender.currentData(),
            (training,) if training else (), self.imagine_school.currentData(),
        )
        self.profiles.set_rows([*self.profiles.rows, ImaginedRow(profile)])
        self.profile_view.selectRow(self.profiles.rowCount() - 1)

    def chosen_profiles(self) -> list[Any]:
        rows = {index.row() for index in self.profile_view.selectionModel().selectedRows()}
        return [self.profiles.rows[r] for r in sorted(rows)]

    def run_scenario(self) -> None:
        chosen = self.chosen_profiles()
        if not chosen or (self._job is not None and not self._job.done):
            self.scenario_summary.setText(self.tr("Choose at least one kind of child first."))
            return
        ids = [p.example_child_id for p in chosen if not isinstance(p, ImaginedRow)]
        imagined = [p.profile for p in chosen if isinstance(p, ImaginedRow)]
        copies = self.copies.value()
        on_date = self.on_date
        token = self._cancel = CancelToken()
        self._set_busy(True)

        db, actor = self.context.db, self.context.actor

        def task(_state: JobState) -> ScenarioResult:
            with db.session() as session, session.begin():  # read the question, then let go of the database
                question = scenario.prepare(session, actor, ids, copies, on_date=on_date, profiles=imagined)
            return scenario.answer(question, cancel=token)

        self._job = run_job(task, on_finished=self._show_scenario, on_failed=self._scenario_failed)

    def cancel(self) -> None:
        """Stop the solver: the best plan found so far is shown."""
        if self._cancel is not None:
            self._cancel.cancel()

    def _scenario_failed(self, exc: BaseException) -> None:
        self._cancel = None
        self._failed(exc)

    def _show_scenario(self, result: ScenarioResult) -> None:
        self.result = result
        self._cancel = None
        self._set_busy(False)
        text = self.tr("%1 of %2 arrivals can be placed; %3 cannot.").replace("%1", str(result.placed)).replace(
            "%2", str(result.arrivals)).replace("%3", str(result.unplaced))
        if result.short_in:
            text += " " + self.tr("Places run out in: %1.").replace("%1", ", ".join(result.short_in))
        self.scenario_summary.setText(text)
        self.outcome_provinces.set_rows(result.provinces)
        self.outcome_profiles.set_rows(result.profiles)
        # One bar per province: what is left (labelled) and what the arrivals take;
        # the number taken is in the province's name, so no two labels meet.
        names = [
            f"{p.province} (−{p.placed})" if p.placed else p.province for p in result.provinces
        ]
        self.outcome_chart.setChart(bar_chart(self.tr("Free places before and after"), names, [
            (self.tr("Left after the arrivals"), [p.free_after for p in result.provinces], ACCENT),
            (self.tr("Taken by the arrivals"), [p.placed for p in result.provinces], TAKEN),
        ], horizontal=True, stacked=True))
        self.scenario_done.emit()

