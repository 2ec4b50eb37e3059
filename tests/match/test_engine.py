from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from selaras.match.embeddings import CachedEmbedder, FakeEmbedder
from selaras.match.engine import BATCH, Matcher, MatchItem, informative_stems
from selaras.match.learning import Decision
from selaras.match.targets import MatchTarget, national_targets


def test_rank_orders_targets_and_explains_in_indonesian(matcher: Matcher, targets: list[MatchTarget]) -> None:
    [result] = matcher.rank([MatchItem("i1", "Penanganan Gizi Buruk Balita di Puskesmas")], targets, top=2)
    assert result.item_id == "i1"
    assert result.suggestions[0].target_id == "K"
    assert len(result.suggestions) == 2
    best = result.suggestions[0]
    assert 0.0 <= best.score <= 1.0 and best.score >= result.suggestions[1].score
    assert any(reason.startswith("kata kunci bersama: gizi") for reason in best.reasons)


def test_context_decides_when_the_name_is_ambiguous(targets: list[MatchTarget]) -> None:
    lexical = Matcher([])
    item = MatchItem("i", "Pemeliharaan Rutin Sarana", context="Pengelolaan Sekolah Dasar | PROGRAM PENDIDIKAN")
    assert lexical.rank([item], targets)[0].suggestions[0].target_id == "P"


def test_history_moves_an_item_towards_past_decisions(matcher: Matcher, targets: list[MatchTarget]) -> None:
    item = MatchItem("i", "Koordinasi Forum Lintas Sektor", code="1.02.01.2.01.0009")
    history = [Decision(f"Koordinasi Forum {n}", "J", True, f"1.02.01.2.01.000{n}") for n in range(1, 5)]
    before = matcher.rank([item], targets, top=3)[0].suggestions
    after = matcher.rank([item], targets, top=3, history=history)[0].suggestions
    assert after[0].target_id == "J"
    assert next(s.score for s in after if s.target_id == "J") > next(s.score for s in before if s.target_id == "J")
    assert any(reason.startswith("mirip keputusan sebelumnya") for reason in after[0].reasons)
    assert any(reason.startswith("kode X.XX.01: 4 dari 4") for reason in after[0].reasons)  # penunjang


def test_empty_inputs_give_empty_suggestions(matcher: Matcher, targets: list[MatchTarget]) -> None:
    assert matcher.rank([], targets) == []
    assert matcher.rank([MatchItem("i", "x")], [])[0].suggestions == ()


def test_embedding_cache_is_reused_across_instances(tmp_path: Path) -> None:
    first = CachedEmbedder(FakeEmbedder(), tmp_path)
    vectors = first.embed(["gizi", "jalan"], "query")
    first.save()
    inner = FakeEmbedder()
    second = CachedEmbedder(inner, tmp_path)
    assert np.allclose(second.embed(["jalan", "gizi"], "query"), vectors[::-1])
    assert inner.calls == 0
    second.embed(["gizi"], "passage")
    assert inner.calls == 1


def test_national_targets_are_enriched_with_sasaran_and_keywords() -> None:
    pn = {target.id: target for target in national_targets("pn")}
    assert set(pn) == {f"PN{n}" for n in range(1, 9)}
    assert any("gizi" in passage for passage in pn["PN4"].passages)
    assert national_targets("pn", enriched=False)[0].passages == ()
    with pytest.raises(ValueError):
        national_targets("rpjmd")


@pytest.mark.slow
def test_real_embedders_put_a_health_item_under_pn4(tmp_path: Path) -> None:
    matcher = Matcher.default(tmp_path)
    [result] = matcher.rank([MatchItem("i", "Pelayanan Kesehatan Ibu Hamil dan Balita")], national_targets("pn"))
    assert result.suggestions[0].target_id == "PN4"
    assert list(tmp_path.glob("*.npz"))


def test_bidang_name_comes_from_the_code() -> None:
    from selaras.match.bidang import bidang_name

    assert bidang_name("1.02.02.2.01.0001") == "Kesehatan"
    assert bidang_name("X.XX.01.2.01.0001") == bidang_name("1.02.01.2.01.0001") == ""  # penunjang: no bidang
    assert bidang_name("") == bidang_name("bukan kode") == bidang_name("9.99") == ""


def test_bidang_signal_decides_a_generic_name(targets: list[MatchTarget]) -> None:
    lexical = Matcher([])
    items = [MatchItem("i", "Rapat Koordinasi Teknis", code="1.01.02.2.01.0001"), MatchItem("j", "Jalan Desa")]
    signals = lexical.signals(items, targets)
    assert "bidang:lexical" in signals.matrices
    assert not signals.matrices["bidang:lexical"][1].any()  # no code: the signal stays silent
    best = lexical.rank(items[:1], targets)[0].suggestions[0]
    assert best.target_id == "P"  # 1.01 = pendidikan
    assert "bidang urusan Pendidikan (kode 1.01.02.2.01.0001)" in best.reasons


def test_program_penunjang_gets_no_score_from_its_bidang_code(targets: list[MatchTarget]) -> None:
    lexical = Matcher([])
    items = [MatchItem("i", "Rapat Koordinasi Teknis", code="1.01.01.2.01.0001")]  # penunjang of pendidikan
    signals = lexical.signals(items, targets)
    assert all(not matrix.any() for name, matrix in signals.matrices.items() if name.startswith("bidang:"))
    ranked = lexical.rank([*items, MatchItem("j", "Rapat Koordinasi Teknis", code="1.01.02.2.01.0001")], targets)
    penunjang, pendidikan = ({s.target_id: s for s in result.suggestions} for result in ranked)
    assert pendidikan["P"].score > penunjang["P"].score  # 1.01 = pendidikan lifts only the real program
    assert not any(reason.startswith("bidang urusan") for s in penunjang.values() for reason in s.reasons)


def test_a_reused_matcher_ranks_like_a_fresh_one(targets: list[MatchTarget]) -> None:
    """The feature memo and the remembered passage sets must not carry one call's idf or targets into the next."""
    items = [MatchItem("a", "Penanganan Gizi Buruk", context="Puskesmas"), MatchItem("b", "Jalan Desa")]
    others = [MatchItem("c", "Rehabilitasi Gedung Sekolah Dasar"), *items]
    reused = Matcher([])
    reused.rank(others, targets[:2], top=2)
    reused.rank(others, targets, top=3)
    assert reused.rank(items, targets, top=3) == Matcher([]).rank(items, targets, top=3)


def test_batches_rank_exactly_as_one_call_and_report_progress(targets: list[MatchTarget]) -> None:
    """Items in batches of BATCH: the idf background and which signals exist come from the whole set, so a batch
    without context or codes scores as it would beside items that have them (here the first batch has neither)."""
    plain = [MatchItem(f"p{n}", f"Penanganan Gizi Buruk {n}") for n in range(BATCH)]
    rich = [
        MatchItem(f"r{n}", f"Rehabilitasi Gedung Sekolah {n}", "1.01.02.2.01.0001", "Sekolah Dasar") for n in range(7)
    ]
    history = [Decision("Jalan Desa", "J", True, "1.03.10.2.01.0001")]
    counts: list[int] = []
    ranked = Matcher([]).rank([*plain, *rich], targets, top=3, history=history, progress=counts.append)
    assert counts == [BATCH, BATCH + 7]
    one_by_one = [Matcher([]).signals([item], targets, history, among=[*plain, *rich]) for item in (plain[0], rich[0])]
    whole = Matcher([]).signals([*plain, *rich], targets, history)
    for row, signals in zip((0, BATCH), one_by_one, strict=True):
        assert signals.matrices.keys() == whole.matrices.keys()
        for name, matrix in signals.matrices.items():
            assert np.array_equal(matrix[0], whole.matrices[name][row]), name
    assert [r.item_id for r in ranked] == [item.id for item in [*plain, *rich]]


def test_a_shared_keyword_is_a_reason_only_when_it_explains() -> None:
    """The engine used to say "kata kunci bersama: luar" for a permukiman item next to "politik luar negeri": a
    word of place, generic on its own. Shared stems now count when they are not generic and appear in at most
    half of the targets; with nothing informative shared, the line is left out."""
    targets = [
        MatchTarget("LN", "Politik Luar Negeri Bebas Aktif", ("diplomasi dan kerja sama luar negeri",)),
        MatchTarget("RM", "Perumahan dan Permukiman Layak", ("rumah layak huni", "permukiman kumuh")),
        MatchTarget("GZ", "Kesehatan Masyarakat", ("gizi balita dan stunting", "layanan kesehatan masyarakat")),
        MatchTarget("PD", "Pendidikan Bermutu", ("layanan pendidikan masyarakat", "sekolah")),
    ]
    item = MatchItem("i", "Pencegahan Permukiman Kumuh di Luar Kawasan Permukiman Kumuh")
    gizi = MatchItem("g", "Penanganan Gizi Buruk dan Stunting pada Balita")
    matcher = Matcher([])
    [ranked, health] = matcher.rank([item, gizi], targets, top=4)
    reasons = {s.target_id: s.reasons for s in ranked.suggestions}
    assert not any("luar" in reason for reason in reasons["LN"])
    assert reasons["LN"] == ("kemiripan susunan huruf",)  # lexical only: say where the score comes from
    assert reasons["RM"][0].startswith("kata kunci bersama: mukim, kumuh")
    best = health.suggestions[0]
    assert best.target_id == "GZ" and best.reasons[0] == "kata kunci bersama: gizi, stunting, balita"
    # "masyarakat" is in three of the four targets, and generic besides: never a reason
    assert not any("masyarakat" in reason for s in health.suggestions for reason in s.reasons)


def test_informative_stems_are_rare_across_the_targets_and_not_generic() -> None:
    sets = [{"gizi", "sehat", "luar"}, {"jalan", "sehat"}, {"sekolah", "sehat"}, {"laut", "jalan"}, {"air"}]
    assert informative_stems(sets) == {"gizi", "jalan", "sekolah", "laut", "air"}  # sehat: 3 of 5; luar: generic
    assert "jalan" not in informative_stems(sets[:4])  # in half of them: tells little
    assert informative_stems([{"gizi", "jalan"}]) == {"gizi", "jalan"}  # one target: each word is its own
    assert informative_stems([{"gizi"}, {"gizi"}]) == set()  # in both of two: tells them apart from nothing
