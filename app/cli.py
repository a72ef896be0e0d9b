"""The command line of DESIGN.md §6: the same rules as the windows, scriptable."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

# The rules are imported as each command asks for them (app.billing imports its names when
# they are first used), so one command pays for its own rules and not for every other's.
from app import billing
from app.billing.errors import BillingError
from app.billing.typed_values import parse_date
from app.cli_json import (
    audit_json,
    batch_json,
    customers_json,
    figures_json,
    print_json,
    recurring_json,
    run_due_json,
    work_invoice_json,
    work_json,
)
from app.cli_sending import add_batch_commands, add_settings_commands, send_new_batches
from app.store import Database, DatabaseError
from app.store import paths as store_paths
from app.store.opening import open_for_command_line
from app.version_option import VERSION_TEXT

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.billing import BatchRecord, GenerationRequest

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
BATCH_NUMBER = re.compile(r"[0-9]+", re.ASCII)


class Refused(Exception):
    """The action was refused for a reason that is not the billing rules' (a file, a write)."""


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _batch_number(text: str) -> int:
    # Any size is a number; billing says there is no such batch when it is past the column's.
    if not BATCH_NUMBER.fullmatch(text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a batch number (use the digits 0 to 9)")
    return int(text)


def _numbers(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _print_batch_line(record: BatchRecord) -> None:
    state = "printed" if record.printed else "unprinted"
    print(
        f"Batch {record.number}  {record.close_date}  {record.kind.value:<9} {state:<9} "
        f"{record.customer_count} customers  {record.transaction_count} transactions  "
        f"amount due {billing.format_amount(record.totals.invoice_amount)}"
        + (f"  {record.description}" if record.description else "")
    )


def _print_statement(statement: billing.BatchSummary) -> None:
    _print_batch_line(statement.batch)
    for c in statement.customers:
        f = c.figures
        print(
            f"  {c.customer.number:<10} {c.customer.name[:30]:<30} former {f.former_amount:>12,.2f}"
            f"  payments {f.payments:>12,.2f}  invoiced {f.invoiced:>12,.2f}"
            f"  charges {f.charges:>10,.2f}  taxes {f.taxes:>10,.2f}"
            f"  amount {f.invoice_amount:>12,.2f}"
        )


# Commands: each takes the parsed arguments and an open database, and returns an exit code.


def cmd_init(args: argparse.Namespace, db: Database) -> int:
    print(f"Database ready: {db.display_name}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, db: Database) -> int:
    importer = billing.IMPORTERS[args.what]
    with db.transaction() as session:
        result = importer(session, Path(args.file))
    what = {"work": "work entries"}.get(args.what, args.what.replace("-", " "))
    print(f"Imported {result.rows} {what}.")
    return EXIT_OK


def _request(args: argparse.Namespace) -> GenerationRequest:
    return billing.GenerationRequest(
        close_date=args.close_date,
        description=args.description,
        exclude_closing_date=args.exclude_closing_date,
        from_customer=args.from_customer,
        to_customer=args.to_customer,
        override=args.override,
    )


def cmd_generate(args: argparse.Namespace, db: Database) -> int:
    request = _request(args)
    if args.dry_run:
        with db.transaction() as session:
            preview = billing.preview_generation(session, request)
        if preview.refusal:
            raise billing.NothingToInclude(preview.refusal)
        if args.json:
            print_json(
                {
                    "number": None,
                    "close_date": request.close_date.isoformat(),
                    "description": request.description,
                    "kind": billing.BatchKind.GENERATED.value,
                    "printed": False,
                    "notes": "",
                    "status": None,  # nothing made, so nothing approved, sent or paid
                    "totals": figures_json(preview.totals, preview.aging),
                    "customers": customers_json([c.summary() for c in preview.customers]),
                }
            )
        else:
            print(
                f"Would create a batch of {len(preview.customers)} customers and "
                f"{preview.transaction_count} transactions, amount due "
                f"{billing.format_amount(preview.totals.invoice_amount)}. Nothing was saved."
            )
        return EXIT_OK
    with db.transaction() as session:
        record = billing.generate_batch(session, request)
        statement = billing.summary_of(session, record.number) if args.json else None
        shown = billing.with_states(session, [statement.batch])[0] if statement else None
    if statement is not None and shown is not None:
        print_json(
            batch_json(shown, shown.number)
            | {"customers": customers_json(statement.customers, shown.status)}
        )
    else:
        print(f"Created invoice batch {record.number}.")
        _print_batch_line(record)
    return EXIT_OK


def cmd_opening_batch(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        record = billing.create_opening_batch(session, args.close_date)
    print(f"Created opening batch {record.number}, marked printed.")
    _print_batch_line(record)
    return EXIT_OK


def cmd_batches(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        records = billing.list_batches(session)
        if args.json:
            aged = billing.with_kept_aging(session, records)
            records = billing.with_states(session, aged, each_customer=False)
    if args.json:
        print_json([batch_json(r, r.number) for r in records])
    elif not records:
        print("No invoice batches yet.")
    for record in [] if args.json else records:
        _print_batch_line(record)
    return EXIT_OK


def cmd_batch_new(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        record = billing.create_manual_batch(session, args.close_date, args.description)
    print(f"Created invoice batch {record.number}.")
    return EXIT_OK


def cmd_batch_show(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        statement = billing.summary_of(session, args.number)
        record = billing.with_states(session, [statement.batch])[0]
    if args.json:
        print_json(
            batch_json(record, record.number)
            | {"customers": customers_json(statement.customers, record.status)}
        )
    else:
        _print_statement(statement)
    return EXIT_OK


def _membership(args: argparse.Namespace, session: Session, adding: bool) -> int:
    if args.customer:
        if adding:
            return billing.add_customer(session, args.number, args.customer, args.override)
        return billing.remove_customer(session, args.number, args.customer)
    numbers = _numbers(args.transactions)
    if adding:
        return billing.add_transactions(session, args.number, numbers)
    return billing.remove_transactions(session, args.number, numbers)


def cmd_batch_add(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        count = _membership(args, session, adding=True)
    print(f"Added {count} transactions to invoice batch {args.number}.")
    return EXIT_OK


def cmd_batch_remove(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        count = _membership(args, session, adding=False)
    print(f"Removed {count} transactions from invoice batch {args.number}.")
    return EXIT_OK


def cmd_batch_delete(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        released = billing.delete_batch(session, args.number)
    print(f"Deleted invoice batch {args.number}; {released} transactions are unbatched again.")
    return EXIT_OK


def cmd_batch_approve(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        billing.approve_batch(session, args.number)
    print(f"Approved invoice batch {args.number}; it is locked.")
    return EXIT_OK


def cmd_batch_unapprove(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        billing.unapprove_batch(session, args.number)
    print(f"Invoice batch {args.number} is open again.")
    return EXIT_OK


def cmd_batch_notes(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        billing.set_notes(session, args.number, args.text)
    print(f"Saved the notes of invoice batch {args.number}.")
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise Refused(f"Cannot write {path}: {error.strerror}") from None


def cmd_batch_discount(args: argparse.Namespace, db: Database) -> int:
    from app.billing.discounts import add_discount

    amount = None
    if args.amount is not None:
        try:
            amount = billing.parse_amount(args.amount)
        except ValueError as error:
            raise billing.InvalidInput([billing.FieldProblem("amount", str(error))]) from None
    with db.transaction() as session:
        memo = add_discount(
            session, args.number, args.customer, args.percent, amount, args.description
        )
    print(
        f"Added discount {memo.number} of {billing.format_amount(memo.amount)} for customer "
        f"{memo.customer_number} to invoice batch {args.number}."
    )
    return EXIT_OK


def cmd_report(args: argparse.Namespace, db: Database) -> int:
    out = Path(args.out)
    if args.original:
        with db.read() as session:
            data = billing.original_print(session, args.number)
        _write(out, data)
        print(f"Wrote the original print of invoice batch {args.number} to {out}.")
        return EXIT_OK
    from app.jobs import printing  # ReportLab loads only for the commands that print

    printed = printing.print_report(db, args.number, lambda pdf: _write(out, pdf))
    what = "a reprint" if printed.reprint else "the first print"
    print(f"Wrote {what} of invoice batch {args.number} ({printed.pages} pages) to {out}.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, db: Database) -> int:
    from app.jobs import exporting
    from app.models import ExportFormat

    try:
        done = exporting.export_batch(
            db, args.number, ExportFormat(args.format), Path(args.out), again=args.again
        )
    except exporting.CannotWrite as error:
        raise Refused(str(error)) from None
    also = f" and its credit memos to {done.credit_memos}" if done.credit_memos else ""
    print(
        f"Exported invoice batch {done.batch_number} as {done.format.value} "
        f"({done.documents} documents, {done.lines} lines) to {done.path}{also}."
    )
    return EXIT_OK


def _work_query(args: argparse.Namespace, unbilled_only: bool) -> billing.WorkQuery:
    return billing.WorkQuery(
        customer_numbers=tuple(args.customer or ()),
        date_from=args.date_from,
        date_to=args.date_to,
        service_type=args.service_type,
        worker=args.worker,
        tag=args.tag,
        unbilled_only=unbilled_only,
    )


def cmd_work(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        entries = billing.list_work(session, _work_query(args, args.unbilled))
    if args.json:
        print_json([work_json(entry) for entry in entries])
        return EXIT_OK
    for e in entries:
        state = e.invoice_number or ("unbilled" if e.billable else "not billable")
        print(
            f"{e.work_date}  {e.customer_number:<10} {e.service_type:<10} "
            f"{e.quantity:>8} × {e.rate:>10,.2f} = {e.amount:>12,.2f}  {state:<12} "
            f"{e.worker}  {e.description}".rstrip()
        )
    total = sum((e.amount for e in entries), billing.ZERO)
    print(f"{len(entries)} work entries, {billing.format_amount(total)} in all.")
    return EXIT_OK


def cmd_invoice_work(args: argparse.Namespace, db: Database) -> int:
    request = billing.WorkInvoiceRequest(args.invoice_date, _work_query(args, True))
    if args.dry_run:
        with db.read() as session:
            invoices = billing.preview_work_invoices(session, request)
        if not invoices:
            raise billing.nothing_to_invoice(request)
    else:
        with db.transaction() as session:
            invoices = billing.invoice_work(session, request)
    if args.json:
        print_json([work_invoice_json(invoice) for invoice in invoices])
        return EXIT_OK
    verb = "Would make" if args.dry_run else "Made"
    for i in invoices:
        print(
            f"{verb} invoice {i.number or '(new)'} for {i.customer_number} ({len(i.lines)} lines):"
            f" {billing.format_amount(i.amount)} + tax {billing.format_amount(i.tax)},"
            f" due {i.due_date}"
        )
    total = sum((i.total for i in invoices), billing.ZERO)
    ending = " (dry run: nothing was changed)" if args.dry_run else ""
    print(f"{len(invoices)} invoices, {billing.format_amount(total)} with tax.{ending}")
    return EXIT_OK


def _print_recurring(run: billing.RecurringRun, dry_run: bool) -> None:
    """What a billing run billed and credited, line by line, and each contract not ready."""
    verb = ("Would bill", "Would credit") if dry_run else ("Billed", "Credited")
    for i in run.invoices:
        print(
            f"{verb[0]} invoice {i.number or '(new)'} to {i.customer_number}:"
            f" {billing.format_amount(i.amount)} + tax {billing.format_amount(i.tax)},"
            f" due {i.due_date}"
        )
        for line in i.lines:
            print(
                f"  {line.contract}: {line.description}  {line.amount:,.2f} + tax {line.tax:,.2f}"
            )
    for c in run.credits:
        print(
            f"{verb[1]} {c.number or '(new credit memo)'} to {c.customer_number}, contract"
            f" {c.contract} {c.period_start}–{c.period_end}:"
            f" {billing.format_amount(c.amount)} + tax {billing.format_amount(c.tax)}"
        )
    for n in run.not_ready:
        print(f"Not billed: contract {n.contract} ({n.reason})")
    if run.empty:
        print(f"Nothing is due through {run.through}: no invoice or credit memo was made.")
        return
    invoiced = sum((i.total for i in run.invoices), billing.ZERO)
    credited = sum((c.amount + c.tax for c in run.credits), billing.ZERO)
    print(
        f"{len(run.invoices)} invoices, {billing.format_amount(invoiced)} with tax;"
        f" {len(run.credits)} credit memos, {billing.format_amount(credited)} with tax."
    )


def cmd_bill_recurring(args: argparse.Namespace, db: Database) -> int:
    request = billing.RecurringRequest(args.through, per_contract=args.per_contract)
    if args.dry_run:
        with db.read() as session:
            run = billing.plan_recurring(session, request)
    else:
        with db.transaction() as session:
            run = billing.bill_recurring(session, request)
    if args.json:
        print_json(recurring_json(run))
    else:
        _print_recurring(run, args.dry_run)
    if args.dry_run and not args.json:
        print("(dry run: nothing was changed)")
    return EXIT_OK


def cmd_contract_skip(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        billing.skip_period(session, args.number, args.period_start, args.reason)
    print(
        f"Skipped the period of contract {args.number} that starts {args.period_start}: "
        f"it will not be billed ({args.reason.strip()})."
    )
    return EXIT_OK


def cmd_contract_end(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        contract = billing.end_contract(session, args.number, args.end_date)
    billed = f" (billed through {contract.billed_through})" if contract.billed_through else ""
    print(f"Contract {contract.number} ends on {contract.end_date}{billed}.")
    return EXIT_OK


def cmd_run_due(args: argparse.Namespace, db: Database) -> int:
    if args.send and args.dry_run:
        print("invoice-batches: run-due: --send and --dry-run do not go together", file=sys.stderr)
        return EXIT_USAGE
    request = billing.RunDueRequest(args.through, bill_recurring=args.bill_recurring)
    # A dry run's batch previews write and roll back a savepoint: it needs a write transaction.
    with db.transaction() as session:
        run = billing.preview_run_due if args.dry_run else billing.run_due
        result = run(session, request)
    if args.json:
        print_json(run_due_json(result))
        with contextlib.redirect_stdout(sys.stderr):  # stdout holds the JSON alone
            return _send_due(args, db, result)
    dates = result.dates
    if len(dates) == 1:
        looked = f"looked at {dates[0]}"
    elif dates:
        looked = f"looked at {dates[0]} to {dates[-1]} ({len(dates)} dates)"
    else:
        looked = "it already ran through this date, so no date is left to look at"
    print(f"run-due through {result.through}: {looked}.")
    if result.billed is not None:
        _print_recurring(result.billed, args.dry_run)
    verb = "Would create" if args.dry_run else "Created"
    for b in result.batches:
        number = f" {b.number}" if b.number is not None else ""
        print(f"{verb} invoice batch{number}, close date {b.close_date}, {b.customers} customers.")
    if dates and not result.batches:
        print("Nothing was due on those dates: no invoice batch was made.")
    if args.dry_run:
        print("(dry run: nothing was changed)")
    return _send_due(args, db, result)


def _send_due(args: argparse.Namespace, db: Database, result: billing.RunDueResult) -> int:
    """With --send, send the batches the run made (R19); exit 1 when any could not go out."""
    numbers = [b.number for b in result.batches if b.number is not None]
    if not args.send or not numbers:
        return EXIT_OK
    complete = send_new_batches(db, numbers, store_paths.data_dir() / "print-outs")
    return EXIT_OK if complete else EXIT_REFUSED


def cmd_settings_show(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        settings = billing.load_settings(session)
    values = {key: billing.setting_text(settings, key) for key in billing.SETTING_KEYS}
    if args.json:
        print_json(values)
    for key in [] if args.json else values:
        summary = billing.setting_summary(settings, key)
        print(f"{key:<20} {summary}".replace("\n", "\\n"))  # a mail body stays on one line
    return EXIT_OK


def cmd_settings_set(args: argparse.Namespace, db: Database) -> int:
    with db.transaction() as session:
        billing.set_setting(session, args.key, args.value)
    print(f"Set {args.key}.")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, db: Database) -> int:
    query = billing.AuditQuery(batch_number=args.batch, customer_number=args.customer)
    with db.read() as session:
        entries = billing.list_audit(session, query)
    if args.json:
        print_json([audit_json(e) for e in entries])
        return EXIT_OK
    for e in entries:
        about = ", ".join(
            f"{what} {value}"
            for what, value in (
                ("batch", e.batch_number),
                ("customer", e.customer_number),
                ("transaction", e.transaction_number),
            )
            if value is not None
        )
        print(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.user:<16} {e.action:<18} {about:<40} {e.detail}")
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="invoice-batches",
        description="Invoice Batches: group invoices and memos into batches and print statements.",
    )
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy database URL")
    parser.add_argument("--version", action="version", version=VERSION_TEXT)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, handler: Callable[..., int], help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    command("init", cmd_init, "create or upgrade the database")

    imports = command("import", cmd_import, "import records from a CSV file (all rows or none)")
    imports.add_argument("what", choices=list(billing.IMPORTERS))
    imports.add_argument("file", metavar="FILE.csv")

    generate = command("generate", cmd_generate, "generate an invoice batch for a close date")
    generate.add_argument("--close-date", type=_date, required=True, metavar="YYYY-MM-DD")
    generate.add_argument("--description", default="")
    generate.add_argument("--exclude-closing-date", action="store_true")
    generate.add_argument("--from-customer", metavar="N")
    generate.add_argument("--to-customer", metavar="N")
    generate.add_argument("--override", action="store_true")
    generate.add_argument("--dry-run", action="store_true")
    generate.add_argument("--json", action="store_true")

    opening = command("opening-batch", cmd_opening_batch, "take all history up to a past date")
    opening.add_argument("--close-date", type=_date, required=True, metavar="YYYY-MM-DD")

    command("batches", cmd_batches, "list invoice batches").add_argument(
        "--json", action="store_true"
    )

    batch = command("batch", cmd_batch_show, "work on one invoice batch")
    batch_commands = batch.add_subparsers(dest="batch_command", metavar="ACTION", required=True)
    new = batch_commands.add_parser("new", help="create an empty manual batch")
    new.set_defaults(handler=cmd_batch_new)
    new.add_argument("--close-date", type=_date, required=True, metavar="YYYY-MM-DD")
    new.add_argument("--description", default="")
    show = batch_commands.add_parser("show", help="show a batch and its customers")
    show.set_defaults(handler=cmd_batch_show)
    show.add_argument("number", type=_batch_number)
    show.add_argument("--json", action="store_true")
    for name, handler in (("add", cmd_batch_add), ("remove", cmd_batch_remove)):
        sub = batch_commands.add_parser(name, help=f"{name} a customer or transactions")
        sub.set_defaults(handler=handler)
        sub.add_argument("number", type=_batch_number)
        which = sub.add_mutually_exclusive_group(required=True)
        which.add_argument("--customer", metavar="N")
        which.add_argument("--transactions", metavar="T,T")
        if name == "add":
            sub.add_argument("--override", action="store_true")
    delete = batch_commands.add_parser("delete", help="delete an unprinted batch")
    delete.set_defaults(handler=cmd_batch_delete)
    delete.add_argument("number", type=_batch_number)
    discount = batch_commands.add_parser(
        "discount", help="add a discount credit memo for one customer of an open batch"
    )
    discount.set_defaults(handler=cmd_batch_discount)
    discount.add_argument("number", type=_batch_number)
    discount.add_argument("--customer", required=True, metavar="N")
    how_much = discount.add_mutually_exclusive_group(required=True)
    how_much.add_argument("--percent", metavar="P", help="of the customer's Invoiced in the batch")
    how_much.add_argument("--amount", metavar="A")
    discount.add_argument("--description", default="")
    for name, handler, help in (
        ("approve", cmd_batch_approve, "approve a batch (it is locked from then on)"),
        ("unapprove", cmd_batch_unapprove, "reopen an approved batch that never went out"),
    ):
        sub = batch_commands.add_parser(name, help=help)
        sub.set_defaults(handler=handler)
        sub.add_argument("number", type=_batch_number)
    notes = batch_commands.add_parser("notes", help="set a batch's notes (editable at any time)")
    notes.set_defaults(handler=cmd_batch_notes)
    notes.add_argument("number", type=_batch_number)
    notes.add_argument("text")

    report = command("report", cmd_report, "print the Invoice Batch Report to a PDF file")
    report.add_argument("number", type=_batch_number)
    report.add_argument("--out", required=True, metavar="FILE.pdf")
    report.add_argument("--original", action="store_true", help="the kept bytes of the first print")

    export = command("export", cmd_export, "export a batch for the accounting package (R18)")
    export.add_argument("number", type=_batch_number)
    export.add_argument("--format", required=True, choices=("iif", "qbo", "xero", "csv"))
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--again", action="store_true", help="export again in the same format")

    def work_filters(sub: argparse.ArgumentParser, many: bool) -> None:
        help = "only this customer" + ("; repeat for more" if many else "")
        sub.add_argument("--customer", metavar="N", action="append", help=help)
        sub.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
        sub.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
        sub.add_argument("--service-type", metavar="T")
        sub.add_argument("--worker", metavar="W")
        sub.add_argument("--tag", metavar="T", help="only customers with this tag")

    work = command("work", cmd_work, "list work entries")
    work.add_argument("--unbilled", action="store_true", help="only unbilled billable entries")
    work_filters(work, many=False)
    work.add_argument("--json", action="store_true")

    invoice_work = command(
        "invoice-work", cmd_invoice_work, "turn unbilled work into invoices, one per customer"
    )
    invoice_work.add_argument("--invoice-date", type=_date, required=True, metavar="YYYY-MM-DD")
    work_filters(invoice_work, many=True)
    invoice_work.add_argument("--dry-run", action="store_true")
    invoice_work.add_argument("--json", action="store_true")

    recurring = command(
        "bill-recurring", cmd_bill_recurring, "bill every contract period due through a date"
    )
    recurring.add_argument("--through", type=_date, required=True, metavar="YYYY-MM-DD")
    recurring.add_argument("--per-contract", action="store_true", help="one invoice per contract")
    recurring.add_argument("--dry-run", action="store_true")
    recurring.add_argument("--json", action="store_true")

    contract = command("contract", cmd_contract_end, "skip a period of a contract, or end it")
    contract_commands = contract.add_subparsers(dest="contract_command", required=True)
    skip = contract_commands.add_parser("skip", help="never bill one period (before it is billed)")
    skip.set_defaults(handler=cmd_contract_skip)
    skip.add_argument("number")
    skip.add_argument("--period-start", type=_date, required=True, metavar="YYYY-MM-DD")
    skip.add_argument("--reason", required=True, metavar="TEXT")
    end = contract_commands.add_parser("end", help="end a contract on a date (its last day)")
    end.set_defaults(handler=cmd_contract_end)
    end.add_argument("number")
    end.add_argument("--end-date", type=_date, required=True, metavar="YYYY-MM-DD")

    due = command("run-due", cmd_run_due, "the scheduled run: make the batches due through a date")
    due.add_argument("--through", type=_date, required=True, metavar="YYYY-MM-DD")
    due.add_argument("--bill-recurring", action="store_true", help="bill contracts first")
    due.add_argument(
        "--send",
        action="store_true",
        help="send the new batches (R13); their print parts go to the data folder's print-outs",
    )
    due.add_argument("--dry-run", action="store_true")
    due.add_argument("--json", action="store_true")

    audit = command("audit", cmd_audit, "show the audit trail, oldest first")
    audit.add_argument("--batch", type=_batch_number, metavar="N")
    audit.add_argument("--customer", metavar="N")
    audit.add_argument("--json", action="store_true")

    settings = command("settings", cmd_settings_show, "show or change the company settings")
    settings_commands = settings.add_subparsers(dest="settings_command", required=True)
    settings_show = settings_commands.add_parser("show", help="show the settings")
    settings_show.set_defaults(handler=cmd_settings_show)
    settings_show.add_argument("--json", action="store_true")
    settings_set = settings_commands.add_parser("set", help="change one setting")
    settings_set.set_defaults(handler=cmd_settings_set)
    settings_set.add_argument("key", choices=billing.SETTING_KEYS)
    settings_set.add_argument("value")
    add_batch_commands(batch_commands, _batch_number)
    add_settings_commands(settings_commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 refused by the data, 2 bad usage)."""
    return run(build_parser().parse_args(argv))


def _first_line(error: BaseException) -> str:
    """The reason alone: drivers add hints and links on further lines."""
    return (str(error).splitlines() or [type(error).__name__])[0]


def run(args: argparse.Namespace) -> int:
    try:
        opened = open_for_command_line(args.db)
    except ArgumentError as error:  # not a URL, or a driver that is not installed
        print(
            f"invoice-batches: the database URL is not usable: {_first_line(error)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except DatabaseError as error:
        print(f"invoice-batches: {_first_line(error)}", file=sys.stderr)
        return EXIT_REFUSED
    db = opened.db
    try:
        return int(args.handler(args, db))
    except (BillingError, DatabaseError, Refused) as error:
        print(f"invoice-batches: {_first_line(error)}", file=sys.stderr)
        return EXIT_REFUSED
    except SQLAlchemyError as error:
        reason = _first_line(getattr(error, "orig", None) or error)
        print(f"invoice-batches: the database refused the change: {reason}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # Whoever read the output left early (`| head`): no traceback, and Python's flush of
        # standard output at exit, which would fail and say so, now writes nowhere. The exit
        # code is Python's own for this case.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_REFUSED
    finally:
        opened.close()
