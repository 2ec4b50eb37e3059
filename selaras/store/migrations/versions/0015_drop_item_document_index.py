"""drop ix_item_document_id: the unique key ``(document_id, key, pemda)`` leads with the same column, so it finds
a document's items as well; the second index only cost space (some 30 MB nationally) and a write per item

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 14:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_item_document_id", table_name="item")


def downgrade() -> None:
    op.create_index("ix_item_document_id", "item", ["document_id"], unique=False)
