"""The perangkat daerah (PD) of a sample pemda: realistic names, bidang urusan and IKU.

Each :class:`Role` is one kind of agency (Dinas Pendidikan, BAPPERIDA, ...). The same role at the province
and in a kab/kota carries the same IKU names and satuan, so kab/kota IKU can be linked ``same_as`` to the
provincial ones. A PD's ``kode`` is its first bidang urusan plus a running number among the PD of that pemda
sharing that first bidang (``1.02.01`` Dinas Kesehatan, ``1.02.02`` RSUD).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from selaras.domain import Direction, Pemda, PerangkatDaerah
from selaras.sample.texts import IndicatorSpec

__all__ = ["ROLES", "Agency", "IkuSpec", "Role", "agencies_for"]

NAIK, TURUN = Direction.NAIK, Direction.TURUN


@dataclass(frozen=True, slots=True)
class IkuSpec:
    """An IKU: the sasaran sentence and its single indicator."""

    sasaran: str
    indicator: IndicatorSpec


@dataclass(frozen=True, slots=True)
class Role:
    """A kind of agency. ``levels`` holds ``p`` (province) and/or ``k`` (kab/kota); ``programs`` narrows the
    programs it runs when several roles share a bidang; ``penunjang`` adds special supporting kegiatan
    (``10`` BLUD for a hospital, ``11``-``14`` for the Sekretariat Daerah, ...)."""

    ident: str
    nama: str
    singkatan: str
    bidang: tuple[str, ...]
    iku: tuple[IkuSpec, ...]
    levels: str = "pk"
    nama_kabkota: str = ""
    programs: tuple[str, ...] = ()
    penunjang: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Agency:
    """A generated PD together with the role it was made from."""

    pd: PerangkatDaerah
    role: Role


def _iku(sasaran: str, name: str, satuan: str, direction: Direction, low: float, high: float, step: float) -> IkuSpec:
    return IkuSpec(sasaran, IndicatorSpec(name, satuan, direction, low, high, step))


_SAKIP = _iku("Meningkatnya akuntabilitas kinerja perangkat daerah", "Nilai SAKIP Perangkat Daerah",
              "Nilai", NAIK, 62, 72, 1.6)  # fmt: skip

ROLES: tuple[Role, ...] = (
    Role("pendidikan", "Dinas Pendidikan", "Disdik", ("1.01",), (
        _iku("Meningkatnya akses pendidikan", "Angka Partisipasi Murni", "%", NAIK, 72, 82, 1.2),
        _iku("Meningkatnya mutu pendidikan", "Persentase Satuan Pendidikan Terakreditasi Minimal B", "%", NAIK,
             70, 82, 2.0),
    )),
    Role("kesehatan", "Dinas Kesehatan", "Dinkes", ("1.02",), (
        _iku("Meningkatnya derajat kesehatan ibu dan anak", "Angka Kematian Ibu", "per 100.000 KH", TURUN,
             180, 260, 8.0),
        _iku("Menurunnya stunting", "Prevalensi Balita Stunting", "%", TURUN, 20, 27, 1.5),
        _SAKIP,
    )),
    Role("rsud", "Rumah Sakit Umum Daerah", "RSUD", ("1.02",), (
        _iku("Meningkatnya mutu pelayanan rumah sakit", "Persentase Pemanfaatan Tempat Tidur (BOR)", "%", NAIK,
             58, 68, 1.5),
        _iku("Meningkatnya kepuasan pasien", "Indeks Kepuasan Pasien", "Indeks", NAIK, 76, 82, 0.8),
    ), programs=("1.02.02",), penunjang=("10",)),
    Role("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", ("1.03",), (
        _iku("Meningkatnya kemantapan jalan", "Persentase Jalan dalam Kondisi Mantap", "%", NAIK, 60, 74, 2.4),
        _iku("Meningkatnya layanan irigasi", "Persentase Daerah Irigasi dalam Kondisi Baik", "%", NAIK,
             55, 68, 2.0),
        _iku("Meningkatnya kesesuaian tata ruang", "Persentase Kesesuaian Pemanfaatan Ruang", "%", NAIK,
             60, 72, 2.2),
    )),
    Role("perkim", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", "Disperkimtan", ("1.04", "2.10"), (
        _iku("Berkurangnya rumah tidak layak huni", "Persentase Rumah Tidak Layak Huni", "%", TURUN, 9, 15, 0.8),
        _iku("Berkurangnya kawasan kumuh", "Luas Kawasan Kumuh", "Hektare", TURUN, 120, 260, 12.0),
    )),
    Role("satpolpp", "Satuan Polisi Pamong Praja", "Satpol PP", ("1.05",), (
        _iku("Meningkatnya ketenteraman dan ketertiban umum", "Persentase Penegakan Perda", "%", NAIK, 70, 82, 2.0),
        _iku("Meningkatnya penanganan gangguan trantibum", "Persentase Gangguan Trantibum yang Ditangani", "%",
             NAIK, 75, 86, 1.8),
    ), programs=("1.05.02",)),
    Role("bpbd", "Badan Penanggulangan Bencana Daerah", "BPBD", ("1.05",), (
        _iku("Meningkatnya ketangguhan terhadap bencana", "Indeks Ketahanan Daerah", "Indeks", NAIK,
             0.42, 0.55, 0.03),
        _iku("Meningkatnya layanan kedaruratan bencana", "Persentase Korban Bencana yang Tertangani", "%", NAIK,
             80, 90, 1.5),
    ), programs=("1.05.03",)),
    Role("damkar", "Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", ("1.05",), (
        _iku("Meningkatnya respon kebakaran", "Persentase Kejadian Kebakaran Tertangani Sesuai Waktu Tanggap", "%",
             NAIK, 70, 82, 2.0),
        _SAKIP,
    ), levels="k", programs=("1.05.04",)),
    Role("sosial", "Dinas Sosial", "Dinsos", ("1.06",), (
        _iku("Meningkatnya perlindungan sosial", "Persentase PPKS yang Memperoleh Bantuan Sosial", "%", NAIK,
             60, 72, 2.5),
        _iku("Meningkatnya rehabilitasi sosial", "Persentase PPKS yang Direhabilitasi", "%", NAIK, 55, 68, 2.5),
    )),
    Role("naker", "Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", ("2.07", "3.32"), (
        _iku("Meningkatnya penempatan tenaga kerja", "Persentase Pencari Kerja yang Ditempatkan", "%", NAIK,
             28, 40, 2.0),
        _iku("Meningkatnya kompetensi tenaga kerja", "Jumlah Tenaga Kerja Bersertifikat Kompetensi", "Orang",
             NAIK, 400, 900, 60),
    )),
    Role("p3ap2kb", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
         "DP3AP2KB", ("2.08", "2.14"), (
        _iku("Meningkatnya kesetaraan gender", "Indeks Pembangunan Gender", "Indeks", NAIK, 88, 92, 0.3),
        _iku("Meningkatnya perlindungan anak", "Nilai Kabupaten/Kota Layak Anak", "Nilai", NAIK, 600, 700, 15),
        _iku("Terkendalinya pertumbuhan penduduk", "Angka Kelahiran Total", "Anak per Wanita", TURUN,
             2.2, 2.5, 0.03),
    )),
    Role("pangan", "Dinas Ketahanan Pangan", "DKP", ("2.09",), (
        _iku("Meningkatnya ketahanan pangan", "Indeks Ketahanan Pangan", "Indeks", NAIK, 68, 76, 0.8),
        _iku("Meningkatnya kualitas konsumsi pangan", "Skor Pola Pangan Harapan", "Skor", NAIK, 82, 88, 0.8),
    )),
    Role("lh", "Dinas Lingkungan Hidup", "DLH", ("2.11",), (
        _iku("Meningkatnya kualitas lingkungan hidup", "Indeks Kualitas Lingkungan Hidup", "Indeks", NAIK,
             66, 74, 0.5),
        _iku("Meningkatnya pengelolaan sampah", "Persentase Sampah yang Terkelola", "%", NAIK, 55, 68, 2.5),
    )),
    Role("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", ("2.12",), (
        _iku("Meningkatnya kepemilikan dokumen kependudukan", "Persentase Penduduk yang Memiliki KTP-el", "%",
             NAIK, 94, 97, 0.5),
        _iku("Meningkatnya kepemilikan akta kelahiran", "Persentase Anak yang Memiliki Akta Kelahiran", "%",
             NAIK, 88, 93, 0.9),
    )),
    Role("pmd", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", ("2.13",), (
        _iku("Meningkatnya kemandirian desa", "Indeks Desa Membangun", "Indeks", NAIK, 0.62, 0.70, 0.015),
        _iku("Meningkatnya desa mandiri", "Jumlah Desa Mandiri", "Desa", NAIK, 20, 60, 6),
    )),
    Role("dishub", "Dinas Perhubungan", "Dishub", ("2.15",), (
        _iku("Meningkatnya keselamatan transportasi", "Persentase Fasilitas Perlengkapan Jalan yang Terpasang", "%",
             NAIK, 52, 64, 2.5),
        _iku("Meningkatnya layanan angkutan", "Persentase Trayek Angkutan yang Terlayani", "%", NAIK, 60, 72, 2.0),
    )),
    Role("kominfo", "Dinas Komunikasi, Informatika, Persandian dan Statistik", "Diskominfosantik",
         ("2.16", "2.20", "2.21"), (
        _iku("Meningkatnya penerapan pemerintahan digital", "Indeks SPBE", "Indeks", NAIK, 2.4, 3.0, 0.12),
        _iku("Meningkatnya keterbukaan informasi publik", "Nilai Keterbukaan Informasi Publik", "Nilai", NAIK,
             70, 80, 1.8),
    )),
    Role("koperasi", "Dinas Koperasi, Usaha Kecil dan Menengah", "Diskop UKM", ("2.17",), (
        _iku("Meningkatnya koperasi sehat", "Persentase Koperasi Sehat", "%", NAIK, 30, 42, 2.0),
        _iku("Meningkatnya usaha mikro naik kelas", "Jumlah Usaha Mikro yang Naik Kelas", "Unit Usaha", NAIK,
             100, 300, 25),
    )),
    Role("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", ("2.18",), (
        _iku("Meningkatnya realisasi investasi", "Nilai Realisasi Investasi", "Miliar Rupiah", NAIK,
             2500, 4200, 250),
        _iku("Meningkatnya kualitas layanan perizinan", "Indeks Kepuasan Layanan Perizinan", "Indeks", NAIK,
             80, 85, 0.6),
    )),
    Role("dispora", "Dinas Pemuda dan Olahraga", "Dispora", ("2.19",), (
        _iku("Meningkatnya peran pemuda", "Indeks Pembangunan Pemuda", "Indeks", NAIK, 50, 58, 0.9),
        _iku("Meningkatnya prestasi olahraga", "Jumlah Medali pada Kejuaraan Tingkat Nasional", "Medali", NAIK,
             8, 20, 2),
    )),
    Role("disbudpar", "Dinas Kebudayaan dan Pariwisata", "Disbudpar", ("2.22", "3.26"), (
        _iku("Meningkatnya kunjungan wisata", "Jumlah Kunjungan Wisatawan", "Orang", NAIK, 150000, 400000, 20000),
        _iku("Meningkatnya pelestarian budaya", "Persentase Objek Pemajuan Kebudayaan yang Dilestarikan", "%",
             NAIK, 40, 55, 3.0),
    )),
    Role("arpus", "Dinas Perpustakaan dan Kearsipan", "Disarpus", ("2.23", "2.24"), (
        _iku("Meningkatnya budaya gemar membaca", "Tingkat Gemar Membaca Masyarakat", "Nilai", NAIK, 55, 65, 1.5),
        _iku("Meningkatnya tertib arsip", "Persentase Perangkat Daerah yang Tertib Arsip", "%", NAIK, 45, 60, 3.0),
    )),
    Role("perikanan", "Dinas Kelautan dan Perikanan", "DKP", ("3.25",), (
        _iku("Meningkatnya produksi perikanan", "Jumlah Produksi Perikanan", "Ton", NAIK, 40000, 90000, 2500),
        _iku("Meningkatnya kesejahteraan pembudi daya ikan", "Nilai Tukar Pembudi Daya Ikan", "Nilai", NAIK,
             100, 106, 0.6),
    ), nama_kabkota="Dinas Perikanan"),
    Role("pertanian", "Dinas Tanaman Pangan, Hortikultura dan Peternakan", "Distanak", ("3.27",), (
        _iku("Meningkatnya produksi padi", "Jumlah Produksi Padi", "Ton GKG", NAIK, 150000, 400000, 12000),
        _iku("Meningkatnya kesejahteraan petani", "Nilai Tukar Petani", "Nilai", NAIK, 100, 108, 0.8),
    ), nama_kabkota="Dinas Pertanian"),
    Role("kehutanan", "Dinas Kehutanan", "Dishut", ("3.28",), (
        _iku("Menurunnya luas kebakaran hutan dan lahan", "Luas Kebakaran Hutan dan Lahan", "Hektare", TURUN,
             8000, 20000, 900),
        _iku("Meningkatnya rehabilitasi hutan", "Luas Lahan Kritis yang Direhabilitasi", "Hektare", NAIK,
             1500, 4000, 250),
    ), levels="p"),
    Role("esdm", "Dinas Energi dan Sumber Daya Mineral", "Dinas ESDM", ("3.29",), (
        _iku("Meningkatnya akses listrik", "Rasio Elektrifikasi", "%", NAIK, 93, 97, 0.5),
        _iku("Meningkatnya energi terbarukan", "Persentase Bauran Energi Baru Terbarukan", "%", NAIK, 12, 20, 1.2),
    ), levels="p"),
    Role("perindag", "Dinas Perindustrian dan Perdagangan", "Disperindag", ("3.30", "3.31"), (
        _iku("Terkendalinya harga bahan pokok", "Persentase Fluktuasi Harga Barang Kebutuhan Pokok", "%", TURUN,
             6, 10, 0.4),
        _iku("Meningkatnya kontribusi industri", "Persentase Kontribusi Industri Pengolahan terhadap PDRB", "%", NAIK,
             13, 17, 0.3),
    )),
    Role("setda", "Sekretariat Daerah", "Setda", ("4.01",), (
        _iku("Meningkatnya kualitas reformasi birokrasi", "Indeks Reformasi Birokrasi", "Nilai", NAIK,
             58, 66, 1.4),
        _iku("Meningkatnya kualitas pengadaan", "Persentase Paket Pengadaan Secara Elektronik", "%", NAIK,
             80, 90, 1.5),
    ), penunjang=("11", "12", "13", "14")),
    Role("dprd", "Sekretariat DPRD", "Setwan", ("4.02",), (
        _iku("Meningkatnya dukungan fungsi DPRD", "Persentase Fasilitasi Fungsi DPRD yang Terlaksana", "%", NAIK,
             82, 90, 1.5),
        _iku("Meningkatnya produk hukum DPRD", "Jumlah Peraturan Daerah yang Ditetapkan", "Perda", NAIK, 6, 12, 1),
    ), penunjang=("15", "16")),
    Role("bapperida", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "BAPPERIDA", ("5.01", "5.05"), (
        _iku("Meningkatnya kualitas perencanaan pembangunan", "Persentase Konsistensi Program RPJMD dan RKPD",
             "%", NAIK, 82, 90, 1.5),
        _iku("Meningkatnya inovasi daerah", "Indeks Inovasi Daerah", "Skor", NAIK, 45, 60, 3.0),
    )),
    Role("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", ("5.02",), (
        _iku("Meningkatnya kualitas laporan keuangan", "Persentase Temuan BPK yang Ditindaklanjuti", "%", NAIK,
             75, 86, 2.0),
        _iku("Meningkatnya tertib aset", "Persentase Aset Daerah Bersertifikat", "%", NAIK, 55, 68, 2.5),
    ), programs=("5.02.02", "5.02.03")),
    Role("bapenda", "Badan Pendapatan Daerah", "Bapenda", ("5.02",), (
        _iku("Meningkatnya pendapatan asli daerah", "Rasio PAD terhadap Total Pendapatan Daerah", "%", NAIK,
             14, 22, 0.8),
        _iku("Meningkatnya kepatuhan wajib pajak", "Persentase Realisasi Penerimaan Pajak Daerah", "%", NAIK,
             92, 97, 0.8),
    ), programs=("5.02.04",), penunjang=("04",)),
    Role("bkd", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", ("5.03", "5.04"), (
        _iku("Meningkatnya profesionalitas ASN", "Indeks Profesionalitas ASN", "Indeks", NAIK, 62, 72, 1.8),
        _iku("Meningkatnya penerapan sistem merit", "Indeks Sistem Merit", "Indeks", NAIK, 0.55, 0.72, 0.03),
    )),
    Role("inspektorat", "Inspektorat", "Inspektorat", ("6.01",), (
        _iku("Meningkatnya kapabilitas pengawasan", "Level Kapabilitas APIP", "Level", NAIK, 2.0, 3.0, 0.2),
        _iku("Meningkatnya tindak lanjut hasil pengawasan", "Persentase Tindak Lanjut Hasil Pemeriksaan", "%",
             NAIK, 78, 88, 1.8),
    )),
    Role("kesbangpol", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", ("8.01",), (
        _iku("Meningkatnya ketahanan ideologi", "Indeks Demokrasi Indonesia", "Indeks", NAIK, 74, 80, 0.7),
        _iku("Terkendalinya konflik sosial", "Jumlah Konflik Sosial", "Kejadian", TURUN, 6, 14, 1),
    )),
    Role("penghubung", "Badan Penghubung", "Banhub", ("5.06",), (
        _iku("Meningkatnya promosi potensi daerah", "Jumlah Kegiatan Promosi Potensi Daerah", "Kegiatan", NAIK,
             8, 14, 1),
        _SAKIP,
    ), levels="p"),
    Role("kecamatan", "Kecamatan", "Kec", ("7.01",), (
        _iku("Meningkatnya kualitas pelayanan kecamatan", "Indeks Kepuasan Masyarakat Layanan Kecamatan",
             "Indeks", NAIK, 78, 84, 0.6),
        _SAKIP,
    ), levels="k"),
)  # fmt: skip

_OPTIONAL = {"damkar"}  # present in some kab/kota only (elsewhere Satpol PP handles fires)
_ROMAN = ("I", "II", "III", "IV", "V")


def _nama(role: Role, pemda: Pemda, kabkota: bool) -> str:
    base = role.nama_kabkota if kabkota and role.nama_kabkota else role.nama
    if role.ident == "rsud":
        return f"{base} {pemda.nama if kabkota else 'Provinsi ' + pemda.nama}"
    return base


def agencies_for(pemda: Pemda, seed: int, usable_bidang: frozenset[str]) -> list[Agency]:
    """The PD of ``pemda`` in a fixed order; bidang without sub kegiatan for its level are dropped.

    Roles a province shares with its kab/kota are always present so every provincial IKU has a counterpart;
    only the fire service and the number of kecamatan vary between kab/kota.
    """
    rng = random.Random(f"{seed}/agencies/{pemda.kode}")
    kabkota = pemda.level.is_kabkota
    level = "k" if kabkota else "p"
    agencies: list[Agency] = []
    running: dict[str, int] = {}
    for role in ROLES:
        if level not in role.levels or (role.ident in _OPTIONAL and rng.random() < 0.4):
            continue
        bidang = tuple(b for b in role.bidang if b in usable_bidang)
        if not bidang:
            continue
        copies = rng.randint(2, 4) if role.ident == "kecamatan" else 1
        for copy in range(copies):
            running[bidang[0]] = running.get(bidang[0], 0) + 1
            nama = _nama(role, pemda, kabkota)
            if copies > 1:
                nama = f"{nama} Sampel {_ROMAN[copy]}"
            pd = PerangkatDaerah(
                pemda=pemda.kode,
                kode=f"{bidang[0]}.{running[bidang[0]]:02d}",
                nama=nama,
                singkatan=role.singkatan if copies == 1 else f"{role.singkatan} {_ROMAN[copy]}",
                bidang_urusan=bidang,
            )
            agencies.append(Agency(pd, role))
    return agencies
