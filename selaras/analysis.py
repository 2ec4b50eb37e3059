"""One analysis pipeline: the findings and scores of a pemda's planning data for one year.

``selaras check``, ``selaras scores``, ``selaras report`` and the web workspace all go through
:func:`analyse`, with the thresholds of :func:`thresholds_for`, so the same data never gives different
findings or scores depending on where they are read. Loading stays with the callers (the CLI and the web
cache load from the database); this module is pure logic.

Example::

    data = load_planning_data(session, "62")
    year = planning_year(data, "62")
    result = analyse(data, year=year, nomenclature=bundled_versions(), thresholds=thresholds_for(settings))
    result.report.findings, result.cards
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding
from selaras.checks.registry import RuleRegistry
from selaras.checks.run import CheckReport, run_checks
from selaras.checks.thresholds import CheckContext, Thresholds, load_thresholds
from selaras.domain import BUDGET_KINDS, DocumentKind, Plan
from selaras.reference.nomenclature import Nomenclature
from selaras.scores import ScoreCard, compute_scorecards
from selaras.settings import Settings

__all__ = [
    "PLANNING_YEAR_KINDS",
    "Analysis",
    "FindingChanges",
    "analyse",
    "analysis_fingerprint",
    "finding_changes",
    "planning_year",
    "thresholds_for",
]

PLANNING_YEAR_KINDS = frozenset({DocumentKind.RENJA, DocumentKind.RKPD, *BUDGET_KINDS})
"""The annual documents whose latest year is the year a pemda is planning now."""


class Analysis:
    """The check report of one run and, computed on first use, its score cards.

    Scores need every rule's findings over every year, so a run restricted to some rules or to the
    year's findings (``selaras check --rules``) has no cards; asking for them is a programming error.
    """

    def __init__(
        self, data: PlanningData, report: CheckReport, context: CheckContext, registry: RuleRegistry, *, complete: bool
    ) -> None:
        self.data = data
        self.report = report
        self.context = context
        self.registry = registry
        self._complete = complete

    @property
    def year(self) -> int:
        return self.context.year

    @property
    def thresholds(self) -> Thresholds:
        return self.context.thresholds

    @cached_property
    def cards(self) -> list[ScoreCard]:
        """One score card per regional pemda and per PD (see docs/scores.md)."""
        if not self._complete:
            raise ValueError("skor membutuhkan semua aturan atas semua tahun; jalankan analyse() tanpa pembatasan")
        return compute_scorecards(self.data, self.report, self.registry, year=self.year, thresholds=self.thresholds)


def thresholds_for(settings: Settings, override: Path | None = None) -> Thresholds:
    """The thresholds in force: ``override`` (``--config``) when given, else the ``thresholds`` setting
    (``SELARAS_THRESHOLDS``), else the defaults."""
    return load_thresholds(override or settings.thresholds)


def planning_year(data: PlanningData, pemda: str) -> int | None:
    """The year ``pemda`` (or one of its kab/kota) is planning now: the latest year of its Renja, RKPD,
    KUA-PPAS or APBD; None when it has none of them. A five-year Renstra alone says nothing about which
    year is being planned."""
    years = [
        plan.document.period.end
        for plan in data.plans
        if plan.document.kind in PLANNING_YEAR_KINDS
        and (plan.document.pemda == pemda or plan.document.pemda.startswith(f"{pemda}."))
    ]
    return max(years, default=None)


def analyse(
    data: PlanningData,
    *,
    year: int,
    nomenclature: Nomenclature,
    thresholds: Thresholds,
    registry: RuleRegistry | None = None,
    rules: Iterable[str] | None = None,
    year_only: bool = False,
) -> Analysis:
    """Run the rules (all, or the codes in ``rules``) over ``data`` for ``year``.

    With ``year_only`` the report keeps only the findings about ``year`` (what ``selaras check`` prints);
    scores are available only for a full run (every rule, every year), the one ``scores``, ``report`` and
    the web use.
    """
    chosen = registry or builtin_registry()
    codes = list(rules) if rules is not None else None
    context = CheckContext(year, nomenclature, thresholds)
    report = run_checks(data, context, chosen, codes, year_only=year_only)
    return Analysis(data, report, context, chosen, complete=codes is None and not year_only)


def analysis_fingerprint(*, thresholds: Thresholds, nomenclature: Nomenclature, registry: RuleRegistry) -> str:
    """What decides an analysis besides the planning data and the year, as one digest: Selaras's code and
    reference data, the rules, the thresholds and the nomenclature lists. An analysis stored under another
    fingerprint is not what this process would compute from the same data (the web then shows it only as the
    results from before a change, and computes them again)."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(repr(thresholds).encode())
    digest.update(repr([(rule.code, rule.severity.value) for rule in registry]).encode())
    for version in nomenclature.versions():
        digest.update(_nomenclature_digest(version).encode())
    return digest.hexdigest()


def _nomenclature_digest(nomenclature: Nomenclature) -> str:
    """A digest of a list's every entry, not only its label and size: a list file corrected in place (one name
    fixed, one code moved) keeps both, and the analyses stored before would be served as current."""
    digest = hashlib.sha256(nomenclature.label.encode())
    for entry in nomenclature.entries():
        fields = (entry.code.text, entry.name, sorted(entry.jenis), entry.active, entry.kinerja, entry.indikator)
        digest.update(repr((*fields, entry.satuan, entry.tags, entry.spm, entry.predecessor)).encode())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """A digest of the package's Python source and reference data (about 30 ms, once per process): any change of
    a rule, a score or a bundled list, released or not, changes the fingerprint."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".csv") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class FindingChanges:
    """The findings about a document that a change of its content makes appear and disappear."""

    new: list[Finding]
    resolved: list[Finding]


def finding_changes(
    data: PlanningData,
    old: Plan,
    new: Plan,
    *,
    year: int,
    nomenclature: Nomenclature,
    thresholds: Thresholds,
) -> FindingChanges:
    """Check ``data`` once with ``old`` in place and once with ``new`` (both in place of any stored plan of
    their keys) and compare the findings located in the document. A finding is the same when its rule and
    place (item, PD, code, indicator, year) are, whatever the document key (a rancangan and a final compare)."""

    def findings(plan: Plan, other: Plan) -> dict[tuple[object, ...], Finding]:
        keys = {plan.document.key, other.document.key}
        plans = [candidate for candidate in data.plans if candidate.document.key not in keys] + [plan]
        swapped = PlanningData(data.pemda, data.perangkat_daerah, plans, data.extra_links)
        report = analyse(swapped, year=year, nomenclature=nomenclature, thresholds=thresholds).report
        return {
            (f.code, f.location.item, f.location.pd, f.location.code, f.location.indicator, f.location.year): f
            for f in report.findings
            if f.location.document == plan.document.key
        }

    before, after = findings(old, new), findings(new, old)
    return FindingChanges(
        new=[finding for key, finding in after.items() if key not in before],
        resolved=[finding for key, finding in before.items() if key not in after],
    )
