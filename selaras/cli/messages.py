"""Texts the CLI prints, in Bahasa Indonesia and English (``--lang en``)."""

from __future__ import annotations

from selaras.i18n import Catalog

__all__ = ["say"]

TEXTS: dict[str, tuple[str, str]] = {
    "db-ready": ("Basis data siap: {url}", "Database ready: {url}"),
    "frameworks-loaded": (
        "Kerangka nasional dimuat ({names}): {written} dokumen ditulis, {unchanged} sudah terbaru",
        "National frameworks loaded ({names}): {written} documents written, {unchanged} already up to date",
    ),
    "imported": (
        "Berhasil diimpor ke {key} ({outcome}): {items} item, {indicators} indikator",
        "Imported into {key} ({outcome}): {items} items, {indicators} indicators",
    ),
    "unchanged": (
        "Berkas ini sudah diimpor pada {when}; tidak ada yang berubah",
        "This file was already imported on {when}; nothing changed",
    ),
    "import-failed": (
        "Impor dibatalkan: {count} galat ditemukan di {file}; tidak ada data yang disimpan",
        "Import cancelled: {count} errors found in {file}; nothing was stored",
    ),
    "warnings": ("{count} peringatan (data tetap diimpor):", "{count} warnings (the data was imported):"),
    "template-written": ("Templat {kind} ditulis ke {path}", "{kind} template written to {path}"),
    "exported": ("Dokumen {key} diekspor ke {path}", "Document {key} exported to {path}"),
    "reading": ("Membaca {file}", "Reading {file}"),
    "period-needed": (
        "Sebutkan --year (dokumen tahunan) atau --period (misalnya 2025-2029)",
        "Give --year (annual documents) or --period (e.g. 2025-2029)",
    ),
    "pd-needed": (
        "Dokumen {kind} milik satu perangkat daerah: sebutkan --pd",
        "A {kind} belongs to one agency: give --pd",
    ),
    "demo-building": ("Membangun data sampel {scope}", "Building the {scope} sample"),
    "demo-done": (
        "Sampel selesai: {pemda} pemda, {pd} perangkat daerah, {documents} dokumen, {items} item, "
        "{defects} cacat sengaja",
        "Sample done: {pemda} pemda, {pd} agencies, {documents} documents, {items} items, {defects} seeded defects",
    ),
    "demo-report": ("Laporan Rakor provinsi sampel:", "Rakor report of the sample province:"),
    "demo-files": ("Berkas contoh dan daftar cacat: {path}", "Sample files and defect manifest: {path}"),
    "report-written": ("Laporan ditulis dalam {seconds} detik:", "Report written in {seconds} s:"),
    "pemda-unknown": (
        "Kode pemda {pemda} tidak dikenal; gunakan kode Kemendagri, misalnya 62 (Kalimantan Tengah) atau 81.04 "
        "(Kabupaten Buru)",
        "Unknown pemda code {pemda}; use a Kemendagri code, e.g. 62 (Kalimantan Tengah) or 81.04 (Kabupaten Buru)",
    ),
    "pemda-empty": (
        "Pemda {pemda} ({nama}) belum memiliki dokumen; impor dulu dengan "
        "`selaras import BERKAS --pemda {pemda} --kind renja --pd PD --year {year}`",
        "Pemda {pemda} ({nama}) has no documents yet; import one first with "
        "`selaras import FILE --pemda {pemda} --kind renja --pd PD --year {year}`",
    ),
    "pemda-no-year": (
        "Pemda {pemda} tidak memiliki dokumen untuk tahun {year} (periode yang ada: {periods}); pilih --year "
        "yang lain atau impor dokumen tahun {year}",
        "Pemda {pemda} has no document for {year} (periods stored: {periods}); choose another --year or import "
        "the documents of {year}",
    ),
    "problem-columns": (
        "Tingkat|Berkas|Lembar|Baris|Kolom|Nilai|Pesan",
        "Severity|File|Sheet|Row|Column|Value|Message",
    ),
}


say = Catalog(TEXTS)
"""``say(text_id, lang, **params)``: a CLI text in ``lang``."""
