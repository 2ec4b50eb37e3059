"""The province sample is built once per test session: clean and with defects (same seed)."""

from __future__ import annotations

import pytest

from selaras.sample import SampleData, generate_province


@pytest.fixture(scope="session")
def clean_sample() -> SampleData:
    return generate_province("62", clean=True)


@pytest.fixture(scope="session")
def defective_sample() -> SampleData:
    return generate_province("62")
