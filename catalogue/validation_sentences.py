"""What is wrong with a value a person gave, in English and Dutch.

A check says what is wrong as a :class:`Complaint`, a key and plain
parameters, never as finished text: the command line and files print it in
English, the app in the user's language, both from the one template here.
The forms (registry), the importer and the session reader share these, so a
value out of range reads the same wherever it came in.

Templates use ``{name}`` placeholders. A complaint about a code names its
list (``{"list": "training"}``); rendering then fills ``{what}`` ("a
training", "training") and ``{choices}`` (every name of the list, in the
language of the text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from catalogue import codes
from catalogue.phrase import Phrase
from catalogue.problem_sentences import PROBLEMS

MESSAGES: Final[Mapping[str, Phrase]] = MappingProxyType({
    "required": Phrase("is required", "is verplicht"),
    "required.cell": Phrase("is empty (a value is required)", "is leeg (een waarde is verplicht)"),
    "choose_one": Phrase("choose at least one", "kies er minstens één"),
    "range.between": Phrase("must be between {low} and {high}",
                            "moet tussen {low} en {high} liggen"),
    "number.not_whole": Phrase("is not a whole number", "is geen geheel getal"),
    "number.not_number": Phrase("is not a number", "is geen getal"),
    "number.not_negative": Phrase("must not be negative", "mag niet negatief zijn"),
    "number.positive": Phrase("must be more than 0", "moet meer dan 0 zijn"),
    "number.at_least": Phrase("is less than {low}", "is kleiner dan {low}"),
    "number.at_most": Phrase("is more than {high}", "is groter dan {high}"),
    "age.max_below_min": Phrase("must not be below the minimum age",
                                "mag niet lager zijn dan de jongste leeftijd"),
    "age.below_min": Phrase("is below the minimum age ({low})",
                            "is lager dan de jongste leeftijd ({low})"),
    "age.too_old": Phrase("the child would be older than {high}",
                          "het kind zou ouder zijn dan {high}"),
    "date.future": Phrase("lies in the future", "ligt in de toekomst"),
    "date.invalid": Phrase("is not a date (use dd-mm-yyyy or yyyy-mm-dd)",
                           "is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)"),
    "date.no_such_day": Phrase("is not a date (no such day)",
                               "is geen datum (die dag bestaat niet)"),
    "text.too_long": Phrase("is longer than {limit} characters", "is langer dan {limit} tekens"),
    "text.control": Phrase("holds a control character (such as NUL), which is not allowed",
                           "bevat een stuurteken (zoals NUL); dat is niet toegestaan"),
    "postcode.not_dutch": Phrase("is not a Dutch postcode (expected 1234 AB)",
                                 "is geen Nederlandse postcode (verwacht 1234 AB)"),
    "postcode.unknown": Phrase("is not in the postcode table", "staat niet in de postcodetabel"),
    "code.unknown": Phrase("is not {what} (use: {choices})",
                           "is geen {what} (gebruik: {choices})"),
    "code.unknown_item": Phrase('has "{value}", which is not {what} (use: {choices})',
                                'bevat "{value}"; dat is geen {what} (gebruik: {choices})'),
    "code.twice": Phrase('has "{value}" twice', 'bevat "{value}" twee keer'),
    "language.unknown": Phrase(
        'has "{value}", which is not a language (use a name such as Dutch or a code such as nl)',
        'bevat "{value}"; dat is geen taal (gebruik een naam zoals Nederlands of een code '
        "zoals nl)"),
    "province.unknown": Phrase("is not a Dutch province (use one of: {choices})",
                               "is geen Nederlandse provincie (gebruik een van: {choices})"),
    "training.item": Phrase('has "{value}", expected tag, tag:completed or tag:completed:expires',
                            'bevat "{value}"; verwacht training, training:behaald of '
                            "training:behaald:verloopt"),
    "import.both_coordinates": Phrase("is empty (give both lat and lon, or neither)",
                                      "is leeg (geef zowel lat als lon, of geen van beide)"),
    "import.no_place": Phrase("is empty (give a postcode, or lat and lon)",
                              "is leeg (geef een postcode, of lat en lon)"),
    "import.again": Phrase("appears also in row {row}", "staat ook in rij {row}"),
    "import.same_location": Phrase("the same location appears also in row {row}",
                                   "dezelfde locatie staat ook in rij {row}"),
    "import.network_unknown": Phrase("is not a known network label", "is geen bekend netwerklabel"),
    "import.network_ambiguous": Phrase("names more than one network", "noemt meer dan één netwerk"),
    "import.duo_formula": Phrase("is a formula or error, not a DUO code",
                                 "is een formule of fout, geen DUO-code"),
    "import.duo_no_category": Phrase(
        "gives no school category (BAO, SBAO, SO, VSO, (V)SO or VO)",
        "geeft geen schoolcategorie (BAO, SBAO, SO, VSO, (V)SO of VO)"),
    "import.duo_category": Phrase("is not a DUO school category (BAO, SBAO, SO, VSO, (V)SO or VO)",
                                  "is geen DUO-schoolcategorie (BAO, SBAO, SO, VSO, (V)SO of VO)"),
    "import.where": Phrase('row {row}, column "{column}"', 'rij {row}, kolom "{column}"'),
    "import.row": Phrase("row {row}", "rij {row}"),
    "import.column": Phrase('column "{column}"', 'kolom "{column}"'),
    **PROBLEMS,
})


@dataclass(frozen=True, slots=True)
class Complaint:
    """What is wrong with one value: a key of :data:`MESSAGES` and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        return render(self.key, self.params, language)


class FieldError(ValueError):
    """A value that cannot be read; ``str()`` is the English text."""

    def __init__(self, key: str, **params: Any) -> None:
        self.complaint = Complaint(key, params)
        super().__init__(self.complaint.text("en"))


def _shown(value: Any, language: str) -> str:
    if isinstance(value, Complaint):
        return value.text(language)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}".replace(",", "." if language == "nl" else ",")
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if language == "nl" else text
    return str(value)


def render(key: str, params: Mapping[str, Any], language: str = "en") -> str:
    """The message ``key`` in ``language`` (``"en"`` or ``"nl"``) with its parameters."""
    values = {name: _shown(value, language) for name, value in params.items()}
    listed = params.get("list")
    if listed is not None:
        code_list = codes.BY_NAME[listed]
        values.setdefault("what", code_list.what.text(language))
        values.setdefault("choices", codes.choices(code_list, language))
    return MESSAGES[key].text(language).format(**values)
