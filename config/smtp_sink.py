"""A tiny SMTP server that keeps what it receives, for the reminder benchmark and the tests
of the digest: it speaks just enough of RFC 5321 for ``smtplib`` (EHLO/HELO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT) and can refuse the first messages with a temporary error, as a mail
server that is briefly down does. Never used to deliver mail."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpSink:
    """``with SmtpSink(fail_first=1) as sink:`` listens on ``sink.port`` of 127.0.0.1."""

    fail_first: int = 0
    received: list[Received] = field(default_factory=list)
    attempts: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            def handle(self) -> None:
                self.reply("220 sink ESMTP")
                recipients: list[str] = []
                while line := self.rfile.readline():
                    command = line.decode("ascii", "replace").strip()
                    verb = command[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250-sink" if verb == "EHLO" else "250 sink")
                        if verb == "EHLO":
                            self.reply("250 8BITMIME")
                    elif verb == "MAIL":
                        recipients = []
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 go ahead")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        if sink.accept():
                            message = email.message_from_bytes(data, policy=email.policy.default)
                            sink.keep(Received(list(recipients), message))
                            self.reply("250 OK queued")
                        else:
                            self.reply("451 4.3.0 try again later")
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("502 not implemented")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]

    def accept(self) -> bool:
        with self._lock:
            self.attempts += 1
            return self.attempts > self.fail_first

    def keep(self, received: Received) -> None:
        with self._lock:
            self.received.append(received)

    def per_recipient(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self._lock:
            for r in self.received:
                for address in r.recipients:
                    counts[address] = counts.get(address, 0) + 1
        return counts

    def __enter__(self) -> SmtpSink:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def environment(self) -> dict[str, str]:
        """What a worker's environment needs to send its mail here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
        }
