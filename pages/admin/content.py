"""Admin for country pages and program areas: English and French side by side, kept in step."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from copy import deepcopy
from typing import Any

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from reversion.admin import VersionAdmin
from reversion.models import Version

from pages import history
from pages.admin.funding import FundingFigureInlineMixin
from pages.models import (
    CountryPage,
    FocusPoint,
    FundingFigure,
    ProgramArea,
    RelatedLink,
    Result,
    Section,
    Video,
)
from pages.models.country import LANGUAGE_CODES, is_live
from pages.richtext import removed_markup
from pages.translation_status import (
    LANGUAGE_NAMES,
    OTHER_LANGUAGE,
    TRACKED,
    FlaggedField,
    empty_required,
    empty_required_fields,
    field_label,
    filter_by_status,
    flagged_fields,
    flags_by_object,
    image_alt_missing,
    is_blank,
    record_page_tree,
    required_languages,
    spec_for,
    with_translation_counts,
)

history.register_models()

EDITORIAL_CSS = {"all": ["pages/admin/editorial.css"]}
SIDE_BY_SIDE = ["side-by-side"]
ACTION_LABELS = {"added": _("added"), "changed": _("changed"), "deleted": _("deleted")}


def flag_text(flag: FlaggedField) -> str:
    """The marker shown under a missing or out-of-date field."""
    other = LANGUAGE_NAMES[OTHER_LANGUAGE[flag.language]]
    if flag.kind == "missing" and flag.other_empty:
        return gettext("Missing: required, and empty in both languages.")
    if flag.kind == "missing":
        return gettext("Missing: the %(other)s has content, this is empty.") % {"other": other}
    return gettext(
        "Out of date: the %(other)s changed on %(other_date)s, after this one (%(date)s)."
    ) % {
        "other": other,
        "other_date": localize(timezone.localtime(flag.other_changed_at)),
        "date": localize(timezone.localtime(flag.changed_at)),
    }


def mark_fields(form: forms.BaseForm, flags: dict[str, FlaggedField]) -> None:
    """Put a visible marker (help text and a CSS class) on each flagged field of `form`."""
    for name, flag in flags.items():
        field = form.fields.get(name)
        if field is None:
            continue
        marker = escape(flag_text(flag))
        field.help_text = f"{marker} {field.help_text}".strip() if field.help_text else marker
        widget = field.widget
        widget = getattr(widget, "widget", widget)  # related-field wrappers
        css = widget.attrs.get("class", "")
        widget.attrs["class"] = f"{css} translation-{flag.kind}".strip()


def complete_fieldsets(fieldsets: list, form_fields: Iterable[str]) -> list:
    """
    `fieldsets` plus any form field they leave out, in the last fieldset.

    Other parts of the app add fields to these models; they must show up in
    the admin even before someone places them in a side-by-side row.
    """
    fieldsets = deepcopy(fieldsets)
    placed = set(flatten_fieldsets(fieldsets))
    missing = [name for name in form_fields if name not in placed]
    if missing:
        fieldsets[-1][1]["fields"] = [*fieldsets[-1][1]["fields"], *missing]
    return fieldsets


def request_flags(request: HttpRequest) -> dict[tuple[str, int], dict[str, FlaggedField]]:
    return getattr(request, "_translation_flags", {})


# Inlines: every one checks the publish gate for its own rows and marks its fields.


def kept_rows(formset: BaseInlineFormSet) -> Iterator[tuple[int, forms.Form]]:
    """The inline's rows that the save keeps (valid, not marked for deletion), numbered from 1."""
    kept = (
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    )
    return enumerate(kept, start=1)


def inline_row_label(model: type, number: int, fields: str) -> str:
    """ "Section 2: Text (French)": fields of the n-th row of an inline, for a message."""
    return gettext("%(kind)s %(number)s: %(fields)s") % {
        "kind": model._meta.verbose_name.capitalize(),
        "number": number,
        "fields": fields,
    }


class EditorialInlineFormSet(BaseInlineFormSet):
    flags: dict[tuple[str, int], dict[str, FlaggedField]] = {}

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)
        spec = spec_for(self.model)
        if spec is not None and form.instance.pk is not None:
            mark_fields(form, self.flags.get((spec.key, form.instance.pk), {}))
        return form

    def clean(self) -> None:
        super().clean()
        page = self.instance
        if page.status != CountryPage.Status.PUBLISHED:
            return
        languages = required_languages(page.available_in)
        problems = []
        for number, form in kept_rows(self):
            data = form.cleaned_data
            missing = empty_required_fields(self.model, data.get, languages)
            for language in image_alt_missing(data.get("image"), languages):
                missing.append(
                    gettext("Image alternative text (%(language)s)")
                    % {"language": LANGUAGE_NAMES[language]}
                )
            if missing:
                problems.append(inline_row_label(self.model, number, ", ".join(missing)))
        if problems:
            raise ValidationError(
                [
                    gettext("This page cannot be published while these required fields are empty:"),
                    *problems,
                ]
            )


class EditorialInline(TranslationStackedInline):
    formset = EditorialInlineFormSet
    extra = 0

    def get_formset(self, request: HttpRequest, obj: CountryPage | None = None, **kwargs: Any):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"flags": request_flags(request)})

    def get_fieldsets(self, request: HttpRequest, obj: CountryPage | None = None) -> list:
        form = self.get_formset(request, obj, fields=None).form
        return complete_fieldsets(self.fieldsets, form.base_fields)


class SectionInline(EditorialInline):
    model = Section
    autocomplete_fields = ["image", "program_area"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("heading_en", "heading_fr"),
                    ("body_en", "body_fr"),
                    ("heading_level", "order"),
                    ("image", "program_area"),
                ],
                "classes": SIDE_BY_SIDE,
            },
        )
    ]


class PageItemInline(EditorialInline):
    """
    One kind of page item (a PageItem proxy): only the fields its kind uses.

    The kinds share one table, so the model has every kind's fields (a
    focus point has no address, a link no transcript). complete_fieldsets
    would add them all, "kind" included, as a required choice: the kind
    comes from the proxy (stamped on save), and the fields are the
    fieldsets' own.
    """

    def get_fieldsets(self, request: HttpRequest, obj: CountryPage | None = None) -> list:
        return self.fieldsets


class FocusPointInline(PageItemInline):
    model = FocusPoint
    fieldsets = [(None, {"fields": [("text_en", "text_fr"), "order"], "classes": SIDE_BY_SIDE})]


class ResultInline(PageItemInline):
    model = Result
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("text_en", "text_fr"),
                    ("value", "sub_value"),
                    ("sub_text_en", "sub_text_fr"),
                    "order",
                ],
                "classes": SIDE_BY_SIDE,
            },
        )
    ]


class VideoInline(PageItemInline):
    model = Video
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("text_en", "text_fr"),
                    ("url_en", "url_fr"),
                    ("body_en", "body_fr"),
                    ("transcript_en", "transcript_fr"),
                    "order",
                ],
                "classes": SIDE_BY_SIDE,
            },
        )
    ]


class RelatedLinkInline(PageItemInline):
    model = RelatedLink
    fieldsets = [
        (
            None,
            {
                "fields": [("text_en", "text_fr"), ("url_en", "url_fr"), "order"],
                "classes": SIDE_BY_SIDE,
            },
        )
    ]


class FundingFigureInline(FundingFigureInlineMixin, EditorialInline):
    model = FundingFigure
    fk_name = "page"
    autocomplete_fields = ["program_area"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("label_en", "label_fr"),
                    ("source_url_en", "source_url_fr"),
                    ("amount", "currency"),
                    "more_than",
                    ("kind", "program_area"),
                    ("period_type", "start_year", "end_year"),
                    ("as_of", "part_of"),
                    ("flow", "as_shown"),
                    "order",
                ],
                "classes": SIDE_BY_SIDE,
            },
        )
    ]


# The page form: publish gate and field markers.


class CountryPageForm(forms.ModelForm):
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    minor_change = forms.BooleanField(
        label=_("Minor change (typo, formatting)"),
        required=False,
        help_text=_("Leaves “Date modified” as it is. Otherwise it moves to today on save."),
    )

    # Set per request by CountryPageAdmin.get_form.
    flags: dict[str, FlaggedField] = {}
    user: Any = None
    # While restoring an old version the row already holds the old values: the
    # version the page had before the restore is the one to check against.
    live_version: int | None = None
    # Same for the publication: the stored status, go-live time and languages
    # before a restore, (None, None, None) when recovering a deleted page;
    # None otherwise.
    live_publication: tuple[str | None, Any, str | None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            current = self.live_version if self.live_version is not None else self.instance.version
            self.fields["edit_version"].initial = current
        mark_fields(self, self.flags)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk is not None:
            self.check_version(data.get("edit_version"))
        self.check_publish_permission(data)
        if data.get("status") == CountryPage.Status.PUBLISHED:
            self.check_publishable(data)
            self.check_schedule(data)
        return data

    def stored_publication(self) -> tuple[str | None, Any, str | None]:
        """The page's status, go-live time and languages as stored, before this save."""
        if self.live_publication is not None:
            # A restore or recover: the form starts from the old version's
            # values, so compare with what is stored (or with nothing).
            return self.live_publication
        if self.instance.pk is None:
            return (None, None, None)
        return (
            self.initial.get("status"),
            self.initial.get("publish_at"),
            self.initial.get("available_in"),
        )

    def check_schedule(self, data: dict[str, Any]) -> None:
        """
        Refuse a go-live time in the future on a page that is on the site now.

        "Go live at" holds the whole page back until then (there is no pending
        copy of the changes): set on a live page, it would take the page off
        the site, in both languages, until that time.
        """
        publish_at = data.get("publish_at")
        if publish_at is None or publish_at <= timezone.now():
            return
        old_status, old_publish_at, _old_languages = self.stored_publication()
        if is_live(old_status, old_publish_at):
            self.add_error(
                "publish_at",
                gettext(
                    "This page is on the site now: a go-live time in the future would take "
                    "it off the site until then. Leave “Go live at” empty (changes to a "
                    "published page show at once), or unpublish the page first."
                ),
            )

    def check_version(self, edit_version: int | None) -> None:
        """Refuse a save based on an older version of the page than the one stored."""
        if self.live_version is not None:
            current = self.live_version
        else:
            # Locked until the admin's transaction ends, so two saves cannot both pass.
            current = (
                CountryPage.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
        if current is None or edit_version == current:
            return
        if edit_version is None:
            raise ValidationError(
                gettext("The form did not say which version of the page it edits. Reload it."),
                code="version_missing",
            )
        raise ValidationError(conflict_message(self.instance, edit_version), code="edit_conflict")

    def check_publish_permission(self, data: dict[str, Any]) -> None:
        if self.user is None or self.user.has_perm("pages.publish_countrypage"):
            return
        published = CountryPage.Status.PUBLISHED
        old_status, old_publish_at, old_languages = self.stored_publication()
        if self.live_publication is not None:
            schedule_changed = data.get("publish_at") != old_publish_at
            languages_changed = data.get("available_in") != old_languages
        else:
            schedule_changed = "publish_at" in self.changed_data
            languages_changed = "available_in" in self.changed_data
        new_status = data.get("status")
        touches_publication = (
            new_status != old_status and published in (old_status, new_status)
        ) or (new_status == published and schedule_changed)
        if touches_publication:
            self.add_error(
                "status",
                gettext(
                    "You may edit this page but not publish, unpublish or schedule it. "
                    "Keep it as a draft and ask a publisher."
                ),
            )
        elif new_status == published and old_status == published and languages_changed:
            # Offering a published page in one language only takes the other
            # version off the site (and back): a publication too.
            self.add_error(
                "available_in",
                gettext(
                    "On a published page, changing the languages it is offered in publishes "
                    "or withdraws a version of it: ask a publisher."
                ),
            )

    def check_publishable(self, data: dict[str, Any]) -> None:
        available_in = data.get("available_in") or CountryPage.Availability.BOTH
        languages = required_languages(available_in)
        if available_in != CountryPage.Availability.BOTH:
            # The reason is the notice visitors of the other language read.
            other = OTHER_LANGUAGE[available_in]
            if is_blank(data.get(f"one_language_reason_{other}")):
                self.add_error(
                    f"one_language_reason_{other}",
                    gettext(
                        "A page available in one language only needs the reason, "
                        "in %(language)s, for visitors of that language."
                    )
                    % {"language": LANGUAGE_NAMES[other]},
                )
        empty = empty_required(CountryPage, data.get, languages)
        for name, _label in empty:
            if name in self.fields:
                # Marked at the field too, not only in the summary on top.
                self.add_error(name, gettext("Required to publish this page."))
        missing = [label for _name, label in empty]
        for language in image_alt_missing(data.get("hero_image"), languages):
            missing.append(
                gettext("Hero image alternative text (%(language)s)")
                % {"language": LANGUAGE_NAMES[language]}
            )
        if missing:
            raise ValidationError(
                gettext(
                    "This page cannot be published while these required fields are empty: "
                    "%(fields)s. Fill them in, or make the page available in one language "
                    "only and say why."
                )
                % {"fields": ", ".join(missing)},
                code="publish_gate",
            )


def record_baseline(page: CountryPage) -> None:
    """Give a page made outside the admin (demo content, imports) a first history entry."""
    if Version.objects.get_for_object(page).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(gettext("Version found when first opened in the admin."))
        reversion.add_to_revision(page)


def conflict_message(page: CountryPage, edit_version: int) -> str:
    """Who saved the page since `edit_version` was loaded, and what they changed."""
    changes, revisions = history.changes_since(page, edit_version)
    editors = sorted(
        {
            revision.user.get_username() if revision.user else gettext("an unknown editor")
            for revision in revisions
        }
    ) or [gettext("another editor")]
    when = localize(timezone.localtime(revisions[-1].date_created)) if revisions else ""
    what = "; ".join(
        # French puts a no-break space before the colon (the catalogue's entry).
        gettext("%(object)s: %(fields)s")
        % {"object": change.label, "fields": ", ".join(f.label for f in change.fields)}
        if change.fields
        else f"{change.label} ({ACTION_LABELS[change.action]})"
        for change in changes
    )
    if not what:
        # No recorded base to compare with: the editors' own change messages.
        what = " ".join(r.get_comment() for r in revisions if r.get_comment())
    what = what or gettext("details not available")
    return gettext(
        "Nothing was saved: %(editors)s saved this page after you opened it (%(when)s). "
        "Changed meanwhile: %(what)s. Your changes are still in this form: copy what you "
        "need, open the page again to see the current version, then re-apply them."
    ) % {"editors": ", ".join(editors), "when": when, "what": what}


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation status")
    parameter_name = "translation"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("fr-missing", _("French missing")),
            ("fr-stale", _("French out of date")),
            ("en-missing", _("English missing")),
            ("en-stale", _("English out of date")),
        ]

    def queryset(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        if not self.value() or "-" not in self.value():
            return queryset
        language, kind = self.value().split("-", 1)
        if language not in LANGUAGE_CODES or kind not in ("missing", "stale"):
            return queryset
        return filter_by_status(queryset, language, kind)


@admin.register(CountryPage)
class CountryPageAdmin(VersionAdmin, TranslationAdmin):
    form = CountryPageForm
    object_history_template = "admin/pages/countrypage/object_history.html"
    list_display = [
        "title",
        "iso_code",
        "publication",
        "translation_status",
        "available_in",
        "date_modified",
    ]
    list_filter = ["status", TranslationStatusFilter, "available_in"]
    search_fields = ["name_en", "name_fr", "title_en", "title_fr", "iso_code"]
    autocomplete_fields = ["hero_image"]
    fieldsets = [
        (
            _("Publication"),
            {
                "fields": [
                    "iso_code",
                    ("status", "publish_at"),
                    "available_in",
                    ("date_modified", "minor_change"),
                    "edit_version",
                ]
            },
        ),
        (
            _("English and French"),
            {
                "fields": [
                    ("name_en", "name_fr"),
                    ("title_en", "title_fr"),
                    ("slug_en", "slug_fr"),
                    ("intro_en", "intro_fr"),
                    ("focus_intro_en", "focus_intro_fr"),
                    ("outro_en", "outro_fr"),
                    ("one_language_reason_en", "one_language_reason_fr"),
                ],
                "classes": SIDE_BY_SIDE,
            },
        ),
        (_("Image"), {"fields": ["hero_image"]}),
    ]
    inlines = [
        FocusPointInline,
        SectionInline,
        FundingFigureInline,
        ResultInline,
        VideoInline,
        RelatedLinkInline,
    ]

    class Media:
        css = EDITORIAL_CSS

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return with_translation_counts(super().get_queryset(request))

    def get_fieldsets(self, request: HttpRequest, obj: CountryPage | None = None) -> list:
        return complete_fieldsets(
            self.fieldsets, self.get_form(request, obj, fields=None).base_fields
        )

    def get_form(self, request: HttpRequest, obj: CountryPage | None = None, **kwargs: Any):
        form = super().get_form(request, obj, **kwargs)
        page_flags = request_flags(request).get(("countrypage", obj.pk), {}) if obj else {}
        attributes = {
            "flags": page_flags,
            "user": request.user,
            "live_version": getattr(request, "_live_version", None),
            "live_publication": getattr(request, "_live_publication", None),
        }
        return type(form.__name__, (form,), attributes)

    @contextmanager
    def create_revision(self, request: HttpRequest) -> Iterator[None]:
        # Manual: the page is added once everything is saved (save_related), so
        # its revision holds the inlines as saved, without the deleted ones.
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            yield

    def save_model(
        self, request: HttpRequest, obj: CountryPage, form: forms.Form, change: bool
    ) -> None:
        if change:
            # Every admin save moves the version, inline-only edits included.
            obj.version = (form.cleaned_data.get("edit_version") or obj.version) + 1
            if not form.cleaned_data.get("minor_change") and "date_modified" not in (
                form.changed_data
            ):
                obj.date_modified = timezone.localdate()
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: forms.Form, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        self.report_removed_markup(request, form, formsets)
        if hasattr(request, "_live_publication"):
            # A restore or recovery (revision_view, recover_view): django-reversion
            # writes the inlines as raw saves, which the signals that keep the
            # translation status skip, and the admin re-saves only the inline
            # forms that changed. Everything on the page is recorded again.
            record_page_tree(form.instance)
        if reversion.is_active():
            reversion.add_to_revision(form.instance)

    def report_removed_markup(self, request: HttpRequest, form: forms.Form, formsets: list) -> None:
        """Tell the editor what the save removed from rich text (CountryPage.save, Section.save)."""
        removed = []
        sources = [(CountryPage, None, form, TRACKED[CountryPage].rich)]
        for formset in formsets:
            spec = spec_for(formset.model)
            if spec is not None and spec.rich:
                # Numbered as the publish gate numbers them: the rows kept.
                sources += [
                    (formset.model, number, inline, spec.rich)
                    for number, inline in kept_rows(formset)
                ]
        for model, number, source, fields in sources:
            for field in fields:
                for language in LANGUAGE_CODES:
                    found = removed_markup(source.cleaned_data.get(f"{field}_{language}") or "")
                    if found:
                        label = field_label(model, field, language)
                        if number is not None:
                            label = inline_row_label(model, number, label)
                        removed.append(f"{label} ({', '.join(found)})")
        if removed:
            messages.warning(
                request,
                gettext(
                    "Some markup was removed on save, as pages keep only paragraphs, lists, "
                    "links, emphasis and level 3 and 4 headings: %(places)s."
                )
                % {"places": "; ".join(removed)},
            )

    def revision_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context=None
    ) -> HttpResponse:
        # The restore form is checked against the page as stored before the
        # restore: its version, and its publication (which only publishers change).
        live = (
            CountryPage.objects.filter(pk=unquote(object_id))
            .values_list("version", "status", "publish_at", "available_in")
            .first()
        )
        if live is not None:
            request._live_version = live[0]
            request._live_publication = live[1:]
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(
        self, request: HttpRequest, version_id: str, extra_context=None
    ) -> HttpResponse:
        # A deleted page brought back as published is a publication.
        request._live_publication = (None, None, None)
        return super().recover_view(request, version_id, extra_context)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        versions = history.page_versions(unquote(object_id))
        changes = history.revision_changes([version.revision for version in versions])
        # Latest first, each with what it changed and the link that restores it.
        action_list = [
            {
                "revision": version.revision,
                "changes": changes[version.revision_id],
                "url": reverse(
                    "admin:pages_countrypage_revision", args=[quote(object_id), version.pk]
                ),
            }
            for version in reversed(versions)
        ]
        context = {"action_list": action_list}
        context.update(extra_context or {})
        # Django's view (permissions, template), not reversion's: its own list
        # of every version would be built only to be replaced by this one.
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, page: CountryPage) -> str:
        if page.status != CountryPage.Status.PUBLISHED:
            return gettext("Draft")
        if page.publish_at and page.publish_at > timezone.now():
            return gettext("Scheduled for %(when)s") % {
                "when": localize(timezone.localtime(page.publish_at))
            }
        return gettext("Published")

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        page = self.get_object(request, object_id)
        if page is not None and request.method == "GET":
            record_baseline(page)
        flags = flagged_fields(page) if page is not None else []
        request._translation_flags = flags_by_object(flags)
        context = {"translation_flags": describe_flags(page, flags)} if page else {}
        context.update(extra_context or {})
        return super().change_view(request, object_id, form_url, context)

    @admin.display(description=_("translation"))
    def translation_status(self, page: CountryPage) -> str:
        parts = []
        for language in LANGUAGE_CODES:
            if page.available_in == OTHER_LANGUAGE[language]:
                continue
            missing = getattr(page, f"missing_{language}", 0)
            stale = getattr(page, f"stale_{language}", 0)
            if missing:
                parts.append(("translation-missing", field_count(language, missing, "missing")))
            if stale:
                parts.append(("translation-stale", field_count(language, stale, "stale")))
        if not parts:
            return format_html('<span class="translation-ok">{}</span>', gettext("Up to date"))
        return format_html_join(" ", '<span class="{}">{}</span>', parts)


def field_count(language: str, count: int, kind: str) -> str:
    if kind == "missing":
        text = ngettext(
            "%(language)s: %(count)s field missing",
            "%(language)s: %(count)s fields missing",
            count,
        )
    else:
        text = ngettext(
            "%(language)s: %(count)s field out of date",
            "%(language)s: %(count)s fields out of date",
            count,
        )
    return text % {"language": str(LANGUAGE_NAMES[language]).capitalize(), "count": count}


def describe_flags(page: CountryPage, flags: list[FlaggedField]) -> list[dict[str, str]]:
    """The change form's summary: which field of which part of the page, and why."""
    names: dict[tuple[type, int], str] = {(CountryPage, page.pk): str(page._meta.verbose_name)}
    for model in {flag.model for flag in flags} - {CountryPage}:
        ids = [flag.object_id for flag in flags if flag.model is model]
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = f"{model._meta.verbose_name} “{obj}”"
    return [
        {
            "where": names.get((flag.model, flag.object_id), str(flag.model._meta.verbose_name)),
            "field": field_label(flag.model, flag.field, flag.language),
            "kind": flag.kind,
            "text": flag_text(flag),
        }
        for flag in flags
    ]


@admin.register(ProgramArea)
class ProgramAreaAdmin(TranslationAdmin):
    list_display = ["name", "order"]
    search_fields = ["name_en", "name_fr"]
    fieldsets = [
        (
            _("English and French"),
            {
                "fields": [("name_en", "name_fr"), ("slug_en", "slug_fr")],
                "classes": SIDE_BY_SIDE,
            },
        ),
        (
            None,
            {"fields": [("description_en", "description_fr"), "order"], "classes": SIDE_BY_SIDE},
        ),
    ]

    class Media:
        css = EDITORIAL_CSS
