"""The state the "Report a problem on this page" form needs, read from the page being rendered."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from pages.feedback import is_site_path
from pages.markup import escape
from pages.models import CountryPage, FeedbackReport
from pages.reversing import fixed_url

register = template.Library()


@register.simple_tag(takes_context=True)
def report_form_state(context: template.Context) -> dict | None:
    """Action, hidden values, ticked boxes and errors for the report form; None off the site.

    Nothing here depends on the visitor, so the page stays cacheable for everyone.
    """
    request = context.get("request")
    form = context.get("feedback_form")
    choices = FeedbackReport.problem_choices()
    if form is not None:
        # Re-shown after an error: keep what the visitor sent; drop hidden values that were bad.
        data = form.data
        path = data.get("path", "")
        page_id = data.get("page", "") if "page" not in form.errors else ""
        return {
            "action": fixed_url("pages:report-problem"),
            "page_id": page_id,
            "path": path if is_site_path(path) else "",
            "choices": choices,
            "checked": set(data.getlist("problems")),
            "details": data.get("details", ""),
            "problems_error": " ".join(form.errors.get("problems", [])),
            "details_error": " ".join(form.errors.get("details", [])),
            "other_errors": [
                message
                for name in ("page", "path", "__all__")
                for message in form.errors.get(name, [])
            ],
        }
    path = getattr(request, "path", "")
    if not is_site_path(path):
        return None
    page = context.get("page")
    return {
        "action": fixed_url("pages:report-problem"),
        "page_id": page.pk if isinstance(page, CountryPage) else "",
        "path": path,
        "choices": choices,
        "checked": set(),
        "details": "",
        # Present though empty: a missing key costs the template a failed
        # lookup (and an exception) each time it asks.
        "problems_error": "",
        "details_error": "",
        "other_errors": [],
    }


@register.simple_tag
def report_checkboxes(report: dict) -> SafeString:
    """
    `{% report_checkboxes report %}`: a ticked or empty box and its label for each kind of problem.

    Written in Python, as the country page's other repeated parts are
    (pages/markup.py): it is on every page, cached or not.
    """
    checked = report["checked"]
    parts = []
    for value, label in report["choices"]:
        tick = " checked" if value in checked else ""
        value = escape(value)
        parts.append(
            f'<div class="checkbox"><input type="checkbox" name="problems" value="{value}"'
            f' id="report-{value}"{tick}> <label for="report-{value}">'
            f"{escape(label)}</label></div>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value went through escape)
