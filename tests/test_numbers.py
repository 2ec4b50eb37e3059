from __future__ import annotations

from decimal import Decimal

import pytest

from selaras.numbers import format_number, format_percent, format_rupiah, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Rp 1.234.567,50", Decimal("1234567.50")),
        ("Rp. 1.234.567", Decimal("1234567")),
        ("IDR 2.500.000", Decimal("2500000")),
        ("12,5%", Decimal("12.5")),
        ("12,5 %", Decimal("12.5")),
        ("1.000", Decimal("1000")),
        ("1.000.000", Decimal("1000000")),
        ("0,447", Decimal("0.447")),
        ("0.137", Decimal("0.137")),
        ("1,234,567.50", Decimal("1234567.50")),
        ("1,234.5", Decimal("1234.5")),
        ("1,234", Decimal("1.234")),  # a lone comma group is the Indonesian decimal mark
        ("1234567.5", Decimal("1234567.5")),
        ("1234567", Decimal("1234567")),
        ("2,75", Decimal("2.75")),
        ("-12,5", Decimal("-12.5")),
        ("-1.000", Decimal("-1000")),
        ("(1.234.567)", Decimal("-1234567")),
        ("(Rp 1.500,25)", Decimal("-1500.25")),
        ("Rp 1.234.567,-", Decimal("1234567")),  # whole rupiah, as typed in letters and plan tables
        ("2.500.000,-", Decimal("2500000")),
    ],
)
def test_parse_number(text: str, number: Decimal) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("blank", [None, "", "   ", "-", " - "])
def test_blank_cells_are_none(blank: object) -> None:
    assert parse_number(blank) is None


@pytest.mark.parametrize(
    ("value", "number"),
    [(7, Decimal(7)), (Decimal("1.50"), Decimal("1.50")), (0.1, Decimal("0.1")), (1234567.5, Decimal("1234567.5"))],
)
def test_numbers_from_spreadsheet_cells_are_kept_exactly(value: object, number: Decimal) -> None:
    assert parse_number(value) == number


@pytest.mark.parametrize("text", ["abc", "12 ribu", "1.2.3", "2,5±1,0", "2026-11-11 00:00:00"])
def test_text_that_is_not_a_number_is_an_error_naming_the_value(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_number(text)
    assert str(error.value) == f"bukan angka: {text!r}"


def test_a_boolean_cell_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="bukan angka: True"):
        parse_number(True)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234567, 0, "1.234.567"),
        (1234567.891, 2, "1.234.567,89"),
        (Decimal("0.5"), 0, "1"),
        (Decimal("-1234.5"), 0, "-1.235"),
        (0, 0, "0"),
        (999, 0, "999"),
        (Decimal("1000"), 1, "1.000,0"),
    ],
)
def test_format_number(value: Decimal | int | float, decimals: int, text: str) -> None:
    assert format_number(value, decimals=decimals) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(1234567, 0, "1,234,567"), (1234567.891, 2, "1,234,567.89"), (Decimal("-1234.5"), 1, "-1,234.5")],
)
def test_format_number_in_english(value: Decimal | int | float, decimals: int, text: str) -> None:
    assert format_number(value, decimals=decimals, lang="en") == text


def test_format_rupiah() -> None:
    assert format_rupiah(1500000) == "Rp 1.500.000"
    assert format_rupiah(Decimal("1234567.5"), decimals=2) == "Rp 1.234.567,50"


def test_format_percent() -> None:
    assert format_percent(12.5) == "12,5%"
    assert format_percent(Decimal("0.254"), decimals=2) == "0,25%"


@pytest.mark.parametrize("amount", [Decimal("0.50"), Decimal("1000.00"), Decimal("1234567.89"), Decimal("-42.10")])
def test_what_is_formatted_reads_back_the_same(amount: Decimal) -> None:
    assert parse_number(format_rupiah(amount, decimals=2)) == amount


def test_json_number_keeps_whole_values_integral() -> None:
    from selaras.numbers import json_number

    assert json_number(Decimal("1500000000.00")) == 1500000000 and isinstance(json_number(Decimal("3")), int)
    assert json_number(Decimal("12.5")) == 12.5 and json_number(None) is None
