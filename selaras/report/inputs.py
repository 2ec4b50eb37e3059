"""What every section builder reads: the data, findings and score cards, narrowed to the report's scope.

Built once per report; lookups that several sections need (cards by PD, findings with their rendered text,
the Renja's budgeted units) are computed here once.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity, Location
from selaras.checks.monitoring import ItemProgress, MonitoringData, quarterly_progress
from selaras.checks.registry import Rule, RuleRegistry
from selaras.checks.run import CheckReport
from selaras.checks.thresholds import Thresholds
from selaras.domain import DocumentKind, Item, Pemda, PemdaLevel, PerangkatDaerah, kind_and_period
from selaras.domain.calendar import Submission
from selaras.report.history import Snapshot
from selaras.report.texts import tr
from selaras.scores.alignment import AlignmentUnit, alignment_units
from selaras.scores.model import HEADLINE, ScoreCard
from selaras.store.followup import FollowUp
from selaras.store.responses import FindingResponse, ResponseState, finding_key

if TYPE_CHECKING:
    from selaras.report.model import Scope

__all__ = ["HEADLINE", "SEVERITIES", "RenderedFinding", "ReportInput"]


def _digest(item: Item) -> str:
    """What a planner changes in an item, hashed: its name, indicators with satuan and targets, and pagu."""
    parts = [item.text, item.parent or ""]
    for indicator in item.indicators:
        targets = ",".join(f"{year}={value.normalize()}" for year, value in sorted(indicator.targets.items()))
        parts.append(f"{indicator.name}|{indicator.satuan}|{targets}")
    parts += [f"{budget.year}={budget.pagu.normalize()}" for budget in item.budgets]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


SEVERITIES = (FindingSeverity.GALAT, FindingSeverity.PERINGATAN, FindingSeverity.INFO)


@dataclass(frozen=True, slots=True)
class RenderedFinding:
    """A finding with its rule and its message and suggestion in the report's language."""

    finding: Finding
    rule: Rule
    message: str
    suggestion: str

    @property
    def severity_rank(self) -> int:
        return SEVERITIES.index(self.rule.severity)


class ReportInput:
    def __init__(
        self,
        data: PlanningData,
        report: CheckReport,
        cards: list[ScoreCard],
        registry: RuleRegistry,
        *,
        pemda: str,
        year: int,
        scope: Scope,
        lang: str,
        thresholds: Thresholds | None = None,
        followups: Mapping[str, FollowUp] | None = None,
        responses: Mapping[str, FindingResponse] | None = None,
        deadline: date | None = None,
        submissions: Sequence[Submission] = (),
    ) -> None:
        self.data, self.checks, self.cards, self.registry = data, report, cards, registry
        self.submissions = list(submissions)
        """Who has not submitted a document of an opened stage of the planning calendar (``late`` once closed)."""
        self.thresholds = thresholds or Thresholds()
        self.pemda, self.year, self.scope, self.lang = pemda, year, scope, lang
        self.followups, self.responses = followups or {}, responses or {}
        self.deadline = deadline
        """The deadline an unassigned finding is proposed (see :func:`selaras.store.followup.default_deadline`)."""
        self._renja_pagu: dict[str, Decimal] = {}
        """Each pemda's Renja pagu of the year, once asked (:meth:`renja_pagu`)."""

    def tr(self, key: str, /, **params: object) -> str:
        return tr(key, self.lang, **params)

    @cached_property
    def family(self) -> list[Pemda]:
        """The pemda itself first, then its kab/kota in code order."""
        head = self.data.get_pemda(self.pemda)
        children = sorted(
            (p for p in self.data.regional_pemda() if p.parent == self.pemda and p.kode != self.pemda),
            key=lambda p: p.kode,
        )
        return ([head] if head is not None else []) + children

    @cached_property
    def scoped_pemda(self) -> list[Pemda]:
        """The pemda whose PD the detailed sections cover."""
        from selaras.report.model import Scope

        if self.scope is Scope.SEMUA or len(self.family) <= 1:
            return self.family
        if self.scope is Scope.KABKOTA:
            return [p for p in self.family if p.level is not PemdaLevel.PROVINSI]
        return self.family[:1]

    @cached_property
    def scoped_codes(self) -> set[str]:
        return {p.kode for p in self.scoped_pemda}

    @cached_property
    def scoped_pd(self) -> list[PerangkatDaerah]:
        return sorted(
            (pd for pd in self.data.perangkat_daerah if pd.pemda in self.scoped_codes),
            key=lambda pd: (pd.pemda, pd.kode),
        )

    @property
    def many_pemda(self) -> bool:
        """Whether tables need a pemda column (more than one pemda in scope)."""
        return len(self.scoped_pemda) > 1

    def pemda_name(self, kode: str) -> str:
        found = self.data.get_pemda(kode)
        return found.nama if found else kode

    def pd_name(self, pemda: str, pd: str) -> str:
        found = self.data.get_pd(pemda, pd)
        return found.nama if found else pd

    def document_label(self, document: str) -> str:
        """``Renja 2026`` from ``62/RENJA/1.01.01/2026/final``; empty for a finding about no document."""
        named = kind_and_period(document)
        return f"{self.tr('kind-' + named[0].value.lower())} {named[1]}" if named else document

    def place(self, where: Location, *, document: bool = True) -> str:
        """Where a finding is, as the report's tables write it: ``Renstra 2025-2029 · 1.05.03.1.02.0029 ·
        indicator``. The document is named because the same item often carries the same finding in its Renstra
        and in its Renja; without it the two rows read as one finding printed twice. ``document=False`` for a
        table with a column of its own for the document."""
        label = self.document_label(where.document) if document else ""
        return " · ".join(part for part in (label, where.code or where.item, where.indicator) if part)

    def planning_agency(self, pemda: str) -> str:
        """The PD that owns the pemda-wide documents (Bappeda, Bapperida), by its name; else a generic name."""
        for pd in self.data.perangkat_daerah:
            if pd.pemda == pemda and "perencanaan" in pd.nama.lower():
                return pd.nama
        return self.tr("planning-agency")

    def followup(self, finding: RenderedFinding) -> FollowUp | None:
        return self.followups.get(finding_key(finding.finding))

    def response(self, finding: RenderedFinding) -> FindingResponse | None:
        return self.responses.get(finding_key(finding.finding))

    def followup_state(self, finding: RenderedFinding) -> ResponseState:
        found = self.response(finding)
        return found.state if found else ResponseState.TERBUKA

    @cached_property
    def pemda_cards(self) -> dict[str, ScoreCard]:
        return {card.pemda: card for card in self.cards if card.pd is None}

    @cached_property
    def pd_cards(self) -> dict[tuple[str, str], ScoreCard]:
        return {(card.pemda, card.pd): card for card in self.cards if card.pd is not None}

    @cached_property
    def findings(self) -> list[RenderedFinding]:
        """Findings in the family of pemda, in run order, with their text in the report's language."""
        codes = {p.kode for p in self.family}
        rendered = []
        for finding in self.checks.findings:
            if finding.location.pemda in codes:
                rule = self.registry.get(finding.code)
                message, suggestion = rule.render(finding, self.lang)
                rendered.append(RenderedFinding(finding, rule, message, suggestion))
        return rendered

    def scoped_findings(self, families: frozenset[str]) -> list[RenderedFinding]:
        """Findings of rule ``families`` in scope, ordered by pemda, PD, then severity."""
        chosen = [
            f for f in self.findings if f.rule.family in families and f.finding.location.pemda in self.scoped_codes
        ]
        return sorted(chosen, key=lambda f: (f.finding.location.pemda, f.finding.location.pd, f.severity_rank))

    def outside_scope(self, families: frozenset[str]) -> int:
        """How many findings of ``families`` the scope leaves out (said in the section, so none is hidden)."""
        return sum(
            1 for f in self.findings if f.rule.family in families and f.finding.location.pemda not in self.scoped_codes
        )

    @cached_property
    def findings_by_pd(self) -> dict[tuple[str, str], list[RenderedFinding]]:
        grouped: dict[tuple[str, str], list[RenderedFinding]] = defaultdict(list)
        for finding in self.findings:
            grouped[(finding.finding.location.pemda, finding.finding.location.pd)].append(finding)
        return grouped

    @cached_property
    def units(self) -> list[AlignmentUnit]:
        """The budgeted Renja leaves of the year of the pemda in scope (as the alignment scores count them)."""
        return self._renja_units(sorted(self.scoped_codes))

    def _renja_units(self, codes: Iterable[str]) -> list[AlignmentUnit]:
        plans = [
            plan
            for kode in codes
            for plan in self.data.plans_of(DocumentKind.RENJA, kode)
            if self.year in plan.document.period
        ]
        return alignment_units(self.data, plans, self.year)

    def renja_pagu(self, pemda: str) -> Decimal:
        """``pemda``'s Renja pagu of the year as the alignment scores count it (its budgeted leaves), whether in the
        report's scope or not: page 1 weighs the findings of a province's kab/kota too."""
        if pemda not in self._renja_pagu:  # asked once per finding about a target, three times each
            units = self.units if pemda in self.scoped_codes else self._renja_units([pemda])
            self._renja_pagu[pemda] = sum((u.pagu for u in units if u.plan.document.pemda == pemda), Decimal(0))
        return self._renja_pagu[pemda]

    @cached_property
    def units_by_pd(self) -> dict[tuple[str, str], list[AlignmentUnit]]:
        grouped: dict[tuple[str, str], list[AlignmentUnit]] = defaultdict(list)
        for unit in self.units:
            grouped[(unit.plan.document.pemda, unit.plan.document.pd or "")].append(unit)
        return grouped

    @cached_property
    def progress(self) -> tuple[tuple[ItemProgress, ...], ...]:
        """The monitored sub kegiatan of every pemda of the family whose Renja reported realisasi, at the end of
        TW I, TW II … up to the triwulan under review (the data's, else the last reported): empty when there is
        no realisasi. Every pemda, not only those in scope: the capaian map compares the kab/kota."""
        if not isinstance(self.data, MonitoringData):
            return ()
        codes = {pemda.kode for pemda in self.family}
        quarters = quarterly_progress(self.data, self.year, quarter=self.data.quarter)
        chosen = tuple(tuple(own for own in progress if own.plan.document.pemda in codes) for progress in quarters)
        return chosen if chosen and chosen[-1] else ()

    def item_text(self, kind: DocumentKind, key: str) -> str:
        """The text of a national framework item (``AC4``, ``PN2``) for labels."""
        for plan in self.data.plans_of(kind, "00"):
            for item in plan.items:
                if item.key == key:
                    return item.text
        return ""

    def unavailable_notes(self) -> tuple[str, ...]:
        """Why a headline score of a pemda of the family is not computed, one line each ("Keselarasan Kabupaten
        Penajam Paser Utara: tidak dihitung: RPJMD belum dimuat ..."): the tables show it as "–", which alone does
        not tell a Rakor whether there was nothing to score or nothing to score against."""
        notes = []
        for pemda in self.family:
            card = self.pemda_cards.get(pemda.kode)
            for key in HEADLINE if card else ():
                assert card is not None
                reason = card.scores[key].unavailable
                if reason is not None:
                    score, why = self.tr(f"score-{key}"), self.tr(f"unavailable-{reason}")
                    notes.append(self.tr("unavailable-note", score=score, pemda=pemda.nama, reason=why))
        return tuple(notes)

    def snapshot(self, generated: str) -> Snapshot:
        pemda_scores: dict[str, dict[str, float | None]] = {}
        head = self.pemda_cards.get(self.pemda)
        for pemda in self.family:
            card = self.pemda_cards.get(pemda.kode)
            values = {key: card.scores[key].value for key in HEADLINE} if card else {}
            sync = head.scores.get(f"sinkronisasi_iku:{pemda.kode}") if head else None
            values["sinkronisasi_iku"] = sync.value if sync else None
            pemda_scores[pemda.kode] = values
        severities = {s.value: sum(1 for f in self.findings if f.rule.severity is s) for s in SEVERITIES}
        rules: dict[str, int] = {rule.code: 0 for rule in self.checks.rules}
        for finding in self.findings:
            rules[finding.rule.code] = rules.get(finding.rule.code, 0) + 1
        findings = {
            finding_key(f.finding): {
                "pemda": f.finding.location.pemda,
                "pd": f.finding.location.pd,
                "code": f.rule.code,
                "item": f.finding.location.item,
                "message": f.message,
            }
            for f in self.findings
        }
        return Snapshot(
            self.pemda, self.year, self.scope.value, generated, pemda_scores, severities, rules, findings, self._items()
        )

    def _items(self) -> dict[str, dict[str, list[str]]]:
        """The items of the year's annual documents (Renja, RKPD, budget) of the report's pemda, with a digest of
        what a planner changes (name, indicators, targets, pagu) — enough to say which items changed since."""
        codes = {pemda.kode for pemda in self.scoped_pemda}
        found: dict[str, dict[str, list[str]]] = {}
        for plan in self.data.plans:
            document = plan.document
            if document.pemda in codes and document.kind.is_annual and self.year in document.period:
                found[document.key] = {
                    item.key: [_digest(item), item.text, document.pd or item.pd or ""] for item in plan.items
                }
        return found
