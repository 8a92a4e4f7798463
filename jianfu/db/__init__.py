"""Storage: SQLAlchemy models, engine, repositories, Alembic migrations. ORM rows stay here."""
