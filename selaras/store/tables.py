"""The tables. Changing them means writing an Alembic migration (``selaras/store/migrations``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.schema import SchemaItem

__all__ = [
    "AnalysisSnapshotRow",
    "AuditRow",
    "Base",
    "BudgetRincianRow",
    "BudgetRow",
    "CalendarStageRow",
    "DataVersionRow",
    "DocumentRow",
    "DocumentStageRow",
    "DocumentVersionRow",
    "FindingFollowUpRow",
    "FindingResponseRow",
    "ImportRecordRow",
    "IndicatorRow",
    "ItemRow",
    "LinkRow",
    "LoginAttemptRow",
    "PemdaId",
    "PemdaRow",
    "PerangkatDaerahRow",
    "RealisasiRow",
    "RealisasiStateRow",
    "TargetRow",
    "UserRow",
    "WebSessionRow",
    "in_schema_of",
]

# Pagu reaches Rp 10^13 and targets carry decimals; 24 digits with 4 decimals hold both exactly.
Amount = Numeric(24, 4, asdecimal=True)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PemdaId:
    """A surrogate ``id`` which, with the row's ``pemda`` (a primary key column of each table that mixes this
    in), is the table's primary key ``(id, pemda)``: partitioning by province and Citus distribution by pemda
    need every key to include the column they divide by (docs/scaling.md). ``id`` leads, so a lookup by id
    alone still reads the key's index.

    One sequence numbers a table's rows for every pemda, so an id is unique on its own: the ORM knows a row by
    it (``session.get(ItemRow, item_id)``; its updates and deletes name the whole key). The id is also SQLite's
    primary key — the only one it numbers new rows for is a single ``INTEGER PRIMARY KEY`` — so there the migrations
    keep ``id`` as the key and only PostgreSQL's has the pemda (migration 0014). The tables are created by the
    migrations, never from these definitions, and Alembic does not compare primary keys; the PostgreSQL schema
    is checked by ``tests/store/test_tenancy.py``."""

    __mapper_args__: ClassVar[dict[str, Any]] = {"primary_key": ["id"]}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True, sort_order=-1)


def _on(dialect: str, constraint: ForeignKeyConstraint) -> ForeignKeyConstraint:
    """``constraint`` as part of ``dialect``'s schema only: created there alone (``ddl_if``) and compared there
    alone by :func:`in_schema_of` (Alembic does not read ``ddl_if``)."""
    constraint.info["dialect"] = dialect
    return constraint.ddl_if(dialect=dialect)


def _parent_id(column: str, parent: str) -> tuple[ForeignKeyConstraint, ForeignKeyConstraint]:
    """The foreign key of ``column`` to the ``id`` of a row of ``parent``, deleted with it.

    On PostgreSQL it names the pemda too, ``(column, pemda)`` to ``parent (id, pemda)``: partitioning and Citus
    need it of a key between two tables divided by pemda, and a child can then only belong to a parent of its
    own pemda. On SQLite it is on the id alone, the parent's key there (see :class:`PemdaId`)."""
    return (
        _on(
            "postgresql",
            ForeignKeyConstraint([column, "pemda"], [f"{parent}.id", f"{parent}.pemda"], ondelete="CASCADE"),
        ),
        _on("sqlite", ForeignKeyConstraint([column], [f"{parent}.id"], ondelete="CASCADE")),
    )


def in_schema_of(dialect: str) -> Callable[[SchemaItem, str | None, str, bool, SchemaItem | None], bool]:
    """Alembic's ``include_object`` for a database of ``dialect``: the table definitions' objects that are part of
    its schema (all but the other database's foreign keys of :func:`_parent_id`), and everything reflected."""

    def include(item: SchemaItem, _name: str | None, _kind: str, reflected: bool, _other: SchemaItem | None) -> bool:
        return reflected or item.info.get("dialect", dialect) == dialect

    return include


class PemdaRow(Base):
    __tablename__ = "pemda"

    kode: Mapped[str] = mapped_column(String(16), primary_key=True)
    nama: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    parent: Mapped[str | None] = mapped_column(String(16))


class PerangkatDaerahRow(PemdaId, Base):
    __tablename__ = "perangkat_daerah"
    __table_args__ = (UniqueConstraint("pemda", "kode"),)

    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), primary_key=True, index=True)
    kode: Mapped[str] = mapped_column(String(40))
    nama: Mapped[str] = mapped_column(String(300))
    singkatan: Mapped[str] = mapped_column(String(60), default="")
    bidang_urusan: Mapped[str] = mapped_column(String(200), default="")  # "5.01,5.05"


class DocumentRow(PemdaId, Base):
    """A stored document. Its unique key names its pemda, as partitioning or Citus needs of every key
    (docs/scaling.md); the document key leads, so a lookup by the key alone still finds it in the index."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("key", "pemda"),)

    key: Mapped[str] = mapped_column(String(200))
    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), primary_key=True, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    pd: Mapped[str | None] = mapped_column(String(40))
    period_start: Mapped[int] = mapped_column(Integer)
    period_end: Mapped[int] = mapped_column(Integer)
    version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(64))  # content hash: a re-import of the same plan is a no-op
    updated_at: Mapped[datetime]


class ItemRow(PemdaId, Base):
    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("document_id", "key", "pemda"), *_parent_id("document_id", "document"))

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    document_id: Mapped[int] = mapped_column(Integer)  # found through the unique key, which leads with it
    key: Mapped[str] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(40), index=True)
    parent_key: Mapped[str | None] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer)
    order: Mapped[int] = mapped_column("ordering", Integer, default=0)
    pd: Mapped[str | None] = mapped_column(String(300))  # a code or, in pemda-wide tables, the PD's full name
    lokasi: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(300), default="", server_default="")
    """The sub unit carrying the item out (a Puskesmas, a Bagian); empty when it is the PD itself."""
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Optimistic locking: every web edit bumps it, and an edit naming an older version is refused."""


class IndicatorRow(PemdaId, Base):
    __tablename__ = "indicator"
    __table_args__ = _parent_id("item_id", "item")

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    satuan: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(16))
    baseline: Mapped[Decimal | None] = mapped_column(Amount)
    direction: Mapped[str] = mapped_column(String(8))


class TargetRow(Base):
    """One year's target of an indicator; its key names the pemda last, like the document's."""

    __tablename__ = "indicator_target"
    __table_args__ = _parent_id("indicator_id", "indicator")

    indicator_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    value: Mapped[Decimal] = mapped_column(Amount)


class BudgetRow(PemdaId, Base):
    __tablename__ = "budget"
    __table_args__ = _parent_id("item_id", "item")

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    pagu: Mapped[Decimal] = mapped_column(Amount)
    realisasi: Mapped[Decimal | None] = mapped_column(Amount)
    sumber_dana: Mapped[str] = mapped_column(String(200), default="")


class BudgetRincianRow(PemdaId, Base):
    """One line of an item's budget-stage pagu broken down by sumber dana or by rekening."""

    __tablename__ = "budget_rincian"
    __table_args__ = _parent_id("item_id", "item")

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    kode: Mapped[str] = mapped_column(String(60))
    nama: Mapped[str] = mapped_column(Text)
    pagu: Mapped[Decimal] = mapped_column(Amount)


class LinkRow(PemdaId, Base):
    """A link is stored by the keys of both ends, so it survives a re-import of either document."""

    __tablename__ = "link"
    __table_args__ = (
        UniqueConstraint("source_document", "source_item", "target_document", "target_item", "kind", "pemda"),
        Index("ix_link_target", "target_document", "target_item"),
    )

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)  # the source item's pemda
    source_document: Mapped[str] = mapped_column(String(200), index=True)
    source_item: Mapped[str] = mapped_column(String(120))
    target_document: Mapped[str] = mapped_column(String(200))
    target_item: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None]
    decided_by: Mapped[str] = mapped_column(String(120), default="")
    decided_at: Mapped[datetime | None]
    reasons: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    """Why the engine proposed it: a JSON list of sentences in Bahasa Indonesia (``[]`` for other links)."""


class ImportRecordRow(PemdaId, Base):
    __tablename__ = "import_record"

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    document_key: Mapped[str] = mapped_column(String(200), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    file_format: Mapped[str] = mapped_column(String(20))
    imported_by: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[datetime]
    counts: Mapped[str] = mapped_column(Text)  # JSON: items per level, indicators, pagu per year


class DocumentVersionRow(PemdaId, Base):
    """One state a document had: its whole content as JSON (``store.snapshots``), who made it, how and when.

    Every import or restore that changes a document adds the new state; web edits made since the last state are
    kept as a state of their own before a replacement, so nothing an import replaces is ever lost."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("pemda", "document_key", "number"),)

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    document_key: Mapped[str] = mapped_column(String(200), index=True)
    number: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime]
    saved_by: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(String(20))  # impor | pulihkan | suntingan
    file_name: Mapped[str] = mapped_column(String(300), default="")
    forced: Mapped[bool] = mapped_column(Boolean, default=False)
    fingerprint: Mapped[str] = mapped_column(String(64))
    counts: Mapped[str] = mapped_column(Text)  # JSON: items per level, indicators, pagu per year
    content: Mapped[str] = mapped_column(Text)
    file_links: Mapped[str] = mapped_column(Text, default="[]")  # JSON: the links the imported file itself held


class UserRow(Base):
    """A web user: always scoped to one pemda; an editor also to one PD."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, with its parameters and salt
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    role: Mapped[str] = mapped_column(String(16))
    pd: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class WebSessionRow(Base):
    """A server-side login session; the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "web_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class AuditRow(PemdaId, Base):
    """One change: who, when, what, and the changed fields before and after (JSON)."""

    __tablename__ = "audit_log"

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    username: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(200))
    old: Mapped[str] = mapped_column(Text, default="{}")
    new: Mapped[str] = mapped_column(Text, default="{}")


class DataVersionRow(Base):
    """How often one pemda's planning data has changed (``pemda`` ``*``: changes of unknown pemda); see
    :mod:`selaras.store.changes`. Rows are never deleted, so the count only grows."""

    __tablename__ = "data_version"

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class FindingResponseRow(PemdaId, Base):
    """A PD's response to a finding, identified by a hash of its rule code and location (findings themselves
    are recomputed, never stored)."""

    __tablename__ = "finding_response"
    __table_args__ = (UniqueConstraint("pemda", "finding_key"),)

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    finding_key: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(16))
    pd: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class FindingFollowUpRow(PemdaId, Base):
    """Who in a PD follows a finding up and by when (tindak lanjut); keyed like a response, by the finding's
    stable key. Its state is the response's (:class:`FindingResponseRow`)."""

    __tablename__ = "finding_followup"
    __table_args__ = (UniqueConstraint("pemda", "finding_key"),)

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    finding_key: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(16))
    pd: Mapped[str] = mapped_column(String(300), default="")
    assignee: Mapped[str] = mapped_column(String(80))
    deadline: Mapped[date]
    assigned_by: Mapped[str] = mapped_column(String(80))
    assigned_at: Mapped[datetime]


class LoginAttemptRow(Base):
    """A failed login, kept in the database so that every worker process sees the same count."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_username_at", "username", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime]


class RealisasiRow(PemdaId, Base):
    """Realisation of one Renja item in one triwulan, that quarter alone (see ``selaras.domain.realisasi``): a row
    with an empty ``indicator`` holds the rupiah spent, one per indicator its physical realisation. Items are named
    by key, like links, so the rows survive a re-import of the Renja."""

    __tablename__ = "realisasi"
    __table_args__ = (Index("ix_realisasi_document_triwulan", "document_key", "triwulan"),)

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    document_key: Mapped[str] = mapped_column(String(200))
    item_key: Mapped[str] = mapped_column(String(120))
    triwulan: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[Decimal] = mapped_column(Amount)


class RealisasiStateRow(PemdaId, Base):
    """Whether the realisasi of one Renja item in one triwulan is verified (see ``domain.realisasi.Verifikasi``):
    every store of figures sets it to *diajukan*; ``version`` guards the entry form and the verifikator's decision
    (optimistic locking). No row means nothing was stored through a path that records it: *diajukan*, version 0."""

    __tablename__ = "realisasi_state"
    __table_args__ = (UniqueConstraint("pemda", "document_key", "item_key", "triwulan"),)

    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    document_key: Mapped[str] = mapped_column(String(200))
    item_key: Mapped[str] = mapped_column(String(120))
    triwulan: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class CalendarStageRow(PemdaId, Base):
    """When one stage of one kind of document is open in one pemda's planning cycle (``year``: the first year
    the cycle's documents plan); see :mod:`selaras.domain.calendar`."""

    __tablename__ = "calendar_stage"
    __table_args__ = (UniqueConstraint("pemda", "year", "kind", "stage"),)

    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), primary_key=True, index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(24))
    opens: Mapped[date]
    closes: Mapped[date]
    basis: Mapped[str] = mapped_column(Text, default="")
    reopened_until: Mapped[date | None]
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]


class DocumentStageRow(PemdaId, Base):
    """The stage a document has reached. Named by document key, like links, so that replacing or restoring the
    document keeps it; a document without a row is in the first stage of its kind."""

    __tablename__ = "document_stage"
    __table_args__ = (UniqueConstraint("document_key", "pemda"),)

    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), primary_key=True, index=True)
    document_key: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(24))
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]


class AnalysisSnapshotRow(Base):
    """The last findings and score cards a web worker computed for one pemda and year, with the data stamp and the
    fingerprint they were computed under, so that a restarted worker shows them at once; see
    :mod:`selaras.store.analysis_snapshots`. Derived data: deleting a row loses nothing but time."""

    __tablename__ = "analysis_snapshot"

    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    stamp: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    stored_at: Mapped[datetime]
    body: Mapped[bytes] = mapped_column(LargeBinary)
