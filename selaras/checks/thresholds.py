"""Thresholds of the rules, in one typed object with documented defaults, overridable from TOML.

A run reads ``[thresholds]`` from the file given to ``selaras check --config FILE``; unknown names are an
error so a typo never silently keeps a default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path

from selaras.errors import ConfigurationError
from selaras.reference.nomenclature import Nomenclature

__all__ = ["CheckContext", "Thresholds", "load_thresholds", "threshold_docs"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Tolerances and limits used by the rules."""

    target_tolerance: Decimal = Decimal("0.01")
    """Relative difference allowed between a Renja/RKPD target and the Renstra target of the same year (1%)."""

    pagu_tolerance: Decimal = Decimal("0.0")
    """Relative amount by which a Renja pagu may exceed the Renstra indicative pagu (0 = not at all)."""

    sum_tolerance: Decimal = Decimal("1")
    """Absolute difference in rupiah ignored when comparing a parent's pagu with the sum of its children."""

    name_similarity: float = 0.85
    """Minimum similarity (0-1) for an item or indicator name to count as the same as the reference one."""

    nomenclature_similarity: float = 0.97
    """Minimum similarity for a program/kegiatan/sub kegiatan name to count as its nomenclature name. Official
    names are used verbatim, so only typos are tolerated: a replaced or added word ("Pengadaan" for
    "Penyediaan", "... Tahap Lanjutan") falls below it."""

    duplicate_similarity: float = 0.92
    """Minimum name similarity for two sub kegiatan of different PD to count as duplicated work."""

    unit_cost_z: float = 3.5
    """Robust z-score (median/MAD) above which a unit cost is an outlier among the province's pemda."""

    unit_cost_min_peers: int = 3
    """Fewest pemda with the same sub kegiatan code needed before unit costs are compared."""

    restated_similarity: float = 0.9
    """Similarity of an indicator to its item's name from which it merely restates the activity (no measure)."""

    budget_difference: Decimal = Decimal("0.2")
    """Relative difference between a sub kegiatan's pagu in the Renja/RKPD and in the KUA-PPAS/APBD of the same
    year (as a fraction of the planned pagu) above which it is flagged (20%)."""

    expected_progress_tw1: Decimal = Decimal("0.20")
    """Share of the year's target and pagu expected to be realised by the end of TW I (monitoring, SEL9xx)."""

    expected_progress_tw2: Decimal = Decimal("0.45")
    """Share expected by the end of TW II."""

    expected_progress_tw3: Decimal = Decimal("0.75")
    """Share expected by the end of TW III."""

    expected_progress_tw4: Decimal = Decimal("1")
    """Share expected by the end of TW IV."""

    progress_lag: Decimal = Decimal("0.15")
    """How far (as a share of the year's target or pagu) realisation may fall behind the expected curve before an
    item is flagged as lagging (15 points)."""

    absorbed_without_progress: Decimal = Decimal("0.25")
    """Serapan anggaran (share of pagu) from which an item with no physical realisation at all is flagged."""


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule may use besides the data: the year under review, thresholds and the nomenclature."""

    year: int
    nomenclature: Nomenclature
    thresholds: Thresholds = field(default_factory=Thresholds)


def load_thresholds(path: Path | None) -> Thresholds:
    """Defaults, overridden by the ``[thresholds]`` table of a TOML file when ``path`` is given."""
    if path is None:
        return Thresholds()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("thresholds", {})
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"berkas ambang batas {path} tidak dapat dibaca: {error}") from error
    known = {item.name: item for item in fields(Thresholds)}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise ConfigurationError(f"{path}: ambang batas tidak dikenal: {', '.join(unknown)}")
    defaults = Thresholds()
    values: dict[str, object] = {}
    for name, raw in table.items():
        kind = type(getattr(defaults, name))
        try:
            values[name] = kind(str(raw)) if kind is Decimal else kind(raw)
        except (ValueError, ArithmeticError) as error:
            raise ConfigurationError(f"{path}: {name} = {raw!r} bukan {kind.__name__}") from error
    return replace(defaults, **values)  # type: ignore[arg-type]  # each value was converted to its field's type


def threshold_docs() -> dict[str, str]:
    """Each threshold's help text: the string literal written below its field (one line)."""
    import ast
    import inspect
    from itertools import pairwise

    tree = ast.parse(inspect.getsource(Thresholds))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for statement, following in pairwise(body):
        documented = isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and documented:
            docs[statement.target.id] = " ".join(str(following.value.value).split())
    return docs
