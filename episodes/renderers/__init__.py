"""Export renderers, one module per format; each has `parse_options(raw) -> dict` and
`render(context) -> RenderOutput`."""

import importlib
from types import ModuleType

from episodes.exceptions import UnknownExportFormat
from episodes.models import ExportFormat

MODULES = {
    ExportFormat.WEBTOON: "episodes.renderers.webtoon",
    ExportFormat.PDF: "episodes.renderers.pdf",
    ExportFormat.CBZ: "episodes.renderers.cbz",
    ExportFormat.VIDEO: "episodes.renderers.video",
    ExportFormat.PREVIEW: "episodes.renderers.preview",
}


def renderer_for(format: str) -> ModuleType:
    try:
        return importlib.import_module(MODULES[format])
    except KeyError:
        known = ", ".join(MODULES)
        raise UnknownExportFormat(
            f"Unknown export format {format!r}; use one of {known}.", fields={"format": format}
        ) from None
