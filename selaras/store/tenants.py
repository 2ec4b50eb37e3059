"""Pemda and perangkat daerah rows: the tenants every other row belongs to."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from selaras.domain import Pemda, PemdaLevel, PerangkatDaerah
from selaras.store.changes import ANY_PEMDA, touch
from selaras.store.tables import (
    BudgetRincianRow,
    BudgetRow,
    DocumentRow,
    ImportRecordRow,
    IndicatorRow,
    ItemRow,
    LinkRow,
    PemdaRow,
    PerangkatDaerahRow,
    RealisasiRow,
    RealisasiStateRow,
    TargetRow,
)

__all__ = [
    "delete_pemda",
    "ensure_pemda",
    "find_perangkat_daerah",
    "list_perangkat_daerah",
    "pemda_row",
    "perangkat_daerah_row",
    "save_perangkat_daerah",
]


def pemda_row(pemda: Pemda) -> dict[str, object]:
    """The ``pemda`` row of a pemda."""
    return {"kode": pemda.kode, "nama": pemda.nama, "level": pemda.level.value, "parent": pemda.parent}


def perangkat_daerah_row(pd: PerangkatDaerah) -> dict[str, object]:
    """The ``perangkat_daerah`` row of a PD (without its id)."""
    return {
        "pemda": pd.pemda,
        "kode": pd.kode,
        "nama": pd.nama,
        "singkatan": pd.singkatan,
        "bidang_urusan": ",".join(pd.bidang_urusan),
    }


def ensure_pemda(session: Session, pemda: Pemda) -> None:
    """Insert the pemda (and nothing else) when it is not stored yet."""
    if session.get(PemdaRow, pemda.kode) is None:
        touch(session, pemda.kode)
        session.add(PemdaRow(**pemda_row(pemda)))
        session.flush()


def save_perangkat_daerah(session: Session, pd: PerangkatDaerah) -> None:
    """Insert or update a PD by (pemda, kode)."""
    row = session.scalars(
        select(PerangkatDaerahRow).where(PerangkatDaerahRow.pemda == pd.pemda, PerangkatDaerahRow.kode == pd.kode)
    ).one_or_none()
    if row is None:
        row = PerangkatDaerahRow(pemda=pd.pemda, kode=pd.kode)
        session.add(row)
    values = perangkat_daerah_row(pd)
    if any(getattr(row, column) != value for column, value in values.items()):
        touch(session, pd.pemda)
    for column, value in values.items():
        setattr(row, column, value)
    session.flush()


def _pd_from_row(row: PerangkatDaerahRow) -> PerangkatDaerah:
    bidang = tuple(code for code in row.bidang_urusan.split(",") if code)
    return PerangkatDaerah(row.pemda, row.kode, row.nama, row.singkatan, bidang)


def list_perangkat_daerah(session: Session, pemda: str) -> list[PerangkatDaerah]:
    rows = session.scalars(
        select(PerangkatDaerahRow).where(PerangkatDaerahRow.pemda == pemda).order_by(PerangkatDaerahRow.kode)
    )
    return [_pd_from_row(row) for row in rows]


def find_perangkat_daerah(session: Session, pemda: str, name_or_code: str) -> PerangkatDaerah | None:
    """A PD of ``pemda`` by its code, name or abbreviation (case-insensitive)."""
    wanted = name_or_code.strip().casefold()
    for pd in list_perangkat_daerah(session, pemda):
        if wanted in {pd.kode.casefold(), pd.nama.casefold(), pd.singkatan.casefold()}:
            return pd
    return None


def delete_pemda(session: Session, kode: str) -> None:
    """Remove everything that belongs to one pemda (its tenant data), keeping other pemda untouched."""
    touch(session, ANY_PEMDA)  # its province's stamp must change too, and the pemda row that says which goes
    for table in (
        TargetRow,
        BudgetRow,
        BudgetRincianRow,
        IndicatorRow,
        ItemRow,
        LinkRow,
        ImportRecordRow,
        RealisasiRow,
        RealisasiStateRow,
    ):
        session.execute(delete(table).where(table.pemda == kode))
    session.execute(delete(DocumentRow).where(DocumentRow.pemda == kode))
    session.execute(delete(PerangkatDaerahRow).where(PerangkatDaerahRow.pemda == kode))
    session.execute(delete(PemdaRow).where(PemdaRow.kode == kode))


def pemda_from_row(row: PemdaRow) -> Pemda:
    return Pemda(row.kode, row.nama, PemdaLevel(row.level), row.parent)
