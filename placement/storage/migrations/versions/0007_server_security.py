"""The server decides who sees what (PostgreSQL): group roles per installation,
grants, row-level security, a server-side audit trail and account functions.

On SQLite only the two new tables are created: ``settings`` (a few named
values of the installation) and ``capacity_snapshots`` (the aggregates a
manager reads on a server, see placement.services.capacity_snapshots).

On PostgreSQL the migrating role is the **owner**: it owns the tables and the
``SECURITY DEFINER`` functions below, and nobody works as it. The four group
roles are named ``<installation>_officer`` and so on; the installation is the
database name (plus ``_<schema>`` outside the public schema), so two
installations on one server never share a group role. Every user is a login
role that is a member of exactly one of them (``placement_create_user``).

What each group may do is the README's role table, stated with grants and
policies: officers read and write casework; a guardian reads only the children
assigned to it and the family and school each of them lives with; a manager
reads capacity snapshots and the audit trail; an administrator reads accounts
and the audit trail and manages accounts through functions. The audit trail is
insert-only for all of them: rows are appended by ``placement_audit`` (user
from ``session_user``, time from the server clock, hash chained as in
placement.services.audit.row_hash) and by triggers on every change of a
child, family, placement, network, matching session or user.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 16:00:00
"""

import hashlib
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = ("officer", "manager", "guardian", "administrator")

# Tables with personal data: row-level security enabled and forced.
CASEWORK = (
    "families", "training_records", "children", "child_networks", "sibling_groups",
    "networks", "network_locations", "matching_sessions", "placements", "network_alerts",
)  # fmt: skip
PERSONAL = (*CASEWORK, "users", "audit_entries")

# Which table's change is audited under which object type, and the column that
# holds that object's id (a training record is a change of its family).
AUDITED = {
    "children": ("child", "id", None),
    "families": ("family", "id", None),
    "training_records": ("family", "family_id", "change"),
    "placements": ("placement", "id", None),
    "networks": ("network", "id", None),
    "network_locations": ("network", "network_id", "change"),
    "child_networks": ("child", "child_id", "change"),
    "matching_sessions": ("matching_session", "id", None),
    "users": ("user", "id", None),
}

USER_COLUMNS = "id, username, display_name, role, active, created_at"


def installation_name(database: str, schema: str) -> str:
    """The prefix of this installation's group roles: lower-case letters,
    digits and underscores, short enough for PostgreSQL's 63-character names."""
    raw = database if schema == "public" else f"{database}_{schema}"
    name = re.sub(r"[^a-z0-9_]", "_", raw.lower())
    if len(name) > 40:
        name = f"{name[:31]}_{hashlib.sha256(raw.encode()).hexdigest()[:8]}"
    return name


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_settings")),
    )
    op.create_table(
        "capacity_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capacity_snapshots")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _server_security()


def _server_security() -> None:
    bind = op.get_bind()
    database, schema, owner = bind.execute(
        sa.text("SELECT current_database(), current_schema(), current_user")
    ).one()
    prefix = installation_name(database, schema)
    groups = {g: f"{prefix}_{g}" for g in GROUPS}
    q = {g: _ident(name) for g, name in groups.items()}
    sql = op.execute
    sql(
        sa.text("INSERT INTO settings (name, value) VALUES ('role_prefix', :p), ('owner_role', :o)")
        .bindparams(p=prefix, o=owner)
    )
    for name in groups.values():
        sql(f"""DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {_literal(name)}) THEN
                    CREATE ROLE {_ident(name)} NOLOGIN;
                  END IF; END $$""")
        sql(f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {_ident(name)}")
    everyone = ", ".join(q.values())

    # --- identity ------------------------------------------------------------
    sql(f"""
    CREATE FUNCTION placement_user_id() RETURNS integer
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$ SELECT id FROM users WHERE username = session_user $$""")
    sql(f"""
    CREATE FUNCTION placement_role_of(login name) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$
        SELECT g.role FROM (VALUES ('administrator', 1), ('officer', 2), ('manager', 3),
                                   ('guardian', 4)) AS g(role, rank)
        -- (a superuser counts as a member of every role: it is nobody's user here)
        WHERE EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = login AND NOT r.rolsuper)
          AND pg_has_role(login, (SELECT value FROM settings WHERE name = 'role_prefix')
                                 || '_' || g.role, 'MEMBER')
        ORDER BY g.rank LIMIT 1 $$""")
    sql(f"""
    CREATE FUNCTION placement_whoami()
      RETURNS TABLE (user_id integer, username text, role text, active boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$ SELECT u.id, u.username::text, placement_role_of(session_user), u.active
            FROM users u WHERE u.username = session_user $$""")

    # --- the audit trail -----------------------------------------------------
    sql(f"""
    CREATE FUNCTION placement_audit_text(value text) RETURNS text
      LANGUAGE sql IMMUTABLE SET search_path = {_ident(schema)}, pg_temp
      AS $$ SELECT regexp_replace(value, '[^ -~]', '?', 'g') $$""")
    sql(f"""
    CREATE FUNCTION placement_audit(p_action text, p_object_type text, p_object_id text,
                                    p_outcome text DEFAULT 'ok') RETURNS integer
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
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
        v_last_id integer;
        v_last_hash text;
        v_id integer;
        v_hash text;
      BEGIN
        SELECT id INTO v_user_id FROM users WHERE username = session_user;
        v_role := coalesce(placement_role_of(session_user), 'owner');
        SELECT last_id, last_hash INTO v_last_id, v_last_hash
          FROM audit_head WHERE id = 1 FOR UPDATE;
        IF NOT FOUND THEN
          v_last_id := 0;
          v_last_hash := repeat('0', 64);
          INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, v_last_hash);
        END IF;
        v_id := v_last_id + 1;
        -- The same canonical JSON as placement.services.audit.row_hash (every
        -- text is printable ASCII here, so both escape it alike).
        v_hash := encode(sha256(convert_to(
          '[' || v_id || ',' || to_json(to_char(v_at, 'YYYY-MM-DD"T"HH24:MI:SS.US'))::text
          || ',' || coalesce(v_user_id::text, 'null')
          || ',' || to_json(v_username)::text || ',' || to_json(v_role)::text
          || ',' || to_json(v_action)::text || ',' || to_json(v_type)::text
          || ',' || coalesce(to_json(v_object)::text, 'null')
          || ',' || to_json(v_outcome)::text || ',' || to_json(v_ws)::text
          || ',' || to_json(v_last_hash)::text || ']', 'UTF8')), 'hex');
        INSERT INTO audit_entries (id, at, user_id, username, role, action, object_type,
                                   object_id, outcome, workstation, prev_hash, hash)
          VALUES (v_id, v_at, v_user_id, v_username, v_role, v_action, v_type, v_object,
                  v_outcome, v_ws, v_last_hash, v_hash);
        UPDATE audit_head SET last_id = v_id, last_hash = v_hash WHERE id = 1;
        RETURN v_id;
      END $$""")
    sql(f"""
    CREATE FUNCTION placement_audit_change() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$
      DECLARE
        v_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
        v_action text := coalesce(TG_ARGV[2], CASE TG_OP WHEN 'INSERT' THEN 'create'
                                                         WHEN 'UPDATE' THEN 'change'
                                                         ELSE 'delete' END);
      BEGIN
        PERFORM placement_audit(v_action, TG_ARGV[0], v_row ->> TG_ARGV[1], 'ok');
        RETURN NULL;
      END $$""")
    for table, (object_type, id_column, action) in AUDITED.items():
        arguments = ", ".join(_literal(a) for a in (object_type, id_column) + ((action,) if action else ()))
        sql(f"""CREATE TRIGGER audit_change AFTER INSERT OR UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION placement_audit_change({arguments})""")

    # --- accounts ------------------------------------------------------------
    sql(f"""
    CREATE FUNCTION placement_may_manage_users() RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$ SELECT placement_role_of(session_user) = 'administrator'
                OR session_user = (SELECT value FROM settings WHERE name = 'owner_role') $$""")
    sql(f"""
    CREATE FUNCTION placement_create_user(p_username text, p_display_name text, p_role text,
                                          p_verifier text) RETURNS integer
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$
      DECLARE v_id integer;
      BEGIN
        IF NOT placement_may_manage_users() THEN
          RAISE EXCEPTION 'only an administrator may add users' USING ERRCODE = '42501';
        END IF;
        IF p_username !~ '^[a-z0-9][a-z0-9._-]{{0,62}}$' THEN
          RAISE EXCEPTION 'a user name is 1-63 lower-case letters, digits, dots, dashes or underscores'
            USING ERRCODE = '22023';
        END IF;
        IF p_role NOT IN ('officer', 'manager', 'guardian', 'administrator') THEN
          RAISE EXCEPTION 'unknown role' USING ERRCODE = '22023';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_username) THEN
          RAISE EXCEPTION 'a login role of that name already exists on this server'
            USING ERRCODE = '42710';
        END IF;
        IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\\$' THEN
          RAISE EXCEPTION 'a password is given as a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
        END IF;
        IF p_verifier IS NULL THEN
          EXECUTE format('CREATE ROLE %I LOGIN INHERIT', p_username);
        ELSE
          EXECUTE format('CREATE ROLE %I LOGIN INHERIT PASSWORD %L', p_username, p_verifier);
        END IF;
        EXECUTE format('GRANT %I TO %I',
                       (SELECT value FROM settings WHERE name = 'role_prefix') || '_' || p_role,
                       p_username);
        INSERT INTO users (username, display_name, role, password_hash, active, created_at)
          VALUES (p_username, coalesce(nullif(p_display_name, ''), p_username), p_role, NULL, true,
                  clock_timestamp() AT TIME ZONE 'UTC')
          RETURNING id INTO v_id;
        RETURN v_id;
      END $$""")
    sql(f"""
    CREATE FUNCTION placement_set_password(p_username text, p_verifier text) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$
      DECLARE v_id integer;
      BEGIN
        IF NOT placement_may_manage_users() THEN
          RAISE EXCEPTION 'only an administrator may set passwords' USING ERRCODE = '42501';
        END IF;
        SELECT id INTO v_id FROM users WHERE username = p_username;
        IF v_id IS NULL OR placement_role_of(p_username) IS NULL THEN
          RAISE EXCEPTION 'no such user' USING ERRCODE = '22023';
        END IF;
        IF p_verifier !~ '^SCRAM-SHA-256\\$' THEN
          RAISE EXCEPTION 'a password is given as a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
        END IF;
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_username, p_verifier);
        PERFORM placement_audit('change', 'user', v_id::text, 'ok');
      END $$""")
    sql(f"""
    CREATE FUNCTION placement_set_active(p_username text, p_active boolean) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {_ident(schema)}, pg_temp
      AS $$
      BEGIN
        IF NOT placement_may_manage_users() THEN
          RAISE EXCEPTION 'only an administrator may disable users' USING ERRCODE = '42501';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM users WHERE username = p_username)
           OR placement_role_of(p_username) IS NULL THEN
          RAISE EXCEPTION 'no such user' USING ERRCODE = '22023';
        END IF;
        IF NOT p_active AND p_username = session_user THEN
          RAISE EXCEPTION 'you cannot disable your own account' USING ERRCODE = '22023';
        END IF;
        EXECUTE format('ALTER ROLE %I %s', p_username, CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
        UPDATE users SET active = p_active WHERE username = p_username;
      END $$""")

    # --- grants --------------------------------------------------------------
    functions = (
        "placement_user_id()", "placement_role_of(name)", "placement_whoami()",
        "placement_audit_text(text)", "placement_audit(text, text, text, text)",
        "placement_audit_change()", "placement_may_manage_users()",
        "placement_create_user(text, text, text, text)", "placement_set_password(text, text)",
        "placement_set_active(text, boolean)",
    )  # fmt: skip
    for function in functions:
        sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    for function in ("placement_user_id()", "placement_whoami()",
                     "placement_audit(text, text, text, text)"):
        sql(f"GRANT EXECUTE ON FUNCTION {function} TO {everyone}")
    for function in ("placement_create_user(text, text, text, text)",
                     "placement_set_password(text, text)", "placement_set_active(text, boolean)"):
        sql(f"GRANT EXECUTE ON FUNCTION {function} TO {q['administrator']}")
    sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {_ident(schema)} FROM PUBLIC")
    sql(f"GRANT SELECT ON settings, schools, alembic_version TO {everyone}")
    sql(f"GRANT SELECT ({USER_COLUMNS}) ON users TO {everyone}")
    sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(CASEWORK)}, schools TO {q['officer']}")
    sql(f"GRANT SELECT, INSERT ON capacity_snapshots TO {q['officer']}")
    sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_ident(schema)} TO {q['officer']}")
    sql(f"GRANT SELECT ON capacity_snapshots TO {q['manager']}")
    sql(f"GRANT SELECT ON children, placements, families, training_records, sibling_groups "
        f"TO {q['guardian']}")
    sql(f"GRANT SELECT ON audit_entries, audit_head TO {q['manager']}, {q['administrator']}")

    # --- row-level security --------------------------------------------------
    for table in PERSONAL:
        sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        sql(f"CREATE POLICY owner_all ON {table} TO {_ident(owner)} USING (true) WITH CHECK (true)")
    for table in CASEWORK:
        sql(f"CREATE POLICY officer_all ON {table} TO {q['officer']} USING (true) WITH CHECK (true)")
    guardian_children = "SELECT c.id FROM children c WHERE c.guardian_id = placement_user_id()"
    guardian_families = (
        "SELECT p.family_id FROM placements p JOIN children c ON c.id = p.child_id "
        "WHERE c.guardian_id = placement_user_id() AND p.status = 'active'"
    )
    guardian_rows = {
        "children": "guardian_id = placement_user_id()",
        "placements": f"child_id IN ({guardian_children})",
        "families": f"id IN ({guardian_families})",
        "training_records": f"family_id IN ({guardian_families})",
        "sibling_groups": "id IN (SELECT c.sibling_group_id FROM children c "
        "WHERE c.guardian_id = placement_user_id())",
    }
    for table, condition in guardian_rows.items():
        sql(f"CREATE POLICY guardian_own ON {table} FOR SELECT TO {q['guardian']} USING ({condition})")
    sql(f"CREATE POLICY everyone_self ON users FOR SELECT TO {everyone} "
        "USING (username = session_user)")
    sql(f"CREATE POLICY officer_read ON users FOR SELECT TO {q['officer']} USING (true)")
    sql(f"CREATE POLICY administrator_read ON users FOR SELECT TO {q['administrator']} USING (true)")
    sql(f"CREATE POLICY audit_read ON audit_entries FOR SELECT "
        f"TO {q['manager']}, {q['administrator']} USING (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _drop_server_security()
    op.drop_table("capacity_snapshots")
    op.drop_table("settings")


def _drop_server_security() -> None:
    bind = op.get_bind()
    prefix = bind.execute(sa.text("SELECT value FROM settings WHERE name = 'role_prefix'")).scalar()
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar()
    sql = op.execute
    for table in PERSONAL:
        for policy in bind.execute(
            sa.text("SELECT policyname FROM pg_policies WHERE schemaname = :s AND tablename = :t"),
            {"s": schema, "t": table},
        ).scalars():
            sql(f"DROP POLICY {_ident(policy)} ON {table}")
        sql(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for table in AUDITED:
        sql(f"DROP TRIGGER IF EXISTS audit_change ON {table}")
    for function in (
        "placement_set_active(text, boolean)", "placement_set_password(text, text)",
        "placement_create_user(text, text, text, text)", "placement_may_manage_users()",
        "placement_audit_change()", "placement_audit(text, text, text, text)",
        "placement_audit_text(text)", "placement_whoami()", "placement_role_of(name)",
        "placement_user_id()",
    ):  # fmt: skip
        sql(f"DROP FUNCTION IF EXISTS {function}")
    if prefix:
        for group in GROUPS:
            name = _ident(f"{prefix}_{group}")
            sql(f"""DO $$ BEGIN
                      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {_literal(f'{prefix}_{group}')})
                      THEN EXECUTE 'DROP OWNED BY {name}'; EXECUTE 'DROP ROLE {name}';
                      END IF; END $$""")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
