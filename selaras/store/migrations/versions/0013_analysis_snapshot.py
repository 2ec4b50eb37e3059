"""analysis_snapshot: the last findings and score cards of each pemda and year, kept so that a restarted web
worker shows them at once instead of computing them again (derived data: an empty table only costs time)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analysis_snapshot",
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pemda"], ["pemda.kode"], name=op.f("fk_analysis_snapshot_pemda_pemda"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pemda", "year", name=op.f("pk_analysis_snapshot")),
    )


def downgrade() -> None:
    op.drop_table("analysis_snapshot")
