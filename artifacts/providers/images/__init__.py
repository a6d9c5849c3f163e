from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from artifacts.providers.images.base import ImageProvider

# Dotted paths, imported on use: a network provider's client library loads only when chosen.
PROVIDERS = {
    "storyboard": "artifacts.providers.images.storyboard.StoryboardImageProvider",
    "openai": "artifacts.providers.images.network.OpenAIImageProvider",
    "gemini": "artifacts.providers.images.network.GeminiImageProvider",
}


def get_image_provider(name: str | None = None) -> ImageProvider:
    """The provider named by `name`, else by settings.IMAGE_PROVIDER ("storyboard" by default)."""
    name = name or getattr(settings, "IMAGE_PROVIDER", "") or "storyboard"
    try:
        path = PROVIDERS[name]
    except KeyError:
        raise ImproperlyConfigured(f"Unknown IMAGE_PROVIDER {name!r}; choose one of {sorted(PROVIDERS)}") from None
    return import_string(path)()


__all__ = ["ImageProvider", "get_image_provider"]
