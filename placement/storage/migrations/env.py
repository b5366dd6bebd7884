"""Alembic environment: migrates the connection handed over by
``placement.storage.migrate`` (there is no alembic.ini and no URL here)."""

from alembic import context

from placement.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through placement.storage.migrate, not the alembic command")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
