"""item pd width: the PD an item names is often its full name in a pemda-wide table (Renja/RKPD exports name the
Perangkat Daerah column in full, e.g. "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"), so
it holds as much as a PD name

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.alter_column("pd", existing_type=sa.String(length=40), type_=sa.String(length=300))


def downgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.alter_column("pd", existing_type=sa.String(length=300), type_=sa.String(length=40))
