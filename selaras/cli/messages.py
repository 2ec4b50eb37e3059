"""Texts the CLI prints, in Bahasa Indonesia and English (``--lang en``)."""

from __future__ import annotations

from selaras.i18n import Catalog
from selaras.scores.model import UNAVAILABLE

__all__ = ["say"]

TEXTS: dict[str, tuple[str, str]] = {
    "backup-written": ("Cadangan ditulis ke {path} ({size} MB)", "Backup written to {path} ({size} MB)"),
    "restore-confirm": (
        "Ganti seluruh isi basis data dengan cadangan {path}? (isi sekarang dicadangkan dulu)",
        "Replace the whole database with the backup {path}? (the current content is backed up first)",
    ),
    "restore-safety": (
        "Isi sebelumnya dicadangkan ke {path} (pulihkan dari situ bila perlu)",
        "The previous content was backed up to {path} (restore from it if needed)",
    ),
    "backup-restored": ("Basis data dipulihkan dari {path}", "Database restored from {path}"),
    "exported-all": (
        "Ekspor lengkap ditulis ke {path}: {tables} tabel, {rows} baris (pengguna tanpa hash kata sandi)",
        "Full export written to {path}: {tables} tables, {rows} rows (users without password hashes)",
    ),
    "import-needs-empty": (
        "Basis data tujuan tidak kosong (skema {revision}); muat ekspor lengkap ke basis data baru yang kosong",
        "The target database is not empty (schema {revision}); load a full export into a new, empty database",
    ),
    "imported-all": (
        "Ekspor {path} dimuat: {rows} baris; {users} pengguna perlu kata sandi baru (`selaras user passwd NAMA`)",
        "Export {path} loaded: {rows} rows; {users} users need a new password (`selaras user passwd NAME`)",
    ),
    "db-ready": ("Basis data siap: {url}", "Database ready: {url}"),
    "frameworks-loaded": (
        "Kerangka nasional dimuat ({names}): {written} dokumen ditulis, {unchanged} sudah terbaru",
        "National frameworks loaded ({names}): {written} documents written, {unchanged} already up to date",
    ),
    "imported": (
        "Berhasil diimpor ke {key} ({outcome}): {items} item, {indicators} indikator",
        "Imported into {key} ({outcome}): {items} items, {indicators} indicators",
    ),
    "imported-total": (
        "Jumlah: {documents} dokumen, {items} item",
        "Total: {documents} documents, {items} items",
    ),
    "no-versions": (
        "{key} belum memiliki versi tersimpan (diimpor sebelum versi dicatat, atau dibuat oleh `selaras demo`)",
        "{key} has no stored version yet (imported before versions were kept, or made by `selaras demo`)",
    ),
    "version-line": (
        "versi {number}  {when}  {who}  {reason}  {file}  {items} item",
        "version {number}  {when}  {who}  {reason}  {file}  {items} items",
    ),
    "restored": (
        "Versi {version} dipulihkan ke {key}; isi sebelumnya tersimpan sebagai versi",
        "Version {version} restored into {key}; the previous content is kept as a version",
    ),
    "restored-unchanged": (
        "Versi {version} sama dengan isi {key} sekarang; tidak ada yang berubah",
        "Version {version} is what {key} holds now; nothing changed",
    ),
    "diff-head": ("Perubahan dari {old} ke {new}:", "Changes from {old} to {new}:"),
    "diff-findings": ("  temuan: {new} baru, {resolved} selesai", "  findings: {new} new, {resolved} resolved"),
    "diff-written": ("Perubahan ditulis ke {path}", "Changes written to {path}"),
    "dry-run": (
        "Uji coba (--dry-run): tidak ada yang disimpan. {key} {outcome}.",
        "Dry run (--dry-run): nothing was stored. {key} {outcome}.",
    ),
    "would-created": ("akan dibuat", "would be created"),
    "outcome-created": ("dokumen baru", "new document"),
    "outcome-replaced": (
        "diganti; isi lama tetap tersimpan sebagai versi",
        "replaced; the old content stays as a version",
    ),
    "replaced-hint": (
        "Isi lama setiap dokumen yang diganti dapat dipulihkan: `selaras versions KUNCI`, lalu "
        "`selaras restore KUNCI --version N`",
        "The old content of every replaced document can be brought back: `selaras versions KEY`, then "
        "`selaras restore KEY --version N`",
    ),
    "would-replaced": (
        "akan diganti; isi lama tetap tersimpan sebagai versi",
        "would be replaced; the old content stays as a version",
    ),
    "all-unchanged": (
        "Tidak ada yang berubah: berkas yang sama sudah diimpor pada {when} ke {documents} dokumen",
        "Nothing changed: the same file was already imported on {when} into {documents} documents",
    ),
    "unchanged": (
        "{key}: tidak berubah; berkas yang sama sudah diimpor pada {when}",
        "{key}: unchanged; the same file was already imported on {when}",
    ),
    "import-failed": (
        "Impor dibatalkan: {count} galat ditemukan di {file}; tidak ada data yang disimpan",
        "Import cancelled: {count} errors found in {file}; nothing was stored",
    ),
    "warnings": ("{count} peringatan (data tetap diimpor):", "{count} warnings (the data was imported):"),
    "template-written": ("Templat {kind} ditulis ke {path}", "{kind} template written to {path}"),
    "exported": ("Dokumen {key} diekspor ke {path}", "Document {key} exported to {path}"),
    "official-kind": (
        "Tabel resmi Permendagri 86/2017 ada untuk Renja dan RKPD; {key} adalah {kind}",
        "The official Permendagri 86/2017 table exists for Renja and RKPD; {key} is {kind}",
    ),
    "official-suffix": (
        "Tabel resmi ditulis ke berkas .xlsx atau .pdf, bukan {path}",
        "The official table is written to an .xlsx or .pdf file, not {path}",
    ),
    "official-no-csv": (
        "--csv hanya untuk buku kerja Selaras; tabel resmi ditulis ke .xlsx atau .pdf",
        "--csv is for the Selaras workbook only; the official table is written to .xlsx or .pdf",
    ),
    "reading": ("Membaca {file}", "Reading {file}"),
    "period-needed": (
        "Sebutkan --year (dokumen tahunan) atau --period (misalnya 2025-2029)",
        "Give --year (annual documents) or --period (e.g. 2025-2029)",
    ),
    "demo-building": ("Membangun data sampel {scope}", "Building the {scope} sample"),
    "demo-done": (
        "Sampel selesai: {pemda} pemda, {pd} perangkat daerah, {documents} dokumen, {items} item, "
        "{defects} cacat sengaja",
        "Sample done: {pemda} pemda, {pd} agencies, {documents} documents, {items} items, {defects} seeded defects",
    ),
    "demo-report": ("Laporan Rakor provinsi sampel:", "Rakor report of the sample province:"),
    "demo-files": ("Berkas contoh dan daftar cacat: {path}", "Sample files and defect manifest: {path}"),
    "stage-load": ("Memuat rencana dari basis data", "Loading the plans from the database"),
    "stage-check": ("Memeriksa {rules} aturan", "Checking {rules} rules"),
    "stage-score": ("Menghitung skor", "Computing the scores"),
    "stage-report": (
        "Menyusun laporan: skor, tabel, grafik, tindak lanjut",
        "Assembling the report: scores, tables, charts, follow-up",
    ),
    "stage-write": ("Menulis laporan {format}", "Writing the {format} report"),
    "stage-monitor": ("Menghitung capaian dan serapan", "Computing achievement and absorption"),
    "interrupted": (
        "Dihentikan (Ctrl-C). Yang sedang ditulis saat itu dibatalkan utuh: setiap impor dan setiap penyimpanan "
        "berjalan dalam satu transaksi, jadi tidak ada dokumen yang tersimpan setengah. Langkah yang sudah selesai "
        "sebelumnya tetap tersimpan; jalankan perintahnya lagi untuk menyelesaikan sisanya.",
        "Stopped (Ctrl-C). What was being written at that moment was cancelled whole: every import and every save "
        "runs in one transaction, so no document is stored half-way. Steps finished before it stay stored; run the "
        "command again to finish the rest.",
    ),
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
    "pemda-none": (
        "Basis data belum memiliki dokumen pemda; jalankan `selaras demo` atau impor dokumen dulu",
        "The database holds no pemda documents yet; run `selaras demo` or import documents first",
    ),
    "pemda-choose": (
        "Basis data memuat beberapa pemda ({choices}); pilih salah satu dengan --pemda",
        "The database holds several pemda ({choices}); choose one with --pemda",
    ),
    "pemda-no-planning-year": (
        "Pemda {pemda} belum memiliki Renja, RKPD, KUA-PPAS atau APBD, jadi tahun perencanaannya tidak "
        "diketahui; sebutkan --year",
        "Pemda {pemda} has no Renja, RKPD, KUA-PPAS or APBD, so its planning year is unknown; give --year",
    ),
    "pemda-no-year": (
        "Pemda {pemda} tidak memiliki dokumen untuk tahun {year} (periode yang ada: {periods}); pilih --year "
        "yang lain atau impor dokumen tahun {year}",
        "Pemda {pemda} has no document for {year} (periods stored: {periods}); choose another --year or import "
        "the documents of {year}",
    ),
    "budget-none": (
        "Pemda {pemda} tidak memiliki dokumen {stage} ({version}) tahun {year}; impor dulu, misalnya "
        "`selaras import rekap_{year}.xlsx --pemda {pemda} --kind apbd --year {year}`",
        "Pemda {pemda} has no {stage} ({version}) for {year}; import one first, e.g. "
        "`selaras import rekap_{year}.xlsx --pemda {pemda} --kind apbd --year {year}`",
    ),
    "budget-title": (
        "Konsistensi perencanaan–penganggaran pemda {pemda} tahun {year}: {stage} {version} dibandingkan dengan "
        "Renja/RKPD",
        "Planning–budgeting consistency of pemda {pemda}, {year}: {stage} ({version}) against the Renja/RKPD",
    ),
    "budget-columns": (
        "PD|K / A / R|Pagu anggaran|% direncanakan|% didanai|% penunjang|% modal",
        "Agency|B / BO / PO|Budget pagu|% planned|% funded|% penunjang|% modal",
    ),
    "budget-legend": (
        "K / A / R: sub kegiatan di keduanya / hanya di anggaran / hanya di rencana. % direncanakan: bagian pagu "
        "anggaran yang ada di Renja/RKPD; % didanai: bagian pagu rencana yang mendapat anggaran; % modal: belanja "
        "modal (rekening 5.2) dari pagu yang dirinci per rekening.",
        "B / BO / PO: sub kegiatan in both / budget only / plan only. % planned: share of the budget pagu found in "
        "the Renja/RKPD; % funded: share of the plan pagu that got a budget; % modal: belanja modal (rekening 5.2) "
        "of the pagu broken down by rekening.",
    ),
    "budget-no-plan": ("tanpa Renja/RKPD", "no Renja/RKPD"),
    "budget-total": ("Jumlah pemda", "Pemda total"),
    "budget-no-rekening": (
        "Anggaran tanpa rincian rekening: porsi belanja modal tidak dapat dihitung.",
        "The budget has no rekening breakdown: the share of belanja modal cannot be computed.",
    ),
    "budget-no-sumber-dana": (
        "Anggaran tanpa rincian sumber dana: komposisi sumber dana tidak dapat dihitung.",
        "The budget has no sumber dana breakdown: the mix of funding sources cannot be computed.",
    ),
    "budget-fund-columns": ("Kode|Sumber dana|Pagu|%", "Code|Funding source|Pagu|%"),
    "budget-item-columns": (
        "PD|Kode|Sub kegiatan|Status|Pagu rencana|Pagu anggaran",
        "Agency|Code|Sub kegiatan|Status|Plan pagu|Budget pagu",
    ),
    "budget-status-keduanya": ("pagu berbeda", "pagu differs"),
    "budget-status-hanya_anggaran": ("hanya di anggaran", "budget only"),
    "budget-status-hanya_rencana": ("hanya di rencana", "plan only"),
    "budget-written": ("Perbandingan ditulis ke {path}", "Comparison written to {path}"),
    "calendar-title": ("Kalender perencanaan {pemda}, siklus {year}", "Planning calendar of {pemda}, cycle {year}"),
    "calendar-columns": ("Tahap|Dibuka|Ditutup|Keadaan|Dasar", "Stage|Opens|Closes|State|Basis"),
    "calendar-empty": (
        "Kalender {pemda} siklus {year} belum diatur; terapkan templat dengan "
        "`selaras calendar template --pemda {pemda} --year {year}`",
        "The calendar of {pemda}, cycle {year}, is not set; apply the template with "
        "`selaras calendar template --pemda {pemda} --year {year}`",
    ),
    "calendar-due": ("Jatuh tempo dalam {days} hari: {count} tahap", "Due in the next {days} days: {count} stages"),
    "calendar-pending": ("Belum menyampaikan: {count}", "Not submitted: {count}"),
    "calendar-late": ("(terlambat)", "(late)"),
    "calendar-template": (
        "Kalender {pemda} siklus {year} diatur dari templat peraturan: {count} tahap",
        "Calendar of {pemda}, cycle {year}, set from the regulation template: {count} stages",
    ),
    "calendar-set": ("Tahap {stage}: {dates}", "Stage {stage}: {dates}"),
    "calendar-reopened": ("Tahap {stage} dibuka kembali s.d. {until}", "Stage {stage} reopened until {until}"),
    "calendar-signed-off": ("{document} kini di tahap {stage}", "{document} is now in stage {stage}"),
    "realisasi-imported": (
        "Realisasi TW {quarters} ({basis}) disimpan untuk {key}: {items} item",
        "Realisation for TW {quarters} ({basis}) stored for {key}: {items} items",
    ),
    "realisasi-unchanged": (
        "Realisasi {key} tidak berubah: berkas yang sama sudah diimpor ({items} item)",
        "Realisation of {key} unchanged: the same file was already imported ({items} items)",
    ),
    "monitor-none": (
        "Belum ada realisasi Renja {year} untuk {pemda}; impor dengan `selaras import-realisasi`",
        "No Renja {year} realisation for {pemda} yet; import it with `selaras import-realisasi`",
    ),
    "monitor-columns": (
        "PD|Sub kegiatan|Pagu|Dasar pagu|Realisasi|Serapan|Capaian|Kategori",
        "Agency|Sub kegiatan|Pagu|Pagu basis|Realised|Absorption|Achievement|Rating",
    ),
    "monitor-findings": ("Peringatan dini: {count} temuan", "Early warning: {count} findings"),
    "monitor-priorities": (
        "Efektivitas per prioritas (capaian ditimbang pagu; porsi efektif = realisasi item bercapaian ≥ tinggi)",
        "Effectiveness per priority (pagu-weighted achievement; effective share = realisation of items achieving "
        "≥ high)",
    ),
    "monitor-priority-columns": (
        "Kode|Prioritas|Item|Pagu|Realisasi|Serapan|Capaian|Kategori|Porsi efektif",
        "Code|Priority|Items|Pagu|Realised|Absorption|Achievement|Rating|Effective share",
    ),
    "monitor-written": ("Tabel pemantauan ditulis ke {path}", "Monitoring table written to {path}"),
    "followup-none": ("Tidak ada temuan terbuka di pemda {pemda}.", "No open findings in pemda {pemda}."),
    "followup-title": ("Tindak lanjut pemda {pemda}: {count} temuan terbuka", "Follow-up of {pemda}: {count} open"),
    "followup-overdue": ("(lewat tenggat)", "(overdue)"),
    "followup-which": (
        "sebutkan temuan mana: --finding KUNCI, --pd KODE atau --rule KODE",
        "say which findings: --finding KEY, --pd CODE or --rule CODE",
    ),
    "followup-assigned": ("{count} temuan ditugaskan kepada {to}.", "{count} findings assigned to {to}."),
    "score-unavailable": ("{pemda} · {score}: {reason}", "{pemda} · {score}: {reason}"),
    "score-keselarasan": ("Keselarasan", "Alignment"),
    "score-konsistensi": ("Konsistensi", "Consistency"),
    "score-orientasi_kinerja": ("Orientasi kinerja", "Performance orientation"),
    **{f"unavailable-{key}": text for key, text in UNAVAILABLE.items()},
}


say = Catalog(TEXTS)
"""``say(text_id, lang, **params)``: a CLI text in ``lang``."""
