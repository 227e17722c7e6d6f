"""Admin, split by topic."""

from pages.admin import content, feedback, images  # noqa: F401  (registers the admin classes)
