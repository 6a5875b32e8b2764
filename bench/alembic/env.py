"""Alembic's env.py for the benchmarks: online mode only, the URL from
BENCH_URL (never written to a file), the model from model.py beside
alembic.ini when there is one (S1), compare_type on, and migrate's own
version and history tables (and SQLite's sqlite_sequence) left
out of the comparison."""
import os
import sys
import threading

import sqlalchemy as sa
from alembic import context

# SQLAlchemy reflects a table's referred tables from inside its own
# reflection: S1's chain of foreign keys (each table to the previous one) is
# N levels deep, past Python's default limit of 1,000 frames at N = 1,000
# and past the main thread's 8 MB C stack at N = 5,000 (a segfault, when the
# set order starts the reflection at the far end). So: a high limit, and the
# work on a thread with a large stack.
sys.setrecursionlimit(1000000)
threading.stack_size(1 << 30)

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


def run():
    engine = sa.create_engine(os.environ["BENCH_URL"], poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            compare_type=True,
            include_name=include_name,
            # One transaction for the whole upgrade, as migrate runs it;
            # Alembic otherwise runs SQLite DDL outside of one (a commit per
            # statement).
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()


failure = []


def worker():
    try:
        run()
    except BaseException as e:  # handed to the main thread, which reports it
        failure.append(e)


thread = threading.Thread(target=worker)
thread.start()
thread.join()
if failure:
    raise failure[0]
