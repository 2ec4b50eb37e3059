"""keys name pemda: the unique keys of document, document_stage, item, indicator_target and link include the pemda
column, as partitioning by province or Citus distribution by pemda requires of every key (docs/scaling.md)

Each key was already unique per pemda in fact (a document key starts with its pemda code, an item belongs to one
document, a target to one indicator, a link's pemda is its source document's), so widening them rejects nothing
that was accepted and no row changes. ``pemda`` comes last, so lookups by the old columns keep using the index.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 08:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_UNIQUE = {
    "document": ("uq_document_key", ["key"]),
    "document_stage": ("uq_document_stage_document_key", ["document_key"]),
    "item": ("uq_item_document_id", ["document_id", "key"]),
    "link": ("uq_link_source_document", ["source_document", "source_item", "target_document", "target_item", "kind"]),
}


def _target_key(columns: list[str]) -> None:
    with op.batch_alter_table("indicator_target", schema=None) as batch_op:
        batch_op.drop_constraint("pk_indicator_target", type_="primary")
        batch_op.create_primary_key("pk_indicator_target", columns)


def upgrade() -> None:
    for table, (name, columns) in _UNIQUE.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_="unique")
            batch_op.create_unique_constraint(name, [*columns, "pemda"])
    _target_key(["indicator_id", "year", "pemda"])


def downgrade() -> None:
    _target_key(["indicator_id", "year"])
    for table, (name, columns) in _UNIQUE.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_="unique")
            batch_op.create_unique_constraint(name, columns)
