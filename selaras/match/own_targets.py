"""A pemda's own targets described beyond their wording, by what its plans already say about them.

An RPJMD sasaran is one short sentence the pemda wrote ("Meningkatnya akuntabilitas kinerja dan keuangan pemerintah
daerah"); the bundled national targets carry sasaran, indicators and keywords (:mod:`~selaras.match.targets`), a
pemda's own carry nothing of the kind, and a title alone ranks programs far worse. The database knows more:

* the target's **indicators** and everything below it (already in :func:`~selaras.match.suggesting.target_items`);
* its **parent** — the tujuan (or misi) it elaborates: a sasaran "Menurunnya tingkat kemiskinan" under
  "Meningkatkan kesejahteraan masyarakat secara merata". Only the parent's wording: its indicators measure the
  parent as a whole (an index such as IPM pulls every sibling alike), and the misi above is broader still — both
  cost top-1 on the dev split (``evaluation/README.md``, section 4);
* what planners already **linked** to it (accepted links into the target or an item below it): the programs of
  other PD, the regional priorities, other sasaran. "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH" linked by
  twenty PD tells what the accountability sasaran covers better than its wording does;
* for a linked **sub kegiatan**, its standard kinerja and indikator from the nomenclature in force
  (:mod:`~selaras.reference.nomenclature_versions`).

Measured on the sample's RPJMD and on the real Renstra of Situbondo: ``evaluation/README.md`` (section 4) and
``docs/matching.md``. Pure logic: the caller passes the plan and the accepted links it loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from selaras.domain import Item, ItemLevel, Plan
from selaras.domain.codes import CodeLevel, parse_code
from selaras.match.targets import MatchTarget
from selaras.reference.nomenclature_versions import bundled_versions

__all__ = ["MAX_LINKED", "LinkedItem", "ancestors", "describe_own_targets", "nomenclature_passages"]

MAX_LINKED = 40
"""Linked texts kept per target, the most often linked first: every new text is embedded once (some 25 texts a
second on two cores), and a sasaran that collects every sub kegiatan of a pemda would otherwise cost minutes on
its first suggestion run. Program-level links stay below it (the busiest sasaran of the sample: 34 distinct
program and priority texts)."""


@dataclass(frozen=True, slots=True)
class LinkedItem:
    """An item a planner linked to ``target_id`` (accepted): its text and, for a nomenclature item, its code."""

    target_id: str
    text: str
    code: str = ""


@cache
def nomenclature_passages(code: str) -> tuple[str, ...]:
    """The standard kinerja and indikator of sub kegiatan ``code`` from the newest bundled list that has them;
    ``()`` for another level, an unknown code or a list without metadata."""
    try:
        parsed = parse_code(code)
    except ValueError:
        return ()
    if parsed.level is not CodeLevel.SUB_KEGIATAN:
        return ()
    for version in reversed(bundled_versions().versions()):
        entry = version.lookup(parsed)
        if entry is not None and (entry.kinerja or entry.indikator):
            return tuple(text for text in (entry.kinerja, entry.indikator) if text)
    return ()


def ancestors(item: Item, by_key: dict[str, Item]) -> list[Item]:
    """Parents from the nearest up, stopping at the visi (which says the same for every item)."""
    chain: list[Item] = []
    seen = {item.key}
    parent = by_key.get(item.parent or "")
    while parent is not None and parent.key not in seen and parent.level is not ItemLevel.VISI:
        chain.append(parent)
        seen.add(parent.key)
        parent = by_key.get(parent.parent or "")
    return chain


def _linked_texts(linked: Sequence[LinkedItem]) -> list[str]:
    """Distinct texts of ``linked``, the most often linked first (ties in the order given), at most
    :data:`MAX_LINKED`, each followed by the nomenclature passages of its code."""
    counts = Counter(link.text.strip() for link in linked if link.text.strip())
    code_of = {link.text.strip(): link.code for link in reversed(linked)}  # the first code given for a text
    kept = sorted(counts, key=lambda text: -counts[text])[:MAX_LINKED]
    return [passage for text in kept for passage in (text, *nomenclature_passages(code_of[text]))]


def describe_own_targets(plan: Plan, targets: Sequence[MatchTarget], linked: Iterable[LinkedItem]) -> list[MatchTarget]:
    """``targets`` (items of ``plan``, as :func:`~selaras.match.suggesting.target_items` builds them) with their
    parent's text and what is linked to them or below them added as passages.

    >>> from selaras.domain import Document, DocumentKind, Period
    >>> rpjmd = Plan(Document(DocumentKind.RPJMD, "62", Period(2025, 2029)), [
    ...     Item("M1", ItemLevel.MISI, "Meningkatkan kesejahteraan"),
    ...     Item("M1.S1", ItemLevel.SASARAN, "Menurunnya kemiskinan", parent="M1")])
    >>> linked = [LinkedItem("M1.S1", "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL", "1.06.05")]
    >>> describe_own_targets(rpjmd, [MatchTarget("M1.S1", "Menurunnya kemiskinan")], linked)[0].passages
    ('Meningkatkan kesejahteraan', 'PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL')
    """
    by_key = {item.key: item for item in plan.items}
    into: dict[str, list[LinkedItem]] = {}
    for link in linked:
        item = by_key.get(link.target_id)
        # a link into an item describes that item and every item above it (a program under a sasaran, its misi)
        for key in [link.target_id, *(parent.key for parent in ancestors(item, by_key))] if item else []:
            into.setdefault(key, []).append(link)
    described = []
    for target in targets:
        item = by_key.get(target.id)
        parent = ancestors(item, by_key)[:1] if item else []
        texts = [*target.passages, *(above.text for above in parent), *_linked_texts(into.get(target.id, []))]
        passages = tuple(dict.fromkeys(text for text in texts if text.strip() and text != target.text))
        described.append(replace(target, passages=passages))
    return described
