"""Every table carries its pemda, so a national database can be partitioned by province or distributed by pemda
(Citus) without a new column; see docs/scaling.md. The keys that do not yet name ``pemda`` are listed here with
the reason: partitioning and Citus both require every primary and unique key to include the distribution column,
so each entry below is a table that stays global (a Citus reference table, not partitioned) or a migration still to
make, and a new table or key must not add to the list."""

from __future__ import annotations

from sqlalchemy import Table, UniqueConstraint

from selaras.store.tables import Base

GLOBAL_TABLES = {
    "pemda": "the list of pemda itself: its key `kode` is the pemda (a reference table under Citus)",
    "web_session": "who is signed in on which browser, looked up by token before any pemda is known",
    "login_attempt": "failed sign-ins per user name, counted before any pemda is known",
}
"""Tables without a ``pemda`` column, and why they have none."""

SURROGATE_ID = ("id",)
"""A primary key of one integer sequence, unique across all pemda: partitioning and Citus need ``(pemda, id)``.

Not done, because SQLite cannot: it numbers new rows only for a single-column ``INTEGER PRIMARY KEY`` (SQLAlchemy
refuses ``autoincrement`` on a composite key there), so every insert would have to assign its id. PostgreSQL
can (an identity ``id`` in a ``(pemda, id)`` key). The migration it needs is in docs/scaling.md."""

KEYS_WITHOUT_PEMDA = {
    ("user", ("username",)): (
        "a user name is unique nationally, so signing in needs no pemda: under Citus `user` is a reference table "
        "(copied to every node, like `pemda`), and left unpartitioned"
    ),
}


def _keys(table: Table) -> list[tuple[str, ...]]:
    """The primary key, unique constraints, unique columns and unique indexes of ``table``, as column names."""
    keys = [tuple(column.name for column in table.primary_key.columns)]
    keys += [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    keys += [tuple(column.name for column in index.columns) for index in table.indexes if index.unique]
    return keys


def test_every_table_but_the_global_ones_has_a_pemda_column() -> None:
    without = {table.name for table in Base.metadata.sorted_tables if "pemda" not in table.columns}
    assert without == set(GLOBAL_TABLES)


def test_every_key_includes_pemda_or_is_a_listed_gap() -> None:
    gaps = {
        (table.name, key)
        for table in Base.metadata.sorted_tables
        if table.name not in GLOBAL_TABLES
        for key in _keys(table)
        if "pemda" not in key and key != SURROGATE_ID
    }
    assert gaps == set(KEYS_WITHOUT_PEMDA)  # a fixed gap leaves the list; a new one is a design decision
