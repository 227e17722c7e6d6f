"""Admin for problem reports: the triage desk."""

from django.contrib import admin

from pages.models import FeedbackReport


@admin.register(FeedbackReport)
class FeedbackReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page", "language", "status"]
    list_filter = ["status", "language"]
    search_fields = ["details"]
