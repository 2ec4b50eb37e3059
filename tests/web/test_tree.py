"""The pohon kinerja page: RPJMD misi → tujuan → sasaran → the Renja's programs, each with its pagu total and
a marker of the findings on it; branches are <details>; a program's kegiatan load from ``node=``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from web_world import OTHER_PD, OWN_PD, PROVINSI, Session

RPJMD = f"{PROVINSI}/RPJMD/-/2025-2029/final"
OWN_RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
OTHER_RENJA = f"{PROVINSI}/RENJA/{OTHER_PD}/2026/final"
TEXTS = frozenset({"pagu", "figures", "text", "flag"})
"""The classes whose text a :class:`Drawn` keeps (with ``code``, the first <code> of a box)."""


@dataclass
class Drawn:
    """One node as the page draws it: what its box says, its marker, and how its branch opens."""

    level: str = ""
    code: str = ""
    text: str = ""
    pagu: str = ""
    figures: str = ""
    flag: str = ""
    flag_class: str = ""
    flag_href: str = ""
    branch: str = "leaf"  # open (children drawn), lazy (loaded on opening, data-load) or leaf
    load: str = ""
    children: list[Drawn] = field(default_factory=list)


class TreeReader(HTMLParser):
    """Reads the nested ``li`` inside the element with ``id=start`` into :class:`Drawn` nodes."""

    def __init__(self, start: str) -> None:
        super().__init__()
        self.start, self.inside = start, False
        self.roots: list[Drawn] = []
        self.stack: list[Drawn] = []
        self.capture: list[list[object]] = []  # [field, node, depth]
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if not self.inside:
            if found.get("id") == self.start:
                self.inside, self.depth = True, 0
            return
        self.depth += 1
        for capture in self.capture:
            capture[2] = int(str(capture[2])) + 1
        if tag == "li":
            node = Drawn()
            (self.stack[-1].children if self.stack else self.roots).append(node)
            self.stack.append(node)
            return
        if not self.stack:
            return
        node = self.stack[-1]
        if tag == "details" and node.branch == "leaf":
            node.branch, node.load = ("lazy", found["data-load"] or "") if "data-load" in found else ("open", "")
        name = "code" if tag == "code" else next((c for c in classes if c in TEXTS), None)
        if tag == "a" and "flag" in classes:
            node.flag_class, node.flag_href = " ".join(classes), found["href"] or ""
        if "box" in classes and not node.level:
            node.level = next(c[4:] for c in classes if c.startswith("lvl-"))
        if name and not getattr(node, name):
            self.capture.append([name, node, 0])

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        self.depth -= 1
        if self.depth < 0:
            self.inside = False
            return
        for capture in self.capture:
            capture[2] = int(str(capture[2])) - 1
        self.capture = [capture for capture in self.capture if int(str(capture[2])) >= 0]
        if tag == "li" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for name, node, _ in self.capture:
            setattr(node, str(name), " ".join(f"{getattr(node, str(name))} {data}".split()))


def read_tree(html: str, start: str) -> list[Drawn]:
    reader = TreeReader(start)
    reader.feed(html)
    return reader.roots


def accept_all(admin: Session) -> None:
    for link in admin.client.get(f"/api/v1/pemda/{PROVINSI}/links").json():
        decision = {"decision": "accepted"}
        answer = admin.client.post(f"/api/v1/links/{link['id']}/decision", json=decision, headers=admin.headers())
        assert answer.status_code == 200, answer.text


@pytest.fixture
def admin(sign_in: Callable[[str], Session]) -> Session:
    signed = sign_in("admin62")
    accept_all(signed)
    return signed


def test_tree_draws_misi_to_programs_with_pagu_totals_and_finding_markers(admin: Session) -> None:
    page = admin.client.get(f"/pemda/{PROVINSI}/tree")
    assert page.status_code == 200
    [misi] = read_tree(page.text, "pohon")
    [tujuan] = misi.children
    [sasaran] = tujuan.children
    assert [(n.level, n.code, n.branch) for n in (misi, tujuan, sasaran)] == [
        ("misi", "M1", "open"),
        ("tujuan", "M1.T1", "open"),
        ("sasaran", "M1.T1.S1", "open"),
    ]
    # the programs of both PD's Renja hang under the sasaran they are linked to; their kegiatan load on opening
    programs = sasaran.children
    assert [(n.level, n.code, n.branch, n.children) for n in programs] == [("program", "1.02.02", "lazy", [])] * 2
    # no node above the kegiatan has a pagu of its own: each total is the sum below it and says so, each item
    # counted once (the kegiatan's pagu, not again its sub kegiatan's: 250 million a program, not 500)
    assert [n.pagu for n in programs] == ["Σ Rp 250.000.000"] * 2
    assert [n.pagu for n in (misi, tujuan, sasaran)] == ["Σ Rp 500.000.000"] * 3
    assert all("jumlah di bawahnya" in n.figures for n in (misi, sasaran, *programs))
    # the markers: how many findings are on the node, coloured by the most severe, linked to those findings
    assert [n.flag.split()[:2] for n in programs] == [["!", "2"], ["!", "3"]]
    assert all("sev-peringatan" in n.flag_class for n in programs)
    assert not sasaran.flag and "11 temuan di bawahnya" in sasaran.figures
    assert "3 temuan di bawahnya" in programs[0].figures
    target = parse_qs(urlsplit(programs[0].flag_href).query)
    assert (target["document"], target["item"]) == ([OWN_RENJA], ["1.02.02"])


def test_a_marker_leads_to_the_findings_on_that_item(admin: Session) -> None:
    [misi] = read_tree(admin.client.get(f"/pemda/{PROVINSI}/tree").text, "pohon")
    marker = misi.children[0].children[0].children[1].flag_href  # the Bappeda's program: 3 findings
    shown = admin.client.get(marker)
    assert "Hanya temuan pada item 1.02.02" in shown.text
    assert shown.text.count('<tr id="f-') == 3
    listed = admin.client.get(
        f"/api/v1/pemda/{PROVINSI}/findings", params={"document": OTHER_RENJA, "item": "1.02.02"}
    ).json()["findings"]
    assert len(listed) == 3 and {(f["document"], f["item"]) for f in listed} == {(OTHER_RENJA, "1.02.02")}


def test_opening_a_program_loads_its_kegiatan_and_sub_kegiatan(admin: Session) -> None:
    [misi] = read_tree(admin.client.get(f"/pemda/{PROVINSI}/tree").text, "pohon")
    program = misi.children[0].children[0].children[0]
    opened = admin.client.get(program.load)
    [kegiatan] = read_tree(opened.text, "children")
    assert (kegiatan.level, kegiatan.code, kegiatan.pagu, kegiatan.branch) == (
        "kegiatan",
        "1.02.02.2.01",
        "Rp 250.000.000",
        "open",
    )
    assert "pagu 2026" in kegiatan.figures and kegiatan.flag.split()[:2] == ["!", "2"]
    [sub] = kegiatan.children
    assert (sub.level, sub.code, sub.branch, sub.flag.split()[:2]) == (
        "sub_kegiatan",
        "1.02.02.2.01.0001",
        "leaf",
        ["!", "1"],
    )
    assert admin.client.get(f"/pemda/{PROVINSI}/tree", params={"node": "x#y"}).status_code == 404


def test_the_whole_tree_draws_every_branch_open_and_the_page_offers_its_tools(admin: Session) -> None:
    whole = admin.client.get(f"/pemda/{PROVINSI}/tree", params={"all": 1}).text
    [misi] = read_tree(whole, "pohon")
    programs = misi.children[0].children[0].children
    assert [p.branch for p in programs] == ["open", "open"]
    assert [[k.children[0].code for k in p.children] for p in programs] == [["1.02.02.2.01.0001"]] * 2
    page = admin.client.get(f"/pemda/{PROVINSI}/tree").text
    assert "data-tree-tools" in page and 'data-tree="open"' in page and 'data-tree="print"' in page
    assert "<script" not in page.split("</head>", 1)[1]  # no inline script (the CSP refuses it)


def test_without_links_the_programs_are_listed_apart_and_the_search_still_finds_them(
    sign_in: Callable[[str], Session],
) -> None:
    reader = sign_in("pembaca62")  # the links are still proposed: nothing hangs under the sasaran
    page = reader.client.get(f"/pemda/{PROVINSI}/tree").text
    [misi, *unlinked] = read_tree(page, "pohon")
    assert misi.children[0].children[0].children == []
    assert misi.pagu == "" and "tanpa pagu 2026" in misi.figures
    assert [(n.level, n.code) for n in unlinked] == [("program", "1.02.02")] * 2
    assert "belum tertaut ke RPJMD (2)" in page
    found = read_tree(reader.client.get(f"/pemda/{PROVINSI}/tree", params={"q": "ibu hamil"}).text, "found")
    assert [(n.code, n.pagu) for n in found] == [("1.02.02.2.01.0001", "Rp 250.000.000")] * 2


def test_the_tree_speaks_english(admin: Session) -> None:
    admin.client.get(f"/lang/en?next=/pemda/{PROVINSI}/tree")
    page = admin.client.get(f"/pemda/{PROVINSI}/tree").text
    assert "Performance tree" in page and "sum of what is below" in page and "Expand all" in page
