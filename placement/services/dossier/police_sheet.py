"""The missing-person sheet for the police: checked like a dossier before it leaves."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.sentences import leak_name
from catalogue.validation_sentences import Complaint
from placement.actor import Actor
from placement.documents.template import DocumentMeta, build_pdf
from placement.errors import InputError, Problem
from placement.files import write_bytes_atomic
from placement.ids import ChildId
from placement.services import audit
from placement.services.dossier import layout
from placement.services.dossier.gathering import gather, if_readable
from placement.services.dossier.layout import date_text
from placement.services.dossier.leaks import allowed_values, find_leaks
from placement.services.dossier.printing import DossierRefused, document_id
from placement.services.dossier.recipients import POLICE_SHEET, Leak, Recipient
from placement.services.permissions import Action, require
from placement.storage.models import Child, MissingEpisode, utcnow


def missing_person_sheet(session: Session, actor: Actor, child_id: ChildId,
                         generated_at: dt.datetime | None = None) -> bytes:
    """The police's sheet for the child's current (or last) missing episode:
    checked like a dossier before it leaves; audited as a print."""
    child = session.get(Child, child_id)
    if child is None:
        raise InputError([Problem.of("child", Complaint("record.no_child", {"child_id": str(child_id)}))])
    require(actor, Action.PRINT_DOSSIER, child=child, session=session)
    episode = session.scalars(
        select(MissingEpisode).where(MissingEpisode.child_id == child_id)
        .order_by(MissingEpisode.found_at.is_not(None), MissingEpisode.last_seen_at.desc())
    ).first()  # fmt: skip
    if episode is None:
        raise InputError([Problem.of("child", Complaint("missing.never", {"child_id": str(child_id)}))])
    at = generated_at or utcnow().replace(microsecond=0)
    d = gather(session, child_id, at.date())
    if d.family_address is None and episode.family is not None:  # ended since: the address the child ran from
        family = episode.family
        d = dataclasses.replace(d, family_name=family.name, family_address=family.address,
                                family_postcode=family.postcode, family_municipality=family.municipality,
                                secrets={**d.secrets,
                                         Leak.FAMILY_ADDRESS: d.secrets[Leak.FAMILY_ADDRESS] | {family.address,
                                                                                               family.postcode},
                                         Leak.OTHER_FAMILY: d.secrets[Leak.OTHER_FAMILY] - {family.name},
                                         Leak.OTHER_ADDRESS: d.secrets[Leak.OTHER_ADDRESS] - {family.address,
                                                                                             family.postcode}})
    networks = if_readable(session, lambda: [n.label for n in child.networks], [])
    aliases = [" ".join(part for part in (a.name, f"(geb. {date_text(a.date_of_birth)})" if a.date_of_birth else "",
                                          f"[{a.nationality}]" if a.nationality else "") if part)
               for a in if_readable(session, lambda: list(child.aliases), [])]
    meta = DocumentMeta(
        title=f"Vermissingsformulier - kind C{child_id}",
        document_id=document_id(child_id, Recipient.GUARDIAN, at, actor.username).replace("D-", "V-", 1),
        generated_at=at,
        generated_by=actor.username,
        recipient="de politie",
    )
    pdf = build_pdf(layout.police_sheet_story(d, episode, networks, aliases), meta)
    forbidden = {leak: values for leak, values in d.secrets.items() if leak in POLICE_SHEET.may_not_see}
    allowed_now = allowed_values(d, POLICE_SHEET.may_not_see)
    leaks = find_leaks(pdf, forbidden, allowed_now)
    if leaks:
        audit.record_refusal(session, actor, audit.PRINT, "missing_sheet", child_id, outcome=audit.FAILED)
        raise SheetRefused(child_id, leaks)
    audit.record(session, actor, audit.PRINT, "missing_sheet", child_id)
    return pdf


class SheetRefused(DossierRefused):
    """The missing-person sheet held something the police may not see; it was not written."""

    def __init__(self, child_id: int, leaks: Sequence[Leak]) -> None:
        super().__init__(child_id, Recipient.GUARDIAN, leaks)
        self.args = (f"missing-person sheet for C{child_id} not written: it would show "
                     + ", ".join(leak_name(leak, "en") for leak in self.leaks),)


def write_missing_person_sheet(session: Session, actor: Actor, child_id: ChildId, path: Path) -> Path:
    """Make, check and save the police's sheet; nothing is written when it is refused."""
    write_bytes_atomic(path, missing_person_sheet(session, actor, child_id))
    return Path(path)
