"""A candidate's visi-misi against an RPJPD: statements, coverage per misi, and what refers to nothing."""

from __future__ import annotations

import pytest

from selaras.domain import Document, DocumentKind, Item, ItemLevel, Period, Plan
from selaras.match.conformity import assess_conformity, split_statements
from selaras.match.engine import Matcher

CANDIDATE = """VISI
Kalimantan Tengah Maju, Sehat dan Sejahtera

MISI:
1. Meningkatkan layanan kesehatan dan menurunkan stunting pada
   balita di seluruh desa.
2) Membangun jalan dan jembatan antarwilayah.
Misi 3: Membeli pesawat jet untuk perjalanan dinas. Menggelar konser musik tiap bulan.
- Kab. Kotawaringin Barat menjadi lumbung padi.
"""


def test_statements_come_from_list_entries_misi_lines_and_sentences() -> None:
    assert split_statements(CANDIDATE) == [
        "Kalimantan Tengah Maju, Sehat dan Sejahtera",
        "Meningkatkan layanan kesehatan dan menurunkan stunting pada balita di seluruh desa.",
        "Membangun jalan dan jembatan antarwilayah.",
        "Membeli pesawat jet untuk perjalanan dinas.",
        "Menggelar konser musik tiap bulan.",
        "Kab. Kotawaringin Barat menjadi lumbung padi.",
    ]


def test_headings_and_fragments_are_not_statements() -> None:
    assert split_statements("Visi dan Misi\n\nMisi:\n\na. Sejahtera\n") == []


@pytest.fixture
def rpjpd() -> Plan:
    document = Document(DocumentKind.RPJPD, "62", Period(2025, 2045))
    return Plan(
        document,
        [
            Item("V", ItemLevel.VISI, "Kalimantan Tengah maju"),
            Item("M1", ItemLevel.MISI, "Meningkatkan kualitas sumber daya manusia", parent="V"),
            Item("M1.T1", ItemLevel.TUJUAN, "Meningkatkan derajat kesehatan masyarakat", parent="M1"),
            Item("M1.T1.S1", ItemLevel.SASARAN, "Menurunnya prevalensi stunting pada balita", parent="M1.T1"),
            Item("M2", ItemLevel.MISI, "Mewujudkan infrastruktur wilayah yang andal", parent="V"),
            Item("M2.T1", ItemLevel.TUJUAN, "Meningkatkan konektivitas", parent="M2"),
            Item("M2.T1.S1", ItemLevel.SASARAN, "Meningkatnya kualitas jalan dan jembatan", parent="M2.T1"),
            Item("M3", ItemLevel.MISI, "Menjaga kelestarian hutan dan lingkungan hidup", parent="V"),
            Item("M3.T1", ItemLevel.TUJUAN, "Meningkatkan kualitas lingkungan hidup", parent="M3"),
            Item("M3.T1.S1", ItemLevel.SASARAN, "Menurunnya luas kebakaran hutan dan lahan", parent="M3.T1"),
        ],
    )


def test_coverage_uncovered_misi_and_statements_referring_to_nothing(rpjpd: Plan) -> None:
    statements = [
        "Menurunkan stunting pada balita dan meningkatkan kesehatan masyarakat",
        "Membangun jalan dan jembatan antardesa",
        "Membeli pesawat jet pribadi untuk gubernur",
    ]
    report = assess_conformity(Matcher.default(lexical_only=True), rpjpd, statements)
    assert [(misi.key, misi.statements) for misi in report.coverage] == [("M1", (1,)), ("M2", (2,)), ("M3", ())]
    assert [misi.key for misi in report.uncovered] == ["M3"]
    assert [statement.number for statement in report.unreferenced] == [3]
    assert report.coverage_share == pytest.approx(2 / 3)
    closest = report.statements[2].best[0]
    assert closest.score >= 0.5 and not closest.refers  # the best of bad options: few shared words
    payload = report.to_dict()
    assert payload["uncovered"] == ["M3"] and payload["unreferenced"] == [3]
    assert payload["statements"][0]["misi"] == ["M1"]  # type: ignore[index]
