"""The ``Petunjuk`` sheet: instructions in Indonesian, generated from the schema so they never drift from it."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from selaras.workbook.schema import PETUNJUK, SheetSpec

__all__ = ["GENERAL_RULES", "write_petunjuk"]

GENERAL_RULES = (
    "Satu buku kerja berisi satu dokumen perencanaan. Baris pertama setiap lembar adalah judul kolom: jangan diubah.",
    "Kolom bertanda 'ya' pada 'Wajib' harus diisi; sel kosong pada kolom lain berarti tidak ada nilai "
    "atau nilai bawaan yang disebut di keterangan.",
    "Angka boleh ditulis dalam format Indonesia (1.234.567,50) atau Inggris (1,234,567.50); 'Rp' dan '%' "
    "diabaikan. Titik dengan tepat tiga angka di belakangnya dibaca sebagai pemisah ribuan: 1.000 = seribu.",
    "Angka dengan lebih dari 15 digit ditulis sebagai teks agar tidak dibulatkan oleh Excel.",
    "Kode (kunci, kode nomenklatur, kode pemda, kode PD) adalah teks: kolomnya sudah berformat teks agar 5.01 "
    "tidak berubah menjadi angka 5,01. Bila menempel dari tempat lain, tempel sebagai nilai (paste values).",
    "Kolom pilihan memiliki daftar tarik-turun; huruf besar/kecil tidak dibedakan dan 'sub kegiatan' sama "
    "dengan 'sub_kegiatan'.",
    "Nomor baris pada pesan kesalahan impor adalah nomor baris Excel (baris judul = baris 1).",
    f"Lembar {PETUNJUK} tidak dibaca saat impor; kolom tambahan di lembar lain diabaikan.",
)
_TABLE_HEADER = ("Kolom", "Wajib", "Jenis isi", "Keterangan", "Contoh")
_WIDTHS = {"A": 24, "B": 8, "C": 16, "D": 80, "E": 30}


def _explanation(help_text: str, choices: Sequence[str]) -> str:
    return f"{help_text}. Pilihan: {', '.join(choices)}" if choices else help_text


def write_petunjuk(sheet: Worksheet, specs: Sequence[SheetSpec]) -> None:
    """General rules, then per sheet its purpose and one line per column with an example value."""
    bold = Font(bold=True)
    sheet.append(["Petunjuk pengisian buku kerja Selaras"])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for rule in GENERAL_RULES:
        sheet.append(["•", rule])
        sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row, end_column=5)
    for spec in specs:
        sheet.append([])
        sheet.append([f"Lembar {spec.name} (atau berkas {spec.csv_name})"])
        sheet.cell(sheet.max_row, 1).font = bold
        sheet.append([spec.purpose + ("" if spec.required else " Lembar ini boleh kosong.")])
        sheet.append(list(_TABLE_HEADER))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for column in spec.columns:
            sheet.append(
                [
                    column.header,
                    "ya" if column.required else "",
                    column.type.value,
                    _explanation(column.help, column.choices),
                    column.example,
                ]
            )
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
