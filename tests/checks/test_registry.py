"""The registry renders a finding's message in the reader's language, numbers included; it lists rules by code."""

from __future__ import annotations

import subprocess
import sys
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


def test_rules_are_listed_in_code_order_whatever_order_their_modules_were_imported_in() -> None:
    probe = (
        "import selaras.checks.rules.monitoring\n"  # SEL9xx registered first
        "from selaras.checks.builtin import builtin_registry\n"
        "print(' '.join(rule.code for rule in builtin_registry()))"
    )
    listed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert listed[0] == "SEL101"
    assert listed == sorted(listed)
