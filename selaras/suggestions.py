"""One suggestion run: a source document's items ranked against a target document, and the proposals that reach
the floor stored for review — the one path of ``selaras suggest`` and of the web's "Buat usulan tautan".

The run reads the two plans and the decisions already taken on the target document (:func:`prepare`), ranks
(:func:`~selaras.match.suggesting.suggest_links`), drops what scores under the target set's floor
(:func:`~selaras.match.suggesting.floor_for`: the calibrated rule's minimum, else the ``suggest_floor`` setting)
and replaces the still-proposed suggestions of the items it looked at (:func:`~selaras.store.links.
save_proposals`). Decided pairs are never proposed again. The matcher is the caller's: the CLI builds one per
command, the web keeps one per process so that its models load once.

Example::

    request = SuggestRequest("62/RENJA/1.02.01/2026/final", ASTA_CITA_DOCUMENT.key)
    with database.session() as session:
        prepared = prepare(session, request)
    outcome = propose(database, Matcher.default(cache), prepared, floor=settings.suggest_floor)
    outcome.counts.written, outcome.below_floor
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from selaras.domain import ItemLevel, Plan
from selaras.match.engine import Matcher
from selaras.match.normalize import Normalizer, english_normalizer
from selaras.match.suggesting import DecidedLink, above_floor, floor_for, source_items, suggest_links
from selaras.reference.frameworks import SDG_EN_DOCUMENT
from selaras.store import Database
from selaras.store.links import DECIDED, ProposalCounts, list_links, save_proposals
from selaras.store.plans import load_plan

__all__ = ["Prepared", "SuggestOutcome", "SuggestRequest", "normalizer_for", "prepare", "propose"]


@dataclass(frozen=True, slots=True)
class SuggestRequest:
    """What to propose: from ``document``'s items (of ``source_levels``; all but the visi when empty) to
    ``target``'s (of ``target_levels``; its top items when empty), ``top`` per item scoring ``min_score``+,
    learning from the source's pemda and those in ``learn_from``."""

    document: str
    target: str
    top: int = 3
    min_score: float = 0.0
    source_levels: Collection[ItemLevel] = field(default_factory=frozenset)
    target_levels: Collection[ItemLevel] = field(default_factory=frozenset)
    learn_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Prepared:
    """The request with what it needs from the database: both plans and the decisions on the target."""

    request: SuggestRequest
    source: Plan
    target: Plan
    decided: list[DecidedLink]

    @property
    def items(self) -> int:
        """How many source items the run ranks (its progress counts up to this)."""
        return len(source_items(self.source, self.request.source_levels))


@dataclass(frozen=True, slots=True)
class SuggestOutcome:
    """What a run did: proposals written, earlier ones replaced, pairs kept as they were, and how many
    scored under ``floor`` (not stored)."""

    document: str
    target: str
    pemda: str
    counts: ProposalCounts
    below_floor: int
    floor: float


def normalizer_for(target: str) -> Normalizer | None:
    """The English normalizer for the English SDGs (as ``match`` and ``evaluate`` use), else the default."""
    return english_normalizer() if target == SDG_EN_DOCUMENT.key else None


def prepare(session: Session, request: SuggestRequest) -> Prepared:
    """Both plans (:class:`~selaras.errors.NotFound` when either is missing) and every accepted or rejected
    link into the target document (the engine's history; :func:`suggest_links` keeps those it may learn from)."""
    source = load_plan(session, request.document)
    target = load_plan(session, request.target)
    history = list_links(session, target_document=request.target, statuses=DECIDED)
    decided = [DecidedLink(s.link, s.source_text, s.source_code) for s in history]
    return Prepared(request, source, target, decided)


def propose(
    database: Database,
    matcher: Matcher,
    prepared: Prepared,
    *,
    floor: float,
    progress: Callable[[int], None] | None = None,
) -> SuggestOutcome:
    """Rank, drop what scores under the target's floor (``floor`` where its set has no calibrated rule), store
    the rest; ``progress`` is told how many source items are ranked so far."""
    request, source, target = prepared.request, prepared.source, prepared.target
    proposals = suggest_links(
        matcher,
        source,
        target,
        decided=prepared.decided,
        top=request.top,
        min_score=request.min_score,
        source_levels=request.source_levels,
        target_levels=request.target_levels,
        learn_from=request.learn_from,
        progress=progress,
    )
    threshold = floor_for(target, floor)
    kept, below = above_floor(proposals, threshold)
    with database.session() as session:
        counts = save_proposals(
            session,
            source.document.pemda,
            kept,
            source_document=request.document,
            target_document=request.target,
            source_items=[item.id for item in source_items(source, request.source_levels)],
        )
    return SuggestOutcome(request.document, request.target, source.document.pemda, counts, below, threshold)
