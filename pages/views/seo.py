"""robots.txt: what crawlers may read, and where the sitemap is."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from pages.views.methods import read_only


@read_only
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
