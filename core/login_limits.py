"""Login limits: who a login attempt comes from, and how many failures each kind of client gets.

Behind the reverse proxy every request reaches gunicorn from the proxy's own address, so the
client is read from ``X-Forwarded-For`` — but only when ``TRUSTED_PROXY_COUNT`` says how many
proxies of ours stand in front. Each proxy appends the address it was reached from, so with
*n* proxies the client is the *n*-th entry from the right; whatever is further left was sent
by the client itself and is never believed.

django-axes counts failures per set of lockout parameters but has a single limit for all of
them. ``LoginLimitsHandler`` gives each set its own limit (``LOGIN_FAILURE_LIMITS``): a few
failures for one account from one address, more for one address over every account, so that
one password sprayed over many accounts is stopped without an office behind one address being
locked out by one forgetful officer.
"""

from __future__ import annotations

import ipaddress
import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

log = logging.getLogger(__name__)


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or the right hop of ``X-Forwarded-For`` when the
    app is behind ``TRUSTED_PROXY_COUNT`` proxies (``AXES_CLIENT_IP_CALLABLE``)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        # Fewer hops than proxies: the request did not come through them all (or a proxy does
        # not set the header). The address it came from is all that is known.
        log.warning("X-Forwarded-For has %d hops, %d proxies are trusted", len(hops), proxies)
        return remote
    return _address(hops[-proxies]) or remote


def _parameter_key(parameter: str | list[str]) -> str:
    return parameter if isinstance(parameter, str) else "+".join(parameter)


class LoginLimitsHandler(AxesDatabaseHandler):
    """Axes' database handler with a failure limit for each set of lockout parameters.

    ``LOGIN_FAILURE_LIMITS`` maps a set (``"username+ip_address"``, ``"ip_address"``) to its
    limit; a set it does not name takes ``AXES_FAILURE_LIMIT``. Axes compares one number with
    ``AXES_FAILURE_LIMIT``, so each set's count is given on that scale: a set at its own limit
    reads as ``AXES_FAILURE_LIMIT``, one below it as less.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        limit = get_failure_limit(request, credentials)
        limits = getattr(settings, "LOGIN_FAILURE_LIMITS", {})
        parameters = get_lockout_parameters(request, credentials)
        scaled = 0
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            own_limit = limits.get(_parameter_key(parameter), limit)
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            # failures * limit // own_limit reaches limit exactly when failures reach own_limit.
            scaled = max(scaled, failures * limit // own_limit)
        return scaled

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """On a successful login, forget the failures of that account from that address only.

        Axes would forget every set, the address's failures over all accounts too: whoever
        sprays a password could then log in to an account of their own now and then to start
        again from nought."""
        parameters = get_lockout_parameters(request, credentials)
        count = 0
        for parameter, attempts in zip(
            parameters, self.filter_user_attempts(request, credentials), strict=True
        ):
            if "username" in ([parameter] if isinstance(parameter, str) else parameter):
                count += attempts.delete()[0]
        return count
