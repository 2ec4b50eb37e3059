"""The data stamp: every write to a pemda's planning data changes its stamp (and its province's), in the same
transaction; reads, rolled-back writes and other provinces' writes do not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from selaras.domain import LinkStatus, Plan
from selaras.reference.frameworks import asta_cita
from selaras.reference.wilayah import PUSAT, get_pemda
from selaras.store import Database
from selaras.store.audit import record_audit
from selaras.store.changes import data_stamp
from selaras.store.links import decide_links, list_links
from selaras.store.plans import delete_plan, save_plan
from selaras.store.tenants import ensure_pemda


def stamp(database: Database, pemda: str = "62") -> tuple[int, int]:
    with database.session() as session:
        return data_stamp(session, pemda)


@pytest.fixture
def stored(database: Database, renja_plan: Plan) -> Plan:
    with database.session() as session:
        for pemda in (PUSAT, get_pemda("62"), get_pemda("62.71"), get_pemda("63")):
            ensure_pemda(session, pemda)
        save_plan(session, asta_cita())
        save_plan(session, renja_plan)
    return renja_plan


def test_saving_a_changed_plan_changes_the_stamp_but_saving_it_unchanged_does_not(
    database: Database, stored: Plan
) -> None:
    before = stamp(database)
    with database.session() as session:
        save_plan(session, stored)
    assert stamp(database) == before
    with database.session() as session:
        save_plan(session, replace(stored, items=stored.items[:-1]))
    assert stamp(database) != before


def test_a_kabkota_change_changes_its_province_stamp_and_no_other(database: Database, stored: Plan) -> None:
    province, other = stamp(database, "62"), stamp(database, "63")
    kota_plan = replace(stored, document=replace(stored.document, pemda="62.71"), links=[])
    with database.session() as session:
        save_plan(session, kota_plan)
    assert stamp(database, "62") != province
    assert stamp(database, "63") == other
    changed = stamp(database, "62")
    with database.session() as session:
        delete_plan(session, kota_plan.document.key)
    assert stamp(database, "62") != changed


def test_links_decided_from_the_cli_change_the_stamp(database: Database, stored: Plan) -> None:
    before = stamp(database)
    with database.session() as session:
        ids = [each.id for each in list_links(session, pemda="62", statuses=[LinkStatus.ACCEPTED])]
        decide_links(session, ids, LinkStatus.REJECTED, seen=LinkStatus.ACCEPTED, by="cli")
    assert ids
    assert stamp(database) != before


def test_a_web_edit_changes_the_stamp_and_a_rolled_back_one_does_not(database: Database, stored: Plan) -> None:
    before = stamp(database)
    with pytest.raises(RuntimeError), database.session() as session:
        record_audit(session, pemda="62", username="admin62", action="edit", entity="item", entity_id=1)
        raise RuntimeError("the edit failed")
    assert stamp(database) == before
    with database.session() as session:
        record_audit(session, pemda="62", username="admin62", action="edit", entity="item", entity_id=1)
    assert stamp(database) != before
