"""Family addresses as text that may hold an AES-GCM ciphertext (``enc1:…``):
on PostgreSQL they are encrypted with the column key (see
placement.storage.encryption); a ciphertext is longer than 300 characters.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 07:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("families") as batch_op:
        batch_op.alter_column("address", existing_type=sa.String(length=300), type_=sa.Text(), existing_nullable=False)


def downgrade() -> None:
    # PostgreSQL refuses this while encrypted addresses longer than 300 characters remain.
    with op.batch_alter_table("families") as batch_op:
        batch_op.alter_column("address", existing_type=sa.Text(), type_=sa.String(length=300), existing_nullable=False)
