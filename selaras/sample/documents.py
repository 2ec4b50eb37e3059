"""Document identities of the sample and the national framework keys it links to.

The framework keys are computed from :class:`Document` rather than imported from
``selaras.reference.frameworks``, so the sample stays independent of how the frameworks are built.
"""

from __future__ import annotations

from selaras.domain import Document, DocumentKind, DocumentStatus, Pemda, PemdaLevel, Period
from selaras.sample.texts import SAMPLE

__all__ = [
    "ASTA_CITA_KEY",
    "LONG_PERIOD",
    "MEDIUM_PERIOD",
    "RPJMN_KEY",
    "pemda_label",
    "sample_document",
]

LONG_PERIOD = Period(2025, 2045)
MEDIUM_PERIOD = Period(2025, 2029)
ASTA_CITA_KEY = Document(kind=DocumentKind.ASTA_CITA, pemda="00", period=MEDIUM_PERIOD).key
RPJMN_KEY = Document(kind=DocumentKind.RPJMN, pemda="00", period=MEDIUM_PERIOD).key

_LABELS = {
    DocumentKind.RPJPD: "RPJPD",
    DocumentKind.RPJMD: "RPJMD",
    DocumentKind.RENSTRA: "Renstra",
    DocumentKind.RENJA: "Renja",
    DocumentKind.RKPD: "RKPD",
    DocumentKind.IKU: "Indikator Kinerja Utama",
}


def pemda_label(pemda: Pemda) -> str:
    """``Provinsi Kalimantan Tengah``, ``Kabupaten Kapuas``, ``Kota Palangkaraya``."""
    return f"Provinsi {pemda.nama}" if pemda.level is PemdaLevel.PROVINSI else pemda.nama


def sample_document(
    kind: DocumentKind, pemda: Pemda, period: Period, owner: str = "", pd: str | None = None
) -> Document:
    """A final sample document titled ``[SAMPEL] Renstra Dinas Pendidikan Kabupaten Kapuas 2025-2029``."""
    subject = f"{owner} {pemda_label(pemda)}" if owner else pemda_label(pemda)
    return Document(
        kind=kind,
        pemda=pemda.kode,
        period=period,
        pd=pd,
        status=DocumentStatus.FINAL,
        title=f"{SAMPLE} {_LABELS[kind]} {subject} {period}",
    )
