"""Content changes invalidate the public page cache (see pages/cache.py)."""

from django.apps import AppConfig
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from pages.cache import content_changed

# Models of this app whose rows never appear on a public page. Every other
# model of the app, including ones added later, invalidates on change: a
# missed invalidation serves stale pages, an extra one costs one render.
# Translation-status rows are admin bookkeeping, and search entries feed only
# the search page, which is never cached; both are written by the dozen on
# each page save that already invalidates.
NON_CONTENT_MODELS = {"feedbackreport", "fieldtranslationstate", "searchentry"}


def is_content(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label == "pages" and meta.model_name not in NON_CONTENT_MODELS


def schedules_pages(model: type[Model]) -> bool:
    from pages.models import CountryPage

    return issubclass(model, CountryPage)


def on_save_or_delete(sender: type[Model], **kwargs) -> None:
    if is_content(sender):
        content_changed(schedule=schedules_pages(sender))


def on_m2m_changed(sender: type[Model], action: str, **kwargs) -> None:
    if action.startswith("post_") and (is_content(sender) or is_content(kwargs["model"])):
        content_changed()


def on_migrate(sender: AppConfig, **kwargs) -> None:
    # A data migration can change content without model signals. The tables
    # may be gone (migrating back to zero): no schedule query here.
    content_changed()


def connect(app_config: AppConfig) -> None:
    # Connected for every sender and filtered by app label, so models that
    # other parts of the app add later are covered without a change here.
    post_save.connect(on_save_or_delete, dispatch_uid="pages-cache-post-save")
    post_delete.connect(on_save_or_delete, dispatch_uid="pages-cache-post-delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="pages-cache-m2m")
    post_migrate.connect(on_migrate, sender=app_config, dispatch_uid="pages-cache-migrate")
