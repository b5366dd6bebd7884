"""What the core tells a person who could not do something: conflicts and refusals.

A conflict: someone else changed or took the thing first, or the thing is in
a state that does not allow it now. A refusal: the person's role does not
allow it. Both are raised with an :class:`catalogue.sentences.Explanation`,
so the English text goes to the command line and the application says the
same sentence in its language, naming records as its tables do.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from catalogue.keys import Key
from catalogue.phrase import Phrase

CONFLICTS: Final[Mapping[Key, Phrase]] = MappingProxyType(
    {
        Key.CAPACITY_NO_SNAPSHOT: Phrase(
            "no capacity figures yet: they are computed when an officer opens the capacity page "
            "or runs placement capacity",
            "nog geen capaciteitscijfers: die worden berekend zodra een plaatsingsmedewerker de "
            "capaciteitspagina opent of placement capacity uitvoert",
        ),
        Key.ACCEPT_CHILD_GONE: Phrase("{child} no longer exists", "{child} bestaat niet meer"),
        Key.ACCEPT_FAMILY_GONE: Phrase("{family} no longer exists", "{family} bestaat niet meer"),
        Key.ACCEPT_SCHOOL_GONE: Phrase(
            "school {school} no longer exists", "school {school} bestaat niet meer"
        ),
        Key.ACCEPT_CHILD_TAKEN: Phrase(
            "{child} is no longer waiting: someone else placed them",
            "{child} wacht niet meer: iemand anders heeft het al geplaatst",
        ),
        Key.ACCEPT_SAME_DAY: Phrase(
            "{child} already had a placement starting on {date}; start the new one a day later",
            "{child} had al een plaatsing die begint op {date}; laat de nieuwe een dag later "
            "beginnen",
        ),
        Key.ACCEPT_FAMILY_PAUSED: Phrase(
            "{family} is paused and takes no children now",
            "{family} is gepauzeerd en neemt nu geen kinderen",
        ),
        Key.ACCEPT_FAMILY_FULL: Phrase(
            "{family} just filled up: {free} place(s) free, {needed} needed",
            "{family} is net vol: {free} plaats(en) vrij, {needed} nodig",
        ),
        Key.ACCEPT_UNIT_FULL: Phrase(
            "closed unit {unit} just filled up: {free} place(s) free, {needed} needed",
            "gesloten afdeling {unit} is net vol: {free} plaats(en) vrij, {needed} nodig",
        ),
        Key.ACCEPT_UNIT_PAUSED: Phrase(
            "closed unit {unit} is paused and takes no children now",
            "gesloten afdeling {unit} is gepauzeerd en neemt nu geen kinderen op",
        ),
        Key.ACCEPT_NO_AUTHORISATION: Phrase(
            "child {child} has no valid authorisation for closed care on {date}: "
            "closed unit {unit} cannot take them",
            "{child} heeft op {date} geen geldige machtiging gesloten jeugdhulp: gesloten afdeling "
            "{unit} kan {child} niet opnemen",
        ),
        Key.ACCEPT_SCHOOL_FULL: Phrase(
            "school {school} just filled up: {free} seat(s) free, {needed} needed",
            "school {school} is net vol: {free} plaats(en) vrij, {needed} nodig",
        ),
        Key.PLACEMENT_ALREADY_ENDED: Phrase(
            "placement {placement} was already ended", "plaatsing {placement} was al beëindigd"
        ),
        Key.SESSION_NO_PROPOSAL: Phrase(
            "this session has no proposal yet; solve it first",
            "deze sessie heeft nog geen voorstel; los eerst op",
        ),
        Key.SESSION_CLOSED: Phrase(
            "matching session {session} is closed and can only be viewed",
            "sessie {session} is gesloten en kan alleen bekeken worden",
        ),
        Key.SESSION_ALREADY: Phrase(
            "matching session {session} was already {status}",
            "sessie {session} was al {status}",
        ),
        Key.SESSION_SCHOOL_GONE: Phrase(
            "school {school} is no longer in the register",
            "school {school} staat niet meer in het register",
        ),
        Key.RECORD_CHANGED: Phrase(
            "{record} was changed by someone else meanwhile; open it again",
            "{record} is intussen gewijzigd door een ander; opnieuw openen",
        ),
        Key.SCHOOL_IN_USE: Phrase(
            "school {school} is part of {used} placement(s) and cannot be deleted",
            "school {school} hoort bij {used} plaatsing(en) en kan niet verwijderd worden",
        ),
        Key.IMPORT_REGISTRY_CHANGED: Phrase(
            "the registry changed since the dry run; run the dry run again",
            "het register is gewijzigd sinds de proefimport; doe de proefimport opnieuw",
        ),
        Key.DOSSIER_WOULD_SHOW: Phrase(
            "it would show {leaks}", "het zou {leaks} tonen"
        ),
        Key.USERS_ADMINISTRATOR_EXISTS: Phrase(
            "this database already has an administrator",
            "deze database heeft al een beheerder",
        ),
    }
)

REFUSALS: Final[Mapping[Key, Phrase]] = MappingProxyType(
    {
        Key.REFUSAL_MAY_NOT: Phrase(
            "your role may not {action}",
            "uw rol geeft geen toestemming om {action}",
        ),
        Key.REFUSAL_ONLY_ASSIGNED: Phrase(
            "your role may only {action} for children assigned to you",
            "uw rol geeft alleen toestemming om {action} voor kinderen die aan u zijn toegewezen",
        ),
        Key.REFUSAL_WHAT_IF_ON_SERVER: Phrase(
            "on the office server the what-if needs the families' locations, which only officers "
            "may read",
            "op de kantoorserver heeft de wat-als-berekening de locaties van de gezinnen nodig, "
            "en die mogen alleen plaatsingsmedewerkers lezen",
        ),
        Key.REFUSAL_BY_SERVER: Phrase(
            "the database server does not allow this to your role ({reason})",
            "de databaseserver staat dit uw rol niet toe ({reason})",
        ),
    }
)
"""A role's refusal; ``action`` is a :class:`placement.services.permissions.Action`
value, said by its ``action.*`` name."""
