"""`manage.py process_images`: make renditions for images that have none (or all, with --all)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from pages.models import Image


class Command(BaseCommand):
    help = (
        "Re-encode stored images and make their renditions: those without renditions, "
        "or every image with --all. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Process every image again.")

    def handle(self, *args, **options) -> None:
        images = Image.objects.exclude(file="").order_by("pk")
        if not options["all"]:
            images = images.filter(renditions=[])
        done = failed = 0
        for image in images.iterator():
            try:
                # One image per transaction: old files go as soon as its row is saved.
                with transaction.atomic():
                    image.reprocess()
            except Exception as error:
                # Whatever stops one image (not an image, missing from storage,
                # a file Pillow chokes on) is reported, and the others are
                # still processed: one bad file must not hold up the rest.
                failed += 1
                if isinstance(error, ValidationError):
                    reason = " ".join(error.messages)
                else:
                    reason = f"{type(error).__name__}: {error}"
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {reason}")
            else:
                done += 1
        self.stdout.write(f"Processed {done} image(s); {failed} could not be processed.")
