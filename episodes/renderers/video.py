"""`video`: an H.264 MP4 that scrolls down the strip, holding on each panel for its words.

Frames are streamed to ffmpeg (the binary shipped by imageio-ffmpeg) one at a time, cropped from a
band of the strip a few screens tall, so memory stays flat whatever the episode's length.
"""

from dataclasses import dataclass

import imageio_ffmpeg
import numpy

from episodes.exceptions import InvalidExportOptions
from episodes.renderers.base import (
    RenderContext,
    RenderOutput,
    choice_option,
    colour_option,
    float_option,
    int_option,
    refuse_unknown_options,
)
from episodes.renderers.strip import Strip

# H.264 in yuv420p wants even sizes; a multiple of 8 also keeps imageio-ffmpeg from resizing.
MACRO_BLOCK = 8
BAND_SCREENS = 3
PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow")


@dataclass
class Stop:
    y: int
    hold: float


def parse_options(raw: dict) -> dict:
    refuse_unknown_options(
        raw,
        {"width", "height", "fps", "gutter", "background", "seconds_per_word", "min_hold", "scroll_speed", "preset"},
    )
    options = {
        "width": int_option(raw, "width", 1080, 240, 2160),
        "height": int_option(raw, "height", 1920, 240, 3840),
        "fps": int_option(raw, "fps", 30, 1, 60),
        "gutter": int_option(raw, "gutter", 250, 0, 2000),
        "background": colour_option(raw, "background", "#ffffff"),
        "seconds_per_word": float_option(raw, "seconds_per_word", 0.3, 0.0, 5.0),
        "min_hold": float_option(raw, "min_hold", 1.0, 0.0, 30.0),
        "scroll_speed": int_option(raw, "scroll_speed", 900, 50, 10000),
        # x264's speed/size trade-off. Measured on 2 cores at 1080x1920: "ultrafast" encodes about
        # 37 frames a second, "superfast"/"veryfast" about 13, for files 2.5 times smaller. The
        # platforms re-encode uploads, so speed wins by default.
        "preset": choice_option(raw, "preset", "ultrafast", PRESETS),
    }
    for name in ("width", "height"):
        if options[name] % MACRO_BLOCK:
            raise InvalidExportOptions(f"{name} must be a multiple of {MACRO_BLOCK}.", fields={name: options[name]})
    return options


def timeline(strip: Strip, *, viewport: int, seconds_per_word: float, min_hold: float) -> list[Stop]:
    """Where the camera stops (top row of the screen) and for how long: one stop per panel,
    centred on it (or at its top when it is taller than the screen); panels side by side share."""
    last = max(0, strip.height - viewport)
    stops: list[Stop] = []
    for span in strip.panel_spans():
        y = span.top if span.bottom - span.top > viewport else (span.top + span.bottom - viewport) // 2
        y = min(last, max(0, y))
        hold = min_hold + span.words * seconds_per_word
        if stops and abs(stops[-1].y - y) < 2:
            stops[-1].hold += hold
        else:
            stops.append(Stop(y, hold))
    return stops or [Stop(0, min_hold)]


def positions(stops: list[Stop], *, fps: int, scroll_speed: int) -> list[int]:
    """The screen's top row for every frame: eased scrolls between stops, still frames on them."""
    rows: list[int] = []
    for index, stop in enumerate(stops):
        if index:
            start, distance = stops[index - 1].y, stop.y - stops[index - 1].y
            frames = max(1, round(abs(distance) / scroll_speed * fps))
            for frame in range(1, frames + 1):
                t = frame / frames
                rows.append(round(start + distance * t * t * (3 - 2 * t)))
        rows.extend([stop.y] * max(1, round(stop.hold * fps)))
    return rows


def render(context: RenderContext) -> RenderOutput:
    options = context.options
    width, height, fps = options["width"], options["height"], options["fps"]
    strip = Strip(context.sources, width=width, gutter=options["gutter"], background=options["background"])
    stops = timeline(strip, viewport=height, seconds_per_word=options["seconds_per_word"], min_hold=options["min_hold"])
    rows = positions(stops, fps=fps, scroll_speed=options["scroll_speed"])
    path = context.workdir / "episode.mp4"
    writer = imageio_ffmpeg.write_frames(
        str(path),
        (width, height),
        fps=fps,
        codec="libx264",
        pix_fmt_out="yuv420p",
        quality=6,
        macro_block_size=MACRO_BLOCK,
        output_params=["-preset", options["preset"], "-movflags", "+faststart"],
    )
    writer.send(None)
    # One step per second of video and one to store the file, counted before the first frame.
    total = len(rows) // fps + 2
    context.progress(0, total, f"{len(rows) // fps + 1} seconds to encode")
    band_top, band = 0, None
    try:
        for index, y in enumerate(rows):
            if band is None or y < band_top or y + height > band_top + len(band):
                band_top = y
                band = numpy.asarray(strip.region(y, y + height * BAND_SCREENS))
            # A run of whole rows of a C-ordered array is contiguous: ffmpeg reads it without a copy.
            writer.send(memoryview(band[y - band_top : y - band_top + height]))
            if index % fps == 0:
                context.progress(index // fps + 1, total, f"second {index // fps + 1}")
    finally:
        writer.close()
    return RenderOutput(
        path=path, metadata={"frames": len(rows), "seconds": round(len(rows) / fps, 2), "stops": len(stops)}
    )
