"""The French catalogue is complete, well-formed and typographically French."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils.translation import gettext, override

PO_PATH = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def catalogue_messages() -> list:
    with PO_PATH.open("rb") as po_file:
        catalog = read_po(po_file, locale="fr")
    return [message for message in catalog if message.id]


def test_every_message_has_a_french_translation():
    empty = [message.id for message in catalogue_messages() if not message.string]
    assert empty == []


def test_no_message_is_fuzzy():
    fuzzy = [message.id for message in catalogue_messages() if message.fuzzy]
    assert fuzzy == []


def test_translations_keep_their_placeholders():
    for message in catalogue_messages():
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), source


def test_french_puts_a_non_breaking_space_before_colons_and_inside_guillemets():
    for message in catalogue_messages():
        target = message.string if isinstance(message.string, str) else message.string[0]
        if "://" in target or "<slug" in target:
            continue
        # Translation Bureau: a non-breaking space (or a narrow one) before the colon.
        assert not re.search(r"(?<![\u00a0\u202f]):", target), f"use U+00A0 before ':' {target!r}"
        assert " :" not in target, target
        assert "« " not in target and " »" not in target, target


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("Date modified:", "Date de modification\u00a0:"),
        ("(in French only)", "(en français seulement)"),
        ("(in English only)", "(en anglais seulement)"),
        ("Page not available in English", "Page non disponible en français"),
        ("Canada's areas of action", "Domaines d'action du Canada"),
    ],
)
def test_the_compiled_catalogue_is_what_the_site_reads(english, french):
    with override("fr"):
        assert gettext(english) == french
