"""Who is doing something: passed to every service so that permissions and the
audit trail are enforced where the data is, not in the buttons."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from placement.storage.models import Role


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int | None
    username: str
    role: Role
    workstation: str = field(default_factory=socket.gethostname)


def system_actor() -> Actor:
    """The command line's actor when no user is logged in (administrative tasks only)."""
    return Actor(user_id=None, username="system", role=Role.ADMINISTRATOR)
