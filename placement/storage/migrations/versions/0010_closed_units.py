"""Closed youth-care units and court authorisations (issue 14).

A closed unit is a home in ``families`` of ``kind`` ``closed-unit`` with up
to 60 places and the school kinds it teaches on site; every family so far
is of kind ``family``. ``court_authorisations`` holds each child's
authorisations for closed care (kind, first and last valid day, the court's
reference).

On PostgreSQL the new table gets what 0007 and 0009 give every table with
personal data: grants for the officer group (and its sequence), row-level
security enabled and forced with an ``owner_all`` policy for the migrating
role and an ``officer_all`` policy for officers, a guardian's read of its own
children's authorisations, and the audit trigger ``placement_audit_change``.
The new columns of ``families`` are covered by that table's grants, policies
and trigger already.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FAMILY_PLACES = "total_places BETWEEN 0 AND 20"
UNIT_PLACES = "total_places BETWEEN 0 AND 20 OR (kind = 'closed-unit' AND total_places BETWEEN 0 AND 60)"


def upgrade() -> None:
    with op.batch_alter_table("families") as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), nullable=False, server_default="family"))
        batch_op.add_column(sa.Column("school_on_site", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.drop_constraint(batch_op.f("ck_families_total_places_range"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_families_total_places_range"), UNIT_PLACES)
        batch_op.create_check_constraint(batch_op.f("ck_families_kind_known"), "kind IN ('family', 'closed-unit')")
    op.create_table(
        "court_authorisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("court_reference", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('regular', 'spoed', 'voorwaardelijk')", name=op.f("ck_court_authorisations_kind_known")
        ),
        sa.CheckConstraint(
            "valid_until >= valid_from", name=op.f("ck_court_authorisations_until_not_before_from")
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_court_authorisations_child_id_children"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_court_authorisations")),
    )
    op.create_index(op.f("ix_court_authorisations_child_id"), "court_authorisations", ["child_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _server_security()


def _server_security() -> None:
    bind = op.get_bind()
    prefix = bind.execute(sa.text("SELECT value FROM settings WHERE name = 'role_prefix'")).scalar()
    owner = bind.execute(sa.text("SELECT current_user")).scalar()
    if not prefix:
        raise RuntimeError("0007 left no role_prefix setting")
    officer, guardian = _ident(f"{prefix}_officer"), _ident(f"{prefix}_guardian")
    table = "court_authorisations"
    sql = op.execute
    sql(f"REVOKE ALL ON {table} FROM PUBLIC")
    sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {officer}")
    sql(f"GRANT USAGE, SELECT ON SEQUENCE {table}_id_seq TO {officer}")
    sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    sql(f"CREATE POLICY owner_all ON {table} TO {_ident(owner)} USING (true) WITH CHECK (true)")
    sql(f"CREATE POLICY officer_all ON {table} TO {officer} USING (true) WITH CHECK (true)")
    sql(f"GRANT SELECT ON {table} TO {guardian}")
    sql(
        f"CREATE POLICY guardian_own ON {table} FOR SELECT TO {guardian} USING "
        "(child_id IN (SELECT c.id FROM children c WHERE c.guardian_id = placement_user_id()))"
    )
    sql(f"""CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION placement_audit_change('child', 'child_id', 'change')""")


def downgrade() -> None:
    # Dropping the table drops its policies, trigger and grants with it.
    op.drop_index(op.f("ix_court_authorisations_child_id"), table_name="court_authorisations")
    op.drop_table("court_authorisations")
    # Units stay as rows (their placements refer to them); the older schema
    # cannot tell them from families and allows at most 20 places.
    op.execute("UPDATE families SET total_places = 20 WHERE kind = 'closed-unit' AND total_places > 20")
    with op.batch_alter_table("families") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_families_kind_known"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_families_total_places_range"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_families_total_places_range"), FAMILY_PLACES)
        batch_op.drop_column("school_on_site")
        batch_op.drop_column("kind")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
