"""A dump of the content loads back whole: the SQLite backup path (dumpdata/loaddata)."""

import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils.dateparse import parse_datetime

from pages.models import CountryPage, Section
from tests.factories import make_country, make_section

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")


def _content(dump: str) -> list:
    """
    A dump's objects, each timestamp read as the instant it is.

    Django writes a timestamp to the millisecond: one saved at 12:00:00.000400
    dumps as "12:00:00.000" and, loaded back (00 µs), dumps as "12:00:00".
    Same instant, another string: the comparison is of instants.
    """

    def read(value):
        if isinstance(value, str) and TIMESTAMP.fullmatch(value):
            return parse_datetime(value)
        if isinstance(value, dict):
            return {key: read(item) for key, item in value.items()}
        if isinstance(value, list):
            return [read(item) for item in value]
        return value

    return read(json.loads(dump))


@pytest.mark.django_db
def test_dumped_content_loads_back_into_an_empty_database(tmp_path):
    page = make_country()
    make_section(page, heading_en="Humanitarian assistance", heading_fr="Aide humanitaire")
    dump = tmp_path / "content.json"
    call_command("dumpdata", "pages", output=str(dump), verbosity=0)
    before = dump.read_text()

    # Emptied as a fresh database would be, without resetting its id sequences,
    # so that rows the load creates on the side would collide with the dump's.
    for model in reversed(list(apps.get_app_config("pages").get_models())):
        model._base_manager.all().delete()
    assert CountryPage.objects.count() == 0
    call_command("loaddata", str(dump), verbosity=0)

    assert Section.objects.get().heading_fr == "Aide humanitaire"
    again = io.StringIO()
    call_command("dumpdata", "pages", stdout=again, verbosity=0)
    assert _content(again.getvalue()) == _content(before)
