"""Login throttling with django-axes, for logins over HTTP."""

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LoginThrottleBackend(AxesStandaloneBackend):
    """
    django-axes' check, skipped when there is no request.

    Every login over HTTP (the admin's) passes its request and is throttled.
    Code that authenticates without one (a shell, `Client.login` in tests) has
    no address to throttle, and django-axes would refuse it outright.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
