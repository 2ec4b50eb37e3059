"""Long lists come in pages whose links keep every other filter."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from starlette.datastructures import URL
from web_world import PROVINSI, Session

from selaras.web import paging
from selaras.web.paging import page_of


def test_a_page_holds_its_rows_and_links_to_its_neighbours_with_the_same_filters() -> None:
    url = URL("http://selaras.local/pemda/62/findings?year=2026&rule=SEL101&page=2")
    rows, pager = page_of(list(range(1, 8)), 2, url, size=3)
    assert rows == [4, 5, 6]
    assert (pager.number, pager.count, pager.first) == (2, 3, 4)
    assert pager.previous == "/pemda/62/findings?year=2026&rule=SEL101&page=1"
    assert pager.next == "/pemda/62/findings?year=2026&rule=SEL101&page=3"


@pytest.mark.parametrize(("asked", "shown"), [(0, 1), (-4, 1), (99, 3)])
def test_a_page_out_of_range_shows_the_nearest_one(asked: int, shown: int) -> None:
    _, pager = page_of(list(range(7)), asked, URL("http://x/list"), size=3)
    assert pager.number == shown


def test_an_empty_list_is_one_page_without_links() -> None:
    rows, pager = page_of([], 1, URL("http://x/list"), size=3)
    assert rows == [] and (pager.count, pager.previous, pager.next) == (1, None, None)


@pytest.mark.parametrize("path", ["findings", "followup"])
def test_the_findings_and_follow_up_lists_page_through_every_finding(
    sign_in: Callable[[str], Session], monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    client = sign_in("admin62").client
    address = f"/pemda/{PROVINSI}/{path}"
    everything = set(re.findall(r'id="f-([0-9a-f]{12})"', client.get(address).text))
    assert len(everything) > 2
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    seen: list[str] = []
    page = client.get(address).text
    while True:
        seen += re.findall(r'id="f-([0-9a-f]{12})"', page)
        following = re.search(r'<a href="([^"]+)" rel="next">', page)
        if following is None:
            break
        assert "page=" in following.group(1)
        page = client.get(following.group(1).replace("&amp;", "&")).text
    assert len(seen) == len(set(seen)) and set(seen) == everything
    assert f"Halaman {-(-len(everything) // 2)} dari {-(-len(everything) // 2)}" in page
