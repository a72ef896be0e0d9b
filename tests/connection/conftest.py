"""A keyring per test: in memory, or none at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.memory_keyring import MemoryKeyring, installed, no_keyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


@pytest.fixture
def without_keyring() -> Iterator[None]:
    with installed(no_keyring()):
        yield
