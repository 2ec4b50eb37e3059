"""Realisasi entered item by item and verified: whatever is stored is *diajukan*, a verifikator confirms or returns it
with a comment, a stale version is refused, every step is audited with the figures before and after."""

from __future__ import annotations

from decimal import Decimal

import pytest

from selaras.domain.realisasi import Realisasi, Verifikasi
from selaras.store import Database
from selaras.store.audit import list_audit
from selaras.store.locking import EditConflict, InvalidEdit
from selaras.store.realisasi import load_realisasi, replace_realisasi
from selaras.store.realisasi_review import enter_realisasi, load_states, review_realisasi, state_of

PEMDA = "62"
RENJA = "62/RENJA/1.02.01/2026/final"
SUB, OTHER = "1.02.02.2.01.0001", "1.02.02.2.01.0002"
INDICATOR = "Jumlah ibu hamil yang dilayani"


def _enter(database: Database, record: Realisasi, version: int, user: str = "dinkes") -> int:
    with database.session() as session:
        return enter_realisasi(session, PEMDA, record, expected_version=version, username=user)


def _review(database: Database, decision: Verifikasi, version: int, comment: str = "", triwulan: int = 1) -> int:
    with database.session() as session:
        return review_realisasi(
            session,
            PEMDA,
            (RENJA, SUB, triwulan),
            decision,
            comment=comment,
            expected_version=version,
            username="verif",
        )


def _state(database: Database, item: str = SUB, triwulan: int = 1) -> tuple[Verifikasi, str, int]:
    with database.session() as session:
        found = state_of(load_states(session, PEMDA), RENJA, item, triwulan)
    return found.state, found.comment, found.version


def test_an_entry_is_submitted_then_verified(database: Database) -> None:
    version = _enter(database, Realisasi(RENJA, SUB, 1, Decimal(25_000_000), {INDICATOR: Decimal(30)}), 0)
    assert version == 1 and _state(database) == (Verifikasi.DIAJUKAN, "", 1)
    assert _review(database, Verifikasi.DIVERIFIKASI, 1) == 2
    assert _state(database) == (Verifikasi.DIVERIFIKASI, "", 2)
    with database.session() as session:
        stored = load_realisasi(session, [PEMDA])
        verified = load_realisasi(session, [PEMDA], verified_only=True)
        audit = list_audit(session, [PEMDA], entity="realisasi")
    assert stored == verified == [Realisasi(RENJA, SUB, 1, Decimal(25_000_000), {INDICATOR: Decimal(30)})]
    assert [entry.action for entry in audit] == ["realisasi-diverifikasi", "realisasi-diajukan"]
    assert audit[1].old == {"version": 0}
    assert audit[1].new == {
        "version": 1,
        "state": "diajukan",
        "anggaran": "25000000",
        f"kinerja[{INDICATOR}]": "30",
    }


def test_a_returned_entry_needs_a_comment_and_an_edit_submits_it_again(database: Database) -> None:
    _enter(database, Realisasi(RENJA, SUB, 1, Decimal(25_000_000), {}), 0)
    with pytest.raises(InvalidEdit, match="komentar"):
        _review(database, Verifikasi.DIKEMBALIKAN, 1, comment="  ")
    _review(database, Verifikasi.DIKEMBALIKAN, 1, comment="Bukti SP2D TW I belum ada")
    assert _state(database) == (Verifikasi.DIKEMBALIKAN, "Bukti SP2D TW I belum ada", 2)
    _enter(database, Realisasi(RENJA, SUB, 1, Decimal(20_000_000), {}), 2)
    assert _state(database) == (Verifikasi.DIAJUKAN, "", 3)
    with database.session() as session:
        assert [record.anggaran for record in load_realisasi(session, [PEMDA])] == [Decimal(20_000_000)]
        assert load_realisasi(session, [PEMDA], verified_only=True) == []
        edit = list_audit(session, [PEMDA], entity="realisasi")[0]
    assert (edit.old["anggaran"], edit.new["anggaran"]) == ("25000000", "20000000")  # the replaced figure is kept


def test_a_stale_version_is_refused_and_changes_nothing(database: Database) -> None:
    _enter(database, Realisasi(RENJA, SUB, 1, Decimal(25_000_000), {}), 0)
    with pytest.raises(EditConflict, match="versi 0, sekarang versi 1"):
        _enter(database, Realisasi(RENJA, SUB, 1, Decimal(1), {}), 0, user="other")
    with pytest.raises(EditConflict):
        _review(database, Verifikasi.DIVERIFIKASI, 0)
    with database.session() as session:
        assert [record.anggaran for record in load_realisasi(session, [PEMDA])] == [Decimal(25_000_000)]
    assert _state(database) == (Verifikasi.DIAJUKAN, "", 1)


def test_nothing_to_decide_on_and_no_empty_or_negative_entry(database: Database) -> None:
    with pytest.raises(InvalidEdit, match="belum ada realisasi"):
        _review(database, Verifikasi.DIVERIFIKASI, 0)
    with pytest.raises(InvalidEdit, match="isi realisasi"):
        _enter(database, Realisasi(RENJA, SUB, 1), 0)
    with pytest.raises(InvalidEdit, match="negatif"):
        _enter(database, Realisasi(RENJA, SUB, 1, Decimal(-1), {}), 0)


def test_entering_one_item_leaves_the_others_and_their_verification_alone(database: Database) -> None:
    with database.session() as session:
        replace_realisasi(session, PEMDA, RENJA, [Realisasi(RENJA, OTHER, 1, Decimal(5), {})], by="import")
    assert _state(database, OTHER) == (Verifikasi.DIAJUKAN, "", 1)
    with database.session() as session:
        review_realisasi(
            session, PEMDA, (RENJA, OTHER, 1), Verifikasi.DIVERIFIKASI, comment="", expected_version=1, username="v"
        )
    _enter(database, Realisasi(RENJA, SUB, 1, Decimal(7), {}), 0)
    assert _state(database, OTHER) == (Verifikasi.DIVERIFIKASI, "", 2)
    with database.session() as session:
        assert {record.item: record.anggaran for record in load_realisasi(session, [PEMDA])} == {
            OTHER: Decimal(5),
            SUB: Decimal(7),
        }


def test_storing_a_quarter_again_submits_every_item_it_touches(database: Database) -> None:
    """An import replaces a quarter: items it stores and items it removes go back to diajukan, other quarters keep
    their state."""
    first = [
        Realisasi(RENJA, SUB, 1, Decimal(10), {}),
        Realisasi(RENJA, OTHER, 1, Decimal(5), {}),
        Realisasi(RENJA, SUB, 2, Decimal(20), {}),
    ]
    with database.session() as session:
        replace_realisasi(session, PEMDA, RENJA, first, by="import")
    for item, triwulan in ((SUB, 1), (OTHER, 1), (SUB, 2)):
        with database.session() as session:
            review_realisasi(
                session,
                PEMDA,
                (RENJA, item, triwulan),
                Verifikasi.DIVERIFIKASI,
                comment="",
                expected_version=1,
                username="v",
            )
    with database.session() as session:
        replace_realisasi(session, PEMDA, RENJA, [Realisasi(RENJA, SUB, 1, Decimal(11), {})], by="import")
    assert _state(database, SUB, 1) == (Verifikasi.DIAJUKAN, "", 3)
    assert _state(database, OTHER, 1) == (Verifikasi.DIAJUKAN, "", 3)  # removed by the new TW I figures
    assert _state(database, SUB, 2) == (Verifikasi.DIVERIFIKASI, "", 2)
