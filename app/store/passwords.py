"""Server passwords: in the system keyring, or, where there is none, in memory for this session.

A password is never written to a file: with no keyring backend the clerk is asked once per
session and the password is forgotten when the application quits.
"""

from __future__ import annotations

import contextlib
import logging
from enum import Enum
from typing import TYPE_CHECKING

from app.store.profile import ConnectionProfile

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring is imported where a password is looked for or kept: importing it (and the backends
# it looks for) costs a tenth of a second, which a start on a local file never needs.

KEYRING_SERVICE = "Invoice Batches"
log = logging.getLogger(__name__)


class Kept(Enum):
    KEYRING = "keyring"
    SESSION = "session"


NO_KEYRING_REASON = (
    "This computer has no system keyring (such as Windows Credential Manager, the macOS "
    "Keychain or the Secret Service), so the password cannot be saved safely. Invoice Batches "
    "keeps it in memory until you quit and asks for it again next time; it never writes it to "
    "a file."
)


def keyring_available(backend: KeyringBackend | None = None) -> bool:
    """False for keyring's stand-ins that store nothing (the fail and null backends)."""
    import keyring
    from keyring.backends import fail, null

    backend = backend or keyring.get_keyring()
    return not isinstance(backend, fail.Keyring | null.Keyring)


class PasswordKeeper:
    """Finds and keeps server passwords; one keeper lives as long as the application."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service
        self._session: dict[str, str] = {}

    def stored(self, profile: ConnectionProfile) -> str | None:
        """The password known for this profile, from this session or the keyring."""
        key = profile.keyring_username
        if key in self._session:
            return self._session[key]
        if not keyring_available():
            return None
        import keyring
        from keyring.errors import KeyringError

        try:
            password: str | None = keyring.get_password(self.service, key)
        except KeyringError as error:
            log.warning("The keyring could not be read: %s", error)
            return None
        return password

    def keep(self, profile: ConnectionProfile, password: str) -> Kept:
        """Save to the keyring when there is one; otherwise keep it in memory only."""
        key = profile.keyring_username
        if keyring_available():
            import keyring
            from keyring.errors import KeyringError

            try:
                keyring.set_password(self.service, key, password)
            except KeyringError as error:
                log.warning("The keyring refused the password: %s", error)
            else:
                self._session.pop(key, None)
                return Kept.KEYRING
        self._session[key] = password
        return Kept.SESSION

    def forget(self, profile: ConnectionProfile) -> None:
        """Drop a password that turned out wrong, so the clerk is asked again."""
        key = profile.keyring_username
        self._session.pop(key, None)
        if keyring_available():
            import keyring
            from keyring.errors import KeyringError

            # Nothing stored is as good as deleted.
            with contextlib.suppress(KeyringError):
                keyring.delete_password(self.service, key)


def smtp_keyring_username(host: str, user: str) -> str:
    """The key the company's SMTP password is stored under: one per user and server."""
    return f"smtp:{user}@{host}"


class SmtpPasswords:
    """The SMTP password (R13): in the system keyring, or, with none, asked once per session
    and kept in memory only."""

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service
        self._session: dict[str, str] = {}

    def stored(self, host: str, user: str) -> str | None:
        key = smtp_keyring_username(host, user)
        if key in self._session:
            return self._session[key]
        if not keyring_available():
            return None
        import keyring
        from keyring.errors import KeyringError

        try:
            password: str | None = keyring.get_password(self.service, key)
        except KeyringError as error:
            log.warning("The keyring could not be read: %s", error)
            return None
        return password

    def keep(self, host: str, user: str, password: str, *, session_only: bool = False) -> Kept:
        """Save to the keyring when there is one (and not `session_only`); else in memory."""
        key = smtp_keyring_username(host, user)
        if not session_only and keyring_available():
            import keyring
            from keyring.errors import KeyringError

            try:
                keyring.set_password(self.service, key, password)
            except KeyringError as error:
                log.warning("The keyring refused the password: %s", error)
            else:
                self._session.pop(key, None)
                return Kept.KEYRING
        self._session[key] = password
        return Kept.SESSION


def save_smtp_password(host: str, user: str, password: str) -> None:
    """Store the SMTP password in the system keyring; KeyringError when there is none."""
    import keyring
    from keyring.errors import KeyringError

    if not keyring_available():
        raise KeyringError(NO_KEYRING_REASON)
    keyring.set_password(KEYRING_SERVICE, smtp_keyring_username(host, user), password)
