"""Safe replacement: every import keeps what it replaces, a restore brings it back exactly, the wrong PD's file
is refused unless forced, links the file removed go while links made since stay, and a dry run stores nothing."""

from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sipd_builders import write_xlsx

from selaras.domain import DocumentKind, ItemRef, Link, LinkKind, LinkOrigin, PerangkatDaerah, Period, Plan
from selaras.errors import ImportFailed
from selaras.ingest.service import ImportRequest, ImportResult, import_file
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.reference.wilayah import get_pemda
from selaras.store import Database
from selaras.store.plans import fingerprint, link_row, load_plan
from selaras.store.tables import DocumentRow, ItemRow, LinkRow
from selaras.store.tenants import ensure_pemda, save_perangkat_daerah
from selaras.store.versions import list_versions, load_version, restore_version
from selaras.workbook.writer import write_plan

RENJA = {"pemda": "62", "kind": DocumentKind.RENJA, "period": Period(2026, 2026), "pd": "5.01.01", "user": "dina"}
HEADER = ["Kode", "Uraian", "Indikator", "Satuan", "Target", "Pagu"]


def _import(database: Database, path: Path, **overrides: object) -> ImportResult:
    request = ImportRequest(**{"path": path, **RENJA, **overrides})  # type: ignore[arg-type]
    return import_file(database, request, nomenclature=bundled_nomenclature())


def _renja(path: Path, pagu: int, target: int = 2) -> Path:
    return write_xlsx(
        path,
        [
            HEADER,
            ["5.01.02", "PROGRAM PERENCANAAN", "Persentase keselarasan", "%", 100, pagu],
            ["5.01.02.1.01", "Penyusunan Perencanaan dan Pendanaan", "Jumlah dokumen", "Dokumen", target, pagu],
        ],
    )


@pytest.fixture
def bappeda(database: Database) -> Database:
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        save_perangkat_daerah(session, PerangkatDaerah("62", "5.01.01", "Bappeda", "BAPPEDA", ("5.01",)))
    return database


@pytest.mark.postgres
def test_importing_an_earlier_file_again_brings_its_content_back(bappeda: Database, tmp_path: Path) -> None:
    first, second = _renja(tmp_path / "a.xlsx", 1000), _renja(tmp_path / "b.xlsx", 2000)
    outcomes = [_import(bappeda, path).outcome for path in (first, second, first, first)]
    assert outcomes == ["created", "replaced", "replaced", "unchanged"]
    with bappeda.session() as session:
        stored = load_plan(session, "62/RENJA/5.01.01/2026/final")
        assert stored.item("5.01.02").pagu(2026) == Decimal(1000)
        assert [version.file_name for version in list_versions(session, stored.document.key)] == [
            "a.xlsx",
            "b.xlsx",
            "a.xlsx",
        ]


@pytest.mark.postgres
def test_a_replacement_keeps_the_old_version_and_restore_brings_it_back_exactly(
    bappeda: Database, tmp_path: Path
) -> None:
    _import(bappeda, _renja(tmp_path / "a.xlsx", 1000))
    key = "62/RENJA/5.01.01/2026/final"
    with bappeda.session() as session:
        original = load_plan(session, key)
    result = _import(bappeda, _renja(tmp_path / "b.xlsx", 2000, target=3))
    [done] = result.documents
    assert done.version == 2 and done.diff is not None
    assert {(change.kind, change.item, change.year, change.old, change.new) for change in done.diff.changes} == {
        ("pagu", "5.01.02", 2026, "1000", "2000"),
        ("pagu", "5.01.02.1.01", 2026, "1000", "2000"),
        ("target", "5.01.02.1.01", 2026, "2", "3"),
    }
    with bappeda.session() as session:
        assert fingerprint(load_version(session, key, 1)) == fingerprint(original)
        assert restore_version(session, key, 1, "dina") == "replaced"
    with bappeda.session() as session:
        assert fingerprint(load_plan(session, key)) == fingerprint(original)
        assert [version.reason for version in list_versions(session, key)] == ["impor", "impor", "pulihkan"]


@pytest.mark.postgres
def test_web_edits_made_since_the_last_import_are_kept_before_a_replacement(bappeda: Database, tmp_path: Path) -> None:
    _import(bappeda, _renja(tmp_path / "a.xlsx", 1000))
    key = "62/RENJA/5.01.01/2026/final"
    with bappeda.session() as session:
        row = session.query(ItemRow).filter(ItemRow.key == "5.01.02").one()
        row.text = "PROGRAM PERENCANAAN (disunting)"
        session.query(DocumentRow).filter(DocumentRow.key == key).one().fingerprint = ""
    _import(bappeda, _renja(tmp_path / "b.xlsx", 2000))
    with bappeda.session() as session:
        versions = list_versions(session, key)
        assert [version.reason for version in versions] == ["impor", "suntingan", "impor"]
        assert load_version(session, key, 2).item("5.01.02").text == "PROGRAM PERENCANAAN (disunting)"


@pytest.mark.postgres
def test_another_pds_plan_is_refused_unless_forced_and_forcing_is_recorded(bappeda: Database, tmp_path: Path) -> None:
    dinkes_plan = write_xlsx(
        tmp_path / "renja-dinkes.xlsx",
        [HEADER, ["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "Persentase layanan", "%", 100, 5000]],
    )
    with pytest.raises(ImportFailed) as failure:
        _import(bappeda, dinkes_plan)
    [problem] = failure.value.problems
    assert problem.code == "pd-bidang-mismatch"
    assert "1.02" in problem.message() and "Bappeda (5.01.01)" in problem.message() and "5.01" in problem.message()
    [done] = _import(bappeda, dinkes_plan, force=True).documents
    with bappeda.session() as session:
        [version] = list_versions(session, done.document_key)
        assert version.forced


@pytest.mark.postgres
def test_a_link_removed_from_the_workbook_goes_while_a_link_made_since_stays(
    database: Database, tmp_path: Path, renja_plan: Plan
) -> None:
    plan = copy.deepcopy(renja_plan)
    manual = replace(plan.links[0], origin=LinkOrigin.MANUAL)
    plan.links = [manual]
    key = plan.document.key
    _import(database, write_plan(tmp_path / "v1.xlsx", plan), create_pd=True)
    made_in_web = Link(
        ItemRef(key, "5.01.02.1.01"), ItemRef("00/ASTA_CITA/-/2025-2029/final", "AC1"), LinkKind.SUPPORTS
    )
    with database.session() as session:
        session.add(LinkRow(**link_row("62", made_in_web)))
    without_link = copy.deepcopy(plan)
    without_link.links = []
    result = _import(database, write_plan(tmp_path / "v2.xlsx", without_link))
    [done] = result.documents
    assert done.diff is not None and [link.target.item for link in done.diff.links_lost] == ["M1.T1.S1"]
    with database.session() as session:
        assert [link.target.item for link in load_plan(session, key).links] == ["AC1"]


@pytest.mark.postgres
def test_a_dry_run_shows_the_changes_and_stores_nothing(bappeda: Database, tmp_path: Path) -> None:
    _import(bappeda, _renja(tmp_path / "a.xlsx", 1000))
    [done] = _import(bappeda, _renja(tmp_path / "b.xlsx", 2000), dry_run=True).documents
    assert done.outcome == "replaced" and done.diff is not None and done.diff.count("pagu") == 2
    with bappeda.session() as session:
        assert load_plan(session, done.document_key).item("5.01.02").pagu(2026) == Decimal(1000)
        assert len(list_versions(session, done.document_key)) == 1


@pytest.mark.postgres
def test_simultaneous_imports_wait_for_each_other(bappeda: Database, tmp_path: Path) -> None:
    """Two uploads of the same document at once, and one into another PD: all succeed, one after the other."""
    from concurrent.futures import ThreadPoolExecutor

    with bappeda.session() as session:
        save_perangkat_daerah(session, PerangkatDaerah("62", "5.01.02", "Balitbang", "", ("5.01",)))
    files = [_renja(tmp_path / f"r{n}.xlsx", 1000 + n) for n in range(3)]
    owners = ["5.01.01", "5.01.01", "5.01.02"]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda pair: _import(bappeda, pair[0], pd=pair[1]), zip(files, owners, strict=True)))
    assert sorted(result.outcome for result in results) == ["created", "created", "replaced"]


@pytest.mark.postgres
def test_a_closed_stage_refuses_the_import_until_the_admin_reopens_it(bappeda: Database, tmp_path: Path) -> None:
    from datetime import date

    from selaras.domain.calendar import Stage
    from selaras.store.calendar import reopen_stage, set_stage_dates

    with bappeda.session() as session:
        dates = {"opens": date(2025, 1, 6), "closes": date(2025, 2, 28), "username": "admin"}
        set_stage_dates(session, "62", 2026, DocumentKind.RENJA, Stage.RANCANGAN_AWAL, **dates)  # type: ignore[arg-type]
    with pytest.raises(ImportFailed) as failure:
        _import(bappeda, _renja(tmp_path / "a.xlsx", 1000))
    [problem] = failure.value.problems
    assert problem.code == "stage-closed" and "terkunci" in problem.message() and "2025" in problem.message()
    with bappeda.session() as session:
        reopen_stage(
            session, "62", 2026, DocumentKind.RENJA, Stage.RANCANGAN_AWAL, until=date(2099, 1, 1), username="admin"
        )
    assert _import(bappeda, _renja(tmp_path / "a.xlsx", 1000)).outcome == "created"
