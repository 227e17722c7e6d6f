"""Admin for problem reports: the triage desk (filters, counts, bulk handling, CSV export)."""

import csv
from collections.abc import Iterator

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from pages.models import FeedbackReport
from pages.models.feedback import PROBLEM_FIELDS

REPORT_FIELDS = ["created_at", "page", "path", "language", *PROBLEM_FIELDS, "details"]

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """The cell text, made inert for spreadsheets (OWASP "CSV injection")."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


class _Echo:
    """A write-only file for csv.writer that hands each row back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def page_label(report: FeedbackReport) -> str:
    if report.page is None:
        return ""
    return report.page.name or report.page.name_en


@admin.register(FeedbackReport)
class FeedbackReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page", "language", "problem_list", "details_excerpt", "status"]
    list_display_links = ["created_at"]
    list_filter = [
        "status",
        *PROBLEM_FIELDS,
        "language",
        ("page", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["page"]
    date_hierarchy = "created_at"
    search_fields = ["details", "path"]
    actions = ["mark_handled", "mark_new"]
    change_list_template = "admin/pages/feedbackreport/change_list.html"
    fieldsets = [
        (gettext_lazy("What the visitor sent"), {"fields": REPORT_FIELDS}),
        (gettext_lazy("Triage"), {"fields": ["status", "handled_at", "staff_note"]}),
    ]

    # --- Permissions -------------------------------------------------------------

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Reports come from visitors only.
        return False

    def has_handle_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("pages.handle_feedbackreport")

    def get_readonly_fields(self, request: HttpRequest, obj: FeedbackReport | None = None):
        # What the visitor said is evidence: staff annotate it, never rewrite it.
        readonly = [*REPORT_FIELDS, "handled_at"]
        if not self.has_handle_permission(request):
            readonly.append("status")
        return readonly

    def save_model(self, request: HttpRequest, obj: FeedbackReport, form, change: bool) -> None:
        if "status" in form.changed_data:
            handled = obj.status == FeedbackReport.Status.HANDLED
            obj.handled_at = timezone.now() if handled else None
        super().save_model(request, obj, form, change)

    # --- List columns ------------------------------------------------------------

    @admin.display(description=gettext_lazy("problems"))
    def problem_list(self, report: FeedbackReport) -> str:
        labels = dict(FeedbackReport.problem_choices())
        return "; ".join(str(labels[name]) for name in report.problems)

    @admin.display(description=gettext_lazy("details"))
    def details_excerpt(self, report: FeedbackReport) -> str:
        return Truncator(report.details).chars(80)

    # --- Actions -----------------------------------------------------------------

    @admin.action(permissions=["handle"], description=gettext_lazy("Mark as handled"))
    def mark_handled(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.mark_handled()
        message = ngettext(
            "%(count)d report marked as handled.", "%(count)d reports marked as handled.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(permissions=["handle"], description=gettext_lazy("Mark as new"))
    def mark_new(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.mark_new()
        message = ngettext(
            "%(count)d report marked as new.", "%(count)d reports marked as new.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    # --- Summary above the list ----------------------------------------------------

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and "cl" in (response.context_data or {}):
            changelist = response.context_data["cl"]
            response.context_data["summary"] = self.summary(changelist)
        return response

    def summary(self, changelist) -> dict:
        """Counts per problem and per page for the filtered list: two queries, whatever its size."""
        queryset = changelist.queryset.order_by()
        per_problem = queryset.aggregate(
            total=Count("pk"),
            new=Count("pk", filter=Q(status=FeedbackReport.Status.NEW)),
            **{name: Count("pk", filter=Q(**{name: True})) for name in PROBLEM_FIELDS},
        )
        problems = [
            {
                "label": label,
                "count": per_problem[name],
                "url": changelist.get_query_string({f"{name}__exact": "1"}),
            }
            for name, label in FeedbackReport.problem_choices()
        ]
        name_field = f"page__name_{get_language()}"
        rows = (
            queryset.values("page_id", "page__name_en", name_field)
            .annotate(
                count=Count("pk"), new=Count("pk", filter=Q(status=FeedbackReport.Status.NEW))
            )
            .order_by("-count", "page__name_en")
        )
        pages = []
        for row in rows:
            if row["page_id"] is None:
                label = _("No country page (deleted since, or another page of the site)")
                url = changelist.get_query_string({"page__isnull": "True"}, ["page__id__exact"])
            else:
                label = row[name_field] or row["page__name_en"]
                url = changelist.get_query_string(
                    {"page__id__exact": row["page_id"]}, ["page__isnull"]
                )
            pages.append({"label": label, "count": row["count"], "new": row["new"], "url": url})
        return {
            "total": per_problem["total"],
            "new": per_problem["new"],
            "problems": problems,
            "pages": pages,
        }

    # --- CSV export of the filtered list ---------------------------------------------

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_csv),
            name="pages_feedbackreport_export",
        )
        return [export, *super().get_urls()]

    def export_csv(self, request: HttpRequest) -> HttpResponse:
        """The list as filtered, searched and sorted on screen, as CSV for a spreadsheet."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("These filters are not valid."))
        queryset = changelist.queryset
        filename = f"problem-reports-{timezone.localdate():%Y-%m-%d}.csv"
        response = StreamingHttpResponse(
            self._csv_rows(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def _csv_rows(self, queryset: QuerySet) -> Iterator[str]:
        writer = csv.writer(_Echo())
        meta = FeedbackReport._meta

        def label(name: str) -> str:
            return capfirst(str(meta.get_field(name).verbose_name))

        # The byte-order mark makes spreadsheets read the file as UTF-8 (accents intact).
        yield "\ufeff"
        yield writer.writerow(
            [
                "ID",
                label("created_at"),
                label("language"),
                label("page"),
                label("path"),
                *[label(name) for name in PROBLEM_FIELDS],
                label("details"),
                label("status"),
                label("handled_at"),
                label("staff_note"),
            ]
        )
        status_labels = dict(FeedbackReport.Status.choices)
        for report in queryset.iterator(chunk_size=500):
            handled_at = report.handled_at and timezone.localtime(report.handled_at)
            row = [
                report.pk,
                f"{timezone.localtime(report.created_at):%Y-%m-%d %H:%M}",
                report.language,
                page_label(report),
                report.path,
                *["1" if getattr(report, name) else "0" for name in PROBLEM_FIELDS],
                report.details,
                status_labels[report.status],
                f"{handled_at:%Y-%m-%d %H:%M}" if handled_at else "",
                report.staff_note,
            ]
            yield writer.writerow([spreadsheet_safe(cell) for cell in row])
