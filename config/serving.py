"""The app served as in production, for the commands that measure it from outside.

``bench_http`` (throughput of one page at a time) and ``load`` (a mixed workload of many
people) both start gunicorn with DEBUG off on a free local port, wait for ``/health/``, sign in
through the login form as the demo people would, and stop gunicorn however the run ends.
``load`` and ``bench_reminders`` start their Celery workers with :func:`celery_worker`.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import CommandError
from django.urls import reverse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of a server as in production (DEBUG off), its static files in
    ``workdir``; ``extra`` is added to it."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "served-" + secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Served over plain HTTP on this machine: cookies marked Secure would not come back.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def collect_static(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )


def _exit_on_signal(signum, frame) -> None:
    raise SystemExit(128 + signum)


def stop(process: subprocess.Popen) -> None:
    """Stop a process started in its own session, and everything it started."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], port: int, log_path: Path, *, workers: int
) -> Iterator[subprocess.Popen]:
    """gunicorn (sync workers) serving on ``port`` until the block ends, answering
    ``/health/`` when the block starts. A stop asked by kill or by closing the terminal stops
    it too."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--no-control-socket",  # one per machine: another gunicorn may hold it
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one below
        )
        handlers = {}
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(ValueError):  # not the main thread: none to catch
                handlers[signum] = signal.signal(signum, _exit_on_signal)
        try:
            wait_ready(server, port, log_path)
            yield server
        finally:
            stop(server)
            for signum, handler in handlers.items():
                signal.signal(signum, handler)


@contextlib.contextmanager
def celery_worker(
    env: dict[str, str], *options: str, log_path: Path | None = None
) -> Iterator[subprocess.Popen]:
    """A Celery worker of the app (one process, ``--pool=solo``) until the block ends, in its
    own process group; ``options`` are added to its command line (a queue, a log level). Its
    output goes to ``log_path``, or nowhere but its errors."""
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(open(log_path, "w")) if log_path else subprocess.DEVNULL
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", *options],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT if log_path else None,
            start_new_session=True,
        )
        try:
            yield worker
        finally:
            stop(worker)


def wait_ready(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(
                f"gunicorn stopped (exit {server.returncode}):\n{log_path.read_text()[-3000:]}"
            )
        try:
            if get(port, reverse("core:health"), None)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer in 60 s:\n{log_path.read_text()[-3000:]}")


def get(port: int, path: str, cookie: str | None) -> tuple[int, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, response


def sign_in(port: int, username: str, password: str) -> str:
    """Log in through the login form as a person would; the cookies to send (the session's and
    the CSRF token's, which a page's POSTs send back in their header)."""
    login = reverse("login")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", login)
    response = conn.getresponse()
    body = response.read().decode()
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if "csrftoken" not in jar or token is None:
        raise CommandError(f"the login page gave no CSRF token (HTTP {response.status})")
    form = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token[1]})
    conn.request(
        "POST",
        login,
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken'].value}",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    session = settings.SESSION_COOKIE_NAME
    if response.status != 302 or session not in jar:
        raise CommandError(
            f"could not sign in as {username} (HTTP {response.status}): is this the demo "
            "database, and is --password the demo password?"
        )
    return f"{session}={jar[session].value}; csrftoken={jar['csrftoken'].value}"
