"""item unit and budget rincian: the sub unit carrying an item out, and its pagu by sumber dana and rekening

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit", sa.String(length=300), server_default="", nullable=False))

    op.create_table(
        "budget_rincian",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("kode", sa.String(length=60), nullable=False),
        sa.Column("nama", sa.Text(), nullable=False),
        sa.Column("pagu", sa.Numeric(precision=24, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("fk_budget_rincian_item_id_item"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_rincian")),
    )
    with op.batch_alter_table("budget_rincian", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_rincian_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_budget_rincian_pemda"), ["pemda"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("budget_rincian", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_rincian_pemda"))
        batch_op.drop_index(batch_op.f("ix_budget_rincian_item_id"))

    op.drop_table("budget_rincian")
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_column("unit")
