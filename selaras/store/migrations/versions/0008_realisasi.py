"""realisasi: physical and budget realisation per triwulan of Renja items

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "realisasi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("document_key", sa.String(length=200), nullable=False),
        sa.Column("item_key", sa.String(length=120), nullable=False),
        sa.Column("triwulan", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("value", sa.Numeric(precision=24, scale=4), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_realisasi")),
    )
    with op.batch_alter_table("realisasi", schema=None) as batch_op:
        batch_op.create_index("ix_realisasi_document_triwulan", ["document_key", "triwulan"], unique=False)
        batch_op.create_index(batch_op.f("ix_realisasi_pemda"), ["pemda"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("realisasi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_realisasi_pemda"))
        batch_op.drop_index("ix_realisasi_document_triwulan")

    op.drop_table("realisasi")
