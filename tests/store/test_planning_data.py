"""Loading a province for the checks: a kab/kota RPJMD's link to the governor's priority (a target in another
pemda's document) goes through the workbook import, is stored and comes back, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from factories import KABUPATEN, KOTA, PROVINSI, YEAR, run_rule
from provincial_world import JT, province_rpjmd_key, provincial_world
from sqlalchemy import insert

from selaras.checks.reach import rpjmd_priorities
from selaras.checks.rules.alignment import provincial_priority_unsupported
from selaras.domain import DocumentKind, ItemRef, LinkKind, LinkStatus, Plan
from selaras.ingest.service import ImportRequest, import_file
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.reference.wilayah import get_pemda
from selaras.scores.provincial import kabkota_support
from selaras.store import Database
from selaras.store.plan_rows import link_row
from selaras.store.planning import load_planning_data
from selaras.store.plans import save_plan
from selaras.store.tables import LinkRow
from selaras.store.tenants import ensure_pemda
from selaras.workbook.writer import write_plan


def test_a_kabkota_rpjmd_imported_with_links_to_the_governors_priorities(database: Database, tmp_path: Path) -> None:
    world = provincial_world()
    kota_rpjmd = next(plan for plan in world.plans if plan.document.key.startswith(f"{KOTA.kode}/RPJMD/"))
    with database.session() as session:
        for pemda in (PROVINSI, KABUPATEN, KOTA):
            ensure_pemda(session, pemda)
        for plan in world.plans:
            if plan is not kota_rpjmd:
                save_plan(session, plan)
    request = ImportRequest(
        path=write_plan(tmp_path / "rpjmd-kota.xlsx", kota_rpjmd),
        pemda=KOTA.kode,
        kind=DocumentKind.RPJMD,
        period=kota_rpjmd.document.period,
        user="tester",
    )
    result = import_file(database, request, nomenclature=bundled_nomenclature())
    assert [document.document_key for document in result.documents] == [kota_rpjmd.document.key]

    with database.session() as session:
        loaded = load_planning_data(session, "62")
    stored = loaded.plan(kota_rpjmd.document.key)
    assert stored is not None
    governor = ItemRef(province_rpjmd_key(), "P1")
    [link] = [link for link in stored.links if link.target == governor]
    assert (link.source.item, link.kind, link.status) == ("P1", LinkKind.SUPPORTS, LinkStatus.ACCEPTED)
    support = kabkota_support(loaded, rpjmd_priorities(loaded, "62"), KOTA.kode, YEAR)
    assert (support.pagu, support.share) == ({governor: 400 * JT}, 80.0)
    unsupported = run_rule(provincial_priority_unsupported, loaded)
    assert [(finding.location.pemda, finding.location.item) for finding in unsupported] == [(KOTA.kode, "P2")]


def test_links_of_the_province_whose_source_is_not_stored_come_as_extra_links(
    database: Database, renja_plan: Plan
) -> None:
    """A link kept under the pemda while its source document is gone comes back beside the plans, once."""
    orphan = replace(renja_plan.links[0], source=ItemRef("62/RENJA/9.99.01/2026/final", "9.99.02"))
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        save_plan(session, renja_plan)
        session.execute(insert(LinkRow), [link_row("62", orphan)])
    with database.session() as session:
        loaded = load_planning_data(session, "62")
    assert loaded.extra_links == [orphan]
    assert loaded.links.count(renja_plan.links[0]) == 1
