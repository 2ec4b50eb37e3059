"""Who may do what: one pure function, :func:`decide`, used by every route of the pages and the API.

Every user belongs to one pemda. Within it:

- ``admin`` (Bappeda) may do everything, and alone sets the planning calendar; an admin of a provinsi may
  also *read* (never change) the data of the province's kabupaten/kota;
- ``editor`` (a PD) reads the pemda and changes only its own PD's documents, links, finding responses and
  realisasi (uploaded or entered, submitted for verification), and asks the engine for its PD's link
  suggestions;
- ``verifikator`` reads the pemda and reviews: accepts/rejects links, assigns findings to a PIC with a deadline
  (tindak lanjut), settles PD responses to findings, signs documents off to their next stage of the planning
  calendar and confirms or returns the realisasi PD submit;
- ``pembaca`` only reads.

Data of a pemda the user may not read is answered "not found", so that other pemda's existence and
contents do not leak; data the user may read but not change is answered "forbidden".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Action", "Decision", "Principal", "Role", "Target", "decide"]


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    VERIFIKATOR = "verifikator"
    PEMBACA = "pembaca"

    @property
    def label(self) -> str:
        return {"admin": "Admin Bappeda", "editor": "Editor PD", "verifikator": "Verifikator", "pembaca": "Pembaca"}[
            self.value
        ]


class Action(StrEnum):
    READ = "read"  # dashboard, documents, tree, links, findings, IKU, report
    EDIT_PLAN = "edit-plan"  # upload a document, edit an item
    DECIDE_LINK = "decide-link"  # accept or reject a link
    SUGGEST_LINKS = "suggest-links"  # start the engine on a PD's documents (or one document): proposed links
    RESPOND_FINDING = "respond-finding"  # a PD answers a finding ("ditanggapi")
    REVIEW_FINDING = "review-finding"  # settle a finding: selesai, pengecualian, or reopen
    ASSIGN_FINDING = "assign-finding"  # tindak lanjut: give a finding to a person with a deadline
    READ_ADMIN = "read-admin"  # users and the audit log
    MANAGE_USERS = "manage-users"
    MANAGE_CALENDAR = "manage-calendar"  # the planning calendar: template, stage dates, reopening
    SIGN_OFF = "sign-off"  # move a document to its next stage
    ENTER_REALISASI = "enter-realisasi"  # upload or fill in a PD's realisasi per triwulan (it becomes "diajukan")
    VERIFY_REALISASI = "verify-realisasi"  # confirm ("diverifikasi") or return ("dikembalikan") realisasi


class Decision(StrEnum):
    ALLOW = "allow"
    FORBIDDEN = "forbidden"  # HTTP 403
    NOT_FOUND = "not-found"  # HTTP 404


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user as authorization sees it. ``provinsi`` is True for a provincial pemda."""

    username: str
    pemda: str
    role: Role
    pd: str | None = None
    provinsi: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """What is acted upon: its pemda, that pemda's parent province (None for a province) and the owning
    PD (None when the thing belongs to the whole pemda, or the action concerns no PD in particular)."""

    pemda: str
    parent: str | None = None
    pd: str | None = None


_READS = frozenset({Action.READ, Action.READ_ADMIN})
_EDITOR = frozenset(
    {Action.EDIT_PLAN, Action.DECIDE_LINK, Action.SUGGEST_LINKS, Action.RESPOND_FINDING, Action.ENTER_REALISASI}
)
_VERIFIKATOR = frozenset(
    {Action.DECIDE_LINK, Action.REVIEW_FINDING, Action.ASSIGN_FINDING, Action.SIGN_OFF, Action.VERIFY_REALISASI}
)


def _may_read(user: Principal, target: Target) -> bool:
    if target.pemda == user.pemda:
        return True
    return user.role is Role.ADMIN and user.provinsi and target.parent == user.pemda


def decide(user: Principal, action: Action, target: Target) -> Decision:
    """Allow, forbid (the user sees the data but may not do this) or hide (the user may not see it)."""
    if not _may_read(user, target):
        return Decision.NOT_FOUND
    if action in _READS:
        return Decision.ALLOW if action is Action.READ or user.role is Role.ADMIN else Decision.FORBIDDEN
    if target.pemda != user.pemda:
        return Decision.FORBIDDEN  # a provincial admin reads its kab/kota, never changes them
    if user.role is Role.ADMIN:
        return Decision.ALLOW
    if user.role is Role.EDITOR and action in _EDITOR:
        return Decision.ALLOW if target.pd is not None and target.pd == user.pd else Decision.FORBIDDEN
    if user.role is Role.VERIFIKATOR and action in _VERIFIKATOR:
        return Decision.ALLOW
    return Decision.FORBIDDEN
