"""The command line of R13: `batch send`, `batch deliveries` and `settings smtp-password`."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from app import billing
from app.billing.deliveries import CannotSend, DeliveryRecord, list_deliveries
from app.cli_json import print_json
from app.store import Database

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def deliveries_json(records: tuple[DeliveryRecord, ...]) -> list[dict[str, Any]]:
    return [
        {
            "customer": r.customer_number,
            "channel": r.channel.value,
            "addresses": r.addresses,
            "status": r.status.value,
            "at": r.at.isoformat(),
            "message_id": r.message_id or None,
            "error": r.error or None,
        }
        for r in records
    ]


def cmd_batch_deliveries(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        records = list_deliveries(session, args.number)
    if args.json:
        print_json(deliveries_json(records))
        return EXIT_OK
    if not records:
        print(f"Invoice batch {args.number} has not been sent to anyone yet.")
    for r in records:
        to = f" to {r.addresses}" if r.addresses else ""
        said = f" {r.message_id}" if r.message_id else ""
        why = f": {r.error}" if r.error else ""
        how = f"{r.channel.value}{to}"
        print(f"{r.at:%Y-%m-%d %H:%M}  {r.customer_number}  {how}  {r.status.value}{said}{why}")
    return EXIT_OK


def _smtp_password(settings: billing.CompanySettings) -> str:
    from app.store.passwords import SmtpPasswords

    if not settings.smtp_user:
        return ""
    password = SmtpPasswords().stored(settings.smtp_host, settings.smtp_user)
    if password is not None:
        return password
    if sys.stdin.isatty():  # no keyring entry: ask, for this run only
        return getpass.getpass(f"SMTP password for {settings.smtp_user}@{settings.smtp_host}: ")
    raise billing.BillingError(
        f"There is no SMTP password for {settings.smtp_user}@{settings.smtp_host} in the system "
        "keyring; run `invoice-batches settings smtp-password` first. Nothing was sent."
    )


def _cannot_text(item: CannotSend) -> str:
    return f"customer {item.customer_number} ({item.channel.value}) was not sent: {item.reason}"


def cmd_batch_send(args: argparse.Namespace, db: Database) -> int:
    from app.cli import Refused, _write
    from app.jobs import sending

    if (args.customer is None) != (not args.resend):
        print("invoice-batches: --customer and --resend go together", file=sys.stderr)
        return EXIT_USAGE
    plan = sending.plan(db, args.number, args.customer)
    with db.read() as session:
        settings = billing.load_settings(session)
    server = sending.smtp_server(settings, _smtp_password(settings)) if plan.email else None
    out = Path(args.print_out) if args.print_out else None
    print_out = None if out is None else (lambda pdf: _write(out, pdf))
    try:
        result = sending.send_batch(
            db, args.number, sending.SendOptions(server, print_out, args.customer)
        )
    except sending.CannotStart as error:
        raise Refused(str(error)) from None
    if args.json:
        print_json(_result_json(result, out))
    else:
        _print_result(result, out)
    for delivered in result.failed:
        why = delivered.error or "not handed over"
        status = delivered.status.value if delivered.status else "not sent"
        print(
            f"invoice-batches: customer {delivered.customer_number} "
            f"({delivered.channel.value}) {status}: {why}",
            file=sys.stderr,
        )
    for item in result.cannot:
        print(f"invoice-batches: {_cannot_text(item)}", file=sys.stderr)
    return EXIT_OK if result.complete else EXIT_REFUSED


def send_new_batches(db: Database, numbers: list[int], folder: Path) -> bool:
    """R19's --send: send each batch the scheduled run made, unless approval is required; the
    print part of each goes to `folder` as invoice-batch-N.pdf. Whether all went out."""
    from app.cli import _write
    from app.jobs import sending

    with db.read() as session:
        settings = billing.load_settings(session)
    if settings.require_approval:
        for number in numbers:
            print(f"Invoice batch {number} waits for approval; it was not sent.")
        return True
    complete = True
    for number in numbers:
        plan = sending.plan(db, number, None)
        server = sending.smtp_server(settings, _smtp_password(settings)) if plan.email else None
        out = folder / f"invoice-batch-{number}.pdf"

        def print_out(pdf: bytes, out: Path = out) -> None:
            folder.mkdir(parents=True, exist_ok=True)
            _write(out, pdf)

        result = sending.send_batch(db, number, sending.SendOptions(server, print_out, None))
        _print_result(result, out)
        for delivered in result.failed:
            print(
                f"invoice-batches: batch {number}, customer {delivered.customer_number} "
                f"({delivered.channel.value}): {delivered.error or 'not handed over'}",
                file=sys.stderr,
            )
        for item in result.cannot:
            print(f"invoice-batches: batch {number}, {_cannot_text(item)}", file=sys.stderr)
        complete = complete and result.complete
    return complete


def _result_json(result: Any, out: Path | None) -> dict[str, Any]:
    return {
        "batch": result.batch_number,
        "delivered": [
            {
                "customer": d.customer_number,
                "channel": d.channel.value,
                "addresses": d.addresses,
                "status": d.status.value if d.status else None,
                "message_id": d.message_id or None,
                "error": d.error or None,
            }
            for d in result.delivered
        ],
        "not_sent": [
            {"customer": c.customer_number, "channel": c.channel.value, "reason": c.reason}
            for c in result.cannot
        ],
        "already_sent": result.already_sent,
        "print_out": str(out) if result.print_pdf is not None and out else None,
    }


def _print_result(result: Any, out: Path | None) -> None:
    sent = result.sent
    emailed = sum(1 for d in sent if d.channel.value == "email")
    posted = sum(1 for d in sent if d.channel.value == "print")
    print(
        f"Invoice batch {result.batch_number}: {emailed} emailed, {posted} in the print part"
        + (f" written to {out}" if result.print_pdf is not None else "")
        + f", {len(result.failed)} failed, {len(result.cannot)} could not be sent, "
        f"{result.already_sent} sent before."
    )


def cmd_settings_smtp_password(args: argparse.Namespace, db: Database) -> int:
    from keyring.errors import KeyringError

    from app.store.passwords import save_smtp_password

    with db.read() as session:
        settings = billing.load_settings(session)
    if not settings.smtp_host or not settings.smtp_user:
        raise billing.BillingError(
            "Set smtp_host and smtp_user first (invoice-batches settings set KEY VALUE)."
        )
    password = getpass.getpass(f"SMTP password for {settings.smtp_user}@{settings.smtp_host}: ")
    if not password:
        raise billing.BillingError("No password was given; nothing was stored.")
    try:
        save_smtp_password(settings.smtp_host, settings.smtp_user, password)
    except KeyringError as error:
        raise billing.BillingError(f"The password was not stored: {error}") from None
    who = f"{settings.smtp_user}@{settings.smtp_host}"
    print(f"Stored the SMTP password for {who} in the system keyring.")
    return EXIT_OK


def add_batch_commands(batch_commands: Any, batch_number: Any) -> None:
    """`batch send` and `batch deliveries` on the `batch` command's subparsers."""
    send = batch_commands.add_parser(
        "send", help="send the statements: email, and the print part for those mailed by post"
    )
    send.set_defaults(handler=cmd_batch_send)
    send.add_argument("number", type=batch_number)
    send.add_argument("--print-out", metavar="FILE.pdf", help="where the print part goes")
    send.add_argument("--customer", metavar="N", help="with --resend: only this customer")
    send.add_argument("--resend", action="store_true", help="send again, whatever went before")
    send.add_argument("--json", action="store_true")
    deliveries = batch_commands.add_parser("deliveries", help="list a batch's deliveries")
    deliveries.set_defaults(handler=cmd_batch_deliveries)
    deliveries.add_argument("number", type=batch_number)
    deliveries.add_argument("--json", action="store_true")


def add_settings_commands(settings_commands: Any) -> None:
    password = settings_commands.add_parser(
        "smtp-password", help="ask for the SMTP password and keep it in the system keyring"
    )
    password.set_defaults(handler=cmd_settings_smtp_password)
