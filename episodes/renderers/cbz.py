"""`cbz`: a comic-book zip of page images (one per slice or per scene) with ComicInfo.xml."""

import xml.etree.ElementTree as ET
import zipfile

from episodes.renderers import webtoon
from episodes.renderers.base import RenderContext, RenderOutput, choice_option, encode_jpeg
from episodes.renderers.strip import iter_pages

PAGE_MAX_BYTES = 8 * 1024 * 1024


def parse_options(raw: dict) -> dict:
    options = webtoon.parse_options({key: value for key, value in raw.items() if key != "pages"})
    options["pages"] = choice_option(raw, "pages", "slice", ("slice", "scene"))
    return options


def comic_info(context: RenderContext, pages: list[dict]) -> bytes:
    root = ET.Element("ComicInfo", {"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance"})
    for tag, value in (
        ("Title", context.title),
        ("Series", context.series),
        ("Number", str(context.number)),
        ("PageCount", str(len(pages))),
        ("LanguageISO", context.language),
        ("Format", "Webtoon"),
    ):
        ET.SubElement(root, tag).text = value
    listing = ET.SubElement(root, "Pages")
    for index, page in enumerate(pages):
        ET.SubElement(
            listing,
            "Page",
            {
                "Image": str(index),
                "Type": "FrontCover" if index == 0 else "Story",
                "ImageSize": str(page["bytes"]),
                "ImageWidth": str(page["width"]),
                "ImageHeight": str(page["height"]),
            },
        )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def render(context: RenderContext) -> RenderOutput:
    options = context.options
    strip = webtoon.build_strip(context)
    path = context.workdir / "episode.cbz"
    pages = []
    cut = iter_pages(strip, per=options["pages"], max_height=options["slice_height"])
    # One step per page and one to store the file, all counted before the first page is drawn.
    context.progress(0, len(cut) + 1, f"{len(cut)} pages to draw")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for page in cut:
            data, _ = encode_jpeg(page.image, quality=options["quality"], max_bytes=PAGE_MAX_BYTES)
            archive.writestr(f"{page.number:03d}.jpg", data)
            pages.append({"bytes": len(data), "width": page.image.width, "height": page.image.height})
            context.progress(page.number, page.total + 1, f"page {page.number} of {page.total}")
        archive.writestr("ComicInfo.xml", comic_info(context, pages))
    return RenderOutput(path=path, metadata={"pages": len(pages)})
