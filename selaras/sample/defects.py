"""The defect manifest: which problems the sample seeds, and exactly where.

A checker is measured against the manifest by (kind, location). Location fields follow the checks'
``Location``: ``pemda``, ``document`` (a :attr:`Document.key`), ``item`` (item key), ``pd``, ``indicator``
(name) and ``year`` where they apply. Two more fields say which clean data a defect touched:
``counterpart`` is the document the defective one is compared with (the Renstra for a Renja defect, the
provincial IKU for a kab/kota IKU) — ``renja-pagu-exceeds-renstra`` is seeded by lowering the Renstra pagu,
so that document's item changes; ``replaces`` is the key of the clean item a defect replaced
(``duplicate-sub-kegiatan``, ``unknown-code``). An ``iku-missing`` names the kab/kota PD's IKU document and
the provincial IKU's item key (kab/kota IKU reuse the provincial keys), with the provincial document as
``counterpart``; the item is absent from the defective sample by definition. A
``provincial-priority-unsupported`` names the kab/kota as ``pemda`` and the governor's priority (the province's
RPJMD and the priority's key) as document and item, with the kab/kota's RPJMD, which lacks the link, as
``counterpart``. Monitoring defects
(:attr:`DefectKind.monitoring`) change the realisasi of the Renja item they name, never the plans; they carry
the year monitored (see :mod:`selaras.sample.realisasi`).

Manifest file (UTF-8 JSON)::

    {"format": "selaras-sample-defects", "version": 1,
     "defects": [{"kind": "renja-target-differs", "pemda": "62.01", "pd": "1.01.01",
                  "document": "62.01/RENJA/1.01.01/2026/final", "item": "1.01.02.2.01.0003",
                  "indicator": "Jumlah ...", "year": 2026, "counterpart": "62.01/RENSTRA/1.01.01/2025-2029/final",
                  "replaces": null, "detail": "Target Renja 2026 ..."}, ...]}
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST_FORMAT", "Defect", "DefectKind", "read_manifest", "write_manifest"]

MANIFEST_FORMAT = "selaras-sample-defects"
MANIFEST_VERSION = 1


class DefectKind(StrEnum):
    """Problems the sample seeds; the names are the checks' rule names."""

    LINK_MISSING = "link-missing"
    RENJA_TARGET_DIFFERS = "renja-target-differs"
    SATUAN_MISMATCH = "satuan-mismatch"
    RENJA_PAGU_EXCEEDS_RENSTRA = "renja-pagu-exceeds-renstra"
    CHILD_PAGU_EXCEEDS_PARENT = "child-pagu-exceeds-parent"
    DUPLICATE_SUB_KEGIATAN = "duplicate-sub-kegiatan"
    OUTPUT_INDICATOR_AT_PROGRAM = "output-indicator-at-program"
    BASELINE_MISSING = "baseline-missing"
    TARGET_YEAR_MISSING = "target-year-missing"
    TARGET_WRONG_DIRECTION = "target-wrong-direction"
    TARGET_COPIED_ACROSS_YEARS = "target-copied-across-years"
    UNMEASURABLE_INDICATOR = "unmeasurable-indicator"
    NOMENCLATURE_NAME_MISMATCH = "nomenclature-name-mismatch"
    UNKNOWN_CODE = "unknown-code"
    IKU_SATUAN_MISMATCH = "iku-satuan-mismatch"
    IKU_MISSING = "iku-missing"
    PRIORITY_UNFUNDED = "priority-unfunded"
    MISI_UNLINKED = "misi-unlinked"
    PROVINCIAL_PRIORITY_UNSUPPORTED = "provincial-priority-unsupported"
    UNIT_COST_OUTLIER = "unit-cost-outlier"
    PAGU_WITHOUT_INDICATOR = "pagu-without-indicator"
    ABSORPTION_BEHIND_CURVE = "absorption-behind-curve"
    PERFORMANCE_BEHIND_CURVE = "performance-behind-curve"
    BUDGET_WITHOUT_PROGRESS = "budget-without-progress"
    PROGRESS_WITHOUT_BUDGET = "progress-without-budget"
    REALISASI_EXCEEDS_PAGU = "realisasi-exceeds-pagu"
    REALISED_UNIT_COST_OUTLIER = "realised-unit-cost-outlier"

    @property
    def monitoring(self) -> bool:
        """Whether the problem lives in the realisasi (TW I-III) rather than in the plans."""
        return self in _MONITORING

    @property
    def description(self) -> str:
        """One line in Bahasa Indonesia: what the seeded problem looks like."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    DefectKind.LINK_MISSING: "Program Renstra/Renja tanpa tautan ke sasaran RPJMD",
    DefectKind.RENJA_TARGET_DIFFERS: "Target Renja pada tahunnya berbeda dengan target Renstra tahun itu",
    DefectKind.SATUAN_MISMATCH: "Satuan indikator Renja berbeda dengan satuan di Renstra",
    DefectKind.RENJA_PAGU_EXCEEDS_RENSTRA: "Pagu Renja melebihi pagu Renstra untuk tahun yang sama",
    DefectKind.CHILD_PAGU_EXCEEDS_PARENT: "Jumlah pagu sub kegiatan melebihi pagu kegiatan induknya",
    DefectKind.DUPLICATE_SUB_KEGIATAN: "Kode sub kegiatan yang sama dipakai dua perangkat daerah dalam satu pemda",
    DefectKind.OUTPUT_INDICATOR_AT_PROGRAM: "Program memakai indikator keluaran (output), bukan hasil (outcome)",
    DefectKind.BASELINE_MISSING: "Indikator tanpa nilai baseline (kondisi awal)",
    DefectKind.TARGET_YEAR_MISSING: "Indikator tanpa target pada salah satu tahun periode",
    DefectKind.TARGET_WRONG_DIRECTION: "Target bergerak berlawanan dengan arah indikator",
    DefectKind.TARGET_COPIED_ACROSS_YEARS: "Target indikator yang seharusnya naik/turun disalin sama setiap tahun",
    DefectKind.UNMEASURABLE_INDICATOR: "Indikator tidak terukur (mis. 'Terlaksananya ...' tanpa satuan)",
    DefectKind.NOMENCLATURE_NAME_MISMATCH: "Nama program/kegiatan/sub kegiatan berbeda dengan nama di nomenklatur",
    DefectKind.UNKNOWN_CODE: "Kode berbentuk benar tetapi tidak ada dalam nomenklatur",
    DefectKind.IKU_SATUAN_MISMATCH: "Satuan IKU kabupaten/kota berbeda dengan IKU provinsi padanannya",
    DefectKind.IKU_MISSING: "IKU provinsi tanpa padanan pada perangkat daerah kabupaten/kota",
    DefectKind.PRIORITY_UNFUNDED: "Prioritas daerah yang tidak didukung program mana pun",
    DefectKind.MISI_UNLINKED: "Misi RPJMD tidak tertaut ke misi RPJPD mana pun",
    DefectKind.PROVINCIAL_PRIORITY_UNSUPPORTED: "Prioritas provinsi tanpa dukungan sasaran/prioritas RPJMD kab/kota",
    DefectKind.UNIT_COST_OUTLIER: "Biaya per satuan target sub kegiatan jauh di atas pemda lain untuk kode yang sama",
    DefectKind.PAGU_WITHOUT_INDICATOR: "Sub kegiatan berpagu tetapi tanpa indikator",
    DefectKind.ABSORPTION_BEHIND_CURVE: "Serapan anggaran s.d. TW III jauh di bawah kurva rencana (PD tertinggal)",
    DefectKind.PERFORMANCE_BEHIND_CURVE: "Capaian indikator s.d. TW III jauh di bawah target, menurut arah indikator",
    DefectKind.BUDGET_WITHOUT_PROGRESS: "Anggaran terserap tetapi realisasi fisik tidak dilaporkan",
    DefectKind.PROGRESS_WITHOUT_BUDGET: "Realisasi fisik dilaporkan tanpa realisasi anggaran",
    DefectKind.REALISASI_EXCEEDS_PAGU: "Realisasi anggaran melebihi pagu (angka kumulatif diisi sebagai triwulan)",
    DefectKind.REALISED_UNIT_COST_OUTLIER: "Biaya realisasi per satuan keluaran jauh di atas pemda lain",
}
_MONITORING = frozenset(
    {
        DefectKind.ABSORPTION_BEHIND_CURVE,
        DefectKind.PERFORMANCE_BEHIND_CURVE,
        DefectKind.BUDGET_WITHOUT_PROGRESS,
        DefectKind.PROGRESS_WITHOUT_BUDGET,
        DefectKind.REALISASI_EXCEEDS_PAGU,
        DefectKind.REALISED_UNIT_COST_OUTLIER,
    }
)


@dataclass(frozen=True, slots=True)
class Defect:
    """One seeded problem and its exact location (see the module docstring for the fields)."""

    kind: DefectKind
    pemda: str
    document: str
    item: str | None
    detail: str
    pd: str | None = None
    year: int | None = None
    indicator: str | None = None
    counterpart: str | None = None
    replaces: str | None = None

    @property
    def location(self) -> tuple[str, str, str | None, str | None, int | None]:
        """What a finding must match: pemda, document, item, indicator, year."""
        return (self.pemda, self.document, self.item, self.indicator, self.year)


def write_manifest(defects: list[Defect], path: Path | str) -> None:
    """Write the manifest as UTF-8 JSON (shape in the module docstring)."""
    body = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "defects": [{**asdict(defect), "kind": defect.kind.value} for defect in defects],
    }
    Path(path).write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


_OPTIONAL_TEXT = ("pd", "indicator", "counterpart", "replaces", "item")


def _defect(raw: Any, where: str) -> Defect:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: harus berupa objek JSON")
    try:
        kind = DefectKind(str(raw.get("kind")))
    except ValueError:
        raise ValueError(f"{where}: jenis cacat tidak dikenal: {raw.get('kind')!r}") from None
    for name in ("pemda", "document", "detail"):
        if not isinstance(raw.get(name), str):
            raise ValueError(f"{where}: kolom '{name}' wajib berupa teks")
    for name in _OPTIONAL_TEXT:
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise ValueError(f"{where}: kolom '{name}' harus teks atau null")
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ValueError(f"{where}: kolom 'year' harus bilangan bulat atau null")
    return Defect(
        kind=kind,
        pemda=raw["pemda"],
        document=raw["document"],
        item=raw.get("item"),
        detail=raw["detail"],
        pd=raw.get("pd"),
        year=year,
        indicator=raw.get("indicator"),
        counterpart=raw.get("counterpart"),
        replaces=raw.get("replaces"),
    )


def read_manifest(path: Path | str) -> list[Defect]:
    """Read a manifest written by :func:`write_manifest`; ``ValueError`` names the file and entry at fault."""
    source = Path(path)
    try:
        body = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{source}: manifest cacat tidak dapat dibaca: {exc}") from exc
    if not isinstance(body, dict) or body.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{source}: bukan manifest cacat sampel (format '{MANIFEST_FORMAT}' diharapkan)")
    if body.get("version") != MANIFEST_VERSION:
        raise ValueError(f"{source}: versi manifest {body.get('version')!r} tidak didukung (harus {MANIFEST_VERSION})")
    entries = body.get("defects")
    if not isinstance(entries, list):
        raise ValueError(f"{source}: kolom 'defects' harus berupa daftar")
    return [_defect(raw, f"{source}, cacat ke-{index}") for index, raw in enumerate(entries, start=1)]
