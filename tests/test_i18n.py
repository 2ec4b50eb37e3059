"""One text mechanism: Bahasa Indonesia by default, English on request, unknown keys strict or lenient."""

from __future__ import annotations

import pytest

from selaras.i18n import Catalog, pick

TEXTS = {"saved": ("{count} item disimpan", "{count} items saved"), "plain": ("Beranda", "Home")}


def test_indonesian_is_the_default_and_english_is_asked_for() -> None:
    say = Catalog(TEXTS)
    assert say("saved", count=3) == "3 item disimpan"
    assert say("saved", "en", count=3) == "3 items saved"
    assert say("plain", "fr") == "Beranda"
    assert pick(TEXTS["plain"], "en") == "Home"


def test_unknown_keys_raise_unless_the_catalogue_is_lenient() -> None:
    with pytest.raises(KeyError):
        Catalog(TEXTS)("missing")
    assert Catalog(TEXTS, lenient=True)("missing") == "missing"
