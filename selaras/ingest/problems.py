"""Import problems: what is wrong, exactly where (file, sheet, row, column), and what was expected.

Row numbers are the ones the planner sees in Excel: 1-based, header rows included. For CSV files the
header is row 1 as well. ``column`` is the header text as written in the file (or the column letter
when the header is unknown), so the planner can find the cell without Selaras.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from selaras.i18n import pick

__all__ = ["MESSAGES", "PER_CODE", "PHRASES", "ImportProblem", "Severity", "first_of_each_kind", "has_errors"]


class Severity(StrEnum):
    GALAT = "galat"  # the file cannot be imported until this is fixed
    PERINGATAN = "peringatan"  # imported, but a planner should look at it


# code -> (Bahasa Indonesia, English). Placeholders come from ImportProblem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "file-type": (
        "Jenis berkas tidak didukung ({found}); gunakan .xlsx, .xlsm atau .csv",
        "Unsupported file type ({found}); use .xlsx, .xlsm or .csv",
    ),
    "file-unreadable": (
        "Berkas tidak dapat dibaca sebagai {expected}: {detail}",
        "The file cannot be read as {expected}: {detail}",
    ),
    "empty": (
        "Tidak ada data: {expected}",
        "No data: {expected}",
    ),
    "sheet-missing": (
        "Lembar '{sheet_name}' tidak ada; lembar yang diharapkan: {expected}",
        "Sheet '{sheet_name}' is missing; expected sheets: {expected}",
    ),
    "header-not-found": (
        "Baris judul kolom tidak ditemukan; diharapkan kolom {expected}",
        "No header row found; expected columns {expected}",
    ),
    "column-missing": (
        "Kolom wajib '{expected}' tidak ada",
        "Required column '{expected}' is missing",
    ),
    "column-not-recognised": (
        "Kolom wajib '{expected}' tidak dikenali pada baris judul {row}. Kolom yang dikenali: {found}. "
        "Nama kolom yang diterima untuk '{expected}': {accepted}",
        "Required column '{expected}' was not recognised in the header on row {row}. Recognised columns: {found}. "
        "Accepted names for '{expected}': {accepted}",
    ),
    "columns-unread": (
        "{count} kolom judul tidak dibaca: {columns}; dari daftar sub kegiatan dibaca kode, nama, SKPD, sumber dana, "
        "rekening, satu kolom pagu ('Pagu'/'Nilai'/'Anggaran', atau 'Pagu RKPD'/'Pagu APBD' menurut jenis dokumen) "
        "serta indikator, satuan dan target tahun dokumen; bila salah satunya pagu dokumen ini, beri kolom itu judul "
        "'Pagu'",
        "{count} header columns are not read: {columns}; a sub kegiatan list is read for codes, names, SKPD, sumber "
        "dana, rekening, one pagu column ('Pagu'/'Nilai'/'Anggaran', or 'Pagu RKPD'/'Pagu APBD' by document kind) "
        "and the indicator, satuan and target of the document's year; if one of them is this document's pagu, head "
        "that column 'Pagu'",
    ),
    "line-count": (
        "Sel berisi {found} baris, sedangkan kolom '{indicator_column}' berisi {expected} indikator; "
        "diharapkan satu baris per indikator",
        "The cell has {found} lines while column '{indicator_column}' holds {expected} indicators; "
        "expected one line per indicator",
    ),
    "not-selaras-folder": (
        "Folder ini bukan folder CSV Selaras (tidak ada dokumen.csv); isinya: {found}. Impor tabel SIPD satu "
        "berkas .xlsx/.csv sekaligus, atau ekspor dokumen Selaras dengan `selaras export --csv`",
        "This folder is not a Selaras CSV folder (no dokumen.csv); it holds: {found}. Import SIPD tables one "
        ".xlsx/.csv file at a time, or export a Selaras document with `selaras export --csv`",
    ),
    "empty-marker": (
        "'{value}' adalah sisa ekspor tanpa isi (bukan indikator); baris indikator ini dilewati",
        "'{value}' is an export placeholder, not an indicator; this indicator line is skipped",
    ),
    "skpd-mismatch": (
        "Berkas ini milik {found}, sedangkan impor diminta untuk PD '{expected}'; periksa berkasnya, atau pakai "
        "--force bila memang benar (dicatat)",
        "This file belongs to {found}, but the import asked for PD '{expected}'; check the file, or use --force "
        "if it is right (recorded)",
    ),
    "stage-closed": ("Impor ditolak: {reason}", "Import refused: {reason}"),
    "pd-bidang-mismatch": (
        "Program dalam berkas berbidang urusan {found}, sedangkan PD {pd} mengampu {held}: tampaknya ini rencana PD "
        "lain. Periksa berkasnya, atau pakai --force bila memang benar (dicatat)",
        "The file's programs are in bidang urusan {found}, while PD {pd} holds {held}: this looks like another PD's "
        "plan. Check the file, or use --force if it is right (recorded)",
    ),
    "pd-unknown": (
        "PD '{value}' tidak ada di pemda {pemda}; yang paling mirip: {closest}. "
        "Gunakan --pd-baru untuk mendaftarkan PD baru",
        "PD '{value}' does not exist in pemda {pemda}; closest: {closest}. Use --pd-baru to register a new PD",
    ),
    "required": (
        "Isian wajib kosong; diharapkan {expected}",
        "Required value is empty; expected {expected}",
    ),
    "not-a-number": (
        "'{value}' bukan angka; diharapkan angka seperti 1.234.567,50 atau 12,5%",
        "'{value}' is not a number; expected a number such as 1.234.567,50 or 12.5%",
    ),
    "not-a-number-scientific": (
        "'{value}' ditulis dalam notasi ilmiah: Excel menyimpannya begitu ke CSV dan membuang digit belakangnya; "
        "format kolom sebagai angka tanpa desimal (atau unggah berkas .xlsx-nya) lalu simpan ulang",
        "'{value}' is written in scientific notation: Excel saved it so to CSV and dropped its last digits; format "
        "the column as a whole number (or upload the .xlsx) and save again",
    ),
    "negative": (
        "Nilai {value} negatif; diharapkan angka nol atau lebih",
        "Value {value} is negative; expected zero or more",
    ),
    "malformed-code": (
        "Kode '{value}' tidak sesuai bentuk nomenklatur; diharapkan seperti 1.01.02.2.01.0001",
        "Code '{value}' is not a nomenclature code; expected something like 1.01.02.2.01.0001",
    ),
    "another-level": (
        "{count} kode di berkas ini adalah kewenangan {other}, sedangkan {pemda} adalah {level}: berkas ini "
        "tampaknya milik pemda lain; periksa --pemda (atau pemda yang dipilih di halaman unggah)",
        "{count} codes of this file are {other} codes, while {pemda} is a {level}: the file seems to belong to "
        "another government; check --pemda (or the government chosen on the upload page)",
    ),
    "code-wrong-level": (
        "Kode '{value}' adalah {found}; di sini diharapkan {expected}",
        "Code '{value}' is a {found}; expected a {expected} here",
    ),
    "code-orphan": (
        "Kode '{value}' tidak berada di bawah {expected} yang mendahuluinya",
        "Code '{value}' does not belong under the preceding {expected}",
    ),
    "duplicate": (
        "'{value}' muncul lebih dari sekali (pertama di baris {first_row}); diharapkan kode unik",
        "'{value}' appears more than once (first on row {first_row}); expected a unique code",
    ),
    "unknown-code": (
        "Kode '{value}' tidak ada dalam nomenklatur {reference}; tetap diimpor. Periksa kodenya: mungkin dari "
        "pemutakhiran lain (lebih lama atau lebih baru), atau salah ketik",
        "Code '{value}' is not in the {reference} nomenclature; imported anyway. Check it: it may come from another "
        "update (older or newer), or be a typo",
    ),
    "invalid-choice": (
        "'{value}' tidak dikenal; pilihan yang sah: {expected}",
        "'{value}' is not recognised; valid choices: {expected}",
    ),
    "unknown-reference": (
        "'{value}' tidak ditemukan; diharapkan {expected}",
        "'{value}' was not found; expected {expected}",
    ),
    "document-mismatch": (
        "Buku kerja berisi dokumen dengan {column} '{value}', sedangkan impor diminta untuk '{expected}'",
        "The workbook holds a document with {column} '{value}', but the import asked for '{expected}'",
    ),
    "year-missing": (
        "Kolom '{value}' tidak menyebut tahun; dokumen {period} memerlukan satu kolom per tahun, mis. 'Target 2026'",
        "Column '{value}' names no year; a {period} document needs one column per year, e.g. 'Target 2026'",
    ),
    "invalid-year": (
        "Tahun '{value}' tidak valid; diharapkan tahun dalam periode {expected}",
        "Year '{value}' is invalid; expected a year within {expected}",
    ),
    "invalid-period": (
        "Periode '{value}' tidak valid; diharapkan {expected}",
        "Period '{value}' is invalid; expected {expected}",
    ),
    "invalid-datetime": (
        "'{value}' bukan waktu yang sah; diharapkan format ISO seperti 2025-03-01T10:00:00+07:00",
        "'{value}' is not a valid time; expected ISO format such as 2025-03-01T10:00:00+07:00",
    ),
    "not-an-integer": (
        "'{value}' bukan bilangan bulat; diharapkan {expected}",
        "'{value}' is not a whole number; expected {expected}",
    ),
    "too-many-rows": (
        "Baris berlebih: lembar {sheet_name} hanya boleh berisi {expected}",
        "Extra row: sheet {sheet_name} may only hold {expected}",
    ),
    "sheet-missing-data": (
        "Lembar '{sheet_name}' tidak ada; tanpa lembar ini {removed} dokumen yang tersimpan akan terhapus. "
        "Tambahkan lembar itu dengan baris judul kolomnya ({expected}), kosong bila dokumen memang tidak memilikinya",
        "Sheet '{sheet_name}' is missing; without it {removed} of the stored document would be deleted. "
        "Add the sheet with its header row ({expected}), empty if the document has none",
    ),
    "too-long": (
        "Teks berisi {found} karakter; yang dapat disimpan paling banyak {expected} karakter",
        "The text has {found} characters; at most {expected} can be stored",
    ),
    "pd-too-long": (
        "Nama PD pelaksana berisi {found} karakter, sedangkan yang dapat disimpan paling banyak {expected}; "
        "item ini dicatat sebagai milik PD pemilik dokumen",
        "The implementing PD's name has {found} characters, while at most {expected} can be stored; the item is "
        "recorded as the document owner's",
    ),
    "too-large": (
        "Angka '{value}' terlalu besar untuk disimpan; diharapkan di bawah {expected}",
        "The number '{value}' is too large to store; expected less than {expected}",
    ),
    "value-too-big": (
        "Item '{value}': {field} ({found}) melebihi yang dapat disimpan ({expected})",
        "Item '{value}': {field} ({found}) exceeds what can be stored ({expected})",
    ),
    "csv-row": (
        "Baris ini tidak dapat dibaca sebagai CSV ({detail}); periksa tanda kutip dan karakter aneh di baris ini",
        "This line cannot be read as CSV ({detail}); check its quotes and unusual characters",
    ),
    "duplicate-link": (
        "Tautan ini sama dengan tautan di baris {first_row}; hapus salah satunya",
        "This link repeats the link on row {first_row}; delete one of them",
    ),
    # a workbook calamine refused, located by ingest/xlsx_faults.py
    "xlsx-not-zip": (
        "Berkas ini bukan buku kerja Excel: isinya bukan arsip zip, padahal berkas .xlsx selalu berupa zip "
        "(mungkin berkas lain yang diberi akhiran .xlsx). Simpan ulang dari Excel sebagai .xlsx",
        "This file is not an Excel workbook: it is not a zip archive, and an .xlsx file always is (perhaps another "
        "file renamed to .xlsx). Save it again from Excel as .xlsx",
    ),
    "xlsx-zip-broken": (
        "Berkas .xlsx rusak atau terpotong: daftar isi arsip zip-nya tidak ditemukan atau tidak utuh (berkas "
        "{found} bita). Unduh atau salin ulang berkasnya",
        "The .xlsx file is damaged or cut short: its zip directory is missing or incomplete ({found} bytes). "
        "Download or copy the file again",
    ),
    "xlsx-part-corrupt": (
        "Bagian {part} di dalam berkas .xlsx rusak: isinya tidak dapat dibuka utuh (pemeriksaan {found} gagal). "
        "Unduh atau salin ulang berkasnya",
        "Part {part} inside the .xlsx file is damaged: it cannot be unpacked whole (the {found} check failed). "
        "Download or copy the file again",
    ),
    "xlsx-part-missing": (
        "Bagian {part} tidak ada di dalam berkas .xlsx, padahal buku kerja merujuknya; berkas tidak utuh",
        "Part {part} is missing from the .xlsx file although the workbook refers to it; the file is incomplete",
    ),
    "xlsx-workbook-unlinked": (
        "Berkas .xlsx rusak: bagian {part} tidak menunjuk ke buku kerjanya {workbook} (relasi officeDocument tidak "
        "ada). Simpan ulang dari Excel atau unduh ulang berkasnya",
        "The .xlsx file is damaged: part {part} does not point to its workbook {workbook} (no officeDocument "
        "relationship). Save it again from Excel or download it again",
    ),
    "xlsx-not-workbook": (
        "Arsip zip ini bukan buku kerja Excel: bagian xl/workbook.xml tidak ada. Isinya antara lain: {found}",
        "This zip archive is not an Excel workbook: part xl/workbook.xml is missing. It holds: {found}",
    ),
    "xml-part-broken": (
        "XML bagian {part} rusak: {reason}; ditemukan `{found}` (baris {line} kolom {offset} XML-nya)",
        "The XML of part {part} is broken: {reason}; found `{found}` (XML line {line}, column {offset})",
    ),
    "shared-strings-broken": (
        "Daftar teks bersama ({part}) rusak setelah teks ke-{count}: {reason}; ditemukan `{found}`",
        "The shared strings ({part}) are broken after string {count}: {reason}; found `{found}`",
    ),
    "xml-broken": (
        "XML lembar rusak di sel {cell}: {reason}; ditemukan `{found}` ({part}, baris {line} kolom {offset} XML-nya)",
        "The sheet's XML is broken at cell {cell}: {reason}; found `{found}` ({part}, XML line {line}, "
        "column {offset})",
    ),
    "xml-unclosed": (
        "XML lembar rusak di sel {cell}: {reason}; diharapkan penutup `</{expected}>`, ditemukan `{found}` "
        "({part}, baris {line} kolom {offset} XML-nya)",
        "The sheet's XML is broken at cell {cell}: {reason}; expected the closing `</{expected}>`, found `{found}` "
        "({part}, XML line {line}, column {offset})",
    ),
    "shared-string-missing": (
        "Sel {cell} merujuk teks bersama nomor {value}, yang tidak ada (berkas punya {count} teks bersama)",
        "Cell {cell} refers to shared string {value}, which does not exist (the file has {count} shared strings)",
    ),
    "cell-number-invalid": (
        "Sel {cell} bertipe angka berisi '{value}', yang bukan angka; diharapkan angka dengan titik desimal "
        "seperti 1234.5",
        "Cell {cell} is a number cell holding '{value}', which is not a number; expected a number with a decimal "
        "point such as 1234.5",
    ),
    "cell-boolean-invalid": (
        "Sel {cell} bertipe benar/salah berisi '{value}'; diharapkan 0 atau 1",
        "Cell {cell} is a true/false cell holding '{value}'; expected 0 or 1",
    ),
    "cell-error-invalid": (
        "Sel {cell} bertipe galat Excel berisi '{value}'; diharapkan salah satu dari {expected}",
        "Cell {cell} is an Excel error cell holding '{value}'; expected one of {expected}",
    ),
    "cell-type-invalid": (
        "Sel {cell} berjenis '{value}' (atribut t), yang tidak dikenal; diharapkan salah satu dari {expected}",
        "Cell {cell} has type '{value}' (attribute t), which is unknown; expected one of {expected}",
    ),
    "row-number-invalid": (
        "Baris ini (sesudah baris sebelumnya di XML lembar) bernomor '{value}' (atribut r), yang bukan nomor baris; "
        "diharapkan bilangan bulat mulai dari 1",
        "This row (after the previous one in the sheet's XML) is numbered '{value}' (attribute r), which is not a "
        "row number; expected a whole number from 1",
    ),
    "dimension-invalid": (
        "Ukuran lembar yang dicatat berkas (dimension) berisi '{value}', yang bukan rentang sel; diharapkan rentang "
        "seperti A1:I20",
        "The sheet size recorded in the file (dimension) holds '{value}', which is not a cell range; expected a range "
        "such as A1:I20",
    ),
    "merge-invalid": (
        "Sel gabungan (mergeCell) dicatat sebagai '{value}', yang bukan rentang sel; diharapkan rentang seperti A1:C1",
        "A merged cell (mergeCell) is recorded as '{value}', which is not a cell range; expected a range such as A1:C1",
    ),
    "sheet-too-large": (
        "Lembar ini berisi isi sampai sel {cell}: {rows} baris × {columns} kolom = {cells} sel, lebih dari "
        "{limit} sel yang dapat dibaca. Hapus isi sel yang jauh di luar tabel (di Excel, Ctrl+End menunjukkan sel "
        "terakhir yang berisi), lalu simpan ulang",
        "This sheet has content up to cell {cell}: {rows} rows × {columns} columns = {cells} cells, more than the "
        "{limit} cells that can be read. Delete the content of cells far outside the table (in Excel, Ctrl+End "
        "shows the last cell with content), then save again",
    ),
    "cell-reference-invalid": (
        "Rujukan sel '{value}' (setelah sel sebelumnya, dekat {cell}) tidak sah; diharapkan huruf kolom lalu "
        "nomor baris seperti C7",
        "Cell reference '{value}' (after the previous cell, near {cell}) is invalid; expected a column letter "
        "and a row number such as C7",
    ),
}

# Phrases a problem names in its ``reason`` parameter, so that the reason follows the message's language too.
PHRASES: dict[str, tuple[str, str]] = {
    "xml-truncated": ("XML-nya terputus sebelum selesai (berkas terpotong)", "its XML ends before it is complete"),
    "xml-tag-mismatch": (
        "tag penutup tidak cocok dengan tag yang terbuka",
        "a closing tag does not match the open one",
    ),
    "xml-invalid-character": ("ada karakter yang tidak sah di dalam XML", "a character XML does not allow"),
    "xml-bad-reference": ("rujukan karakter (&…;) tidak sah", "an invalid character reference (&…;)"),
    "xml-duplicate-attribute": ("atribut yang sama ditulis dua kali", "the same attribute is written twice"),
    "xml-after-end": ("ada isi setelah akhir XML", "there is content after the end of the XML"),
    "xml-invalid": ("susunan XML tidak sah", "the XML is not well-formed"),
}


_SCIENTIFIC = re.compile(r"^\s*-?\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$")


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem in an input file; ``params`` fill the message template of ``code``."""

    code: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str = ""
    severity: Severity = Severity.GALAT
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"unknown import problem code {self.code!r}")

    @classmethod
    def at_cell(
        cls,
        code: str,
        *,
        file: str,
        sheet: str | None,
        row: int,
        column: str,
        value: object = "",
        severity: Severity = Severity.GALAT,
        **params: Any,
    ) -> ImportProblem:
        """A problem in one cell; ``value`` is the cell content as found."""
        return cls(
            code,
            file,
            sheet,
            row,
            column,
            "" if value is None else str(value),
            severity,
            {key: str(val) for key, val in params.items()},
        )

    @classmethod
    def in_file(
        cls, code: str, *, file: str, sheet: str | None = None, severity: Severity = Severity.GALAT, **params: Any
    ) -> ImportProblem:
        """A problem with the file or sheet as a whole (wrong type, empty, missing column)."""
        return cls(code, file, sheet, None, None, "", severity, {key: str(val) for key, val in params.items()})

    def message(self, lang: str = "id") -> str:
        code = self.code
        if code == "not-a-number" and _SCIENTIFIC.match(self.value):  # digits lost: retyping will not help
            code = "not-a-number-scientific"
        template = pick(MESSAGES[code], lang)
        params = dict(self.params)
        if params.get("reason") in PHRASES:
            params["reason"] = pick(PHRASES[params["reason"]], lang)
        return template.format_map(_Defaults({"value": self.value, "column": self.column or "", **params}))

    def to_dict(self, lang: str = "id") -> dict[str, object]:
        """The JSON shape of ``selaras import --json``: location, value, severity and message."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message(lang),
        }


class _Defaults(dict[str, str]):
    """Leaves an unknown placeholder visible instead of failing to render a message."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def has_errors(problems: list[ImportProblem]) -> bool:
    return any(problem.severity is Severity.GALAT for problem in problems)


PER_CODE = 20
"""Problems of one kind (severity and code) shown before the rest are only counted."""


def first_of_each_kind(
    problems: list[ImportProblem], per_code: int = PER_CODE
) -> list[tuple[Severity, list[ImportProblem], dict[str, int]]]:
    """Per severity, galat first: its problems, only the first ``per_code`` of each code, and per code how many
    more were left out. A file refused for one mistake repeated on every row (another pemda's codes, a column
    read as text) can hold thousands of problems; the first few of each kind say what to fix, and a list of
    them all (5,481 table rows for a SIPD Rekap) only buries the other kinds. Linear in the number of problems.
    """
    grouped: list[tuple[Severity, list[ImportProblem], dict[str, int]]] = []
    for severity in Severity:
        counted: dict[str, int] = {}
        shown: list[ImportProblem] = []
        for problem in problems:
            if problem.severity is not severity:
                continue
            counted[problem.code] = counted.get(problem.code, 0) + 1
            if counted[problem.code] <= per_code:
                shown.append(problem)
        more = {code: count - per_code for code, count in counted.items() if count > per_code}
        grouped.append((severity, shown, more))
    return grouped
