"""`pdf`: one page per slice or per scene, each page the size of its image (JPEG passed through),
with the bubbles' text as an invisible layer in NanumGothic so the PDF can be searched and copied."""

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from episodes.lettering import lettering_fonts
from episodes.renderers import cbz, webtoon
from episodes.renderers.base import RenderContext, RenderOutput, encode_jpeg
from episodes.renderers.strip import Page, Strip, iter_pages

# Pixels are laid out at 96 per inch; PDF units are points (72 per inch).
POINTS_PER_PIXEL = 72 / 96

parse_options = cbz.parse_options
TEXT_FONT = "WebtoonLettering"


def _register_font() -> str:
    if TEXT_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(TEXT_FONT, str(lettering_fonts().regular)))
    return TEXT_FONT


def _text_layer(canvas: Canvas, strip: Strip, page: Page, page_height: float) -> None:
    text = canvas.beginText()
    # Render mode 3 draws nothing: the lettering is in the pixels, this layer only makes it findable.
    text.setTextRenderMode(3)
    for scene in strip.scenes:
        for placement in scene.placements:
            x0, y0, x1, y1 = placement.body
            top = scene.top + (y0 + y1) / 2 - len(placement.lines) * placement.line_height / 2 - page.top
            if not 0 <= top < page.bottom - page.top:
                continue
            text.setFont(TEXT_FONT, placement.font_size * POINTS_PER_PIXEL)
            for index, line in enumerate(placement.lines):
                baseline = top + (index + 0.8) * placement.line_height
                text.setTextOrigin(x0 * POINTS_PER_PIXEL, page_height - baseline * POINTS_PER_PIXEL)
                text.textOut(line)
    canvas.drawText(text)


def render(context: RenderContext) -> RenderOutput:
    options = context.options
    strip = webtoon.build_strip(context)
    path = context.workdir / "episode.pdf"
    canvas = Canvas(str(path), pageCompression=0, initialFontName=_register_font())
    canvas.setTitle(context.title)
    canvas.setSubject(context.series)
    canvas.setCreator("Webtoon Studio")
    count = 0
    pages = iter_pages(strip, per=options["pages"], max_height=options["slice_height"])
    # One step per page and one to store the file, all counted before the first page is drawn.
    context.progress(0, len(pages) + 1, f"{len(pages)} pages to draw")
    for page in pages:
        data, _ = encode_jpeg(page.image, quality=options["quality"], max_bytes=cbz.PAGE_MAX_BYTES)
        size = (page.image.width * POINTS_PER_PIXEL, page.image.height * POINTS_PER_PIXEL)
        canvas.setPageSize(size)
        canvas.drawImage(ImageReader(io.BytesIO(data)), 0, 0, *size)
        _text_layer(canvas, strip, page, size[1])
        canvas.showPage()
        count = page.number
        context.progress(page.number, page.total + 1, f"page {page.number} of {page.total}")
    canvas.save()
    return RenderOutput(path=path, metadata={"pages": count})
