"""The tables. Changing them means writing an Alembic migration (``selaras/store/migrations``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, MetaData, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "BudgetRow",
    "DocumentRow",
    "ImportRecordRow",
    "IndicatorRow",
    "ItemRow",
    "LinkRow",
    "PemdaRow",
    "PerangkatDaerahRow",
    "TargetRow",
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
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
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
    __table_args__ = (UniqueConstraint("document_id", "key"),)

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
    pd: Mapped[str | None] = mapped_column(String(40))
    lokasi: Mapped[str] = mapped_column(Text, default="")


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
    __tablename__ = "indicator_target"

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    pemda: Mapped[str] = mapped_column(String(16), index=True)
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


class LinkRow(Base):
    """A link is stored by the keys of both ends, so it survives a re-import of either document."""

    __tablename__ = "link"
    __table_args__ = (
        UniqueConstraint("source_document", "source_item", "target_document", "target_item", "kind"),
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
