"""Proposed links and the decisions on them: save the engine's proposals, list them, accept or reject them.

A decision is never overwritten by a later run of the engine: saving proposals replaces only links that are
still *proposed* and were *suggested*, and skips every pair that already has a row (decided, manual or
imported). Decisions record who and when; those into one target document are the engine's history.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, delete, insert, select, update
from sqlalchemy.orm import Session, aliased

from selaras.domain import Link, LinkOrigin, LinkStatus
from selaras.errors import NotFound
from selaras.store.audit import now
from selaras.store.changes import ANY_PEMDA, touch
from selaras.store.plans import link_from_row, link_row
from selaras.store.tables import DocumentRow, ItemRow, LinkRow

__all__ = [
    "ProposalCounts",
    "StoredLink",
    "decide_above",
    "decide_links",
    "decided_links",
    "list_links",
    "save_proposals",
]

_CHUNK = 500  # keys per IN (...) list: well below the bound-parameter limits of both databases


@dataclass(frozen=True, slots=True)
class StoredLink:
    """A link as stored, with its row id (what ``review --accept`` names), reasons and both ends' texts."""

    id: int
    pemda: str
    link: Link
    reasons: tuple[str, ...]
    source_text: str
    source_code: str
    target_text: str


@dataclass(frozen=True, slots=True)
class ProposalCounts:
    """What :func:`save_proposals` did: proposals written, earlier proposals removed, pairs left as they were."""

    written: int
    replaced: int
    kept: int


def _chunks(values: Sequence[str]) -> list[Sequence[str]]:
    return [values[start : start + _CHUNK] for start in range(0, len(values), _CHUNK)]


def save_proposals(
    session: Session,
    pemda: str,
    proposals: Sequence[tuple[Link, Sequence[str]]],
    *,
    source_document: str,
    target_document: str,
    source_items: Collection[str],
) -> ProposalCounts:
    """Replace the still-proposed suggestions from ``source_items`` into ``target_document`` by ``proposals``.

    ``source_items`` are the items the engine looked at this time (a run over programs only leaves the
    proposals of sub kegiatan alone). A proposal whose pair already has a row — accepted, rejected, or a
    manual or imported link — is not written.
    """
    items = sorted(source_items)
    replaced = 0
    touch(session, pemda)
    for chunk in _chunks(items):
        result = session.execute(
            delete(LinkRow).where(
                LinkRow.source_document == source_document,
                LinkRow.target_document == target_document,
                LinkRow.source_item.in_(chunk),
                LinkRow.status == LinkStatus.PROPOSED.value,
                LinkRow.origin == LinkOrigin.SUGGESTED.value,
            )
        )
        replaced += result.rowcount  # type: ignore[attr-defined]  # a DML result carries rowcount
    existing = {
        (item, target, kind)
        for item, target, kind in session.execute(
            select(LinkRow.source_item, LinkRow.target_item, LinkRow.kind).where(
                LinkRow.source_document == source_document, LinkRow.target_document == target_document
            )
        )
    }
    rows = []
    for link, reasons in proposals:
        key = (link.source.item, link.target.item, link.kind.value)
        if key in existing:
            continue
        existing.add(key)
        rows.append({**link_row(pemda, link), "reasons": json.dumps(list(reasons), ensure_ascii=False)})
    if rows:
        session.execute(insert(LinkRow), rows)
    return ProposalCounts(written=len(rows), replaced=replaced, kept=len(proposals) - len(rows))


def _with_texts() -> Select[LinkRow, str, str | None, str]:
    """Links with the text and code of the source item and the text of the target item (outer joins: an end
    may point at a document not imported yet)."""
    source_document, target_document = aliased(DocumentRow), aliased(DocumentRow)
    source_item, target_item = aliased(ItemRow), aliased(ItemRow)
    return (
        select(LinkRow, source_item.text, source_item.code, target_item.text)
        .outerjoin(source_document, source_document.key == LinkRow.source_document)
        .outerjoin(
            source_item,
            and_(source_item.document_id == source_document.id, source_item.key == LinkRow.source_item),
        )
        .outerjoin(target_document, target_document.key == LinkRow.target_document)
        .outerjoin(
            target_item,
            and_(target_item.document_id == target_document.id, target_item.key == LinkRow.target_item),
        )
    )


def _stored(query: Select[LinkRow, str, str | None, str], session: Session) -> list[StoredLink]:
    return [
        StoredLink(
            row.id,
            row.pemda,
            link_from_row(row),
            tuple(json.loads(row.reasons or "[]")),
            source_text or "",
            source_code or "",
            target_text or "",
        )
        for row, source_text, source_code, target_text in session.execute(query)
    ]


def _filters(
    pemda: str | None,
    source_document: str | None,
    target_document: str | None,
    statuses: Collection[LinkStatus],
    min_score: float | None,
) -> list[ColumnElement[bool]]:
    """Conditions shared by listing and bulk decisions; ``pemda`` "62" also covers its kab/kota ("62.01")."""
    where: list[ColumnElement[bool]] = []
    if pemda:
        where.append((LinkRow.pemda == pemda) | LinkRow.pemda.startswith(f"{pemda}."))
    if source_document:
        where.append(LinkRow.source_document == source_document)
    if target_document:
        where.append(LinkRow.target_document == target_document)
    if statuses:
        where.append(LinkRow.status.in_([status.value for status in statuses]))
    if min_score is not None:
        where.append(LinkRow.score >= min_score)
    return where


def list_links(
    session: Session,
    *,
    pemda: str | None = None,
    source_document: str | None = None,
    target_document: str | None = None,
    statuses: Collection[LinkStatus] = (LinkStatus.PROPOSED,),
    min_score: float | None = None,
    limit: int | None = None,
) -> list[StoredLink]:
    """Links matching every filter given, best score first (then by source and target)."""
    query = (
        _with_texts()
        .where(*_filters(pemda, source_document, target_document, statuses, min_score))
        .order_by(
            LinkRow.score.desc().nulls_last(),
            LinkRow.source_document,
            LinkRow.source_item,
            LinkRow.target_item,
            LinkRow.id,
        )
        .limit(limit)
    )
    return _stored(query, session)


def decided_links(session: Session, target_document: str) -> list[StoredLink]:
    """Every accepted or rejected link into ``target_document``, from any source: the engine's history."""
    query = (
        _with_texts()
        .where(
            LinkRow.target_document == target_document,
            LinkRow.status.in_([LinkStatus.ACCEPTED.value, LinkStatus.REJECTED.value]),
        )
        .order_by(LinkRow.id)
    )
    return _stored(query, session)


def _decision(status: LinkStatus, by: str, at: datetime | None) -> dict[str, object]:
    if status is LinkStatus.PROPOSED:
        raise ValueError("a decision accepts or rejects")
    return {"status": status.value, "decided_by": by, "decided_at": at or now()}


def decide_links(
    session: Session, ids: Collection[int], status: LinkStatus, *, by: str, at: datetime | None = None
) -> int:
    """Accept or reject the links with these row ids (a decision may be changed: it is the planner's word).

    Every id must exist; :class:`NotFound` names the missing ones and nothing is changed.
    """
    wanted = sorted(set(ids))
    found: dict[int, str] = dict(session.execute(select(LinkRow.id, LinkRow.pemda).where(LinkRow.id.in_(wanted))).all())
    missing = [str(link_id) for link_id in wanted if link_id not in found]
    if missing:
        raise NotFound(f"tautan tidak ada: {', '.join(missing)}")
    if wanted:
        touch(session, *found.values())
        session.execute(update(LinkRow).where(LinkRow.id.in_(wanted)).values(**_decision(status, by, at)))
    return len(wanted)


def decide_above(
    session: Session,
    min_score: float,
    status: LinkStatus,
    *,
    by: str,
    at: datetime | None = None,
    pemda: str | None = None,
    source_document: str | None = None,
    target_document: str | None = None,
) -> int:
    """Decide every still-proposed link scoring at least ``min_score`` within the filters; the number decided."""
    where = _filters(pemda, source_document, target_document, (LinkStatus.PROPOSED,), min_score)
    touch(session, pemda or ANY_PEMDA)
    result = session.execute(update(LinkRow).where(*where).values(**_decision(status, by, at)))
    return int(result.rowcount)  # type: ignore[attr-defined]  # a DML result carries rowcount
