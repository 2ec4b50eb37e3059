"""Links between plan items as stored, and their review: the engine's proposals saved, links listed with both
ends' texts, and accepted or rejected — one path for ``selaras review`` and the web alike.

A decision is never overwritten by a later run of the engine: saving proposals replaces only links that are
still *proposed* and were *suggested*, and skips every pair that already has a row (decided, manual or
imported). Every decision names the status the reviewer saw, so two reviewers never silently overrule each
other, and writes an audit entry (who, when, before, after) in the same transaction. The accepted and rejected
links into one target document are the engine's history.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from selaras.domain import Link, LinkKind, LinkOrigin, LinkStatus
from selaras.errors import NotFound
from selaras.store.audit import now, record_audit
from selaras.store.changes import touch
from selaras.store.locking import EditConflict
from selaras.store.plan_rows import link_row
from selaras.store.plans import link_from_row
from selaras.store.tables import DocumentRow, ItemRow, LinkRow

__all__ = [
    "DECIDED",
    "LinkEndJson",
    "LinkJson",
    "ProposalCounts",
    "StaleDecision",
    "StoredLink",
    "decide_above",
    "decide_links",
    "get_link",
    "link_json",
    "list_links",
    "save_proposals",
]

_Key = TypeVar("_Key", str, int)

_CHUNK = 500  # keys per IN (...) list: well below the bound-parameter limits of both databases

DECIDED = (LinkStatus.ACCEPTED, LinkStatus.REJECTED)
"""The statuses a reviewer can set; links with one of them are the engine's history."""

_STATUS_WORDS = {LinkStatus.PROPOSED: "usulan", LinkStatus.ACCEPTED: "diterima", LinkStatus.REJECTED: "ditolak"}


@dataclass(frozen=True, slots=True)
class StoredLink:
    """A link as stored, with its row id (what ``review --accept`` names), the engine's reasons and what each
    end's item says: text, nomenclature code and PD (the document's PD, else the item's own)."""

    id: int
    pemda: str
    link: Link
    reasons: tuple[str, ...]
    source_text: str
    source_code: str
    source_pd: str | None
    target_text: str
    target_code: str
    target_pd: str | None


class LinkEndJson(BaseModel):
    """One end of a link in JSON."""

    document: str = Field(description="Kunci dokumen: pemda/JENIS/pd/periode/versi.")
    item: str = Field(description="Kunci item di dalam dokumen.")
    code: str = Field(description="Kode nomenklatur item (kosong bila tidak ada).")
    text: str = Field(description="Teks item (kosong bila dokumennya belum diimpor).")
    pd: str | None = Field(description="Perangkat daerah pemilik item, bila ada.")


class LinkJson(BaseModel):
    """The one JSON shape of a link: ``selaras suggest/review --json`` and the web API. Add fields, never
    rename or remove them."""

    id: int = Field(description="Nomor tautan (yang disebut oleh review --accept dan /links/{id}/decision).")
    pemda: str = Field(description="Kode pemda pemilik dokumen sumber.")
    source: LinkEndJson
    target: LinkEndJson
    kind: LinkKind
    origin: LinkOrigin
    status: LinkStatus
    score: float | None = Field(description="Skor usulan mesin (0–1); null untuk tautan yang diimpor atau manual.")
    reasons: list[str] = Field(description="Alasan usulan mesin, dalam Bahasa Indonesia.")
    decided_by: str | None = Field(description="Siapa yang terakhir memutuskan.")
    decided_at: datetime | None = Field(description="Kapan keputusan terakhir dibuat (UTC).")


def link_json(stored: StoredLink) -> LinkJson:
    link = stored.link
    return LinkJson(
        id=stored.id,
        pemda=stored.pemda,
        source=LinkEndJson(
            document=link.source.document,
            item=link.source.item,
            code=stored.source_code,
            text=stored.source_text,
            pd=stored.source_pd,
        ),
        target=LinkEndJson(
            document=link.target.document,
            item=link.target.item,
            code=stored.target_code,
            text=stored.target_text,
            pd=stored.target_pd,
        ),
        kind=link.kind,
        origin=link.origin,
        status=link.status,
        score=link.score,
        reasons=list(stored.reasons),
        decided_by=link.decided_by or None,
        decided_at=link.decided_at,
    )


class StaleDecision(EditConflict):
    """A decision named a status the link no longer has: someone decided it meanwhile. Nothing was changed;
    the message names each such link and its current status."""

    def __init__(self, stale: Sequence[StoredLink], seen: LinkStatus) -> None:
        first = stale[0]
        super().__init__(_name(first), seen.value, first.link.status.value)
        now_is = "; ".join(
            f"{_name(each)} sekarang {_STATUS_WORDS[each.link.status]}"
            + (f" oleh {each.link.decided_by}" if each.link.decided_by else "")
            for each in stale
        )
        self.args = (
            f"{now_is} — bukan lagi {_STATUS_WORDS[seen]} seperti yang Anda lihat; tidak ada keputusan yang "
            "disimpan. Tampilkan daftarnya lagi lalu putuskan ulang.",
        )


def _name(stored: StoredLink) -> str:
    return f"tautan #{stored.id} ({stored.link.source.item} → {stored.link.target.item})"


@dataclass(frozen=True, slots=True)
class ProposalCounts:
    """What :func:`save_proposals` did: proposals written, earlier proposals removed, pairs left as they were."""

    written: int
    replaced: int
    kept: int


def _chunks(values: Sequence[_Key]) -> list[Sequence[_Key]]:
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


_source_document, _target_document = aliased(DocumentRow), aliased(DocumentRow)
_source_item, _target_item = aliased(ItemRow), aliased(ItemRow)
_source_pd = func.coalesce(_source_document.pd, _source_item.pd)
_target_pd = func.coalesce(_target_document.pd, _target_item.pd)


def _with_texts() -> Select[LinkRow, str | None, str | None, str | None, str | None, str | None, str | None]:
    """Links with each end's item text, code and PD (outer joins: an end may point at a document not imported
    yet)."""
    return (
        select(
            LinkRow,
            _source_item.text,
            _source_item.code,
            _source_pd,
            _target_item.text,
            _target_item.code,
            _target_pd,
        )
        .outerjoin(_source_document, _source_document.key == LinkRow.source_document)
        .outerjoin(
            _source_item,
            and_(_source_item.document_id == _source_document.id, _source_item.key == LinkRow.source_item),
        )
        .outerjoin(_target_document, _target_document.key == LinkRow.target_document)
        .outerjoin(
            _target_item,
            and_(_target_item.document_id == _target_document.id, _target_item.key == LinkRow.target_item),
        )
    )


def _stored(row: LinkRow, *ends: str | None) -> StoredLink:
    source_text, source_code, source_pd, target_text, target_code, target_pd = ends
    return StoredLink(
        row.id,
        row.pemda,
        link_from_row(row),
        tuple(json.loads(row.reasons or "[]")),
        source_text or "",
        source_code or "",
        source_pd,
        target_text or "",
        target_code or "",
        target_pd,
    )


def list_links(
    session: Session,
    *,
    pemda: str | None = None,
    with_kabkota: bool = False,
    pd: str | None = None,
    source_document: str | None = None,
    target_document: str | None = None,
    statuses: Collection[LinkStatus] = (LinkStatus.PROPOSED,),
    min_score: float | None = None,
    ids: Collection[int] | None = None,
    limit: int | None = None,
) -> list[StoredLink]:
    """Links matching every filter given, best score first (then by source and target).

    ``pemda`` is the source's pemda; ``with_kabkota`` adds its kab/kota ("62" then covers "62.01"). ``pd``
    keeps the links whose source item belongs to that PD; an empty ``statuses`` keeps every status.
    """
    where: list[ColumnElement[bool]] = []
    if pemda:
        own = LinkRow.pemda == pemda
        where.append(own | LinkRow.pemda.startswith(f"{pemda}.") if with_kabkota else own)
    if pd:
        where.append(_source_pd == pd)
    if source_document:
        where.append(LinkRow.source_document == source_document)
    if target_document:
        where.append(LinkRow.target_document == target_document)
    if statuses:
        where.append(LinkRow.status.in_([status.value for status in statuses]))
    if min_score is not None:
        where.append(LinkRow.score >= min_score)
    if ids is not None:
        where.append(LinkRow.id.in_(sorted(ids)))
    query = (
        _with_texts()
        .where(*where)
        .order_by(
            LinkRow.score.desc().nulls_last(),
            LinkRow.source_document,
            LinkRow.source_item,
            LinkRow.target_item,
            LinkRow.id,
        )
        .limit(limit)
    )
    return [_stored(*row) for row in session.execute(query)]


def get_link(session: Session, link_id: int) -> StoredLink:
    """One link of any status; :class:`NotFound` when there is none with this id."""
    found = list_links(session, ids=[link_id], statuses=())
    if not found:
        raise NotFound(f"tautan #{link_id} tidak ada")
    return found[0]


def decide_links(
    session: Session, ids: Collection[int], decision: LinkStatus, *, seen: LinkStatus, by: str
) -> list[StoredLink]:
    """Accept or reject the links with these ids, each of which the reviewer saw as ``seen``; the links as
    decided, by id.

    A decision may be changed (it is the planner's word) but never unknowingly: a link whose status is no
    longer ``seen`` raises :class:`StaleDecision`, an unknown id :class:`NotFound`; either way nothing is
    changed. Each decision writes an audit entry (who, when, status and decider before and after).
    """
    if decision not in DECIDED:
        raise ValueError("a decision accepts or rejects")
    wanted = sorted(set(ids))
    before = {s.id: s for chunk in _chunks(wanted) for s in list_links(session, ids=chunk, statuses=())}
    missing = [str(link_id) for link_id in wanted if link_id not in before]
    if missing:
        raise NotFound(f"tautan tidak ada: {', '.join(missing)}")
    stale = [before[link_id] for link_id in wanted if before[link_id].link.status is not seen]
    if stale:
        raise StaleDecision(stale, seen)
    at = now()
    for chunk in _chunks(wanted):
        changed = set(
            session.scalars(
                update(LinkRow)
                .where(LinkRow.id.in_(chunk), LinkRow.status == seen.value)
                .values(status=decision.value, decided_by=by, decided_at=at)
                .returning(LinkRow.id)
            )
        )
        if len(changed) != len(chunk):  # someone decided some of them since they were read
            raise StaleDecision(list_links(session, ids=set(chunk) - changed, statuses=()), seen)
    decided = []
    for link_id in wanted:
        old = before[link_id]
        new = replace(old, link=replace(old.link, status=decision, decided_by=by, decided_at=at))
        record_audit(
            session,
            pemda=old.pemda,
            username=by,
            action=f"link-{decision.value}",
            entity="link",
            entity_id=link_id,
            old=_audited(old),
            new=_audited(new),
        )
        decided.append(new)
    return decided


def _audited(stored: StoredLink) -> dict[str, object]:
    link = stored.link
    return {"status": link.status.value, "decided_by": link.decided_by, "decided_at": link.decided_at}


def decide_above(
    session: Session,
    min_score: float,
    decision: LinkStatus,
    *,
    by: str,
    pemda: str | None = None,
    with_kabkota: bool = False,
    pd: str | None = None,
    source_document: str | None = None,
    target_document: str | None = None,
) -> list[StoredLink]:
    """Decide every still-proposed link scoring at least ``min_score`` within the filters (those of
    :func:`list_links`) through :func:`decide_links`; the links decided."""
    proposed = list_links(
        session,
        pemda=pemda,
        with_kabkota=with_kabkota,
        pd=pd,
        source_document=source_document,
        target_document=target_document,
        min_score=min_score,
    )
    return decide_links(session, [s.id for s in proposed], decision, seen=LinkStatus.PROPOSED, by=by)
