"""realisasi_state: whether the realisasi of an item in a triwulan is submitted, verified or returned

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 08:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "realisasi_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("document_key", sa.String(length=200), nullable=False),
        sa.Column("item_key", sa.String(length=120), nullable=False),
        sa.Column("triwulan", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_realisasi_state")),
        sa.UniqueConstraint("pemda", "document_key", "item_key", "triwulan", name=op.f("uq_realisasi_state_pemda")),
    )
    with op.batch_alter_table("realisasi_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_realisasi_state_pemda"), ["pemda"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("realisasi_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_realisasi_state_pemda"))

    op.drop_table("realisasi_state")
