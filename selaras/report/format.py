"""Numbers, dates and times as a reader sees them: ``1.234.567``, ``12,5%`` and ``15 Maret 2026`` in Bahasa Indonesia,
``1,234,567`` and ``15 March 2026`` in English."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from selaras.domain.calendar import format_day
from selaras.numbers import format_number
from selaras.reference.wilayah import TimeZone

__all__ = ["compact_rupiah", "day", "number", "percent", "rupiah", "score", "when"]

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
    """``15 Maret 2026`` (``15 March 2026``): a deadline as readers write it (month names: the calendar's)."""
    return format_day(value, lang)


def when(value: datetime, lang: str = "id", zone: TimeZone | None = None) -> str:
    """``7 Desember 2026 11.32 WIB`` (``7 December 2026 11:32 WIB``): a moment as readers write it, Indonesian
    with a dot between hours and minutes, in the pemda's ``zone`` (:func:`~selaras.reference.wilayah.time_zone`),
    named because a province reads WIB, WITA or WIT; in UTC, so named, without one. Seconds are noise to a reader.
    The store keeps naive UTC (an aware value is turned to UTC first)."""
    moment = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if zone is not None:
        moment += timedelta(hours=zone.hours)
    return f"{day(moment, lang)} {moment:%H}{'.' if lang == 'id' else ':'}{moment:%M} {zone.name if zone else 'UTC'}"
