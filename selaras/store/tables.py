"""The tables. Changing them means writing an Alembic migration (``selaras/store/migrations``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    ForeignKey,
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
    "PemdaRow",
    "PerangkatDaerahRow",
    "RealisasiRow",
    "RealisasiStateRow",
    "TargetRow",
    "UserRow",
    "WebSessionRow",
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


class PemdaRow(Base):
    __tablename__ = "pemda"

    kode: Mapped[str] = mapped_column(String(16), primary_key=True)
    nama: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    parent: Mapped[str | None] = mapped_column(String(16))


class PerangkatDaerahRow(Base):
    __tablename__ = "perangkat_daerah"
    __table_args__ = (UniqueConstraint("pemda", "kode"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), index=True)
    kode: Mapped[str] = mapped_column(String(40))
    nama: Mapped[str] = mapped_column(String(300))
    singkatan: Mapped[str] = mapped_column(String(60), default="")
    bidang_urusan: Mapped[str] = mapped_column(String(200), default="")  # "5.01,5.05"


class DocumentRow(Base):
    """A stored document. Its unique key names its pemda, as partitioning or Citus needs of every key
    (docs/scaling.md); the document key leads, so a lookup by the key alone still finds it in the index."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("key", "pemda"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    pd: Mapped[str | None] = mapped_column(String(40))
    period_start: Mapped[int] = mapped_column(Integer)
    period_end: Mapped[int] = mapped_column(Integer)
    version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(64))  # content hash: a re-import of the same plan is a no-op
    updated_at: Mapped[datetime]


class ItemRow(Base):
    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("document_id", "key", "pemda"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
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


class IndicatorRow(Base):
    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    satuan: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(16))
    baseline: Mapped[Decimal | None] = mapped_column(Amount)
    direction: Mapped[str] = mapped_column(String(8))


class TargetRow(Base):
    """One year's target of an indicator; its key names the pemda last, like the document's."""

    __tablename__ = "indicator_target"

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)
    value: Mapped[Decimal] = mapped_column(Amount)


class BudgetRow(Base):
    __tablename__ = "budget"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    pagu: Mapped[Decimal] = mapped_column(Amount)
    realisasi: Mapped[Decimal | None] = mapped_column(Amount)
    sumber_dana: Mapped[str] = mapped_column(String(200), default="")


class BudgetRincianRow(Base):
    """One line of an item's budget-stage pagu broken down by sumber dana or by rekening."""

    __tablename__ = "budget_rincian"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    kode: Mapped[str] = mapped_column(String(60))
    nama: Mapped[str] = mapped_column(Text)
    pagu: Mapped[Decimal] = mapped_column(Amount)


class LinkRow(Base):
    """A link is stored by the keys of both ends, so it survives a re-import of either document."""

    __tablename__ = "link"
    __table_args__ = (
        UniqueConstraint("source_document", "source_item", "target_document", "target_item", "kind", "pemda"),
        Index("ix_link_target", "target_document", "target_item"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)  # the source item's pemda
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


class ImportRecordRow(Base):
    __tablename__ = "import_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    document_key: Mapped[str] = mapped_column(String(200), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    file_format: Mapped[str] = mapped_column(String(20))
    imported_by: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[datetime]
    counts: Mapped[str] = mapped_column(Text)  # JSON: items per level, indicators, pagu per year


class DocumentVersionRow(Base):
    """One state a document had: its whole content as JSON (``store.snapshots``), who made it, how and when.

    Every import or restore that changes a document adds the new state; web edits made since the last state are
    kept as a state of their own before a replacement, so nothing an import replaces is ever lost."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("pemda", "document_key", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
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


class AuditRow(Base):
    """One change: who, when, what, and the changed fields before and after (JSON)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
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


class FindingResponseRow(Base):
    """A PD's response to a finding, identified by a hash of its rule code and location (findings themselves
    are recomputed, never stored)."""

    __tablename__ = "finding_response"
    __table_args__ = (UniqueConstraint("pemda", "finding_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    finding_key: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(16))
    pd: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class FindingFollowUpRow(Base):
    """Who in a PD follows a finding up and by when (tindak lanjut); keyed like a response, by the finding's
    stable key. Its state is the response's (:class:`FindingResponseRow`)."""

    __tablename__ = "finding_followup"
    __table_args__ = (UniqueConstraint("pemda", "finding_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
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


class RealisasiRow(Base):
    """Realisation of one Renja item in one triwulan, that quarter alone (see ``selaras.domain.realisasi``): a row
    with an empty ``indicator`` holds the rupiah spent, one per indicator its physical realisation. Items are named
    by key, like links, so the rows survive a re-import of the Renja."""

    __tablename__ = "realisasi"
    __table_args__ = (Index("ix_realisasi_document_triwulan", "document_key", "triwulan"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    document_key: Mapped[str] = mapped_column(String(200))
    item_key: Mapped[str] = mapped_column(String(120))
    triwulan: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[Decimal] = mapped_column(Amount)


class RealisasiStateRow(Base):
    """Whether the realisasi of one Renja item in one triwulan is verified (see ``domain.realisasi.Verifikasi``):
    every store of figures sets it to *diajukan*; ``version`` guards the entry form and the verifikator's decision
    (optimistic locking). No row means nothing was stored through a path that records it: *diajukan*, version 0."""

    __tablename__ = "realisasi_state"
    __table_args__ = (UniqueConstraint("pemda", "document_key", "item_key", "triwulan"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
    document_key: Mapped[str] = mapped_column(String(200))
    item_key: Mapped[str] = mapped_column(String(120))
    triwulan: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class CalendarStageRow(Base):
    """When one stage of one kind of document is open in one pemda's planning cycle (``year``: the first year
    the cycle's documents plan); see :mod:`selaras.domain.calendar`."""

    __tablename__ = "calendar_stage"
    __table_args__ = (UniqueConstraint("pemda", "year", "kind", "stage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(24))
    opens: Mapped[date]
    closes: Mapped[date]
    basis: Mapped[str] = mapped_column(Text, default="")
    reopened_until: Mapped[date | None]
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime]


class DocumentStageRow(Base):
    """The stage a document has reached. Named by document key, like links, so that replacing or restoring the
    document keeps it; a document without a row is in the first stage of its kind."""

    __tablename__ = "document_stage"
    __table_args__ = (UniqueConstraint("document_key", "pemda"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(ForeignKey("pemda.kode", ondelete="CASCADE"), index=True)
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
