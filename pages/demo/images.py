"""Demo photos drawn by code with Pillow: deterministic JPEG landscapes, no downloads."""

import functools
import hashlib
import io
import math
import random
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageDraw

WIDTH, HEIGHT = 1600, 900
DEMO_CREDIT = {"en": "Demonstration image", "fr": "Image de démonstration"}

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Scene:
    """What to draw: a kind of landscape and its palette; `seed` varies the shapes."""

    kind: str  # "river", "dunes", "fields", "city", "hills"
    sky_top: RGB
    sky_bottom: RGB
    ground: RGB
    accent: RGB
    seed: int


@dataclass(frozen=True)
class DemoImage:
    key: str  # stable, also the start of the file name
    title: str
    alt_text_en: str
    alt_text_fr: str
    credit_en: str
    credit_fr: str
    scene: Scene


def _vertical_gradient(top: RGB, bottom: RGB, height: int) -> PILImage.Image:
    # Blend one column, then stretch it sideways: a fraction of the cost of a full-size blend.
    mask = PILImage.linear_gradient("L").resize((1, height))
    column = PILImage.composite(
        PILImage.new("RGB", (1, height), bottom), PILImage.new("RGB", (1, height), top), mask
    )
    return column.resize((WIDTH, height), PILImage.Resampling.NEAREST)


def _shade(color: RGB, factor: float) -> RGB:
    return tuple(max(0, min(255, round(c * factor))) for c in color)  # type: ignore[return-value]


def _ridge(rng: random.Random, base: float, amplitude: float, waves: int) -> list[tuple[int, int]]:
    """A smooth skyline of summed sine waves, closed along the bottom edge."""
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = []
    for x in range(0, WIDTH + 20, 20):
        y = base
        for i, phase in enumerate(phases, start=1):
            y += amplitude / i * math.sin(x / WIDTH * math.tau * i * 0.8 + phase)
        points.append((x, round(y)))
    return [*points, (WIDTH, HEIGHT), (0, HEIGHT)]


def _sun(draw: ImageDraw.ImageDraw, rng: random.Random, color: RGB, horizon: int) -> None:
    x = rng.randint(WIDTH // 5, WIDTH * 4 // 5)
    y = rng.randint(horizon // 4, horizon * 2 // 3)
    r = rng.randint(50, 80)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=color)


def _tree(draw: ImageDraw.ImageDraw, x: int, ground_y: int, size: int, color: RGB) -> None:
    """An acacia-like silhouette: a thin trunk under a flat, wide crown."""
    draw.rectangle((x - size // 14, ground_y - size, x + size // 14, ground_y), fill=color)
    draw.ellipse(
        (x - size, ground_y - size - size // 3, x + size, ground_y - size + size // 5), fill=color
    )


@functools.cache
def render_scene(scene: Scene) -> bytes:
    """The scene as JPEG bytes; identical bytes for identical scenes (no randomness left free)."""
    rng = random.Random(scene.seed)
    horizon = HEIGHT * 3 // 5
    image = _vertical_gradient(scene.sky_top, scene.sky_bottom, HEIGHT)
    draw = ImageDraw.Draw(image)
    _sun(draw, rng, _shade(scene.sky_bottom, 1.25), horizon)

    if scene.kind == "city":
        x = 0
        while x < WIDTH:
            w = rng.randint(40, 140)
            h = rng.randint(60, 260)
            draw.rectangle((x, horizon - h, x + w, HEIGHT), fill=_shade(scene.accent, 0.6))
            x += w + rng.randint(0, 20)
        draw.polygon(_ridge(rng, horizon + 60, 10, 2), fill=scene.ground)
    else:
        # Far hills, then the nearer ground, lighter to darker for depth.
        draw.polygon(_ridge(rng, horizon - 40, 45, 3), fill=_shade(scene.ground, 1.2))
        draw.polygon(_ridge(rng, horizon + 40, 30, 3), fill=scene.ground)

    if scene.kind == "river":
        # A river narrowing towards the horizon.
        draw.polygon(
            [
                (WIDTH * 0.42, horizon + 50),
                (WIDTH * 0.5, horizon + 50),
                (WIDTH * 0.85, HEIGHT),
                (WIDTH * 0.2, HEIGHT),
            ],
            fill=scene.accent,
        )
    elif scene.kind == "fields":
        for i in range(9):
            y = horizon + 80 + i * 32
            draw.rectangle((0, y, WIDTH, y + 10), fill=_shade(scene.accent, 0.9 + i * 0.03))
    elif scene.kind == "dunes":
        for i in range(3):
            draw.polygon(
                _ridge(rng, horizon + 110 + i * 90, 40, 2),
                fill=_shade(scene.ground, 0.9 - i * 0.08),
            )

    if scene.kind in {"river", "fields", "hills"}:
        for _ in range(rng.randint(3, 6)):
            x = rng.randint(40, WIDTH - 40)
            if scene.kind == "river" and WIDTH * 0.15 < x < WIDTH * 0.9:
                # Keep the banks clear of the water: move the tree to the nearer edge.
                x = (
                    rng.randint(40, WIDTH // 7)
                    if x < WIDTH // 2
                    else rng.randint(WIDTH * 9 // 10, WIDTH - 40)
                )
            _tree(
                draw,
                x,
                horizon + rng.randint(60, 200),
                rng.randint(40, 90),
                _shade(scene.accent, 0.35),
            )

    # Softens the hard polygon edges: down and up again costs far less than a blur filter.
    half = image.resize((WIDTH // 2, HEIGHT // 2), PILImage.Resampling.BOX)
    image = half.resize((WIDTH, HEIGHT), PILImage.Resampling.BICUBIC)
    buffer = io.BytesIO()
    # No EXIF, no timestamps, fixed quality: the bytes depend on the pixels only.
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def file_name(image: DemoImage, content: bytes) -> str:
    """`<key>-<hash>.jpg`: the hash says whether a stored file is still this content."""
    return f"{image.key}-{hashlib.sha256(content).hexdigest()[:12]}.jpg"
