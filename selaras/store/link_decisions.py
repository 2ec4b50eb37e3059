"""Reviewing links: listing proposed ones with their texts, accepting or rejecting them one by one or in
bulk above a score. A decision names the status it saw, so two reviewers never silently overrule each other."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, select, update
from sqlalchemy.orm import Session, aliased

from selaras.domain import LinkStatus
from selaras.errors import NotFound
from selaras.store.audit import now, record_audit
from selaras.store.locking import EditConflict
from selaras.store.tables import DocumentRow, ItemRow, LinkRow

__all__ = ["LinkView", "bulk_decide", "decide_link", "get_link", "list_links"]


@dataclass(frozen=True, slots=True)
class LinkView:
    id: int
    pemda: str
    source_document: str
    source_item: str
    source_text: str
    source_pd: str | None
    target_document: str
    target_item: str
    target_text: str
    kind: str
    origin: str
    status: str
    score: float | None
    decided_by: str
    decided_at: datetime | None
    reasons: tuple[str, ...] = ()
    """Why the engine proposed the link (sentences in Bahasa Indonesia); empty for imported links."""


def _query() -> Select[LinkRow, str, str | None, str | None, str]:
    source_doc, source, target_doc, target = (
        aliased(DocumentRow),
        aliased(ItemRow),
        aliased(DocumentRow),
        aliased(ItemRow),
    )
    return (
        select(LinkRow, source.text, source_doc.pd, source.pd, target.text)
        .outerjoin(source_doc, source_doc.key == LinkRow.source_document)
        .outerjoin(source, and_(source.document_id == source_doc.id, source.key == LinkRow.source_item))
        .outerjoin(target_doc, target_doc.key == LinkRow.target_document)
        .outerjoin(target, and_(target.document_id == target_doc.id, target.key == LinkRow.target_item))
    )


def _view(
    row: LinkRow, source_text: str | None, document_pd: str | None, item_pd: str | None, target_text: str | None
) -> LinkView:
    return LinkView(
        row.id,
        row.pemda,
        row.source_document,
        row.source_item,
        source_text or "",
        document_pd or item_pd,
        row.target_document,
        row.target_item,
        target_text or "",
        row.kind,
        row.origin,
        row.status,
        row.score,
        row.decided_by,
        row.decided_at,
        tuple(json.loads(row.reasons or "[]")),
    )


def list_links(
    session: Session,
    pemda: str,
    *,
    status: str | None = None,
    min_score: float | None = None,
    pd: str | None = None,
    limit: int = 500,
) -> list[LinkView]:
    """Links of ``pemda`` (by source), best score first; ``pd`` keeps those whose source belongs to that PD."""
    query = _query().where(LinkRow.pemda == pemda)
    if status:
        query = query.where(LinkRow.status == status)
    if min_score is not None:
        query = query.where(LinkRow.score >= min_score)
    views = [_view(*row) for row in session.execute(query.order_by(LinkRow.score.desc(), LinkRow.id))]
    return [view for view in views if pd is None or view.source_pd == pd][:limit]


def get_link(session: Session, link_id: int) -> LinkView:
    row = session.execute(_query().where(LinkRow.id == link_id)).one_or_none()
    if row is None:
        raise NotFound(f"tautan #{link_id} tidak ada")
    return _view(*row)


def decide_link(
    session: Session, link_id: int, decision: LinkStatus, *, expected_status: str, username: str
) -> LinkView:
    """Set the link's status if it is still ``expected_status``; the audit entry goes in the same transaction."""
    before = get_link(session, link_id)
    changed = session.execute(
        update(LinkRow)
        .where(LinkRow.id == link_id, LinkRow.status == expected_status)
        .values(status=decision.value, decided_by=username, decided_at=now())
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult of an UPDATE
        current = session.scalar(select(LinkRow.status).where(LinkRow.id == link_id))
        raise EditConflict(f"tautan {before.source_item} → {before.target_item}", expected_status, current)
    record_audit(
        session,
        pemda=before.pemda,
        username=username,
        action=f"link-{decision.value}",
        entity="link",
        entity_id=link_id,
        old={"status": before.status, "decided_by": before.decided_by},
        new={"status": decision.value, "decided_by": username},
    )
    return get_link(session, link_id)


def bulk_decide(
    session: Session, pemda: str, decision: LinkStatus, *, min_score: float, pd: str | None, username: str
) -> int:
    """Decide every proposed link of ``pemda`` (of one PD when given) scoring at least ``min_score``;
    returns how many were decided. Links someone decided meanwhile are skipped, not overruled."""
    decided = 0
    for view in list_links(session, pemda, status=LinkStatus.PROPOSED.value, min_score=min_score, pd=pd, limit=10_000):
        try:
            decide_link(session, view.id, decision, expected_status=LinkStatus.PROPOSED.value, username=username)
        except EditConflict:
            continue
        decided += 1
    return decided
