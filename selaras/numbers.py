"""Indonesian number formats, in and out.

Planners write ``Rp 1.234.567,50``, ``Rp 1.234.567,-`` (no sen), ``12,5%`` and ``1.000`` (one thousand); SIPD
exports sometimes carry English-style ``1,234,567.50`` or plain ``1234567.5``. Parsing has to tell them apart
without guessing wrong on ``1.000`` (always one thousand in an Indonesian sheet) — so a single dot followed by
exactly three digits is a thousands separator, and the comma is the decimal mark unless the text is clearly English.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["format_number", "format_percent", "format_rupiah", "json_number", "parse_number"]

# The currency, spaces, a trailing % and the ",-" that closes a whole rupiah amount ("Rp 1.500,-").
_NOISE = re.compile(r"(?i)^\s*(rp\.?|idr)\s*|\s+|%$|(?<=\d)[,.]-+$")
# A thousands group never starts a number with 0: "0,447" and "0.137" are decimals.
_ID_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
# English grouping only when unambiguous: "1,234,567" or "1,234.50"; a lone "1,234" is Indonesian 1.234.
_EN_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}((,\d{3}){2,}(\.\d+)?|(,\d{3})+\.\d+)$")
_ID_DECIMAL = re.compile(r"^-?\d+,\d+$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")


def parse_number(value: object) -> Decimal | None:
    """Read a number the way an Indonesian planner wrote it; ``None`` for blank cells.

    >>> parse_number("Rp 1.234.567,50")
    Decimal('1234567.50')
    >>> parse_number("12,5%")
    Decimal('12.5')

    Raises ``ValueError`` when the text is not a number, so the caller can report the cell.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"bukan angka: {value!r}")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip()
    if text in {"", "-"}:
        return None
    negative = text.startswith("(") and text.endswith(")")
    text = _NOISE.sub("", text.strip("()"))
    if _ID_THOUSANDS.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _EN_THOUSANDS.match(text):
        text = text.replace(",", "")
    elif _ID_DECIMAL.match(text):
        text = text.replace(",", ".")
    elif not _PLAIN.match(text):
        raise ValueError(f"bukan angka: {value!r}")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit only valid decimals
        raise ValueError(f"bukan angka: {value!r}") from exc
    return -number if negative else number


def format_number(value: Decimal | int | float, *, decimals: int = 0, lang: str = "id") -> str:
    """Format with ``.`` thousands and ``,`` decimals: ``format_number(1234567.891, decimals=2)`` → ``1.234.567,89``;
    with ``lang="en"`` the English way, ``1,234,567.89``."""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if lang != "id":
        return f"{sign}{int(whole):,}.{fraction}" if decimals else f"{sign}{int(whole):,}"
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if decimals else f"{sign}{grouped}"


def format_rupiah(value: Decimal | int | float, *, decimals: int = 0) -> str:
    """``Rp 1.234.567`` — the way pagu is written in every Indonesian plan."""
    return f"Rp {format_number(value, decimals=decimals)}"


def format_percent(value: Decimal | int | float, *, decimals: int = 1) -> str:
    """``12,5%``."""
    return f"{format_number(value, decimals=decimals)}%"


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as JSON writes it: whole values as integers (``1500000000``), others as floats; None stays null."""
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)
