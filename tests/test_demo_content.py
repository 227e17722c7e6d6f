"""The demo content command: complete bilingual Mali page, other countries, idempotent re-runs."""

import contextlib
import dataclasses
import html
import io
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from PIL import Image as PILImage

from pages.demo import mali
from pages.demo.images import render_scene
from pages.management.commands.load_demo_content import Command
from pages.models import (
    CountryPage,
    FieldTranslationState,
    FundingFigure,
    Image,
    PageItem,
    ProgramArea,
    Section,
)
from pages.models.search import SearchEntry
from pages.translation_status import mark_in_step
from tests.factories import make_country, make_section

SNAPSHOT_MODELS = (ProgramArea, Image, CountryPage, Section, FundingFigure, PageItem)
# The translated fields of each model, by their base name.
TRANSLATED = {
    CountryPage: ("name", "title", "slug", "intro", "focus_intro", "outro"),
    Section: ("heading", "body"),
    FundingFigure: ("label", "source_url"),
    PageItem: ("text", "url", "body", "transcript", "sub_text"),
    Image: ("alt_text", "credit"),
    ProgramArea: ("name", "slug", "description"),
}


def snapshot() -> dict[str, list[dict]]:
    """Every column of every demo table, in primary-key order."""
    return {
        model.__name__: list(model.objects.order_by("pk").values()) for model in SNAPSHOT_MODELS
    }


def media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def demo_pages():
    return CountryPage.objects.filter(iso_code__in=["ML", "SN", "GH"])


def run_command() -> str:
    out = io.StringIO()
    call_command("load_demo_content", "--no-superuser", stdout=out)
    return out.getvalue()


class DemoContentTests(TestCase):
    """One load (and one re-run) for the whole class: the command draws photos, which takes time."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.media_root = tempfile.mkdtemp(prefix="demo-media-")
        cls.addClassCleanup(shutil.rmtree, cls.media_root, ignore_errors=True)
        cls.media_override = override_settings(MEDIA_ROOT=cls.media_root)
        cls.media_override.enable()
        cls.addClassCleanup(cls.media_override.disable)
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        cls.first_output = run_command()
        cls.first_snapshot = snapshot()
        cls.first_files = media_files()
        cls.second_output = run_command()
        cls.second_snapshot = snapshot()
        cls.second_files = media_files()

    @contextlib.contextmanager
    def own_media(self):
        """Media of its own for a test that changes files: the database rolls back, files do not."""
        root = tempfile.mkdtemp(prefix="demo-media-")
        try:
            shutil.copytree(self.media_root, root, dirs_exist_ok=True)
            with override_settings(MEDIA_ROOT=root):
                yield
        finally:
            shutil.rmtree(root, ignore_errors=True)

    def mali(self) -> CountryPage:
        return CountryPage.objects.get(iso_code="ML")

    def test_mali_page_is_published_with_the_editorial_date(self):
        page = self.mali()
        assert page.status == CountryPage.Status.PUBLISHED
        assert page.available_in == CountryPage.Availability.BOTH
        assert str(page.date_modified) == "2026-11-28"
        assert (page.slug_en, page.slug_fr) == ("mali", "mali")
        assert page.hero_image is not None

    def test_mali_has_every_area_of_action_and_sub_section_in_order(self):
        sections = list(self.mali().sections.order_by("order"))
        assert [(s.heading_en, s.heading_level) for s in sections] == [
            ("Diplomatic engagement", 3),
            ("Development assistance", 3),
            ("Humanitarian assistance", 3),
            ("Trade and investment", 3),
            ("Promoting peace, security and stabilization", 3),
            ("Canada's engagement in peace operations", 4),
            ("Peace and Stabilization Operations Program", 4),
            ("Justice, Prevention and Reconciliation", 4),
            ("Operation PRESENCE", 4),
            ("Canadian Police Arrangement", 4),
        ]
        assert all(section.program_area_id for section in sections)

    def test_every_area_of_action_has_a_photo_with_bilingual_alt_text_and_seed_credit(self):
        areas = self.mali().sections.filter(heading_level=3).order_by("order")
        credits = [section.image.credit_en for section in areas]
        assert credits == [
            "Shutterstock",
            "Canadian Embassy in Mali",
            "OCHA/Tanya Bindra",
            "Shutterstock",
            "RCMP",
        ]
        for section in areas:
            image = section.image
            assert image.alt_text_en and image.alt_text_fr and image.credit_fr
            assert (image.width, image.height) == (1600, 900)

    def test_mali_has_every_funding_figure_of_the_seed(self):
        figures = {
            (f.amount, f.kind, f.period_type, f.start_year, f.end_year)
            for f in self.mali().funding_figures.all()
        }
        million = Decimal(1_000_000)
        # The B2Gold mine's "over $600 million" has no period in the seed: it
        # stays in the text, not among the figures.
        assert figures == {
            (1600 * million, "assistance", "since", 2000, None),
            (Decimal("139.93") * million, "assistance", "fiscal", 2018, 2019),
            (67 * million, "humanitarian", "since", 2012, None),
            (Decimal("23.1") * million, "trade_total", "year", 2018, None),
            (Decimal("20.9") * million, "trade_exports", "year", 2018, None),
            (Decimal("2.2") * million, "trade_imports", "year", 2018, None),
            (Decimal("29.5") * million, "trade_total", "year", 2019, None),
            (Decimal("26.6") * million, "trade_exports", "year", 2019, None),
            (Decimal("2.9") * million, "trade_imports", "year", 2019, None),
            (30 * million, "stabilization", "range", 2016, 2019),
            (28 * million, "stabilization", "range", 2019, 2022),
            (Decimal("9.8") * million, "stabilization", "range", 2016, 2020),
            (1 * million, "stabilization", "range", 2018, 2020),
        }

    def test_amounts_the_seed_gives_as_more_than_say_so_in_both_languages(self):
        minimums = {
            (f.kind, f.start_year): (f.display_amount("en"), f.display_amount("fr"))
            for f in self.mali().funding_figures.filter(more_than=True)
        }
        assert minimums == {
            ("assistance", 2000): (
                "more than $1.6\u00a0billion",
                "plus de 1,6\u00a0milliard\u00a0de\u00a0dollars",
            ),
            ("humanitarian", 2012): (
                "more than $67\u00a0million",
                "plus de 67\u00a0millions\u00a0de\u00a0dollars",
            ),
            ("stabilization", 2016): (
                "more than $30\u00a0million",
                "plus de 30\u00a0millions\u00a0de\u00a0dollars",
            ),
        }
        labels = [f.label_en + f.label_fr for f in self.mali().funding_figures.all()]
        assert not [label for label in labels if "more than" in label or "plus" in label]

    def test_parts_point_to_the_figure_that_contains_them(self):
        figures = self.mali().funding_figures.select_related("part_of")
        parts = {(f.amount, f.part_of.amount) for f in figures if f.part_of}
        million = Decimal(1_000_000)
        assert (Decimal("139.93") * million, 1600 * million) in parts
        assert (Decimal("20.9") * million, Decimal("23.1") * million) in parts
        assert (Decimal("2.9") * million, Decimal("29.5") * million) in parts
        for figure in figures:
            assert figure.program_area_id
            assert figure.source_url_en and figure.source_url_fr
            assert figure.as_of is None  # the seed dates none of its figures
            if figure.part_of:
                assert figure.amount <= figure.part_of.amount

    def test_money_given_says_whether_it_was_paid_or_promised(self):
        flows = {(f.kind, f.start_year): f.flow for f in self.mali().funding_figures.all()}
        assert flows[("assistance", 2000)] == "disbursement"
        assert flows[("stabilization", 2019)] == "commitment"
        assert flows[("trade_exports", 2019)] == ""

    def test_mali_has_the_focus_points_results_video_and_links(self):
        items = self.mali().items.all()
        by_kind = {kind: [i for i in items if i.kind == kind] for kind in PageItem.Kind.values}
        assert len(by_kind["focus"]) == 7
        results = {(r.value, r.sub_value) for r in by_kind["result"]}
        assert {
            (Decimal(360), Decimal(151)),
            (Decimal(12), None),
            (Decimal(61), None),
            (Decimal(688), None),
            (None, None),  # "More than 15,000 people": the sentence says it
            (Decimal(3755), None),
        } == results
        # The page reads "151 of them women" / "dont 151 femmes": the label alone.
        ambassadors = next(r for r in by_kind["result"] if r.sub_value)
        assert (ambassadors.sub_text_en, ambassadors.sub_text_fr) == ("women", "femmes")
        more_than = next(r for r in by_kind["result"] if r.value is None)
        assert more_than.text_en.startswith("More than 15,000 people")
        assert more_than.text_fr.startswith("Plus de 15\u00a0000 personnes")
        # The seed's video gallery is empty: no video is made up for Mali.
        assert by_kind["video"] == []
        senegal = CountryPage.objects.get(iso_code="SN")
        video = senegal.items.get(kind="video")
        assert "(illustrative)" in video.text_en and "illustration" in video.text_fr
        assert video.url_en and video.transcript_en.count("\n") > 5 and video.transcript_fr
        french_only = [link for link in by_kind["link"] if not link.url_en]
        assert [link.text_en for link in french_only] == [
            "Agreement for Peace and Reconciliation in Mali (Algiers Accord)"
        ]
        assert french_only[0].target_language_only("en") == "fr"

    def test_no_french_field_of_the_mali_page_is_empty_where_english_is_filled(self):
        page = self.mali()
        objects = [
            page,
            page.hero_image,
            *page.sections.all(),
            *[section.image for section in page.sections.all() if section.image],
            *page.funding_figures.all(),
            *page.items.all(),
            *ProgramArea.objects.all(),
        ]
        for obj in objects:
            for field in TRANSLATED[type(obj)]:
                english = getattr(obj, f"{field}_en")
                french = getattr(obj, f"{field}_fr")
                if field == "url" and obj.kind == PageItem.Kind.LINK and not english:
                    continue  # a target that exists in French only
                assert bool(english) == bool(french), (obj, field)

    def test_french_only_link_in_the_text_says_so_in_english(self):
        body_en = self.mali().sections.get(order=1).body_en
        assert 'hreflang="fr"' in body_en
        assert "Algiers Accord</a> (in French only)" in body_en

    def test_seed_typos_are_not_carried_over(self):
        text = " ".join(
            str(value)
            for rows in self.second_snapshot.values()
            for row in rows
            for value in row.values()
        )
        for typo in ("overfive", "effortsin", "partners.Through", "TRCJ"):
            assert typo not in text

    def test_french_colons_and_numbers_get_non_breaking_spaces(self):
        page = self.mali()
        assert page.focus_intro_fr.endswith("\u00a0:")
        french = [page.intro_fr, *(section.body_fr for section in page.sections.all())]
        french += [item.transcript_fr for item in page.items.all()]
        text = html.unescape(" ".join(french))
        assert " :" not in text
        assert "15\u00a0000 personnes" in text and "1,6\u00a0milliard" in text

    def test_english_only_country_has_no_french_and_says_why(self):
        page = CountryPage.objects.get(iso_code="GH")
        assert page.available_in == CountryPage.Availability.EN
        assert not (page.title_fr or page.name_fr or page.slug_fr or page.intro_fr)
        assert not any(section.heading_fr or section.body_fr for section in page.sections.all())
        assert page.one_language_reason_en and page.one_language_reason_fr
        response = self.client.get("/fr/pays/ghana/")
        assert response.status_code == 200
        assert "publiée en anglais seulement" in response.content.decode()

    def test_other_countries_say_their_figures_are_illustrative(self):
        for iso_code in ("SN", "GH"):
            page = CountryPage.objects.get(iso_code=iso_code)
            assert "Demonstration content" in page.intro_en
            assert page.funding_figures.exists() and page.items.filter(kind="result").exists()
        assert "Contenu de démonstration" in CountryPage.objects.get(iso_code="SN").intro_fr

    def test_second_run_leaves_every_row_and_file_as_it_was(self):
        assert self.first_snapshot == self.second_snapshot
        assert self.first_files == self.second_files
        stored = [(image.file.name, *image.rendition_names) for image in Image.objects.all()]
        assert self.first_files == sorted(name for names in stored for name in names)
        assert "content: 0 created, 0 updated" in self.second_output
        assert "content: 0 created" not in self.first_output

    def test_demo_pages_are_searchable_in_their_languages_even_after_the_index_is_lost(self):
        def indexed() -> set[tuple[str, str]]:
            return set(
                SearchEntry.objects.filter(page__isnull=False).values_list(
                    "page__iso_code", "language"
                )
            )

        expected = {("ML", "en"), ("ML", "fr"), ("SN", "en"), ("SN", "fr"), ("GH", "en")}
        assert indexed() == expected
        SearchEntry.objects.all().delete()
        run_command()
        assert indexed() == expected
        assert SearchEntry.objects.filter(program_area__isnull=False).count() == 16

    def test_program_areas_have_slugs_in_both_languages(self):
        slugs = dict(ProgramArea.objects.values_list("slug_en", "slug_fr"))
        assert slugs["diplomatic-engagement"] == "engagement-diplomatique"
        assert len(slugs) == 8 and all(slugs.values())

    def test_mali_renders_in_english_and_french(self):
        english = self.client.get("/en/countries/mali/")
        french = self.client.get("/fr/pays/mali/")
        assert english.status_code == 200 and french.status_code == 200
        assert "Canada&#x27;s engagement in Mali" in english.content.decode()
        assert "Engagement diplomatique" in french.content.decode()

    def test_rows_dropped_from_the_demo_data_go_only_on_demo_pages(self):
        extra = make_section(self.mali(), order=99, heading_en="Left over")
        other = make_country(iso_code="NE", slug_en="niger", slug_fr="niger", name_en="Niger")
        kept = make_section(other, order=99)
        output = run_command()
        assert not Section.objects.filter(pk=extra.pk).exists()
        assert Section.objects.filter(pk=kept.pk).exists()
        assert "1 deleted" in output

    def test_a_program_area_given_another_english_slug_is_found_and_put_back(self):
        area = ProgramArea.objects.get(slug_en="peace-operations")
        ProgramArea.objects.filter(pk=area.pk).update(slug_en="peacekeeping")
        count = ProgramArea.objects.count()
        run_command()
        assert ProgramArea.objects.count() == count
        assert ProgramArea.objects.get(pk=area.pk).slug_en == "peace-operations"

    def test_a_slug_taken_in_the_admin_stops_the_load_with_a_sentence_and_writes_nothing(self):
        area = ProgramArea.objects.get(slug_en="peace-operations")
        ProgramArea.objects.filter(pk=area.pk).update(slug_en="peacekeeping")
        # Another area took the demo area's English slug: the demo would give
        # it the French slug the renamed area still holds.
        ProgramArea.objects.create(
            name_en="Other", name_fr="Autre", slug_en="peace-operations", slug_fr="autre", order=50
        )
        before = snapshot()
        with self.assertRaisesMessage(CommandError, "The demo content was not loaded"):
            run_command()
        assert snapshot() == before

    def test_a_load_that_fails_leaves_no_new_file_behind(self):
        with self.own_media():
            self.check_a_load_that_fails_leaves_no_new_file()

    def check_a_load_that_fails_leaves_no_new_file(self):
        image = self.mali().hero_image
        image.file.storage.delete(image.file.name)  # so the load draws it again
        before = media_files()
        # A page made in the admin holds the slug the demo's Mali needs.
        CountryPage.objects.filter(iso_code="ML").update(slug_en="mali-demo")
        make_country(iso_code="XX", slug_en="mali", slug_fr="mali-xx", name_en="Not Mali")
        with self.assertRaisesMessage(CommandError, "The demo content was not loaded"):
            run_command()
        assert media_files() == before

    def test_demo_texts_are_in_step_even_when_one_language_changed_since_the_last_run(self):
        page = self.mali()
        figure = page.funding_figures.get(kind="trade_exports", start_year=2018)
        # As an older demo left it: another French label, both languages in step.
        figure.label_fr = "Exportations canadiennes de marchandises au Mali"
        figure.save()
        mark_in_step(page)
        run_command()  # the demo's French label comes back; the English did not change
        stale = FieldTranslationState.objects.filter(page__in=demo_pages(), is_stale=True)
        assert list(stale) == []

    def test_a_lost_photo_file_is_drawn_again_without_a_new_row(self):
        with self.own_media():
            self.check_a_lost_photo_file_is_drawn_again()

    def check_a_lost_photo_file_is_drawn_again(self):
        image = self.mali().hero_image
        image.file.storage.delete(image.file.name)
        # Run the commit hooks: they remove the renditions of the lost file.
        with self.captureOnCommitCallbacks(execute=True):
            run_command()
        image.refresh_from_db()
        assert image.file.storage.exists(image.file.name)
        assert Image.objects.filter(title=image.title).count() == 1
        assert len(media_files()) == len(self.first_files)

    def test_a_changed_drawing_replaces_the_file_and_keeps_the_row(self):
        with self.own_media():
            self.check_a_changed_drawing_replaces_the_file()

    def check_a_changed_drawing_replaces_the_file(self):
        image = self.mali().hero_image
        old_names = [image.file.name, *image.rendition_names]
        redrawn = dataclasses.replace(
            mali.HERO, scene=dataclasses.replace(mali.HERO.scene, seed=mali.HERO.scene.seed + 1)
        )
        with (
            mock.patch.dict(mali.PAGE, {"hero_image": redrawn}),
            # Image.save removes the replaced files once the transaction commits.
            self.captureOnCommitCallbacks(execute=True),
        ):
            output = run_command()
        image.refresh_from_db()
        assert "content: 0 created, 1 updated" in output
        assert image.file.name not in old_names
        assert Image.objects.filter(title=image.title).count() == 1
        assert not any(name in media_files() for name in old_names)
        assert len(media_files()) == len(self.first_files)


def test_photos_are_deterministic_jpegs_of_the_right_size():
    first = render_scene(mali.HERO.scene)
    assert first == render_scene(mali.HERO.scene)
    with PILImage.open(io.BytesIO(first)) as image:
        assert (image.format, image.size) == ("JPEG", (1600, 900))


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class LocalSuperuserTests(TestCase):
    def test_creates_admin_once_with_a_random_password(self):
        out = io.StringIO()
        command = Command(stdout=out)
        command.create_local_superuser()
        command.create_local_superuser()
        user = get_user_model().objects.get(username="admin")
        assert get_user_model().objects.count() == 1 and user.is_superuser
        password = out.getvalue().split("password: ")[1].split()[0]
        assert len(password) >= 16 and user.check_password(password)
        assert out.getvalue().count("password: ") == 1
