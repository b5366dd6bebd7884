"""An audit row can name many records: a list or map read, or an export, is
one row with the count in ``object_id`` and the ids in ``object_ids`` (ranges
such as ``3-40,52``). The column is part of the row's hash when it is set, so
rows written before keep their hashes.

On PostgreSQL ``placement_audit`` gets a fifth argument for it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The 0007 body, with p_object_ids hashed after prev_hash when it is not null.
_AUDIT = """
CREATE FUNCTION placement_audit(p_action text, p_object_type text, p_object_id text,
                                p_outcome text DEFAULT 'ok', p_object_ids text DEFAULT NULL)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp
  AS $$
  DECLARE
    v_user_id integer;
    v_username text := left(placement_audit_text(session_user::text), 64);
    v_role text;
    v_at timestamp := date_trunc('microseconds', clock_timestamp() AT TIME ZONE 'UTC');
    v_ws text := left(placement_audit_text(coalesce(
                   nullif(current_setting('placement.workstation', true), ''),
                   host(inet_client_addr()), 'local')), 128);
    v_action text := left(placement_audit_text(p_action), 40);
    v_type text := left(placement_audit_text(p_object_type), 40);
    v_object text := left(placement_audit_text(p_object_id), 64);
    v_outcome text := left(placement_audit_text(p_outcome), 20);
    v_ids text := placement_audit_text(p_object_ids);
    v_last_id integer;
    v_last_hash text;
    v_id integer;
    v_hash text;
  BEGIN
    SELECT id INTO v_user_id FROM users WHERE username = session_user;
    v_role := coalesce(placement_role_of(session_user), 'owner');
    SELECT last_id, last_hash INTO v_last_id, v_last_hash FROM audit_head WHERE id = 1 FOR UPDATE;
    IF NOT FOUND THEN
      v_last_id := 0;
      v_last_hash := repeat('0', 64);
      INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, v_last_hash);
    END IF;
    v_id := v_last_id + 1;
    v_hash := encode(sha256(convert_to(
      '[' || v_id || ',' || to_json(to_char(v_at, 'YYYY-MM-DD"T"HH24:MI:SS.US'))::text
      || ',' || coalesce(v_user_id::text, 'null')
      || ',' || to_json(v_username)::text || ',' || to_json(v_role)::text
      || ',' || to_json(v_action)::text || ',' || to_json(v_type)::text
      || ',' || coalesce(to_json(v_object)::text, 'null')
      || ',' || to_json(v_outcome)::text || ',' || to_json(v_ws)::text
      || ',' || to_json(v_last_hash)::text
      || coalesce(',' || to_json(v_ids)::text, '') || ']', 'UTF8')), 'hex');
    INSERT INTO audit_entries (id, at, user_id, username, role, action, object_type,
                               object_id, outcome, workstation, prev_hash, hash, object_ids)
      VALUES (v_id, v_at, v_user_id, v_username, v_role, v_action, v_type, v_object,
              v_outcome, v_ws, v_last_hash, v_hash, v_ids);
    UPDATE audit_head SET last_id = v_id, last_hash = v_hash WHERE id = 1;
    RETURN v_id;
  END $$
"""


def upgrade() -> None:
    with op.batch_alter_table("audit_entries") as batch_op:
        batch_op.add_column(sa.Column("object_ids", sa.Text(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    prefix = bind.execute(sa.text("SELECT value FROM settings WHERE name = 'role_prefix'")).scalar_one()
    old = bind.execute(sa.text(
        "SELECT pg_get_functiondef('placement_audit(text, text, text, text)'::regprocedure)"
    )).scalar_one()
    op.execute(sa.text("INSERT INTO settings (name, value) VALUES ('audit_function_0007', :d)").bindparams(d=old))
    op.execute("DROP FUNCTION placement_audit(text, text, text, text)")
    bind.exec_driver_sql(_AUDIT.format(schema=_ident(schema)))
    op.execute("REVOKE ALL ON FUNCTION placement_audit(text, text, text, text, text) FROM PUBLIC")
    groups = ", ".join(_ident(f"{prefix}_{g}") for g in ("officer", "manager", "guardian", "administrator"))
    op.execute(f"GRANT EXECUTE ON FUNCTION placement_audit(text, text, text, text, text) TO {groups}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM audit_entries WHERE object_ids IS NOT NULL LIMIT 1")).first():
        raise RuntimeError("audit rows name many records: dropping object_ids would break their hashes")
    if bind.dialect.name == "postgresql":
        prefix = bind.execute(sa.text("SELECT value FROM settings WHERE name = 'role_prefix'")).scalar_one()
        old = bind.execute(sa.text("SELECT value FROM settings WHERE name = 'audit_function_0007'")).scalar_one()
        op.execute("DROP FUNCTION placement_audit(text, text, text, text, text)")
        bind.exec_driver_sql(old)
        op.execute("DELETE FROM settings WHERE name = 'audit_function_0007'")
        op.execute("REVOKE ALL ON FUNCTION placement_audit(text, text, text, text) FROM PUBLIC")
        groups = ", ".join(_ident(f"{prefix}_{g}") for g in ("officer", "manager", "guardian", "administrator"))
        op.execute(f"GRANT EXECUTE ON FUNCTION placement_audit(text, text, text, text) TO {groups}")
    with op.batch_alter_table("audit_entries") as batch_op:
        batch_op.drop_column("object_ids")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
