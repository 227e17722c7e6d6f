"""Staff groups and the least permissions each needs; used by a data migration and a command."""

from django.apps import apps as global_apps
from django.apps.registry import Apps

# Content an editor writes through the country page admin and its inlines
# (the inline proxies FocusPoint, Result, Video, RelatedLink have their own
# permissions), images and program areas.
INLINE_MODELS = (
    "section",
    "fundingfigure",
    "pageitem",
    "focuspoint",
    "result",
    "video",
    "relatedlink",
)

EDITOR = (
    # Pages: no delete, and publishing needs publish_countrypage.
    *(f"{action}_countrypage" for action in ("view", "add", "change")),
    *(
        f"{action}_{model}"
        for model in INLINE_MODELS
        for action in ("view", "add", "change", "delete")
    ),
    *(f"{action}_image" for action in ("view", "add", "change")),
    *(f"{action}_programarea" for action in ("view", "add", "change")),
    # Problem reports point at what to fix; editors read them, triage handles them.
    "view_feedbackreport",
)

GROUPS: dict[str, tuple[str, ...]] = {
    "Editor": EDITOR,
    "Publisher": (*EDITOR, "publish_countrypage"),
    "Feedback triage": ("view_feedbackreport", "change_feedbackreport", "handle_feedbackreport"),
}


def ensure_staff_groups(apps: Apps = global_apps) -> list[str]:
    """Create or update the groups so each has exactly its permissions; return their names."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        permissions = list(
            permission_model.objects.filter(content_type__app_label="pages", codename__in=codenames)
        )
        found = {permission.codename for permission in permissions}
        missing = sorted(set(codenames) - found)
        if missing:
            raise LookupError(f"Permissions not found for group {name}: {', '.join(missing)}")
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.set(permissions)
    return list(GROUPS)
