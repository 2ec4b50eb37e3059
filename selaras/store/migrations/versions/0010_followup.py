"""followup: who in a PD follows a finding up and by when (tindak lanjut)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 07:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finding_followup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("finding_key", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("pd", sa.String(length=300), nullable=False),
        sa.Column("assignee", sa.String(length=80), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("assigned_by", sa.String(length=80), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_followup")),
        sa.UniqueConstraint("pemda", "finding_key", name=op.f("uq_finding_followup_pemda")),
    )
    with op.batch_alter_table("finding_followup", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_followup_pemda"), ["pemda"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("finding_followup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_followup_pemda"))

    op.drop_table("finding_followup")
