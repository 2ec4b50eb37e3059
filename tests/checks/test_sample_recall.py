"""The checks against the sample province (plans and realisasi TW I-III): every seeded defect is found where
the manifest says, and the clean sample raises no galat or peringatan at all."""

from __future__ import annotations

import pytest

from selaras.checks.builtin import builtin_registry
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.monitoring import MonitoringData
from selaras.checks.run import CheckReport, run_checks
from selaras.checks.thresholds import CheckContext
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature_versions import bundled_versions
from selaras.reference.wilayah import PUSAT
from selaras.sample import Defect, DefectKind, SampleData

REGISTRY = builtin_registry()


def _check(sample: SampleData) -> CheckReport:
    plans = [*national_frameworks(), *sample.plans]
    data = MonitoringData([PUSAT, *sample.pemda], sample.perangkat_daerah, plans, realisasi=sample.realisasi)
    return run_checks(data, CheckContext(2026, bundled_versions()), REGISTRY)


@pytest.fixture(scope="module")
def seeded(defective_sample: SampleData) -> tuple[SampleData, CheckReport]:
    return defective_sample, _check(defective_sample)


def _found(defect: Defect, finding: Finding) -> bool:
    """Same rule (rule names are the defect kinds) and the same place: pemda, document, item, and the indicator
    and year when the manifest names them."""
    where = finding.location
    return (
        REGISTRY.get(finding.code).name == defect.kind.value
        and where.pemda == defect.pemda
        and where.document == defect.document
        and where.item == (defect.item or "")
        and (not defect.indicator or where.indicator == defect.indicator)
        and (defect.year is None or where.year == defect.year)
    )


def test_every_defect_kind_has_a_rule_of_that_name() -> None:
    assert {kind.value for kind in DefectKind} <= {rule.name for rule in REGISTRY}


def test_every_seeded_defect_is_found_at_its_location(seeded: tuple[SampleData, CheckReport]) -> None:
    sample, report = seeded
    missed = [defect for defect in sample.defects if not any(_found(defect, f) for f in report.findings)]
    assert missed == []
    assert {defect.kind for defect in sample.defects} == set(DefectKind)


def test_the_clean_sample_has_no_galat_or_peringatan(clean_sample: SampleData) -> None:
    report = _check(clean_sample)
    loud = [
        (finding.code, finding.location)
        for finding in report.findings
        if REGISTRY.get(finding.code).severity is not FindingSeverity.INFO
    ]
    assert loud == []
