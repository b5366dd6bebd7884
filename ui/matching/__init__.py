"""The matching page: the placement officer's main workflow."""

from ui.matching.page import MatchingPage

__all__ = ["MatchingPage"]
