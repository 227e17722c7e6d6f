"""The French catalogue is complete, well-formed and typographically French."""

import ast
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


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The public pages' own templates; other parts of the site follow their own
# tests for now (see README, "French typography").
PUBLIC_TEMPLATES = [
    "base.html",
    "pages/home.html",
    "pages/countrypage_detail.html",
    "pages/programarea_detail.html",
    *(
        f"includes/{name}.html"
        for name in (
            "breadcrumbs",
            "country_list",
            "date_modified",
            "language_toggle",
            "related_links",
            "results",
            "signature",
            "site_footer",
            "video_gallery",
        )
    ),
]


PUBLIC_MODULE = TEMPLATES.parent / "pages" / "markup.py"


def public_page_msgids() -> set[str]:
    msgids = set()
    for name in PUBLIC_TEMPLATES:
        text = (TEMPLATES / name).read_text()
        for double, single in re.findall(r"{% translate (?:\"([^\"]+)\"|'([^']+)')", text):
            msgids.add(double or single)
        for block in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text):
            msgids.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", block))
    # The parts of the country page written in Python (figures, funding rows).
    for node in ast.walk(ast.parse(PUBLIC_MODULE.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "gettext":
            msgids.add(node.args[0].value)
    return msgids


def test_public_page_templates_have_their_strings_in_the_catalogue():
    known = {message.id for message in catalogue_messages()}
    public = public_page_msgids()
    assert {"Photo credit: %(credit)s", "Skip to main content"} <= public  # both kinds found
    assert public - known == set()


def test_french_puts_a_non_breaking_space_before_colons_and_inside_guillemets():
    # Every message, the admin's included: editors read French too.
    checked = 0
    for message in catalogue_messages():
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if "<slug:" in targets[0] or "<int:" in targets[0]:
            continue  # a URL pattern, not text
        for target in targets:
            checked += ":" in target or "«" in target
            # Translation Bureau: a non-breaking space (or a narrow one) before
            # the colon, after « and before ».
            assert not re.search(r"(?<![\u00a0\u202f]):", target), f"U+00A0 before ':' {target!r}"
            assert not re.search(r"«(?![\u00a0\u202f])", target), f"U+00A0 after '«' {target!r}"
            assert not re.search(r"(?<![\u00a0\u202f])»", target), f"U+00A0 before '»' {target!r}"
    assert checked > 50  # the catalogue has that many colons and guillemets


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
