"""Image providers by name: `storyboard` (drawn locally, the default), `openai`, `gemini`."""

from __future__ import annotations

from django.conf import settings


class StoryboardPanelProvider:
    """Panels drawn by Pillow from their semantics; no network, deterministic."""

    name = "storyboard"

    def render_panel(
        self, *, semantics: dict, width: int, height: int, style: dict, prompt: str = "", seed: int = 0
    ) -> bytes:
        from .panels import draw_panel, to_png

        return to_png(draw_panel(semantics, width, height))


def get_image_provider(name: str | None = None):
    name = name or settings.IMAGE_PROVIDER
    if name == "storyboard":
        return StoryboardPanelProvider()
    if name == "openai":
        from .network import OpenAIImageProvider

        return OpenAIImageProvider()
    if name == "gemini":
        from .network import GeminiImageProvider

        return GeminiImageProvider()
    raise ValueError(f"Unknown image provider {name!r}: expected storyboard, openai or gemini.")
