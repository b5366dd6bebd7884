"""What a person reads on screen, and whether it is Dutch.

:func:`visible_texts` gathers every text a widget tree shows (window titles,
labels, buttons, menus, tooltips, placeholders, combo items, tab names, table
headers, chart titles and legends, the status bar). :class:`DutchJudge` says
of each text whether it is not Dutch: an English source text of
``placement_nl.ts`` (one whose Dutch differs), an English catalogue phrase, a
stored code shown as stored ("exploitation", "secondary"), or a word only
English has ("the", "files", "look"). Data (names, numbers, ids) passes: the
judge knows no names, and table cells are checked for codes only.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

import catalogue
from placement.paths import resource
from ui.i18n import LANGUAGES

TABLE_ROWS_CHECKED = 40
"""Table cells are data; the first rows are still checked for raw codes."""

ENGLISH_WORDS = frozenset(["the", "and", "with", "for", "from", "this", "that", "these", "those", "which", "when", "where", "who", "whose", "would", "should", "could", "may", "might", "must", "can't", "cannot", "please", "nothing", "something", "anything", "everything", "there", "their", "they", "them", "your", "you", "are", "were", "been", "being", "has", "have", "does", "did", "done", "not", "no", "yes", "into", "onto", "upon", "about", "above", "below", "after", "before", "again", "already", "also", "only", "just", "than", "then", "very", "most", "less", "least", "each", "every", "any", "some", "all", "both", "either", "neither", "other", "another", "such", "own", "same", "here", "how", "why", "because", "while", "until", "file", "files", "folder", "folders", "look", "name", "names", "size", "date", "modified", "save", "saved", "opened", "close", "closed", "cancel", "apply", "discard", "reset", "back", "forward", "next", "previous", "finish", "done", "view", "views", "list", "directory", "directories", "create", "new", "delete", "remove", "edit", "search", "refresh", "show", "hide", "choose", "chosen", "select", "selected", "add", "added", "change", "changed", "changes", "person", "people", "child", "children", "family", "families", "guardian", "guardians", "officer", "officers", "managers", "administrator", "administrators", "schools", "network", "networks", "placements", "match", "place", "placed", "places", "waiting", "age", "trained", "region", "province", "municipality", "missing", "found", "ended", "ends", "end", "started", "reason", "reasons", "history", "alert", "alerts", "today", "user", "users", "password", "login", "role", "roles", "language", "languages", "report", "reports", "exported", "imported", "row", "rows", "column", "columns", "sheet", "sheets", "error", "errors", "warning", "failed", "fail", "failure", "success", "successful", "exploitation", "attachment", "siblings", "teenagers", "newcomers", "primary", "secondary", "special", "needs", "support", "recipient", "recipients", "copy", "print", "printed", "solve", "proposal", "accept", "accepted", "pin", "pinned", "forbid", "forbidden", "lift", "stop", "stopped", "calculate", "scenario", "if", "quarter", "breakdown", "breakdowns", "duration", "median", "days", "day", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "second", "seconds"])
"""Words a Dutch text never contains (none is also a Dutch word: "of", "in",
"is", "was", "door", "want", "over", "had" are left out on purpose, and so are the
English words Dutch borrows: "school", "training", "score", "dossier", "manager", "open", "start",
"help", "matching")."""

_TAG = re.compile(r"<[^>]+>")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\d")
_WORD = re.compile(r"[A-Za-zÀ-ÿ'’-]+")


def normalized(text: str) -> str:
    """A text as the .ts writes it, without markup, mnemonics, ellipsis or colon."""
    text = _PLACEHOLDER.sub(" ", _TAG.sub(" ", text)).replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = " ".join(text.split())
    return text.rstrip(":").removesuffix("…").removesuffix("...").strip()


@dataclass(frozen=True)
class Finding:
    where: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} ({self.why})"


def _translation_pairs() -> Iterator[tuple[str, str, str]]:
    """(context, English source, Dutch) of every message of placement_nl.ts."""
    tree = ElementTree.parse(resource("translations", "placement_nl.ts"))
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            dutch = "" if translation is None else "".join(translation.itertext())
            yield name, source, dutch


def _dutch_texts() -> set[str]:
    """Every Dutch text of the translation file and the catalogue, normalized and lower case."""
    texts = {normalized(dutch).lower() for _c, _s, dutch in _translation_pairs()}
    return texts | {normalized(nl).lower() for _en, nl in _catalogue_phrases()} | DUTCH_HOMOGRAPHS


DUTCH_HOMOGRAPHS = frozenset({"map", "kind", "type"})
"""English source texts that are Dutch words as well ("Map:" is Qt's Dutch for a folder)."""


def _catalogue_values() -> Iterator[object]:
    """Every Phrase and Code the catalogue package holds, in any module-level
    table or code list, so each helper's tables count as soon as they exist."""
    from catalogue.codes import CodeList
    from catalogue.phrase import Code, Phrase

    seen: set[int] = set()

    def walk(value: object) -> Iterator[object]:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, (Phrase, Code)):
            yield value
            if isinstance(value, Code):
                yield from walk(value.name)
        elif isinstance(value, CodeList):
            yield from walk(value.what)
            yield from walk(value.codes)
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                yield from walk(item)

    for info in pkgutil.iter_modules(catalogue.__path__, "catalogue."):
        for value in vars(importlib.import_module(info.name)).values():
            yield from walk(value)


def _catalogue_phrases() -> Iterator[tuple[str, str]]:
    """(English, Dutch) of every phrase of the catalogue."""
    from catalogue.phrase import Phrase

    for value in _catalogue_values():
        if isinstance(value, Phrase):
            yield value.en, value.nl


def _stored_codes() -> dict[str, str]:
    """Each stored code a screen must never show as stored, with where it is defined."""
    from catalogue.names import RULE_NAMES, TERM_NAMES
    from catalogue.phrase import Code
    from placement import aftercare_codes
    from placement.storage.models import ChildStatus, FamilyStatus, Role

    codes: dict[str, str] = {}
    for table in (aftercare_codes.END_REASONS, aftercare_codes.RISK_GRADES, aftercare_codes.NOTIFICATIONS):
        codes.update(dict.fromkeys(table, "code"))
    for names in (RULE_NAMES, TERM_NAMES):  # "rule_name.safety" -> "safety"
        codes.update({key.value.split(".", 1)[-1]: "code" for key in names})
    for enum in (Role, ChildStatus, FamilyStatus):
        codes.update({member.value: "code" for member in enum})
    codes.update({value.code: "code" for value in _catalogue_values() if isinstance(value, Code)})
    dutch = _dutch_texts()
    # A code that is also a Dutch word on its own ("trauma", "school") is no sign.
    return {code: why for code, why in codes.items()
            if len(code) > 2 and code.lower() not in dutch}


SELF_NAMED = frozenset(LANGUAGES.values())
"""The Language menu names each language in itself ("English" in the Dutch UI)."""


class DutchJudge:
    """Says which visible texts are not Dutch."""

    def __init__(self, allowed: Iterable[str] = ()) -> None:
        english: dict[str, str] = {}
        for context, source, dutch in _translation_pairs():
            if normalized(source) != normalized(dutch):
                english[normalized(source).lower()] = f"English source in {context}"
        for en, nl in _catalogue_phrases():
            if normalized(en) != normalized(nl):
                english.setdefault(normalized(en).lower(), "English catalogue phrase")
        # A source that is also Dutch somewhere ("Kind", "Gender", "Matching") is no sign.
        for dutch in _dutch_texts():
            english.pop(dutch, None)
        self.english = english
        self.codes = _stored_codes()
        self.allowed = tuple(allowed)

    def judge(self, where: str, text: str, data: bool = False) -> list[Finding]:
        """What is wrong with ``text`` (nothing for a Dutch text or data).
        ``data``: a table cell, where a name may equal an English source text
        (a municipality "Best"), so only codes and English words count."""
        plain = normalized(text)
        if not plain or plain in SELF_NAMED or any(part in text for part in self.allowed):
            return []
        findings: list[Finding] = []
        parts = [p.strip() for p in re.split(r"[,;/()]", plain) if p.strip()]
        for part in parts:
            if part in self.codes:
                findings.append(Finding(where, text, f"untranslated code {part!r}"))
        if not data and plain.lower() in self.english:
            findings.append(Finding(where, text, self.english[plain.lower()]))
            return findings
        words = {w.lower().strip("'’-") for w in _WORD.findall(plain)}
        english = sorted(words & ENGLISH_WORDS)
        if english:
            findings.append(Finding(where, text, f"English word(s) {', '.join(english)}"))
        return findings


def _model_headers(model: QAbstractItemModel, rows: int) -> Iterator[tuple[str, str, bool]]:
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header:
            yield "table header", str(header), False
        tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if tip:
            yield "table header tooltip", str(tip), False
    for row in range(min(rows, model.rowCount())):
        for column in range(model.columnCount()):
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str) and value:
                yield "table cell", value, True


def _chart_texts(view: QChartView) -> Iterator[tuple[str, str, bool]]:
    chart = view.chart()
    if chart.title():
        yield "chart title", chart.title(), False
    for axis in chart.axes():
        if axis.titleText():
            yield "chart axis", axis.titleText(), False
        for category in getattr(axis, "categories", lambda: [])():
            yield "chart category", category, True
    for marker in chart.legend().markers():
        if marker.label():
            yield "chart legend", marker.label(), False


def _menu_texts(menu: QMenu) -> Iterator[tuple[str, str, bool]]:
    if menu.title():
        yield "menu", menu.title(), False
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_texts(action.menu())
        elif action.text():
            yield "menu item", action.text(), False
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            yield "menu tooltip", action.toolTip(), False


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str, bool]]:
    """(kind, text, is_data) of one widget (not its children)."""
    if widget.isWindow() and widget.windowTitle():
        yield "window title", widget.windowTitle(), False
    if widget.toolTip():
        yield "tooltip", widget.toolTip(), False
    if isinstance(widget, QLabel):
        yield "label", widget.text(), False
    elif isinstance(widget, QAbstractButton):
        yield "button", widget.text(), False
    elif isinstance(widget, QGroupBox):
        yield "group box", widget.title(), False
    elif isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText(), False
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield "placeholder", widget.placeholderText(), False
        yield "text", widget.toPlainText(), False
    elif isinstance(widget, QComboBox):
        for n in range(widget.count()):
            yield "combo item", widget.itemText(n), False
    elif isinstance(widget, QTabWidget):
        for n in range(widget.count()):
            yield "tab", widget.tabText(n), False
    elif isinstance(widget, QListWidget):
        for n in range(widget.count()):
            yield "list item", widget.item(n).text(), False
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_headers(widget.model(), TABLE_ROWS_CHECKED)
    elif isinstance(widget, QChartView):
        yield from _chart_texts(widget)
    elif isinstance(widget, QMenu):
        yield from _menu_texts(widget)
    if isinstance(widget, QMainWindow):
        for action in widget.menuBar().actions():
            if action.menu() is not None:
                yield from _menu_texts(action.menu())
        if widget.statusBar().currentMessage():
            yield "status bar", widget.statusBar().currentMessage(), False
    if isinstance(widget, QWizard):
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            yield "wizard button", widget.buttonText(which), False
        page = widget.currentPage()
        if page is not None:
            yield "wizard title", page.title(), False
            yield "wizard subtitle", page.subTitle(), False


def visible_texts(root: QWidget) -> Iterator[tuple[str, str, bool]]:
    """Every text ``root`` and its visible descendants show."""
    widgets = [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]
    for widget in widgets:
        name = widget.objectName() or type(widget).__name__
        for kind, text, data in widget_texts(widget):
            if text:
                yield f"{kind} [{name}]", text, data


def check(judge: DutchJudge, place: str, root: QWidget) -> list[Finding]:
    findings = []
    for where, text, data in visible_texts(root):
        findings += judge.judge(f"{place} / {where}", text, data)
    return findings


def english_word_list_is_honest() -> list[str]:
    """The Dutch translations that contain a word of :data:`ENGLISH_WORDS`
    (the list must not call Dutch English)."""
    wrong = []
    for _context, _source, dutch in _translation_pairs():
        words = {w.lower().strip("'’-") for w in _WORD.findall(normalized(dutch))}
        if words & ENGLISH_WORDS:
            wrong.append(f"{dutch!r}: {sorted(words & ENGLISH_WORDS)}")
    return wrong



def dutch_leftovers(root: QWidget) -> list[Finding]:
    """In the English UI: the texts (or comma-separated parts of them) that are a
    Dutch translation of placement_nl.ts or a Dutch catalogue phrase differing
    from its English."""
    pairs = [(source, nl) for _c, source, nl in _translation_pairs()] + list(_catalogue_phrases())
    english = {normalized(en).lower() for en, _nl in pairs}
    dutch = {normalized(nl).lower() for en, nl in pairs
             if nl and normalized(nl).lower() != normalized(en).lower()} - english - DUTCH_HOMOGRAPHS
    found = []
    for where, text, _data in visible_texts(root):
        parts = {normalized(text).lower(), *(normalized(p).lower() for p in re.split(r"[,;]", text))}
        if parts & dutch and normalized(text) not in SELF_NAMED:
            found.append(Finding(where, text, f"Dutch in the English UI: {sorted(parts & dutch)}"))
    return found
