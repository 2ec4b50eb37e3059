"""A finding stored and read back (``finding_record``) is the finding: the same evidence, value for value and
type for type, so its message reads the same in both languages; evidence JSON cannot carry exactly is refused."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from selaras.checks.builtin import builtin_registry
from selaras.checks.findings import Finding, Location
from selaras.checks.serialize import FINDING_FIELDS, finding_from_record, finding_record, finding_to_dict

LOCATED = Location("62", "62/RENJA/1.02.01/2026/final", "1.02.02.2.01", "1.02.01", "1.02.02.2.01", "Cakupan", 2026)


def _stored(finding: Finding) -> Finding:
    return finding_from_record(json.loads(json.dumps(finding_record(finding))))


def test_a_finding_comes_back_exactly_with_its_evidence_types() -> None:
    evidence = {"pagu": Decimal("1234"), "sum": Decimal("1250.50"), "count": 1234, "share": 0.5, "name": "Dinkes"}
    finding = Finding("SEL301", LOCATED, evidence | {"nothing": None, "flag": True})
    back = _stored(finding)
    assert back == finding
    assert {key: type(value) for key, value in back.evidence.items()} == {
        key: type(value) for key, value in finding.evidence.items()
    }


def test_a_finding_read_back_reads_the_same_in_both_languages() -> None:
    """Decimal 1234 is shown as 1.234, int 1234 as 1234: a JSON number would not say which it was."""
    registry = builtin_registry()
    evidence = {"year": 2026, "code": "1.02.02.2.01", "children": Decimal("1234"), "parent": Decimal("1000.50")}
    finding = Finding("SEL301", LOCATED, evidence | {"selisih": Decimal("233.50")})
    for lang in ("id", "en"):
        assert finding_to_dict(_stored(finding), registry, lang) == finding_to_dict(finding, registry, lang)
    assert (
        "Rp 1.234 melebihi pagu 1.02.02.2.01 sendiri Rp 1.000,50"
        in finding_to_dict(_stored(finding), registry)["message"]
    )


def test_the_record_uses_the_names_of_the_finding_shape() -> None:
    record = finding_record(Finding("SEL301", LOCATED, {"pagu": Decimal("1")}))
    assert set(record) - {"decimals"} <= set(FINDING_FIELDS)
    assert record["item_code"] == "1.02.02.2.01" and record["decimals"] == ["pagu"]


def test_evidence_json_cannot_carry_exactly_is_refused() -> None:
    with pytest.raises(TypeError, match="'periode' temuan SEL301 bertipe tuple"):
        finding_record(Finding("SEL301", LOCATED, {"periode": (2025, 2029)}))
