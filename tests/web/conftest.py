"""Web fixtures live in web_world.py (importable by name from the tests); this file makes pytest see them, and
has every page wait for the analyses of the data now (``AnalysisCache.patience``, ``busy_after``), so that no
test's outcome depends on how fast a build is; test_analysis_refresh.py lets its pages be served the previous ones
or the busy page."""

import pytest
from web_world import anonymous, app, fast_passwords, sign_in

from selaras.web.analysis import AnalysisCache

__all__ = ["anonymous", "app", "current_analyses", "fast_passwords", "sign_in"]


@pytest.fixture(autouse=True)
def current_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(AnalysisCache, "patience", None)
    monkeypatch.setattr(AnalysisCache, "busy_after", None)
