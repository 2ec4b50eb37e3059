"""read_sipd on small broken or unusual tables: each problem names file, sheet, row, column and value."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sipd_builders import write_xlsx

from selaras.domain import Document, DocumentKind, Period, Plan
from selaras.ingest.problems import ImportProblem, Severity, has_errors
from selaras.ingest.sipd import read_sipd
from selaras.reference.nomenclature import bundled_nomenclature

RENJA = Document(DocumentKind.RENJA, "62.71", Period(2026, 2026))
RENSTRA = Document(DocumentKind.RENSTRA, "62.71", Period(2026, 2030))
HEADER = ["Kode", "Uraian", "Indikator", "Satuan", "Target", "Pagu"]
PROGRAM = ["5.01.02", "PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI", "Persentase keselarasan", "%", 100, 3_000_000]
KEGIATAN = ["5.01.02.2.01", "Penyusunan Perencanaan dan Pendanaan", "Jumlah dokumen", "Dokumen", 3, 3_000_000]
SUB = ["5.01.02.2.01.0001", "Analisis Kondisi Daerah", "Jumlah dokumen analisis", "Dokumen", 1, 1_000_000]


def read(path: Path, document: Document = RENJA, jenis: str = "kabupaten_kota") -> tuple[Plan, list[ImportProblem]]:
    sections, problems = read_sipd(path, document=document, nomenclature=bundled_nomenclature(), jenis=jenis)
    return (sections[0].plan if sections else Plan(document)), problems


def table(path: Path, *rows: list[object], header: list[object] = HEADER) -> Path:
    return write_xlsx(path, [header, *rows], title="Renja")


def only_problem(problems: list[ImportProblem]) -> ImportProblem:
    assert len(problems) == 1, problems
    assert has_errors(problems)
    return problems[0]


def where(problem: ImportProblem) -> tuple[object, ...]:
    return problem.code, problem.sheet, problem.row, problem.column, problem.value


def test_wrong_file_type(tmp_path: Path) -> None:
    path = tmp_path / "renja.txt"
    path.write_text("Kode;Uraian\n5.01.02;Program\n", encoding="utf-8")
    problem = only_problem(read(path)[1])
    assert (problem.code, problem.file, problem.sheet, problem.row) == ("file-type", "renja.txt", None, None)
    assert ".txt" in problem.message()


def test_a_word_document_renamed_to_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "renja.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    plan, problems = read(path)
    assert only_problem(problems).code == "xlsx-not-workbook" and plan.items == []


def test_a_text_file_renamed_to_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "renja.xlsx"
    path.write_text("bukan excel", encoding="utf-8")
    problem = only_problem(read(path)[1])
    assert (problem.code, problem.file) == ("xlsx-not-zip", "renja.xlsx")


def test_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "kosong.xlsx"
    Workbook().save(path)
    assert only_problem(read(path)[1]).code == "empty"


def test_header_without_data_is_an_empty_sheet(tmp_path: Path) -> None:
    problem = only_problem(read(table(tmp_path / "judul-saja.xlsx"))[1])
    assert (problem.code, problem.sheet) == ("empty", "Renja")


def test_header_not_found(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "tanpa-judul.xlsx", [["RENJA 2026"], ["5.01.02", "Program"]])
    assert where(only_problem(read(path)[1])) == ("header-not-found", "Tabel", None, None, "")


def test_missing_required_column(tmp_path: Path) -> None:
    path = table(tmp_path / "tanpa-kode.xlsx", PROGRAM[1:], header=HEADER[1:])
    problem = only_problem(read(path)[1])
    assert (problem.code, problem.sheet, problem.params["expected"]) == ("column-not-recognised", "Renja", "Kode")
    assert "'Indikator'" in problem.params["found"] and "'Kode Nomenklatur'" in problem.params["accepted"]
    assert "Kolom yang dikenali" in problem.message()


def test_malformed_code(tmp_path: Path) -> None:
    path = table(tmp_path / "kode-salah.xlsx", PROGRAM, ["5.1.02.2.01", *KEGIATAN[1:]])
    plan, problems = read(path)
    assert where(only_problem(problems)) == ("malformed-code", "Renja", 3, "Kode", "5.1.02.2.01")
    assert [item.key for item in plan.items] == ["5.01.02"]


def test_code_deeper_than_sub_kegiatan_is_at_the_wrong_level(tmp_path: Path) -> None:
    path = table(tmp_path / "tujuh-segmen.xlsx", PROGRAM, KEGIATAN, ["5.01.02.2.01.0001.01", *SUB[1:]])
    problem = only_problem(read(path)[1])
    assert where(problem) == ("code-wrong-level", "Renja", 4, "Kode", "5.01.02.2.01.0001.01")
    assert "7 segmen" in problem.message()


def test_provincial_kegiatan_in_a_kabupaten_plan_is_at_the_wrong_level(tmp_path: Path) -> None:
    path = table(tmp_path / "kewenangan.xlsx", PROGRAM, ["5.01.02.1.01", *KEGIATAN[1:]])
    problem = only_problem(read(path)[1])
    assert where(problem) == ("code-wrong-level", "Renja", 3, "Kode", "5.01.02.1.01")
    assert problem.params == {"found": "kegiatan kewenangan provinsi", "expected": "kegiatan kewenangan kabupaten/kota"}
    plan, problems = read(path, jenis="provinsi")
    assert not has_errors(problems) and plan.item("5.01.02.1.01").parent == "5.01.02"


def test_duplicate_code(tmp_path: Path) -> None:
    path = table(tmp_path / "ganda.xlsx", PROGRAM, KEGIATAN, SUB, [" 5.01.02.2.01.01 ", "Analisis lagi", "X", "", 1, 5])
    plan, problems = read(path)
    problem = only_problem(problems)
    assert where(problem) == ("duplicate", "Renja", 5, "Kode", "5.01.02.2.01.01")
    assert problem.params == {"first_row": "4"}
    assert plan.item("5.01.02.2.01.0001").pagu(2026) == Decimal(1_000_000)


def test_sub_kegiatan_before_its_kegiatan_is_an_orphan(tmp_path: Path) -> None:
    problem = only_problem(read(table(tmp_path / "yatim.xlsx", PROGRAM, SUB))[1])
    assert where(problem) == ("code-orphan", "Renja", 3, "Kode", "5.01.02.2.01.0001")
    assert problem.params == {"expected": "kegiatan 5.01.02.2.01"}


def test_text_in_number_columns(tmp_path: Path) -> None:
    path = table(tmp_path / "bukan-angka.xlsx", PROGRAM, [*KEGIATAN[:4], "Tersedia", "tiga juta"])
    plan, problems = read(path)
    assert [where(problem) for problem in problems] == [
        ("not-a-number", "Renja", 3, "Target", "Tersedia"),
        ("not-a-number", "Renja", 3, "Pagu", "tiga juta"),
    ]
    assert has_errors(problems) and plan.item("5.01.02.2.01").budgets == []


def test_target_with_another_unit_than_its_satuan_is_not_a_number(tmp_path: Path) -> None:
    path = table(tmp_path / "satuan.xlsx", [*PROGRAM[:4], "14 Dokumen", 1], [*KEGIATAN[:4], "3 Dokumen", 1])
    assert where(only_problem(read(path)[1])) == ("not-a-number", "Renja", 2, "Target", "14 Dokumen")


def test_negative_pagu(tmp_path: Path) -> None:
    path = table(tmp_path / "negatif.xlsx", [*PROGRAM[:5], "-1.000.000"])
    assert where(only_problem(read(path)[1])) == ("negative", "Renja", 2, "Pagu", "-1.000.000")


def test_indonesian_and_english_numbers_read_the_same(tmp_path: Path) -> None:
    rows = [PROGRAM, KEGIATAN]
    for number, pagu, target in (
        (1, "Rp 1.234.567,50", "12,5%"),
        (2, "1,234,567.50", "12.5%"),
        (3, 1234567.5, 12.5),
        (4, "Rp. 1.234.567,50", "12,5 %"),
    ):
        rows.append([f"5.01.02.2.01.{number:04d}", f"Sub {number}", "Persentase", None, target, pagu])
    plan, problems = read(table(tmp_path / "angka.xlsx", *rows))
    assert not has_errors(problems)
    subs = plan.items[2:]
    assert {item.pagu(2026) for item in subs} == {Decimal("1234567.5")}
    assert {item.indicators[0].targets[2026] for item in subs} == {Decimal("12.5")}
    assert [item.indicators[0].satuan for item in subs] == ["%", "%", "", "%"]  # a number cell carries no unit


def test_merged_two_row_header_with_years_and_numbering_row(tmp_path: Path) -> None:
    top = ["No. Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target Kinerja", None, "Pagu", None]
    years = [None, None, None, "2026", "2027", "Tahun 2026", "Tahun 2027"]
    rows = [["RENSTRA 2026-2030"], [], top, years, [1, 2, 3, 4, 5, 6, 7]]
    rows += [["5.01.02", "PROGRAM PERENCANAAN", "Persentase", 90, "lima", 100, "Rp 200"]]
    rows += [[None, None, "Indeks kualitas", 3, 3.5]]
    merged = ["A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:G3"]
    plan, problems = read(write_xlsx(tmp_path / "gabung.xlsx", rows, merged=merged), RENSTRA)
    assert where(only_problem(problems)) == ("not-a-number", "Tabel", 6, "Target Kinerja / 2027", "lima")
    program = plan.item("5.01.02")
    assert [indicator.targets for indicator in program.indicators] == [
        {2026: Decimal(90)},
        {2026: Decimal(3), 2027: Decimal("3.5")},
    ]
    assert {budget.year: budget.pagu for budget in program.budgets} == {2026: Decimal(100), 2027: Decimal(200)}


def test_three_row_header_target_and_rp_under_each_year(tmp_path: Path) -> None:
    group = ["Kode", "Program dan Kegiatan", "Indikator", "Target Kinerja Program dan Kerangka Pendanaan"]
    years = [None, None, None, "Tahun 2026", None, "Tahun 2027", None]
    kinds = [None, None, None, "Target", "Rp", "Target", "Rp"]
    data = ["5.01.02", "PROGRAM PERENCANAAN", "Persentase", 1, "1.000", 2, "2.000"]
    merged = ["A1:A3", "B1:B3", "C1:C3", "D1:G1", "D2:E2", "F2:G2"]
    plan, problems = read(write_xlsx(tmp_path / "tiga-baris.xlsx", [group, years, kinds, data], merged=merged), RENSTRA)
    assert problems == []
    program = plan.item("5.01.02")
    assert program.indicators[0].targets == {2026: Decimal(1), 2027: Decimal(2)}
    assert {budget.year: budget.pagu for budget in program.budgets} == {2026: Decimal(1000), 2027: Decimal(2000)}


def test_targets_without_an_indicator_column(tmp_path: Path) -> None:
    path = table(
        tmp_path / "tanpa-indikator.xlsx", PROGRAM[:2] + PROGRAM[4:], header=["Kode", "Uraian", "Target", "Pagu"]
    )
    problem = only_problem(read(path)[1])
    assert (problem.code, problem.sheet, problem.params["expected"]) == ("column-missing", "Renja", "Indikator")


def test_year_outside_the_period_is_skipped_with_a_warning(tmp_path: Path) -> None:
    header = ["Kode", "Uraian", "Indikator", "Target 2026", "Target 2027 (Prakiraan Maju)", "Pagu 2026"]
    plan, problems = read(
        table(tmp_path / "n-plus-1.xlsx", ["5.01.02", "Program", "Persentase", 1, 2, 3], header=header)
    )
    assert [where(problem) for problem in problems] == [
        ("invalid-year", "Renja", 1, "Target 2027 (Prakiraan Maju)", "2027")
    ]
    assert problems[0].severity is Severity.PERINGATAN
    assert plan.item("5.01.02").indicators[0].targets == {2026: Decimal(1)}


def test_an_undated_target_in_a_five_year_plan_needs_a_year(tmp_path: Path) -> None:
    _, problems = read(table(tmp_path / "tanpa-tahun.xlsx", PROGRAM), RENSTRA)
    assert [where(problem) for problem in problems] == [
        ("year-missing", "Renja", 1, "Target", "Target"),
        ("year-missing", "Renja", 1, "Pagu", "Pagu"),
    ]
    assert has_errors(problems) and "2026-2030" in problems[0].message()


def test_rows_without_a_code_need_one_unless_they_continue_an_item_or_are_totals(tmp_path: Path) -> None:
    path = table(
        tmp_path / "tanpa-kode.xlsx",
        [None, None, "Indikator yatim", "%", 1, None],
        PROGRAM,
        [None, None, "Indikator kedua", "%", 2, None],
        [None, "JUMLAH", None, None, None, 3_000_000],
        ["TOTAL", "PROGRAM PERENCANAAN", None, None, None, 3_000_000],
        [None, None, None, None, None, 3_000_000],
        [None, "Sasaran: meningkatnya kualitas perencanaan", "Indeks", "Nilai", 80, None],
        [5, "UNSUR PENUNJANG"],
        [None, None, "Indikator urusan", "%", 70, None],
    )
    plan, problems = read(path)
    assert [where(problem) for problem in problems] == [
        ("required", "Renja", 2, "Kode", ""),
        ("required", "Renja", 8, "Kode", ""),
    ]
    assert [indicator.name for indicator in plan.item("5.01.02").indicators] == [
        "Persentase keselarasan",
        "Indikator kedua",
    ]
    assert plan.pagu_per_year() == {2026: Decimal(3_000_000)}


def test_codes_stored_as_numbers_head_their_groups(tmp_path: Path) -> None:
    bidang_1_10 = ["1.10.02", "PROGRAM PENGELOLAAN PEMAKAMAN", None, None, None, None]  # a made-up sample code
    path = table(tmp_path / "angka-kode.xlsx", [1, "URUSAN WAJIB"], [1.1, "BIDANG 1.10"], bidang_1_10, [5.01], PROGRAM)
    plan, problems = read(path)
    assert [item.key for item in plan.items] == ["1.10.02", "5.01.02"]
    assert all(problem.code == "unknown-code" for problem in problems)


def test_semicolon_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "renja.csv"
    lines = ["Kode;Uraian;Indikator;Target;Pagu Indikatif", '5.01.02;Program;Persentase;"12,5%";Rp 1.500.000']
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    plan, problems = read(path)
    assert problems == []
    assert plan.item("5.01.02").pagu(2026) == Decimal(1_500_000)
    assert plan.item("5.01.02").indicators[0].targets == {2026: Decimal("12.5")}


@pytest.mark.parametrize("header", ["Kode Rekening", "KODE", " No. Kode "])
def test_code_header_synonyms(tmp_path: Path, header: str) -> None:
    path = table(
        tmp_path / "sinonim.xlsx", PROGRAM, header=[header, "Nomenklatur", "Tolok Ukur", "Satuan", "Target", "Rp"]
    )
    plan, problems = read(path)
    assert problems == [] and plan.item("5.01.02").pagu(2026) == Decimal(3_000_000)


def test_header_words_of_kua_ppas_tables_are_recognised(tmp_path: Path) -> None:
    header = ["Kode", "Sub Kegiatan", "Indikator Program / Kegiatan / Sub Kegiatan", "Target 2026", "Nilai"]
    plan, problems = read(table(tmp_path / "kua.xlsx", [*PROGRAM[:3], "100 %", 3_000_000], header=header))
    assert problems == []
    [indicator] = plan.item("5.01.02").indicators
    assert (indicator.name, indicator.satuan, indicator.targets) == ("Persentase keselarasan", "%", {2026: 100})
    assert plan.pagu_per_year() == {2026: Decimal(3_000_000)}


def test_indicators_on_separate_lines_become_separate_indicators(tmp_path: Path) -> None:
    row = ["5.01.02", "PROGRAM", "Cakupan A\nCakupan B", "Dokumen\n%", "5 \n100", 3_000_000]
    plan, problems = read(table(tmp_path / "baris.xlsx", row))
    assert problems == []
    assert [(i.name, i.satuan, i.targets) for i in plan.item("5.01.02").indicators] == [
        ("Cakupan A", "Dokumen", {2026: Decimal(5)}),
        ("Cakupan B", "%", {2026: Decimal(100)}),
    ]


def test_line_counts_that_do_not_match_are_a_located_error(tmp_path: Path) -> None:
    row = ["5.01.02", "PROGRAM", "Cakupan A\nCakupan B", "%", "100 %", 3_000_000]
    _, problems = read(table(tmp_path / "baris.xlsx", row))
    [problem] = problems
    assert (problem.code, problem.row, problem.column) == ("line-count", 2, "Target")
    assert "2 indikator" in problem.message() and "1 baris" in problem.message()
