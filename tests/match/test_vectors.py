"""The shipped vectors: they cover every text a cold run on bundled data embeds, they are the live models' vectors,
and with them a first run on nomenclature items never calls a model."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import typer
from numpy.typing import NDArray
from typer.testing import CliRunner

from selaras.cli import matching
from selaras.cli.context import CliContext
from selaras.domain import Document, DocumentKind, Item, ItemLevel, Period, Plan
from selaras.domain.codes import CodeLevel
from selaras.match import normalize
from selaras.match.embeddings import CachedEmbedder, E5Embedder, Embedder, Role, UseEmbedder
from selaras.match.engine import Matcher, MatchItem
from selaras.match.learning import Decision
from selaras.match.normalize import Normalizer, _sastrawi_stem, english_normalizer, shipped_stems
from selaras.match.shipped import shipped_vectors
from selaras.match.suggesting import suggest_links
from selaras.match.targets import NATIONAL_TARGET_SETS, national_targets
from selaras.match.vectors import shipped_texts, stem_words
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature_versions import bundled_version
from selaras.settings import load_settings

MODELS = (E5Embedder.name, UseEmbedder.name)


class CountingEmbedder:
    """A live embedder that counts the texts it is asked to embed (the model loads only if it is called)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        self.texts.extend(texts)
        return self.inner.embed(texts, role)


def _counting(tmp_path: Path) -> tuple[list[CountingEmbedder], Matcher]:
    live = [CountingEmbedder(E5Embedder()), CountingEmbedder(UseEmbedder())]
    return live, Matcher([CachedEmbedder(embedder, tmp_path / "cache") for embedder in live])


def _nomenclature_items(count: int) -> list[MatchItem]:
    """Program, kegiatan and sub kegiatan of both versions, each with its code and its parents as context."""
    items: list[MatchItem] = []
    for version in ("2020", "2027"):
        nomenclature = bundled_version(version)
        entries = [e for e in nomenclature.entries() if e.code.level is CodeLevel.SUB_KEGIATAN]
        for entry in random.Random(version).sample(entries, count):
            kegiatan = nomenclature.lookup(entry.code.parent)  # type: ignore[arg-type]
            program = nomenclature.lookup(kegiatan.code.parent)  # type: ignore[arg-type,union-attr]
            assert kegiatan is not None and program is not None
            context = f"{kegiatan.name} | {program.name}"
            items.append(MatchItem(entry.code.text, entry.name, entry.code.text, context))
            items.append(MatchItem(kegiatan.code.text, kegiatan.name, kegiatan.code.text, program.name))
            items.append(MatchItem(program.code.text, program.name, program.code.text))
    return items


def test_shipped_files_cover_every_text_a_cold_run_embeds() -> None:
    """Fails after a target text or the nomenclature changes: run ``python -m selaras.match.vectors``."""
    for model in MODELS:
        entries = shipped_texts(model)
        shipped = shipped_vectors(model)
        missing = [(role, text) for role, text in entries if not shipped.lookup(role, [text])]
        assert not missing, f"{model}: {len(missing)} texts without a vector, e.g. {missing[:3]}"
        assert len(shipped) == len(entries)  # and nothing stale kept
    assert {text for _, text in shipped_texts(UseEmbedder.name)} < {text for _, text in shipped_texts(E5Embedder.name)}


@pytest.mark.slow
def test_shipped_vectors_match_the_live_models() -> None:
    """16 texts per model and role, embedded again by the live model: the int8 vectors keep cosine ≥ 0.9999, while
    E5's vector of the same text in the other role is at most ~0.99 close and another text's ~0.9 at best."""
    roles: tuple[Role, ...] = ("query", "passage")
    for embedder in (E5Embedder(), UseEmbedder()):
        entries = shipped_texts(embedder.name)
        for role in roles:
            texts = random.Random(role).sample([text for each, text in entries if each == role], 16)
            shipped = shipped_vectors(embedder.name).lookup(role, texts)
            live = embedder.embed(texts, role)
            cosines = [float(shipped[text] @ vector) for text, vector in zip(texts, live, strict=True)]
            assert min(cosines) >= 0.999, (embedder.name, role, min(cosines))


def test_a_cold_match_on_nomenclature_items_calls_no_model(tmp_path: Path) -> None:
    live, matcher = _counting(tmp_path)
    items = _nomenclature_items(20)
    history = [Decision(item.text, "AC4", True, item.code) for item in items[:30]]
    for name in NATIONAL_TARGET_SETS:
        matcher.normalizer = english_normalizer() if name == "sdg" else Normalizer()  # as `selaras match` does
        ranked = matcher.rank(items, national_targets(name), top=3, history=history)
        assert len(ranked) == len(items) and all(entry.suggestions for entry in ranked)
    assert [embedder.texts for embedder in live] == [[], []]
    assert not (tmp_path / "cache").exists()  # nothing new to remember


def test_a_novel_text_is_embedded_and_only_it(tmp_path: Path) -> None:
    live, matcher = _counting(tmp_path)
    for embedder in live:  # the model itself is not under test here: answer without loading it
        embedder.inner = _Constant(embedder.name)
    matcher.rank([*_nomenclature_items(3), MatchItem("x", "Festival Durian Lokal")], national_targets("pn"))
    assert [embedder.texts for embedder in live] == [["Festival Durian Lokal"]] * 2


class _Constant:
    def __init__(self, name: str) -> None:
        self.name = name

    def embed(self, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        dimension = 384 if self.name == E5Embedder.name else 512
        return np.ones((len(texts), dimension), dtype=np.float32) / np.sqrt(dimension)


def _renja(count: int) -> Plan:
    """A Renja written in the current nomenclature: programs, kegiatan and sub kegiatan of one bidang."""
    nomenclature = bundled_version("2027")
    subs = [
        e for e in nomenclature.entries() if e.code.text.startswith("1.02.") and e.code.level.value == "sub_kegiatan"
    ]
    items: dict[str, Item] = {}
    for entry in subs[:count]:
        kegiatan = nomenclature.lookup(entry.code.parent)  # type: ignore[arg-type]
        program = nomenclature.lookup(kegiatan.code.parent)  # type: ignore[arg-type,union-attr]
        assert kegiatan is not None and program is not None
        items.setdefault(
            program.code.text, Item(program.code.text, ItemLevel.PROGRAM, program.name, code=program.code.text)
        )
        items.setdefault(
            kegiatan.code.text,
            Item(
                kegiatan.code.text, ItemLevel.KEGIATAN, kegiatan.name, code=kegiatan.code.text, parent=program.code.text
            ),
        )
        items[entry.code.text] = Item(
            entry.code.text, ItemLevel.SUB_KEGIATAN, entry.name, code=entry.code.text, parent=kegiatan.code.text
        )
    return Plan(Document(DocumentKind.RENJA, "62", Period(2026, 2026), pd="1.02.01"), list(items.values()))


def test_a_cold_suggest_against_every_national_framework_calls_no_model(tmp_path: Path) -> None:
    live, matcher = _counting(tmp_path)
    renja = _renja(30)
    for framework in national_frameworks():
        assert suggest_links(matcher, renja, framework, top=2)
    assert [embedder.texts for embedder in live] == [[], []]


def test_selaras_match_in_a_fresh_data_dir_calls_no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Embedder, texts: Sequence[str], role: Role) -> NDArray[np.float32]:
        raise AssertionError(f"{self.name} asked to embed {list(texts)[:3]}")

    monkeypatch.setattr(E5Embedder, "embed", refuse)
    monkeypatch.setattr(UseEmbedder, "embed", refuse)
    application = typer.Typer()

    @application.callback()
    def _settings(context: typer.Context) -> None:
        context.obj = CliContext(load_settings({}, data_dir=str(tmp_path / "data")))

    application.command("match")(matching.match)
    rows = [(i.id, i.text, i.code, i.context) for i in _nomenclature_items(10)]
    items = tmp_path / "items.csv"
    with items.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([("id", "text", "code", "context"), *rows])
    for targets in ("asta-cita", "sdg"):
        result = CliRunner().invoke(application, ["match", "--targets", targets, "--items", str(items), "--json"])
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.stdout)) == len(rows)
    assert not (tmp_path / "data" / "cache").exists()


def test_shipped_stems_are_sastrawi_s_for_every_bundled_word() -> None:
    words = stem_words()
    assert set(words) == set(shipped_stems())  # fails after the texts change: python -m selaras.match.vectors
    live = Normalizer(stem=_sastrawi_stem())
    sample = random.Random(0).sample(words, 150)
    assert {word: shipped_stems()[word] for word in sample} == {word: live.stem(word) for word in sample}


def test_nomenclature_names_are_stemmed_without_sastrawi(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("Sastrawi loaded")

    monkeypatch.setattr(normalize, "_SHARED_STEMS", {})
    monkeypatch.setattr(normalize, "_sastrawi_stem", refuse)
    names = [item.text for item in _nomenclature_items(20)]
    assert all(Normalizer().tokens(name) for name in names if Normalizer().words(name))
    with pytest.raises(AssertionError, match="Sastrawi"):
        Normalizer().tokens("menggelegarkan")  # a word no bundled text has
