"""Id types that cross layers, so a family id is never passed where a child id belongs."""

from typing import NewType

FamilyId = NewType("FamilyId", int)
ChildId = NewType("ChildId", int)
SchoolId = NewType("SchoolId", int)
NetworkId = NewType("NetworkId", int)
SiblingGroupId = NewType("SiblingGroupId", int)
PlacementId = NewType("PlacementId", int)
SessionId = NewType("SessionId", int)
UserId = NewType("UserId", int)
