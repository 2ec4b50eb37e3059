"""Where a finding is fixed, for the rules whose fix is a link rather than a field of the item form."""

from __future__ import annotations

from selaras.web.fixes import fix_url


def test_a_governors_priority_unsupported_is_fixed_in_the_kabkotas_link_review_not_at_the_priority() -> None:
    """SEL108 is located at the province's priority, but the kab/kota links its own RPJMD to it."""
    row: dict[str, object] = {"code": "SEL108", "pemda": "62.71", "pd": "", "document": "62/RPJMD/-/2025-2029/final"}
    assert fix_url(row, item_id=7, document_id=3) == "/pemda/62.71/links?status=proposed&pd="
    own = {**row, "code": "SEL104", "pemda": "62"}  # the province's own priority without a program: at the item
    assert fix_url(own, item_id=7, document_id=3) == "/items/7?rule=SEL104#perbaiki"
