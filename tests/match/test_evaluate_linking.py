"""Program → sasaran evaluation: the split is respected and a program's own link never helps rank it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from selaras.domain import Document, DocumentKind, Item, ItemLevel, ItemRef, Link, Period, Plan
from selaras.match.engine import Matcher
from selaras.match.evaluate_linking import (
    DESCRIPTIONS,
    PROTOCOLS,
    LinkingCase,
    evaluate_linking,
    known_links,
    sample_cases,
    situbondo_case,
)
from selaras.match.gold import ProgramLink, load_sample_links, load_situbondo_links
from selaras.match.suggesting import DecidedLink

RPJMD = Document(DocumentKind.RPJMD, "62", Period(2025, 2029))


@pytest.fixture
def case() -> LinkingCase:
    plan = Plan(
        RPJMD,
        [
            Item("M1", ItemLevel.MISI, "Meningkatkan kualitas sumber daya manusia"),
            Item("M1.S1", ItemLevel.SASARAN, "Meningkatnya derajat kesehatan masyarakat", parent="M1"),
            Item("M2", ItemLevel.MISI, "Mewujudkan tata kelola pemerintahan yang baik"),
            Item("M2.S1", ItemLevel.SASARAN, "Meningkatnya akuntabilitas kinerja", parent="M2"),
            Item("P1", ItemLevel.PRIORITAS, "Reformasi birokrasi"),
        ],
    )
    programs = (
        ProgramLink("a", "62", "1.02.01", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "M1.S1", "dev"),
        ProgramLink("b", "62", "1.02.02", "1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN", "M1.S1", "dev"),
        ProgramLink("c", "62", "1.02.01", "1.02.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "M2.S1", "test"),
        ProgramLink("d", "62", "5.01.01", "5.01.02", "PROGRAM PERENCANAAN PEMBANGUNAN DAERAH", "M2.S1", "test"),
    )
    inside = (DecidedLink(Link(ItemRef(RPJMD.key, "P1"), ItemRef(RPJMD.key, "M2.S1")), "Reformasi birokrasi"),)
    return LinkingCase(plan, programs, inside)


def _sources(links: list[DecidedLink]) -> list[str]:
    return [link.link.source.item for link in links]


def test_leave_one_out_hides_every_link_of_the_evaluated_program_code(case: LinkingCase) -> None:
    known = known_links(case, "loo", "1.02.02")
    assert _sources(known) == ["P1", "1.02.01", "5.01.02"]  # both PD running 1.02.02 are hidden
    assert all(link.link.status.value == "accepted" for link in known)
    assert known[1].source_text == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH" and known[1].pemda == "62"
    assert _sources(known_links(case, "dingin", "1.02.02")) == ["P1"]  # only what the plan itself holds
    with pytest.raises(ValueError, match="protokol"):
        known_links(case, "semua", "1.02.02")


def test_only_the_programs_of_the_split_are_scored(case: LinkingCase) -> None:
    matcher = Matcher.default(lexical_only=True)
    for split, n, substantive in (("dev", 2, 2), ("test", 2, 1), (None, 4, 3)):
        rows = evaluate_linking(matcher, [case], split=split)
        assert [(row.protocol, row.description) for row in rows] == [(p, d) for p in PROTOCOLS for d in DESCRIPTIONS]
        assert {(row.n, row.n_substantive) for row in rows} == {(n, substantive)}
        assert all(0.0 <= row.top1 <= row.top3 <= 1.0 for row in rows)


def test_a_program_is_never_ranked_with_its_own_link(case: LinkingCase) -> None:
    """Labelled against its wording, a lone program stays wrong under ``loo``: had its own link described the
    target or taught the engine, the label would be found."""
    odd = ProgramLink("x", "62", "1.02.01", "1.02.03", "PROGRAM KESEHATAN MASYARAKAT", "M2.S1", "dev")
    alone = LinkingCase(case.target, (odd,), case.inside)
    rows = evaluate_linking(Matcher.default(lexical_only=True), [alone])
    assert {(row.protocol, row.top1) for row in rows} == {("dingin", 0.0), ("loo", 0.0)}
    known = LinkingCase(case.target, (odd, replace(odd, id="y", code="1.02.04")), case.inside)
    learned = [row for row in evaluate_linking(Matcher.default(lexical_only=True), [known]) if row.protocol == "loo"]
    assert all(row.top1 == 1.0 for row in learned)  # its twin under another code is known: now it is found


def test_the_stored_sets_become_one_case_per_plan() -> None:
    sample = load_sample_links()
    cases = sample_cases(sample)
    assert len(cases) == 15 and sum(len(case.programs) for case in cases) == len(sample.programs)
    for case in cases:
        keys = {item.key: item.level for item in case.target.items}
        assert all(keys[program.target] is ItemLevel.SASARAN for program in case.programs)
        assert all(link.link.target.document == case.target.document.key for link in case.inside)
    situbondo = situbondo_case(load_situbondo_links())
    assert [item.key for item in situbondo.target.items] == ["7", "10", "11", "12"]
    assert {item.parent for item in situbondo.target.items if item.level is ItemLevel.SASARAN} == {"7"}
    assert [program.code for program in situbondo.programs] == ["5.01.01", "5.01.02", "5.01.03", "5.05.02", "5.05.03"]
