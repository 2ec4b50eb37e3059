"""ids name pemda (PostgreSQL): the primary key of every table with a surrogate ``id`` and a ``pemda`` becomes
``(id, pemda)``, and the foreign keys between them name the pemda on both sides — ``item (document_id, pemda)``
to ``document (id, pemda)``, ``indicator``, ``budget`` and ``budget_rincian (item_id, pemda)`` to ``item``,
``indicator_target (indicator_id, pemda)`` to ``indicator`` — as partitioning by province or Citus distribution
by pemda requires of every key (docs/scaling.md).

No column is added and no row changes: ids stay unique on their own (one sequence per table numbers them for
every pemda, and numbers on after the migration), and a child already had its parent's pemda (each is written
with its document's). A child of another pemda's parent would make the migration fail on the new foreign key,
naming the row. ``id`` leads the key, so a lookup by id alone keeps its index.

SQLite is left as it is: it numbers new rows only for a single ``INTEGER PRIMARY KEY``, so there ``id`` stays
the key and the foreign keys stay on ids; partitioning and Citus are PostgreSQL's (see
``selaras.store.tables.PemdaId``).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 09:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_NUMBERED = (
    "perangkat_daerah",
    "document",
    "item",
    "indicator",
    "budget",
    "budget_rincian",
    "link",
    "import_record",
    "document_version",
    "audit_log",
    "finding_response",
    "finding_followup",
    "realisasi",
    "realisasi_state",
    "calendar_stage",
    "document_stage",
)
"""The tables with a surrogate ``id`` and a ``pemda`` (``user`` stays keyed by id: a reference table under Citus,
like ``pemda``, whose user names are unique nationally)."""

_PARENT_IDS = {
    "item": ("document_id", "document"),
    "indicator": ("item_id", "item"),
    "budget": ("item_id", "item"),
    "budget_rincian": ("item_id", "item"),
    "indicator_target": ("indicator_id", "indicator"),
}
"""Each table whose rows name a parent row by its id: the column and the parent table."""


def _keys(pemda: list[str]) -> None:
    """Make each primary key ``id`` and the ``pemda`` columns (``["pemda"]`` or none), and each foreign key on a
    parent's id the same."""
    for child, (column, parent) in _PARENT_IDS.items():
        op.drop_constraint(f"fk_{child}_{column}_{parent}", child, type_="foreignkey")
    for table in _NUMBERED:
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, ["id", *pemda])
    for child, (column, parent) in _PARENT_IDS.items():
        op.create_foreign_key(
            f"fk_{child}_{column}_{parent}", child, parent, [column, *pemda], ["id", *pemda], ondelete="CASCADE"
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _keys(["pemda"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _keys([])
