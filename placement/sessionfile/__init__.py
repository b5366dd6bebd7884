"""Session and proposal files (``placement-session/1``, ``placement-proposal/1``)."""

from placement.sessionfile.proposal import (
    PROPOSAL_FORMAT,
    proposal_from_json,
    proposal_to_json,
    read_proposal,
    write_proposal,
)
from placement.sessionfile.reader import SESSION_FORMAT, parse_session, read_session
from placement.sessionfile.writer import session_text, session_to_json, write_session

__all__ = [
    "PROPOSAL_FORMAT",
    "SESSION_FORMAT",
    "parse_session",
    "proposal_from_json",
    "proposal_to_json",
    "read_proposal",
    "read_session",
    "session_text",
    "session_to_json",
    "write_proposal",
    "write_session",
]
