"""What the registers' map draws: families, schools and network locations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from placement.actor import Actor
from placement.services import audit
from placement.services.permissions import Action, allowed
from placement.storage.models import FamilyStatus, FosterFamily, School


@dataclass(frozen=True, slots=True)
class MapPoint:
    id: int
    name: str
    lat: float
    lon: float
    free: int


@dataclass(frozen=True, slots=True)
class MapLayers:
    """What the map may draw for this actor: family points are secrets, schools are public."""

    families: list[MapPoint]
    schools: list[MapPoint]


def map_layers(session: Session, actor: Actor) -> MapLayers:
    """The one place the map gets its points from: family points only for those
    who may see family addresses (a point is as good as an address)."""
    families = [] if not allowed(actor, Action.VIEW_FAMILY_ADDRESS) else [
        MapPoint(id=i, name=name, lat=lat, lon=lon, free=max(0, total - (occ or 0)))
        for i, name, lat, lon, total, occ in session.execute(
            select(
                FosterFamily.id,
                FosterFamily.name,
                FosterFamily.lat,
                FosterFamily.lon,
                FosterFamily.total_places,
                FosterFamily.occupied,  # type: ignore[attr-defined]
            ).where(FosterFamily.status == FamilyStatus.ACTIVE)
        )
    ]
    schools = [
        MapPoint(id=i, name=name, lat=lat, lon=lon, free=seats)
        for i, name, lat, lon, seats in session.execute(
            select(School.id, School.name, School.lat, School.lon, School.free_seats)
        )
    ]
    if families:  # a family's point on the map is as good as its address
        audit.record_many(session, actor, audit.LIST, "family", [point.id for point in families])
    return MapLayers(families=families, schools=schools)
