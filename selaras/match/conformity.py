"""Does a candidate's visi-misi follow the RPJPD? Statements mapped to RPJPD misi and sasaran, coverage per misi.

A candidate for kepala daerah must take the RPJPD into account (UU 59/2024 and Permendagri 86/2017: the RPJMD
elaborates the RPJPD, and the candidate's visi-misi becomes the RPJMD's). The text is cut into statements — one
per numbered or bulleted line, otherwise one per sentence — and each statement is ranked against the RPJPD's
misi and sasaran by the matcher. A statement *refers to* a misi when the matcher accepts the statement's link
to the misi or one of its sasaran *and* the two share enough words (TF-IDF similarity at least
``MIN_SIMILARITY``). The second test is needed because the matcher's score is relative — how much better this
target is than the item's other options — so every statement, even "membeli pesawat jet", has a best target
with a high score; shared vocabulary is the absolute evidence that the RPJPD speaks of the same thing. (A
statement that says the same in entirely different words is therefore reported as referring to nothing: a
cautious error, which a planner sees in the list.) The report then says, per RPJPD misi, which statements cover
it; which misi no statement covers; and which statements refer to nothing in the RPJPD.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from selaras.domain import ItemLevel, Plan
from selaras.match.engine import Matcher, MatchItem
from selaras.match.suggesting import target_items

__all__ = ["ConformityReport", "MisiCoverage", "StatementMatch", "TargetScore", "assess_conformity", "split_statements"]

_BULLET = re.compile(
    r"^\s*(?:(?:misi|visi)\s*(?:ke[-\s]?)?(?:\d+|[ivx]+|pertama|kedua|ketiga|keempat|kelima|keenam|ketujuh|"
    r"kedelapan|kesembilan|kesepuluh)?\s*[:.)\-–]\s*|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+|[-•*–·▪●]\s+)",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*(?:visi|misi|visi\s+dan\s+misi|visi\s*-\s*misi)\s*[:.]?\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_ABBREVIATION = re.compile(r"\b(?:Kab|Prov|Kec|Kel|No|Dr|Ir|Hj?|dll|dsb|dst|Tbk|St|Jl)\.$", re.IGNORECASE)
MIN_SIMILARITY = 0.06
"""TF-IDF similarity (the matcher's ``lexical`` signal) below which a statement and an RPJPD item share too
little to count; set by reading the sample RPJPD against on- and off-topic statements, not fitted."""
MIN_WORDS = 3
"""A statement needs some content: "Misi:" or "Kalimantan Tengah" alone is a heading, not a commitment."""


def _sentences(block: str) -> list[str]:
    """Split at a full stop followed by a capital, except after abbreviations like ``Kab.``."""
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(block):
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def split_statements(text: str) -> list[str]:
    """The statements of a visi-misi text: numbered or bulleted lines, ``Misi 2:`` lines and sentences.

    A line that neither starts a list entry nor follows a blank line continues the previous one (text copied
    out of a PDF breaks lines anywhere); headings ("VISI", "Misi:") are dropped.
    """
    blocks: list[str] = []
    fresh = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _HEADING.match(line):
            fresh = True
            continue
        bullet = _BULLET.match(line)
        if bullet:
            line = line[bullet.end() :].strip()
        if fresh or bullet or not blocks:
            blocks.append(line)
        else:
            blocks[-1] = f"{blocks[-1]} {line}"
        fresh = False
    statements = []
    for block in blocks:
        for sentence in _sentences(block):
            cleaned = sentence.strip().rstrip(";,")
            if len(cleaned.split()) >= MIN_WORDS:
                statements.append(cleaned)
    return statements


@dataclass(frozen=True, slots=True)
class TargetScore:
    """An RPJPD misi or sasaran a statement was ranked against, its score and why."""

    key: str
    text: str
    score: float
    similarity: float
    refers: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatementMatch:
    """One statement, its best RPJPD misi/sasaran, and the misi it refers to (empty: refers to nothing)."""

    number: int
    text: str
    best: tuple[TargetScore, ...]
    misi: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MisiCoverage:
    """An RPJPD misi and the statements (by number) that refer to it."""

    key: str
    text: str
    statements: tuple[int, ...]
    best_score: float

    @property
    def covered(self) -> bool:
        return bool(self.statements)


@dataclass(frozen=True, slots=True)
class ConformityReport:
    rpjpd: str
    statements: tuple[StatementMatch, ...]
    coverage: tuple[MisiCoverage, ...]

    @property
    def uncovered(self) -> tuple[MisiCoverage, ...]:
        return tuple(misi for misi in self.coverage if not misi.covered)

    @property
    def unreferenced(self) -> tuple[StatementMatch, ...]:
        return tuple(statement for statement in self.statements if not statement.misi)

    @property
    def coverage_share(self) -> float:
        """Share of RPJPD misi covered by at least one statement (0 when the RPJPD has none)."""
        return sum(misi.covered for misi in self.coverage) / len(self.coverage) if self.coverage else 0.0

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data (``selaras conform --json``)."""
        return {
            "rpjpd": self.rpjpd,
            "coverage_share": round(self.coverage_share, 4),
            "coverage": [
                {"misi": m.key, "text": m.text, "statements": list(m.statements), "best_score": m.best_score}
                for m in self.coverage
            ],
            "uncovered": [m.key for m in self.uncovered],
            "unreferenced": [s.number for s in self.unreferenced],
            "statements": [
                {
                    "number": s.number,
                    "text": s.text,
                    "misi": list(s.misi),
                    "closest": [
                        {
                            "key": t.key,
                            "text": t.text,
                            "score": t.score,
                            "similarity": t.similarity,
                            "refers": t.refers,
                            "reasons": list(t.reasons),
                        }
                        for t in s.best
                    ],
                }
                for s in self.statements
            ],
        }


def _misi_of(rpjpd: Plan) -> dict[str, str]:
    """Each item's misi key (a misi is its own), found through the parent chain."""
    by_key = {item.key: item for item in rpjpd.items}
    result: dict[str, str] = {}
    for item in rpjpd.items:
        current, seen = item, set()
        while current.level is not ItemLevel.MISI and current.parent in by_key and current.key not in seen:
            seen.add(current.key)
            current = by_key[current.parent]
        if current.level is ItemLevel.MISI:
            result[item.key] = current.key
    return result


def assess_conformity(
    matcher: Matcher,
    rpjpd: Plan,
    statements: Sequence[str],
    *,
    top: int = 3,
    min_similarity: float = MIN_SIMILARITY,
) -> ConformityReport:
    """Rank the RPJPD's misi and sasaran for every statement and roll the references up to the misi."""
    targets = target_items(rpjpd, {ItemLevel.MISI, ItemLevel.SASARAN})
    column = {target.id: index for index, target in enumerate(targets)}
    texts = {target.id: target.text for target in targets}
    misi_of = _misi_of(rpjpd)
    items = [MatchItem(f"S{number}", text) for number, text in enumerate(statements, start=1)]
    ranked = matcher.rank(items, targets, top=top)
    lexical = matcher.signals(items, targets).matrices["lexical"] if items and targets else None
    matches: list[StatementMatch] = []
    best_per_misi: dict[str, float] = {}
    statements_per_misi: dict[str, list[int]] = {}
    for number, (text, entry) in enumerate(zip(statements, ranked, strict=True), start=1):
        best = []
        for s in entry.suggestions:
            similarity = 0.0 if lexical is None else round(float(lexical[number - 1, column[s.target_id]]), 4)
            refers = s.accepted and similarity >= min_similarity
            best.append(TargetScore(s.target_id, texts[s.target_id], s.score, similarity, refers, s.reasons))
        referred = tuple(dict.fromkeys(misi_of[s.key] for s in best if s.refers and s.key in misi_of))
        for score in best:
            misi = misi_of.get(score.key)
            if misi is not None:
                best_per_misi[misi] = max(best_per_misi.get(misi, 0.0), score.score)
        for misi in referred:
            statements_per_misi.setdefault(misi, []).append(number)
        matches.append(StatementMatch(number, text, tuple(best), referred))
    coverage = tuple(
        MisiCoverage(
            item.key, item.text, tuple(statements_per_misi.get(item.key, ())), best_per_misi.get(item.key, 0.0)
        )
        for item in rpjpd.items
        if item.level is ItemLevel.MISI
    )
    return ConformityReport(rpjpd.document.key, tuple(matches), coverage)
