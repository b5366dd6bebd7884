"""Placement solver: plain typed problem in, explained proposal out.

Knows nothing of databases or Qt; OR-Tools is used only inside this package.
"""

from solver.engine import Previous, greedy, solve
from solver.proposal import (
    CancelToken,
    Candidate,
    Objective,
    Placement,
    Progress,
    Proposal,
    Recommendation,
    RuleCount,
    RuleViolation,
    ScoreTerm,
    Status,
    Unplaced,
)
from solver.recommend import excluding_rules, recommend
from solver.verify import check_proposal

__all__ = [
    "CancelToken",
    "Candidate",
    "Objective",
    "Placement",
    "Previous",
    "Progress",
    "Proposal",
    "Recommendation",
    "RuleCount",
    "RuleViolation",
    "ScoreTerm",
    "Status",
    "Unplaced",
    "check_proposal",
    "excluding_rules",
    "greedy",
    "recommend",
    "solve",
]
