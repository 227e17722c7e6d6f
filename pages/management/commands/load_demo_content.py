"""`manage.py load_demo_content`: create or refresh the demo pages; safe to run again."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from pages.demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Create or update the demo content: Mali (from the published page), Senegal and "
        "Ghana (illustrative text and figures, not official data), program areas and "
        "generated photos. Idempotent: a second run changes nothing. With DEBUG on, also "
        "creates a local superuser 'admin' with a random password if there is no superuser yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-superuser",
            action="store_true",
            help="Never create the local 'admin' superuser, even with DEBUG on.",
        )

    def handle(self, *args, no_superuser: bool = False, **options) -> None:
        try:
            load_demo_content(self.stdout)
        except IntegrityError as error:
            # Nothing was written (one transaction): say what is in the way.
            raise CommandError(
                "The demo content was not loaded: an object made or renamed in the admin "
                f"holds a name or slug the demo needs ({error}). Rename that object, or "
                "load the demo into an empty database."
            ) from error
        if settings.DEBUG and not no_superuser:
            self.create_local_superuser()

    def create_local_superuser(self) -> None:
        """A login for `make run`: random password, shown once, never a fixed one."""
        User = get_user_model()
        if (
            User.objects.filter(is_superuser=True).exists()
            or User.objects.filter(username="admin").exists()
        ):
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username="admin", email="", password=password)
        self.stdout.write(
            self.style.WARNING(
                f"Created the local superuser 'admin' with password: {password}\n"
                "It is shown only this once; change it at /admin/password_change/."
            )
        )
