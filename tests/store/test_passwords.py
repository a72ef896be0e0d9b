"""Passwords go to the system keyring; with none, they live in memory for one session."""

from __future__ import annotations

from app.store.passwords import KEYRING_SERVICE, Kept, PasswordKeeper, keyring_available
from app.store.profile import ConnectionProfile
from tests.memory_keyring import MemoryKeyring

PROFILE = ConnectionProfile.server("db.example.com", 5432, "books", "clerk")


def test_password_goes_to_the_keyring(memory_keyring: MemoryKeyring) -> None:
    keeper = PasswordKeeper()
    assert keeper.stored(PROFILE) is None
    assert keeper.keep(PROFILE, "s3cret") is Kept.KEYRING
    assert memory_keyring.passwords == {
        (KEYRING_SERVICE, "clerk@db.example.com:5432/books"): "s3cret"
    }
    assert PasswordKeeper().stored(PROFILE) == "s3cret"  # the next session finds it too


def test_forget_drops_a_wrong_password(memory_keyring: MemoryKeyring) -> None:
    keeper = PasswordKeeper()
    keeper.keep(PROFILE, "wrong")
    keeper.forget(PROFILE)
    assert memory_keyring.passwords == {}
    assert keeper.stored(PROFILE) is None
    keeper.forget(PROFILE)  # forgetting twice is harmless


def test_without_a_keyring_the_password_lasts_one_session(without_keyring: None) -> None:
    assert not keyring_available()
    keeper = PasswordKeeper()
    assert keeper.keep(PROFILE, "s3cret") is Kept.SESSION
    assert keeper.stored(PROFILE) == "s3cret"
    other = ConnectionProfile.server("db.example.com", 5432, "books", "boss")
    assert keeper.stored(other) is None
    assert PasswordKeeper().stored(PROFILE) is None
