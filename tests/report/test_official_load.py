"""What the official table takes from the database: names, the Renstra's year n+1, the RKPD's priorities."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from factories import coded, indicator, link, plan, strategic
from official_world import YEAR, renja, rkpd

from selaras.domain import DocumentKind, ItemLevel, LinkKind, LinkStatus, PerangkatDaerah, Period, Plan
from selaras.errors import NotFound
from selaras.reference.nomenclature_versions import bundled_versions
from selaras.reference.wilayah import get_pemda
from selaras.report.official.load import document_table_kind, load_official_table
from selaras.report.official.table import OfficialTable, TableKind
from selaras.store import Database
from selaras.store.plans import save_plan
from selaras.store.tenants import ensure_pemda, save_perangkat_daerah

AGENCIES = (
    PerangkatDaerah("62", "5.01.01", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "BAPPERIDA", ("5.01",)),
    PerangkatDaerah("62", "1.02.01", "Dinas Kesehatan", "DINKES", ("1.02",)),
    PerangkatDaerah("62", "1.02.02", "Rumah Sakit Umum Daerah", "RSUD", ("1.02",)),
)


def _renstra(version: str, pagu: str) -> Plan:
    sub = coded(
        "5.01.02.1.01.0001",
        "Sub kegiatan",
        indicators=[indicator("Jumlah Dokumen Perencanaan", "Dokumen", targets={YEAR + 1: "15"})],
        pagu={YEAR + 1: pagu},
    )
    renstra = plan(DocumentKind.RENSTRA, [sub], pd="5.01.01", period=Period(2025, 2029))
    return replace(renstra, document=replace(renstra.document, version=version))


def _store(database: Database, *plans: Plan) -> None:
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        for agency in AGENCIES:
            save_perangkat_daerah(session, agency)
        for stored in plans:
            save_plan(session, stored)


def _load(database: Database, key: str) -> OfficialTable:
    with database.session() as session:
        return load_official_table(session, key, nomenclature=bundled_versions(), place="Palangka Raya", when="1 Mei")


def test_the_renja_is_named_from_the_store_and_forecast_from_the_amended_renstra(database: Database) -> None:
    document = renja()
    _store(database, document, _renstra("final", "1"), _renstra("perubahan", "260000000"))
    table = _load(database, document.document.key)
    assert table.heading[:2] == (
        "PEMERINTAH PROVINSI KALIMANTAN TENGAH",
        "BADAN PERENCANAAN PEMBANGUNAN, RISET DAN INOVASI DAERAH",
    )
    rows = {row.kode: row for row in table.rows}
    assert rows["5"].uraian == "UNSUR PENUNJANG URUSAN PEMERINTAHAN"  # from the bundled nomenclature
    assert rows["5.01"].uraian == "PERENCANAAN"
    sub = rows["5.01.02.1.01.0001"]
    assert (sub.target_maju, sub.pagu_maju) == (("15 Dokumen",), Decimal("260000000"))
    assert any("62/RENSTRA/5.01.01/2025-2029/perubahan" in note for note in table.notes)
    assert table.signature.place == "Palangka Raya" and table.signature.date == "1 Mei"


def test_the_rkpd_shows_the_rpjmd_priorities_its_items_are_linked_to(database: Database) -> None:
    rpjmd = plan(DocumentKind.RPJMD, [strategic("P1", ItemLevel.PRIORITAS, "Peningkatan mutu kesehatan")])
    document = rkpd()
    document.links = [
        link(document, "1.02.01/1.02.02", rpjmd, "P1", kind=LinkKind.SUPPORTS),
        link(document, "1.02.02/1.02.02", rpjmd, "P1", kind=LinkKind.SUPPORTS, status=LinkStatus.REJECTED),
    ]
    _store(database, rpjmd, document)
    table = _load(database, document.document.key)
    by_pd = {row.pd: row for row in table.rows if row.kode == "1.02.02"}
    assert by_pd["Dinas Kesehatan"].prioritas == ("P1 Peningkatan mutu kesehatan",)
    assert by_pd["Rumah Sakit Umum Daerah"].prioritas == ()  # a rejected link is not a priority
    assert table.signature.jabatan == "KEPALA BADAN PERENCANAAN PEMBANGUNAN, RISET DAN INOVASI DAERAH"


def test_which_documents_have_an_official_table(database: Database) -> None:
    rpjmd = plan(DocumentKind.RPJMD, [])
    _store(database, renja(), rkpd(), rpjmd)
    with database.session() as session:
        assert document_table_kind(session, renja().document.key) is TableKind.RENJA
        assert document_table_kind(session, rkpd().document.key) is TableKind.RKPD
        assert document_table_kind(session, rpjmd.document.key) is None
        with pytest.raises(NotFound):
            document_table_kind(session, "62/RENJA/9.99.99/2026/final")
