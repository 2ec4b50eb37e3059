"""The stable JSON shape of a finding (``selaras check --json``), documented in docs/rules.md.

Other tools and the web read it; add fields, never rename or remove them.
"""

from __future__ import annotations

from decimal import Decimal

from selaras.checks.findings import Finding
from selaras.checks.registry import RuleRegistry
from selaras.i18n import pick
from selaras.numbers import json_number

__all__ = ["FINDING_FIELDS", "finding_to_dict"]

FINDING_FIELDS: dict[str, str] = {
    "code": "Kode aturan permanen, misalnya SEL201.",
    "rule": "Nama aturan (kebab-case), misalnya renja-target-differs.",
    "severity": "galat, peringatan atau info.",
    "title": "Judul aturan dalam bahasa yang diminta.",
    "pemda": "Kode pemda Kemendagri tempat temuan berada.",
    "pd": "Kode perangkat daerah (kosong bila temuan tentang seluruh pemda).",
    "document": "Kunci dokumen: pemda/JENIS/pd/periode/versi.",
    "item": "Kunci item di dalam dokumen (kode nomenklatur atau nomor kerangka seperti M1.T1.S1).",
    "item_code": "Kode nomenklatur item, bila ada.",
    "indicator": "Nama indikator, bila temuan tentang satu indikator.",
    "year": "Tahun, bila temuan tentang satu tahun (angka atau null).",
    "message": "Pesan: apa yang salah, dengan nilai yang dibandingkan.",
    "suggestion": "Saran perbaikan yang konkret.",
    "evidence": "Nilai-nilai yang dibandingkan (angka sebagai angka JSON).",
}


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def finding_to_dict(finding: Finding, registry: RuleRegistry, lang: str = "id") -> dict[str, object]:
    """One finding with every field of :data:`FINDING_FIELDS`, in that order."""
    rule = registry.get(finding.code)
    message, suggestion = rule.render(finding, lang)
    where = finding.location
    return {
        "code": rule.code,
        "rule": rule.name,
        "severity": rule.severity.value,
        "title": pick(rule.title, lang),
        "pemda": where.pemda,
        "pd": where.pd,
        "document": where.document,
        "item": where.item,
        "item_code": where.code,
        "indicator": where.indicator,
        "year": where.year,
        "message": message,
        "suggestion": suggestion,
        "evidence": _json_value(dict(finding.evidence)),
    }
