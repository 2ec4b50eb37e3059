"""Matching must work offline: the real embedders load bundled weights and never open a connection."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from selaras.match.engine import Matcher, MatchItem
from selaras.match.targets import national_targets


def test_guard_refuses_connections(no_network: None) -> None:
    with pytest.raises(AssertionError), socket.socket() as sock:
        sock.connect(("127.0.0.1", 9))


@pytest.mark.slow
def test_real_matcher_runs_without_network(no_network: None, tmp_path: Path) -> None:
    result = Matcher.default(tmp_path).rank([MatchItem("i", "Pembangunan Jalan Desa")], national_targets("pn"), top=1)
    assert result[0].suggestions
