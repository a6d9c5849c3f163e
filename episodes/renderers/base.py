"""What every export renderer receives and returns, and the parsing of its options."""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from episodes.exceptions import ExportError, InvalidExportOptions

MAX_SLICE_HEIGHT = 1280
MAX_SLICE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SceneSource:
    """One scene ready to export: its rendered image (an artifacts.Image row) and its bubbles."""

    scene_id: str
    title: str
    image: object
    width: int
    height: int
    panels: list[dict]
    bubbles: list[dict]

    def open(self) -> Image.Image:
        """Decode the rendered image as RGB, read through the Image row's storage file."""
        with self.image.file.open("rb") as handle:
            picture = Image.open(handle)
            picture.load()
        return picture if picture.mode == "RGB" else picture.convert("RGB")


@dataclass
class RenderContext:
    export_id: str
    title: str
    series: str
    number: int
    language: str
    sources: list[SceneSource]
    options: dict
    workdir: Path
    progress: Callable[[int, int, str], None]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RenderOutput:
    path: Path
    metadata: dict


def int_option(raw: dict, name: str, default: int, low: int, high: int) -> int:
    value = raw.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidExportOptions(f"{name} must be a whole number.", fields={name: value})
    try:
        value = int(value)
    except ValueError:
        raise InvalidExportOptions(f"{name} must be a whole number.", fields={name: value}) from None
    if not low <= value <= high:
        raise InvalidExportOptions(f"{name} must be between {low} and {high}.", fields={name: value})
    return value


def float_option(raw: dict, name: str, default: float, low: float, high: float) -> float:
    value = raw.get(name, default)
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise InvalidExportOptions(f"{name} must be a number.", fields={name: value}) from None
    if not low <= value <= high:
        raise InvalidExportOptions(f"{name} must be between {low} and {high}.", fields={name: value})
    return value


def colour_option(raw: dict, name: str, default: str) -> str:
    value = str(raw.get(name, default))
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise InvalidExportOptions(f"{name} must be a colour such as #ffffff.", fields={name: value})
    return value.lower()


def choice_option(raw: dict, name: str, default: str, choices: tuple[str, ...]) -> str:
    value = raw.get(name, default)
    if value not in choices:
        raise InvalidExportOptions(f"{name} must be one of {', '.join(choices)}.", fields={name: value})
    return value


def refuse_unknown_options(raw: dict, known: set[str]) -> None:
    unknown = sorted(set(raw) - known)
    if unknown:
        raise InvalidExportOptions(f"Unknown options: {', '.join(unknown)}.", fields={key: raw[key] for key in unknown})


def encode_jpeg(image: Image.Image, *, quality: int, max_bytes: int = MAX_SLICE_BYTES) -> tuple[bytes, int]:
    """JPEG bytes of `image` no larger than `max_bytes`, lowering the quality step by step."""
    while True:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=False, progressive=False)
        data = buffer.getvalue()
        if len(data) <= max_bytes:
            return data, quality
        if quality <= 30:
            raise ExportError(f"A {image.width}x{image.height} slice stays above {max_bytes} bytes even at quality 30.")
        quality -= 10
