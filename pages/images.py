"""Image uploads: validation by content, re-encoding without metadata, responsive renditions."""

from __future__ import annotations

import contextlib
import io
import logging
import posixpath
import secrets
import warnings
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    import PIL.Image

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
EXIF_ORIENTATION = 0x0112
# What turns each EXIF orientation upright (PIL.Image.Transpose names), as
# ImageOps.exif_transpose does. That function also writes the rest of the
# EXIF back, and fails on a malformed tag (TypeError): the metadata is dropped
# anyway, so only the orientation is used.
ORIENTATION_TRANSPOSES = {
    2: "FLIP_LEFT_RIGHT",
    3: "ROTATE_180",
    4: "FLIP_TOP_BOTTOM",
    5: "TRANSPOSE",
    6: "ROTATE_270",
    7: "TRANSVERSE",
    8: "ROTATE_90",
}
# The orientations that turn the picture a quarter: its sides swap.
QUARTER_TURNS = (5, 6, 7, 8)
# The encoders' own limits on a side: WebP (every rendition has one) and
# JPEG (the original, or a fallback).
WEBP_MAX_SIDE = 16383
JPEG_MAX_SIDE = 65500

# Only these decoders ever see an upload: fewer parsers, less attack surface.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
RENDITION_WIDTHS = (480, 960, 1600)
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Pillow's name for a JPEG that carries more pictures after the first (MPO:
# many phones save photos so, with a depth map or preview). The first picture
# is the photo; it is stored as a plain JPEG.
FORMAT_ALIASES = {"MPO": "JPEG"}
# The longest slug kept from an upload's name: enough to recognise it.
STEM_MAX = 80
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
# Quality settings that keep photographs sharp at a fraction of camera size.
ENCODE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"compress_level": 6},
    "WEBP": {"quality": 80, "method": 4},
}

# The decoded upload is kept on the uploaded file so that saving does not
# decode it a second time.
DECODED_ATTR = "_pages_decoded_image"

ERROR_EMPTY = _("The file is empty.")
ERROR_TOO_BIG = _("The file is %(size)s; the limit is %(limit)s.")
ERROR_NOT_IMAGE = _("This file is not a JPEG, PNG or WebP image. Upload one of those formats.")
ERROR_TOO_MANY_PIXELS = _(
    "The image has more than %(limit)s megapixels. Reduce its size and upload it again."
)
ERROR_DAMAGED = _("The image file is damaged or incomplete. Export it again and upload it.")
ERROR_SHAPE = _(
    "The image is %(width)s × %(height)s pixels: too narrow for its height (or too long) "
    "to show on a web page. Crop it and upload it again."
)


def _pil_image() -> ModuleType:
    """PIL.Image, imported on first use, with this module's pixel limit.

    Pillow (about 2 MiB with its libraries) only serves uploads in the admin:
    imported here rather than at start-up, it stays out of the memory of
    every server process that only answers pages.
    """
    import PIL.Image

    # Pillow's own guard: a warning above this, an error above twice this.
    # The explicit checks below come first; this is a second line for any
    # other Pillow use in the process.
    PIL.Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    return PIL.Image


def _upload_file(value: Any) -> Any:
    """The uploaded file behind a form value or a model field value."""
    if isinstance(value, FieldFile):
        return value.file
    return value


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        ERROR_TOO_MANY_PIXELS, code="too_many_pixels", params={"limit": MAX_PIXELS // 1_000_000}
    )


def decode_upload(upload: Any) -> PIL.Image.Image:
    """Check an upload and return it decoded, or raise a ValidationError that says why not.

    The size in bytes is checked before reading, the pixel count from the
    header before decoding, and the whole image is then decoded so that a
    truncated file is refused here rather than half-stored.
    """
    cached = getattr(upload, DECODED_ATTR, None)
    if cached is not None:
        return cached
    size = upload.size
    if not size:
        raise ValidationError(ERROR_EMPTY, code="empty")
    if size > MAX_BYTES:
        raise ValidationError(
            ERROR_TOO_BIG,
            code="too_big",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    try:
        image = _decode(upload)
    finally:
        # Later readers (Django's own check, storage) start from the top.
        upload.seek(0)
    # Some file objects take no attributes: those are decoded again on save.
    with contextlib.suppress(AttributeError):
        setattr(upload, DECODED_ATTR, image)
    return image


def _decode(upload: Any) -> PIL.Image.Image:
    pil_image = _pil_image()
    from PIL import UnidentifiedImageError  # Pillow only on this path: see _pil_image.

    # The pixel count is checked explicitly; the warning filter (not
    # thread-safe, being process-wide) is only a second line behind it.
    with warnings.catch_warnings():
        warnings.simplefilter("error", pil_image.DecompressionBombWarning)
        try:
            image = pil_image.open(upload, formats=ACCEPTED_FORMATS)
        except (pil_image.DecompressionBombError, pil_image.DecompressionBombWarning) as exc:
            raise _too_many_pixels() from exc
        except UnidentifiedImageError as exc:
            raise ValidationError(ERROR_NOT_IMAGE, code="not_an_image") from exc
        except Exception as exc:  # Any decoder failure on untrusted bytes is the file's fault.
            raise ValidationError(ERROR_DAMAGED, code="damaged") from exc
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _too_many_pixels()
        # Turned upright before the renditions are made (normalise): a
        # quarter turn swaps the sides.
        if exif_orientation(image) in QUARTER_TURNS:
            width, height = height, width
        if not fits_renditions(width, height):
            raise ValidationError(
                ERROR_SHAPE, code="bad_shape", params={"width": width, "height": height}
            )
        try:
            image.load()
        except (pil_image.DecompressionBombError, pil_image.DecompressionBombWarning) as exc:
            raise _too_many_pixels() from exc
        except Exception as exc:
            raise ValidationError(ERROR_DAMAGED, code="damaged") from exc
    return image


def exif_orientation(image: PIL.Image.Image) -> int | None:
    """The EXIF orientation (1 to 8 when valid), or None when there is none to read."""
    try:
        orientation = image.getexif().get(EXIF_ORIENTATION)
    except Exception:  # A damaged file: load() says so when it is decoded.
        return None
    return orientation if isinstance(orientation, int) else None


def validate_image_upload(value: Any) -> None:
    """Model field validator: a new upload must be an acceptable image.

    A file already in storage was checked when it was uploaded; reading it
    back (possibly from S3) on every form save would be slow and pointless.
    """
    if not value or getattr(value, "_committed", False):
        return
    decode_upload(_upload_file(value))


class ImageUploadFormField(forms.ImageField):
    """The form side: our checks and messages before Django's generic image check."""

    # The content decides, not the name: a PNG called "scan" is fine.
    default_validators: list = []

    def to_python(self, data: Any) -> Any:
        if data not in self.empty_values:
            decode_upload(data)
        return super().to_python(data)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # The file picker offers only what will be accepted.
        widget.attrs.setdefault("accept", ",".join(MIME_TYPES.values()))
        return super().widget_attrs(widget)


class ImageUploadField(models.ImageField):
    """An image field whose every form (admin or not) validates uploads by content."""

    # Replaces Django's extension check: the content decides, not the name.
    default_validators = [validate_image_upload]

    def formfield(self, **kwargs: Any) -> forms.Field:
        # No max_length: the upload's name only gives the stored name a slug,
        # cut to fit the column (store_upload), so a long one is no error.
        return super().formfield(
            **{"form_class": ImageUploadFormField, "max_length": None, **kwargs}
        )


def _has_alpha(image: PIL.Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def normalise(image: PIL.Image.Image) -> PIL.Image.Image:
    """Upright, sRGB, RGB or RGBA, with no metadata left to leak.

    Transparency is kept only if some pixel uses it, so that an opaque PNG
    gets a JPEG fallback rather than a heavy PNG one.
    """
    pil_image = _pil_image()
    from PIL import ImageCms, ImageMath  # Pillow only on this path: see _pil_image.

    transpose = ORIENTATION_TRANSPOSES.get(exif_orientation(image))
    upright = image.transpose(pil_image.Transpose[transpose]) if transpose else image
    if upright.mode.startswith("I"):
        # 16-bit greyscale PNG: converting straight to RGB clips to white.
        wide = upright.convert("I")
        transparent = upright.info.get("transparency")
        upright = wide.point(lambda value: value * (1 / 256)).convert("L")
        upright.info.pop("transparency", None)
        if isinstance(transparent, int):
            # The transparent level is one exact 16-bit value: scaled down, it
            # would match 255 levels around it, or none. The alpha channel is
            # made from the 16-bit pixels instead.
            opaque = ImageMath.lambda_eval(
                lambda args: (args["image"] != transparent) * 255, image=wide
            )
            upright.putalpha(opaque.convert("L"))
    alpha = _has_alpha(upright)
    mode = "RGBA" if alpha else "RGB"
    icc = upright.info.get("icc_profile")
    converted = None
    if icc and upright.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(upright, source, srgb, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            # A broken or unusual profile: treat the pixels as sRGB, as browsers do.
            converted = None
    if converted is None:
        converted = upright.convert(mode)
    if alpha and converted.getchannel("A").getextrema() == (255, 255):
        converted = converted.convert("RGB")
    # Nothing from the upload's metadata (EXIF, GPS, XMP, ICC, comments) goes
    # on; `converted` is always a new image, so the decoded upload is untouched.
    converted.info = {}
    return converted


def encode(image: PIL.Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **ENCODE_OPTIONS[image_format])
    return buffer.getvalue()


def fits_renditions(width: int, height: int) -> bool:
    """Whether the encoders can write this image and its renditions (see make_renditions)."""
    tallest = height * min(width, RENDITION_WIDTHS[-1]) / width
    return round(tallest) <= WEBP_MAX_SIDE and max(width, height) <= JPEG_MAX_SIDE


def rendition_widths(original_width: int) -> list[int]:
    """The standard widths below the original, plus the original (capped): never upscaled."""
    widths = [width for width in RENDITION_WIDTHS if width < original_width]
    widths.append(min(original_width, RENDITION_WIDTHS[-1]))
    return sorted(set(widths))


def rendition_name(file_name: str, width: int, image_format: str) -> str:
    """`images/2026/12/photo-1a2b.jpg` -> `images/2026/12/renditions/photo-1a2b-480w.webp`."""
    folder, base = posixpath.split(file_name)
    stem = posixpath.splitext(base)[0]
    return posixpath.join(folder, "renditions", f"{stem}-{width}w.{EXTENSIONS[image_format]}")


def fallback_format(image: PIL.Image.Image) -> str:
    return "PNG" if image.mode == "RGBA" else "JPEG"


def make_renditions(image: PIL.Image.Image, file_name: str, storage: Storage) -> list[dict]:
    """Store each width as WebP and as a JPEG (PNG if transparent) fallback.

    Returns what `Image.renditions` records, so that pages render srcset from
    the row alone: no query and no storage access per request.
    """
    pil_image = _pil_image()
    renditions = []
    try:
        for width in rendition_widths(image.width):
            height = max(1, round(image.height * width / image.width))
            if width == image.width:
                resized = image
            else:
                resized = image.resize(
                    (width, height), pil_image.Resampling.LANCZOS, reducing_gap=3.0
                )
            for image_format in ("WEBP", fallback_format(image)):
                name = rendition_name(file_name, width, image_format)
                stored = storage.save(name, ContentFile(encode(resized, image_format)))
                renditions.append(
                    {
                        "width": width,
                        "height": height,
                        "format": image_format.lower(),
                        "name": stored,
                    }
                )
    except Exception:
        # No half set of renditions left in storage.
        delete_stored(storage, [rendition["name"] for rendition in renditions])
        raise
    return renditions


def store_upload(field_file: FieldFile) -> tuple[int, int, list[dict]]:
    """Re-encode a new upload, store it and its renditions; return width, height, renditions.

    The upload's own bytes are never stored: only what Pillow re-encodes
    from its pixels.
    """
    upload = field_file.file
    decoded = decode_upload(upload)
    image_format = FORMAT_ALIASES.get(decoded.format, decoded.format) or "JPEG"
    clean = normalise(decoded)
    if image_format == "JPEG" and clean.mode == "RGBA":  # Cannot happen for JPEG input; be safe.
        image_format = "PNG"
    # A random part of our own: unique even on storages that overwrite
    # (S3's default), and a replaced image gets new URLs that caches have not seen.
    suffix = f"-{secrets.token_hex(4)}.{EXTENSIONS[image_format]}"
    # The slug is cut so that the whole name fits the column: a storage
    # would otherwise cut it from the end, random part first.
    folder = posixpath.dirname(field_file.field.generate_filename(field_file.instance, suffix))
    room = field_file.field.max_length - len(folder) - 1 - len(suffix)
    stem = slugify(posixpath.splitext(posixpath.basename(field_file.name or ""))[0])
    stem = stem[: max(1, min(STEM_MAX, room))].rstrip("-") or "image"
    name = stem + suffix
    field_file.save(name, ContentFile(encode(clean, image_format)), save=False)
    try:
        renditions = make_renditions(clean, field_file.name, field_file.storage)
    except Exception:
        delete_stored(field_file.storage, [field_file.name])
        raise
    return clean.width, clean.height, renditions


def delete_stored(storage: Storage, names: Iterable[str]) -> None:
    """Delete files that are no longer used.

    Runs after the commit: a storage error here must not turn a saved edit
    into an error page, so it is logged and the file left behind.
    """
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete the stale image file %s", name)
