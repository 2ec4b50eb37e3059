"""Proposed links in the database: saved with reasons, replaced on a re-run, decided with who and when."""

from __future__ import annotations

from datetime import datetime

import pytest

from selaras.domain import ItemRef, Link, LinkKind, LinkOrigin, LinkStatus, Plan
from selaras.errors import NotFound
from selaras.reference.frameworks import ASTA_CITA_DOCUMENT, asta_cita
from selaras.reference.wilayah import PUSAT, get_pemda
from selaras.store import Database
from selaras.store.links import decide_above, decide_links, decided_links, list_links, save_proposals
from selaras.store.plans import load_plan, save_plan
from selaras.store.tenants import ensure_pemda

AC = ASTA_CITA_DOCUMENT.key
WHEN = datetime(2026, 3, 1, 8, 15)


@pytest.fixture
def stored(database: Database, renja_plan: Plan) -> Plan:
    with database.session() as session:
        ensure_pemda(session, PUSAT)
        ensure_pemda(session, get_pemda("62"))
        save_plan(session, asta_cita())
        save_plan(session, renja_plan)
    return renja_plan


def proposal(plan: Plan, item: str, target: str, score: float) -> tuple[Link, tuple[str, ...]]:
    link = Link(
        ItemRef(plan.document.key, item),
        ItemRef(AC, target),
        LinkKind.SUPPORTS,
        LinkOrigin.SUGGESTED,
        LinkStatus.PROPOSED,
        score,
    )
    return link, (f"kata kunci bersama: {item}",)


def save(database: Database, plan: Plan, proposals: list[tuple[Link, tuple[str, ...]]], items: list[str]) -> int:
    with database.session() as session:
        counts = save_proposals(
            session, "62", proposals, source_document=plan.document.key, target_document=AC, source_items=items
        )
    return counts.written


def ids(database: Database, **filters: object) -> dict[tuple[str, str], int]:
    with database.session() as session:
        links = list_links(session, **filters)  # type: ignore[arg-type]
    return {(s.link.source.item, s.link.target.item): s.id for s in links}


def test_proposals_are_saved_with_reasons_and_texts(database: Database, stored: Plan) -> None:
    written = save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9)], ["5.01.02"])
    assert written == 1
    with database.session() as session:
        [link] = list_links(session, pemda="62", target_document=AC)
    assert link.link.status is LinkStatus.PROPOSED and link.link.score == pytest.approx(0.9)
    assert link.reasons == ("kata kunci bersama: 5.01.02",)
    assert link.source_text.startswith("PROGRAM PERENCANAAN") and link.source_code == "5.01.02"
    assert link.target_text.startswith("Memperkuat reformasi politik")


def test_a_rerun_replaces_proposals_but_never_touches_decisions(database: Database, stored: Plan) -> None:
    items = ["5.01.02", "5.01.02.1.01"]
    save(
        database, stored, [proposal(stored, "5.01.02", "AC7", 0.9), proposal(stored, "5.01.02.1.01", "AC1", 0.4)], items
    )
    first = ids(database)
    with database.session() as session:
        decide_links(session, [first[("5.01.02", "AC7")]], LinkStatus.REJECTED, by="siti", at=WHEN)
    again = [proposal(stored, "5.01.02", "AC7", 0.95), proposal(stored, "5.01.02.1.01", "AC2", 0.6)]
    assert save(database, stored, again, items) == 1  # the rejected pair is left as it was
    with database.session() as session:
        everything = list_links(session, statuses=tuple(LinkStatus))
    pairs = {(s.link.source.item, s.link.target.item): s.link for s in everything if s.link.target.document == AC}
    assert set(pairs) == {("5.01.02", "AC7"), ("5.01.02.1.01", "AC2")}  # AC1 replaced, nothing duplicated
    rejected = pairs[("5.01.02", "AC7")]
    assert (rejected.status, rejected.decided_by, rejected.decided_at) == (LinkStatus.REJECTED, "siti", WHEN)
    assert rejected.score == pytest.approx(0.9)  # the old score, not the re-run's 0.95
    assert len([s for s in everything if s.link.kind is LinkKind.CASCADE]) == 1  # the imported link is untouched


def test_a_rerun_over_some_items_leaves_the_others_proposals(database: Database, stored: Plan) -> None:
    save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9), proposal(stored, "5.01.02.1.01", "AC1", 0.4)], [])
    save(database, stored, [], ["5.01.02"])
    assert set(ids(database)) == {("5.01.02.1.01", "AC1")}


def test_single_and_bulk_decisions_record_who_and_when(database: Database, stored: Plan) -> None:
    save(
        database,
        stored,
        [
            proposal(stored, "5.01.02", "AC7", 0.92),
            proposal(stored, "5.01.02.1.01", "AC7", 0.81),
            proposal(stored, "5.01.02.1.01.0001", "AC7", 0.5),
            proposal(stored, "5.01.02.1.01.0002", "AC1", 0.3),
        ],
        ["5.01.02", "5.01.02.1.01", "5.01.02.1.01.0001", "5.01.02.1.01.0002"],
    )
    first = ids(database)
    with database.session() as session:
        assert decide_links(session, [first[("5.01.02.1.01.0002", "AC1")]], LinkStatus.REJECTED, by="budi") == 1
        assert decide_above(session, 0.8, LinkStatus.ACCEPTED, by="siti", at=WHEN, pemda="62") == 2
        assert decide_above(session, 0.8, LinkStatus.ACCEPTED, by="siti", pemda="62") == 0  # only proposed ones
    assert set(ids(database, min_score=0.4)) == {("5.01.02.1.01.0001", "AC7")}
    with database.session() as session:
        history = decided_links(session, AC)
    decided = {(s.link.source.item, s.link.status, s.link.decided_by) for s in history}
    assert decided == {
        ("5.01.02", LinkStatus.ACCEPTED, "siti"),
        ("5.01.02.1.01", LinkStatus.ACCEPTED, "siti"),
        ("5.01.02.1.01.0002", LinkStatus.REJECTED, "budi"),
    }
    assert all(s.link.decided_at is not None for s in history)
    assert {s.source_text for s in history} >= {"Penyusunan Perencanaan dan Pendanaan"}


def test_deciding_an_unknown_link_changes_nothing(database: Database, stored: Plan) -> None:
    save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9)], ["5.01.02"])
    [link_id] = ids(database).values()
    with database.session() as session, pytest.raises(NotFound, match="987654"):
        decide_links(session, [link_id, 987654], LinkStatus.ACCEPTED, by="siti")
    assert list(ids(database).values()) == [link_id]


def test_saved_plans_still_load_with_suggested_links(database: Database, stored: Plan) -> None:
    save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9)], ["5.01.02"])
    with database.session() as session:
        plan = load_plan(session, stored.document.key)
    assert [link.origin for link in plan.links] == [LinkOrigin.IMPORTED, LinkOrigin.SUGGESTED]
