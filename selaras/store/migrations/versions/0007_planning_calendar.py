"""planning calendar: stages of a planning cycle and the stage of each document

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=24), nullable=False),
        sa.Column("opens", sa.Date(), nullable=False),
        sa.Column("closes", sa.Date(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("reopened_until", sa.Date(), nullable=True),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pemda"], ["pemda.kode"], name=op.f("fk_calendar_stage_pemda_pemda"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_stage")),
        sa.UniqueConstraint("pemda", "year", "kind", "stage", name=op.f("uq_calendar_stage_pemda")),
    )
    with op.batch_alter_table("calendar_stage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_stage_pemda"), ["pemda"], unique=False)

    op.create_table(
        "document_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("document_key", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=24), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pemda"], ["pemda.kode"], name=op.f("fk_document_stage_pemda_pemda"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_stage")),
        sa.UniqueConstraint("document_key", name=op.f("uq_document_stage_document_key")),
    )
    with op.batch_alter_table("document_stage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_stage_pemda"), ["pemda"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document_stage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_stage_pemda"))
    op.drop_table("document_stage")
    with op.batch_alter_table("calendar_stage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_stage_pemda"))
    op.drop_table("calendar_stage")
