"""Image uploads: refused when bad, re-encoded without metadata, renditions made once."""

import html as html_lib
import io
import re
import struct
from pathlib import Path
from unittest import mock

import PIL.Image
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.forms import modelform_factory
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, ImageCms, ImageOps

from pages import images as image_processing
from pages import markup
from pages.models import Image
from tests.factories import image_bytes, make_country, make_image, make_section

FORM_FIELDS = [
    "title",
    "file",
    "decorative",
    "alt_text_en",
    "alt_text_fr",
    "credit_en",
    "credit_fr",
]
GOOD_DATA = {
    "title": "Market",
    "alt_text_en": "A market",
    "alt_text_fr": "Un marché",
    "credit_en": "Photo: GAC",
    "credit_fr": "Photo : AMC",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    """Uploads go to a throw-away folder through the ordinary file-system storage."""
    settings.MEDIA_ROOT = tmp_path
    # admin_client's superuser: a fast hasher keeps these tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def image_form(data: dict | None = None, upload: SimpleUploadedFile | None = None):
    form_class = modelform_factory(Image, fields=FORM_FIELDS)
    return form_class(data={**GOOD_DATA, **(data or {})}, files={"file": upload} if upload else {})


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script/></svg>'


def bomb(size: tuple[int, int]) -> bytes:
    """A PNG of a few kilobytes that decodes to `size` pixels."""
    return image_bytes("PNG", size=size, mode="1")


def gps_exif() -> PIL.Image.Exif:
    """EXIF as a phone writes it: maker and the GPS position (Bamako)."""
    exif = PIL.Image.Exif()
    exif[ExifTags.Base.Make] = "Camera maker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (12.0, 39.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (8.0, 0.0, 0.0)
    return exif


def sideways_exif_with_a_bad_gps_tag() -> bytes:
    """EXIF of a photo held sideways (Orientation 6) whose GPSVersionID is text, not bytes.

    Pillow reads it, but cannot write it back: ImageOps.exif_transpose, which
    re-serialises the EXIF it leaves, raises TypeError ("The fill character
    must be a unicode character, not bytes") on it.
    """
    gps_offset = 8 + 2 + 2 * 12 + 4  # after the header and IFD0's two entries
    ifd0 = struct.pack("<H", 2)
    ifd0 += struct.pack("<HHIHH", ExifTags.Base.Orientation, 3, 1, 6, 0)  # SHORT
    ifd0 += struct.pack("<HHII", ExifTags.Base.GPSInfo, 4, 1, gps_offset)  # LONG
    ifd0 += struct.pack("<I", 0)
    gps = struct.pack("<HHHI4sI", 1, ExifTags.GPS.GPSVersionID, 2, 4, b"abc\0", 0)  # ASCII
    return b"Exif\0\0II*\0" + struct.pack("<I", 8) + ifd0 + gps


def sideways_photo_with_a_bad_gps_tag() -> bytes:
    """1200 × 800 as stored, dark on the left: upright, 800 × 1200 and dark at the top."""
    picture = PIL.Image.new("RGB", (1200, 800), "white")
    picture.paste((20, 20, 20), (0, 0, 600, 800))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=sideways_exif_with_a_bad_gps_tag())
    return buffer.getvalue()


def multi_picture_jpeg(size: tuple[int, int] = (1200, 900)) -> bytes:
    """A JPEG carrying a second picture, as many phones save photos: Pillow calls it MPO."""
    return image_bytes(
        "MPO", size=size, save_all=True, append_images=[PIL.Image.new("RGB", (320, 240))]
    )


BAD_UPLOADS = [
    pytest.param("notes.jpg", b"These are meeting notes, not a photo.\n", "not a JPEG", id="text"),
    pytest.param("logo.svg", svg(), "not a JPEG", id="svg"),
    pytest.param("logo.jpg", svg(), "not a JPEG", id="svg-named-jpg"),
    pytest.param("anim.gif", image_bytes("GIF", size=(50, 50)), "not a JPEG", id="gif"),
    pytest.param("scan.bmp", image_bytes("BMP", size=(50, 50)), "not a JPEG", id="bmp"),
    pytest.param(
        "cut.jpg", truncated(image_bytes(size=(400, 300), noise=True)), "damaged", id="jpeg-cut"
    ),
    pytest.param(
        "cut.png",
        truncated(image_bytes("PNG", size=(400, 300), noise=True)),
        "damaged",
        id="png-cut",
    ),
    pytest.param(
        "cut.webp",
        truncated(image_bytes("WEBP", size=(400, 300), noise=True)),
        "damaged",
        id="webp-cut",
    ),
    pytest.param("empty.jpg", b"", "empty", id="empty"),
    pytest.param("huge.jpg", b"\xff" * (10 * 1024 * 1024 + 1), "the limit is 10", id="over-10mb"),
    pytest.param("bomb.png", bomb((8000, 6000)), "more than 40 megapixels", id="bomb-48mp"),
    pytest.param("bomb2.png", bomb((10000, 9000)), "more than 40 megapixels", id="bomb-90mp"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), BAD_UPLOADS)
def test_bad_upload_is_a_form_error_and_nothing_is_stored(name, data, message, media_root):
    form = image_form(upload=SimpleUploadedFile(name, data, content_type="image/jpeg"))
    assert not form.is_valid()
    assert message in " ".join(form.errors["file"])
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_upload_errors_are_in_french_for_a_french_editor():
    with translation.override("fr"):
        form = image_form(upload=SimpleUploadedFile("notes.jpg", b"notes", "image/jpeg"))
        assert not form.is_valid()
        assert "n’est pas une image JPEG, PNG ou WebP" in form.errors["file"][0]
        form = image_form(upload=SimpleUploadedFile("bomb.png", bomb((8000, 6000))))
        assert not form.is_valid()
        assert "plus de 40 mégapixels" in form.errors["file"][0]


def test_checking_an_upload_sets_pillows_own_pixel_limit_to_ours(monkeypatch):
    # Pillow is imported on the first upload, not at start-up; its guard
    # must be ours from that moment, for any later Pillow use in the process.
    monkeypatch.setattr(PIL.Image, "MAX_IMAGE_PIXELS", 89_478_485)
    upload = SimpleUploadedFile("photo.png", image_bytes("PNG", size=(40, 30)))
    image_processing.decode_upload(upload)
    assert PIL.Image.MAX_IMAGE_PIXELS == image_processing.MAX_PIXELS == 40_000_000


@pytest.mark.django_db
def test_model_validation_refuses_a_bad_file_outside_any_form():
    image = Image(title="x", decorative=True, credit_en="a", credit_fr="b")
    image.file = SimpleUploadedFile("notes.jpg", b"not an image")
    with pytest.raises(ValidationError) as caught:
        image.full_clean()
    assert "file" in caught.value.message_dict


@pytest.mark.django_db
def test_a_valid_image_whose_name_says_otherwise_is_accepted_by_content(media_root):
    upload = SimpleUploadedFile("scan.txt", image_bytes("PNG", size=(300, 200)), "text/plain")
    form = image_form(upload=upload)
    assert form.is_valid(), form.errors
    image = form.save()
    assert image.file.name.endswith(".png")
    assert (image.width, image.height) == (300, 200)


@pytest.mark.django_db
def test_stored_jpeg_has_no_exif_gps_and_is_turned_upright():
    exif = gps_exif()
    exif[ExifTags.Base.Orientation] = 6  # Camera held sideways: rotate 90° clockwise.
    original = image_bytes(size=(1200, 800), exif=exif)
    assert PIL.Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    image = make_image(original)

    with image.file.open("rb") as stored:
        data = stored.read()
    assert data != original
    stored_image = PIL.Image.open(io.BytesIO(data))
    assert stored_image.format == "JPEG"
    assert "exif" not in stored_image.info
    assert len(stored_image.getexif()) == 0
    assert (image.width, image.height) == (800, 1200) == stored_image.size
    for rendition in image.renditions:
        with default_storage.open(rendition["name"]) as stored:
            assert "exif" not in PIL.Image.open(stored).info


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_turned_upright_as_pillow_does(orientation):
    exif = PIL.Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    data = image_bytes("PNG", size=(6, 4), noise=True, exif=exif)
    decoded = image_processing.decode_upload(SimpleUploadedFile("a.png", data))
    upright = image_processing.normalise(decoded)
    expected = ImageOps.exif_transpose(decoded).convert("RGB")
    assert (upright.size, upright.tobytes()) == (expected.size, expected.tobytes())


@pytest.mark.django_db
def test_admin_turns_upright_a_sideways_photo_whose_exif_has_a_bad_tag(admin_client):
    upload = SimpleUploadedFile("sideways.jpg", sideways_photo_with_a_bad_gps_tag(), "image/jpeg")
    response = admin_client.post(reverse("admin:pages_image_add"), {**GOOD_DATA, "file": upload})
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 1200)
    with image.file.open("rb") as stored:
        upright = PIL.Image.open(stored)
        assert len(upright.getexif()) == 0
        grey = upright.convert("L")
    assert grey.getpixel((400, 100)) < 50  # the dark left side is now the top
    assert grey.getpixel((400, 1100)) > 200


@pytest.mark.django_db
def test_icc_profile_is_converted_to_srgb_and_not_kept():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = make_image(image_bytes(size=(600, 400), icc_profile=profile))
    with image.file.open("rb") as stored:
        assert "icc_profile" not in PIL.Image.open(stored).info


@pytest.mark.django_db
def test_renditions_have_three_widths_in_webp_and_jpeg():
    image = make_image(image_bytes(size=(2000, 1000)))
    found = sorted((r["format"], r["width"], r["height"]) for r in image.renditions)
    assert found == [
        ("jpeg", 480, 240),
        ("jpeg", 960, 480),
        ("jpeg", 1600, 800),
        ("webp", 480, 240),
        ("webp", 960, 480),
        ("webp", 1600, 800),
    ]
    for rendition in image.renditions:
        assert default_storage.exists(rendition["name"])
        with default_storage.open(rendition["name"]) as stored:
            picture = PIL.Image.open(stored)
            assert picture.format == rendition["format"].upper()
            assert picture.size == (rendition["width"], rendition["height"])
    assert image.renditions[0]["name"].startswith(
        image.file.name.rsplit("/", 1)[0] + "/renditions/"
    )
    image.refresh_from_db()
    assert len(image.renditions) == 6


@pytest.mark.django_db
def test_renditions_are_never_wider_than_the_original():
    image = make_image(image_bytes(size=(600, 400)))
    assert sorted({r["width"] for r in image.renditions}) == [480, 600]
    tiny = make_image(image_bytes(size=(200, 100)), name="tiny.jpg")
    assert sorted({r["width"] for r in tiny.renditions}) == [200]


@pytest.mark.django_db
def test_transparent_image_gets_a_png_fallback_and_an_opaque_png_a_jpeg_one():
    clear = make_image(image_bytes("PNG", size=(1000, 500), mode="RGBA"), name="logo.png")
    assert {r["format"] for r in clear.renditions} == {"webp", "png"}
    buffer = io.BytesIO()
    PIL.Image.new("RGBA", (1000, 500), (30, 120, 60, 255)).save(buffer, "PNG")
    opaque = make_image(buffer.getvalue(), name="chart.png")
    assert {r["format"] for r in opaque.renditions} == {"webp", "jpeg"}


@pytest.mark.django_db
def test_renditions_are_made_once_not_on_later_saves(media_root):
    with mock.patch.object(
        image_processing, "make_renditions", wraps=image_processing.make_renditions
    ) as generator:
        image = make_image()
        assert generator.call_count == 1
        files_before = {path: path.stat().st_mtime_ns for path in stored_files(media_root)}
        names_before = list(image.renditions)

        image.title = "Another title"
        image.save()
        reloaded = Image.objects.get(pk=image.pk)
        reloaded.alt_text_fr = "Autre texte"
        reloaded.save()

        assert generator.call_count == 1
    assert reloaded.renditions == names_before
    assert {path: path.stat().st_mtime_ns for path in stored_files(media_root)} == files_before


@pytest.mark.django_db
def test_replacing_the_file_regenerates_and_deletes_the_old_files(
    media_root, django_capture_on_commit_callbacks
):
    image = make_image(image_bytes(size=(1200, 600)))
    old_names = [image.file.name, *image.rendition_names]
    with django_capture_on_commit_callbacks(execute=True):
        image.file = SimpleUploadedFile("new.jpg", image_bytes(size=(700, 700)))
        image.save()
    assert image.width == 700
    assert sorted({r["width"] for r in image.renditions}) == [480, 700]
    for name in old_names:
        assert not default_storage.exists(name)
    assert all(default_storage.exists(name) for name in image.rendition_names)


@pytest.mark.django_db
def test_deleting_an_image_deletes_its_files(media_root, django_capture_on_commit_callbacks):
    image = make_image()
    assert stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_alt_text_and_credit_are_required_in_both_languages():
    form = image_form(
        {"alt_text_fr": "", "credit_en": ""},
        SimpleUploadedFile("a.png", image_bytes("PNG", size=(20, 20))),
    )
    assert not form.is_valid()
    assert form.errors["alt_text_fr"] == [
        "Enter the alternative text in French, or mark the image as decorative."
    ]
    assert form.errors["credit_en"] == ["Enter the photo credit in English."]
    assert "alt_text_en" not in form.errors


@pytest.mark.django_db
def test_decorative_image_needs_no_alt_text_but_still_a_credit():
    upload = SimpleUploadedFile("a.png", image_bytes("PNG", size=(20, 20)))
    form = image_form(
        {"decorative": "on", "alt_text_en": "", "alt_text_fr": "", "credit_fr": ""}, upload
    )
    assert not form.is_valid()
    assert set(form.errors) == {"credit_fr"}


@pytest.mark.django_db
def test_alt_and_credit_errors_are_in_french():
    with translation.override("fr"):
        form = image_form({"alt_text_en": "", "credit_fr": ""})
        assert not form.is_valid()
        assert form.errors["alt_text_en"] == [
            "Saisissez le texte de remplacement en anglais, ou indiquez que l’image est décorative."
        ]
        assert form.errors["credit_fr"] == ["Saisissez le crédit photo en français."]


def render_figure(image: Image | None, sizes: str = "") -> str:
    """The country page's {% figure %} tag, as its template calls it."""
    template = Template("{% load engagement %}{% figure image sizes=sizes %}")
    return template.render(Context({"image": image, "sizes": sizes}))


@pytest.mark.django_db
def test_figure_renders_picture_with_srcset_sizes_width_height_and_alt(
    django_assert_num_queries,
):
    image = make_image(image_bytes(size=(2000, 1000)))
    image = Image.objects.get(pk=image.pk)
    sizes = "(min-width: 992px) 360px, 100vw"
    with django_assert_num_queries(0):
        html = render_figure(image, sizes)
    webp = [r for r in image.renditions if r["format"] == "webp"]
    jpeg = [r for r in image.renditions if r["format"] == "jpeg"]
    expected_webp = ", ".join(f"/media/{r['name']} {r['width']}w" for r in webp)
    expected_jpeg = ", ".join(f"/media/{r['name']} {r['width']}w" for r in jpeg)
    assert f'<source type="image/webp" srcset="{expected_webp}" sizes="{sizes}">' in html
    assert f'srcset="{expected_jpeg}"' in html
    assert f'src="/media/{jpeg[-1]["name"]}"' in html
    assert 'width="2000" height="1000"' in html
    assert 'alt="Women selling vegetables at a market"' in html
    assert 'loading="lazy" decoding="async"' in html
    with translation.override("fr"):
        html = render_figure(image, sizes)
    assert 'alt="Des femmes vendent des légumes au marché"' in html


@pytest.mark.django_db
def test_figure_gives_empty_alt_for_a_decorative_image():
    image = make_image(decorative=True, alt_text_en="", alt_text_fr="")
    html = render_figure(image)
    assert 'alt=""' in html
    assert 'sizes="100vw"' in html


@pytest.mark.django_db
def test_section_images_ask_for_the_width_of_the_fixed_column_on_wide_screens(client):
    make_section(make_country(), image=make_image())
    html = client.get("/en/countries/mali/").content.decode()
    # site.css: from 73rem the container is fixed, 71rem inside its padding,
    # and a section photo floats at 33% of that: 23.4rem, not a third of the window.
    assert 'sizes="(min-width: 73rem) 23.5rem, (min-width: 48em) 33vw, 100vw"' in html


def test_picture_is_nothing_without_an_image():
    assert markup.picture(None) == ""
    assert markup.picture(Image()) == ""


@pytest.mark.django_db
def test_admin_refuses_a_bad_upload_with_a_form_error(admin_client, media_root):
    response = admin_client.post(
        reverse("admin:pages_image_add"),
        {**GOOD_DATA, "file": SimpleUploadedFile("notes.jpg", b"not a photo", "image/jpeg")},
    )
    assert response.status_code == 200
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_admin_refuses_a_decompression_bomb_with_a_form_error(admin_client):
    response = admin_client.post(
        reverse("admin:pages_image_add"),
        {**GOOD_DATA, "file": SimpleUploadedFile("bomb.png", bomb((10000, 9000)), "image/png")},
    )
    assert response.status_code == 200
    assert "more than 40 megapixels" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("size", "language", "message"),
    [
        # Under the pixel limit, but its 1600 px rendition would be 32000 px
        # tall: more than WebP can encode.
        ((1000, 20000), "en", "The image is 1000 × 20000 pixels: too narrow"),
        ((1000, 20000), "fr", "L’image fait 1000 × 20000 pixels\u00a0: trop étroite"),
        ((70000, 10), "en", "The image is 70000 × 10 pixels"),  # longer than JPEG allows
    ],
)
def test_admin_refuses_an_image_too_narrow_for_renditions_and_leaves_no_file(
    admin_client, media_root, size, language, message
):
    upload = SimpleUploadedFile("strip.png", image_bytes("PNG", size=size, mode="L"))
    response = admin_client.post(
        reverse("admin:pages_image_add"),
        {**GOOD_DATA, "file": upload},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    assert message in html_lib.unescape(response.content.decode())
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_a_sideways_photo_is_measured_upright_before_it_is_refused(admin_client, media_root):
    exif = PIL.Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored 17000 wide, shown 17000 tall
    data = image_bytes(size=(17000, 1000), mode="L", exif=exif)
    response = admin_client.post(
        reverse("admin:pages_image_add"),
        {**GOOD_DATA, "file": SimpleUploadedFile("strip.jpg", data)},
    )
    assert response.status_code == 200
    assert "The image is 1000 × 17000 pixels" in html_lib.unescape(response.content.decode())
    assert stored_files(media_root) == []


def test_renditions_that_fail_half_way_leave_no_file(media_root, monkeypatch):
    images = image_processing
    real_encode = images.encode

    def encode(image, image_format):
        if image.width == 960:
            raise ValueError("encoder failure")
        return real_encode(image, image_format)

    monkeypatch.setattr(images, "encode", encode)
    picture = PIL.Image.open(io.BytesIO(image_bytes(size=(1200, 800))))
    with pytest.raises(ValueError, match="encoder failure"):
        images.make_renditions(picture.convert("RGB"), "images/x/photo.jpg", default_storage)
    assert stored_files(media_root) == []  # the 480 px ones were written, then deleted


@pytest.mark.django_db
def test_admin_accepts_a_good_upload_and_makes_renditions(admin_client):
    response = admin_client.post(
        reverse("admin:pages_image_add"),
        {**GOOD_DATA, "file": SimpleUploadedFile("market.jpg", image_bytes(size=(1000, 800)))},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (1000, 800)
    assert len(image.renditions) == 6
    change = admin_client.get(reverse("admin:pages_image_change", args=[image.pk]))
    assert change.status_code == 200
    changelist = admin_client.get(reverse("admin:pages_image_changelist"))
    assert image.fallback_renditions[0]["name"] in changelist.content.decode()


@pytest.mark.django_db
def test_admin_stores_a_multi_picture_jpeg_as_a_jpeg_of_its_first_picture(admin_client):
    data = multi_picture_jpeg()
    assert PIL.Image.open(io.BytesIO(data)).format == "MPO"
    response = admin_client.post(
        reverse("admin:pages_image_add"),
        {**GOOD_DATA, "file": SimpleUploadedFile("IMG_0001.JPG", data, "image/jpeg")},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.endswith(".jpg")
    assert (image.width, image.height) == (1200, 900)
    with image.file.open("rb") as stored:
        picture = PIL.Image.open(stored)
        assert (picture.format, picture.size) == ("JPEG", (1200, 900))  # no second picture
    assert {r["format"] for r in image.renditions} == {"webp", "jpeg"}


@pytest.mark.django_db
def test_admin_save_without_a_new_file_keeps_the_renditions(admin_client):
    image = make_image()
    before = list(image.renditions)
    with mock.patch.object(image_processing, "make_renditions") as generator:
        response = admin_client.post(
            reverse("admin:pages_image_change", args=[image.pk]),
            {**GOOD_DATA, "title": "Renamed"},
        )
    assert response.status_code == 302
    generator.assert_not_called()
    image.refresh_from_db()
    assert image.title == "Renamed"
    assert image.renditions == before


@pytest.mark.django_db
def test_a_form_without_the_translated_fields_shows_their_errors_form_wide(media_root):
    form_class = modelform_factory(Image, fields=["title", "file"])
    upload = SimpleUploadedFile("a.png", image_bytes("PNG", size=(20, 20)))
    form = form_class(data={"title": "Market"}, files={"file": upload})
    assert not form.is_valid()
    assert "Enter the photo credit in French." in form.non_field_errors()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_sixteen_bit_greyscale_png_keeps_its_tones():
    buffer = io.BytesIO()
    PIL.Image.new("I;16", (100, 50), 32768).save(buffer, "PNG")
    image = make_image(buffer.getvalue(), name="scan.png")
    with image.file.open("rb") as stored:
        assert PIL.Image.open(stored).convert("L").getpixel((0, 0)) == 128


@pytest.mark.django_db
def test_sixteen_bit_greyscale_png_keeps_its_transparent_level_and_only_that():
    picture = PIL.Image.new("I;16", (100, 50), 1000)
    picture.paste(1001, (50, 0, 100, 50))  # the same grey once scaled to 8 bits
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", transparency=1000)
    image = make_image(buffer.getvalue(), name="scan.png")
    assert {r["format"] for r in image.renditions} == {"webp", "png"}
    with image.file.open("rb") as stored:
        kept = PIL.Image.open(stored).convert("RGBA")
    assert kept.getpixel((10, 10))[3] == 0
    assert kept.getpixel((90, 10))[3] == 255


def test_file_picker_offers_only_accepted_types():
    form_class = modelform_factory(Image, fields=["file"])
    assert 'accept="image/jpeg,image/png,image/webp"' in str(form_class()["file"])


@pytest.mark.django_db
def test_files_are_removed_when_the_row_cannot_be_written(media_root):
    image = Image(title="Market", decorative=True, credit_en="a", credit_fr="b")
    image.file = SimpleUploadedFile("a.jpg", image_bytes(size=(600, 300)))
    failing_save = mock.patch("django.db.models.Model.save", side_effect=RuntimeError("down"))
    with failing_save, pytest.raises(RuntimeError):
        image.save()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_same_upload_name_twice_gives_separate_files_with_predictable_rendition_paths():
    first = make_image(name="Marché Bamako.JPG")
    second = make_image(name="Marché Bamako.JPG")
    assert first.file.name != second.file.name
    stem = first.file.name.rsplit("/", 1)[1].removesuffix(".jpg")
    assert stem.startswith("marche-bamako-")
    folder = first.file.name.rsplit("/", 1)[0]
    assert f"{folder}/renditions/{stem}-480w.webp" in first.rendition_names
    assert not set(first.rendition_names) & set(second.rendition_names)


@pytest.mark.django_db
def test_admin_accepts_a_long_file_name_and_stores_a_shorter_one_that_fits(admin_client):
    name = "m" * 116 + ".jpg"
    assert len(name) == 120
    for _ in range(2):
        upload = SimpleUploadedFile(name, image_bytes(size=(600, 400)), "image/jpeg")
        response = admin_client.post(
            reverse("admin:pages_image_add"), {**GOOD_DATA, "file": upload}
        )
        assert response.status_code == 302
    first, second = Image.objects.order_by("pk")
    column = Image._meta.get_field("file").max_length
    for image in (first, second):
        assert len(image.file.name) <= column
        # Our random part is whole: the storage did not have to cut the name to fit.
        assert re.fullmatch(r"images/\d{4}/\d{2}/m+-[0-9a-f]{8}\.jpg", image.file.name)
    assert first.file.name != second.file.name


@pytest.mark.django_db
def test_admin_shows_upload_errors_in_french(admin_client):
    response = admin_client.post(
        reverse("admin:pages_image_add"),
        {**GOOD_DATA, "credit_fr": "", "file": SimpleUploadedFile("a.gif", image_bytes("GIF"))},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce fichier n’est pas une image JPEG, PNG ou WebP." in html
    assert "Saisissez le crédit photo en français." in html


@pytest.mark.django_db
def test_process_images_command_makes_renditions_for_images_stored_without(
    media_root, django_capture_on_commit_callbacks
):
    legacy_bytes = image_bytes(size=(1000, 500), exif=gps_exif())
    default_storage.save("images/legacy.jpg", io.BytesIO(legacy_bytes))
    legacy = Image.objects.create(
        title="Old", file="images/legacy.jpg", decorative=True, credit_en="a", credit_fr="b"
    )
    processed = make_image()
    before = list(processed.renditions)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("process_images", stdout=out)
    assert "Processed 1 image(s); 0 could not be processed." in out.getvalue()
    legacy.refresh_from_db()
    assert (legacy.width, legacy.height) == (1000, 500)
    assert len(legacy.renditions) == 6
    assert not default_storage.exists("images/legacy.jpg")
    with legacy.file.open("rb") as stored:
        assert "exif" not in PIL.Image.open(stored).info
    processed.refresh_from_db()
    assert processed.renditions == before


@pytest.mark.django_db
def test_process_images_command_reports_a_stored_file_that_is_not_an_image():
    default_storage.save("images/notes.jpg", io.BytesIO(b"meeting notes"))
    Image.objects.create(title="Bad", file="images/notes.jpg", decorative=True)
    out, err = io.StringIO(), io.StringIO()
    call_command("process_images", stdout=out, stderr=err)
    assert "0 image(s); 1 could not be processed" in out.getvalue()
    assert "images/notes.jpg" in err.getvalue()
    assert default_storage.exists("images/notes.jpg")


@pytest.mark.django_db
def test_process_images_command_handles_multi_picture_and_bad_exif_jpegs():
    default_storage.save("images/phone.jpg", io.BytesIO(multi_picture_jpeg()))
    default_storage.save("images/sideways.jpg", io.BytesIO(sideways_photo_with_a_bad_gps_tag()))
    for title in ("phone", "sideways"):
        Image.objects.create(
            title=title, file=f"images/{title}.jpg", decorative=True, credit_en="a", credit_fr="b"
        )
    out, err = io.StringIO(), io.StringIO()
    call_command("process_images", stdout=out, stderr=err)
    assert "Processed 2 image(s); 0 could not be processed." in out.getvalue()
    assert err.getvalue() == ""
    assert sorted(Image.objects.values_list("title", "width", "height")) == [
        ("phone", 1200, 900),
        ("sideways", 800, 1200),
    ]


@pytest.mark.django_db
def test_process_images_command_reports_an_unexpected_failure_and_goes_on():
    for title in ("broken", "fine"):
        default_storage.save(f"images/{title}.jpg", io.BytesIO(image_bytes(size=(600, 400))))
        Image.objects.create(
            title=title, file=f"images/{title}.jpg", decorative=True, credit_en="a", credit_fr="b"
        )
    real_store_upload = image_processing.store_upload

    def store_upload(field_file):
        if field_file.name.startswith("broken"):
            raise TypeError("a decoder bug")
        return real_store_upload(field_file)

    out, err = io.StringIO(), io.StringIO()
    with mock.patch("pages.models.images.store_upload", side_effect=store_upload):
        call_command("process_images", stdout=out, stderr=err)
    assert "Processed 1 image(s); 1 could not be processed." in out.getvalue()
    broken, fine = Image.objects.order_by("pk")
    assert f"Image {broken.pk} (images/broken.jpg): TypeError: a decoder bug" in err.getvalue()
    assert (broken.file.name, broken.renditions) == ("images/broken.jpg", [])
    assert default_storage.exists("images/broken.jpg")
    assert len(fine.renditions) == 4


@pytest.mark.django_db
def test_a_storage_error_while_deleting_old_files_does_not_break_the_save(
    django_capture_on_commit_callbacks, caplog
):
    image = make_image()
    with (
        mock.patch.object(FileSystemStorage, "delete", side_effect=OSError("bucket unreachable")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        image.file = SimpleUploadedFile("new.jpg", image_bytes(size=(500, 500)))
        image.save()
    assert Image.objects.get(pk=image.pk).width == 500
    assert "Could not delete the stale image file" in caplog.text


@pytest.mark.django_db
def test_a_new_media_url_gives_new_image_urls_at_once(settings):
    image = make_image(image_bytes(size=(1000, 500)))
    before = Image.objects.get(pk=image.pk)
    assert before.src.startswith("/media/")
    settings.MEDIA_URL = "https://media.example.org/uploads/"
    after = Image.objects.get(pk=image.pk)
    assert after.src.startswith("https://media.example.org/uploads/images/")
    assert all(
        entry.startswith("https://media.example.org/uploads/")
        for entry in after.webp_srcset.split(", ")
    )


def test_image_urls_of_other_storages_are_asked_of_the_storage_every_time():
    class CountingStorage(FileSystemStorage):
        """Stands for S3: a storage whose URLs may depend on more than the name."""

        calls = 0

        def url(self, name):
            CountingStorage.calls += 1
            return f"https://bucket.example.org/{name}?v={CountingStorage.calls}"

    from pages.models.images import stored_file_url

    storage = CountingStorage()
    first = stored_file_url(storage, "images/a.jpg")
    second = stored_file_url(storage, "images/a.jpg")
    assert (first, second) == (
        "https://bucket.example.org/images/a.jpg?v=1",
        "https://bucket.example.org/images/a.jpg?v=2",
    )


@pytest.mark.django_db
def test_the_image_picker_lists_images_by_title_in_a_stable_order(admin_client):
    import warnings

    from django.core.paginator import UnorderedObjectListWarning

    for title in ("Zinder dunes", "Bamako market", "Mopti harbour"):
        make_image(image_bytes(size=(40, 30)), title=title)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = admin_client.get(
            "/admin/autocomplete/",
            {"app_label": "pages", "model_name": "countrypage", "field_name": "hero_image"},
        )
    assert response.status_code == 200
    titles = [result["text"] for result in response.json()["results"]]
    assert titles == ["Bamako market", "Mopti harbour", "Zinder dunes"]


@pytest.mark.django_db
def test_admin_form_marks_the_credit_as_required_before_any_upload(admin_client):
    html = admin_client.get("/admin/pages/image/add/").content.decode()
    for language in ("en", "fr"):
        label = re.search(rf'<label[^>]*for="id_credit_{language}"[^>]*>', html).group(0)
        assert re.search(r'class="required\b', label), label
