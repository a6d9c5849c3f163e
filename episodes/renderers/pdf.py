"""`pdf`: one page per slice or per scene, each page the size of its image (JPEG passed through)."""

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from episodes.renderers import cbz, webtoon
from episodes.renderers.base import RenderContext, RenderOutput, encode_jpeg
from episodes.renderers.strip import iter_pages

# Pixels are laid out at 96 per inch; PDF units are points (72 per inch).
POINTS_PER_PIXEL = 72 / 96

parse_options = cbz.parse_options


def render(context: RenderContext) -> RenderOutput:
    options = context.options
    strip = webtoon.build_strip(context)
    path = context.workdir / "episode.pdf"
    canvas = Canvas(str(path), pageCompression=0)
    canvas.setTitle(context.title)
    canvas.setSubject(context.series)
    canvas.setCreator("Webtoon Studio")
    count = 0
    for page in iter_pages(strip, per=options["pages"], max_height=options["slice_height"]):
        data, _ = encode_jpeg(page.image, quality=options["quality"], max_bytes=cbz.PAGE_MAX_BYTES)
        size = (page.image.width * POINTS_PER_PIXEL, page.image.height * POINTS_PER_PIXEL)
        canvas.setPageSize(size)
        canvas.drawImage(ImageReader(io.BytesIO(data)), 0, 0, *size)
        canvas.showPage()
        count = page.number
        context.progress(page.number, page.total + 1, f"page {page.number} of {page.total}")
    canvas.save()
    return RenderOutput(path=path, metadata={"pages": count})
