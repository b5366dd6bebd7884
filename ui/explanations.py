"""The core's sentences in the interface language, naming records as the tables do.

Every sentence the solver and the core write (explanations, conflicts,
refusals) is an :class:`catalogue.sentences.Explanation`: a key of the
catalogue with plain parameters, whose English and Dutch texts both live in
the catalogue. Here it is said in the interface language, with children,
families and schools named as the officer's tables name them instead of by
id (from the run's ``Cards``, or the names a conflict brought along). A text
without a key (a proposal file from elsewhere) is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from catalogue.sentences import Explanation, Namer, rule_name, term_name
from placement.services.matching_session.cards import Cards
from ui.i18n import current_language


def explanation_text(text: str, cards: Cards | None = None) -> str:
    """One sentence in the interface language (``text`` as written when it
    carries no key); with ``cards``, records are named as on the page."""
    if isinstance(text, Explanation):
        return text.say(current_language(), _namer(_card_names(cards) if cards else _no_names))
    return text


def explanation_lines(texts: tuple[str, ...] | list[str], cards: Cards | None = None) -> str:
    return "\n".join(explanation_text(t, cards) for t in texts)


def message_text(exc: BaseException) -> str:
    """A conflict's or refusal's message in the interface language, naming
    records by the names it brought along (``ConflictError.names``)."""
    message = exc.args[0] if exc.args else ""
    if isinstance(message, Explanation):
        names: Mapping[str, str] = getattr(exc, "names", {})
        return message.say(current_language(), _namer(lambda _parameter, ref: names.get(ref)))
    return str(exc)


def rule_text(rule: str) -> str:
    """A hard rule's name in the interface language."""
    return rule_name(rule, current_language())


def term_text(term: str) -> str:
    """A score term's name in the interface language."""
    return term_name(term, current_language())


_RECORDS = frozenset({"child", "sibling", "children", "items", "family", "unit", "school", "record"})
"""Parameters that hold a record's id (``items``: the children listed before "and 3 more";
``unit``: a closed unit, named as the families are)."""


RecordName = Callable[[str, str], "str | None"]
"""``record_name(parameter, id)``: how the tables name a record, or None."""


def _namer(record_name: RecordName) -> Namer:
    def name(parameter: str, value: Any) -> str | None:
        if parameter in _RECORDS:
            return record_name(parameter, str(value))
        if parameter in _CODES:
            return _CODES[parameter](str(value))
        return None

    return name


def _no_names(_parameter: str, _ref: str) -> None:
    return None


def _card_names(cards: Cards) -> RecordName:
    def name(parameter: str, ref: str) -> str | None:
        if parameter in ("family", "unit"):
            return cards.family_name(ref)
        if parameter == "school":
            return cards.school_name(ref)
        return cards.child_name(ref)

    return name


_CODES: Mapping[str, Callable[[str], str]] = {
    "status": lambda status: QCoreApplication.translate("", status),
}
"""Codes the interface names itself: the session status words of the matching page."""
