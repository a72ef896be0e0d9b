"""`settings set smtp_certificate "$(cat server.pem)"`: the certificate is kept as PEM, shown
by its fingerprint in `settings show`, and in full in `settings show --json`."""

from __future__ import annotations

from pathlib import Path

from app import billing
from tests.cli.conftest import Cli
from tests.mail.smtp_server import self_signed


def test_a_certificate_set_from_the_command_line_is_shown_by_its_fingerprint(
    cli: Cli, tmp_path: Path
) -> None:
    pem = self_signed(tmp_path)[1]
    assert cli("settings", "set", "smtp_certificate", pem).out == "Set smtp_certificate.\n"
    fingerprint = billing.certificate_fingerprint(pem)
    shown = cli("settings", "show").out.splitlines()
    assert f"smtp_certificate     SHA-256 {fingerprint}" in shown
    assert cli("settings", "show", "--json").json()["smtp_certificate"] == pem
    refused = cli("settings", "set", "smtp_certificate", "my server's")
    assert refused.code == 1
    assert refused.err.startswith("invoice-batches: smtp_certificate: must be one certificate")
