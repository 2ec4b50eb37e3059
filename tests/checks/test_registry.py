"""The registry renders a finding's message in the reader's language, numbers included."""

from __future__ import annotations

from decimal import Decimal

from selaras.checks.builtin import builtin_registry
from selaras.checks.findings import Finding, Location


def test_numbers_in_a_message_follow_the_language() -> None:
    registry = builtin_registry()
    finding = Finding(
        "SEL307",
        Location("81.04", "81.04/APBD/1.02.01/2024/murni", "X", pd="1.02.01", code="1.02.02.2.01.0001", year=2024),
        {
            "year": 2024,
            "code": "1.02.02.2.01.0001",
            "name": "Alat Kalibrasi",
            "pd": "1.02.01",
            "rencana": "Renja",
            "anggaran": "APBD",
            "rencana_pagu": Decimal("1234567.5"),
            "anggaran_pagu": Decimal(1200000),
            "selisih": Decimal("-34567.5"),
            "persen": Decimal("-2.8"),
        },
    )
    indonesian, _ = registry.get("SEL307").render(finding, "id")
    english, _ = registry.get("SEL307").render(finding, "en")
    assert "1.234.567,50" in indonesian and "1.200.000" in indonesian
    assert "1,234,567.50" in english and "1,200,000" in english
