from __future__ import annotations

import pytest

from selaras.domain import Document, DocumentKind, Period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025-2029", Period(2025, 2029)),
        (" 2025 – 2029 ", Period(2025, 2029)),
        ("2025/2029", Period(2025, 2029)),
        ("2026", Period(2026, 2026)),
        ("2025-2045", Period(2025, 2045)),
    ],
)
def test_period_parse(text: str, period: Period) -> None:
    assert Period.parse(text) == period


@pytest.mark.parametrize("text", ["", "25-29", "2025-", "2025 sampai 2029", "tahun 2026"])
def test_period_parse_refuses_other_text_and_shows_an_example(text: str) -> None:
    with pytest.raises(ValueError) as error:
        Period.parse(text)
    assert str(error.value) == f"periode tidak valid: {text!r} (contoh: 2025-2029 atau 2026)"


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match=r"^periode tidak valid: 2029-2025$"):
        Period.parse("2029-2025")


def test_period_contains_its_years_only() -> None:
    period = Period(2025, 2029)
    assert 2025 in period
    assert 2029 in period
    assert 2024 not in period
    assert 2030 not in period
    assert "2026" not in period
    assert list(period.years) == [2025, 2026, 2027, 2028, 2029]


def test_period_text() -> None:
    assert str(Period(2025, 2029)) == "2025-2029"
    assert str(Period(2026, 2026)) == "2026"


def test_document_key_of_a_pd_document() -> None:
    renja = Document(DocumentKind.RENJA, "62", Period(2026, 2026), pd="1.02.01")
    assert renja.key == "62/RENJA/1.02.01/2026/final"


def test_document_key_of_a_pemda_document_and_its_version() -> None:
    rpjmd = Document(DocumentKind.RPJMD, "62.71", Period(2025, 2029), version="perubahan")
    assert rpjmd.key == "62.71/RPJMD/-/2025-2029/perubahan"


def test_document_key_ignores_title_and_status() -> None:
    a = Document(DocumentKind.RKPD, "62", Period(2026, 2026), title="RKPD 2026")
    b = Document(DocumentKind.RKPD, "62", Period(2026, 2026), title="RKPD Tahun 2026")
    assert a.key == b.key


def test_document_kinds() -> None:
    assert DocumentKind.RENSTRA.belongs_to_pd
    assert not DocumentKind.RPJMD.belongs_to_pd
    assert DocumentKind.RENJA.is_annual
    assert not DocumentKind.RENSTRA.is_annual


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("renja", DocumentKind.RENJA),
        ("KUA-PPAS", DocumentKind.KUA_PPAS),
        ("kua ppas", DocumentKind.KUA_PPAS),
        (" kua_ppas ", DocumentKind.KUA_PPAS),
        ("Asta-Cita", DocumentKind.ASTA_CITA),
    ],
)
def test_a_kind_is_read_as_planners_write_it(typed: str, kind: DocumentKind) -> None:
    assert DocumentKind.parse(typed) is kind


@pytest.mark.parametrize("typed", ["", "renja2", "kua--ppas-x", "rencana kerja"])
def test_an_unknown_kind_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        DocumentKind.parse(typed)
