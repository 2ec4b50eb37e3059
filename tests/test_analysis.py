"""The one analysis pipeline: which year a pemda is planning, and a full run gives findings and scores."""

from __future__ import annotations

import pytest

from selaras.analysis import analyse, analysis_fingerprint, planning_year
from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.thresholds import Thresholds
from selaras.domain import Document, DocumentKind, Period, Plan
from selaras.domain.codes import parse_code
from selaras.reference.nomenclature import Nomenclature, NomenclatureEntry
from selaras.reference.nomenclature_versions import bundled_versions
from selaras.reference.wilayah import get_pemda


def _data(*documents: Document) -> PlanningData:
    pemda = sorted({document.pemda for document in documents})
    return PlanningData([get_pemda(code) for code in pemda], [], [Plan(document, []) for document in documents])


def test_the_planning_year_is_the_latest_annual_document_of_the_pemda_or_its_kabkota() -> None:
    data = _data(
        Document(DocumentKind.RENSTRA, "62", Period(2025, 2029), pd="1.02.01"),
        Document(DocumentKind.RENJA, "62", Period(2026, 2026), pd="1.02.01"),
        Document(DocumentKind.APBD, "62.01", Period(2027, 2027), pd="1.02.01"),
    )
    assert planning_year(data, "62") == 2027  # the kab/kota's APBD 2027
    assert planning_year(data, "62.02") is None


def test_a_five_year_plan_alone_has_no_planning_year() -> None:
    assert planning_year(_data(Document(DocumentKind.RENSTRA, "62", Period(2025, 2029), pd="1.02.01")), "62") is None


def test_scores_need_a_full_run() -> None:
    data = _data(Document(DocumentKind.RENJA, "62", Period(2026, 2026), pd="1.02.01"))
    full = analyse(data, year=2026, nomenclature=bundled_versions(), thresholds=Thresholds())
    assert [(card.pemda, card.pd) for card in full.cards] == [("62", None)]
    partial = analyse(data, year=2026, nomenclature=bundled_versions(), thresholds=Thresholds(), rules=["SEL302"])
    with pytest.raises(ValueError, match="skor membutuhkan semua aturan"):
        assert not partial.cards


def _list(name: str) -> Nomenclature:
    code = parse_code("1.01.02.2.01.0001")
    entry = NomenclatureEntry(code, name, frozenset({"provinsi", "kabupaten_kota"}), active=True)
    return Nomenclature({code.text: (entry,)}, label="Daftar pemda 2026")


def test_a_nomenclature_list_corrected_in_place_changes_the_analysis_fingerprint() -> None:
    def fingerprint(nomenclature: Nomenclature) -> str:
        return analysis_fingerprint(thresholds=Thresholds(), nomenclature=nomenclature, registry=builtin_registry())

    original = fingerprint(_list("Penyusunan Dokumen Perencanaan"))
    assert fingerprint(_list("Penyusunan Dokumen Perencanaan")) == original  # same content, same label and size
    assert fingerprint(_list("Penyusunan Dokumen Perencanaan Perangkat Daerah")) != original
