"""What the Rakor report reads from the store besides the analysis: the tindak lanjut of every finding, the
deadline proposed for unassigned ones, and the documents the planning calendar says are late. One loader, so
``selaras report`` and the web's report download show the same follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from selaras.domain.calendar import Submission
from selaras.store.calendar import pending_submissions
from selaras.store.followup import FollowUp, default_deadline, list_followups
from selaras.store.responses import FindingResponse, list_responses

__all__ = ["RakorContext", "load_rakor_context"]


@dataclass(frozen=True, slots=True)
class RakorContext:
    """The keyword arguments of :func:`selaras.report.model.build_report` that come from the store."""

    followups: dict[str, FollowUp]
    responses: dict[str, FindingResponse]
    deadline: date
    submissions: list[Submission]


def load_rakor_context(session: Session, pemda: str, family: list[str], year: int, today: date) -> RakorContext:
    """Follow-up of ``pemda`` and its kab/kota (``family``; their finding keys never clash), the proposed
    deadline and the late submissions of ``pemda`` for cycle ``year``."""
    return RakorContext(
        followups={key: found for kode in family for key, found in list_followups(session, kode).items()},
        responses={key: found for kode in family for key, found in list_responses(session, kode).items()},
        deadline=default_deadline(session, pemda, today),
        submissions=pending_submissions(session, pemda, year, today),
    )
