"""Links in the database: proposals saved with reasons and replaced on a re-run; listed with both ends' texts;
decided with who and when, audited, and only from the status the reviewer saw."""

from __future__ import annotations

from dataclasses import replace

import pytest

from selaras.domain import ItemRef, Link, LinkKind, LinkOrigin, LinkStatus, Plan
from selaras.errors import NotFound
from selaras.reference.frameworks import ASTA_CITA_DOCUMENT, asta_cita
from selaras.reference.wilayah import PUSAT, get_pemda
from selaras.store import Database
from selaras.store.audit import list_audit
from selaras.store.links import (
    DECIDED,
    StaleDecision,
    decide_above,
    decide_links,
    get_link,
    link_json,
    list_links,
    save_proposals,
)
from selaras.store.plans import load_plan, save_plan
from selaras.store.tenants import ensure_pemda

AC = ASTA_CITA_DOCUMENT.key
PROPOSED = LinkStatus.PROPOSED


@pytest.fixture
def stored(database: Database, renja_plan: Plan) -> Plan:
    with database.session() as session:
        ensure_pemda(session, PUSAT)
        ensure_pemda(session, get_pemda("62"))
        ensure_pemda(session, get_pemda("62.71"))
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
            session,
            plan.document.pemda,
            proposals,
            source_document=plan.document.key,
            target_document=AC,
            source_items=items,
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
    assert link.source_pd == "5.01.01"  # the Renja's PD
    assert link.target_text.startswith("Memperkuat reformasi politik") and link.target_pd is None


def test_the_json_shape_of_a_link(database: Database, stored: Plan) -> None:
    save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9)], ["5.01.02"])
    with database.session() as session:
        [link] = list_links(session, target_document=AC)
    shape = link_json(link).model_dump(mode="json")
    assert shape["source"] == {
        "document": stored.document.key,
        "item": "5.01.02",
        "code": "5.01.02",
        "text": stored.items[0].text,
        "pd": "5.01.01",
    }
    assert shape["target"]["item"] == "AC7" and shape["target"]["document"] == AC
    assert (shape["status"], shape["origin"], shape["kind"], shape["score"]) == (
        "proposed",
        "suggested",
        "supports",
        0.9,
    )
    assert (shape["decided_by"], shape["decided_at"], shape["reasons"]) == (None, None, ["kata kunci bersama: 5.01.02"])


def test_a_rerun_replaces_proposals_but_never_touches_decisions(database: Database, stored: Plan) -> None:
    items = ["5.01.02", "5.01.02.1.01"]
    save(
        database, stored, [proposal(stored, "5.01.02", "AC7", 0.9), proposal(stored, "5.01.02.1.01", "AC1", 0.4)], items
    )
    first = ids(database)
    with database.session() as session:
        [decided] = decide_links(session, [first[("5.01.02", "AC7")]], LinkStatus.REJECTED, seen=PROPOSED, by="siti")
    again = [proposal(stored, "5.01.02", "AC7", 0.95), proposal(stored, "5.01.02.1.01", "AC2", 0.6)]
    assert save(database, stored, again, items) == 1  # the rejected pair is left as it was
    with database.session() as session:
        everything = list_links(session, statuses=tuple(LinkStatus))
    pairs = {(s.link.source.item, s.link.target.item): s.link for s in everything if s.link.target.document == AC}
    assert set(pairs) == {("5.01.02", "AC7"), ("5.01.02.1.01", "AC2")}  # AC1 replaced, nothing duplicated
    rejected = pairs[("5.01.02", "AC7")]
    assert (rejected.status, rejected.decided_by) == (LinkStatus.REJECTED, "siti")
    assert rejected.decided_at == decided.link.decided_at is not None
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
        rejected = first[("5.01.02.1.01.0002", "AC1")]
        assert len(decide_links(session, [rejected], LinkStatus.REJECTED, seen=PROPOSED, by="budi")) == 1
        assert len(decide_above(session, 0.8, LinkStatus.ACCEPTED, by="siti", pemda="62")) == 2
        assert decide_above(session, 0.8, LinkStatus.ACCEPTED, by="siti", pemda="62") == []  # only proposed ones
    assert set(ids(database, min_score=0.4)) == {("5.01.02.1.01.0001", "AC7")}
    with database.session() as session:
        history = list_links(session, target_document=AC, statuses=DECIDED)
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
        decide_links(session, [link_id, 987654], LinkStatus.ACCEPTED, seen=PROPOSED, by="siti")
    assert list(ids(database).values()) == [link_id]


def test_every_decision_is_audited_with_who_when_before_and_after(database: Database, stored: Plan) -> None:
    save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9)], ["5.01.02"])
    [link_id] = ids(database).values()
    with database.session() as session:
        [accepted] = decide_links(session, [link_id], LinkStatus.ACCEPTED, seen=PROPOSED, by="siti")
    with database.session() as session:
        decide_links(session, [link_id], LinkStatus.REJECTED, seen=LinkStatus.ACCEPTED, by="budi")
        [latest, first] = list_audit(session, ["62"], entity="link")
    assert (first.username, first.action, first.entity_id) == ("siti", "link-accepted", str(link_id))
    assert first.old == {"status": "proposed", "decided_by": "", "decided_at": None}
    assert first.new == {"status": "accepted", "decided_by": "siti", "decided_at": str(accepted.link.decided_at)}
    assert (latest.username, latest.action, latest.old["status"], latest.new["status"]) == (
        "budi",
        "link-rejected",
        "accepted",
        "rejected",
    )
    assert first.at <= latest.at


def test_a_decision_on_a_status_no_longer_there_is_refused_and_changes_nothing(
    database: Database, stored: Plan
) -> None:
    save(
        database,
        stored,
        [proposal(stored, "5.01.02", "AC7", 0.9), proposal(stored, "5.01.02.1.01", "AC1", 0.4)],
        ["5.01.02", "5.01.02.1.01"],
    )
    first = ids(database)
    taken, free = first[("5.01.02", "AC7")], first[("5.01.02.1.01", "AC1")]
    with database.session() as session:
        decide_links(session, [taken], LinkStatus.ACCEPTED, seen=PROPOSED, by="siti")
    with database.session() as session, pytest.raises(StaleDecision) as refused:
        decide_links(session, [free, taken], LinkStatus.REJECTED, seen=PROPOSED, by="budi")
    assert str(refused.value).startswith(
        f"tautan #{taken} (5.01.02 → AC7) sekarang diterima oleh siti — bukan lagi usulan"
    )
    with database.session() as session:
        assert get_link(session, free).link.status is PROPOSED  # the whole decision was refused
        assert get_link(session, taken).link.decided_by == "siti"
        assert [entry.username for entry in list_audit(session, ["62"], entity="link")] == ["siti"]


def test_lists_by_pemda_with_or_without_its_kabkota_and_by_pd(database: Database, stored: Plan) -> None:
    kota = replace(stored, document=replace(stored.document, pemda="62.71", pd="1.02.01"), links=[])
    with database.session() as session:
        save_plan(session, kota)
    save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9)], ["5.01.02"])
    save(database, kota, [proposal(kota, "5.01.02", "AC1", 0.5)], ["5.01.02"])
    assert set(ids(database, pemda="62")) == {("5.01.02", "AC7")}
    assert set(ids(database, pemda="62", with_kabkota=True)) == {("5.01.02", "AC7"), ("5.01.02", "AC1")}
    assert set(ids(database, pd="1.02.01")) == {("5.01.02", "AC1")}
    with database.session() as session:
        assert len(decide_above(session, 0.1, LinkStatus.REJECTED, by="siti", pemda="62", pd="1.02.01")) == 0
        [decided] = decide_above(session, 0.1, LinkStatus.REJECTED, by="siti", pemda="62.71", pd="1.02.01")
    assert decided.link.target.item == "AC1" and decided.pemda == "62.71"


def test_getting_an_unknown_link_names_it(database: Database, stored: Plan) -> None:
    with database.session() as session, pytest.raises(NotFound, match="tautan #424242 tidak ada"):
        get_link(session, 424242)


def test_saved_plans_still_load_with_suggested_links(database: Database, stored: Plan) -> None:
    save(database, stored, [proposal(stored, "5.01.02", "AC7", 0.9)], ["5.01.02"])
    with database.session() as session:
        plan = load_plan(session, stored.document.key)
    assert [link.origin for link in plan.links] == [LinkOrigin.IMPORTED, LinkOrigin.SUGGESTED]
