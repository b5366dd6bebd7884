"""Initial schema: the domain as first modelled.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 06:31:39.387973
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('families',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_ref', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('postcode', sa.String(length=7), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.Column('total_places', sa.Integer(), nullable=False),
    sa.Column('age_min', sa.Integer(), nullable=False),
    sa.Column('age_max', sa.Integer(), nullable=False),
    sa.Column('genders', sa.JSON(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('active', 'paused', name='familystatus', native_enum=False, length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('age_min >= 0 AND age_max <= 20 AND age_min <= age_max', name=op.f('ck_families_age_range')),
    sa.CheckConstraint('total_places BETWEEN 0 AND 20', name=op.f('ck_families_total_places_range')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_families')),
    sa.UniqueConstraint('external_ref', name=op.f('uq_families_external_ref'))
    )
    op.create_table('networks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_networks'))
    )
    op.create_table('schools',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('duo_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('free_seats', sa.Integer(), nullable=False),
    sa.Column('postcode', sa.String(length=7), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('province', sa.String(length=100), nullable=False),
    sa.CheckConstraint('free_seats >= 0', name=op.f('ck_schools_free_seats_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schools')),
    sa.UniqueConstraint('duo_code', name=op.f('uq_schools_duo_code'))
    )
    op.create_table('sibling_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('keep_together', sa.Boolean(), nullable=False),
    sa.Column('max_apart_km', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sibling_groups'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('officer', 'manager', 'guardian', 'administrator', name='role', native_enum=False, length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('children',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_ref', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('gender', sa.String(length=1), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('training_needed', sa.JSON(), nullable=False),
    sa.Column('school_kind', sa.String(length=32), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('safety_km', sa.Float(), nullable=True),
    sa.Column('max_school_km', sa.Float(), nullable=True),
    sa.Column('guardian_id', sa.Integer(), nullable=True),
    sa.Column('sibling_group_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('waiting', 'placed', 'left_care', name='childstatus', native_enum=False, length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("gender IN ('f', 'm', 'x')", name=op.f('ck_children_gender_known')),
    sa.CheckConstraint('priority BETWEEN 1 AND 5', name=op.f('ck_children_priority_range')),
    sa.ForeignKeyConstraint(['guardian_id'], ['users.id'], name=op.f('fk_children_guardian_id_users')),
    sa.ForeignKeyConstraint(['sibling_group_id'], ['sibling_groups.id'], name=op.f('fk_children_sibling_group_id_sibling_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_children')),
    sa.UniqueConstraint('external_ref', name=op.f('uq_children_external_ref'))
    )
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_children_sibling_group_id'), ['sibling_group_id'], unique=False)

    op.create_table('matching_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('session_date', sa.Date(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('problem', sa.JSON(), nullable=False),
    sa.Column('proposal', sa.JSON(), nullable=True),
    sa.Column('decisions', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('open', 'accepted', 'closed', name='sessionstatus', native_enum=False, length=20), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_matching_sessions_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matching_sessions'))
    )
    op.create_table('network_locations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('source_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_locations_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_locations'))
    )
    with op.batch_alter_table('network_locations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_locations_network_id'), ['network_id'], unique=False)

    op.create_table('training_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_training_records_family_id_families'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_records'))
    )
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_records_family_id'), ['family_id'], unique=False)

    op.create_table('child_networks',
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('network_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_child_networks_child_id_children'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_child_networks_network_id_networks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('child_id', 'network_id', name=op.f('pk_child_networks'))
    )
    op.create_table('placements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=200), nullable=True),
    sa.Column('status', sa.Enum('active', 'ended', name='placementstatus', native_enum=False, length=20), nullable=False),
    sa.CheckConstraint("status = 'active' OR end_date IS NOT NULL", name=op.f('ck_placements_ended_has_end_date')),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_placements_ends_after_start')),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_placements_child_id_children')),
    sa.ForeignKeyConstraint(['family_id'], ['families.id'], name=op.f('fk_placements_family_id_families')),
    sa.ForeignKeyConstraint(['school_id'], ['schools.id'], name=op.f('fk_placements_school_id_schools')),
    sa.ForeignKeyConstraint(['session_id'], ['matching_sessions.id'], name=op.f('fk_placements_session_id_matching_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placements')),
    sa.UniqueConstraint('child_id', 'start_date', name='uq_placements_child_start')
    )
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placements_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_placements_family_id'), ['family_id'], unique=False)
        batch_op.create_index('uq_placements_one_active_per_child', ['child_id'], unique=True, sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))



def downgrade() -> None:
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.drop_index('uq_placements_one_active_per_child', sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.drop_index(batch_op.f('ix_placements_family_id'))
        batch_op.drop_index(batch_op.f('ix_placements_child_id'))

    op.drop_table('placements')
    op.drop_table('child_networks')
    with op.batch_alter_table('training_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_records_family_id'))

    op.drop_table('training_records')
    with op.batch_alter_table('network_locations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_locations_network_id'))

    op.drop_table('network_locations')
    op.drop_table('matching_sessions')
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_children_sibling_group_id'))

    op.drop_table('children')
    op.drop_table('users')
    op.drop_table('sibling_groups')
    op.drop_table('schools')
    op.drop_table('networks')
    op.drop_table('families')
