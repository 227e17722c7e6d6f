"""The "Report a problem on this page" endpoint and its thank-you page."""

import logging
from urllib.parse import urlencode

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from pages.client_address import client_address
from pages.feedback import (
    ReportForm,
    count_submission,
    is_same_origin,
    is_site_path,
)
from pages.models.country import OTHER_LANGUAGE
from pages.reversing import fixed_url
from pages.views.errors import RETRY_AFTER_SECONDS, database_unavailable
from pages.views.methods import read_only
from pages.views.public import same_page_in

logger = logging.getLogger(__name__)

# Generous for 300 characters typed (each may take 12 bytes once percent-encoded)
# and the hidden fields; anything bigger is not a report from our form.
MAX_BODY_BYTES = 16 * 1024


def _refuse(request: HttpRequest, status: int, message: str, back: str = "") -> HttpResponse:
    response = render(
        request,
        "pages/feedback_refused.html",
        {"message": message, "back": back if is_site_path(back) else ""},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _form_again(request: HttpRequest, form: ReportForm, status: int, **context) -> HttpResponse:
    response = render(
        request, "pages/feedback_form.html", {"feedback_form": form, **context}, status=status
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _not_taken(
    request: HttpRequest, form: ReportForm, status: int, message: str, retry_after: int, **context
) -> HttpResponse:
    """The form again, as it was filled in, saying why it was not taken and when to try again."""
    form.not_taken(message)
    response = _form_again(request, form, status, **context)
    response["Retry-After"] = str(retry_after)
    return response


def _not_stored(request: HttpRequest) -> HttpResponse:
    """The database is unreachable: the form again, to send a bit later."""
    logger.exception("Report not stored: the database is unavailable")
    return _not_taken(
        request,
        ReportForm(request.POST),
        503,
        _("Your report could not be saved. Please send it again in a few minutes."),
        RETRY_AFTER_SECONDS,
        unavailable=True,
    )


def _body_too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


# No CSRF token: the form is on pages served from a shared cache, where a
# per-visitor token would be someone else's. `is_same_origin` does the job.
@csrf_exempt
def report_problem(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        response = _refuse(
            request,
            405,
            _(
                "Use the “Report a problem on this page” form at the bottom of a page "
                "to send a report."
            ),
        )
        response["Allow"] = "POST"
        return response
    if _body_too_big(request):
        return _refuse(request, 413, _("This report is too large to be sent."))
    if not is_same_origin(request):
        return _refuse(
            request,
            403,
            _("This report was not sent from a page of this site, so it was refused."),
        )
    try:
        form = ReportForm(request.POST)
        valid = form.is_valid()
    except RequestDataTooBig:
        return _refuse(request, 413, _("This report is too large to be sent."))
    except (SuspiciousOperation, MultiPartParserError, BadRequest):
        # BadRequest: a form body in a charset other than UTF-8.
        return _refuse(request, 400, _("This report could not be read."))
    except DatabaseError as error:
        if not database_unavailable(error):
            raise
        return _not_stored(request)
    if not valid:
        return _form_again(request, form, 400)
    back = form.cleaned_data["path"]
    # Robots that fill the honeypot are counted too, so they see exactly what people see.
    counted = count_submission(client_address(request))
    if not counted.allowed:
        # People behind one shared address (an office, a school) send it
        # again later, nothing retyped.
        return _not_taken(
            request,
            form,
            429,
            _(
                "Too many reports were sent from your connection. "
                "Please try again in a few minutes."
            ),
            counted.retry_after,
            limited=True,
        )
    language = get_language()
    try:
        _report, redacted = form.save(language)
    except DatabaseError as error:
        if not database_unavailable(error):
            raise
        # Not stored, so not counted: sending it again later must not use up the limit.
        counted.withdraw()
        return _not_stored(request)
    query = {"next": back}
    if redacted:
        query["removed"] = "1"
    return HttpResponseRedirect(
        f"{reverse('pages:report-problem-thanks')}?{urlencode(query)}", status=303
    )


@read_only
def report_problem_thanks(request: HttpRequest) -> HttpResponse:
    back = request.GET.get("next", "")
    back = back if is_site_path(back) else ""
    removed = request.GET.get("removed") == "1"
    language = get_language()
    other = OTHER_LANGUAGE[language]
    # The thank-you in the other language keeps what this one says: the
    # privacy notice, and the way back to the same page, in that language.
    query = {}
    if back and (other_back := same_page_in(back, language, other)):
        query["next"] = other_back
    if removed:
        query["removed"] = "1"
    other_url = fixed_url("pages:report-problem-thanks", language=other)
    if query:
        other_url = f"{other_url}?{urlencode(query)}"
    context = {
        "back": back,
        "removed": removed,
        "alternate_urls": {language: request.path, other: other_url},
        "noindex": True,
    }
    response = render(request, "pages/feedback_thanks.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
