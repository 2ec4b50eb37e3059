"""Shared fixtures for the matching engine: a fast matcher (fake embedder) and the network guard."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from selaras.match.embeddings import FakeEmbedder
from selaras.match.engine import Matcher
from selaras.match.targets import MatchTarget


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


@pytest.fixture
def matcher() -> Matcher:
    return Matcher([FakeEmbedder()])


@pytest.fixture
def targets() -> list[MatchTarget]:
    return [
        MatchTarget("K", "Meningkatkan Kesehatan Masyarakat", ("gizi dan stunting", "puskesmas")),
        MatchTarget("J", "Pembangunan Jalan dan Jembatan", ("konektivitas transportasi",)),
        MatchTarget("P", "Pendidikan Dasar dan Menengah", ("sekolah dasar", "guru")),
    ]
