"""The alignment walk across pemda: a kab/kota RPJMD linked to the governor's priority reaches it, and stops there."""

from __future__ import annotations

from factories import KABUPATEN, KOTA, RPJMN_KEY
from provincial_world import province_rpjmd_key, provincial_world

from selaras.checks.reach import Reach, rpjmd_priorities
from selaras.domain import DocumentKind, ItemRef


def _sub(pemda: str, code: str) -> ItemRef:
    return ItemRef(f"{pemda}/{DocumentKind.RENJA.value}/1.02.01/2026/final", f"{code}.2.01.0001")


def test_a_kabkota_sub_kegiatan_reaches_the_governors_priority_through_its_rpjmd() -> None:
    reach = Reach(provincial_world())
    province = province_rpjmd_key()
    assert ItemRef(province, "P1") in reach.targets(_sub(KABUPATEN.kode, "1.02.02"))  # via its sasaran S1
    assert ItemRef(province, "P1") in reach.targets(_sub(KOTA.kode, "1.02.02"))  # via the kota's own P1
    assert {ref for ref in reach.targets(_sub(KABUPATEN.kode, "1.03.11")) if ref.document == province} == {
        ItemRef(province, "P1"),
        ItemRef(province, "P2"),
    }
    assert not {ref for ref in reach.targets(_sub(KABUPATEN.kode, "2.17.02")) if ref.document == province}


def test_the_walk_stops_at_the_other_pemdas_priority() -> None:
    """The province's P1 serves its own sasaran and PN4: the province's money reaches both, the kab/kota's not."""
    reach = Reach(provincial_world())
    province = province_rpjmd_key()
    own = reach.targets(_sub("62", "1.02.02"))
    assert {ItemRef(province, "P1"), ItemRef(province, "M1.T1.S1"), ItemRef(RPJMN_KEY, "PN4")} <= own
    kabupaten = reach.targets(_sub(KABUPATEN.kode, "1.02.02"))
    assert ItemRef(province, "M1.T1.S1") not in kabupaten
    assert ItemRef(RPJMN_KEY, "PN4") not in kabupaten


def test_what_an_rpjmd_states_it_supports() -> None:
    data = provincial_world()
    reach = Reach(data)
    governor = {ref for ref, _ in rpjmd_priorities(data, "62")}
    assert [item.key for _, item in rpjmd_priorities(data, "62")] == ["P1", "P2"]
    assert {ref.item for ref in reach.stated_by_rpjmd(KABUPATEN.kode) & governor} == {"P1", "P2"}
    assert {ref.item for ref in reach.stated_by_rpjmd(KOTA.kode) & governor} == {"P1"}


def test_without_the_provinces_rpjmd_loaded_nothing_provincial_is_reached() -> None:
    """A kab/kota's own run does not load the province: the link leads to an item that is not there."""
    reach = Reach(provincial_world(province=False))
    province = province_rpjmd_key()
    assert not {ref for ref in reach.targets(_sub(KABUPATEN.kode, "1.02.02")) if ref.document == province}
