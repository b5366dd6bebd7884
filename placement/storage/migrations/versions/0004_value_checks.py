"""Value checks: coordinates in range, training expiring after completion,
distances not negative.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 06:55:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COORDINATES = "lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180"

CHECKS = {
    "families": {"coordinates": COORDINATES},
    "schools": {"coordinates": COORDINATES},
    "network_locations": {"coordinates": COORDINATES},
    "training_records": {"expires_after_completion": "expires_on IS NULL OR expires_on >= completed_on"},
    "sibling_groups": {"max_apart_km_not_negative": "max_apart_km >= 0"},
    "children": {
        "safety_km_not_negative": "safety_km IS NULL OR safety_km >= 0",
        "max_school_km_positive": "max_school_km IS NULL OR max_school_km > 0",
    },
}


def upgrade() -> None:
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch_op:
            for name, condition in checks.items():
                batch_op.create_check_constraint(op.f(f"ck_{table}_{name}"), condition)


def downgrade() -> None:
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch_op:
            for name in checks:
                batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
