"""Network alerts: placements a new or moved network location came too close to.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('network_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('distance_km', sa.Float(), nullable=False),
    sa.Column('safety_km', sa.Float(), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['users.id'], name=op.f('fk_network_alerts_acknowledged_by_id_users')),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_alerts_network_id_networks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_network_alerts_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_alerts'))
    )
    with op.batch_alter_table('network_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_alerts_network_id'), ['network_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_alerts_placement_id'), ['placement_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('network_alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_alerts_placement_id'))
        batch_op.drop_index(batch_op.f('ix_network_alerts_network_id'))
    op.drop_table('network_alerts')
