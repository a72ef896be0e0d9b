"""R13 as a job: send a batch's statements, by email and by post, recording every delivery.

Billing plans and records; reports render; mail transports. Each delivery is recorded as
`unknown` with its exact PDF in a short transaction before it is handed over, and its outcome
in another after: no transaction is open while the mail server, the printer or the disk is
waited on. The window and the command line both call `send_batch`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Connection

from app import billing
from app.billing.deliveries import (
    AlreadyDelivered,
    CannotSend,
    EmailTo,
    Handover,
    Outcome,
    SendPlan,
    begin_deliveries,
    finish_deliveries,
    plan_sending,
    record_handover,
    record_outcomes,
)
from app.billing.settings import check_mail_template
from app.mail import (
    MailFailed,
    MailOutcomeUnknown,
    Outgoing,
    Security,
    SmtpServer,
    SmtpSession,
    StatementFacts,
    build_message,
)
from app.models import Channel, DeliveryStatus
from app.reports import (
    DeliveryLine,
    render_print_part,
    render_statement_section,
    statement_file_name,
)
from app.store import Database


class CannotStart(billing.BillingError):
    """Nothing was sent: the send lacks what it needs (a print destination, a mail server)."""


@dataclass(frozen=True)
class Delivered:
    """The outcome of one customer's delivery in this run."""

    customer_number: str
    customer_name: str
    channel: Channel
    addresses: str
    status: DeliveryStatus | None  # None: not handed over (someone else sent it meanwhile)
    message_id: str = ""
    error: str = ""


@dataclass(frozen=True)
class SendProgress:
    done: int
    total: int
    last: Delivered


@dataclass(frozen=True)
class SendResult:
    batch_number: int
    delivered: tuple[Delivered, ...]
    cannot: tuple[CannotSend, ...]
    already_sent: int
    cancelled: bool
    not_reached: tuple[str, ...] = ()  # customers left by a cancel
    print_pdf: bytes | None = None

    @property
    def failed(self) -> tuple[Delivered, ...]:
        return tuple(d for d in self.delivered if d.status != DeliveryStatus.SENT)

    @property
    def sent(self) -> tuple[Delivered, ...]:
        return tuple(d for d in self.delivered if d.status == DeliveryStatus.SENT)

    @property
    def complete(self) -> bool:
        """Everything planned was sent, and nobody was left out."""
        return not self.failed and not self.cannot and not self.not_reached


@dataclass(frozen=True)
class SendOptions:
    """How to reach the mail server and the printer for one send."""

    server: SmtpServer | None = None
    print_out: Callable[[bytes], None] | None = None
    resend: str | None = None
    progress: Callable[[SendProgress], None] | None = None
    cancelled: Callable[[], bool] = field(default=lambda: False)


def smtp_server(settings: billing.CompanySettings, password: str, **extra: object) -> SmtpServer:
    """The company's SMTP server from its settings, with the password from the keyring."""
    return SmtpServer(
        host=settings.smtp_host,
        port=settings.smtp_port,
        security=Security(settings.smtp_security),
        user=settings.smtp_user,
        password=password,
        trusted_certificate=settings.smtp_certificate,
        **extra,  # type: ignore[arg-type]
    )


def plan(db: Database, number: int, resend: str | None = None) -> SendPlan:
    """What a send would do now: who by email, who by post, who cannot be sent and why."""
    with db.read() as session:
        return plan_sending(session, number, resend=resend)


def _check_ready(plan_: SendPlan, settings: billing.CompanySettings, options: SendOptions) -> None:
    if plan_.post and options.print_out is None:
        names = ", ".join(c.customer.number for c in plan_.post)
        raise CannotStart(
            f"Customers {names} are mailed by post and not yet sent: give a destination for "
            "the print part (--print-out FILE.pdf). Nothing was sent."
        )
    if not plan_.email:
        return
    if options.server is None or not settings.smtp_host:
        raise CannotStart("No mail server is set (Company Settings, smtp_host); nothing was sent.")
    if not settings.mail_from:
        raise CannotStart(
            "No sender address is set (Company Settings, mail_from); nothing was sent."
        )
    for key in ("mail_subject", "mail_body"):
        try:
            check_mail_template(getattr(settings, key))
        except ValueError as error:
            raise CannotStart(f"The setting {key} {error}; nothing was sent.") from None


def send_batch(db: Database, number: int, options: SendOptions) -> SendResult:
    """Send what `plan_sending` plans: the print part first (one report through
    `options.print_out`), then one message a customer, stopping after the current customer
    when `options.cancelled()` turns true."""
    with db.read() as session:
        plan_ = plan_sending(session, number, resend=options.resend)
        settings = billing.load_settings(session)
    _check_ready(plan_, settings, options)
    delivered: list[Delivered] = []
    print_pdf = None
    if plan_.post:
        assert options.print_out is not None
        print_pdf, outcomes = _print_part(db, plan_, settings, options.print_out)
        delivered += outcomes
    cancelled = False
    reached = 0
    if plan_.email:
        assert options.server is not None
        with (
            db.one_connection() as connection,
            SmtpSession(options.server) as mailer,
            _RenderedAhead(plan_, settings) as ahead,
        ):
            records = _Records(connection, plan_)
            try:
                for _ in plan_.email:
                    if options.cancelled():
                        cancelled = True
                        break
                    outcome = _email_one(records, mailer, ahead.next())
                    delivered.append(outcome)
                    reached += 1
                    if options.progress is not None:
                        options.progress(SendProgress(reached, len(plan_.email), outcome))
            finally:
                records.flush()
    not_reached = tuple(item.statement.customer.number for item in plan_.email[reached:])
    return SendResult(
        number,
        tuple(delivered),
        plan_.cannot,
        len(plan_.already_sent),
        cancelled,
        not_reached if cancelled else (),
        print_pdf,
    )


def _facts(plan_: SendPlan, item: EmailTo, settings: billing.CompanySettings) -> StatementFacts:
    customer = item.statement.customer
    return StatementFacts(
        customer_name=customer.name,
        customer_number=customer.number,
        batch_number=plan_.batch_number,
        statement_date=plan_.statement.batch.close_date.isoformat(),
        amount_due=billing.format_amount(item.statement.figures.invoice_amount),
        company_name=settings.company_name,
    )


class _Records:
    """Writes deliveries in one short transaction a customer: the outcome of the message
    before (once the server answered) together with the handover of the next. So an outcome
    is on record before the next message goes out, and the run costs one commit a message, all
    on one connection."""

    def __init__(self, connection: Connection, plan_: SendPlan) -> None:
        self.connection = connection
        self.plan = plan_
        self.pending: list[Outcome] = []

    def begin(self, handover: Handover) -> int:
        with self.connection.begin():
            delivery_id = record_handover(self.connection, self.plan, handover, self.pending)
        self.pending = []
        return delivery_id

    def finish(self, outcome: Outcome) -> None:
        self.pending.append(outcome)

    def flush(self) -> None:
        if self.pending:
            with self.connection.begin():
                record_outcomes(self.connection, self.pending)
            self.pending = []


@dataclass(frozen=True)
class _Composed:
    """One customer's message, ready to hand over: the PDF it carries and the message."""

    item: EmailTo
    pdf: bytes
    message: Outgoing


def _compose(plan_: SendPlan, settings: billing.CompanySettings, item: EmailTo) -> _Composed:
    pdf = _section(plan_, item.statement, settings, dt.date.today())
    message = build_message(
        sender=settings.mail_from,
        recipients=item.addresses,
        subject=settings.mail_subject,
        body=settings.mail_body,
        facts=_facts(plan_, item, settings),
        pdf=pdf,
        filename=statement_file_name(plan_.statement.batch, item.statement),
    )
    return _Composed(item, pdf, Outgoing.of(message))


class _RenderedAhead:
    """The plan's messages in order, each next one composed on a thread of its own while the
    one before is recorded and handed over. Recording waits for the database to make the
    handover durable and sending waits for the mail server; rendering is the send's own work,
    so it fills those waits instead of following them. Only this thread renders meanwhile."""

    def __init__(self, plan_: SendPlan, settings: billing.CompanySettings) -> None:
        self._compose = partial(_compose, plan_, settings)
        self._items = iter(plan_.email)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="render-ahead")
        self._coming: Future[_Composed] | None = None

    def __enter__(self) -> _RenderedAhead:
        self._coming = self._submit()
        return self

    def __exit__(self, *exc: object) -> None:
        # A cancel or a failure leaves at most the one being rendered; nothing waits for more.
        self._worker.shutdown(wait=True, cancel_futures=True)

    def _submit(self) -> Future[_Composed] | None:
        item = next(self._items, None)
        return None if item is None else self._worker.submit(self._compose, item)

    def next(self) -> _Composed:
        """The next customer's message (a rendering failure is raised here, in order)."""
        assert self._coming is not None, "asked for more messages than the plan holds"
        composed = self._coming.result()
        self._coming = self._submit()
        return composed


def _email_one(records: _Records, mailer: SmtpSession, composed: _Composed) -> Delivered:
    item, pdf, message = composed.item, composed.pdf, composed.message
    customer = item.statement.customer
    addresses = "; ".join(item.addresses)
    handover = Handover(customer.number, Channel.EMAIL, addresses, pdf)
    try:
        delivery_id = records.begin(handover)
    except AlreadyDelivered as error:
        return Delivered(
            customer.number, customer.name, Channel.EMAIL, addresses, None, "", str(error)
        )
    try:
        message_id = mailer.send(message)
    except MailOutcomeUnknown as error:
        # Left `unknown` on purpose: it may have arrived, so it is never sent again silently.
        return Delivered(
            customer.number,
            customer.name,
            Channel.EMAIL,
            addresses,
            DeliveryStatus.UNKNOWN,
            "",
            str(error),
        )
    except MailFailed as error:
        outcome = Outcome(delivery_id, sent=False, error=str(error))
    else:
        outcome = Outcome(delivery_id, sent=True, message_id=message_id)
    records.finish(outcome)
    status = DeliveryStatus.SENT if outcome.sent else DeliveryStatus.FAILED
    return Delivered(
        customer.number,
        customer.name,
        Channel.EMAIL,
        addresses,
        status,
        outcome.message_id,
        outcome.error,
    )


def delivery_lines(plan_: SendPlan) -> list[DeliveryLine]:
    """The control page's table: each customer, how it goes, and what this send does."""
    emailed = {item.statement.customer.number: item for item in plan_.email}
    posted = {c.customer.number for c in plan_.post}
    cannot = {(c.customer_number, c.channel): c for c in plan_.cannot}
    sent = set(plan_.already_sent)
    goes_by = {"print": "Post", "email": "Email", "both": "Post and email"}
    lines = []
    for customer in plan_.statement.customers:
        record = customer.customer
        states = []
        for channel in (Channel.PRINT, Channel.EMAIL):
            key = (record.number, channel)
            if channel == Channel.PRINT and record.number in posted:
                states.append("in this print")
            elif channel == Channel.EMAIL and record.number in emailed:
                states.append("emailed to " + "; ".join(emailed[record.number].addresses))
            elif key in cannot:
                states.append(f"{channel.value} not sent: {cannot[key].reason}")
            elif key in sent:
                states.append(f"{channel.value} sent before")
        if plan_.resend is not None and record.number != plan_.resend:
            states = ["not part of this resend"]
        lines.append(
            DeliveryLine(
                record.number, record.name, goes_by[record.delivery.value], ", ".join(states)
            )
        )
    return lines


def _section(
    plan_: SendPlan,
    customer: billing.CustomerStatement,
    settings: billing.CompanySettings,
    today: dt.date,
) -> bytes:
    batch = plan_.statement.batch
    rendered = render_statement_section(
        batch, customer, settings, reprint=plan_.reprint, printed_on=today
    )
    return rendered.pdf


def _print_part(
    db: Database,
    plan_: SendPlan,
    settings: billing.CompanySettings,
    print_out: Callable[[bytes], None],
) -> tuple[bytes, list[Delivered]]:
    today = dt.date.today()
    report = render_print_part(
        plan_.statement,
        [c.customer.number for c in plan_.post],
        delivery_lines(plan_),
        settings,
        reprint=plan_.reprint,
        printed_on=today,
    )
    # Each customer's delivery keeps that customer's pages: the section as printed.
    handovers = [
        Handover(c.customer.number, Channel.PRINT, "", _section(plan_, c, settings, today))
        for c in plan_.post
    ]
    with db.transaction() as session:
        ids = begin_deliveries(session, plan_, handovers)
    try:
        print_out(report.pdf)
    except Exception as error:
        outcomes = [Outcome(i, sent=False, error=f"The print did not go out: {error}") for i in ids]
    else:
        outcomes = [Outcome(i, sent=True) for i in ids]
    with db.transaction() as session:
        finish_deliveries(session, outcomes)
    return report.pdf, [
        Delivered(
            c.customer.number,
            c.customer.name,
            Channel.PRINT,
            "",
            DeliveryStatus.SENT if o.sent else DeliveryStatus.FAILED,
            "",
            o.error,
        )
        for c, o in zip(plan_.post, outcomes, strict=True)
    ]
