"""The stable JSON shape of a finding (``selaras check --json``), documented in docs/rules.md.

Other tools and the web read it; add fields, never rename or remove them. :func:`finding_record` is the same
shape for storing a finding and reading it back (:func:`finding_from_record`): the web keeps its last analyses in
the database that way (``selaras.store.analysis_snapshots``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from selaras.checks.findings import Finding, Location
from selaras.checks.registry import RuleRegistry
from selaras.i18n import pick
from selaras.numbers import json_number

__all__ = ["FINDING_FIELDS", "finding_from_record", "finding_record", "finding_to_dict"]

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
    return {
        "code": rule.code,
        "rule": rule.name,
        "severity": rule.severity.value,
        "title": pick(rule.title, lang),
        **_where(finding.location),
        "message": message,
        "suggestion": suggestion,
        "evidence": _json_value(dict(finding.evidence)),
    }


def _where(where: Location) -> dict[str, object]:
    return {
        "pemda": where.pemda,
        "pd": where.pd,
        "document": where.document,
        "item": where.item,
        "item_code": where.code,
        "indicator": where.indicator,
        "year": where.year,
    }


def finding_record(finding: Finding) -> dict[str, object]:
    """The finding to store and read back exactly (:func:`finding_from_record`): the fields of
    :data:`FINDING_FIELDS` that say what was found where, without the texts the rule renders in the reader's
    language, and ``evidence`` as found: its decimals as text, named in ``decimals`` (as JSON numbers they would
    come back as int or float, and a message shows Decimal 1234 as "1.234" but int 1234 as "1234").

    Raises TypeError for evidence that JSON cannot carry exactly, rather than store it changed."""
    evidence: dict[str, object] = {}
    decimals: list[str] = []
    for key, value in finding.evidence.items():
        if isinstance(value, Decimal):
            evidence[key] = str(value)
            decimals.append(key)
        elif value is None or isinstance(value, bool | int | float | str):
            evidence[key] = value
        else:
            raise TypeError(f"bukti {key!r} temuan {finding.code} bertipe {type(value).__name__}: tidak dapat disimpan")
    return {"code": finding.code, **_where(finding.location), "evidence": evidence, "decimals": decimals}


def finding_from_record(record: Mapping[str, Any]) -> Finding:
    """The finding :func:`finding_record` wrote."""
    decimals = set(record["decimals"])
    evidence = {key: Decimal(value) if key in decimals else value for key, value in record["evidence"].items()}
    where = Location(
        record["pemda"],
        record["document"],
        record["item"],
        record["pd"],
        record["item_code"],
        record["indicator"],
        record["year"],
    )
    return Finding(record["code"], where, evidence)
