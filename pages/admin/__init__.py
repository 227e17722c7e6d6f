"""Admin, split by topic."""

# Imported to register the admin classes.
from pages.admin import content, feedback, funding, images  # noqa: F401
