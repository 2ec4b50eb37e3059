"""Whose decisions a pemda learns from: its own, and another pemda's only when shared."""

from __future__ import annotations

import pytest

from selaras.match.learning import learns_from


@pytest.mark.parametrize(
    ("owner", "pemda", "shared", "expected"),
    [
        ("81.04", "81.04", (), True),  # its own
        ("62", "81.04", (), False),  # another province
        ("62.01", "62", (), False),  # a kab/kota is not its province
        ("62", "62.01", (), False),  # nor the province its kab/kota
        ("62", "81.04", ("62",), True),  # shared: the province ...
        ("62.71", "81.04", ("62",), True),  # ... and its kab/kota
        ("62.01", "81.04", ("62.01",), True),  # one kab/kota alone
        ("62", "81.04", ("62.01",), False),  # which does not share its province
        ("621", "81.04", ("62",), False),  # a code prefix is not a family
    ],
)
def test_a_pemda_learns_from_itself_and_from_whom_it_shares(
    owner: str, pemda: str, shared: tuple[str, ...], expected: bool
) -> None:
    assert learns_from(owner, pemda, shared) is expected
