"""Every table carries its pemda, so a national database can be partitioned by province or distributed by pemda
(Citus) without a new column; see docs/scaling.md. Partitioning and Citus both require every primary and unique
key to include the distribution column, and every foreign key between two distributed tables too, so each key of
the migrated PostgreSQL schema must name ``pemda``. The keys that do not are listed here with the reason: each is
of a table that stays global (a Citus reference table, not partitioned), and a new table or key must not add to
the list. SQLite, which has neither partitioning nor Citus, keeps its ids as keys (``selaras.store.tables.PemdaId``)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from selaras.store import Database
from selaras.store.tables import Base

GLOBAL_TABLES = {
    "pemda": "the list of pemda itself: its key `kode` is the pemda (a reference table under Citus)",
    "web_session": "who is signed in on which browser, looked up by token before any pemda is known",
    "login_attempt": "failed sign-ins per user name, counted before any pemda is known",
}
"""Tables without a ``pemda`` column, and why they have none."""

USER = (
    "a user name is unique nationally, so signing in needs no pemda: under Citus `user` is a reference table "
    "(copied to every node, like `pemda`), and left unpartitioned; `web_session` names a user by id"
)
KEYS_WITHOUT_PEMDA = {("user", "primary", ("id",)): USER, ("user", "unique", ("username",)): USER}
"""Keys of tables with a ``pemda`` column that do not include it, and why."""


def test_every_table_but_the_global_ones_has_a_pemda_column() -> None:
    without = {table.name for table in Base.metadata.sorted_tables if "pemda" not in table.columns}
    assert without == set(GLOBAL_TABLES)


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
def test_every_key_of_the_postgresql_schema_includes_pemda_or_is_a_listed_gap(database: Database) -> None:
    schema = inspect(database.engine)
    tables = set(schema.get_table_names()) - set(GLOBAL_TABLES) - {"alembic_version"}
    assert tables == {table.name for table in Base.metadata.sorted_tables} - set(GLOBAL_TABLES)
    keys = {(name, "primary", tuple(schema.get_pk_constraint(name)["constrained_columns"])) for name in tables}
    keys |= {
        (name, "unique", tuple(unique["column_names"]))
        for name in tables
        for unique in schema.get_unique_constraints(name)
    }
    keys |= {
        (name, "unique", tuple(index["column_names"]))
        for name in tables
        for index in schema.get_indexes(name)
        if index["unique"]
    }
    references = [(name, key) for name in tables for key in schema.get_foreign_keys(name)]
    keys |= {(name, "foreign", tuple(key["constrained_columns"])) for name, key in references}
    keys |= {  # the other end, where it is a table divided by pemda too
        (key["referred_table"], "referred", tuple(key["referred_columns"]))
        for _, key in references
        if key["referred_table"] in tables
    }
    assert {("item", "primary", ("id", "pemda")), ("item", "foreign", ("document_id", "pemda"))} <= keys
    gaps = {key for key in keys if "pemda" not in key[2]}
    assert gaps == set(KEYS_WITHOUT_PEMDA)  # a fixed gap leaves the list; a new one is a design decision
