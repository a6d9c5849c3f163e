"""`preview`: one scene, lettered, as a PNG."""

from episodes.renderers.base import RenderContext, RenderOutput, int_option, refuse_unknown_options
from episodes.renderers.strip import Strip


def parse_options(raw: dict) -> dict:
    refuse_unknown_options(raw, {"width"})
    return {"width": int_option(raw, "width", 0, 0, 4000)}


def render(context: RenderContext) -> RenderOutput:
    source = context.sources[0]
    context.progress(0, 2, "lettering the scene")
    strip = Strip([source], width=context.options["width"] or source.width, gutter=0, background="#ffffff")
    path = context.workdir / "preview.png"
    picture = strip.region(0, strip.height)
    picture.save(path, "PNG")
    context.progress(1, 2, "scene lettered")
    return RenderOutput(path=path, metadata={"width": picture.width, "height": picture.height})
