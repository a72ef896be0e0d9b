"""The one mail server certificate a clerk may choose to trust (R13), kept as PEM text in the
settings, and the SHA-256 fingerprint the clerk compares with what the mail administrator says.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

_PEM = re.compile(
    r"-----BEGIN CERTIFICATE-----\s*(?P<body>[A-Za-z0-9+/=\s]+?)\s*-----END CERTIFICATE-----"
)


def certificate_body(pem: str) -> bytes:
    """The certificate's DER bytes; ValueError when the text is not one PEM certificate."""
    found = _PEM.fullmatch(pem.strip())
    if found is None:
        raise ValueError(
            "must be one certificate in PEM form, from -----BEGIN CERTIFICATE----- "
            "to -----END CERTIFICATE-----"
        )
    try:
        return base64.b64decode("".join(found["body"].split()), validate=True)
    except binascii.Error:
        raise ValueError("is not a readable PEM certificate") from None


def certificate_fingerprint(pem: str) -> str:
    """SHA-256 of the certificate, as browsers and mail administrators show it: AB:CD:…"""
    digest = hashlib.sha256(certificate_body(pem)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
