"""initial tables

Revision ID: 0001
Revises:
Create Date: 2026-11-22 10:28:06.256014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("document_key", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("file_format", sa.String(length=20), nullable=False),
        sa.Column("imported_by", sa.String(length=120), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_record")),
    )
    with op.batch_alter_table("import_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_record_document_key"), ["document_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_record_pemda"), ["pemda"], unique=False)

    op.create_table(
        "link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("source_document", sa.String(length=200), nullable=False),
        sa.Column("source_item", sa.String(length=120), nullable=False),
        sa.Column("target_document", sa.String(length=200), nullable=False),
        sa.Column("target_item", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("decided_by", sa.String(length=120), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link")),
        sa.UniqueConstraint(
            "source_document",
            "source_item",
            "target_document",
            "target_item",
            "kind",
            name=op.f("uq_link_source_document"),
        ),
    )
    with op.batch_alter_table("link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_pemda"), ["pemda"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_source_document"), ["source_document"], unique=False)
        batch_op.create_index("ix_link_target", ["target_document", "target_item"], unique=False)

    op.create_table(
        "pemda",
        sa.Column("kode", sa.String(length=16), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("parent", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("kode", name=op.f("pk_pemda")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("pd", sa.String(length=40), nullable=True),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["pemda"], ["pemda.kode"], name=op.f("fk_document_pemda_pemda"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("key", name=op.f("uq_document_key")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_pemda"), ["pemda"], unique=False)

    op.create_table(
        "perangkat_daerah",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("kode", sa.String(length=40), nullable=False),
        sa.Column("nama", sa.String(length=300), nullable=False),
        sa.Column("singkatan", sa.String(length=60), nullable=False),
        sa.Column("bidang_urusan", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["pemda"], ["pemda.kode"], name=op.f("fk_perangkat_daerah_pemda_pemda"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perangkat_daerah")),
        sa.UniqueConstraint("pemda", "kode", name=op.f("uq_perangkat_daerah_pemda")),
    )
    with op.batch_alter_table("perangkat_daerah", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_perangkat_daerah_pemda"), ["pemda"], unique=False)

    op.create_table(
        "item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("parent_key", sa.String(length=120), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ordering", sa.Integer(), nullable=False),
        sa.Column("pd", sa.String(length=40), nullable=True),
        sa.Column("lokasi", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_item_document_id_document"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item")),
        sa.UniqueConstraint("document_id", "key", name=op.f("uq_item_document_id")),
    )
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_item_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_item_pemda"), ["pemda"], unique=False)

    op.create_table(
        "budget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("pagu", sa.Numeric(precision=24, scale=4), nullable=False),
        sa.Column("realisasi", sa.Numeric(precision=24, scale=4), nullable=True),
        sa.Column("sumber_dana", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_budget_item_id_item"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget")),
    )
    with op.batch_alter_table("budget", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_budget_pemda"), ["pemda"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("satuan", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("baseline", sa.Numeric(precision=24, scale=4), nullable=True),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_indicator_item_id_item"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicator_pemda"), ["pemda"], unique=False)

    op.create_table(
        "indicator_target",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("pemda", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Numeric(precision=24, scale=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_target_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("indicator_id", "year", name=op.f("pk_indicator_target")),
    )
    with op.batch_alter_table("indicator_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_target_pemda"), ["pemda"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicator_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_target_pemda"))

    op.drop_table("indicator_target")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_pemda"))
        batch_op.drop_index(batch_op.f("ix_indicator_item_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("budget", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_pemda"))
        batch_op.drop_index(batch_op.f("ix_budget_item_id"))

    op.drop_table("budget")
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_pemda"))
        batch_op.drop_index(batch_op.f("ix_item_document_id"))
        batch_op.drop_index(batch_op.f("ix_item_code"))

    op.drop_table("item")
    with op.batch_alter_table("perangkat_daerah", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_perangkat_daerah_pemda"))

    op.drop_table("perangkat_daerah")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_pemda"))

    op.drop_table("document")
    op.drop_table("pemda")
    with op.batch_alter_table("link", schema=None) as batch_op:
        batch_op.drop_index("ix_link_target")
        batch_op.drop_index(batch_op.f("ix_link_source_document"))
        batch_op.drop_index(batch_op.f("ix_link_pemda"))

    op.drop_table("link")
    with op.batch_alter_table("import_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_record_pemda"))
        batch_op.drop_index(batch_op.f("ix_import_record_document_key"))

    op.drop_table("import_record")
