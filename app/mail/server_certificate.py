"""The certificate a mail server shows, read so that a clerk can choose to trust it (R13).

Read over a connection that checks nothing, only to show the certificate and its fingerprint:
nothing is sent and no password is given on it. Trusting is the clerk's act, after comparing
the fingerprint with the one the mail administrator gives.
"""

from __future__ import annotations

import smtplib
import ssl

from app.mail.smtp import MailFailed, Security, SmtpServer, mail_failure


def server_certificate(server: SmtpServer) -> str:
    """The certificate (PEM) the server shows for STARTTLS or SSL/TLS."""
    if server.security == Security.NONE:
        raise MailFailed(
            "The mail server's security is None: it shows no certificate. Choose STARTTLS or "
            "SSL/TLS first."
        )
    reading = ssl.create_default_context()
    reading.check_hostname = False
    reading.verify_mode = ssl.CERT_NONE
    smtp: smtplib.SMTP | None = None
    try:
        if server.security == Security.SSL:
            smtp = smtplib.SMTP_SSL(
                server.host, server.port, timeout=server.timeout, context=reading
            )
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
            smtp.ehlo()
            smtp.starttls(context=reading)
        sock = smtp.sock
        der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
    except (smtplib.SMTPException, OSError) as error:
        raise mail_failure(server, error) from error
    finally:
        if smtp is not None:
            smtp.close()
    if not der:
        raise MailFailed(f"The mail server {server.host}:{server.port} showed no certificate.")
    return ssl.DER_cert_to_PEM_cert(der)
