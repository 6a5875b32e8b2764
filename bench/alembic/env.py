"""Alembic's env.py for the benchmarks: online mode only, the URL from
BENCH_URL (never written to a file), the model from model.py beside
alembic.ini when there is one (S1), compare_type on, and migrate's own
version and history tables (and SQLite's sqlite_sequence) left
out of the comparison."""
import os
import sys

import sqlalchemy as sa
from alembic import context

# SQLAlchemy reflects a table's referred tables from inside its own
# reflection: S1's chain of foreign keys (each table to the previous one) is
# N frames deep, past Python's default limit of 1,000 at N = 1,000.
sys.setrecursionlimit(200000)

here = os.path.dirname(context.config.config_file_name)
sys.path.insert(0, here)
try:
    import model  # S1's generated SQLAlchemy model

    target_metadata = model.metadata
except ImportError:
    target_metadata = None


def include_name(name, type_, parent_names):
    # migrate's version and history tables, and SQLite's own table for
    # AUTOINCREMENT, which Alembic 1.8 would otherwise offer to drop.
    return not (type_ == "table" and name in ("migrate_version", "migrate_history", "sqlite_sequence"))


engine = sa.create_engine(os.environ["BENCH_URL"], poolclass=sa.pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_name=include_name,
        # One transaction for the whole upgrade, as migrate runs it; Alembic
        # otherwise runs SQLite DDL outside of one (a commit per statement).
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
