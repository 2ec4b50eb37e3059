"""Deterministic sample data: a province with its kab/kota (or the whole country, for volume) and a manifest
of the defects deliberately seeded into it, so checks can be measured against known problems.

>>> data = generate_province("62", clean=True)   # doctest: +SKIP
"""

from selaras.sample.defects import Defect, DefectKind, read_manifest, write_manifest
from selaras.sample.generator import SampleData, generate_national, generate_province

__all__ = [
    "Defect",
    "DefectKind",
    "SampleData",
    "generate_national",
    "generate_province",
    "read_manifest",
    "write_manifest",
]
