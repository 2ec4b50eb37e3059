"""Numbers as a reader sees them: ``1.234.567`` and ``12,5%`` in Bahasa Indonesia, ``1,234,567`` in English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from selaras.numbers import format_number

__all__ = ["compact_rupiah", "day", "number", "percent", "rupiah", "score"]

_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_SCALES = ((Decimal(10) ** 12, "T", "tn"), (Decimal(10) ** 9, "M", "bn"), (Decimal(10) ** 6, "jt", "mn"))


def number(value: Decimal | int | float, lang: str = "id", *, decimals: int = 0) -> str:
    return format_number(value, decimals=decimals, lang=lang)


def rupiah(value: Decimal | int | float, lang: str = "id") -> str:
    return f"Rp {number(value, lang)}"


def compact_rupiah(value: Decimal | int | float, lang: str = "id") -> str:
    """``Rp 11,6 M`` (miliar), ``Rp 250 jt`` (juta): short labels for charts."""
    amount = Decimal(str(value))
    for scale, short_id, short_en in _SCALES:
        if abs(amount) >= scale:
            decimals = 1 if abs(amount) < 100 * scale else 0
            return f"Rp {number(amount / scale, lang, decimals=decimals)} {short_id if lang == 'id' else short_en}"
    return rupiah(amount, lang)


def percent(value: Decimal | int | float, lang: str = "id", *, decimals: int = 1) -> str:
    return f"{number(value, lang, decimals=decimals)}%"


def score(value: float | None, lang: str = "id") -> str:
    """A 0-100 score with one decimal; an empty score (nothing measured) is a dash, never 0."""
    return "–" if value is None else number(value, lang, decimals=1)


def day(value: date, lang: str = "id") -> str:
    """``15 Maret 2026`` (``15 March 2026``): a deadline as readers write it."""
    return f"{value.day} {_MONTHS['id' if lang == 'id' else 'en'][value.month - 1]} {value.year}"
