from __future__ import annotations

from decimal import Decimal

import pytest

from selaras.domain import Direction, DocumentKind, Indicator, ItemLevel, LinkKind, Plan
from selaras.errors import ReferenceDataError
from selaras.reference.frameworks import (
    _Row,
    _rows,
    asta_cita,
    guess_direction,
    national_frameworks,
    parse_value,
    rpjmn,
    rpjpn,
    sdg_en,
    tpb,
)


def _indicator(plan: Plan, name: str) -> Indicator:
    (found,) = (indicator for item in plan.items for indicator in item.indicators if indicator.name == name)
    return found


def test_asta_cita_has_eight_misi() -> None:
    plan = asta_cita()
    assert plan.document.kind is DocumentKind.ASTA_CITA
    assert plan.document.key == "00/ASTA_CITA/-/2025-2029/final"
    assert [item.key for item in plan.items] == [f"AC{n}" for n in range(1, 9)]
    assert {item.level for item in plan.items} == {ItemLevel.MISI}
    assert plan.item("AC1").text.startswith("Memperkokoh ideologi Pancasila")


def test_rpjmn_has_eight_prioritas_and_31_sasaran_keyed_by_source_id() -> None:
    plan = rpjmn()
    assert plan.document.key == "00/RPJMN/-/2025-2029/final"
    assert plan.level_counts() == {"sasaran": 31, "prioritas": 8}
    assert [item.key for item in plan.children(None)] == [f"PN{n}" for n in range(1, 9)]
    assert [item.key for item in plan.children("PN2")] == [f"PN2.S{n}" for n in range(2, 8)]
    assert plan.item("PN8.S31").text == "Terwujudnya resiliensi terhadap bencana dan perubahan iklim"
    assert plan.indicator_count() == 69
    assert [indicator.name for indicator in plan.item("PN1.S1").indicators] == [
        "Indeks Demokrasi Indonesia",
        "Indeks Hak Asasi Manusia",
    ]


def test_each_prioritas_nasional_elaborates_its_asta_cita() -> None:
    plan = rpjmn()
    links = {(link.source.item, link.target.item) for link in plan.links}
    assert links == {(f"PN{n}", f"AC{n}") for n in range(1, 9)}
    assert {link.kind for link in plan.links} == {LinkKind.CASCADE}
    assert {link.source.document for link in plan.links} == {plan.document.key}
    assert {link.target.document for link in plan.links} == {asta_cita().document.key}


def test_rpjpn_has_five_sasaran_visi_with_the_headline_indicators() -> None:
    plan = rpjpn()
    assert plan.document.period.end == 2045
    assert [item.key for item in plan.items] == [f"SV{n}" for n in range(1, 6)]
    assert plan.item("SV2").text.startswith("Kemiskinan Menurun dan Ketimpangan Berkurang: Tingkat kemiskinan")
    assert plan.indicator_count() == 11
    gini = _indicator(plan, "Rasio GINI")
    assert gini.baseline == Decimal("0.379")
    assert gini.targets == {2025: Decimal("0.378"), 2029: Decimal("0.372")}  # lower bounds of the ranges
    assert gini.direction is Direction.TURUN


def test_tpb_has_17_tujuan_and_the_100_targets_of_the_source() -> None:
    plan = tpb()
    assert plan.document.key == "00/FRAMEWORK/-/2015-2030/tpb-id"
    assert plan.document.title == "TPB/SDGs"
    assert plan.level_counts() == {"tujuan": 17, "sasaran": 100}
    assert plan.item("TPB1").text == "Tanpa kemiskinan: Mengakhiri Kemiskinan dalam Segala Bentuk Dimanapun"
    assert plan.item("TPB1.1").parent == "TPB1"
    assert plan.item("TPB1.1").indicators[0].name == "1.1.1* Tingkat kemiskinan ekstrim"
    assert plan.indicator_count() == 231


def test_sdg_has_17_goals_and_169_targets() -> None:
    plan = sdg_en()
    assert plan.document.key == "00/FRAMEWORK/-/2015-2030/sdg-en"
    assert plan.level_counts() == {"tujuan": 17, "sasaran": 169}
    assert plan.item("SDG1").text == "No poverty: End poverty in all its forms everywhere"
    assert plan.item("SDG1.a").parent == "SDG1"
    assert [item.key for item in plan.children("SDG17")][-1] == "SDG17.19"


def test_national_frameworks_are_all_of_the_centre_with_parents_that_exist() -> None:
    plans = national_frameworks()
    assert [plan.document.kind for plan in plans] == [
        DocumentKind.ASTA_CITA,
        DocumentKind.RPJMN,
        DocumentKind.RPJPN,
        DocumentKind.FRAMEWORK,
        DocumentKind.FRAMEWORK,
    ]
    assert len({plan.document.key for plan in plans}) == 5
    for plan in plans:
        assert plan.document.pemda == "00"
        keys = [item.key for item in plan.items]
        assert len(set(keys)) == len(keys), plan.document.key
        earlier: set[str] = set()
        for item in plan.items:  # a parent comes before its children
            assert item.parent is None or item.parent in earlier, (plan.document.key, item.key)
            earlier.add(item.key)


def test_every_call_returns_a_plan_of_its_own() -> None:
    first = rpjmn()
    first.items.clear()
    assert len(rpjmn().items) == 39


def test_messy_rpjmn_values_are_read_as_documented() -> None:
    plan = rpjmn()
    ham = _indicator(plan, "Indeks Hak Asasi Manusia")  # "2,70 (2023)", "2,75", "2,85"
    assert (ham.baseline, ham.targets) == (Decimal("2.70"), {2025: Decimal("2.75"), 2029: Decimal("2.85")})
    demokrasi = _indicator(plan, "Indeks Demokrasi Indonesia")  # ranges "81,69-85,23", "83,42-86,96"
    assert (demokrasi.baseline, demokrasi.targets) == (None, {2025: Decimal("81.69"), 2029: Decimal("83.42")})
    ikg = _indicator(plan, "Indeks Ketimpangan Gender (IKG)")  # "0,447 (2023)", "0.43", "0.394"
    assert (ikg.baseline, ikg.targets) == (Decimal("0.447"), {2025: Decimal("0.43"), 2029: Decimal("0.394")})
    # "2026-11-11 00:00:00" in the 2025 column is a spreadsheet date, not a target
    pendidikan_tinggi = _indicator(
        plan, "Proporsi penduduk berusia 15 tahun ke atas yang berkualifikasi pendidikan tinggi"
    )
    assert pendidikan_tinggi.targets == {2029: Decimal("12.68")}
    # "4-6 (2028)": a target for the year it names
    assert _indicator(plan, "Jumlah perolehan medali emas pada olympic games").targets == {2028: Decimal("4")}
    assert _indicator(plan, "Peringkat pada ASEAN Para Games").targets == {2029: Decimal("1")}  # "1-2 (2029"
    inflasi = _indicator(plan, "Tingkat inflasi")  # "2,5±1,0"
    assert (inflasi.baseline, inflasi.targets) == (Decimal("1.57"), {})
    pisa = _indicator(plan, "Rata-rata nilai PISA: (a) membaca; (b) matematika; (c) sains")
    assert (pisa.baseline, pisa.targets) == (None, {})


def test_repaired_indicator_names_and_satuan() -> None:
    plan = rpjmn()
    sea_games = _indicator(plan, "Peringkat pada SEA Games")
    assert sea_games.satuan == "peringkat"
    assert sea_games.targets == {2025: Decimal("3")}  # the 2029 cell is the date "2026-04-02 00:00:00"
    names = [indicator.name for item in plan.items for indicator in item.indicators]
    assert all(name[0].isupper() for name in names), names


@pytest.mark.parametrize(
    ("text", "value", "year"),
    [
        ("2,75", Decimal("2.75"), None),
        ("65.6", Decimal("65.6"), None),
        ("2,70 (2023)", Decimal("2.70"), 2023),
        ("45 (2023)", Decimal("45"), 2023),
        ("81,69-85,23", Decimal("81.69"), None),
        ("0,378 - 0,382", Decimal("0.378"), None),
        ("4,00-4,71", Decimal("4.00"), None),
        ("9-11 (2026)", Decimal("9"), 2026),
        ("1-2 (2029", Decimal("1"), 2029),
        ("-1,5", Decimal("-1.5"), None),
        ("", None, None),
        ("2026-11-11 00:00:00", None, None),
        ("10,36-11-45", None, None),
        ("2,5±1,0", None, None),
        ("(a) 359; (a) 396; (a) 409; (2022)", None, None),
        ("(c) 383 (c) 416 (c) 426", None, None),
    ],
)
def test_parse_value(text: str, value: Decimal | None, year: int | None) -> None:
    assert parse_value(text) == (value, year)


@pytest.mark.parametrize(
    ("name", "satuan", "direction"),
    [
        ("Tingkat kemiskinan ekstrem", "persen", Direction.TURUN),
        ("Rasio GINI", "Indeks", Direction.TURUN),
        ("Prevalensi stunting pada balita", "", Direction.TURUN),
        ("Tingkat pengangguran terbuka", "persen", Direction.TURUN),
        ("Indeks Daya Saing Digital di Tingkat Global", "Peringkat", Direction.TURUN),
        ("Penurunan Intensitas Emisi GRK", "Persen", Direction.NAIK),
        ("Indeks Pembangunan Manusia", "", Direction.NAIK),
        ("Maternal mortality ratio", "", Direction.TURUN),
        ("Regional development index", "", Direction.NAIK),  # "gini" only as a word
    ],
)
def test_guess_direction(name: str, satuan: str, direction: Direction) -> None:
    assert guess_direction(name, satuan) is direction


def test_guessed_directions_agree_with_the_rpjmn_numbers() -> None:
    """Where baseline and 2029 target are both known and differ, the target moves the guessed way."""
    exceptions = {"Global Cybersecurity Index"}  # 100 → 98 although a higher score is better
    disagreeing = []
    for plan in (rpjmn(), rpjpn()):
        for item in plan.items:
            for indicator in item.indicators:
                target = indicator.targets.get(2029)
                if indicator.baseline is None or target is None or target == indicator.baseline:
                    continue
                moves = Direction.NAIK if target > indicator.baseline else Direction.TURUN
                if moves is not indicator.direction:
                    disagreeing.append(indicator.name)
    assert set(disagreeing) == exceptions


def test_a_broken_bundled_file_is_named_with_line_and_column() -> None:
    with pytest.raises(ReferenceDataError, match=r"^tpb_tujuan\.csv: kolom tidak ada: warna$"):
        _rows("tpb_tujuan.csv", ("kode_tujuan", "warna"))
    with pytest.raises(ReferenceDataError, match=r"^data rujukan hilang\.csv tidak dapat dibaca: "):
        _rows("hilang.csv", ("pn",))
    with pytest.raises(ReferenceDataError) as error:
        _Row("rpjmn_sasaran_pn.csv", 4, {"pn": "dua"}).integer("pn")
    assert str(error.value) == "rpjmn_sasaran_pn.csv baris 4, kolom pn: 'dua' bukan bilangan bulat"
