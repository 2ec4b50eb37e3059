"""Proposed links between two plans: every chosen item of a source plan ranked against a target plan's items.

The engine (:class:`~selaras.match.engine.Matcher`) only sees ids and texts; this module decides *which* texts
describe an item and a target. A source item brings its parents' names as context (a sub kegiatan "Pemberian
Makanan Tambahan" is clearer under "Program Pemenuhan Upaya Kesehatan"); a sasaran or an IKU also brings its
indicators, which say more than its wording. A target is described by its own text and, as extra passages, the
texts and indicators of everything below it (an RPJMD misi by its tujuan and sasaran); a bundled national
framework's top item instead by exactly its enrichment in :func:`~selaras.match.targets.national_targets` (which holds
what is below it, and e.g. PN sasaran and keywords for Asta Cita n), the texts ``selaras match`` and ``evaluate``
rank against; and a pemda's own target also by its parents and what planners already linked to it
(:mod:`~selaras.match.own_targets`; :func:`suggestion_targets`).

For a framework with a decision fitted on labelled data (the SDGs, :mod:`~selaras.match.decision`) only the targets
it accepts are proposed: what ``selaras match`` marks ``accepted`` and ``selaras evaluate`` counts present.
Proposals under the target set's floor (:func:`floor_for`) are dropped before anything is stored
(:func:`above_floor`), and counted.

Decisions already taken are respected: a pair accepted or rejected before is never proposed again, and every
decision of the same pemda on the same target document goes back to the engine as history, so a rejected pair
also pushes down targets of similar items. Other pemda's decisions count only when the caller shares them
(``learn_from``; see :func:`~selaras.match.learning.learns_from`). Pure logic: the caller loads plans and
decisions and stores what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from selaras.domain import DocumentKind, Item, ItemLevel, ItemRef, Link, LinkKind, LinkOrigin, LinkStatus, Plan
from selaras.match.decision import DEFAULT_FLOOR, shipped_decisions, suggestion_floor
from selaras.match.engine import Matcher, MatchItem
from selaras.match.learning import Decision, learns_from
from selaras.match.own_targets import LinkedItem, ancestors, describe_own_targets
from selaras.match.targets import MatchTarget, national_targets
from selaras.reference.frameworks import ASTA_CITA_DOCUMENT, RPJMN_DOCUMENT, SDG_EN_DOCUMENT, TPB_DOCUMENT
from selaras.reference.wilayah import PUSAT

__all__ = [
    "DecidedLink",
    "ProposedLink",
    "above_floor",
    "as_decision",
    "floor_for",
    "link_kind",
    "source_items",
    "suggest_links",
    "suggestion_targets",
    "target_items",
]

NATIONAL_ENRICHMENT = {
    ASTA_CITA_DOCUMENT.key: "asta-cita",
    RPJMN_DOCUMENT.key: "pn",
    TPB_DOCUMENT.key: "tpb",
    SDG_EN_DOCUMENT.key: "sdg",
}
"""Bundled framework documents whose top items have a richer description in :mod:`selaras.match.targets`."""

DESCRIBED_BY_INDICATORS = frozenset({ItemLevel.TUJUAN, ItemLevel.SASARAN})
"""Levels whose indicators are part of what the item means (an IKU is its indicator)."""


class ProposedLink(NamedTuple):
    """A link the engine proposes (origin suggested, status proposed) and why; a plain pair for the store."""

    link: Link
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DecidedLink:
    """A stored accepted or rejected link with the text and code of its source item (for history)."""

    link: Link
    source_text: str
    source_code: str = ""

    @property
    def pemda(self) -> str:
        """The pemda whose planners decided: the owner of the source document (its key starts with the code)."""
        return self.link.source.document.split("/", 1)[0]


def link_kind(source: Plan, target: Plan) -> LinkKind:
    """``same_as`` between two IKU documents (the same indicator at two levels), ``supports`` otherwise."""
    both_iku = source.document.kind is DocumentKind.IKU and target.document.kind is DocumentKind.IKU
    return LinkKind.SAME_AS if both_iku else LinkKind.SUPPORTS


def _item_text(item: Item) -> str:
    if item.level in DESCRIBED_BY_INDICATORS and item.indicators:
        return f"{item.text}: {'; '.join(indicator.name for indicator in item.indicators)}"
    return item.text


def source_items(plan: Plan, levels: Collection[ItemLevel] = ()) -> list[MatchItem]:
    """The plan's items of ``levels`` (every level but visi when empty), with parents' names as context."""
    by_key = {item.key: item for item in plan.items}
    chosen = [item for item in plan.items if (item.level in levels if levels else item.level is not ItemLevel.VISI)]
    return [
        MatchItem(
            item.key,
            _item_text(item),
            item.code or "",
            " / ".join(parent.text for parent in reversed(ancestors(item, by_key))),
        )
        for item in chosen
    ]


def _is_top(item: Item, by_key: dict[str, Item]) -> bool:
    parent = by_key.get(item.parent or "")
    return item.level is not ItemLevel.VISI and (parent is None or parent.level is ItemLevel.VISI)


def target_items(plan: Plan, levels: Collection[ItemLevel] = ()) -> list[MatchTarget]:
    """Targets of ``levels`` (the plan's top items when empty: misi, prioritas, tujuan TPB, programs, IKU),
    each described by its descendants' texts and every indicator along the way — except a bundled national
    framework's top items, which are described exactly as :func:`~selaras.match.targets.national_targets` describes
    them: that enrichment already holds their sasaran / targets and indicators, and it is what ``selaras match`` and
    ``selaras evaluate`` rank against and what the SDG decision was fitted on, so a stored framework scores an item
    as the evaluation does (its descendants added the indicators a second time, with their codes: on the dev half
    of the SDG benchmark that moved scores by up to 0.41 and changed the accepted SDGs of 128 of its 624 texts)."""
    by_key = {item.key: item for item in plan.items}
    children: dict[str, list[Item]] = {}
    for item in plan.items:
        if item.parent:
            children.setdefault(item.parent, []).append(item)
    national = NATIONAL_ENRICHMENT.get(plan.document.key)
    bundled = {target.id: target.passages for target in national_targets(national)} if national else {}

    def described(item: Item) -> list[str]:
        texts = [indicator.name for indicator in item.indicators]
        for child in children.get(item.key, []):
            texts.append(child.text)
            texts.extend(described(child))
        return texts

    chosen = [item for item in plan.items if (item.level in levels if levels else _is_top(item, by_key))]
    return [
        MatchTarget(
            item.key,
            item.text,
            bundled[item.key] if item.key in bundled else tuple(dict.fromkeys(t for t in described(item) if t.strip())),
        )
        for item in chosen
    ]


def suggestion_targets(
    target: Plan, levels: Collection[ItemLevel] = (), decided: Iterable[DecidedLink] = ()
) -> list[MatchTarget]:
    """The targets :func:`suggest_links` ranks against: :func:`target_items`, and for a pemda's own plan (not a
    national framework, whose targets have their bundled enrichment) also its parents and the accepted links
    among ``decided`` that point into it (:func:`~selaras.match.own_targets.describe_own_targets`)."""
    targets = target_items(target, levels)
    if target.document.pemda == PUSAT.kode:
        return targets
    linked = [
        LinkedItem(d.link.target.item, d.source_text, d.source_code)
        for d in decided
        if d.link.status is LinkStatus.ACCEPTED and d.link.target.document == target.document.key
    ]
    return describe_own_targets(target, targets, linked)


def as_decision(decided: DecidedLink) -> Decision:
    """A stored decision in the engine's terms (the target id is the target item's key)."""
    return Decision(
        decided.source_text,
        decided.link.target.item,
        decided.link.status is LinkStatus.ACCEPTED,
        decided.source_code,
    )


def floor_for(target: Plan, default: float = DEFAULT_FLOOR) -> float:
    """The floor of suggestions into ``target``: its fitted decision's ``min_score`` for a bundled framework
    that has one (the SDGs), else ``default`` (the ``suggest_floor`` setting)."""
    return suggestion_floor(NATIONAL_ENRICHMENT.get(target.document.key), default)


def above_floor(proposals: Sequence[ProposedLink], floor: float) -> tuple[list[ProposedLink], int]:
    """The proposals scoring ``floor`` or more, and how many scored less (those are not stored)."""
    kept = [proposal for proposal in proposals if (proposal.link.score or 0.0) >= floor]
    return kept, len(proposals) - len(kept)


def suggest_links(
    matcher: Matcher,
    source: Plan,
    target: Plan,
    *,
    decided: Iterable[DecidedLink] = (),
    top: int = 3,
    min_score: float = 0.0,
    source_levels: Collection[ItemLevel] = (),
    target_levels: Collection[ItemLevel] = (),
    learn_from: Collection[str] = (),
    progress: Callable[[int], None] | None = None,
) -> list[ProposedLink]:
    """Up to ``top`` new proposals per source item, best first, scoring at least ``min_score`` (and accepted by the
    framework's fitted decision, where it has one).

    ``decided`` are the accepted and rejected links into ``target``'s document (from any source). Those of the
    source's pemda — and of the pemda in ``learn_from``, each with its kab/kota — are the engine's history, and
    the accepted ones describe a pemda's own targets (:func:`suggestion_targets`); the others are ignored. Those
    from ``source`` are pairs never proposed again — each item still gets ``top`` proposals besides them.
    ``progress`` is told how many source items are ranked so far.
    """
    pemda = source.document.pemda
    decisions = [
        d for d in decided if d.link.status is not LinkStatus.PROPOSED and learns_from(d.pemda, pemda, learn_from)
    ]
    settled: dict[str, set[str]] = {}
    for decision in decisions:
        if decision.link.source.document == source.document.key:
            settled.setdefault(decision.link.source.item, set()).add(decision.link.target.item)
    items = source_items(source, source_levels)
    targets = suggestion_targets(target, target_levels, decisions)
    widest = top + max((len(keys) for keys in settled.values()), default=0)
    calibrated = shipped_decisions().get(NATIONAL_ENRICHMENT.get(target.document.key, ""))
    rule = calibrated.decision if calibrated else None
    history = [as_decision(d) for d in decisions]
    ranked = matcher.rank(items, targets, top=widest, history=history, decision=rule, progress=progress)
    kind = link_kind(source, target)
    proposals: list[ProposedLink] = []
    for entry in ranked:
        fresh = [
            suggestion
            for suggestion in entry.suggestions
            if suggestion.target_id not in settled.get(entry.item_id, set())
            and suggestion.score >= min_score
            and (rule is None or suggestion.accepted)
        ]
        proposals.extend(
            ProposedLink(
                Link(
                    ItemRef(source.document.key, entry.item_id),
                    ItemRef(target.document.key, suggestion.target_id),
                    kind=kind,
                    origin=LinkOrigin.SUGGESTED,
                    status=LinkStatus.PROPOSED,
                    score=suggestion.score,
                ),
                suggestion.reasons,
            )
            for suggestion in fresh[:top]
        )
    return proposals
