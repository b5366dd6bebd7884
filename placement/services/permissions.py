"""Who may do what: checked in the services, where the data is, not in the buttons.

The whole API::

    from placement.services.permissions import Action, require, allowed

    require(actor, Action.VIEW_CHILD, child=child)      # raises PermissionDenied
    if allowed(actor, Action.VIEW_FAMILY_ADDRESS): ...  # no exception, no audit row

``require`` raises :class:`placement.errors.PermissionDenied` with a sentence
the user can read (a refusal of the catalogue, naming the action by its
``action.*`` name) and writes a ``denied`` row to the audit trail (kept even
when the caller's transaction is then rolled back). The audit row needs a
database session: it is taken from ``child`` (the session it was loaded in) or
from ``session=``; pass ``session=`` when there is no child, or the refusal is
only logged. ``require`` records refusals only: the service records what was
actually done with :func:`placement.services.audit.record`.

The roles:

- **officer**: children, families (with addresses), networks, schools (the
  only role that changes them: a school's free seats decide where a child can
  go); runs matching sessions, accepts and ends placements, prints dossiers,
  imports and exports; sees capacity.
- **manager**: capacity aggregates per region, and the audit trail (reviewing
  it is a management duty under NEN 7513). No child files, no family records,
  no addresses, no networks.
- **guardian**: only the children assigned to them (``Child.guardian_id``):
  the child's file, the family the child lives with including its address, and
  the child's dossier. Nothing else.
- **administrator**: user accounts, the audit trail, backups and restores. Deliberately no child
  or family files and no networks: whoever runs the accounts must not be able
  to find a hidden child (separation of duties). An administrator who needs
  case access gets a second, officer account.
"""

from __future__ import annotations

import enum
import logging

from sqlalchemy.orm import Session, object_session

from catalogue.keys import Key
from catalogue.sentences import Explanation
from placement.actor import Actor
from placement.errors import PermissionDenied
from placement.services import audit
from placement.storage.models import Child, Role


class Action(enum.StrEnum):
    VIEW_CHILD = "view_child"
    EDIT_CHILD = "edit_child"
    VIEW_FAMILY = "view_family"
    VIEW_FAMILY_ADDRESS = "view_family_address"
    EDIT_FAMILY = "edit_family"
    VIEW_NETWORK = "view_network"
    EDIT_NETWORK = "edit_network"
    EDIT_SCHOOL = "edit_school"
    RUN_SESSION = "run_session"
    ACCEPT_PLACEMENT = "accept_placement"
    VIEW_CAPACITY = "view_capacity"
    PRINT_DOSSIER = "print_dossier"
    EXPORT = "export"
    IMPORT = "import"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    BACKUP = "backup"


_OFFICER = frozenset(Action) - {Action.MANAGE_USERS, Action.VIEW_AUDIT, Action.BACKUP}

_GRANTS: dict[Role, frozenset[Action]] = {
    Role.OFFICER: _OFFICER,
    Role.MANAGER: frozenset({Action.VIEW_CAPACITY, Action.VIEW_AUDIT}),
    Role.GUARDIAN: frozenset(
        {Action.VIEW_CHILD, Action.VIEW_FAMILY, Action.VIEW_FAMILY_ADDRESS, Action.PRINT_DOSSIER}
    ),
    Role.ADMINISTRATOR: frozenset({Action.MANAGE_USERS, Action.VIEW_AUDIT, Action.BACKUP}),
}

# A guardian's grants hold only for a child assigned to them.
_PER_CHILD: frozenset[Role] = frozenset({Role.GUARDIAN})

_log = logging.getLogger(__name__)


def allowed(actor: Actor, action: Action, *, child: Child | None = None) -> bool:
    """Whether ``actor`` may do ``action`` (to ``child``, when the role's
    grants depend on the child). For showing or hiding things; services call
    :func:`require`."""
    if action not in _GRANTS.get(actor.role, frozenset()):
        return False
    if actor.role in _PER_CHILD:
        return child is not None and actor.user_id is not None and child.guardian_id == actor.user_id
    return True


def require_role(actor: Actor, action: Action, *, session: Session) -> None:
    """Refuse (audited) unless ``actor``'s role may do ``action`` at all, for
    some child: checked before reading, so that on a server a role the server
    would refuse those rows to gets the program's own refusal, not the server's."""
    if action not in _GRANTS.get(actor.role, frozenset()):
        require(actor, action, session=session)


def require(
    actor: Actor, action: Action, *, child: Child | None = None, session: Session | None = None
) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` may do ``action``;
    a refusal is written to the audit trail."""
    if allowed(actor, action, child=child):
        return
    only_assigned = actor.role in _PER_CHILD and action in _GRANTS[actor.role]
    message = Explanation(
        Key.REFUSAL_ONLY_ASSIGNED if only_assigned else Key.REFUSAL_MAY_NOT, action=action.value
    )
    db_session = session or (object_session(child) if child is not None else None)
    object_type, object_id = ("child", child.id) if child is not None else ("action", None)
    if db_session is not None:
        audit.record_refusal(db_session, actor, action, object_type, object_id)
    else:
        _log.warning("refused without audit session: role=%s action=%s", actor.role, action)
    raise PermissionDenied(message)
