"""Logins: throttling with django-axes, and timing that hides who has an account.

Every login form (the store's, the checkout's "returning customer", Wagtail's,
Django admin's) goes through ``django.contrib.auth.authenticate``, so the
backends and axes' signal handlers here cover them all.

Throttling counts failed logins per account and per address, each with its
own limit (``AXES_FAILURE_LIMIT`` and ``LOGIN_FAILURE_LIMIT_PER_ADDRESS``):
one account guessed at from many addresses is locked, and one address
guessing at many accounts is locked, while a neighbour behind the same address
can still log in until the address's own, higher limit.
"""

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend
from oscar.apps.customer.utils import normalise_email

#: Form fields that carry the login name: Django's and Wagtail's forms, and
#: Oscar's login form (prefixed "login").
USERNAME_FIELDS = ("username", "login-username", "email")


class EmailBackend(OscarEmailBackend):
    """Oscar's e-mail login, as slow for an unknown e-mail as for a known one.

    Oscar's backend only runs the password hasher for the accounts it finds,
    so a wrong password answered fast meant "no such e-mail". Like Django's
    ``ModelBackend``, hash the password once when no account matches.
    """

    def _authenticate(self, request, email=None, password=None, *args, **kwargs):
        login = email if email is not None else kwargs.get("username")
        if login is not None and password is not None:
            clean_email = normalise_email(login)
            if (
                "@" in clean_email
                and not get_user_model()
                .objects.filter(email__iexact=clean_email)
                .exists()
            ):
                get_user_model()().set_password(password)
                return None
        return super()._authenticate(request, email, password, *args, **kwargs)


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, for logins that come with a request.

    Code that authenticates without a request (Oscar logs a buyer in right
    after registration with the password they just chose) is not a guess
    from outside, and axes would otherwise refuse it with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def login_throttle_username(request, credentials) -> str | None:
    """Return the account a login attempt is aimed at, the same for every form.

    The store logs in by e-mail, Wagtail and Django admin by username: both
    name the same account, so both count against it. An unknown name counts
    as itself (lower-cased), so guessing at it is throttled too.
    """
    login = None
    if credentials:
        login = credentials.get("username") or credentials.get("email")
    if not login and request is not None:
        data = getattr(request, "POST", {})
        login = next((data.get(f) for f in USERNAME_FIELDS if data.get(f)), None)
    if not login:
        return None
    login = str(login).strip()
    User = get_user_model()
    if "@" in login:
        usernames = list(
            User.objects.filter(email__iexact=normalise_email(login)).values_list(
                "username", flat=True
            )[:2]
        )
    else:
        usernames = list(
            User.objects.filter(username__iexact=login).values_list(
                "username", flat=True
            )[:2]
        )
    if len(usernames) == 1:
        return usernames[0]
    return login.lower()


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per account and one per address.

    ``AXES_LOCKOUT_PARAMETERS`` must be ``["username", "ip_address"]``: axes
    then counts an account's failures and an address's failures separately
    but compares both with the one ``AXES_FAILURE_LIMIT``. Here the address's
    count is scaled so that it reaches that limit at
    ``LOGIN_FAILURE_LIMIT_PER_ADDRESS`` failures.
    """

    def get_failures(self, request, credentials=None) -> int:
        account_limit = settings.AXES_FAILURE_LIMIT
        address_limit = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
        counts = []
        parameters = settings.AXES_LOCKOUT_PARAMETERS
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = sum(attempts.values_list("failures_since_start", flat=True))
            if parameter == "ip_address":
                failures = failures * account_limit // address_limit
            counts.append(failures)
        return max(counts, default=0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """Forget the account's failures after it logs in, not the address's.

        Otherwise logging in to one's own account would wipe the address's
        failures against every other account.
        """
        username = login_throttle_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def login_locked_response(request, original_response=None, credentials=None):
    """Answer a locked-out login with a translated page and 429."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "login_locked.html",
        {"cool_off_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def login_client_ip(request) -> str | None:
    """Return the address a login comes from, for counting failures per address.

    ``REMOTE_ADDR`` unless the site runs behind ``LOGIN_TRUSTED_PROXY_COUNT``
    reverse proxies: then the address the outermost trusted proxy saw, counted
    from the right of ``X-Forwarded-For`` (the left part can be forged by
    the client).
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.LOGIN_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]
