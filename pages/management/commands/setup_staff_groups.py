"""Create or reset the staff groups Editor, Publisher and Feedback triage (re-runnable)."""

from django.contrib.auth.management import create_permissions
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from pages.staff_groups import ensure_staff_groups


class Command(BaseCommand):
    help = "Create or reset the staff groups and their permissions."

    def handle(self, *args, **options) -> None:
        from django.apps import apps

        with transaction.atomic():
            # Permissions of models added since the last migrate exist only after it.
            create_permissions(apps.get_app_config("pages"), verbosity=0)
            for name in ensure_staff_groups():
                self.stdout.write(_("Group ready: %(name)s") % {"name": name})
