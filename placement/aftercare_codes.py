"""The codes, names and limits of what happens after a placement: why a
placement ended, how risky a missing episode is, whom to notify, and the
clocks the protocols set. The services, the command line, the app and the
documents read them from here; nobody spells them out again.

Each name is given in Dutch (what the app and the documents show) and in
English (the command line, the English user interface).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EndReason:
    code: str
    nl: str
    en: str
    leaves_care: bool
    """True when the child leaves care with this ending; otherwise the child
    waits for a new place."""
    needs_note: bool = False
    breakdown: bool = False
    """Counts as a breakdown in the stability figures."""


END_REASONS: dict[str, EndReason] = {
    r.code: r
    for r in (
        EndReason("planned", "geplande beëindiging", "planned end", leaves_care=False),
        EndReason("home", "terug naar huis", "back home", leaves_care=True),
        EndReason("breakdown-family", "breuk op verzoek van het gezin", "breakdown at the family's request",
                  leaves_care=False, breakdown=True),
        EndReason("breakdown-child", "breuk door gedrag van het kind", "breakdown because of the child's behaviour",
                  leaves_care=False, breakdown=True),
        EndReason("missing", "kind vermist", "child went missing", leaves_care=False),
        EndReason("unsafe-network", "onveilig: netwerk in de buurt", "unsafe: network nearby", leaves_care=False),
        EndReason("closed-care", "naar gesloten jeugdzorg", "moved to closed youth care", leaves_care=True),
        EndReason("of-age", "meerderjarig geworden", "came of age", leaves_care=True),
        EndReason("other", "anders", "other", leaves_care=False, needs_note=True),
    )
}
"""Why a placement ended (``Placement.end_reason`` holds the code)."""


def end_reason_name(code: str | None, language: str = "nl") -> str:
    """The reason's name; an older free-text reason prints as it was stored."""
    if code is None:
        return ""
    reason = END_REASONS.get(code)
    if reason is None:
        return code
    return reason.nl if language == "nl" else reason.en


@dataclass(frozen=True, slots=True)
class RiskGrade:
    code: str
    nl: str
    en: str
    rule_nl: str
    rule_en: str
    police_due_after: dt.timedelta


RISK_GRADES: dict[str, RiskGrade] = {
    g.code: g
    for g in (
        RiskGrade("green", "groen", "green",
                  "geen aanwijzing voor direct gevaar; het kind is eerder teruggekomen",
                  "no sign of immediate danger; the child has come back before",
                  dt.timedelta(hours=24)),
        RiskGrade("orange", "oranje", "orange",
                  "zorgen over uitbuiting of contact met het netwerk, geen direct levensgevaar",
                  "concern about exploitation or contact with the network, no immediate danger to life",
                  dt.timedelta(hours=24)),
        RiskGrade("red", "rood", "red",
                  "direct gevaar: bekend contact met het netwerk, jong of kwetsbaar kind, of dreiging",
                  "immediate danger: known contact with the network, a young or vulnerable child, or a threat",
                  dt.timedelta(0)),
    )
}
"""How risky a missing episode is, with the grading rule shown beside it."""

NOTIFICATIONS: dict[str, tuple[str, str]] = {
    "guardian": ("jeugdbeschermer / voogd", "guardian"),
    "police": ("politie (aangifte vermissing)", "police (missing-person report)"),
    "council": ("Raad voor de Kinderbescherming", "Child Protection Board"),
    "comensha": ("CoMensha", "CoMensha"),
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
