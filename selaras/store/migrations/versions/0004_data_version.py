"""data version: a change counter per pemda, the cheap cache stamp of the web workers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_version",
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pemda", name=op.f("pk_data_version")),
    )


def downgrade() -> None:
    op.drop_table("data_version")
