"""After the placement: endings with a note, missing episodes, family reviews,
network locations derived from a compromised family, children's aliases.

On PostgreSQL the two new tables get what 0007 gives every table with
personal data: grants for the officer group (and its sequences), row-level
security enabled and forced with an ``owner_all`` policy for the migrating
role and an ``officer_all`` policy for officers, a guardian policy on missing
episodes and aliases (a guardian's dossier shows its own child's episodes, its
missing-person sheet the aliases), and the audit trigger ``placement_audit_change``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_TABLES = ("missing_episodes", "family_reviews", "child_aliases")
AUDITED = {
    "missing_episodes": ("missing_episode", "id", None),
    "family_reviews": ("family", "family_id", "change"),
    "child_aliases": ("child", "child_id", "change"),
}
GUARDIAN_READS = ("missing_episodes", "child_aliases")
"""A guardian's dossier shows its child's missing episodes; its missing-person sheet the aliases."""


def upgrade() -> None:
    with op.batch_alter_table("placements") as batch_op:
        batch_op.add_column(sa.Column("end_note", sa.Text(), nullable=True))
    with op.batch_alter_table("network_locations") as batch_op:
        batch_op.add_column(sa.Column("family_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_network_locations_family_id"), ["family_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_network_locations_family_id_families"), "families", ["family_id"], ["id"]
        )
    op.create_table(
        "missing_episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("family_id", sa.Integer(), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_where", sa.Text(), nullable=False),
        sa.Column("risk", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.Column("reported_by", sa.String(length=64), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=True),
        sa.Column("found_country", sa.String(length=2), nullable=True),
        sa.Column("interview_at", sa.DateTime(), nullable=True),
        sa.Column("interview_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint("risk IN ('green', 'orange', 'red')", name=op.f("ck_missing_episodes_risk_known")),
        sa.CheckConstraint(
            "found_at IS NULL OR found_at >= last_seen_at", name=op.f("ck_missing_episodes_found_after_last_seen")
        ),
        sa.ForeignKeyConstraint(["child_id"], ["children.id"], name=op.f("fk_missing_episodes_child_id_children")),
        sa.ForeignKeyConstraint(["family_id"], ["families.id"], name=op.f("fk_missing_episodes_family_id_families")),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placements.id"], name=op.f("fk_missing_episodes_placement_id_placements")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missing_episodes")),
    )
    op.create_index(op.f("ix_missing_episodes_child_id"), "missing_episodes", ["child_id"], unique=False)
    op.create_index(
        "uq_missing_episodes_one_open_per_child",
        "missing_episodes",
        ["child_id"],
        unique=True,
        sqlite_where=sa.text("found_at IS NULL"),
        postgresql_where=sa.text("found_at IS NULL"),
    )
    op.create_table(
        "family_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("missing_episode_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("closing_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["family_id"], ["families.id"], name=op.f("fk_family_reviews_family_id_families")),
        sa.ForeignKeyConstraint(
            ["missing_episode_id"], ["missing_episodes.id"],
            name=op.f("fk_family_reviews_missing_episode_id_missing_episodes"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_reviews")),
    )
    op.create_index(op.f("ix_family_reviews_family_id"), "family_reviews", ["family_id"], unique=False)
    op.create_table(
        "child_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("nationality", sa.String(length=2), nullable=True),
        sa.CheckConstraint(
            "name <> '' OR date_of_birth IS NOT NULL OR nationality IS NOT NULL",
            name=op.f("ck_child_aliases_says_something"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_child_aliases_child_id_children"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_aliases")),
    )
    op.create_index(op.f("ix_child_aliases_child_id"), "child_aliases", ["child_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _server_security()


def _server_security() -> None:
    bind = op.get_bind()
    prefix = bind.execute(sa.text("SELECT value FROM settings WHERE name = 'role_prefix'")).scalar()
    owner = bind.execute(sa.text("SELECT current_user")).scalar()
    if not prefix:
        raise RuntimeError("0007 left no role_prefix setting")
    officer, guardian = _ident(f"{prefix}_officer"), _ident(f"{prefix}_guardian")
    sql = op.execute
    for table in NEW_TABLES:
        sql(f"REVOKE ALL ON {table} FROM PUBLIC")
        sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {officer}")
        sql(f"GRANT USAGE, SELECT ON SEQUENCE {table}_id_seq TO {officer}")
        sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        sql(f"CREATE POLICY owner_all ON {table} TO {_ident(owner)} USING (true) WITH CHECK (true)")
        sql(f"CREATE POLICY officer_all ON {table} TO {officer} USING (true) WITH CHECK (true)")
    for table in GUARDIAN_READS:
        sql(f"GRANT SELECT ON {table} TO {guardian}")
        sql(
            f"CREATE POLICY guardian_own ON {table} FOR SELECT TO {guardian} USING "
            "(child_id IN (SELECT c.id FROM children c WHERE c.guardian_id = placement_user_id()))"
        )
    for table, (object_type, id_column, action) in AUDITED.items():
        arguments = ", ".join(_literal(a) for a in (object_type, id_column) + ((action,) if action else ()))
        sql(f"""CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION placement_audit_change({arguments})""")


def downgrade() -> None:
    # Dropping the tables drops their policies, triggers and grants with them.
    op.drop_index(op.f("ix_child_aliases_child_id"), table_name="child_aliases")
    op.drop_table("child_aliases")
    op.drop_index(op.f("ix_family_reviews_family_id"), table_name="family_reviews")
    op.drop_table("family_reviews")
    op.drop_index("uq_missing_episodes_one_open_per_child", table_name="missing_episodes")
    op.drop_index(op.f("ix_missing_episodes_child_id"), table_name="missing_episodes")
    op.drop_table("missing_episodes")
    with op.batch_alter_table("network_locations") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_network_locations_family_id_families"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_network_locations_family_id"))
        batch_op.drop_column("family_id")
    with op.batch_alter_table("placements") as batch_op:
        batch_op.drop_column("end_note")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
