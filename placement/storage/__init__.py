"""Storage: SQLAlchemy 2 typed models, the engine set-up and Alembic migrations."""
