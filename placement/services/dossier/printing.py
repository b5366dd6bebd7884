"""Making, checking, auditing and writing dossiers: one, or a folder full.

Nothing reaches the disk or a printer before the leak check has read the
finished PDF back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.keys import Key
from catalogue.sentences import Explanation, leak_name
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.documents.template import DocumentMeta, build_pdf
from placement.errors import InputError, Problem
from placement.files import write_bytes_atomic
from placement.ids import ChildId
from placement.services import audit
from placement.services.dossier.gathering import DossierData, active_placement, gather
from placement.services.dossier.layout import story
from placement.services.dossier.leaks import allowed_values, find_leaks
from placement.services.dossier.recipients import POLICIES, Leak, Recipient
from placement.services.permissions import Action, allowed, require, require_role
from placement.storage.models import Child, ChildStatus, utcnow
from solver.proposal import CancelToken


def document_id(child_id: int, recipient: Recipient, generated_at: dt.datetime, username: str) -> str:
    """Stable for the same request, different for any other: quoted when a
    printed copy turns up somewhere it should not be."""
    digest = hashlib.sha256(f"{child_id}|{recipient}|{generated_at.isoformat()}|{username}".encode())
    return f"D-{child_id}-{digest.hexdigest()[:10].upper()}"


class DossierRefused(Exception):
    """The finished dossier held something its recipient may not see; it was not written."""

    def __init__(self, child_id: int, recipient: Recipient, leaks: Sequence[Leak]) -> None:
        self.child_id = child_id
        self.recipient = recipient
        self.leaks = tuple(leaks)
        super().__init__(
            f"dossier for C{child_id} not written: the copy for {recipient} would show "
            + ", ".join(leak_name(leak, "en") for leak in self.leaks)
        )


def render(d: DossierData, recipient: Recipient, generated_at: dt.datetime, generated_by: str) -> bytes:
    """The checked PDF for ``recipient``: raises :class:`DossierRefused` when the
    text read back from it holds a value the recipient may not see."""
    policy = POLICIES[recipient]
    meta = DocumentMeta(
        title=f"Plaatsingsdossier - kind C{d.child_id}",
        document_id=document_id(d.child_id, recipient, generated_at, generated_by),
        generated_at=generated_at,
        generated_by=generated_by,
        recipient=recipient.label,
    )
    pdf = build_pdf(story(d, recipient, policy), meta)
    forbidden = {leak: values for leak, values in d.secrets.items() if leak in policy.may_not_see}
    leaks = find_leaks(pdf, forbidden, allowed_values(d, policy.may_not_see))
    if leaks:
        raise DossierRefused(d.child_id, recipient, leaks)
    return pdf


def make_dossier(session: Session, actor: Actor, child_id: ChildId, recipient: Recipient,
                 generated_at: dt.datetime | None = None) -> bytes:
    """The checked dossier as bytes (for a preview or a printer); audited as a print."""
    require_role(actor, Action.PRINT_DOSSIER, session=session)
    child = session.get(Child, child_id)
    if child is None:
        # A guardian is refused whether the child does not exist or is not theirs
        # (on a server it cannot tell either): nothing is revealed.
        require(actor, Action.PRINT_DOSSIER, session=session)
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    require(actor, Action.PRINT_DOSSIER, child=child, session=session)
    at = generated_at or utcnow().replace(microsecond=0)
    data = gather(session, child_id, at.date())
    # the guardian's copy and the unit's intake copy may be made before a placement
    if recipient not in (Recipient.GUARDIAN, Recipient.CLOSED_UNIT) and data.family_name is None:
        complaint = Complaint("dossier.needs_placement", {"child_id": str(child_id), "recipient": recipient})
        raise InputError([Problem.of("child", complaint)])
    try:
        pdf = render(data, recipient, at, actor.username)
    except DossierRefused:
        audit.record_refusal(session, actor, audit.PRINT, "dossier", child_id, outcome=audit.FAILED)
        raise
    audit.record(session, actor, audit.PRINT, "dossier", child_id)
    return pdf


def write_dossier(session: Session, actor: Actor, child_id: ChildId, recipient: Recipient, path: Path,
                  generated_at: dt.datetime | None = None) -> Path:
    """Make, check and save one dossier; nothing is written when it is refused."""
    pdf = make_dossier(session, actor, child_id, recipient, generated_at)
    write_bytes_atomic(path, pdf)
    return Path(path)


@dataclass(frozen=True, slots=True)
class BatchResult:
    written: tuple[Path, ...]
    refused: tuple[tuple[int, str], ...]
    """(child id, reason) for each dossier not written (a sentence of the
    catalogue, or the problems of bad input)."""
    cancelled: bool


def batch_file_name(child_id: int, recipient: Recipient) -> str:
    return f"dossier-C{child_id}-{recipient}.pdf"


def write_dossiers(
    session: Session,
    actor: Actor,
    child_ids: Sequence[ChildId],
    recipient: Recipient,
    folder: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelToken | None = None,
    generated_at: dt.datetime | None = None,
    file_name: Callable[[int, Recipient], str] = batch_file_name,
) -> BatchResult:
    """One dossier per child into ``folder``, named by ``file_name`` (the app
    names them in the user's language). A refused or impossible dossier
    does not stop the others; a cancel stops before the next child. The
    folder is created when it does not exist yet."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([Problem.of("folder", Complaint("file.cannot_create_folder", {"reason": exc.strerror or exc}))]) from None
    written: list[Path] = []
    refused: list[tuple[int, str]] = []
    total = len(child_ids)
    if progress is not None:
        progress(0, total)
    for done, child_id in enumerate(child_ids, start=1):
        if cancel is not None and cancel.cancelled:
            return BatchResult(tuple(written), tuple(refused), cancelled=True)
        try:
            written.append(write_dossier(session, actor, child_id, recipient,
                                         Path(folder) / file_name(child_id, recipient), generated_at))
        except DossierRefused as exc:
            refused.append((child_id, Explanation(Key.DOSSIER_WOULD_SHOW, leaks=[str(leak) for leak in exc.leaks])))
        except InputError as exc:
            refused.append((child_id, "; ".join(str(p) for p in exc.problems)))
        if progress is not None:
            progress(done, total)
    return BatchResult(tuple(written), tuple(refused), cancelled=False)


@dataclass(frozen=True, slots=True)
class DossierChoice:
    """A child the actor may print a dossier of, as the dossier page lists it."""

    id: int
    name: str
    age: int
    placed_since: dt.date | None


def printable_children(session: Session, actor: Actor, day: dt.date | None = None) -> list[DossierChoice]:
    """The children whose dossier ``actor`` may print (a guardian: their own)."""
    today = day or dt.date.today()
    children = session.scalars(
        select(Child).where(Child.status != ChildStatus.LEFT_CARE).options(selectinload(Child.placements))
        .order_by(Child.name, Child.id)
    ).all()
    return [
        DossierChoice(c.id, c.name, c.age_on(today), p.start_date if (p := active_placement(c)) else None)
        for c in children
        if allowed(actor, Action.PRINT_DOSSIER, child=c)
    ]
