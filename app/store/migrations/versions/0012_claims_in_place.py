"""PostgreSQL claims a transaction in place: no index names `batch_id`, and pages keep room

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

PostgreSQL updates a row in place (a HOT update: no new entry in any index) only when no
column that an index reads, as a key or in its WHERE, changes, and the row's page has room for
its new version. Claiming sets `batch_id`, which `ix_ar_transactions_batch_id` and the partial
`ix_ar_transactions_unbatched` read, so every claimed row wrote a new entry into all ten
indexes of the table: 38-41 s to claim 883,260 rows of a million, where the same claim with
neither index, on pages with room, measured 2.8 s (and 2.7 s more for the batch's foreign key
check, which no index changes).

On PostgreSQL this revision therefore:
- drops both indexes. A batch's rows are read by a parallel scan of the table instead: `batch
  show` of the 10,000-customer batch of the million-row history measured 0.94-0.99 s against
  0.82-0.84 s with the index. A run for one cutoff day finds its customers' unbatched rows
  through `ix_ar_transactions_customer_type_date`, which leads with the customer;
- keeps half of every page free for rows written from now on (fillfactor 50), so that a
  month's rows, written together and claimed together, all find room for their new versions
  on their own pages. Rows already written fill their pages: they are claimed once as before.
  The table takes about twice the room (211 MB instead of 96 MB at a million rows).

SQLite has no such cost (a row's new version is written where the old one was, and only the
changed column's indexes change), and it scans a table a good deal slower: it keeps both.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLE = "ar_transactions"
BATCH_INDEX = "ix_ar_transactions_batch_id"
UNBATCHED_INDEX = "ix_ar_transactions_unbatched"
UNBATCHED = "batch_id IS NULL AND type <> 'payment'"
ROOM_FOR_CLAIMS = 50  # percent of each page filled by new rows


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(BATCH_INDEX, table_name=TABLE)
    op.drop_index(UNBATCHED_INDEX, table_name=TABLE)
    op.execute(f"ALTER TABLE {TABLE} SET (fillfactor = {ROOM_FOR_CLAIMS})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE {TABLE} RESET (fillfactor)")
    op.create_index(
        UNBATCHED_INDEX,
        TABLE,
        ["customer_id", "invoice_date"],
        postgresql_where=sa.text(UNBATCHED),
    )
    op.create_index(BATCH_INDEX, TABLE, ["batch_id"])
