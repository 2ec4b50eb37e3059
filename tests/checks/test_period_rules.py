"""Period rules: RPJPD ⊃ RPJMD = Renstra ∋ Renja / RKPD year, per pemda and PD."""

from __future__ import annotations

from factories import KOTA, data, plan, run_rendered

from selaras.checks.findings import Location
from selaras.checks.rules.period import (
    renja_year_outside_renstra,
    renstra_period_differs,
    rkpd_year_outside_rpjmd,
    rpjmd_outside_rpjpd,
)
from selaras.domain import DocumentKind, Period

RPJPD = plan(DocumentKind.RPJPD, [], period=Period(2025, 2045))
RPJMD = plan(DocumentKind.RPJMD, [])
RENSTRA = plan(DocumentKind.RENSTRA, [], pd="1.02.01")


def test_rpjmd_outside_rpjpd() -> None:
    shifted = plan(DocumentKind.RPJMD, [], period=Period(2024, 2028))
    findings = run_rendered(rpjmd_outside_rpjpd, data(RPJPD, shifted))
    assert [(f.code, f.location) for f in findings] == [("SEL801", Location("62", shifted.document.key))]
    assert findings[0].evidence == {"period": "2024-2028", "expected": "2025-2045"}
    assert run_rendered(rpjmd_outside_rpjpd, data(RPJPD, RPJMD)) == []


def test_rpjmd_of_another_pemda_is_compared_with_its_own_rpjpd_only() -> None:
    kota_rpjmd = plan(DocumentKind.RPJMD, [], pemda=KOTA.kode, period=Period(2021, 2026))
    assert run_rendered(rpjmd_outside_rpjpd, data(RPJPD, kota_rpjmd)) == []  # the kota has no RPJPD loaded


def test_renstra_period_differs() -> None:
    shifted = plan(DocumentKind.RENSTRA, [], pd="1.02.01", period=Period(2024, 2028))
    findings = run_rendered(renstra_period_differs, data(RPJMD, shifted))
    assert [(f.code, f.location) for f in findings] == [("SEL802", Location("62", shifted.document.key, pd="1.02.01"))]
    assert findings[0].evidence["expected"] == "2025-2029"
    assert run_rendered(renstra_period_differs, data(RPJMD, RENSTRA)) == []


def test_renja_year_outside_renstra_of_its_pd() -> None:
    late = plan(DocumentKind.RENJA, [], pd="1.02.01", period=Period(2030, 2030))
    other_pd = plan(DocumentKind.RENJA, [], pd="2.17.01", period=Period(2030, 2030))  # no Renstra: skipped
    findings = run_rendered(renja_year_outside_renstra, data(RENSTRA, late, other_pd))
    assert [(f.code, f.location) for f in findings] == [("SEL803", Location("62", late.document.key, pd="1.02.01"))]
    assert findings[0].evidence == {"period": "2030", "expected": "2025-2029"}
    on_time = plan(DocumentKind.RENJA, [], pd="1.02.01")
    assert run_rendered(renja_year_outside_renstra, data(RENSTRA, on_time)) == []


def test_rkpd_year_outside_rpjmd() -> None:
    late = plan(DocumentKind.RKPD, [], period=Period(2031, 2031))
    findings = run_rendered(rkpd_year_outside_rpjmd, data(RPJMD, late))
    assert [(f.code, f.location) for f in findings] == [("SEL804", Location("62", late.document.key))]
    assert run_rendered(rkpd_year_outside_rpjmd, data(RPJMD, plan(DocumentKind.RKPD, []))) == []
