"""Every code the domain stores, with its English and Dutch names and the
words people type for it.

A code is what the database, the session files and the solver hold
(``"exploitation"``, ``"f"``, ``"nl"``); a person reads its name in the
chosen language and may type the code, either name or a synonym, in any case
(:func:`read_code`). Forms, imports, documents and the app all read the
codes from here, so the Dutch words a person may type are the same set
everywhere and adding a code is a change in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from catalogue.phrase import Code, Phrase


@dataclass(frozen=True, slots=True)
class CodeList:
    """One list of codes, in the order a person reads them."""

    name: str
    """The list's name in messages (``training``, ``gender``)."""
    what: Phrase
    """What one code of the list is, for a message: English with its article
    ("is not a training"), Dutch without ("is geen training")."""
    codes: tuple[Code, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.codes)

    @property
    def values(self) -> tuple[str, ...]:
        """The stored codes, in order."""
        return tuple(c.code for c in self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def _by_code(self) -> Mapping[str, Code]:
        return _BY_CODE[self.name]

    def get(self, code: str) -> Code | None:
        return self._by_code.get(code)


def _list(name: str, what: Phrase, *codes: Code) -> CodeList:
    return CodeList(name, what, codes)


GENDERS: Final = _list(
    "gender",
    Phrase("a gender", "geslacht"),
    Code("f", Phrase("girl", "meisje"),
         ("v", "w", "vrouw", "vrouwelijk", "meisjes", "female", "girls", "woman")),
    Code("m", Phrase("boy", "jongen"),
         ("man", "mannelijk", "jongens", "male", "boys")),
    Code("x", Phrase("non-binary", "non-binair"),
         ("anders", "onbekend", "anders / onbekend", "nonbinary", "divers", "other", "unknown")),
)
"""A child's gender, and the genders a family takes."""

TRAININGS: Final = _list(
    "training",
    Phrase("a training", "training"),
    Code("exploitation", Phrase("criminal exploitation", "criminele uitbuiting"),
         ("uitbuiting", "exploitatie", "criminal-exploitation")),
    Code("trauma", Phrase("trauma", "trauma"), ("traumazorg", "trauma care")),
    Code("attachment", Phrase("attachment", "hechting"), ("hechtingsproblematiek",)),
    Code("language-support", Phrase("language support", "taalondersteuning"),
         ("taal", "taalsteun", "language")),
    Code("siblings", Phrase("siblings", "broers en zussen"),
         ("brussen", "broers & zussen", "sibling")),
    Code("teenagers", Phrase("teenagers", "tieners"), ("pubers", "tiener", "teenager", "teens")),
    Code("newcomers", Phrase("newcomers", "nieuwkomers"), ("nieuwkomer", "newcomer")),
    Code("special-needs", Phrase("special needs", "bijzondere zorg"),
         ("zorg", "bijzondere zorgbehoefte", "extra zorg")),
)
"""Training a family can have and a child can need; anything else is a typo."""

SCHOOL_KINDS: Final = _list(
    "school_kind",
    Phrase("a school kind", "schoolsoort"),
    Code("primary", Phrase("primary school", "basisonderwijs"),
         ("basis", "basisschool", "bo", "po", "primary education")),
    Code("secondary", Phrase("secondary school", "voortgezet onderwijs"),
         ("voortgezet", "middelbare school", "vo", "secondary education")),
    Code("special", Phrase("special education", "speciaal onderwijs"), ("speciaal",)),
    Code("special-primary", Phrase("special primary", "speciaal basisonderwijs"),
         ("so", "sbo", "speciale basisschool")),
    Code("special-secondary", Phrase("special secondary", "voortgezet speciaal onderwijs"),
         ("vso",)),
    Code("newcomer", Phrase("newcomer class", "nieuwkomersonderwijs"),
         ("nieuwkomers", "isk", "taalklas", "schakelklas", "newcomers")),
)
"""What school a child needs, and what a school offers (``school_kinds`` maps DUO's categories)."""

LANGUAGES: Final = _list(
    "language",
    Phrase("a language", "taal"),
    Code("nl", Phrase("Dutch", "Nederlands"), ("nederlandse", "hollands", "vlaams")),
    Code("en", Phrase("English", "Engels"), ("engelse",)),
    Code("fr", Phrase("French", "Frans"), ("franse",)),
    Code("de", Phrase("German", "Duits"), ("duitse",)),
    Code("ar", Phrase("Arabic", "Arabisch"), ("arabische",)),
    Code("bg", Phrase("Bulgarian", "Bulgaars"), ("bulgaarse",)),
    Code("ro", Phrase("Romanian", "Roemeens"), ("roemeense",)),
    Code("pl", Phrase("Polish", "Pools"), ("poolse",)),
    Code("tr", Phrase("Turkish", "Turks"), ("turkse",)),
    Code("ti", Phrase("Tigrinya", "Tigrinya"), ("tigrinya", "tigrinja", "eritrees")),
    Code("so", Phrase("Somali", "Somalisch"), ("somalische",)),
    Code("uk", Phrase("Ukrainian", "Oekraïens"), ("oekraiens", "oekraïense", "oekraiense")),
    Code("ru", Phrase("Russian", "Russisch"), ("russische",)),
    Code("es", Phrase("Spanish", "Spaans"), ("spaanse",)),
    Code("pap", Phrase("Papiamento", "Papiaments"), ("papiamentu",)),
    Code("rom", Phrase("Romani", "Romani"), ("romanes", "roma")),
    Code("hu", Phrase("Hungarian", "Hongaars"), ("hongaarse",)),
    Code("sr", Phrase("Serbian", "Servisch"), ("servische",)),
    Code("fa", Phrase("Persian", "Perzisch"), ("farsi", "perzische")),
    Code("prs", Phrase("Dari", "Dari"), ("afghaans",)),
)
"""Languages with a name; any other lowercase ISO 639 code (2 or 3 letters) is
accepted as it is (:func:`read_language`), since the list cannot be complete."""

ROLES: Final = _list(
    "role",
    Phrase("a role", "rol"),
    Code("officer", Phrase("placement officer", "plaatsingsfunctionaris"),
         ("functionaris", "plaatser", "placement-officer")),
    Code("manager", Phrase("manager", "manager"), ("leidinggevende",)),
    Code("guardian", Phrase("guardian", "voogd"), ("jeugdbeschermer", "gezinsvoogd")),
    Code("administrator", Phrase("administrator", "beheerder"),
         ("admin", "applicatiebeheerder", "systeembeheerder")),
)
"""Who a user is (``storage.models.Role`` holds the same values)."""

FAMILY_STATUSES: Final = _list(
    "family_status",
    Phrase("a family status", "gezinsstatus"),
    Code("active", Phrase("active", "actief"), ("beschikbaar", "available")),
    Code("paused", Phrase("paused", "gepauzeerd"), ("pauze", "inactief", "inactive", "on hold")),
)
"""Whether a family takes new placements (``storage.models.FamilyStatus``)."""

CHILD_STATUSES: Final = _list(
    "child_status",
    Phrase("a child status", "status van een kind"),
    Code("waiting", Phrase("waiting", "wachtend"), ("wacht", "wachtlijst")),
    Code("placed", Phrase("placed", "geplaatst"), ()),
    Code("left_care", Phrase("left care", "uit zorg"), ("uitgestroomd", "left-care")),
)
"""Where a child stands (``storage.models.ChildStatus``)."""

END_REASONS: Final = _list(
    "end_reason",
    Phrase("an end reason", "reden van beëindiging"),
    Code("planned", Phrase("planned end", "geplande beëindiging"), ("gepland",)),
    Code("home", Phrase("back home", "terug naar huis"), ("thuis", "naar huis")),
    Code("breakdown-family",
         Phrase("breakdown at the family's request", "breuk op verzoek van het gezin"), ()),
    Code("breakdown-child",
         Phrase("breakdown because of the child's behaviour", "breuk door gedrag van het kind"),
         ()),
    Code("missing", Phrase("child went missing", "kind vermist"), ("vermist", "vermissing")),
    Code("unsafe-network", Phrase("unsafe: network nearby", "onveilig: netwerk in de buurt"),
         ("onveilig",)),
    Code("closed-care", Phrase("moved to closed youth care", "naar gesloten jeugdzorg"),
         ("gesloten jeugdzorg", "gesloten")),
    Code("of-age", Phrase("came of age", "meerderjarig geworden"), ("meerderjarig",)),
    Code("other", Phrase("other", "anders"), ("overig",)),
)
"""Why a placement ended (``Placement.end_reason``; what each ending means for
the child is in ``placement.aftercare_codes``)."""

RISK_GRADES: Final = _list(
    "risk",
    Phrase("a risk grade", "risicoklasse"),
    Code("green", Phrase("green", "groen"), ("laag", "low")),
    Code("orange", Phrase("orange", "oranje"), ("midden", "medium")),
    Code("red", Phrase("red", "rood"), ("hoog", "high")),
)
"""How risky a missing episode is (the grading rules are in ``placement.aftercare_codes``)."""

NOTIFICATIONS: Final = _list(
    "notification",
    Phrase("a notification", "melding"),
    Code("guardian", Phrase("guardian", "jeugdbeschermer / voogd"), ("voogd", "jeugdbeschermer")),
    Code("police", Phrase("police (missing-person report)", "politie (aangifte vermissing)"),
         ("politie",)),
    Code("council", Phrase("Child Protection Board", "Raad voor de Kinderbescherming"),
         ("raad", "rvdk")),
    Code("comensha", Phrase("CoMensha", "CoMensha"), ()),
)
"""The checklist of a missing episode: who must be told, in this order."""

FAMILY: Final = "family"
CLOSED_UNIT: Final = "closed-unit"

HOME_KINDS: Final = _list(
    "home_kind",
    Phrase("a kind of home", "soort opvang"),
    Code(FAMILY, Phrase("foster family", "pleeggezin"), ("gezin", "family")),
    Code(CLOSED_UNIT, Phrase("closed unit", "gesloten afdeling"),
         ("gesloten", "jeugdzorgplus", "unit", "closed youth care")),
)
"""What a home is (``families.kind``, a session's ``kind``): a foster family,
or a closed youth-care unit (JeugdzorgPlus) that takes only children a court
has authorised for closed care. A unit is never called a family where a
person reads it."""

AUTHORISATION_KINDS: Final = _list(
    "authorisation_kind",
    Phrase("a kind of authorisation", "soort machtiging"),
    Code("regular", Phrase("regular authorisation", "machtiging"),
         ("gewoon", "regulier", "regular")),
    Code("spoed", Phrase("emergency authorisation", "spoedmachtiging"), ("emergency", "urgent")),
    Code("voorwaardelijk", Phrase("conditional authorisation", "voorwaardelijke machtiging"),
         ("conditional",)),
)
"""The kinds of court authorisation for closed youth care (*machtiging gesloten
jeugdhulp*, ``court_authorisations.kind``)."""

CODE_LISTS: Final[tuple[CodeList, ...]] = (
    GENDERS, TRAININGS, SCHOOL_KINDS, LANGUAGES, ROLES, FAMILY_STATUSES, CHILD_STATUSES,
    END_REASONS, RISK_GRADES, NOTIFICATIONS, HOME_KINDS, AUTHORISATION_KINDS,
)

BY_NAME: Final[Mapping[str, CodeList]] = MappingProxyType({c.name: c for c in CODE_LISTS})


def _fold(word: str) -> str:
    """How a typed word is compared: trimmed, case-insensitive, inner spaces single."""
    return " ".join(word.split()).casefold()


def _words(code_list: CodeList) -> Mapping[str, str]:
    words: dict[str, str] = {}
    for item in code_list.codes:
        for word in (item.code, item.name.en, item.name.nl, *item.synonyms):
            folded = _fold(word)
            known = words.setdefault(folded, item.code)
            if known != item.code:
                raise ValueError(f"{code_list.name}: {word!r} means both {known} and {item.code}")
    return MappingProxyType(words)


_BY_CODE: Final = {
    c.name: MappingProxyType({item.code: item for item in c.codes}) for c in CODE_LISTS
}
_WORDS: Final = {c.name: _words(c) for c in CODE_LISTS}


def read_code(code_list: CodeList, typed: str) -> str | None:
    """The code a person meant by ``typed`` (the code, its English or Dutch
    name or a synonym, in any case, spaces trimmed); None when it is none of them."""
    return _WORDS[code_list.name].get(_fold(typed))


def read_language(typed: str) -> str | None:
    """A language as :func:`read_code` reads it, or an unnamed ISO 639 code
    (two or three letters, any case) as that code in lower case."""
    known = read_code(LANGUAGES, typed)
    if known is not None:
        return known
    word = typed.strip().lower()
    return word if word.isascii() and word.isalpha() and 2 <= len(word) <= 3 else None


def name(code_list: CodeList, code: str, language: str) -> str:
    """The code's name in ``language`` (``"nl"`` or ``"en"``); a code the list
    does not know (an older stored value) is shown as it is."""
    item = code_list.get(code)
    return item.name.text(language) if item is not None else code


NO_TRAINING: Final = "none"
"""The training need the capacity review counts a waiting child under when
the child needs no training; stored with the review and written in its CSV."""

NO_TRAINING_NAME: Final = Phrase("none", "geen")


def training_need_name(code: str, language: str) -> str:
    """A training need of the capacity review as people read it: a training's
    name, or "geen" / "none" for :data:`NO_TRAINING`."""
    if code == NO_TRAINING:
        return NO_TRAINING_NAME.text(language)
    return name(TRAININGS, code, language)


def names(code_list: CodeList, codes: Iterable[str], language: str, none: str = "") -> str:
    """``["bg", "nl"]`` → ``"Bulgarian, Dutch"``; ``none`` for an empty list."""
    return ", ".join(name(code_list, code, language) for code in codes) or none


def choices(code_list: CodeList, language: str) -> str:
    """Every name of the list, for a message that says what may be typed."""
    return ", ".join(item.name.text(language) for item in code_list.codes)
