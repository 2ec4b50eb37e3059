"""A finding: what a rule flags, where, with the values compared and what to do about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Finding", "FindingSeverity", "Location"]


class FindingSeverity(StrEnum):
    GALAT = "galat"  # the plan is wrong; must be fixed before the Rakor
    PERINGATAN = "peringatan"  # probably wrong or weak; look at it
    INFO = "info"  # worth knowing


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: pemda, PD, document key, item key and its nomenclature code, optionally
    the indicator and the year. Any part may be empty when the finding is about something larger."""

    pemda: str
    document: str = ""
    item: str = ""
    pd: str = ""
    code: str = ""
    indicator: str = ""
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a rule. ``evidence`` holds the values compared (they also fill the rule's
    message and suggestion templates); the text itself is rendered by the registry in either language."""

    code: str
    location: Location
    evidence: Mapping[str, object] = field(default_factory=dict)
