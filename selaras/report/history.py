"""Report history: a JSON snapshot (``laporan.json``) of the headline scores, finding counts, the open findings
and the items of the year's annual documents.

Each report writes one next to its files; the next report reads it and says what changed since: scores, and per
PD the findings resolved and new and the items added, removed or changed. Findings are kept by their stable key
with a short description, items by a digest of their content with their text; a snapshot of an older format
(without them) still reads, and then only the scores and counts are compared.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from selaras.errors import ConfigurationError

__all__ = ["SNAPSHOT_NAME", "Snapshot", "load_snapshot", "save_snapshot"]

SNAPSHOT_NAME = "laporan.json"
FORMAT = 2
READABLE = (1, 2)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """``scores[pemda][score key]`` (None when nothing was scored), finding counts per severity and per rule."""

    pemda: str
    year: int
    scope: str
    generated: str
    scores: dict[str, dict[str, float | None]] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)
    findings: dict[str, dict[str, str]] = field(default_factory=dict)
    """Finding key → ``pemda``, ``pd``, ``code``, ``item``, ``message``."""
    items: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Annual document key → item key → [content digest, text, PD]."""


def save_snapshot(snapshot: Snapshot, path: Path) -> None:
    payload = {"format": FORMAT, **asdict(snapshot)}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_snapshot(path: Path) -> Snapshot:
    """Read a snapshot; a file that is not one is a clear error naming it."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("format") not in READABLE:
            raise ValueError(f"format {payload.get('format')!r}, bukan {FORMAT}")
        return Snapshot(
            pemda=str(payload["pemda"]),
            year=int(payload["year"]),
            scope=str(payload["scope"]),
            generated=str(payload["generated"]),
            scores={
                str(pemda): {str(key): None if value is None else float(value) for key, value in scores.items()}
                for pemda, scores in payload["scores"].items()
            },
            severities={str(key): int(value) for key, value in payload["severities"].items()},
            rules={str(key): int(value) for key, value in payload["rules"].items()},
            findings={
                str(key): {str(k): str(v) for k, v in value.items()}
                for key, value in payload.get("findings", {}).items()
            },
            items={
                str(document): {str(key): [str(part) for part in value] for key, value in items.items()}
                for document, items in payload.get("items", {}).items()
            },
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ConfigurationError(f"{path}: bukan ringkasan laporan Selaras yang valid ({error})") from error
