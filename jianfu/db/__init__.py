"""Storage: SQLAlchemy models, engine, repositories and Alembic migrations. ORM rows never leave it."""
