"""`webtoon`: JPEG slices (<= 1280 px tall, <= 2 MB each) of the strip, zipped with a manifest."""

import hashlib
import json
import zipfile

from episodes.renderers.base import (
    MAX_SLICE_BYTES,
    MAX_SLICE_HEIGHT,
    RenderContext,
    RenderOutput,
    colour_option,
    encode_jpeg,
    int_option,
    refuse_unknown_options,
)
from episodes.renderers.strip import Strip, iter_pages

# WEBTOON Canvas refuses an episode above this in total.
EPISODE_MAX_BYTES = 20 * 1024 * 1024


def parse_options(raw: dict) -> dict:
    refuse_unknown_options(raw, {"width", "gutter", "background", "quality", "slice_height"})
    return {
        "width": int_option(raw, "width", 800, 200, 2000),
        "gutter": int_option(raw, "gutter", 250, 0, 2000),
        "background": colour_option(raw, "background", "#ffffff"),
        "quality": int_option(raw, "quality", 90, 40, 95),
        "slice_height": int_option(raw, "slice_height", MAX_SLICE_HEIGHT, 200, MAX_SLICE_HEIGHT),
    }


def build_strip(context: RenderContext) -> Strip:
    options = context.options
    return Strip(context.sources, width=options["width"], gutter=options["gutter"], background=options["background"])


def render(context: RenderContext) -> RenderOutput:
    options = context.options
    strip = build_strip(context)
    path = context.workdir / "webtoon.zip"
    slices, total_bytes = [], 0
    # JPEG does not deflate: storing the slices keeps the zip fast and its sizes honest.
    pages = iter_pages(strip, per="slice", max_height=options["slice_height"])
    # One step per slice and one to store the zip, all counted before the first slice is drawn.
    context.progress(0, len(pages) + 1, f"{len(pages)} slices to draw")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for page in pages:
            data, quality = encode_jpeg(page.image, quality=options["quality"], max_bytes=MAX_SLICE_BYTES)
            name = f"{page.number:03d}.jpg"
            archive.writestr(name, data)
            total_bytes += len(data)
            slices.append(
                {
                    "order": page.number,
                    "file": name,
                    "width": page.image.width,
                    "height": page.image.height,
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "quality": quality,
                    "y_start": page.top,
                    "y_end": page.bottom,
                    "scenes": page.scenes,
                }
            )
            context.progress(page.number, page.total + 1, f"slice {page.number} of {page.total}")
        if total_bytes > EPISODE_MAX_BYTES:
            context.warnings.append(
                f"The episode is {total_bytes} bytes; WEBTOON Canvas accepts at most {EPISODE_MAX_BYTES} in all."
            )
        manifest = {
            "format": "webtoon",
            "export_id": context.export_id,
            "title": context.title,
            "series": context.series,
            "number": context.number,
            "width": options["width"],
            "height": strip.height,
            "gutter": options["gutter"],
            "background": options["background"],
            "slice_count": len(slices),
            "total_bytes": total_bytes,
            "scenes": [
                {"order": scene.order, "scene_id": scene.source.scene_id, "y_start": scene.top, "y_end": scene.bottom}
                for scene in strip.scenes
            ],
            "slices": slices,
            "warnings": context.warnings,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return RenderOutput(path=path, metadata={"slices": len(slices), "total_bytes": total_bytes, "height": strip.height})
