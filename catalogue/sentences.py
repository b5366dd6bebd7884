"""Every sentence a person reads, in English and Dutch, and how one is said.

A sentence is a :class:`catalogue.keys.Key` with plain parameters (ids,
numbers, codes, and other sentences for its parts). It is said in a language
by :func:`render` and nothing else: the English text a proposal file and the
command line carry, and the Dutch or English text the application shows, come
from the same template and the same parameters. Templates use ``{name}``
placeholders; :data:`SENTENCES` holds every key once (a test checks that each
has both languages with the same placeholders).

How a parameter is said (:func:`value_text`): a nested sentence in the same
language; a list joined with ", "; a number with a fraction with one decimal
in the language's way ("15,1" in Dutch); a rule, an action, a code or a date
in the language's words.
A ``namer`` lets the caller name what only it knows: an application names
children, families and schools as its tables do, not by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

from catalogue import codes, numbers
from catalogue.keys import Key
from catalogue.messages import CONFLICTS, REFUSALS
from catalogue.names import ACTIONS, LEAKS, RULE_NAMES, TERM_NAMES
from catalogue.phrase import Phrase

EXPLANATIONS: Final[Mapping[Key, Phrase]] = MappingProxyType(
    {
        Key.LIST_MORE: Phrase(
            "{items} and {more} more",
            "{items} en nog {more}",
        ),
        Key.PIN: Phrase(
            "pin {child} → {family}",
            "vastzetting {child} → {family}",
        ),
        Key.PIN_SCHOOL: Phrase(
            "pin {child} → {family} (school {school})",
            "vastzetting {child} → {family} (school {school})",
        ),
        Key.WORDS_FITTING_FAMILIES: Phrase(
            "fitting families",
            "passende gezinnen",
        ),
        Key.WORDS_GROUP_FITTING_FAMILIES: Phrase(
            "families that fit all of sibling group {group}",
            "gezinnen die bij de hele broer-zusgroep {group} passen",
        ),
        Key.WORDS_MORE_URGENT_CHILDREN: Phrase(
            "more urgent children",
            "urgentere kinderen",
        ),
        Key.WORDS_OTHER_CHILDREN: Phrase(
            "other children",
            "andere kinderen",
        ),
        Key.WORDS_PRIORITY: Phrase(
            "priority {priority}",
            "prioriteit {priority}",
        ),
        Key.WORDS_PRIORITY_RANGE: Phrase(
            "priority {low}–{high}",
            "prioriteit {low}–{high}",
        ),
        Key.RULE_WORDS_FORBIDDEN: Phrase(
            "the forbidden pairs",
            "de verboden combinaties",
        ),
        Key.RULE_WORDS_CAPACITY: Phrase(
            "the capacity",
            "de capaciteit",
        ),
        Key.RULE_WORDS_AGE: Phrase(
            "the age range",
            "het leeftijdsbereik",
        ),
        Key.RULE_WORDS_GENDER: Phrase(
            "the gender rule",
            "de regel voor geslacht",
        ),
        Key.RULE_WORDS_TRAINING: Phrase(
            "the training rule",
            "de regel voor training",
        ),
        Key.RULE_WORDS_SAFETY: Phrase(
            "the safety distance",
            "de veiligheidsafstand",
        ),
        Key.RULE_WORDS_SCHOOL: Phrase(
            "the school rule",
            "de regel voor school",
        ),
        Key.RULE_WORDS_SEATS: Phrase(
            "the school seats",
            "de schoolplaatsen",
        ),
        Key.RULE_WORDS_CLOSED_CARE: Phrase(
            "the closed-care rule",
            "de regel voor gesloten jeugdhulp",
        ),
        Key.RULE_WORDS_SIBLINGS_TOGETHER: Phrase(
            "the keep-together rule",
            "de regel dat broers en zussen samen blijven",
        ),
        Key.RULE_WORDS_SIBLINGS_APART: Phrase(
            "the maximum distance between siblings",
            "de maximale afstand tussen broers en zussen",
        ),
        Key.RULE_FORBIDDEN: Phrase(
            "{child} → {family} is forbidden in this session",
            "{child} → {family} is verboden in deze sessie",
        ),
        Key.RULE_CAPACITY: Phrase(
            "{family} has no free place",
            "{family} heeft geen vrije plaats",
        ),
        Key.RULE_AGE: Phrase(
            "{family} takes ages {age_min}–{age_max}; {child} is {age}",
            "{family} neemt leeftijden {age_min}–{age_max}; {child} is {age}",
        ),
        Key.RULE_GENDER: Phrase(
            "{family} does not take gender {gender}",
            "{family} neemt geen kinderen met geslacht {gender}",
        ),
        Key.RULE_TRAINING: Phrase(
            "{family} lacks the training {child} needs: {missing}",
            "{family} mist de training die {child} nodig heeft: {missing}",
        ),
        Key.RULE_SAFETY: Phrase(
            "{family} is {km} km from a location of network {network}, {child} needs {safety_km} "
            "km",
            "{family} ligt op {km} km van een locatie van netwerk {network}, {child} heeft "
            "{safety_km} km nodig",
        ),
        Key.RULE_SCHOOL: Phrase(
            "no {school_kind} with a free seat within {max_km} km of {family}",
            "geen school voor {school_kind} met een vrije plaats binnen {max_km} km van {family}",
        ),
        Key.RULE_CLOSED_CARE: Phrase(
            "{family} is a closed unit and {child} has no valid authorisation for closed care",
            "{family} is een gesloten afdeling en {child} heeft geen geldige machtiging gesloten "
            "jeugdhulp",
        ),
        Key.EXCLUDED_FORBIDDEN_ONE: Phrase(
            "{n} family is forbidden for this child ({rule})",
            "{n} gezin is verboden voor dit kind ({rule})",
        ),
        Key.EXCLUDED_FORBIDDEN_OTHER: Phrase(
            "{n} families are forbidden for this child ({rule})",
            "{n} gezinnen zijn verboden voor dit kind ({rule})",
        ),
        Key.EXCLUDED_CAPACITY_ONE: Phrase(
            "{n} family has no free place ({rule})",
            "{n} gezin heeft geen vrije plaats ({rule})",
        ),
        Key.EXCLUDED_CAPACITY_OTHER: Phrase(
            "{n} families have no free place ({rule})",
            "{n} gezinnen hebben geen vrije plaats ({rule})",
        ),
        Key.EXCLUDED_AGE_ONE: Phrase(
            "{n} family does not take the child's age ({rule})",
            "{n} gezin neemt de leeftijd van het kind niet aan ({rule})",
        ),
        Key.EXCLUDED_AGE_OTHER: Phrase(
            "{n} families do not take the child's age ({rule})",
            "{n} gezinnen nemen de leeftijd van het kind niet aan ({rule})",
        ),
        Key.EXCLUDED_GENDER_ONE: Phrase(
            "{n} family does not take the child's gender ({rule})",
            "{n} gezin neemt het geslacht van het kind niet aan ({rule})",
        ),
        Key.EXCLUDED_GENDER_OTHER: Phrase(
            "{n} families do not take the child's gender ({rule})",
            "{n} gezinnen nemen het geslacht van het kind niet aan ({rule})",
        ),
        Key.EXCLUDED_TRAINING_ONE: Phrase(
            "{n} family lacks the training the child needs ({rule})",
            "{n} gezin mist de training die het kind nodig heeft ({rule})",
        ),
        Key.EXCLUDED_TRAINING_OTHER: Phrase(
            "{n} families lack the training the child needs ({rule})",
            "{n} gezinnen missen de training die het kind nodig heeft ({rule})",
        ),
        Key.EXCLUDED_SAFETY_ONE: Phrase(
            "{n} family is too close to the child's network ({rule})",
            "{n} gezin woont te dicht bij het netwerk van het kind ({rule})",
        ),
        Key.EXCLUDED_SAFETY_OTHER: Phrase(
            "{n} families are too close to the child's network ({rule})",
            "{n} gezinnen wonen te dicht bij het netwerk van het kind ({rule})",
        ),
        Key.EXCLUDED_SCHOOL_ONE: Phrase(
            "{n} family has no suitable school with a free seat within reach ({rule})",
            "{n} gezin heeft binnen bereik geen passende school met een vrije plaats ({rule})",
        ),
        Key.EXCLUDED_SCHOOL_OTHER: Phrase(
            "{n} families have no suitable school with a free seat within reach ({rule})",
            "{n} gezinnen hebben binnen bereik geen passende school met een vrije plaats ({rule})",
        ),
        Key.EXCLUDED_CLOSED_CARE_ONE: Phrase(
            "{n} closed unit excluded: no authorisation for closed care ({rule})",
            "{n} gesloten afdeling uitgesloten: geen machtiging gesloten jeugdhulp ({rule})",
        ),
        Key.EXCLUDED_CLOSED_CARE_OTHER: Phrase(
            "{n} closed units excluded: no authorisation for closed care ({rule})",
            "{n} gesloten afdelingen uitgesloten: geen machtiging gesloten jeugdhulp ({rule})",
        ),
        Key.UNPLACED_GROUP_TOO_BIG: Phrase(
            "Sibling group {group} ({size} children) must stay together; the largest family that "
            "fits all of them has {places} free places",
            "Broer-zusgroep {group} ({size} kinderen) moet bij elkaar blijven; het grootste gezin "
            "dat bij hen allemaal past, heeft {places} vrije plaatsen",
        ),
        Key.UNPLACED_GROUP_TOO_BIG_ONE: Phrase(
            "Sibling group {group} ({size} children) must stay together; the largest family that "
            "fits all of them has {places} free place",
            "Broer-zusgroep {group} ({size} kinderen) moet bij elkaar blijven; het grootste gezin "
            "dat bij hen allemaal past, heeft {places} vrije plaats",
        ),
        Key.UNPLACED_GROUP_NO_FAMILY: Phrase(
            "Sibling group {group} ({size} children) must stay together and no family fits all of "
            "them",
            "Broer-zusgroep {group} ({size} kinderen) moet bij elkaar blijven en geen enkel gezin "
            "past bij hen allemaal",
        ),
        Key.UNPLACED_NO_FAMILY: Phrase(
            "No family meets every rule for this child",
            "Geen enkel gezin voldoet aan alle regels voor dit kind",
        ),
        Key.UNPLACED_TAKEN: Phrase(
            "All {fitting} {what} are full: their places went to {count} {urgency} ({span}; e.g. "
            "{children}); {child} has priority {priority}",
            "Alle {fitting} {what} zijn vol: hun plaatsen gingen naar {count} {urgency} ({span}; "
            "bijv. {children}); {child} heeft prioriteit {priority}",
        ),
        Key.UNPLACED_TAKEN_ONE: Phrase(
            "The only one of the {what} is full: its places went to {count} {urgency} ({span}; "
            "e.g. {children}); {child} has priority {priority}",
            "Het enige van de {what} is vol: de plaatsen gingen naar {count} {urgency} ({span}; "
            "bijv. {children}); {child} heeft prioriteit {priority}",
        ),
        Key.UNPLACED_GROUP_SHORT: Phrase(
            "The {fitting} fitting families have too few free places for the whole sibling group",
            "De {fitting} passende gezinnen hebben te weinig vrije plaatsen voor de hele "
            "broer-zusgroep",
        ),
        Key.UNPLACED_NO_SEAT: Phrase(
            "The {free} fitting families with a free place have no {school_kind} with a "
            "seat left within reach",
            "De {free} passende gezinnen met een vrije plaats hebben binnen bereik geen school "
            "voor {school_kind} met een vrije plaats",
        ),
        Key.UNPLACED_SIBLING_FAR: Phrase(
            "The {free} fitting families with a free place are farther than {max_km} km from "
            "sibling {sibling}",
            "De {free} passende gezinnen met een vrije plaats liggen verder dan {max_km} km van "
            "broer of zus {sibling}",
        ),
        Key.UNPLACED_STOPPED: Phrase(
            "The search stopped (time limit or cancel) before a place for this child was found",
            "Het zoeken stopte (tijdslimiet of geannuleerd) voordat er een plaats voor dit kind "
            "gevonden was",
        ),
        Key.UNPLACED_OTHER_RULES: Phrase(
            "{free} fitting families still have a free place, but placing {child} there would "
            "break the sibling or school-seat rules for the children already placed",
            "{free} passende gezinnen hebben nog een vrije plaats, maar {child} daar plaatsen zou "
            "de regels voor broers en zussen of schoolplaatsen breken voor de kinderen die al "
            "geplaatst zijn",
        ),
        Key.UNPLACED_PINS: Phrase(
            "The pins cannot all hold: {conflicts}",
            "De vastzettingen kunnen niet allemaal gelden: {conflicts}",
        ),
        Key.UNPLACED_UNKNOWN: Phrase(
            "The search stopped before even the pins could be checked",
            "Het zoeken stopte voordat zelfs de vastzettingen gecontroleerd konden worden",
        ),
        Key.ADVICE_ONE_MORE_PLACE: Phrase(
            "One more free place at {family} would make room for {child}",
            "Eén vrije plaats meer bij {family} zou ruimte maken voor {child}",
        ),
        Key.ADVICE_ONE_MORE_PLACE_GROUP: Phrase(
            "One more free place at {family} would make room for sibling group {group}",
            "Eén vrije plaats meer bij {family} zou ruimte maken voor broer-zusgroep {group}",
        ),
        Key.ADVICE_SCHOOL_RADIUS: Phrase(
            "A school radius of {need_km} km instead of {max_km} km would allow {family} "
            "({school_kind} {school} at {km} km)",
            "Een schoolafstand van {need_km} km in plaats van {max_km} km zou {family} mogelijk "
            "maken (school {school} voor {school_kind} op {km} km)",
        ),
        Key.ADVICE_SPLIT_GROUP: Phrase(
            "Allowing sibling group {group} to split would let {child} go to {family}",
            "Als broer-zusgroep {group} gesplitst mag worden, kan {child} naar {family}",
        ),
        Key.ADVICE_TRAINING: Phrase(
            "A family trained in {missing} within reach: {family} would fit if trained in "
            "{missing}",
            "Een gezin getraind in {missing} binnen bereik: {family} zou passen met training in "
            "{missing}",
        ),
        Key.ADVICE_CLOSED_CARE: Phrase(
            "With a valid authorisation for closed care, unit {unit} could take {child}",
            "Met een geldige machtiging gesloten jeugdhulp kan afdeling {unit} {child} opnemen",
        ),
        Key.CONFLICT_PIN_BREAKS: Phrase(
            "{pin} breaks {rule_words}: {detail}",
            "{pin} breekt {rule_words}: {detail}",
        ),
        Key.CONFLICT_NO_SCHOOL_NEEDED: Phrase(
            "{child} needs no school",
            "{child} heeft geen school nodig",
        ),
        Key.CONFLICT_NOT_SCHOOL_KIND: Phrase(
            "{school} is not a {school_kind}",
            "{school} is geen school voor {school_kind}",
        ),
        Key.CONFLICT_SCHOOL_TOO_FAR: Phrase(
            "{school} is {km} km from {family}, {child} may travel {max_km} km",
            "{school} ligt op {km} km van {family}, {child} mag {max_km} km reizen",
        ),
        Key.CONFLICT_NO_SEAT: Phrase(
            "{school} has no free seat",
            "{school} heeft geen vrije plaats",
        ),
        Key.CONFLICT_SCHOOL_ON_SITE: Phrase(
            "{family} teaches {school_kind} on site, so {child} goes to school there",
            "{family} geeft zelf {school_kind} onderwijs, dus {child} gaat daar naar school",
        ),
        Key.CONFLICT_PINS_CAPACITY: Phrase(
            "pins of {children} to {family} break the capacity: {n} children, {places} free places",
            "vastzettingen van {children} bij {family} breken de capaciteit: {n} kinderen, "
            "{places} vrije plaatsen",
        ),
        Key.CONFLICT_PINS_SEATS: Phrase(
            "pins of {children} to school {school} break the school seats: {n} children, {seats} "
            "free seats",
            "vastzettingen van {children} op school {school} breken de schoolplaatsen: {n} "
            "kinderen, {seats} vrije plaatsen",
        ),
        Key.CONFLICT_PINS_SPLIT: Phrase(
            "pins {pins} break the keep-together rule: group {group} must live in one family",
            "vastzettingen {pins} breken de regel dat broers en zussen samen blijven: groep "
            "{group} moet in één gezin wonen",
        ),
        Key.CONFLICT_GROUP_TOO_BIG: Phrase(
            "{pin} breaks the keep-together rule: group {group} has {size} children and {family} "
            "has {places} free places",
            "{pin} breekt de regel dat broers en zussen samen blijven: groep {group} heeft {size} "
            "kinderen en {family} heeft {places} vrije plaatsen",
        ),
        Key.CONFLICT_SIBLING_UNFIT: Phrase(
            "{pin} breaks the keep-together rule: sibling {child} must come along but {detail}",
            "{pin} breekt de regel dat broers en zussen samen blijven: broer of zus {child} moet "
            "mee, maar {detail}",
        ),
        Key.CONFLICT_PINS_APART: Phrase(
            "{pin} and {other} break the maximum distance between siblings: the families are {km} "
            "km apart, group {group} allows {max_km} km",
            "{pin} en {other} breken de maximale afstand tussen broers en zussen: de gezinnen "
            "liggen {km} km uit elkaar, groep {group} staat {max_km} km toe",
        ),
        Key.CONFLICT_CORE: Phrase(
            "these pins cannot all hold together (capacity, school seats or sibling rules): {pins}",
            "deze vastzettingen kunnen niet allemaal tegelijk gelden (capaciteit, schoolplaatsen "
            "of regels voor broers en zussen): {pins}",
        ),
        Key.TERM_SHARES_LANGUAGE: Phrase(
            "shares a language",
            "deelt een taal",
        ),
        Key.TERM_NO_SHARED_LANGUAGE: Phrase(
            "no shared language",
            "geen gedeelde taal",
        ),
        Key.TERM_NO_NETWORK: Phrase(
            "no network",
            "geen netwerk",
        ),
        Key.TERM_BEYOND_SAFETY: Phrase(
            "{km} km beyond the safety distance",
            "{km} km ruimer dan vereist",
        ),
        Key.TERM_NO_SCHOOL: Phrase(
            "no school needed",
            "geen school nodig",
        ),
        Key.TERM_SCHOOL_KM: Phrase(
            "school {km} km away",
            "school op {km} km",
        ),
        Key.TERM_SCHOOL_ON_SITE: Phrase(
            "school on site",
            "school op de locatie",
        ),
        Key.TERM_CLOSED_UNIT: Phrase(
            "a closed unit: the least restrictive place that fits comes first",
            "een gesloten afdeling: de minst beperkende plek die past gaat voor",
        ),
    }
)
"""The solver's sentences: why a child stayed unplaced, what it would take,
which pins cannot hold, and a placement's score term by term."""


def _registry(*parts: Mapping[Key, Phrase]) -> Mapping[Key, Phrase]:
    merged: dict[Key, Phrase] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"sentence keys written twice: {sorted(twice)}")
        merged.update(part)
    return MappingProxyType(merged)


SENTENCES: Final[Mapping[Key, Phrase]] = _registry(
    EXPLANATIONS, CONFLICTS, REFUSALS, ACTIONS, RULE_NAMES, TERM_NAMES, LEAKS
)
"""Every sentence and name of the catalogue, by key."""

SEPARATORS: Final[Mapping[str, str]] = MappingProxyType({"conflicts": "; "})
"""List parameters joined by something other than ", "."""

Namer = Callable[[str, Any], "str | None"]
"""``namer(parameter, value)``: the value in the reader's words, or None to
say it the catalogue's way."""


class Explanation(str):
    """An English sentence that keeps the key and parameters it was made from.

    It *is* its English text (a ``str``), so files, the command line and every
    reader of plain sentences use it unchanged; :meth:`say` gives it in
    another language."""

    key: Key
    params: Mapping[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Explanation:
        self = super().__new__(cls, render(key, params))
        self.key = Key(key)
        self.params = MappingProxyType(params)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (str(self.key), dict(self.params)))

    def say(self, language: str, namer: Namer | None = None) -> str:
        return render(self.key, self.params, language, namer)


def _rebuild(key: str, params: dict[str, Any]) -> Explanation:
    return Explanation(key, **params)


def render(
    key: str, params: Mapping[str, Any], language: str = "en", namer: Namer | None = None
) -> str:
    """The sentence ``key`` with ``params`` in ``language`` ("en" or "nl")."""
    template = SENTENCES[Key(key)].text(language)
    return template.format_map(
        {name: value_text(name, value, language, namer) for name, value in params.items()}
    )


def phrase(key: str, language: str) -> str:
    """A sentence without parameters (a name) in ``language``."""
    return SENTENCES[Key(key)].text(language)


def rule_name(rule: str, language: str) -> str:
    """A hard rule's name ("age", "siblings_together"); an unknown rule as written."""
    return _named("rule_name", rule, language)


def term_name(term: str, language: str) -> str:
    """A score term's name ("language", "school_km"); an unknown term as written."""
    return _named("term_name", term, language)


def leak_name(leak: str, language: str) -> str:
    """What a refused dossier would have shown, by ``Leak`` value ("family_address")."""
    return _named("leak", leak, language)


def _named(kind: str, code: str, language: str) -> str:
    try:
        return SENTENCES[Key(f"{kind}.{code}")].text(language)
    except ValueError:
        return code


def value_text(name: str, value: Any, language: str = "en", namer: Namer | None = None) -> str:
    """One parameter as it appears in a sentence in ``language``."""
    if isinstance(value, Explanation):
        return value.say(language, namer)
    if isinstance(value, (list, tuple)):
        return SEPARATORS.get(name, ", ").join(value_text(name, v, language, namer) for v in value)
    named = namer(name, value) if namer is not None else None
    if named is not None:
        return named
    if isinstance(value, float):
        return numbers.number(value, language, 1)
    if name in _BY_NAME:
        return _BY_NAME[name](str(value), language)
    return str(value)


def _date(iso: str, language: str) -> str:
    try:
        return numbers.date(dt.date.fromisoformat(iso), language)
    except ValueError:
        return iso


_BY_NAME: Mapping[str, Callable[[str, str], str]] = MappingProxyType(
    {
        "rule": rule_name,
        "leaks": lambda leak, language: _named("leak", leak, language),
        "action": lambda action, language: _named("action", action, language),
        "date": _date,
        "school_kind": lambda code, language: codes.name(codes.SCHOOL_KINDS, code, language),
        "missing": lambda code, language: codes.name(codes.TRAININGS, code, language),
        "gender": lambda code, language: codes.name(codes.GENDERS, code, language),
    }
)
"""Parameters said in the language's words by the catalogue itself: rules,
actions, leaks, dates and the codes of :mod:`catalogue.codes`."""


def id_list(ids: Sequence[str], limit: int = 3) -> list[str] | Explanation:
    """The first ``limit`` ids, and how many more there are."""
    if len(ids) <= limit:
        return list(ids)
    return Explanation(Key.LIST_MORE, items=list(ids[:limit]), more=len(ids) - limit)


def to_json(value: Any) -> Any:
    """An explanation (or parameter value) as plain JSON: ``{"key", "params"}``."""
    if isinstance(value, Explanation):
        return {"key": str(value.key), "params": {k: to_json(v) for k, v in value.params.items()}}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def from_json(data: Any) -> Any:
    """The inverse of :func:`to_json`; raises ``KeyError``/``TypeError``/``ValueError``
    on a stranger."""
    if isinstance(data, dict):
        return Explanation(data["key"], **{str(k): from_json(v) for k, v in data["params"].items()})
    if isinstance(data, list):
        return [from_json(v) for v in data]
    return data
