"""A workbook calamine refuses is reported where it is broken: the sheet, the cell, what was expected and found.

Each case is one of the fuzzer's mutation kinds (``fuzzing._xml_edit``, a part removed, flipped or truncated
bytes) applied at a known place of a small two-sheet workbook whose texts are shared strings, as Excel writes them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzzing import with_shared_strings
from openpyxl import Workbook

from selaras.ingest.problems import ImportProblem
from selaras.ingest.sheets import SheetReadError, open_spreadsheet
from selaras.ingest.xlsx_faults import locate_fault

ITEM = "xl/worksheets/sheet2.xml"  # the second sheet, "Item"


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """Sheets "Dokumen" and "Item"; Item holds a header and two rows: B2 = "Program A" (a shared string), C3 = 250."""
    book = Workbook()
    dokumen = book.active
    assert dokumen is not None
    dokumen.title = "Dokumen"
    dokumen.append(["Jenis", "Renja"])
    item = book.create_sheet("Item")
    item.append(["Kode", "Nama", "Pagu"])
    item.append(["5.01", "Program A", 100])
    item.append(["5.01.01", "Kegiatan B", 250])
    book.save(tmp_path / "inline.xlsx")
    return with_shared_strings(tmp_path / "inline.xlsx", tmp_path / "renja.xlsx")


def edit(path: Path, part: str, change: Callable[[str], str] | None) -> Path:
    """``path`` with ``part`` changed (or removed when ``change`` is None)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    if change is None:
        del parts[part]
    else:
        parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def refusal(path: Path) -> ImportProblem:
    with pytest.raises(SheetReadError) as refused:
        open_spreadsheet(path)
    return refused.value.problem


def cell_of(problem: ImportProblem) -> tuple[str | None, int | None, str | None]:
    return problem.sheet, problem.row, problem.column


def test_the_fixture_reads_and_uses_shared_strings(workbook: Path) -> None:
    with zipfile.ZipFile(workbook) as archive:
        assert '<c r="B2" t="s">' in archive.read(ITEM).decode()
    with open_spreadsheet(workbook) as book:
        assert list(book.sheets[1].rows())[1][1][1] == "Program A"


def test_a_shared_string_index_out_of_range_names_the_cell_and_the_table_size(workbook: Path) -> None:
    """Mutation: shared-string indexes out of range."""
    edit(workbook, ITEM, lambda xml: re.sub(r'(<c r="B2" t="s"><v>)\d+', r"\g<1>9999", xml))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem)) == ("shared-string-missing", "Item", 2, "B")
    assert problem.message() == "Sel B2 merujuk teks bersama nomor 9999, yang tidak ada (berkas punya 9 teks bersama)"
    assert problem.message("en").startswith("Cell B2 refers to shared string 9999, which does not exist")


@pytest.mark.parametrize("number", ["abc", "1,5", "12 500"])
def test_a_number_cell_holding_no_number_names_the_cell(workbook: Path, number: str) -> None:
    """Mutation: ``abc`` and the like in ``<v>`` of a number cell."""
    edit(workbook, ITEM, lambda xml: xml.replace("<v>250</v>", f"<v>{number}</v>"))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem), problem.value) == ("cell-number-invalid", "Item", 3, "C", number)
    assert f"Sel C3 bertipe angka berisi '{number}'" in problem.message()


@pytest.mark.parametrize(
    ("kind", "code"),
    [("x", "cell-type-invalid"), ("b", "cell-boolean-invalid"), ("e", "cell-error-invalid")],
)
def test_a_cell_type_that_does_not_fit_its_value_names_the_cell(workbook: Path, kind: str, code: str) -> None:
    """Mutation: cell types changed."""
    edit(workbook, ITEM, lambda xml: re.sub(r'<c r="C3"( t="n")?', f'<c r="C3" t="{kind}"', xml))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem)) == (code, "Item", 3, "C")
    assert "Sel C3" in problem.message()


def test_a_closing_tag_cut_out_names_the_cell_and_the_tag_expected(workbook: Path) -> None:
    """Mutation: a chunk cut out (invalid XML)."""
    edit(workbook, ITEM, lambda xml: xml.replace("<v>250</v>", "<v>250"))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem)) == ("xml-unclosed", "Item", 3, "C")
    assert problem.params["expected"] == "v"
    assert problem.message().startswith("XML lembar rusak di sel C3: tag penutup tidak cocok dengan tag yang terbuka;")
    assert "diharapkan penutup `</v>`, ditemukan `" in problem.message()
    assert "a closing tag does not match the open one" in problem.message("en")


def test_a_stray_ampersand_inside_a_cell_names_that_cell(workbook: Path) -> None:
    """Mutation: a stray character in a tag."""
    edit(workbook, ITEM, lambda xml: xml.replace('<c r="A3" t="s"><v>', '<c r="A3" t="s"><v>&', 1))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem)) == ("xml-broken", "Item", 3, "A")
    assert "&" in problem.params["found"]


def test_a_sheet_cut_short_names_the_cell_where_it_ends(workbook: Path) -> None:
    """Mutation: the part truncated."""
    edit(workbook, ITEM, lambda xml: xml[: xml.index('<c r="B3"') + len('<c r="B3" t="s"><v>')])
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem)) == ("xml-unclosed", "Item", 3, "B")
    assert "terputus sebelum selesai" in problem.message()


def test_an_invalid_cell_reference_is_named_with_its_neighbour(workbook: Path) -> None:
    """Mutation: cell references out of order or out of range."""
    edit(workbook, ITEM, lambda xml: xml.replace('r="B3"', 'r="3B"'))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem), problem.value) == ("cell-reference-invalid", "Item", 3, "B", "3B")


@pytest.mark.parametrize("number", ["x", "0", "-3", "3.0", ""])
def test_a_row_number_that_is_no_number_names_the_row_after_the_previous_one(workbook: Path, number: str) -> None:
    """Mutation: a row's ``r`` attribute that calamine cannot read ("Range is missing the expected row component")."""
    edit(workbook, ITEM, lambda xml: xml.replace('<row r="3"', f'<row r="{number}"'))
    problem = refusal(workbook)
    assert (problem.code, problem.sheet, problem.row, problem.value) == ("row-number-invalid", "Item", 3, number)
    assert problem.message() == (
        f"Baris ini (sesudah baris sebelumnya di XML lembar) bernomor '{number}' (atribut r), yang bukan nomor baris; "
        "diharapkan bilangan bulat mulai dari 1"
    )


def test_an_invalid_number_on_the_first_row_is_located_at_row_1(workbook: Path) -> None:
    edit(workbook, ITEM, lambda xml: xml.replace('<row r="1"', '<row r="x"', 1))
    problem = refusal(workbook)
    assert (problem.code, problem.sheet, problem.row, problem.value) == ("row-number-invalid", "Item", 1, "x")
    assert "baris 0" not in problem.message()


def test_a_cell_in_row_zero_is_an_invalid_reference(workbook: Path) -> None:
    edit(workbook, ITEM, lambda xml: xml.replace('r="B3"', 'r="B0"'))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem), problem.value) == ("cell-reference-invalid", "Item", 3, "B", "B0")


@pytest.mark.parametrize(
    ("element", "code"),
    [
        ('<dimension ref="zz"/>', "dimension-invalid"),
        ('<mergeCells count="1"><mergeCell ref="A1:ZZ"/></mergeCells>', "merge-invalid"),
    ],
)
def test_a_sheet_range_that_is_no_range_names_the_sheet_and_the_range(workbook: Path, element: str, code: str) -> None:
    """A dimension or merged-cell range calamine cannot read."""

    def add(xml: str) -> str:
        xml = re.sub(r"<dimension [^>]*/>", "", xml)
        if element.startswith("<dimension"):
            return xml.replace("<sheetData", element + "<sheetData", 1)
        return xml.replace("</sheetData>", "</sheetData>" + element, 1)

    edit(workbook, ITEM, add)
    problem = refusal(workbook)
    assert (problem.code, problem.sheet, problem.value) == (code, "Item", re.findall(r'ref="([^"]*)"', element)[0])
    assert "yang bukan rentang sel" in problem.message()


def test_the_sheet_is_named_through_the_workbook_relationships_not_the_file_number(workbook: Path) -> None:
    """Sheet parts need not be numbered in sheet order: "Item" is found through xl/workbook.xml and its rels."""
    edit(
        workbook,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace("sheet1.xml", "SWAP").replace("sheet2.xml", "sheet1.xml").replace("SWAP", "sheet2.xml"),
    )
    edit(workbook, ITEM, lambda xml: xml.replace("<v>250</v>", "<v>abc</v>"))
    problem = refusal(workbook)
    assert (problem.code, *cell_of(problem)) == ("cell-number-invalid", "Dokumen", 3, "C")


def test_a_missing_sheet_part_names_the_sheet_and_the_part(workbook: Path) -> None:
    """Mutation: a part removed."""
    edit(workbook, ITEM, None)
    problem = refusal(workbook)
    assert (problem.code, problem.sheet, problem.params["part"]) == ("xlsx-part-missing", "Item", ITEM)


def test_a_package_that_does_not_point_to_its_workbook_says_so(workbook: Path) -> None:
    """Mutation: the officeDocument relationship cut out of _rels/.rels (calamine: "Relationship not found")."""
    edit(workbook, "_rels/.rels", lambda xml: re.sub(r"<Relationship [^>]*officeDocument\"[^>]*/>", "", xml))
    problem = refusal(workbook)
    assert (problem.code, problem.params["part"]) == ("xlsx-workbook-unlinked", "_rels/.rels")
    assert problem.message().startswith("Berkas .xlsx rusak: bagian _rels/.rels tidak menunjuk ke buku kerjanya")


def test_broken_shared_strings_say_after_which_string(workbook: Path) -> None:
    edit(workbook, "xl/sharedStrings.xml", lambda xml: xml.replace('<t xml:space="preserve">Program A</t>', "<t>"))
    problem = refusal(workbook)
    assert (problem.code, problem.params["count"]) == ("shared-strings-broken", "6")
    assert problem.message().startswith("Daftar teks bersama (xl/sharedStrings.xml) rusak setelah teks ke-6")


def test_flipped_bytes_in_a_sheet_name_the_damaged_part_and_its_sheet(workbook: Path) -> None:
    """Mutation: flipped bytes (inside the compressed sheet: its CRC-32 no longer matches)."""
    with zipfile.ZipFile(workbook) as archive:
        info = archive.getinfo(ITEM)
    data = bytearray(workbook.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + 28):
        data[offset] ^= 0xFF
    workbook.write_bytes(bytes(data))
    problem = refusal(workbook)
    assert (problem.code, problem.sheet, problem.params["part"]) == ("xlsx-part-corrupt", "Item", ITEM)
    assert problem.params["found"] in ("CRC-32", "deflate")


def test_a_truncated_file_is_a_broken_zip_and_a_renamed_text_is_no_zip(workbook: Path, tmp_path: Path) -> None:
    """Mutation: the file truncated; and a file that never was a workbook."""
    workbook.write_bytes(workbook.read_bytes()[:3000])
    problem = refusal(workbook)
    assert (problem.code, problem.params["found"]) == ("xlsx-zip-broken", "3.000")
    assert "(berkas 3.000 bita)" in problem.message()
    text = tmp_path / "catatan.xlsx"
    text.write_text("bukan buku kerja", encoding="utf-8")
    assert refusal(text).code == "xlsx-not-zip"
    assert "bukan arsip zip" in refusal(text).message()


def test_nothing_is_blamed_in_a_healthy_workbook(workbook: Path) -> None:
    assert locate_fault(workbook) is None
    assert locate_fault(workbook, "Item") is None
