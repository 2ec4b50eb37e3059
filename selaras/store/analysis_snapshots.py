"""The last analysis of each pemda and year, kept in the database so that a restarted web worker shows it at once
instead of computing it again (:mod:`selaras.web.analysis`; the sample province takes 7-10 s to analyse).

A row holds the findings and score cards of one run, the data stamp they were computed from
(:func:`selaras.store.changes.data_stamp`) and the fingerprint of what else decided them
(:func:`selaras.analysis.analysis_fingerprint`); whoever reads it decides whether they are current. The body is
the findings' and cards' stored records (:func:`selaras.checks.serialize.finding_record`,
:func:`selaras.scores.serialize.scorecard_record`) as JSON, compressed: about 2 MB for the sample province's
year. Writing it never bumps the data stamp: it is derived from the data, not part of it.

Example::

    save_analysis(session, pemda="62", year=2026, stamp=(17, 17), fingerprint=digest, findings=found, cards=cards)
    [stored] = stored_analyses(session, "62", years=1)
    stored.stamp == data_stamp(session, "62") and stored.fingerprint == digest  # current?
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from selaras.checks.findings import Finding
from selaras.checks.serialize import finding_from_record, finding_record
from selaras.scores import ScoreCard
from selaras.scores.serialize import scorecard_from_record, scorecard_record
from selaras.store.audit import now
from selaras.store.tables import AnalysisSnapshotRow

__all__ = ["StoredAnalysis", "recently_analysed", "save_analysis", "stored_analyses"]

FORMAT = 1
"""The body's version: a row of another format is not read (the analysis is computed again)."""


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """One stored run: the findings of ``year`` over the pemda's data at ``stamp`` and, when they were computed,
    its score cards."""

    pemda: str
    year: int
    stamp: tuple[object, ...]
    fingerprint: str
    findings: list[Finding]
    cards: list[ScoreCard] | None


def save_analysis(
    session: Session,
    *,
    pemda: str,
    year: int,
    stamp: Sequence[object],
    fingerprint: str,
    findings: Sequence[Finding],
    cards: Sequence[ScoreCard] | None,
) -> None:
    """Keep this run as the pemda's analysis of ``year``, in place of any earlier one."""
    body = {
        "format": FORMAT,
        "findings": [finding_record(finding) for finding in findings],
        "cards": None if cards is None else [scorecard_record(card) for card in cards],
    }
    values = {
        "stamp": json.dumps(list(stamp)),
        "fingerprint": fingerprint,
        "stored_at": now(),
        "body": zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), 1),
    }
    # an upsert, written alike by both dialects: two workers saving the same year at once must not collide
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(AnalysisSnapshotRow).values(pemda=pemda, year=year, **values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[AnalysisSnapshotRow.pemda, AnalysisSnapshotRow.year], set_=values
        )
    )


def stored_analyses(session: Session, pemda: str, *, years: int) -> list[StoredAnalysis]:
    """The pemda's analyses of the ``years`` years stored last, the least recent first."""
    rows = session.scalars(
        select(AnalysisSnapshotRow)
        .where(AnalysisSnapshotRow.pemda == pemda)
        .order_by(AnalysisSnapshotRow.stored_at.desc(), AnalysisSnapshotRow.year)
        .limit(years)
    ).all()
    found = [_read(row) for row in reversed(rows)]
    return [each for each in found if each is not None]


def recently_analysed(session: Session, *, limit: int) -> list[str]:
    """The pemda whose analyses were stored last, the most recent first: those a restarted worker prepares."""
    latest = func.max(AnalysisSnapshotRow.stored_at)
    rows = session.execute(
        select(AnalysisSnapshotRow.pemda, latest)
        .group_by(AnalysisSnapshotRow.pemda)
        .order_by(latest.desc(), AnalysisSnapshotRow.pemda)
        .limit(limit)
    )
    return [pemda for pemda, _ in rows]


def _read(row: AnalysisSnapshotRow) -> StoredAnalysis | None:
    body = json.loads(zlib.decompress(row.body))
    if body.get("format") != FORMAT:
        return None
    cards = body["cards"]
    return StoredAnalysis(
        row.pemda,
        row.year,
        tuple(json.loads(row.stamp)),
        row.fingerprint,
        [finding_from_record(record) for record in body["findings"]],
        None if cards is None else [scorecard_from_record(record) for record in cards],
    )
