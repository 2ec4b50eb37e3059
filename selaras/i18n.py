"""Texts in Bahasa Indonesia first and English, looked up by key — one mechanism for the CLI, the report and the
web; each keeps its own catalogue next to the code that shows the texts."""

from __future__ import annotations

__all__ = ["Catalog", "pick"]

Pair = tuple[str, str]


def pick(pair: Pair, lang: str) -> str:
    """English only when ``lang`` is ``"en"``; Bahasa Indonesia otherwise (it is the default everywhere)."""
    return pair[1] if lang == "en" else pair[0]


class Catalog:
    """``catalog(key, lang, **params)`` → the text with ``params`` filled in.

    An unknown key raises ``KeyError``, unless the catalogue is ``lenient`` (the web shows the key rather than
    fail a page).
    """

    def __init__(self, texts: dict[str, Pair], *, lenient: bool = False) -> None:
        self.texts = texts
        self.lenient = lenient

    def __call__(self, key: str, lang: str = "id", /, **params: object) -> str:
        pair = self.texts.get(key)
        if pair is None:
            if self.lenient:
                return key
            raise KeyError(key)
        text = pick(pair, lang)
        return text.format(**params) if params else text
