"""Every text of the Rakor report, in Bahasa Indonesia and English (``--lang en``)."""

from __future__ import annotations

from selaras.i18n import Catalog
from selaras.scores.model import UNAVAILABLE

__all__ = ["TEXTS", "tr"]

_SCORE_NAMES = {
    "keselarasan": ("Keselarasan", "Alignment"),
    "keselarasan_daerah_item": ("Selaras daerah (item)", "Regional alignment (items)"),
    "keselarasan_daerah_pagu": ("Selaras daerah (pagu)", "Regional alignment (pagu)"),
    "keselarasan_nasional_item": ("Selaras nasional (item)", "National alignment (items)"),
    "keselarasan_nasional_pagu": ("Selaras nasional (pagu)", "National alignment (pagu)"),
    "konsistensi": ("Konsistensi", "Consistency"),
    "orientasi_kinerja": ("Orientasi kinerja", "Performance orientation"),
    "sinkronisasi_iku": ("Sinkronisasi IKU", "IKU synchronization"),
}
_DEFINITIONS = {
    "keselarasan": (
        "Rata-rata dua komponen pagu di bawah: selaras daerah (pagu) dan selaras nasional (pagu). Unit: sub "
        "kegiatan/kegiatan/program Renja tahun ini yang berpagu dan tidak punya rincian, di luar program penunjang. "
        "Tidak dihitung bila pemda belum memuat RPJMD.",
        "Mean of the two pagu components below: regional (pagu) and national (pagu) alignment. Units: the year's "
        "budgeted Renja leaves outside program penunjang. Not computed when the pemda has no RPJMD loaded.",
    ),
    "keselarasan_daerah_item": (
        "Unit yang mencapai sasaran atau prioritas RPJMD pemdanya sendiri (lewat tautan yang diterima) / semua unit.",
        "Units reaching an RPJMD sasaran or priority of their own pemda (accepted links) / all units.",
    ),
    "keselarasan_daerah_pagu": (
        "Pagu unit yang mencapai sasaran/prioritas RPJMD / pagu semua unit.",
        "Pagu of units reaching an RPJMD sasaran/priority / pagu of all units.",
    ),
    "keselarasan_nasional_item": (
        "Unit yang mencapai misi Asta Cita atau prioritas nasional RPJMN / semua unit.",
        "Units reaching an Asta Cita mission or an RPJMN national priority / all units.",
    ),
    "keselarasan_nasional_pagu": (
        "Pagu unit yang mencapai Asta Cita/prioritas nasional / pagu semua unit.",
        "Pagu of units reaching Asta Cita/national priorities / pagu of all units.",
    ),
    "konsistensi": (
        "Item program Renstra dan Renja tanpa galat/peringatan aturan konsistensi, anggaran, nomenklatur atau "
        "periode / semua item program.",
        "Renstra and Renja program items with no error/warning of the consistency, budget, nomenclature or "
        "period rules / all program items.",
    ),
    "orientasi_kinerja": (
        "Indikator Renstra dan Renja tanpa galat/peringatan aturan orientasi kinerja / semua indikator.",
        "Renstra and Renja indicators with no error/warning of the performance rules / all indicators.",
    ),
    "sinkronisasi_iku": (
        "Per kab/kota: IKU provinsi yang dibawa dengan satuan dan arah sama / IKU provinsi yang ada PD mitranya.",
        "Per kab/kota: provincial IKU carried with the same satuan and direction / provincial IKU with a "
        "counterpart PD.",
    ),
}
_EXPLAIN = {
    "keselarasan": ("rata-rata selaras daerah dan nasional (pagu)", "mean of regional and national alignment (pagu)"),
    "keselarasan_daerah_item": ("{achieved} dari {total} item", "{achieved} of {total} items"),
    "keselarasan_daerah_pagu": ("{achieved} dari {total}", "{achieved} of {total}"),
    "keselarasan_nasional_item": ("{achieved} dari {total} item", "{achieved} of {total} items"),
    "keselarasan_nasional_pagu": ("{achieved} dari {total}", "{achieved} of {total}"),
    "konsistensi": ("{achieved} dari {total} item tanpa temuan", "{achieved} of {total} items without findings"),
    "orientasi_kinerja": (
        "{achieved} dari {total} indikator tanpa temuan",
        "{achieved} of {total} indicators without findings",
    ),
}
_FAMILIES = {
    "alignment": ("Keselarasan", "Alignment"),
    "budget": ("Anggaran", "Budget"),
    "consistency": ("Konsistensi", "Consistency"),
    "efficiency": ("Efisiensi", "Efficiency"),
    "iku": ("Sinkronisasi IKU", "IKU sync"),
    "monitoring": ("Pemantauan (capaian dan serapan)", "Monitoring (achievement and absorption)"),
    "nomenclature": ("Nomenklatur", "Nomenclature"),
    "performance": ("Orientasi kinerja", "Performance"),
    "period": ("Periode", "Period"),
}
_SHEETS = {
    "sheet-0": ("0 Keputusan", "0 Decisions"),
    "sheet-1": ("1 Ringkasan", "1 Summary"),
    "sheet-1a": ("1a Peringkat kab-kota", "1a Kab-kota ranking"),
    "sheet-1b": ("1b Temuan utama", "1b Key findings"),
    "sheet-1c": ("1c Perubahan", "1c Changes"),
    "sheet-2": ("2 PD x Asta Cita", "2 Agency x Asta Cita"),
    "sheet-2b": ("2b Pagu per Asta Cita", "2b Pagu per Asta Cita"),
    "sheet-2c": ("2c Pagu per PN", "2c Pagu per PN"),
    "sheet-3": ("3 Cakupan RPJMD", "3 RPJMD coverage"),
    "sheet-3b": ("3b Sasaran RPJMD", "3b RPJMD targets"),
    "sheet-3c": ("3c Prioritas prov x kab-kota", "3c Prov priorities x kab-kota"),
    "sheet-4": ("4 Skor konsistensi", "4 Consistency scores"),
    "sheet-4b": ("4b Temuan konsistensi", "4b Consistency findings"),
    "sheet-5": ("5 Skor sinkronisasi IKU", "5 IKU sync scores"),
    "sheet-5b": ("5b Matriks IKU", "5b IKU matrix"),
    "sheet-6": ("6 Skor orientasi kinerja", "6 Performance scores"),
    "sheet-6b": ("6b Temuan kinerja", "6b Performance findings"),
    "sheet-7": ("7 Duplikasi", "7 Duplicates"),
    "sheet-7b": ("7b Biaya satuan", "7b Unit costs"),
    "sheet-7c": ("7c Pagu tanpa prioritas", "7c Pagu without priority"),
    "sheet-capaian": ("8 Serapan per PD", "8 Absorption per agency"),
    "sheet-capaian-b": ("8b Efektivitas prioritas", "8b Priority effectiveness"),
    "sheet-capaian-c": ("8c Peta capaian", "8c Achievement map"),
    "sheet-capaian-d": ("8d Daftar tertinggal", "8d Lagging items"),
    "sheet-8": ("9 Kartu skor PD", "9 Agency scorecards"),
    "sheet-8b": ("9b Tindakan", "9b Actions"),
    "sheet-9": ("10 Definisi skor", "10 Score definitions"),
    "sheet-9b": ("10b Aturan", "10b Rules"),
}
_RATINGS = {
    "sangat_tinggi": ("sangat tinggi", "very high", "≥ 91%"),
    "tinggi": ("tinggi", "high", "76-90%"),
    "sedang": ("sedang", "medium", "66-75%"),
    "rendah": ("rendah", "low", "51-65%"),
    "sangat_rendah": ("sangat rendah", "very low", "≤ 50%"),
}
"""The Permendagri 86/2017 bands (:class:`selaras.checks.monitoring.Rating`) by name, with their range."""
_CAPAIAN = {
    "s-capaian": ("Capaian dan serapan", "Achievement and absorption"),
    "mon-none": (
        "Belum ada realisasi triwulan tahun {year} yang diimpor atau diisi PD; capaian dan serapan belum dapat "
        "dinilai.",
        "No quarterly realisation for {year} has been imported or entered yet; achievement and absorption cannot "
        "be assessed.",
    ),
    "mon-scope-none": (
        "Realisasi s.d. TW {triwulan} {year} ada untuk kab/kota, tetapi PD dalam cakupan laporan ini belum "
        "melaporkan. Kurva rencana: {curve}.",
        "Realisation up to TW {triwulan} {year} exists for the kab/kota, but the agencies in this report's scope "
        "have not reported. Planned curve: {curve}.",
    ),
    "mon-intro": (
        "Realisasi s.d. TW {triwulan} {year} dari {items} sub kegiatan yang melapor: {anggaran} dari pagu {basis} "
        "{pagu} terserap ({serapan}; serapan diukur terhadap pagu APBD bila sudah diimpor untuk PD-nya, bila belum "
        "pagu KUA-PPAS atau Renja); capaian kinerja rata-rata {capaian} terhadap target tahunan Renja ({band}). "
        "Kurva rencana "
        "serapan dan keluaran: {curve}. Kategori menurut Permendagri 86/2017: sangat tinggi ≥ 91%, tinggi 76-90%, "
        "sedang 66-75%, rendah 51-65%, sangat rendah ≤ 50%.",
        "Realisation up to TW {triwulan} {year} of {items} reporting sub kegiatan: {anggaran} of a {pagu} {basis} "
        "pagu absorbed ({serapan}; absorption is measured against the APBD pagu when it has been imported for the "
        "agency, else the KUA-PPAS or Renja pagu); mean achievement {capaian} of the Renja's annual targets "
        "({band}). Planned curve of "
        "absorption and outputs: {curve}. Bands of Permendagri 86/2017: very high ≥ 91%, high 76-90%, medium "
        "66-75%, low 51-65%, very low ≤ 50%.",
    ),
    "t-serapan-pd": (
        "Serapan dan capaian per perangkat daerah s.d. TW {triwulan}",
        "Absorption and achievement per agency up to TW {triwulan}",
    ),
    "t-serapan-pemda": (
        "Serapan dan capaian per pemda s.d. TW {triwulan}",
        "Absorption and achievement per pemda up to TW {triwulan}",
    ),
    "c-serapan": (
        "Serapan anggaran kumulatif s.d. TW {triwulan} (garis putus: kurva rencana)",
        "Cumulative budget absorption up to TW {triwulan} (dashed: planned curve)",
    ),
    "c-serapan-lowest": (
        "Serapan kumulatif s.d. TW {triwulan}: {count} terendah dari {total} (garis putus: rencana)",
        "Cumulative absorption up to TW {triwulan}: the {count} lowest of {total} (dashed: plan)",
    ),
    "plan-tw": ("Rencana TW {triwulan} {share}", "Plan TW {triwulan} {share}"),
    "col-realisasi": ("Realisasi", "Realised"),
    "col-pagu-basis": ("Dasar pagu", "Pagu basis"),
    "col-serapan": ("Serapan", "Absorption"),
    "col-serapan-tw": ("Serapan TW {triwulan}", "Absorption TW {triwulan}"),
    "col-capaian": ("Capaian", "Achievement"),
    "col-capaian-weighted": ("Capaian (bobot pagu)", "Achievement (pagu-weighted)"),
    "col-rating": ("Kategori", "Band"),
    "col-priority": ("Prioritas", "Priority"),
    "col-effective": ("Realisasi capaian ≥ tinggi", "Realised, achievement ≥ high"),
    "col-effective-share": ("Porsi efektif", "Effective share"),
    "col-pic": ("PIC (penanggung jawab)", "PIC (person in charge)"),
    "t-effectiveness": ("Efektivitas per prioritas", "Effectiveness per priority"),
    "effectiveness-intro": (
        "Untuk setiap prioritas kepala daerah (RPJMD) dan misi Asta Cita: pagu dan realisasi sub kegiatan yang "
        "mencapainya lewat tautan yang diterima (dibagi rata bila satu item mendukung beberapa prioritas; belanja "
        "penunjang tidak dihitung), capaian kinerjanya ditimbang pagu, dan berapa bagian realisasi yang dibelanjakan "
        "oleh item dengan capaian tinggi atau sangat tinggi (porsi efektif).",
        "For each head of region's priority (RPJMD) and Asta Cita mission: the pagu and realisation of the sub "
        "kegiatan reaching it through accepted links (split equally when an item supports several; overhead not "
        "counted), their achievement weighted by pagu, and how much of the realisation was spent by items with a "
        "high or very high achievement (effective share).",
    ),
    "c-capaian-map": ("Peta capaian per prioritas × pemda", "Achievement map, priority × pemda"),
    "c-capaian-map-pd": ("Peta capaian per PD × prioritas", "Achievement map, agency × priority"),
    "map-intro": (
        "Capaian kinerja (ditimbang pagu) sub kegiatan setiap pemda yang mendukung prioritas itu; angka dalam sel "
        "adalah capaian dalam persen, warna adalah kategorinya, – berarti tidak ada sub kegiatan pemda itu yang "
        "melapor dan tertaut ke prioritas tersebut.",
        "Achievement (pagu-weighted) of each pemda's sub kegiatan supporting the priority; the number in a cell is "
        "the achievement in percent, its colour the band, – means none of that pemda's reporting sub kegiatan is "
        "linked to the priority.",
    ),
    "map-intro-pd": (
        "Capaian kinerja (ditimbang pagu) sub kegiatan setiap PD yang mendukung prioritas (kode seperti pada tabel "
        "efektivitas); angka dalam sel adalah capaian dalam persen, – berarti tidak ada sub kegiatan PD itu yang "
        "melapor dan tertaut ke prioritas tersebut.",
        "Achievement (pagu-weighted) of each agency's sub kegiatan supporting the priority (codes as in the "
        "effectiveness table); the number in a cell is the achievement in percent, – means none of that agency's "
        "reporting sub kegiatan is linked to the priority.",
    ),
    "legend-none": ("tidak ada data", "no data"),
    "t-lagging": ("Daftar tertinggal: peringatan dini pemantauan", "Lagging list: monitoring early warnings"),
    "t-lagging-top": (
        "Daftar tertinggal: {count} dari {total} temuan terpenting (lengkap di Excel)",
        "Lagging list: the {count} most important of {total} findings (all in the Excel file)",
    ),
    "no-lagging": (
        "Tidak ada sub kegiatan yang tertinggal dari kurva rencana.",
        "No sub kegiatan lags behind the planned curve.",
    ),
}

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Laporan Rakor Keselarasan Perencanaan", "Rakor Planning Alignment Report"),
    "subtitle": ("{pemda} · Tahun {year} · Cakupan PD: {scope}", "{pemda} · Year {year} · Agencies: {scope}"),
    "scope-provinsi": ("perangkat daerah provinsi", "provincial agencies"),
    "scope-kabkota": ("perangkat daerah kab/kota", "kab/kota agencies"),
    "scope-semua": ("semua perangkat daerah", "all agencies"),
    "scope-own": ("perangkat daerah {pemda}", "agencies of {pemda}"),
    "toc": ("Daftar isi", "Contents"),
    "page": ("Halaman", "Page"),
    "generated-on": ("Dibuat {date} oleh Selaras", "Generated {date} by Selaras"),
    "s0": ("Yang perlu diputuskan Rakor", "What the Rakor must decide"),
    "decisions-intro": (
        "{count} hal terpenting dari {total} kelompok temuan yang masih terbuka, diurutkan menurut dampaknya. "
        "Setiap hal menyebut PD yang bertanggung jawab dan tenggat tindak lanjutnya.",
        "The {count} most important of {total} groups of open findings, by impact. Each names the agency "
        "responsible and its follow-up deadline.",
    ),
    "decisions-method": (
        "Dampak = rupiah yang dipertaruhkan (selisih pagu atau pagu item; sasaran/prioritas RPJMD tanpa program: "
        "pagu Renja dibagi jumlah sasaran/prioritas) × bobot (galat 1; peringatan 0,6; info 0,2) × 2 untuk "
        "prioritas kepala daerah ÷ (1 + tahun sebelum tahun yang dimaksud). Paling banyak dua baris per aturan; "
        "tenggat (usulan) belum ditetapkan dan mengikuti penutupan tahap kalender perencanaan.",
        "Impact = rupiah at stake (a pagu difference or an item's pagu; an RPJMD sasaran/priority without a "
        "program: the Renja pagu over the number of sasaran/priorities) × weight (error 1; warning 0.6; info 0.2) "
        "× 2 for the head of region's priorities ÷ (1 + years until the year concerned). At most two rows per "
        "rule; deadlines marked (proposed) are not yet set and follow the planning calendar's stage closes.",
    ),
    "t-decisions": ("Keputusan yang diperlukan", "Decisions needed"),
    "no-decisions": ("Tidak ada temuan terbuka yang perlu diputuskan.", "No open finding needs a decision."),
    "decision-many": ("{title} ({count} temuan), terbesar: {first}", "{title} ({count} findings), largest: {first}"),
    "col-decide": ("Masalah dan keputusan yang diminta", "Problem and decision asked"),
    "col-responsible": ("PD penanggung jawab", "Agency responsible"),
    "col-stake": ("Nilai", "At stake"),
    "col-deadline": ("Tenggat", "Deadline"),
    "proposed": ("usulan", "proposed"),
    "col-followup": ("Tindak lanjut", "Follow-up"),
    "col-fu-state": ("Keadaan", "State"),
    "col-fu-pic": ("PIC", "PIC"),
    "col-fu-deadline": ("Tenggat", "Deadline"),
    "col-fu-response": ("Tanggapan", "Response"),
    "col-fu-by": ("Oleh", "By"),
    "col-fu-at": ("Tanggal", "Date"),
    "fu-terbuka": ("terbuka", "open"),
    "fu-ditanggapi": ("ditanggapi", "answered"),
    "fu-selesai": ("selesai", "resolved"),
    "fu-pengecualian": ("pengecualian", "exception"),
    "fu-pic": ("PIC {pic}, tenggat {deadline}", "PIC {pic}, due {deadline}"),
    "fu-unassigned": ("belum ditugaskan, tenggat {deadline}", "not assigned, due {deadline}"),
    "fu-response": ("“{comment}” ({who}, {day})", "“{comment}” ({who}, {day})"),
    "fu-response-bare": ("oleh {who}, {day}", "by {who}, {day}"),
    "planning-agency": ("Bappeda (pemilik RPJMD/RKPD)", "Planning agency (owner of RPJMD/RKPD)"),
    "t-spread": ("Skor utama dan sebarannya di kab/kota", "Headline scores and their spread over the kab/kota"),
    "t-headline-own": ("Skor utama", "Headline scores"),
    "col-median-kabkota": ("Median kab/kota", "Kab/kota median"),
    "col-lowest": ("Terendah", "Lowest"),
    "col-highest": ("Tertinggi", "Highest"),
    "s1": ("Ringkasan eksekutif", "Executive summary"),
    "s2": ("Keselarasan dengan agenda nasional", "Alignment with the national agenda"),
    "s3": ("Keselarasan dengan prioritas daerah", "Alignment with regional priorities"),
    "s4": ("Konsistensi perencanaan", "Planning consistency"),
    "s5": ("Sinkronisasi IKU", "IKU synchronization"),
    "s6": ("Orientasi kinerja", "Performance orientation"),
    "s7": ("Efisiensi anggaran", "Budget efficiency"),
    "s8": ("Kartu skor per PD", "Scorecard per agency"),
    "s9": ("Metodologi", "Methodology"),
    "summary-intro": (
        "Laporan ini menilai rencana {pemda} beserta {kabkota} kab/kota untuk tahun {year}. Pemeriksaan dengan "
        "{rules} aturan menghasilkan {findings} temuan: {galat} galat, {peringatan} peringatan dan {info} info. "
        "Skor bernilai 0-100; tanda – berarti tidak ada yang dapat dinilai.",
        "This report assesses the plans of {pemda} and its {kabkota} kab/kota for {year}. Checking with {rules} "
        "rules gave {findings} findings: {galat} errors, {peringatan} warnings and {info} info. Scores run "
        "0-100; a dash means there was nothing to score.",
    ),
    "s2-intro": (
        "Pagu Renja yang mencapai misi Asta Cita lewat tautan yang diterima, per perangkat daerah. Pagu satu item "
        "yang mendukung beberapa misi dibagi rata di antara misi tersebut.",
        "Renja pagu reaching each Asta Cita mission through accepted links, per agency. The pagu of an item "
        "supporting several missions is split equally among them.",
    ),
    "s3-intro": (
        "Cakupan misi, sasaran dan prioritas RPJMD oleh pagu Renja {year}. Satu item dihitung penuh untuk setiap "
        "sasaran yang dicapainya.",
        "Coverage of the RPJMD missions, sasaran and priorities by the {year} Renja pagu. An item counts fully "
        "for each target it reaches.",
    ),
    "s4-intro": (
        "Temuan konsistensi rantai perencanaan (RPJMD → Renstra → Renja → RKPD), anggaran, nomenklatur dan "
        "periode, dikelompokkan per perangkat daerah; pesan memuat nilai yang dibandingkan.",
        "Findings on the planning chain (RPJMD → Renstra → Renja → RKPD), budget, nomenclature and periods, "
        "grouped by agency; each message carries the values compared.",
    ),
    "s5-intro": (
        "{count} IKU perangkat daerah provinsi dibandingkan dengan IKU PD mitra di {kabkota} kab/kota. Simbol pada "
        "setiap sel: ✓ selaras, S satuan berbeda, A arah berbeda, ✗ tidak ada, – tidak ada PD mitra.",
        "{count} provincial agency IKU compared with the counterpart agencies' IKU in {kabkota} kab/kota. Cell "
        "symbols: ✓ in sync, S different satuan, A opposite direction, ✗ missing, – no counterpart agency.",
    ),
    "s6-intro": (
        "Mutu indikator: satuan, kondisi awal, target tahunan, arah dan keterukuran.",
        "Indicator quality: satuan, baseline, annual targets, direction and measurability.",
    ),
    "s7-intro": (
        "Pekerjaan yang sama di dua PD, biaya satuan yang jauh di atas median pemda lain, dan pagu yang tidak "
        "mendukung prioritas mana pun.",
        "The same work in two agencies, unit costs far above the median of other pemda, and pagu supporting "
        "no priority at all.",
    ),
    "s8-intro": (
        "Satu halaman untuk setiap perangkat daerah ({count} PD): skor, temuan dan tindakan perbaikan. Daftar "
        "lengkap ada di berkas Excel.",
        "One page per agency ({count} agencies): scores, findings and corrective actions. The full lists are "
        "in the Excel file.",
    ),
    "s8-compact": (
        "PD kab/kota ({count} PD) diringkas dalam satu tabel per kab/kota ({pemda} tabel): skor utama, jumlah "
        "temuan dan tindakan perbaikan terpenting. Kartu lengkap ada di laporan Rakor masing-masing "
        "kab/kota dan semua skor di berkas Excel.",
        "Kab/kota agencies ({count}) are summarised in one table per kab/kota ({pemda} tables): headline scores, "
        "finding counts and the most important corrective actions. Full cards are in each kab/kota's own Rakor "
        "report and every score is in the Excel file.",
    ),
    "compact-title": ("{pemda}: ringkasan {count} PD", "{pemda}: {count} agencies in brief"),
    "more-actions": ("(+{count} lainnya)", "(+{count} more)"),
    "s9-intro": (
        "Setiap skor = 100 × tercapai / total dan menyimpan unit yang menurunkannya. Hanya tautan yang diterima "
        "yang dihitung. Definisi lengkap: docs/scores.md dan docs/rules.md.",
        "Every score = 100 × achieved / total and keeps the units that lowered it. Only accepted links count. "
        "Full definitions: docs/scores.md and docs/rules.md.",
    ),
    "s9-thresholds": ("Ambang batas yang dipakai pemeriksaan ini:", "Thresholds used by this check run:"),
    "total": ("Jumlah", "Total"),
    "col-no": ("No", "No"),
    "col-kode": ("Kode", "Code"),
    "col-pemda": ("Pemda", "Pemda"),
    "col-kabkota": ("Kab/kota", "Kab/kota"),
    "col-pd": ("Perangkat daerah", "Agency"),
    "col-rule": ("Aturan", "Rule"),
    "col-severity": ("Tingkat", "Severity"),
    "col-where": ("Lokasi", "Where"),
    "col-message": ("Pesan (nilai dibandingkan)", "Message (values compared)"),
    "col-suggestion": ("Saran", "Suggestion"),
    "col-score": ("Skor", "Score"),
    "col-before": ("Sebelumnya", "Before"),
    "col-now": ("Sekarang", "Now"),
    "col-change": ("Perubahan", "Change"),
    "col-items-of": ("{label} item", "{label} items"),
    "col-pagu-of": ("{label} pagu", "{label} pagu"),
    "unit-juta": ("Rp juta", "Rp million"),
    "col-name": ("Nama", "Name"),
    "col-pagu": ("Pagu", "Pagu"),
    "col-share": ("Porsi", "Share"),
    "col-sasaran-covered": ("Sasaran tercakup", "Sasaran covered"),
    "col-sasaran-all": ("Jumlah sasaran", "Sasaran"),
    "col-priority-funded": ("Prioritas berpagu", "Priorities funded"),
    "col-priority-all": ("Jumlah prioritas", "Priorities"),
    "col-pagu-regional": ("Pagu ke RPJMD", "Pagu reaching the RPJMD"),
    "col-pagu-renja": ("Pagu Renja", "Renja pagu"),
    "col-level": ("Tingkat", "Level"),
    "col-description": ("Uraian", "Description"),
    "col-units": ("Item", "Items"),
    "col-pagu-year": ("Pagu {year}", "Pagu {year}"),
    "col-status": ("Status", "Status"),
    "col-item": ("Item", "Item"),
    "col-items-total": ("Item dinilai", "Items scored"),
    "col-indicators-total": ("Indikator dinilai", "Indicators scored"),
    "col-achieved": ("Tanpa temuan", "Without findings"),
    "col-indicator": ("Indikator", "Indicator"),
    "col-satuan": ("Satuan", "Satuan"),
    "col-unit-cost": ("Biaya satuan", "Unit cost"),
    "col-median": ("Median pemda lain", "Median of other pemda"),
    "col-ratio": ("Rasio", "Ratio"),
    "col-peers": ("Pembanding", "Peers"),
    "col-value": ("Nilai", "Value"),
    "col-basis": ("Dasar", "Basis"),
    "col-document": ("Dokumen", "Document"),
    "col-action": ("Tindakan", "Action"),
    "col-action-main": ("Tindakan utama", "Main actions"),
    "col-definition": ("Definisi", "Definition"),
    "col-title": ("Judul", "Title"),
    "col-family": ("Kelompok", "Family"),
    "col-findings": ("Temuan", "Findings"),
    "sev-galat": ("galat", "error"),
    "sev-peringatan": ("peringatan", "warning"),
    "sev-info": ("info", "info"),
    "t-headline": ("Skor utama per pemda", "Headline scores per pemda"),
    "t-ranking": (
        "Peringkat kab/kota menurut rata-rata skor utama, dengan perubahan sejak laporan sebelumnya",
        "Kab/kota ranked by the mean of their headline scores, with the change since the last report",
    ),
    "col-rank": ("Peringkat", "Rank"),
    "col-overall": ("Rata-rata skor utama", "Mean headline score"),
    "col-overall-change": ("Perubahan sejak laporan lalu", "Change since the last report"),
    "col-rank-before": ("Peringkat laporan lalu", "Rank in the last report"),
    "c-headline": ("Skor utama per pemda (0-100)", "Headline scores per pemda (0-100)"),
    "t-top": ("Lima temuan terpenting", "The five most important findings"),
    "no-findings": ("Tidak ada temuan.", "No findings."),
    "info-in-excel": (
        "{count} temuan tingkat info ({rules}) tidak dicantumkan di sini; semuanya ada di lembar Excel "
        "\u201c{sheet}\u201d.",
        "{count} info findings ({rules}) are not listed here; the Excel sheet \u201c{sheet}\u201d has them all.",
    ),
    "changes-none": (
        "Belum ada laporan sebelumnya untuk dibandingkan; laporan berikutnya akan menunjukkan perubahannya.",
        "There is no earlier report to compare with; the next report will show what changed.",
    ),
    "changes-intro": (
        "Perubahan sejak laporan sebelumnya ({date}, tahun {year}).",
        "Changes since the previous report ({date}, year {year}).",
    ),
    "changes-same": ("Tidak ada skor yang berubah.", "No score changed."),
    "t-changes": ("Skor yang berubah", "Scores that changed"),
    "t-changes-findings": ("Jumlah temuan", "Number of findings"),
    "changes-resolved": ("Aturan yang kini tanpa temuan: {codes}.", "Rules with no findings any more: {codes}."),
    "changes-new": ("Aturan dengan temuan baru: {codes}.", "Rules with new findings: {codes}."),
    "t-matrix-ac": (
        "Matriks PD × misi Asta Cita (jumlah item dan pagu)",
        "Agency × Asta Cita mission (items and pagu)",
    ),
    "t-share-ac": ("Porsi pagu per misi Asta Cita", "Share of pagu per Asta Cita mission"),
    "t-share-pn": ("Porsi pagu per Prioritas Nasional", "Share of pagu per National Priority"),
    "c-share-ac": ("Pagu per misi Asta Cita", "Pagu per Asta Cita mission"),
    "c-sankey": ("Aliran pagu dari PD ke misi Asta Cita", "Pagu flowing from agencies to Asta Cita missions"),
    "no-pn": (
        "Tidak ada pagu yang terhubung ke Prioritas Nasional RPJMN (tautan ke PN belum dibuat atau diterima).",
        "No pagu is linked to an RPJMN National Priority (links to PN not yet made or accepted).",
    ),
    "totals-differ": (
        "Total per Prioritas Nasional ({pn}) berbeda dari total per misi Asta Cita ({ac}) karena tiap tabel hanya "
        "menjumlahkan pagu item yang tertaut ke kerangkanya: item yang mendukung misi Asta Cita belum tentu "
        "tertaut ke PN RPJMN (dan sebaliknya), dan item yang mendukung beberapa misi atau PN dibagi rata. Belanja "
        "penunjang masuk ke kedua tabel.",
        "The total per National Priority ({pn}) differs from the total per Asta Cita mission ({ac}) because each "
        "table sums the pagu of the items linked to its framework only: an item supporting an Asta Cita mission "
        "is not necessarily linked to an RPJMN PN (and the reverse), and an item supporting several is split "
        "equally. Administrative overhead is in both tables.",
    ),
    "other-pd": ("{count} PD lainnya", "{count} other agencies"),
    "belanja-penunjang": (
        "Belanja penunjang (program penunjang urusan, tidak diatribusikan ke target)",
        "Administrative overhead (program penunjang, attributed to no target)",
    ),
    "pemda-pd": ("{pemda} (semua {count} PD)", "{pemda} (all {count} agencies)"),
    "t-rpjmd-summary": ("Cakupan RPJMD per pemda", "RPJMD coverage per pemda"),
    "t-rpjmd-targets": ("Misi, sasaran dan prioritas RPJMD", "RPJMD missions, sasaran and priorities"),
    "t-rpjmd-gaps": ("Sasaran tanpa program dan prioritas tanpa pagu", "Uncovered targets and unfunded priorities"),
    "no-gaps": ("Semua misi, sasaran dan prioritas RPJMD berpagu tahun ini.", "Every RPJMD target is funded."),
    "no-rpjmd": ("Tidak ada RPJMD yang dimuat untuk pemda ini.", "No RPJMD is loaded for this pemda."),
    "t-governor": (
        "Prioritas gubernur × kab/kota: pagu Renja {year} dan keselarasan",
        "Governor's priorities × kab/kota: {year} Renja pagu and alignment",
    ),
    "governor-intro": (
        "Berapa pagu Renja {year} setiap kab/kota yang mencapai prioritas gubernur dalam RPJMD provinsi:",
        "How much of each kab/kota's {year} Renja pagu reaches the governor's priorities in the provincial RPJMD:",
    ),
    "governor-trace": (
        "Pagu dilacak dari sub kegiatan Renja {year} kab/kota lewat tautan yang diterima ke kegiatan dan "
        "program, lalu ke sasaran atau prioritas RPJMD kab/kota, lalu ke prioritas provinsi; pagu yang mencapai "
        "beberapa prioritas dibagi rata, dan keselarasan adalah porsi pagu di luar belanja penunjang yang "
        "mencapai prioritas provinsi mana pun. ✗: tidak ada sasaran atau prioritas RPJMD kab/kota yang tertaut "
        "ke prioritas itu (SEL108); 0,0: tertaut, tetapi tidak ada pagu {year} yang mencapainya.",
        "Pagu is traced from the kab/kota's {year} Renja sub kegiatan through accepted links to their kegiatan "
        "and program, then to a sasaran or priority of the kab/kota RPJMD, then to the provincial priority; pagu "
        "reaching several priorities is split equally, and alignment is the share of the pagu outside overhead "
        "spending that reaches any provincial priority. ✗: no sasaran or priority of the kab/kota RPJMD is "
        "linked to that priority (SEL108); 0.0: linked, but no {year} pagu reaches it.",
    ),
    "col-to-governor": ("Ke prioritas provinsi", "To provincial priorities"),
    "col-pagu-net": ("Pagu Renja tanpa penunjang", "Renja pagu without overhead"),
    "col-alignment": ("Keselarasan", "Alignment"),
    "level-misi": ("misi", "mission"),
    "level-sasaran": ("sasaran", "sasaran"),
    "level-prioritas": ("prioritas", "priority"),
    "status-tercakup": ("tercakup", "covered"),
    "status-tanpa-pagu": ("tanpa pagu tahun ini", "no pagu this year"),
    "status-tanpa-program": ("tanpa program", "no program"),
    "outside-scope": (
        "Di luar cakupan PD laporan ini ada {count} temuan lain dari kelompok ini; laporan dengan cakupan semua "
        "perangkat daerah (provinsi dan kab/kota) memuat semuanya.",
        "Outside this report's agency scope there are {count} more findings of this kind; a report covering all "
        "agencies (province and kab/kota) lists them all.",
    ),
    "whole-pemda": ("Seluruh pemda", "Whole pemda"),
    "t-scores-pd": ("{score} per perangkat daerah", "{score} per agency"),
    "c-lowest": ("PD dengan skor {score} terendah", "Agencies with the lowest {score} score"),
    "all-perfect": ("Semua perangkat daerah mendapat skor {score} 100.", "Every agency scores 100 on {score}."),
    "t-consistency": ("Temuan konsistensi per perangkat daerah", "Consistency findings per agency"),
    "t-performance": ("Temuan orientasi kinerja per perangkat daerah", "Performance findings per agency"),
    "iku-not-province": (
        "Sinkronisasi IKU dinilai untuk provinsi terhadap kab/kotanya; pemda ini bukan provinsi.",
        "IKU synchronization compares a province with its kab/kota; this pemda is not a province.",
    ),
    "no-iku": ("Tidak ada IKU provinsi yang dimuat.", "No provincial IKU is loaded."),
    "sync-selaras": ("selaras", "in sync"),
    "sync-satuan_berbeda": ("satuan berbeda", "different satuan"),
    "sync-arah_berbeda": ("arah berbeda", "opposite direction"),
    "sync-tidak_ada": ("tidak ada", "missing"),
    "sync-tanpa_mitra": ("tanpa PD mitra", "no counterpart"),
    "c-iku": ("Peta sinkronisasi IKU provinsi × kab/kota", "IKU synchronization map, province × kab/kota"),
    "t-iku-scores": ("Sinkronisasi IKU per kab/kota", "IKU synchronization per kab/kota"),
    "t-iku-matrix": ("Matriks sinkronisasi IKU", "IKU synchronization matrix"),
    "t-duplicates": ("Pekerjaan ganda antar-PD", "Duplicated work between agencies"),
    "t-outliers": ("Biaya satuan pencilan", "Unit-cost outliers"),
    "no-outliers": ("Tidak ada biaya satuan pencilan.", "No unit-cost outliers."),
    "series-median": ("Median pemda lain", "Median of other pemda"),
    "series-item": ("Biaya satuan item ini", "This item's unit cost"),
    "c-outliers": ("Biaya satuan pencilan dibanding median", "Unit-cost outliers against the median"),
    "unaligned-intro": (
        "{count} item Renja berpagu tidak mencapai sasaran/prioritas RPJMD maupun prioritas nasional: {pagu} "
        "({share} dari pagu Renja).",
        "{count} budgeted Renja items reach neither an RPJMD target nor a national priority: {pagu} ({share} "
        "of the Renja pagu).",
    ),
    "t-unaligned": ("Pagu yang tidak mendukung prioritas", "Pagu supporting no priority"),
    "t-unaligned-top": ("{count} item terbesar tanpa prioritas", "The {count} largest items without a priority"),
    "kind-renja": ("Renja", "Renja"),
    "kind-renstra": ("Renstra", "Renstra"),
    "kind-rpjmd": ("RPJMD", "RPJMD"),
    "kind-rpjpd": ("RPJPD", "RPJPD"),
    "kind-rkpd": ("RKPD", "RKPD"),
    "kind-iku": ("IKU", "IKU"),
    "kind-kua_ppas": ("KUA-PPAS", "KUA-PPAS"),
    "kind-apbd": ("APBD", "APBD"),
    "target-keselarasan_daerah_pagu": ("sasaran/prioritas RPJMD", "an RPJMD sasaran/priority"),
    "target-keselarasan_nasional_pagu": ("misi Asta Cita/prioritas nasional", "an Asta Cita mission/national priority"),
    "action-link": (
        "hubungkan \u201c{text}\u201d ({pagu}) ke {target}",
        "link \u201c{text}\u201d ({pagu}) to {target}",
    ),
    "nothing-scored": ("tidak ada yang dinilai", "nothing to score"),
    "unavailable-intro": ("Skor bertanda – yang tidak dapat dihitung:", "Scores shown as – that cannot be computed:"),
    "unavailable-note": ("{score} {pemda}: {reason}", "{score} of {pemda}: {reason}"),
    "card-line": (
        "Kode {kode} · {pemda} · Pagu Renja {year}: {pagu} · {findings} temuan ({galat} galat, {peringatan} "
        "peringatan)",
        "Code {kode} · {pemda} · Renja pagu {year}: {pagu} · {findings} findings ({galat} errors, {peringatan} "
        "warnings)",
    ),
    "t-card-scores": ("Skor", "Scores"),
    "t-card-findings": ("Temuan", "Findings"),
    "more-findings": ("… dan {count} temuan lain (lihat berkas Excel).", "… and {count} more findings (see Excel)."),
    "actions": ("Tindakan perbaikan:", "Corrective actions:"),
    "t-changed-findings": ("Temuan yang selesai dan yang baru, per PD", "Findings resolved and new, per agency"),
    "t-changed-items": (
        "Butir Renja/RKPD/anggaran tahun ini yang berubah, per PD",
        "Items of this year's Renja/RKPD/budget that changed, per agency",
    ),
    "col-finding": ("Temuan", "Finding"),
    "changed-resolved": ("selesai", "resolved"),
    "changed-new": ("baru", "new"),
    "changed-added": ("ditambah", "added"),
    "changed-removed": ("dihapus", "removed"),
    "changed-changed": ("diubah", "changed"),
    "changed-more": ("… dan {count} lainnya (lengkap di Excel).", "… and {count} more (all in the Excel file)."),
    "t-late": ("Dokumen yang terlambat disampaikan", "Documents submitted late"),
    "late-intro": (
        "Menurut kalender perencanaan, {count} dokumen belum mencapai tahap yang sudah ditutup:",
        "According to the planning calendar, {count} documents have not reached a stage that has closed:",
    ),
    "col-stage": ("Tahap", "Stage"),
    "col-closed": ("Ditutup", "Closed"),
    "col-reached": ("Posisi dokumen", "Where the document is"),
    "no-document": ("belum ada dokumen", "no document yet"),
    "t-calm": ("Perangkat daerah tanpa tindakan mendesak", "Agencies with no urgent action"),
    "calm-intro": (
        "{count} PD tidak punya galat, peringatan atau pagu tanpa tautan; skornya dalam satu tabel, tanpa kartu.",
        "{count} agencies have no error, warning or unlinked pagu; their scores are in one table, with no card.",
    ),
    "t-card-overview": ("Skor semua perangkat daerah", "Scores of every agency"),
    "t-actions": ("Tindakan perbaikan per perangkat daerah", "Corrective actions per agency"),
    "t-method-scores": ("Definisi skor", "Score definitions"),
    "t-method-rules": ("Aturan pemeriksaan", "Check rules"),
    "t-method-thresholds": ("Ambang batas", "Thresholds"),
    **{f"score-{key}": names for key, names in _SCORE_NAMES.items()},
    **{f"define-{key}": text for key, text in _DEFINITIONS.items()},
    **{f"explain-{key}": text for key, text in _EXPLAIN.items()},
    **{f"unavailable-{key}": text for key, text in UNAVAILABLE.items()},
    **{f"family-{key}": names for key, names in _FAMILIES.items()},
    **_SHEETS,
    **_CAPAIAN,
    **{f"rating-{key}": (id_, en) for key, (id_, en, _) in _RATINGS.items()},
    **{f"legend-{key}": (f"{id_} {band}", f"{en} {band}") for key, (id_, en, band) in _RATINGS.items()},
}


tr = Catalog(TEXTS)
"""``tr(key, lang, **params)``: a report text in ``lang``; an unknown key raises KeyError."""
