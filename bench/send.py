"""Sending the statements of a 1,000-customer batch (R13) to a local SMTP server (aiosmtpd),
against rendering the same sections and sending the same messages with bare smtplib.

    .venv/bin/python bench/send.py [--db URL] [--customers 1000]

Makes one batch (--db, else a temporary SQLite file) of customers set to email, one invoice
each; then, in the same run, first the bare path: read the batch once, render each customer's
section and send the message built from it over one smtplib connection, recording nothing;
then the send job, which renders, records each delivery (unknown with its PDF, then sent) in
short transactions and sends. Prints both rates and their ratio (the job must keep at least
0.7 of the bare throughput).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import smtplib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from app import billing  # noqa: E402
from app.billing import GenerationRequest  # noqa: E402
from app.billing.deliveries import plan_sending  # noqa: E402
from app.jobs.sending import SendOptions, send_batch  # noqa: E402
from app.mail import Security, SmtpServer, StatementFacts, build_message  # noqa: E402
from app.models import ARTransaction, Customer, Delivery, TransactionType  # noqa: E402
from app.reports import render_statement_section, statement_file_name  # noqa: E402
from app.store import Database, open_database  # noqa: E402
from tests.mail.smtp_server import smtp_server  # noqa: E402

CLOSE = dt.date(2026, 11, 15)
NAMES = ["Łódź Müller & Søn", "Ørsted Café", "Ζωή Τεχνική", "Борис и Ко", "Acme Hardware"]


def make_batch(db: Database, customers: int, port: int) -> int:
    with db.transaction() as session:
        for key, value in (
            ("company_name", "Nordlicht Bürobedarf GmbH"),
            ("smtp_host", "127.0.0.1"),
            ("smtp_port", str(port)),
            ("smtp_security", "none"),
            ("mail_from", "billing@nordlicht.example"),
        ):
            billing.set_setting(session, key, value)
        billing.not_audited(session, "benchmark data")
        session.execute(
            insert(Customer),
            [
                {
                    "number": f"C{i:05d}",
                    "name": f"{NAMES[i % len(NAMES)]} {i}",
                    "address1": f"{i} Main Street",
                    "address2": "",
                    "city": "Springfield",
                    "region": "",
                    "postal_code": "",
                    "country": "",
                    "email": f"ap{i}@customer{i}.example",
                    "phone": "",
                    "cutoff_day": 15,
                    "active": True,
                    "notes": "",
                    "delivery": Delivery.EMAIL,
                    "tags": "",
                }
                for i in range(customers)
            ],
        )
    with db.transaction() as session:
        rows = session.execute(select(Customer.number, Customer.id))
        ids = {number: id_ for number, id_ in rows}  # noqa: C416 - rows, not pairs, to mypy
        billing.not_audited(session, "benchmark data")
        session.execute(
            insert(ARTransaction),
            [
                {
                    "customer_id": ids[f"C{i:05d}"],
                    "type": TransactionType.INVOICE,
                    "number": f"INV-{i:06d}",
                    "invoice_date": dt.date(2026, 11, 2),
                    "due_date": dt.date(2026, 12, 2),
                    "amount": billing.money(f"{100 + i % 900}.{i % 100:02d}"),
                    "tax": billing.money("0"),
                    "description": "Consulting, October",
                }
                for i in range(customers)
            ],
        )
    with db.transaction() as session:
        return billing.generate_batch(session, GenerationRequest(CLOSE)).number


def bare(db: Database, number: int, port: int) -> float:
    """Read once, then render each section and send it with smtplib; nothing recorded."""
    start = time.perf_counter()
    with db.read() as session:
        plan = plan_sending(session, number)
        settings = billing.load_settings(session)
    batch = plan.statement.batch
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for item in plan.email:
            pdf = render_statement_section(
                batch, item.statement, settings, reprint=False, printed_on=dt.date.today()
            ).pdf
            customer = item.statement.customer
            facts = StatementFacts(
                customer.name,
                customer.number,
                number,
                batch.close_date.isoformat(),
                billing.format_amount(item.statement.figures.invoice_amount),
                settings.company_name,
            )
            message = build_message(
                sender=settings.mail_from,
                recipients=item.addresses,
                subject=settings.mail_subject,
                body=settings.mail_body,
                facts=facts,
                pdf=pdf,
                filename=statement_file_name(batch, item.statement),
            )
            smtp.send_message(message)
    return time.perf_counter() - start


def job(db: Database, number: int, port: int) -> float:
    start = time.perf_counter()
    result = send_batch(db, number, SendOptions(SmtpServer("127.0.0.1", port, Security.NONE)))
    elapsed = time.perf_counter() - start
    assert len(result.sent) == len(result.delivered), "every message must be accepted"
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--customers", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, smtp_server() as server:
        db = open_database(args.db or f"sqlite:///{folder}/bench.sqlite3", backup_to=None)
        number = make_batch(db, args.customers, server.port)
        load_before = os.getloadavg()[0]
        cpu = time.process_time()
        bare_seconds = bare(db, number, server.port)
        bare_cpu, cpu = time.process_time() - cpu, time.process_time()
        received_bare = len(server.handler.received)
        job_seconds = job(db, number, server.port)
        job_cpu = time.process_time() - cpu
        received_job = len(server.handler.received) - received_bare
        db.dispose()
    n = args.customers
    assert received_bare == received_job == n, (received_bare, received_job)
    print(f"customers: {n}, engine: {db.url.get_backend_name()}")
    # Other work on the machine slows the two paths unequally: the figures carry its load.
    print(f"load average (1 min): {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    for label, seconds in (
        ("bare smtplib (render + send)", bare_seconds),
        ("send job (render, record, send)", job_seconds),
    ):
        print(f"{label:<34} {seconds:7.2f} s  {n / seconds:7.1f} messages/s")
    ratio = bare_seconds / job_seconds
    print(f"job / bare throughput: {ratio:.2f} (must be at least 0.70)")
    # This process's CPU (the SMTP server's thread included, the database server's not): on a
    # busy machine it moves far less than the clock, so it tells a slower job from a busier
    # machine.
    print(
        f"CPU in this process: bare {bare_cpu:.2f} s, job {job_cpu:.2f} s, "
        f"bare / job {bare_cpu / job_cpu:.2f}"
    )
    return 0 if ratio >= 0.7 else 1


if __name__ == "__main__":
    raise SystemExit(main())
