"""A tiny province with realisasi up to TW III whose effectiveness per priority can be worked out by hand.

RPJMD of 62: priorities P1 and P2, P1 supporting Asta Cita 4. One PD (Dinas Kesehatan) runs:

===================  ==========  ===================  =========  =================  =========  ========
sub kegiatan          program     reaches              pagu       realised (TW III)  capaian    band
===================  ==========  ===================  =========  =================  =========  ========
A 1.02.02.1.02.0001   1.02.02     P1, AC4              400 jt     300 jt             90 %       tinggi
B 1.02.02.1.02.0002   1.02.02     P1, AC4              100 jt      60 jt             30 %       s. rendah
C 1.02.03.1.01.0001   1.02.03     P1 and P2, AC4       200 jt     100 jt             80 %       tinggi
D 1.02.01.1.01.0001   1.02.01     (penunjang) P1        50 jt      40 jt             100 %      -
===================  ==========  ===================  =========  =================  =========  ========

C's pagu and realisasi are split between P1 and P2; D is program penunjang and counted for no priority. So
P1: pagu 600 jt, realised 410 jt, capaian (90·400 + 30·100 + 80·100) / 600 = 78,33 %, effective 350 jt (85,37 %);
P2: pagu 100 jt, realised 50 jt, capaian 80 %, effective 50 jt (100 %);
AC4: pagu 700 jt, realised 460 jt, capaian (90·400 + 30·100 + 80·200) / 700 = 78,57 %, effective 400 jt (86,96 %).
B lags (SEL902: 3 of 10 documents by TW III).
"""

from __future__ import annotations

from decimal import Decimal

from factories import ASTA_CITA_KEY, KOTA, PROVINSI, YEAR, coded, indicator, link, pd, plan, strategic

from selaras.checks.monitoring import MonitoringData
from selaras.domain import DocumentKind, Item, ItemLevel, LinkKind, Pemda
from selaras.domain.realisasi import Realisasi
from selaras.reference.frameworks import national_frameworks
from selaras.reference.wilayah import PUSAT

__all__ = ["AGENCY", "JT", "SUB_A", "SUB_B", "SUB_C", "SUB_D", "monitoring_world"]

AGENCY = "1.02.01"
JT = Decimal(1_000_000)
SUB_A, SUB_B, SUB_C, SUB_D = "1.02.02.1.02.0001", "1.02.02.1.02.0002", "1.02.03.1.01.0001", "1.02.01.1.01.0001"
DOKUMEN = "Jumlah dokumen kesehatan"


def _sub(code: str, pagu: int) -> Item:
    dokumen = indicator(DOKUMEN, targets={YEAR: "10"})
    return coded(code, f"Sub kegiatan {code}", indicators=[dokumen], pagu={YEAR: str(pagu * JT)})


def monitoring_world(*, realisasi: bool = True, kota: bool = True) -> MonitoringData:
    """The province above (with an empty kota unless ``kota`` is False); without ``realisasi`` nothing reported."""
    rpjmd = plan(
        DocumentKind.RPJMD,
        [
            strategic("P1", ItemLevel.PRIORITAS, "Peningkatan layanan kesehatan"),
            strategic("P2", ItemLevel.PRIORITAS, "Penurunan stunting"),
        ],
    )
    rpjmd.links.append(link(rpjmd, "P1", ASTA_CITA_KEY, "AC4", kind=LinkKind.SUPPORTS))
    renja = plan(
        DocumentKind.RENJA,
        [
            coded("1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"),
            coded("1.02.01.1.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja"),
            _sub(SUB_D, 50),
            coded("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN"),
            coded("1.02.02.1.02", "Penyediaan Layanan Kesehatan"),
            _sub(SUB_A, 400),
            _sub(SUB_B, 100),
            coded("1.02.03", "PROGRAM PENINGKATAN KAPASITAS SDM KESEHATAN"),
            coded("1.02.03.1.01", "Perencanaan Kebutuhan SDM Kesehatan"),
            _sub(SUB_C, 200),
        ],
        pd=AGENCY,
    )
    renja.links += [
        link(renja, "1.02.01", rpjmd, "P1"),
        link(renja, "1.02.02", rpjmd, "P1"),
        link(renja, "1.02.03", rpjmd, "P1"),
        link(renja, "1.02.03", rpjmd, "P2"),
    ]
    key = renja.document.key
    records = [
        Realisasi(key, SUB_A, 3, 300 * JT, {DOKUMEN: Decimal(9)}),
        Realisasi(key, SUB_B, 3, 60 * JT, {DOKUMEN: Decimal(3)}),
        Realisasi(key, SUB_C, 3, 100 * JT, {DOKUMEN: Decimal(8)}),
        Realisasi(key, SUB_D, 3, 40 * JT, {DOKUMEN: Decimal(10)}),
    ]
    pemda: list[Pemda] = [PUSAT, PROVINSI, *([KOTA] if kota else [])]
    return MonitoringData(
        pemda,
        [pd(AGENCY, "Dinas Kesehatan", "1.02")],
        [*national_frameworks(), rpjmd, renja],
        realisasi=records if realisasi else [],
    )
