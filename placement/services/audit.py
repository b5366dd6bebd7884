"""The audit trail, in the spirit of NEN 7513: who read, created, changed,
deleted, printed, exported or searched which child's or family's file, when,
from which workstation, and whether it was allowed.

Rows hold ids only (never names, addresses or coordinates), so the trail can be
shown to an auditor without becoming a leak itself. Each row's ``hash`` is
SHA-256 over its fields and the previous row's hash; :func:`verify` walks the
chain and names the first row that was changed, removed or moved, and the
head row catches rows cut off at the end.

On PostgreSQL the server writes the trail: :func:`record` calls the
``placement_audit`` function, which takes the user from the connection's
login role (``session_user``), the time from the server's clock and computes
the same hash; changes to children, families, placements, networks, matching
sessions and users are recorded by triggers, so the client's own change rows
for those would only repeat them and are left to the triggers. No user role
may insert, change or delete an audit row directly.

Appending is serialised: the chain head row is locked (``SELECT ... FOR
UPDATE`` on PostgreSQL; on SQLite every transaction already starts with
``BEGIN IMMEDIATE``), so two writers never fork the chain. The row is written
in the caller's transaction: an audited change and its audit row are
committed together or not at all. A refusal must survive the rollback that
usually follows it, so :func:`record_refusal` writes it again in its own
transaction when the caller's transaction ends without a commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session, SessionTransaction

from placement.actor import Actor
from placement.storage.models import AuditEntry, AuditHead, utcnow

GENESIS_HASH = "0" * 64
HEAD_ID = 1

# What was done (the ``action`` column); a refused action is stored under the
# permission's own name with outcome DENIED.
READ = "read"
CREATE = "create"
CHANGE = "change"
DELETE = "delete"
PRINT = "print"
EXPORT = "export"
IMPORT = "import"
SEARCH = "search"
LOGIN = "login"
LIST = "list"

OK = "ok"
DENIED = "denied"
FAILED = "failed"

TRIGGER_AUDITED = frozenset(
    {"child", "family", "placement", "network", "matching_session", "user", "missing_episode"}
)
"""Object types whose creation, change and deletion the server's triggers record."""

_PENDING_KEY = "placement.audit.pending_refusals"
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Fields:
    at: dt.datetime
    user_id: int | None
    username: str
    role: str
    action: str
    object_type: str
    object_id: str | None
    outcome: str
    workstation: str
    object_ids: str | None = None


def row_hash(entry_id: int, fields: _Fields, prev_hash: str) -> str:
    """SHA-256 over a canonical JSON list of the row's fields (id included, so
    moving a row to another place in the chain is detected)."""
    canonical = json.dumps(
        [
            entry_id,
            fields.at.isoformat(timespec="microseconds"),
            fields.user_id,
            fields.username,
            fields.role,
            fields.action,
            fields.object_type,
            fields.object_id,
            fields.outcome,
            fields.workstation,
            prev_hash,
            # Hashed only when set, so rows from before the column keep their hashes.
            *([fields.object_ids] if fields.object_ids is not None else []),
        ],
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _fields_of(entry: AuditEntry) -> _Fields:
    return _Fields(
        at=entry.at,
        user_id=entry.user_id,
        username=entry.username,
        role=entry.role,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        outcome=entry.outcome,
        workstation=entry.workstation,
        object_ids=entry.object_ids,
    )


def _locked_head(session: Session) -> AuditHead:
    head = session.execute(
        select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update()
    ).scalar_one_or_none()
    if head is None:  # a schema made with create_all rather than the migration
        head = AuditHead(id=HEAD_ID, last_id=0, last_hash=GENESIS_HASH)
        session.add(head)
        session.flush()
    return head


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _append(session: Session, fields: _Fields) -> None:
    if _on_server(session):
        session.execute(
            text("SELECT placement_audit(:action, :object_type, :object_id, :outcome, :object_ids)"),
            {
                "action": fields.action,
                "object_type": fields.object_type,
                "object_id": fields.object_id,
                "outcome": fields.outcome,
                "object_ids": fields.object_ids,
            },
        )
        return
    head = _locked_head(session)
    entry_id = head.last_id + 1
    entry = AuditEntry(
        id=entry_id,
        at=fields.at,
        user_id=fields.user_id,
        username=fields.username,
        role=fields.role,
        action=fields.action,
        object_type=fields.object_type,
        object_id=fields.object_id,
        outcome=fields.outcome,
        workstation=fields.workstation,
        object_ids=fields.object_ids,
        prev_hash=head.last_hash,
        hash=row_hash(entry_id, fields, head.last_hash),
    )
    session.add(entry)
    head.last_id = entry_id
    head.last_hash = entry.hash
    session.flush()


def _fields(
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    outcome: str,
    role: str | None = None,
) -> _Fields:
    return _Fields(
        at=utcnow(),
        user_id=actor.user_id,
        username=actor.username[:64],
        role=role or str(actor.role),
        action=str(action)[:40],
        object_type=object_type[:40],
        object_id=None if object_id is None else str(object_id)[:64],
        outcome=outcome[:20],
        workstation=actor.workstation[:128],
    )


def record(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object = None,
    outcome: str = OK,
) -> None:
    """Append one row in the caller's transaction. ``object_id`` is the record's
    id (``12``, not a name); ``object_type`` is e.g. ``"child"``, ``"family"``.
    On a server the trigger's row stands for a change of a trigger-audited
    object, so none is added here."""
    if (
        action in (CREATE, CHANGE, DELETE)
        and object_type in TRIGGER_AUDITED
        and outcome == OK
        and _on_server(session)
    ):
        return
    _append(session, _fields(actor, action, object_type, object_id, outcome))


def id_ranges(ids: Iterable[int | str]) -> str:
    """Ids as compact ranges, ``1-5,9,12-14``: a list of hundreds of records
    stays one short line."""
    numbers = sorted({int(str(i).lstrip("CFNS")) for i in ids})
    parts: list[str] = []
    start = previous = None
    for number in [*numbers, None]:
        if number is not None and previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = number
    return ",".join(parts)


def record_many(
    session: Session, actor: Actor, action: str, object_type: str, ids: Iterable[int | str]
) -> None:
    """One row for reading or exporting many records: how many in
    ``object_id``, which in ``object_ids`` (ranges)."""
    listed = list(ids)
    fields = _fields(actor, action, object_type, len(listed), OK)
    _append(session, dataclasses.replace(fields, object_ids=id_ranges(listed)))


def record_refusal(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object = None,
    outcome: str = DENIED,
    *,
    role: str | None = None,
) -> None:
    """Record a refused action (a denied permission, a failed login) so that it
    is kept even when the caller's transaction is rolled back because of it.
    ``role`` overrides the actor's role (``"unknown"`` for a failed login)."""
    fields = _fields(actor, action, object_type, object_id, outcome, role)
    _append(session, fields)
    pending: list[_Fields] | None = session.info.get(_PENDING_KEY)
    if pending is None:
        pending = session.info[_PENDING_KEY] = []
        event.listen(session, "after_commit", _forget_pending)
        event.listen(session, "after_transaction_end", _rewrite_pending)
    pending.append(fields)


def _forget_pending(session: Session) -> None:
    session.info.get(_PENDING_KEY, []).clear()


def _rewrite_pending(session: Session, transaction: SessionTransaction) -> None:
    """After a transaction ended without commit (rolled back, or the session
    closed), write the refusals again in a transaction of their own."""
    pending: list[_Fields] = session.info.get(_PENDING_KEY, [])
    if not pending or transaction.parent is not None:
        return
    rows = list(pending)
    pending.clear()
    bind = session.get_bind()
    try:
        with Session(bind) as own, own.begin():
            for fields in rows:
                _append(own, fields)
    except Exception as exc:  # noqa: BLE001 - never mask the error being rolled back
        _log.error("could not keep %d refusal audit rows: %s", len(rows), type(exc).__name__)


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of :func:`verify`: ``ok``, the rows checked, and where the
    chain first breaks (``first_bad_id``, with a sentence saying how)."""

    ok: bool
    rows: int
    first_bad_id: int | None = None
    problem: str = ""


def verify(session: Session) -> ChainReport:
    """Walk the chain in id order; report the first row whose hash, link or
    position does not match, or a head that names rows that are gone. Rows
    appended while this runs (after the head was read) are left for next time."""
    head = session.get(AuditHead, HEAD_ID)
    query = select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=1000)
    if head is not None:
        query = query.where(AuditEntry.id <= head.last_id)
    prev_hash = GENESIS_HASH
    expected_id = 1
    count = 0
    for entry in session.execute(query).scalars():
        count += 1
        if entry.id != expected_id:
            return ChainReport(False, count, expected_id, f"row {expected_id} is missing")
        if entry.prev_hash != prev_hash:
            return ChainReport(
                False, count, entry.id, f"row {entry.id} does not follow row {entry.id - 1}"
            )
        if row_hash(entry.id, _fields_of(entry), prev_hash) != entry.hash:
            return ChainReport(False, count, entry.id, f"row {entry.id} was changed")
        prev_hash = entry.hash
        expected_id += 1
    last_id = expected_id - 1
    if head is not None and head.last_id > last_id:
        return ChainReport(
            False, count, last_id + 1, f"rows {last_id + 1}..{head.last_id} were removed"
        )
    if head is not None and head.last_hash != prev_hash:
        return ChainReport(False, count, last_id, "the chain head does not match the rows")
    if head is not None:
        extra = session.execute(
            select(func.min(AuditEntry.id)).where(AuditEntry.id > head.last_id)
        ).scalar()
        now = session.execute(
            select(AuditHead.last_id).where(AuditHead.id == HEAD_ID)
        ).scalar_one()
        if extra is not None and extra > now:  # not a row appended while we were checking
            return ChainReport(False, count, extra, f"row {extra} was added outside the chain")
    return ChainReport(True, count)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Where the chain stood: its row count and the last row's hash. Kept on
    paper or in a mail by the administrator, it proves later that no row up
    to it was removed or changed, even when the newest rows and the head were
    cut back together (which the chain alone cannot see)."""

    rows: int
    last_hash: str

    def __str__(self) -> str:
        return f"{self.rows}:{self.last_hash}"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """``COUNT:HASH`` as :func:`checkpoint` prints it; ValueError otherwise."""
        count, _, digest = text.strip().partition(":")
        if not count.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError("a checkpoint is COUNT:HASH, as placement audit checkpoint prints it")
        return cls(int(count), digest)


def checkpoint(session: Session) -> Checkpoint:
    head = session.get(AuditHead, HEAD_ID)
    if head is None:
        return Checkpoint(0, GENESIS_HASH)
    return Checkpoint(head.last_id, head.last_hash)


def verify_checkpoint(session: Session, mark: Checkpoint) -> ChainReport:
    """:func:`verify`, and then that row ``mark.rows`` is still there with the
    hash it had when the checkpoint was taken."""
    report = verify(session)
    if not report.ok or mark.rows == 0:
        return report
    stored = session.execute(select(AuditEntry.hash).where(AuditEntry.id == mark.rows)).scalar()
    if stored != mark.last_hash:  # gone, or cut off and written again since
        problem = f"rows up to the checkpoint's row {mark.rows} were removed or changed"
        return ChainReport(False, report.rows, mark.rows, problem)
    return report


CHILD_FILE = ("child", "dossier")
"""Object types whose id is a child's id: together, the child's file."""


def entries_for(
    session: Session,
    object_type: str | tuple[str, ...],
    object_id: object,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> Sequence[AuditEntry]:
    """Rows about one record (of one or several object types, e.g.
    :data:`CHILD_FILE`), oldest first, optionally limited to ``start <= at < end`` (UTC)."""
    types = (object_type,) if isinstance(object_type, str) else object_type
    query = select(AuditEntry).where(
        AuditEntry.object_type.in_(types), AuditEntry.object_id == str(object_id)
    )
    if start is not None:
        query = query.where(AuditEntry.at >= start)
    if end is not None:
        query = query.where(AuditEntry.at < end)
    return session.execute(query.order_by(AuditEntry.id)).scalars().all()
