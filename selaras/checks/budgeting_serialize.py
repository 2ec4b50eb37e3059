"""The JSON shape of a planning–budgeting comparison (``selaras anggaran --json``).

Amounts are rupiah as JSON numbers; shares are percentages rounded to two decimals, ``null`` when they cannot be
computed (no pagu to divide by, or no rincian to break the pagu down). ``comparable`` is false for a PD (or a
whole pemda) that lacks the budget or the plan side: its ``planned_percent`` then only measures what was not
imported. Add fields, never rename them.
"""

from __future__ import annotations

from decimal import Decimal

from selaras.checks.budgeting import BudgetingAnalysis, BudgetShape, Consistency, ItemMatch, MatchStatus, PdBudgeting
from selaras.numbers import json_number

__all__ = ["budgeting_to_dict", "consistency_to_dict", "item_match_to_dict", "percent", "shape_to_dict"]


def percent(share: Decimal | None) -> float | None:
    """A fraction as a percentage with two decimals: ``Decimal("0.12345")`` → ``12.35``."""
    return None if share is None else round(float(share * 100), 2)


def budgeting_to_dict(analysis: BudgetingAnalysis) -> dict[str, object]:
    """The whole comparison: pemda totals, then each PD with its sub kegiatan."""
    return {
        "pemda": analysis.pemda,
        "year": analysis.year,
        "stage": analysis.stage.value,
        "version": analysis.version,
        "comparable": analysis.comparable,
        "consistency": consistency_to_dict(analysis.consistency),
        "shape": shape_to_dict(analysis.shape),
        "pd": [_pd_to_dict(row) for row in analysis.pds],
    }


def consistency_to_dict(consistency: Consistency) -> dict[str, object]:
    return {
        "items": {
            MatchStatus.BOTH.value: consistency.both,
            MatchStatus.ONLY_BUDGET.value: consistency.only_budget,
            MatchStatus.ONLY_PLAN.value: consistency.only_plan,
        },
        "budget_pagu": json_number(consistency.budget_pagu),
        "budget_planned": json_number(consistency.budget_planned),
        "plan_pagu": json_number(consistency.plan_pagu),
        "plan_funded": json_number(consistency.plan_funded),
        "planned_percent": percent(consistency.planned_share),
        "funded_percent": percent(consistency.funded_share),
    }


def shape_to_dict(shape: BudgetShape) -> dict[str, object]:
    return {
        "pagu": json_number(shape.pagu),
        "penunjang": json_number(shape.penunjang),
        "penunjang_percent": percent(shape.penunjang_share),
        "rekening_pagu": json_number(shape.rekening_pagu),
        "modal": json_number(shape.modal),
        "modal_percent": percent(shape.modal_share),
        "sumber_dana_pagu": json_number(shape.sumber_dana_pagu),
        "sumber_dana": [
            {"kode": fund.kode, "nama": fund.nama, "pagu": json_number(fund.pagu), "percent": percent(fund.share)}
            for fund in shape.sumber_dana
        ],
    }


def _pd_to_dict(row: PdBudgeting) -> dict[str, object]:
    return {
        "pd": row.pd,
        "nama": row.nama,
        "budget_document": row.budget.key if row.budget else None,
        "plan_document": row.plan.key if row.plan else None,
        "comparable": row.comparable,
        "consistency": consistency_to_dict(row.consistency),
        "shape": shape_to_dict(row.shape),
        "items": [item_match_to_dict(match) for match in row.matches],
    }


def item_match_to_dict(match: ItemMatch) -> dict[str, object]:
    return {
        "code": match.code,
        "name": match.name,
        "status": match.status.value,
        "plan_pagu": json_number(match.plan.pagu) if match.plan else None,
        "budget_pagu": json_number(match.budget.pagu) if match.budget else None,
        "selisih": json_number(match.selisih),
        "selisih_percent": percent(match.relative),
        "units": list(match.budget.units if match.budget else ()),
    }
