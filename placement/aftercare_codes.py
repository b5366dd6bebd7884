"""The codes, names and limits of what happens after a placement: why a
placement ended, how risky a missing episode is, whom to notify, and the
clocks the protocols set. The services, the command line, the app and the
documents read them from here; nobody spells them out again.

The names, in Dutch (what the app and the documents show) and in English
(the command line, the English user interface), are the catalogue's
(``catalogue.codes``); what each code means for the casework is here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalogue import codes


@dataclass(frozen=True, slots=True)
class EndReason:
    code: str
    leaves_care: bool
    """True when the child leaves care with this ending; otherwise the child
    waits for a new place."""
    needs_note: bool = False
    breakdown: bool = False
    """Counts as a breakdown in the stability figures."""

    @property
    def nl(self) -> str:
        return codes.name(codes.END_REASONS, self.code, "nl")

    @property
    def en(self) -> str:
        return codes.name(codes.END_REASONS, self.code, "en")


END_REASONS: dict[str, EndReason] = {
    r.code: r
    for r in (
        EndReason("planned", leaves_care=False),
        EndReason("home", leaves_care=True),
        EndReason("breakdown-family", leaves_care=False, breakdown=True),
        EndReason("breakdown-child", leaves_care=False, breakdown=True),
        EndReason("missing", leaves_care=False),
        EndReason("unsafe-network", leaves_care=False),
        EndReason("closed-care", leaves_care=True),
        EndReason("of-age", leaves_care=True),
        EndReason("other", leaves_care=False, needs_note=True),
    )
}
"""Why a placement ended (``Placement.end_reason`` holds the code)."""


def end_reason_name(code: str | None, language: str = "nl") -> str:
    """The reason's name; an older free-text reason prints as it was stored."""
    if code is None:
        return ""
    return codes.name(codes.END_REASONS, code, language)


@dataclass(frozen=True, slots=True)
class RiskGrade:
    code: str
    rule_nl: str
    rule_en: str
    police_due_after: dt.timedelta

    @property
    def nl(self) -> str:
        return codes.name(codes.RISK_GRADES, self.code, "nl")

    @property
    def en(self) -> str:
        return codes.name(codes.RISK_GRADES, self.code, "en")


RISK_GRADES: dict[str, RiskGrade] = {
    g.code: g
    for g in (
        RiskGrade("green",
                  "geen aanwijzing voor direct gevaar; het kind is eerder teruggekomen",
                  "no sign of immediate danger; the child has come back before",
                  dt.timedelta(hours=24)),
        RiskGrade("orange",
                  "zorgen over uitbuiting of contact met het netwerk, geen direct levensgevaar",
                  "concern about exploitation or contact with the network, no immediate danger to life",
                  dt.timedelta(hours=24)),
        RiskGrade("red",
                  "direct gevaar: bekend contact met het netwerk, jong of kwetsbaar kind, of dreiging",
                  "immediate danger: known contact with the network, a young or vulnerable child, or a threat",
                  dt.timedelta(0)),
    )
}
"""How risky a missing episode is, with the grading rule shown beside it."""

NOTIFICATIONS: dict[str, tuple[str, str]] = {
    item.code: (item.name.nl, item.name.en) for item in codes.NOTIFICATIONS
}
"""The checklist of a missing episode: who must be told, in this order."""

COMENSHA_CONSENT_AGE = 16
"""CoMensha's registration needs consent: the child's own from this age, the guardian's below it."""

RETURN_INTERVIEW_WITHIN = dt.timedelta(hours=72)
"""A return interview is due this long after the child was found."""

ESCALATION_EPISODES = 3
ESCALATION_WINDOW = dt.timedelta(days=30)
"""This many episodes within this window call for a strategy meeting and a placement review."""


def consent_by(age: int) -> str:
    """Who signs CoMensha's consent: ``"child"`` at 16 or older, else ``"guardian"``."""
    return "child" if age >= COMENSHA_CONSENT_AGE else "guardian"


def police_due(risk: str, last_seen: dt.datetime) -> dt.datetime:
    """When the police report is due: 24 h after the last sighting, at once for red."""
    return last_seen + RISK_GRADES[risk].police_due_after
