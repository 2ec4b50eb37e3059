"""Measure program → sasaran suggestions against a pemda's own targets: plain titles against described targets.

Linking a Renja or Renstra program to its pemda's RPJMD sasaran (or a PD's program to its Renstra sasaran) is
the everyday suggestion. Each labelled program is ranked against the sasaran of its own plan, the targets
described three ways:

``judul``              the sasaran's title only;
``judul + indikator``  its title, indicators and everything below it (:func:`~selaras.match.suggesting.
                       target_items`: what suggestions used before targets were described);
``diperkaya``          :func:`~selaras.match.suggesting.suggestion_targets`, what ``selaras suggest`` and the web
                       use: also the parents and what is already linked (:mod:`~selaras.match.own_targets`).

and under two protocols, which say what the database already knows:

``dingin``  only the plan itself and the links inside it (regional priority → sasaran): nothing linked yet;
``loo``     leave one out: every other program of the pemda is linked, the evaluated program's code is not — its
            own link (and that of any PD running the same program code) never describes the target it is tested
            on, nor teaches the engine as a decision.

As in :func:`~selaras.match.suggesting.suggest_links`, the known accepted links are also the engine's history.
A program penunjang is easy once other PD's are linked (they all serve the same sasaran), so every figure comes
with its value without them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from selaras.domain import (
    Document,
    DocumentKind,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    Period,
    Plan,
)
from selaras.match.bidang import is_penunjang
from selaras.match.engine import ItemSuggestions, Matcher, MatchItem
from selaras.match.gold import ProgramLink, SampleLinks, SitubondoLinks
from selaras.match.metrics import top_k_accuracy
from selaras.match.suggesting import DecidedLink, as_decision, suggestion_targets, target_items
from selaras.match.targets import MatchTarget

__all__ = [
    "DESCRIPTIONS",
    "PROTOCOLS",
    "LinkingCase",
    "LinkingScores",
    "evaluate_linking",
    "known_links",
    "sample_cases",
    "situbondo_case",
]

PROTOCOLS = ("dingin", "loo")
LEVELS = frozenset({ItemLevel.SASARAN})
"""The targets: the sasaran of the plan."""

Describe = Callable[[Plan, Sequence[DecidedLink]], list[MatchTarget]]

DESCRIPTIONS: dict[str, Describe] = {
    "judul": lambda plan, _: [MatchTarget(t.id, t.text) for t in target_items(plan, LEVELS)],
    "judul + indikator": lambda plan, _: target_items(plan, LEVELS),
    "diperkaya": lambda plan, decided: suggestion_targets(plan, LEVELS, decided),
}
"""How the targets are described, from the plainest to what suggestions use."""


@dataclass(frozen=True, slots=True)
class LinkingCase:
    """One target plan, the programs labelled with one of its items, and the links inside the plan (known in
    every protocol)."""

    target: Plan
    programs: tuple[ProgramLink, ...]
    inside: tuple[DecidedLink, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkingScores:
    """One line of the table: a protocol and a description, over ``n`` programs (``n_substantive`` of them not
    program penunjang)."""

    protocol: str
    description: str
    n: int
    top1: float
    top3: float
    n_substantive: int
    top1_substantive: float | None
    top3_substantive: float | None
    """None when every program is program penunjang."""


def _accepted(source: ItemRef, target: ItemRef, text: str, code: str = "") -> DecidedLink:
    return DecidedLink(Link(source, target), text, code)


def _program_link(case: LinkingCase, program: ProgramLink) -> DecidedLink:
    """A labelled program as a stored decision: from its PD's Renstra, owned by the target plan's pemda."""
    document = Document(DocumentKind.RENSTRA, case.target.document.pemda, Period(2025, 2029), pd=program.pd or None)
    target = ItemRef(case.target.document.key, program.target)
    return _accepted(ItemRef(document.key, program.code), target, program.text, program.code)


def known_links(case: LinkingCase, protocol: str, held_out: str) -> list[DecidedLink]:
    """What the database knows while programs of code ``held_out`` are evaluated: the links inside the plan,
    and under ``loo`` every labelled program of another code."""
    if protocol not in PROTOCOLS:
        raise ValueError(f"protokol tidak dikenal: {protocol!r} (pilih {', '.join(PROTOCOLS)})")
    others = [p for p in case.programs if p.code != held_out] if protocol == "loo" else []
    return [*case.inside, *(_program_link(case, program) for program in others)]


def _rank(matcher: Matcher, case: LinkingCase, programs: Sequence[ProgramLink], known: Sequence[DecidedLink],
          describe: Describe) -> list[ItemSuggestions]:  # fmt: skip
    items = [MatchItem(program.id, program.text, program.code) for program in programs]
    history = [as_decision(link) for link in known]
    return matcher.rank(items, describe(case.target, known), top=3, history=history)


def _groups(case: LinkingCase, programs: Sequence[ProgramLink], protocol: str) -> list[list[ProgramLink]]:
    """Programs ranked together: all at once when nothing is known, one program code at a time under ``loo``."""
    if protocol == "dingin":
        return [list(programs)] if programs else []
    by_code: dict[str, list[ProgramLink]] = defaultdict(list)
    for program in programs:
        by_code[program.code].append(program)
    return list(by_code.values())


def evaluate_linking(
    matcher: Matcher, cases: Iterable[LinkingCase], *, split: str | None = None
) -> list[LinkingScores]:
    """Every protocol × description over the programs of ``split`` (every program when None), in the order of
    :data:`PROTOCOLS` and :data:`DESCRIPTIONS`."""
    chosen = [(case, [p for p in case.programs if split is None or p.split == split]) for case in cases]
    results = []
    for protocol in PROTOCOLS:
        for name, describe in DESCRIPTIONS.items():
            rankings: list[list[str]] = []
            gold: list[ProgramLink] = []
            for case, programs in chosen:
                for group in _groups(case, programs, protocol):
                    known = known_links(case, protocol, group[0].code)
                    ranked = _rank(matcher, case, group, known, describe)
                    rankings.extend([s.target_id for s in entry.suggestions] for entry in ranked)
                    gold.extend(group)
            results.append(_scores(protocol, name, rankings, gold))
    return results


def _scores(protocol: str, name: str, rankings: Sequence[list[str]], gold: Sequence[ProgramLink]) -> LinkingScores:
    expected = [{program.target} for program in gold]
    substantive = [i for i, program in enumerate(gold) if not is_penunjang(program.code)]

    def without_penunjang(k: int) -> float | None:
        if not substantive:
            return None
        return top_k_accuracy([rankings[i] for i in substantive], [expected[i] for i in substantive], k)

    return LinkingScores(
        protocol,
        name,
        len(gold),
        top_k_accuracy(rankings, expected, 1),
        top_k_accuracy(rankings, expected, 3),
        len(substantive),
        without_penunjang(1),
        without_penunjang(3),
    )


# --- the two sets as cases ---------------------------------------------------------------------------------------


def sample_cases(sample: SampleLinks) -> list[LinkingCase]:
    """One case per pemda of the sample: its RPJMD, its labelled programs, its priority → sasaran links."""
    items: dict[str, list[Item]] = defaultdict(list)
    for row in sample.items:
        indicators = [Indicator(name, "", IndicatorKind.OUTCOME) for name in row.indicators]
        items[row.pemda].append(Item(row.key, ItemLevel(row.level), row.text, parent=row.parent or None,
                                     indicators=indicators))  # fmt: skip
    programs: dict[str, list[ProgramLink]] = defaultdict(list)
    for program in sample.programs:
        programs[program.pemda].append(program)
    cases = []
    for pemda in sorted(items):
        plan = Plan(Document(DocumentKind.RPJMD, pemda, Period(2025, 2029)), items[pemda])
        by_key = {item.key: item for item in plan.items}
        inside = tuple(
            _accepted(ItemRef(plan.document.key, source), ItemRef(plan.document.key, target), by_key[source].text)
            for owner, source, target in sample.links
            if owner == pemda
        )
        cases.append(LinkingCase(plan, tuple(programs[pemda]), inside))
    return cases


SITUBONDO = "35.12"
"""Kabupaten Situbondo (Kemendagri code)."""


def situbondo_case(links: SitubondoLinks) -> LinkingCase:
    """The Renstra of BAPPERIDA Situbondo: tujuan → sasaran with their indicators, and its five programs each
    labelled with the sasaran its planners chose (no split: never tuned on)."""
    document = Document(DocumentKind.RENSTRA, SITUBONDO, Period(2025, 2029), pd="5.01")
    parent = {link.source_id: link.target_id for link in links.sasaran_tujuan}

    def item(level: ItemLevel, target_id: str, text: str, indicators: Sequence[str], up: str | None) -> Item:
        measured = [Indicator(name, "", IndicatorKind.OUTCOME) for name in indicators]
        return Item(target_id, level, text, parent=up, indicators=measured)

    items = [item(ItemLevel.TUJUAN, t.id, t.text, t.indicators, None) for t in links.tujuan]
    items += [item(ItemLevel.SASARAN, s.id, s.text, s.indicators, parent.get(s.id)) for s in links.sasaran]
    programs = tuple(
        ProgramLink(link.source_id, SITUBONDO, "5.01", link.source_id, link.source_text, link.target_id, "")
        for link in links.program_sasaran
    )
    return LinkingCase(Plan(document, items), programs)
