"""Plan changes (:class:`~selaras.domain.diff.PlanDiff`) as lines a planner reads, in Bahasa Indonesia or
English: what ``selaras diff``, ``import --dry-run``, ``restore`` and the web's upload confirmation show."""

from __future__ import annotations

from decimal import Decimal

from selaras.domain.diff import Change, PlanDiff
from selaras.i18n import Catalog
from selaras.numbers import format_number, format_rupiah

__all__ = ["KINDS", "MAX_LINES", "diff_lines"]

MAX_LINES = 40
KINDS = (
    "ditambah",
    "dihapus",
    "kode berubah",
    "nama",
    "induk",
    "pagu",
    "indikator ditambah",
    "indikator dihapus",
    "target",
    "satuan",
    "kondisi awal",
)
"""Every kind of :class:`~selaras.domain.diff.Change`, in the order the counts line names them."""
TEXTS = Catalog(
    {
        "diff-counts": ("  {counts}", "  {counts}"),
        "diff-none": ("tidak ada perubahan", "no changes"),
        "diff-pagu": ("  pagu program {year}: {old} → {new}", "  program pagu {year}: {old} → {new}"),
        "diff-more": (
            "  … dan {count} perubahan lain (lengkap dengan --json atau --xlsx)",
            "  … and {count} more changes (all of them with --json or --xlsx)",
        ),
        "diff-link-lost": ("  tautan hilang: {link}", "  link lost: {link}"),
        "diff-link-gained": ("  tautan baru: {link}", "  link gained: {link}"),
    }
)


def diff_lines(changes: PlanDiff, lang: str, *, limit: int | None = MAX_LINES) -> list[str]:
    """The diff as lines a planner reads: counts of every kind of change first (an import that drops a document's
    indicators must say so), then each change (the first ``limit``; 0: the counts and pagu lines alone)."""
    kinds = [*KINDS, *sorted({change.kind for change in changes.changes} - set(KINDS))]
    counts = ", ".join(f"{changes.count(kind)} {kind}" for kind in kinds if changes.count(kind))
    lines = [TEXTS("diff-counts", lang, counts=counts or TEXTS("diff-none", lang))]
    for year in sorted(changes.pagu_old.keys() | changes.pagu_new.keys()):
        old, new = changes.pagu_old.get(year), changes.pagu_new.get(year)
        if old != new:
            lines.append(TEXTS("diff-pagu", lang, year=year, old=_rupiah(old), new=_rupiah(new)))
    shown = changes.changes if limit is None else changes.changes[:limit]
    lines += [_change_line(change) for change in shown]
    if shown and len(shown) < len(changes.changes):
        lines.append(TEXTS("diff-more", lang, count=len(changes.changes) - len(shown)))
    lines += [TEXTS("diff-link-lost", lang, link=f"{link.source.item} → {link.target}") for link in changes.links_lost]
    lines += [
        TEXTS("diff-link-gained", lang, link=f"{link.source.item} → {link.target}") for link in changes.links_gained
    ]
    return lines


def _rupiah(value: Decimal | None) -> str:
    return format_rupiah(value) if value is not None else "-"


def _change_line(change: Change) -> str:
    where = f"{change.item} {change.text[:50]}"
    detail = f" [{change.indicator[:40]}]" if change.indicator else ""
    year = f" {change.year}" if change.year else ""
    values = f": {_value(change.old)} → {_value(change.new)}" if change.old or change.new else ""
    return f"  {change.kind}{year} {where}{detail}{values}"


def _value(text: str) -> str:
    """A number in Indonesian format (``175.000.000``, ``97,5``); any other text as it is; blank as ``-``."""
    if not text:
        return "-"
    try:
        value = Decimal(text)
    except ArithmeticError:
        return text
    exponent = value.as_tuple().exponent
    return format_number(value, decimals=max(0, -exponent) if isinstance(exponent, int) else 0)
