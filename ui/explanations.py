"""The solver's explanations and the accept conflicts in the interface language.

The solver and the core write English sentences and keep, next to each, a key
and plain parameters (:mod:`catalogue.sentences`, ``ConflictError.key``). Here
every key has its English template (identical to the core's, which a test
checks) marked for Qt's translation system; a sentence is said again from its
translated template with its parameters put in the reader's words (rule
names, school kinds, training tags, numbers with a local decimal comma).
When the template is not translated (English installed) or the key is
unknown, the core's own English sentence is shown unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt

from catalogue import codes
from catalogue.sentences import SEPARATORS
from placement.errors import ConflictError
from placement.services.matching_session.cards import Cards
from ui.i18n import code_name

CONTEXT = "Explanations"

TEMPLATES: dict[str, str] = {
    "list.more": QT_TRANSLATE_NOOP("Explanations", "{items} and {more} more"),
    "pin": QT_TRANSLATE_NOOP("Explanations", "pin {child} → {family}"),
    "pin.school": QT_TRANSLATE_NOOP("Explanations", "pin {child} → {family} (school {school})"),
    "words.fitting_families": QT_TRANSLATE_NOOP("Explanations", "fitting families"),
    "words.group_fitting_families": QT_TRANSLATE_NOOP("Explanations", "families that fit all of sibling group {group}"),
    "words.more_urgent_children": QT_TRANSLATE_NOOP("Explanations", "more urgent children"),
    "words.other_children": QT_TRANSLATE_NOOP("Explanations", "other children"),
    "words.priority": QT_TRANSLATE_NOOP("Explanations", "priority {priority}"),
    "words.priority_range": QT_TRANSLATE_NOOP("Explanations", "priority {low}–{high}"),
    "rule_words.forbidden": QT_TRANSLATE_NOOP("Explanations", "the forbidden pairs"),
    "rule_words.capacity": QT_TRANSLATE_NOOP("Explanations", "the capacity"),
    "rule_words.age": QT_TRANSLATE_NOOP("Explanations", "the age range"),
    "rule_words.gender": QT_TRANSLATE_NOOP("Explanations", "the gender rule"),
    "rule_words.training": QT_TRANSLATE_NOOP("Explanations", "the training rule"),
    "rule_words.safety": QT_TRANSLATE_NOOP("Explanations", "the safety distance"),
    "rule_words.school": QT_TRANSLATE_NOOP("Explanations", "the school rule"),
    "rule_words.seats": QT_TRANSLATE_NOOP("Explanations", "the school seats"),
    "rule_words.closed_care": QT_TRANSLATE_NOOP("Explanations", "the closed-care rule"),
    "rule_words.siblings_together": QT_TRANSLATE_NOOP("Explanations", "the keep-together rule"),
    "rule_words.siblings_apart": QT_TRANSLATE_NOOP("Explanations", "the maximum distance between siblings"),
    "rule.forbidden": QT_TRANSLATE_NOOP("Explanations", "{child} → {family} is forbidden in this session"),
    "rule.capacity": QT_TRANSLATE_NOOP("Explanations", "{family} has no free place"),
    "rule.age": QT_TRANSLATE_NOOP("Explanations", "{family} takes ages {age_min}–{age_max}; {child} is {age}"),
    "rule.gender": QT_TRANSLATE_NOOP("Explanations", "{family} does not take gender {gender}"),
    "rule.training": QT_TRANSLATE_NOOP("Explanations", "{family} lacks the training {child} needs: {missing}"),
    "rule.safety": QT_TRANSLATE_NOOP(
        "Explanations", "{family} is {km} km from a location of network {network}, {child} needs {safety_km} km"
    ),
    "rule.closed_care": QT_TRANSLATE_NOOP(
        "Explanations", "{family} is a closed unit and {child} has no valid authorisation for closed care"
    ),
    "excluded.closed_care.one": QT_TRANSLATE_NOOP(
        "Explanations", "{n} closed unit excluded: no authorisation for closed care ({rule})"
    ),
    "excluded.closed_care.other": QT_TRANSLATE_NOOP(
        "Explanations", "{n} closed units excluded: no authorisation for closed care ({rule})"
    ),
    "advice.closed_care": QT_TRANSLATE_NOOP(
        "Explanations", "With a valid authorisation for closed care, unit {unit} could take {child}"
    ),
    "conflict.school_on_site": QT_TRANSLATE_NOOP(
        "Explanations", "{family} teaches {school_kind} on site, so {child} goes to school there"
    ),
    "term.school_on_site": QT_TRANSLATE_NOOP("Explanations", "school on site"),
    "term.closed_unit": QT_TRANSLATE_NOOP(
        "Explanations", "a closed unit: the least restrictive place that fits comes first"
    ),
    "rule.school": QT_TRANSLATE_NOOP(
        "Explanations", "no {school_kind} school with a free seat within {max_km} km of {family}"
    ),
    "excluded.forbidden.one": QT_TRANSLATE_NOOP("Explanations", "{n} family is forbidden for this child ({rule})"),
    "excluded.forbidden.other": QT_TRANSLATE_NOOP("Explanations", "{n} families are forbidden for this child ({rule})"),
    "excluded.capacity.one": QT_TRANSLATE_NOOP("Explanations", "{n} family has no free place ({rule})"),
    "excluded.capacity.other": QT_TRANSLATE_NOOP("Explanations", "{n} families have no free place ({rule})"),
    "excluded.age.one": QT_TRANSLATE_NOOP("Explanations", "{n} family does not take the child's age ({rule})"),
    "excluded.age.other": QT_TRANSLATE_NOOP("Explanations", "{n} families do not take the child's age ({rule})"),
    "excluded.gender.one": QT_TRANSLATE_NOOP("Explanations", "{n} family does not take the child's gender ({rule})"),
    "excluded.gender.other": QT_TRANSLATE_NOOP(
        "Explanations", "{n} families do not take the child's gender ({rule})"
    ),
    "excluded.training.one": QT_TRANSLATE_NOOP(
        "Explanations", "{n} family lacks the training the child needs ({rule})"
    ),
    "excluded.training.other": QT_TRANSLATE_NOOP(
        "Explanations", "{n} families lack the training the child needs ({rule})"
    ),
    "excluded.safety.one": QT_TRANSLATE_NOOP("Explanations", "{n} family is too close to the child's network ({rule})"),
    "excluded.safety.other": QT_TRANSLATE_NOOP(
        "Explanations", "{n} families are too close to the child's network ({rule})"
    ),
    "excluded.school.one": QT_TRANSLATE_NOOP(
        "Explanations", "{n} family has no suitable school with a free seat within reach ({rule})"
    ),
    "excluded.school.other": QT_TRANSLATE_NOOP(
        "Explanations", "{n} families have no suitable school with a free seat within reach ({rule})"
    ),
    "unplaced.group_too_big": QT_TRANSLATE_NOOP(
        "Explanations",
        "Sibling group {group} ({size} children) must stay together; the largest family "
        "that fits all of them has {places} free places",
    ),
    "unplaced.group_too_big.one": QT_TRANSLATE_NOOP(
        "Explanations",
        "Sibling group {group} ({size} children) must stay together; the largest family "
        "that fits all of them has {places} free place",
    ),
    "unplaced.group_no_family": QT_TRANSLATE_NOOP(
        "Explanations", "Sibling group {group} ({size} children) must stay together and no family fits all of them"
    ),
    "unplaced.no_family": QT_TRANSLATE_NOOP("Explanations", "No family meets every rule for this child"),
    "unplaced.taken": QT_TRANSLATE_NOOP(
        "Explanations",
        "All {fitting} {what} are full: their places went to {count} {urgency} "
        "({span}; e.g. {children}); {child} has priority {priority}",
    ),
    "unplaced.taken.one": QT_TRANSLATE_NOOP(
        "Explanations",
        "The only one of the {what} is full: its places went to {count} {urgency} "
        "({span}; e.g. {children}); {child} has priority {priority}",
    ),
    "unplaced.group_short": QT_TRANSLATE_NOOP(
        "Explanations", "The {fitting} fitting families have too few free places for the whole sibling group"
    ),
    "unplaced.no_seat": QT_TRANSLATE_NOOP(
        "Explanations",
        "The {free} fitting families with a free place have no {school_kind} school with a seat left within reach",
    ),
    "unplaced.sibling_far": QT_TRANSLATE_NOOP(
        "Explanations",
        "The {free} fitting families with a free place are farther than {max_km} km from sibling {sibling}",
    ),
    "unplaced.stopped": QT_TRANSLATE_NOOP(
        "Explanations", "The search stopped (time limit or cancel) before a place for this child was found"
    ),
    "unplaced.other_rules": QT_TRANSLATE_NOOP(
        "Explanations",
        "{free} fitting families still have a free place, but placing {child} there would break the "
        "sibling or school-seat rules for the children already placed",
    ),
    "unplaced.pins": QT_TRANSLATE_NOOP("Explanations", "The pins cannot all hold: {conflicts}"),
    "unplaced.unknown": QT_TRANSLATE_NOOP("Explanations", "The search stopped before even the pins could be checked"),
    "advice.one_more_place": QT_TRANSLATE_NOOP(
        "Explanations", "One more free place in family {family} would make room for {child}"
    ),
    "advice.one_more_place.group": QT_TRANSLATE_NOOP(
        "Explanations", "One more free place in family {family} would make room for sibling group {group}"
    ),
    "advice.school_radius": QT_TRANSLATE_NOOP(
        "Explanations",
        "A school radius of {need_km} km instead of {max_km} km would allow family "
        "{family} ({school_kind} school {school} at {km} km)",
    ),
    "advice.split_group": QT_TRANSLATE_NOOP(
        "Explanations", "Allowing sibling group {group} to split would let {child} go to family {family}"
    ),
    "advice.training": QT_TRANSLATE_NOOP(
        "Explanations", "A family trained in {missing} within reach: family {family} would fit if trained in {missing}"
    ),
    "conflict.pin_breaks": QT_TRANSLATE_NOOP("Explanations", "{pin} breaks {rule_words}: {detail}"),
    "conflict.no_school_needed": QT_TRANSLATE_NOOP("Explanations", "{child} needs no school"),
    "conflict.not_school_kind": QT_TRANSLATE_NOOP("Explanations", "{school} is not a {school_kind} school"),
    "conflict.school_too_far": QT_TRANSLATE_NOOP(
        "Explanations", "{school} is {km} km from {family}, {child} may travel {max_km} km"
    ),
    "conflict.no_seat": QT_TRANSLATE_NOOP("Explanations", "{school} has no free seat"),
    "conflict.pins_capacity": QT_TRANSLATE_NOOP(
        "Explanations", "pins of {children} to {family} break the capacity: {n} children, {places} free places"
    ),
    "conflict.pins_seats": QT_TRANSLATE_NOOP(
        "Explanations",
        "pins of {children} to school {school} break the school seats: {n} children, {seats} free seats",
    ),
    "conflict.pins_split": QT_TRANSLATE_NOOP(
        "Explanations", "pins {pins} break the keep-together rule: group {group} must live in one family"
    ),
    "conflict.group_too_big": QT_TRANSLATE_NOOP(
        "Explanations",
        "{pin} breaks the keep-together rule: group {group} has {size} children and {family} has {places} free places",
    ),
    "conflict.sibling_unfit": QT_TRANSLATE_NOOP(
        "Explanations", "{pin} breaks the keep-together rule: sibling {child} must come along but {detail}"
    ),
    "conflict.pins_apart": QT_TRANSLATE_NOOP(
        "Explanations",
        "{pin} and {other} break the maximum distance between siblings: the families are "
        "{km} km apart, group {group} allows {max_km} km",
    ),
    "conflict.core": QT_TRANSLATE_NOOP(
        "Explanations", "these pins cannot all hold together (capacity, school seats or sibling rules): {pins}"
    ),
    "term.shares_language": QT_TRANSLATE_NOOP("Explanations", "shares a language"),
    "term.no_shared_language": QT_TRANSLATE_NOOP("Explanations", "no shared language"),
    "term.no_network": QT_TRANSLATE_NOOP("Explanations", "no network"),
    "term.beyond_safety": QT_TRANSLATE_NOOP("Explanations", "{km} km beyond the safety distance"),
    "term.no_school": QT_TRANSLATE_NOOP("Explanations", "no school needed"),
    "term.school_km": QT_TRANSLATE_NOOP("Explanations", "school {km} km away"),
}
"""The solver's sentences (``catalogue.sentences.TEMPLATES``), for translation."""

CONFLICTS: dict[str, str] = {
    "capacity_no_snapshot": QT_TRANSLATE_NOOP(
        "Explanations",
        "no capacity figures yet: they are computed when an officer opens the capacity page "
        "or runs placement capacity",
    ),
    "accept.child_gone": QT_TRANSLATE_NOOP("Explanations", "child {child} no longer exists"),
    "accept.family_gone": QT_TRANSLATE_NOOP("Explanations", "family {family} no longer exists"),
    "accept.school_gone": QT_TRANSLATE_NOOP("Explanations", "school {school} no longer exists"),
    "accept.child_taken": QT_TRANSLATE_NOOP(
        "Explanations", "child {child} is no longer waiting: someone else placed them"
    ),
    "accept.same_day": QT_TRANSLATE_NOOP(
        "Explanations", "child {child} already had a placement starting on {date}; start the new one a day later"
    ),
    "accept.family_paused": QT_TRANSLATE_NOOP("Explanations", "family {family} is paused and takes no children now"),
    "accept.family_full": QT_TRANSLATE_NOOP(
        "Explanations", "family {family} just filled up: {free} place(s) free, {needed} needed"
    ),
    "accept.school_full": QT_TRANSLATE_NOOP(
        "Explanations", "school {school} just filled up: {free} seat(s) free, {needed} needed"
    ),
    "accept.unit_full": QT_TRANSLATE_NOOP(
        "Explanations", "closed unit {unit} just filled up: {free} place(s) free, {needed} needed"
    ),
    "accept.unit_paused": QT_TRANSLATE_NOOP("Explanations", "closed unit {unit} is paused and takes no children now"),
    "accept.no_authorisation": QT_TRANSLATE_NOOP(
        "Explanations",
        "child {child} has no valid authorisation for closed care on {date}: closed unit {unit} cannot take them",
    ),
    "session.no_proposal": QT_TRANSLATE_NOOP("Explanations", "this session has no proposal yet; solve it first"),
    "session.closed": QT_TRANSLATE_NOOP("Explanations", "matching session {session} is closed and can only be viewed"),
    "session.already": QT_TRANSLATE_NOOP("Explanations", "matching session {session} was already {status}"),
    "session.school_gone": QT_TRANSLATE_NOOP("Explanations", "school {school} is no longer in the register"),
    "record.changed": QT_TRANSLATE_NOOP(
        "Explanations", "{record} was changed by someone else meanwhile; open it again"
    ),
}
"""The accept, session and concurrent-edit conflicts (``CONFLICTS`` of
``placement.services.placements``, ``placement.services.matching_session.run_state``,
``placement.services.capacity`` and ``placement.services.conflicts``), for translation."""

RULE_NAMES: dict[str, str] = {
    "age": QT_TRANSLATE_NOOP("Rules", "age"),
    "gender": QT_TRANSLATE_NOOP("Rules", "gender"),
    "training": QT_TRANSLATE_NOOP("Rules", "training"),
    "safety": QT_TRANSLATE_NOOP("Rules", "safety distance"),
    "school": QT_TRANSLATE_NOOP("Rules", "school"),
    "closed_care": QT_TRANSLATE_NOOP("Rules", "closed care"),
    "capacity": QT_TRANSLATE_NOOP("Rules", "capacity"),
    "siblings_together": QT_TRANSLATE_NOOP("Rules", "siblings together"),
    "siblings_apart": QT_TRANSLATE_NOOP("Rules", "siblings apart"),
    "forbidden": QT_TRANSLATE_NOOP("Rules", "forbidden"),
    "pin": QT_TRANSLATE_NOOP("Rules", "pin"),
}


def rule_name(rule: str) -> str:
    """A hard rule's name as a user reads it; an unknown name as written."""
    name = RULE_NAMES.get(rule)
    return QCoreApplication.translate("Rules", name) if name else rule


def explanation_text(text: str, cards: Cards | None = None) -> str:
    """One solver sentence in the interface language (``text`` as written
    when it carries no key); with ``cards``, children, families and schools
    are named as the officer knows them instead of by id."""
    key = getattr(text, "key", None)
    if key is None:
        return text
    return _say(TEMPLATES, key, text.params, text, cards)  # type: ignore[attr-defined]


def explanation_lines(texts: tuple[str, ...] | list[str], cards: Cards | None = None) -> str:
    return "\n".join(explanation_text(t, cards) for t in texts)


def conflict_text(exc: ConflictError) -> str:
    """A conflict's message in the interface language."""
    key = getattr(exc, "key", None)
    if key is None:
        return str(exc)
    return _say(CONFLICTS, key, exc.params, str(exc))


def _say(
    templates: Mapping[str, str], key: str, params: Mapping[str, Any], english: str, cards: Cards | None = None
) -> str:
    source = templates.get(key)
    if source is None:
        return english
    template = QCoreApplication.translate(CONTEXT, source)
    translated = template != source  # else English, or not translated yet: the core's words
    if not translated and cards is None:
        return english
    try:
        return template.format_map({name: _value(name, v, translated, cards) for name, v in params.items()})
    except (KeyError, ValueError, IndexError):  # a broken translation never hides the message
        return english


def _value(name: str, value: Any, translated: bool, cards: Cards | None) -> str:
    if hasattr(value, "key"):
        return explanation_text(value, cards)
    if isinstance(value, (list, tuple)):
        return SEPARATORS.get(name, ", ").join(_value(name, v, translated, cards) for v in value)
    if isinstance(value, float):
        return QLocale().toString(value, "f", 1)
    if cards is not None and name in _NAMES:
        return _NAMES[name](cards, str(value))
    return _WORDS[name](value) if translated and name in _WORDS else str(value)


def _date(iso: Any) -> str:
    date = QDate.fromString(str(iso), Qt.DateFormat.ISODate)
    return QLocale().toString(date, QLocale.FormatType.ShortFormat) if date.isValid() else str(iso)


_NAMES: dict[str, Callable[[Cards, str], str]] = {
    "child": Cards.child_name,
    "sibling": Cards.child_name,
    "children": Cards.child_name,
    "items": Cards.child_name,  # the children listed before "and 3 more"
    "family": Cards.family_name,
    "unit": Cards.family_name,
    "school": Cards.school_name,
}

_WORDS: dict[str, Callable[[Any], str]] = {
    "rule": lambda v: rule_name(str(v)),
    "school_kind": lambda v: code_name(codes.SCHOOL_KINDS, str(v)),
    "missing": lambda v: code_name(codes.TRAININGS, str(v)),
    "date": _date,
    "status": lambda v: QCoreApplication.translate("", str(v)),  # the session status words of the matching page
}
