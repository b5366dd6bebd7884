"""Children get a responsible region: the province of the office that took the
child into care, so officers can pick the children their team handles.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("children") as batch_op:
        batch_op.add_column(sa.Column("region", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("children") as batch_op:
        batch_op.drop_column("region")
