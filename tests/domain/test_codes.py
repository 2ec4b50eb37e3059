from __future__ import annotations

import pytest

from selaras.domain import CodeLevel, ItemLevel, NomenclatureCode, parse_code


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("1", CodeLevel.URUSAN),
        ("1.01", CodeLevel.BIDANG_URUSAN),
        ("1.01.02", CodeLevel.PROGRAM),
        ("1.01.02.2.01", CodeLevel.KEGIATAN),
        ("1.01.02.2.01.0001", CodeLevel.SUB_KEGIATAN),
    ],
)
def test_every_level_is_recognised(text: str, level: CodeLevel) -> None:
    code = parse_code(text)
    assert code == NomenclatureCode(text, level)
    assert str(code) == text


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("1.01.02.2.01.01", "1.01.02.2.01.0001"),
        ("1.01.02.2.01.001", "1.01.02.2.01.0001"),
        ("5.05.03.2.02.18", "5.05.03.2.02.0018"),
        (" 1.01.02.2.01.0001 ", "1.01.02.2.01.0001"),
        ("1.01.02.", "1.01.02"),
    ],
)
def test_sub_kegiatan_is_zero_padded_and_spaces_and_trailing_dot_are_dropped(text: str, canonical: str) -> None:
    assert parse_code(text).text == canonical


def test_numeric_cells_from_a_spreadsheet_are_read_as_text() -> None:
    assert parse_code(5.01) == NomenclatureCode("5.01", CodeLevel.BIDANG_URUSAN)
    assert parse_code(1) == NomenclatureCode("1", CodeLevel.URUSAN)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("X", CodeLevel.URUSAN),
        ("X.XX", CodeLevel.BIDANG_URUSAN),
        ("x.xx.01", CodeLevel.PROGRAM),
        ("X.XX.01.2.01", CodeLevel.KEGIATAN),
        ("X.XX.01.2.01.0001", CodeLevel.SUB_KEGIATAN),
    ],
)
def test_placeholder_codes_of_program_penunjang(text: str, level: CodeLevel) -> None:
    code = parse_code(text)
    assert code.text == text.upper()
    assert code.level is level


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "abc",
        "X.01",  # placeholder urusan with a real bidang
        "1.XX.01",  # real urusan with a placeholder bidang
        "1.1",  # a float 1.10 that lost its trailing zero
        "1.01.02.9.01",  # the kegiatan digit is 1-8
        "1.01.02.2.01.00001",
        "1.01.02.2",
        "1..01",
    ],
)
def test_malformed_codes_are_refused_with_the_expected_shape(text: object) -> None:
    with pytest.raises(ValueError) as error:
        parse_code(text)
    assert str(error.value) == f"kode nomenklatur tidak valid: {text!r} (contoh bentuk yang benar: 1.01.02.2.01.0001)"


def test_segments_keep_the_kegiatan_as_one_segment() -> None:
    assert parse_code("1.01.02.2.01.0001").segments == ("1", "01", "02", "2.01", "0001")
    assert parse_code("1.01").segments == ("1", "01")


def test_parent_walks_up_one_level_at_a_time() -> None:
    code: NomenclatureCode | None = parse_code("1.01.02.2.01.0001")
    chain = []
    while code is not None:
        chain.append((code.text, code.level))
        code = code.parent
    assert chain == [
        ("1.01.02.2.01.0001", CodeLevel.SUB_KEGIATAN),
        ("1.01.02.2.01", CodeLevel.KEGIATAN),
        ("1.01.02", CodeLevel.PROGRAM),
        ("1.01", CodeLevel.BIDANG_URUSAN),
        ("1", CodeLevel.URUSAN),
    ]


def test_prefix_cuts_a_code_down_to_a_level() -> None:
    code = parse_code("1.01.02.2.01.0001")
    assert code.prefix(CodeLevel.PROGRAM) == NomenclatureCode("1.01.02", CodeLevel.PROGRAM)
    assert code.prefix(CodeLevel.KEGIATAN).text == "1.01.02.2.01"
    assert code.prefix(CodeLevel.SUB_KEGIATAN) == code


def test_prefix_deeper_than_the_code_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"^1\.01 tidak memiliki tingkat sub_kegiatan$"):
        parse_code("1.01").prefix(CodeLevel.SUB_KEGIATAN)


def test_bidang_urusan() -> None:
    assert parse_code("1.01.02.2.01.0001").bidang_urusan == "1.01"
    assert parse_code("1.01").bidang_urusan == "1.01"
    assert parse_code("1").bidang_urusan is None


@pytest.mark.parametrize(
    ("text", "kewenangan"),
    [
        ("1.01.02.1.01", "provinsi"),
        ("1.01.02.1.01.0001", "provinsi"),
        ("1.01.02.2.01", "kabupaten_kota"),
        ("1.01.02.2.01.0001", "kabupaten_kota"),
        ("1.01.02", None),
        ("1.01", None),
    ],
)
def test_kewenangan_is_read_from_the_kegiatan_segment(text: str, kewenangan: str | None) -> None:
    assert parse_code(text).kewenangan == kewenangan


@pytest.mark.parametrize(
    ("text", "penunjang"),
    [
        ("5.01.01", True),
        ("5.01.01.2.01.0001", True),
        ("X.XX.01.2.01", True),
        ("5.01.02", False),
        ("5.01.02.2.01.0001", False),
        ("5.01", False),
        ("5", False),
    ],
)
def test_program_01_is_penunjang(text: str, penunjang: bool) -> None:
    assert parse_code(text).is_penunjang is penunjang


def test_as_placeholder_replaces_urusan_and_bidang() -> None:
    assert parse_code("5.01.01.2.01.0001").as_placeholder() == NomenclatureCode(
        "X.XX.01.2.01.0001", CodeLevel.SUB_KEGIATAN
    )
    assert parse_code("5.01.01").as_placeholder() == NomenclatureCode("X.XX.01", CodeLevel.PROGRAM)


def test_only_program_kegiatan_and_sub_kegiatan_become_plan_items() -> None:
    assert CodeLevel.URUSAN.item_level is None
    assert CodeLevel.BIDANG_URUSAN.item_level is None
    assert CodeLevel.PROGRAM.item_level is ItemLevel.PROGRAM
    assert CodeLevel.KEGIATAN.item_level is ItemLevel.KEGIATAN
    assert CodeLevel.SUB_KEGIATAN.item_level is ItemLevel.SUB_KEGIATAN


def test_codes_sort_in_code_order() -> None:
    codes = [parse_code(text) for text in ("1.02", "1.01.02", "1.01")]
    assert [code.text for code in sorted(codes)] == ["1.01", "1.01.02", "1.02"]


@pytest.mark.parametrize(
    ("text", "kewenangan"),
    [
        ("2.10.03.7.01", None),
        ("1.01.02.3.06.0001", None),
        ("1.01.02.2.01", "kabupaten_kota"),
        ("1.01.02.1.01", "provinsi"),
    ],
)
def test_kegiatan_digits_3_to_8_are_special_blocks_of_both_levels(text: str, kewenangan: str | None) -> None:
    assert parse_code(text).kewenangan == kewenangan
