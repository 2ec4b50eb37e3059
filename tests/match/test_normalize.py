from __future__ import annotations

from selaras.match.facets import split_facets
from selaras.match.normalize import Normalizer, split_glued


def test_glued_words_are_split_at_case_and_digit_seams() -> None:
    assert split_glued("DokumenPerencanaan Tahun2025") == "Dokumen Perencanaan Tahun 2025"
    assert split_glued("UMKM") == "UMKM"


def test_abbreviations_are_expanded_once() -> None:
    normalizer = Normalizer()
    assert normalizer.clean("Pembinaan UMKM") == "Pembinaan UMKM (usaha mikro kecil dan menengah)"
    assert normalizer.tokens("Sumber Daya Manusia (SDM)").count("manusia") == 1
    assert "politik" in normalizer.tokens("Fasilitasi Kesbangpol")


def test_stopwords_boilerplate_and_numbers_are_dropped_and_words_stemmed() -> None:
    tokens = Normalizer().tokens("Penyediaan Layanan Kesehatan di Kabupaten/Kota Tahun 2025")
    assert tokens == ["layan", "sehat"]


def test_stems_are_memoised() -> None:
    calls: list[str] = []

    def stem(word: str) -> str:
        calls.append(word)
        return word[:4]

    normalizer = Normalizer(stem=stem)
    normalizer.tokens("jembatan jembatan jembatan")
    assert calls == ["jembatan"]


def test_facets_split_on_commas_dan_serta_and_parentheses() -> None:
    facets = split_facets("Sains, Teknologi, dan Pendidikan, serta Pemuda (Generasi Milenial dan Generasi Z)")
    assert facets == ["Sains", "Teknologi", "Pendidikan", "Pemuda", "Generasi Milenial", "Generasi Z"]
    assert split_facets("Kesehatan") == ["Kesehatan"]


def test_english_normalizer_stems_lightly_and_drops_function_words() -> None:
    from selaras.match.normalize import english_normalizer, english_stem

    assert english_stem("policies") == "policy" and english_stem("gas") == "gas"
    assert english_normalizer().tokens("The policies for reducing poverty in SDM") == [
        "policy",
        "reduc",
        "poverty",
        "sdm",
    ]
