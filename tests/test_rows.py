"""Light rows read by templates: subscription finds attributes, a missing name stays missing."""

from dataclasses import dataclass

import pytest
from django.template import engines

from pages.rows import TemplateRow


@dataclass(slots=True)
class Row(TemplateRow):
    name: str

    def shout(self) -> str:
        return self.name.upper()


def test_subscription_finds_attributes_and_methods():
    row = Row("mali")
    assert row["name"] == "mali"
    assert row["shout"]() == "MALI"
    with pytest.raises(KeyError):
        row["missing"]
    assert not hasattr(row, "__dict__")  # Still slotted.


def test_template_reads_a_row_as_it_reads_an_object():
    template = engines["django"].from_string("{{ row.name }}|{{ row.shout }}|{{ row.missing }}|")
    assert template.render({"row": Row("mali")}) == "mali|MALI||"
