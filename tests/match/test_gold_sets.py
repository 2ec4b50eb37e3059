"""The evaluation sets are what their README promises, and the loaders read every file of them."""

from __future__ import annotations

import hashlib
import importlib.util
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from selaras.domain.codes import CodeLevel
from selaras.errors import ReferenceDataError
from selaras.match.gold import (
    EVALUATION_DIR,
    GoldItem,
    load_asta_cita_gold,
    load_ppu_labels,
    load_sample_links,
    load_sdg_benchmark,
    load_situbondo_links,
)
from selaras.reference.nomenclature import bundled_nomenclature


@pytest.fixture(scope="module")
def gold() -> list[GoldItem]:
    return load_asta_cita_gold()


def test_gold_set_is_large_enough_and_ids_are_unique(gold: list[GoldItem]) -> None:
    assert len(gold) >= 200
    assert len({item.id for item in gold}) == len(gold)
    assert len({item.code for item in gold}) == len(gold)


def test_gold_set_covers_every_bidang_urusan(gold: list[GoldItem]) -> None:
    every_bidang = {entry.code.text for entry in bundled_nomenclature().entries(CodeLevel.BIDANG_URUSAN)}
    assert {item.bidang for item in gold} == every_bidang


def test_gold_items_are_real_sub_kegiatan_with_their_official_text(gold: list[GoldItem]) -> None:
    nomenclature = bundled_nomenclature()
    for item in gold:
        entry = nomenclature.lookup(item.code)
        assert entry is not None, item.id
        assert entry.code.level is CodeLevel.SUB_KEGIATAN, item.id
        assert entry.name == item.text, item.id
        assert item.code.startswith(item.bidang + "."), item.id
        kegiatan = nomenclature.lookup(entry.code.text.rsplit(".", 1)[0])
        assert kegiatan is not None and item.context.startswith(kegiatan.name + " | "), item.id


def test_best_pn_is_always_acceptable(gold: list[GoldItem]) -> None:
    assert all(item.pn in item.acceptable for item in gold)
    assert {item.pn for item in gold} == set(range(1, 9))


def test_split_is_stratified_by_bidang_and_follows_the_documented_hash_rule(gold: list[GoldItem]) -> None:
    """README: per bidang, order by SHA-1 of the code and alternate, starting by the parity of the bidang's hash."""

    def sha1(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()

    by_bidang: dict[str, list[GoldItem]] = defaultdict(list)
    for item in gold:
        by_bidang[item.bidang].append(item)
    for bidang, items in by_bidang.items():
        first = int(sha1(bidang), 16) % 2
        for index, item in enumerate(sorted(items, key=lambda gold_item: sha1(gold_item.code))):
            assert item.split == ("dev", "test")[(index + first) % 2], item.id
        counts = Counter(item.split for item in items)
        assert abs(counts["dev"] - counts["test"]) <= 1, bidang
    assert set(Counter(item.split for item in gold)) == {"dev", "test"}


def test_gold_loader_names_file_line_and_column_of_a_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(
        "id,code,text,context,bidang,pn,acceptable,split,note\ng1,1.02.02.2.01.0001,Teks,Konteks,1.02,4,2;3,dev,\n",
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError, match=r"gold\.csv baris 2, kolom acceptable"):
        load_asta_cita_gold(path)


def test_sdg_benchmark_loads_every_row() -> None:
    cases = load_sdg_benchmark()
    assert len(cases) == 1251
    assert Counter(case.label for case in cases) == {True: 616, False: 635}
    assert {case.sdg for case in cases} == set(range(1, 18))


def test_situbondo_links_point_at_listed_targets() -> None:
    links = load_situbondo_links()
    assert len(links.program_sasaran) == 5
    assert len(links.sasaran_tujuan) == 3
    sasaran = {target.id: target.text for target in links.sasaran}
    tujuan = {target.id: target.text for target in links.tujuan}
    assert all(sasaran[link.target_id] == link.target_text for link in links.program_sasaran)
    assert all(tujuan[link.target_id] == link.target_text for link in links.sasaran_tujuan)
    assert links.tujuan[0].indicators == (
        "Capaian Nilai Indeks Perencanaan Pembangunan Daerah",
        "Capaian Nilai Indeks Inovasi Daerah",
    )


def test_ppu_labels_keep_the_planners_choice_and_read_dash_as_none() -> None:
    labels = load_ppu_labels()
    assert len(labels) == 45
    national = Counter(label.prioritas_nasional for label in labels)
    assert national == {"Memperkuat Stabilitas Polhukhankam Dan Transformasi Pelayanan Publik": 40, None: 5}
    assert all(label.prioritas_daerah for label in labels)


def _derive_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("derive", EVALUATION_DIR / "sample" / "derive.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_links_keep_their_stored_split_by_the_documented_hash_of_the_program_code() -> None:
    """README section 4: dev when the first byte of the SHA-1 of the program code is even; one side per code."""
    programs = load_sample_links().programs
    assert len(programs) == len({program.id for program in programs}) > 2000
    for program in programs:
        expected = "dev" if hashlib.sha1(program.code.encode()).digest()[0] % 2 == 0 else "test"
        assert program.split == expected, program.id
    sides = defaultdict(set)
    for program in programs:
        sides[program.code].add(program.split)
    assert all(len(split) == 1 for split in sides.values())
    assert Counter(program.split for program in programs) == {"dev": 1109, "test": 922}


@pytest.mark.slow
def test_sample_links_are_what_the_documented_derivation_writes(tmp_path: Path) -> None:
    """The stored files are exactly what ``evaluation/sample/derive.py`` writes from the sample (seed 2025):
    neither edited by hand nor out of date with the generator."""
    _derive_module().derive(tmp_path)
    for name in ("rpjmd_items.csv", "rpjmd_links.csv", "program_sasaran.csv"):
        stored = (EVALUATION_DIR / "sample" / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == stored, name


def test_sample_loader_names_a_label_outside_the_pemda_rpjmd(tmp_path: Path) -> None:
    (tmp_path / "rpjmd_items.csv").write_text(
        "pemda,key,level,parent,text,indikator\n62,M1.T1.S1,sasaran,,Menurunnya kemiskinan,Penduduk Miskin\n",
        encoding="utf-8",
    )
    (tmp_path / "rpjmd_links.csv").write_text("pemda,source,target\n", encoding="utf-8")
    (tmp_path / "program_sasaran.csv").write_text(
        "id,pemda,pd,code,text,sasaran,split\np1,62.01,1.06.01,1.06.05,PROGRAM SOSIAL,M1.T1.S1,dev\n", encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match=r"program_sasaran\.csv baris 2, kolom sasaran"):
        load_sample_links(tmp_path)
