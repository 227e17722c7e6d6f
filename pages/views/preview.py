"""Staff preview: any country page, draft or scheduled, exactly as visitors will see it."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language, override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from pages.models.country import LANGUAGE_CODES, OTHER_LANGUAGE
from pages.views.public import country_page_context, country_page_queryset


def preview_url(pk: int, language: str) -> str:
    with override(language):
        return reverse("pages:country-preview", kwargs={"pk": pk})


@never_cache
@require_safe
@staff_member_required
def country_preview(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("pages.view_countrypage"):
        raise PermissionDenied
    language = get_language()
    page = get_object_or_404(country_page_queryset(), pk=pk)
    context = country_page_context(page, language)
    # The language toggle stays inside the preview: the public URLs of a draft are 404s.
    context["alternate_urls"] = {code: preview_url(page.pk, code) for code in LANGUAGE_CODES}
    context["toggle_url"] = preview_url(page.pk, OTHER_LANGUAGE[language])
    context["noindex"] = True
    context["preview"] = True  # a notice on top: it looks exactly like the live page otherwise
    response = render(request, "pages/countrypage_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
