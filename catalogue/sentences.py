"""Every sentence the solver says, as a key with an English template.

An explanation is built once, from a key and plain parameters (ids, numbers,
rule names, and other explanations for the parts of a sentence); its English
text is rendered from those by :func:`render` and nothing else, so the
sentence in a proposal file and the machine form a user interface translates
can never disagree. Templates use ``{name}`` placeholders; numbers with a
fraction are shown with one decimal, lists are joined with ", ".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

TEMPLATES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # words inside other sentences
        "list.more": "{items} and {more} more",
        "pin": "pin {child} → {family}",
        "pin.school": "pin {child} → {family} (school {school})",
        "words.fitting_families": "fitting families",
        "words.group_fitting_families": "families that fit all of sibling group {group}",
        "words.more_urgent_children": "more urgent children",
        "words.other_children": "other children",
        "words.priority": "priority {priority}",
        "words.priority_range": "priority {low}–{high}",
        "rule_words.forbidden": "the forbidden pairs",
        "rule_words.capacity": "the capacity",
        "rule_words.age": "the age range",
        "rule_words.gender": "the gender rule",
        "rule_words.training": "the training rule",
        "rule_words.safety": "the safety distance",
        "rule_words.school": "the school rule",
        "rule_words.seats": "the school seats",
        "rule_words.closed_care": "the closed-care rule",
        "rule_words.siblings_together": "the keep-together rule",
        "rule_words.siblings_apart": "the maximum distance between siblings",
        # one pair rule keeping one child out of one family
        "rule.forbidden": "{child} → {family} is forbidden in this session",
        "rule.capacity": "{family} has no free place",
        "rule.age": "{family} takes ages {age_min}–{age_max}; {child} is {age}",
        "rule.gender": "{family} does not take gender {gender}",
        "rule.training": "{family} lacks the training {child} needs: {missing}",
        "rule.safety": (
            "{family} is {km} km from a location of network {network}, {child} needs {safety_km} km"
        ),
        "rule.school": "no {school_kind} school with a free seat within {max_km} km of {family}",
        "rule.closed_care": (
            "{family} is a closed unit and {child} has no valid authorisation for closed care"
        ),
        # how many families one rule excluded
        "excluded.forbidden.one": "{n} family is forbidden for this child ({rule})",
        "excluded.forbidden.other": "{n} families are forbidden for this child ({rule})",
        "excluded.capacity.one": "{n} family has no free place ({rule})",
        "excluded.capacity.other": "{n} families have no free place ({rule})",
        "excluded.age.one": "{n} family does not take the child's age ({rule})",
        "excluded.age.other": "{n} families do not take the child's age ({rule})",
        "excluded.gender.one": "{n} family does not take the child's gender ({rule})",
        "excluded.gender.other": "{n} families do not take the child's gender ({rule})",
        "excluded.training.one": "{n} family lacks the training the child needs ({rule})",
        "excluded.training.other": "{n} families lack the training the child needs ({rule})",
        "excluded.safety.one": "{n} family is too close to the child's network ({rule})",
        "excluded.safety.other": "{n} families are too close to the child's network ({rule})",
        "excluded.school.one": (
            "{n} family has no suitable school with a free seat within reach ({rule})"
        ),
        "excluded.school.other": (
            "{n} families have no suitable school with a free seat within reach ({rule})"
        ),
        "excluded.closed_care.one": (
            "{n} closed unit excluded: no authorisation for closed care ({rule})"
        ),
        "excluded.closed_care.other": (
            "{n} closed units excluded: no authorisation for closed care ({rule})"
        ),
        # why a child stayed unplaced
        "unplaced.group_too_big": (
            "Sibling group {group} ({size} children) must stay together; the largest family "
            "that fits all of them has {places} free places"
        ),
        "unplaced.group_too_big.one": (
            "Sibling group {group} ({size} children) must stay together; the largest family "
            "that fits all of them has {places} free place"
        ),
        "unplaced.group_no_family": (
            "Sibling group {group} ({size} children) must stay together and no family fits all of "
            "them"
        ),
        "unplaced.no_family": "No family meets every rule for this child",
        "unplaced.taken": (
            "All {fitting} {what} are full: their places went to {count} {urgency} "
            "({span}; e.g. {children}); {child} has priority {priority}"
        ),
        "unplaced.taken.one": (
            "The only one of the {what} is full: its places went to {count} {urgency} "
            "({span}; e.g. {children}); {child} has priority {priority}"
        ),
        "unplaced.group_short": (
            "The {fitting} fitting families have too few free places for the whole sibling group"
        ),
        "unplaced.no_seat": (
            "The {free} fitting families with a free place have no {school_kind} school with a "
            "seat left within reach"
        ),
        "unplaced.sibling_far": (
            "The {free} fitting families with a free place are farther than {max_km} km from "
            "sibling {sibling}"
        ),
        "unplaced.stopped": (
            "The search stopped (time limit or cancel) before a place for this child was found"
        ),
        "unplaced.other_rules": (
            "{free} fitting families still have a free place, but placing {child} there would "
            "break the sibling or school-seat rules for the children already placed"
        ),
        "unplaced.pins": "The pins cannot all hold: {conflicts}",
        "unplaced.unknown": "The search stopped before even the pins could be checked",
        # what it would take
        "advice.one_more_place": (
            "One more free place in family {family} would make room for {child}"
        ),
        "advice.one_more_place.group": (
            "One more free place in family {family} would make room for sibling group {group}"
        ),
        "advice.school_radius": (
            "A school radius of {need_km} km instead of {max_km} km would allow family "
            "{family} ({school_kind} school {school} at {km} km)"
        ),
        "advice.split_group": (
            "Allowing sibling group {group} to split would let {child} go to family {family}"
        ),
        "advice.training": (
            "A family trained in {missing} within reach: family {family} would fit if trained in "
            "{missing}"
        ),
        "advice.closed_care": (
            "With a valid authorisation for closed care, unit {unit} could take {child}"
        ),
        # pins that cannot all hold
        "conflict.pin_breaks": "{pin} breaks {rule_words}: {detail}",
        "conflict.no_school_needed": "{child} needs no school",
        "conflict.not_school_kind": "{school} is not a {school_kind} school",
        "conflict.school_too_far": (
            "{school} is {km} km from {family}, {child} may travel {max_km} km"
        ),
        "conflict.no_seat": "{school} has no free seat",
        "conflict.school_on_site": (
            "{family} teaches {school_kind} on site, so {child} goes to school there"
        ),
        "conflict.pins_capacity": (
            "pins of {children} to {family} break the capacity: {n} children, {places} free places"
        ),
        "conflict.pins_seats": (
            "pins of {children} to school {school} break the school seats: {n} children, {seats} "
            "free seats"
        ),
        "conflict.pins_split": (
            "pins {pins} break the keep-together rule: group {group} must live in one family"
        ),
        "conflict.group_too_big": (
            "{pin} breaks the keep-together rule: group {group} has {size} children and {family} "
            "has {places} free places"
        ),
        "conflict.sibling_unfit": (
            "{pin} breaks the keep-together rule: sibling {child} must come along but {detail}"
        ),
        "conflict.pins_apart": (
            "{pin} and {other} break the maximum distance between siblings: the families are "
            "{km} km apart, group {group} allows {max_km} km"
        ),
        "conflict.core": (
            "these pins cannot all hold together (capacity, school seats or sibling rules): {pins}"
        ),
        # a placement's score, term by term
        "term.shares_language": "shares a language",
        "term.no_shared_language": "no shared language",
        "term.no_network": "no network",
        "term.beyond_safety": "{km} km beyond the safety distance",
        "term.no_school": "no school needed",
        "term.school_km": "school {km} km away",
        "term.school_on_site": "school on site",
        "term.closed_unit": "a closed unit: the least restrictive place that fits comes first",
    }
)

SEPARATORS: Final[Mapping[str, str]] = MappingProxyType({"conflicts": "; "})
"""List parameters joined by something other than ", "."""


class Explanation(str):
    """An English sentence that keeps the key and parameters it was made from.

    It *is* its English text (a ``str``), so files, the command line and every
    reader of plain sentences use it unchanged; a user interface reads
    ``key`` and ``params`` to say it in another language."""

    key: str
    params: Mapping[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Explanation:
        self = super().__new__(cls, render(key, params))
        self.key = key
        self.params = MappingProxyType(params)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.key, dict(self.params)))


def _rebuild(key: str, params: dict[str, Any]) -> Explanation:
    return Explanation(key, **params)


def render(key: str, params: Mapping[str, Any]) -> str:
    return TEMPLATES[key].format_map({name: value_text(name, v) for name, v in params.items()})


def value_text(name: str, value: Any) -> str:
    """One parameter as it appears in an English sentence."""
    if isinstance(value, (list, tuple)):
        return SEPARATORS.get(name, ", ").join(value_text(name, v) for v in value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def id_list(ids: Sequence[str], limit: int = 3) -> list[str] | Explanation:
    """The first ``limit`` ids, and how many more there are."""
    if len(ids) <= limit:
        return list(ids)
    return Explanation("list.more", items=list(ids[:limit]), more=len(ids) - limit)


def to_json(value: Any) -> Any:
    """An explanation (or parameter value) as plain JSON: ``{"key", "params"}``."""
    if isinstance(value, Explanation):
        return {"key": value.key, "params": {k: to_json(v) for k, v in value.params.items()}}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def from_json(data: Any) -> Any:
    """The inverse of :func:`to_json`; raises ``KeyError``/``TypeError`` on a stranger."""
    if isinstance(data, dict):
        return Explanation(data["key"], **{str(k): from_json(v) for k, v in data["params"].items()})
    if isinstance(data, list):
        return [from_json(v) for v in data]
    return data
