"""The decorator of every public view that only reads: GET and HEAD, and 405 for anything else."""

from collections.abc import Callable

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view: Callable) -> Callable:
    """
    require_safe, without the CSRF check that would answer an unsafe method first.

    CsrfViewMiddleware runs before the view, so a POST, PUT or DELETE to a
    page that only answers GET got a 403 "form could not be sent" rather than
    the 405 with an Allow header that HTTP says (RFC 9110). A view that never
    acts on those methods has nothing for a CSRF check to protect.
    """
    return csrf_exempt(require_safe(view))
