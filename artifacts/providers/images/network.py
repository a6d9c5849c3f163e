"""Image models over HTTP: an OpenAI-compatible images endpoint and Gemini's generateContent.

Both get a prompt that forbids text (bubbles are lettered later) and return PNG bytes of the size
asked; the retry policy is the one of every network provider.
"""

from __future__ import annotations

import base64
import binascii
import io

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from artifacts.providers import http
from artifacts.providers.images.base import ImageProvider


def _png_at(data: str, width: int, height: int) -> bytes:
    try:
        with Image.open(io.BytesIO(base64.b64decode(data))) as image:
            buffer = io.BytesIO()
            image.convert("RGB").resize((width, height)).save(buffer, format="PNG")
            return buffer.getvalue()
    except (binascii.Error, UnidentifiedImageError, ValueError) as error:
        raise http.Transient("the image data is not a readable image") from error


class NetworkImageProvider(ImageProvider):
    """Subclasses send one prompt and return the base64 image of the answer (raising Transient if absent)."""

    def generate(self, prompt: str) -> str:
        raise NotImplementedError

    def _render(self, prompt: str, width: int, height: int) -> bytes:
        return http.with_retries(self.name, lambda: _png_at(self.generate(prompt), width, height))

    def render_panel(
        self, *, semantics: dict, width: int, height: int, style: dict, prompt: str = "", seed: int = 0
    ) -> bytes:
        return self._render(prompt, width, height)

    def render_profile_sheet(self, *, code: str, name: str, identity_line: str, width: int, height: int) -> bytes:
        prompt = (
            f"Character reference sheet of {name}: {identity_line}. Front, three-quarter, side and back views, "
            "and five expressions, on a plain background. No text, no letters."
        )
        return self._render(prompt, width, height)


class OpenAIImageProvider(NetworkImageProvider):
    name = "openai"

    def generate(self, prompt: str) -> str:
        body = {
            "model": settings.OPENAI_IMAGE_MODEL,
            "prompt": prompt,
            "n": 1,
            "size": "1024x1024",
            "response_format": "b64_json",
        }
        headers = {"Authorization": f"Bearer {settings.OPENAI_API_KEY}"} if settings.OPENAI_API_KEY else {}
        url = f"{settings.OPENAI_BASE_URL.rstrip('/')}/images/generations"
        data = http.post_json(self.name, url, body=body, headers=headers)
        try:
            return data["data"][0]["b64_json"]
        except (KeyError, IndexError, TypeError) as error:
            raise http.Transient("the response has no data[0].b64_json") from error


class GeminiImageProvider(NetworkImageProvider):
    name = "gemini"

    def generate(self, prompt: str) -> str:
        body = {
            "contents": [{"role": "user", "parts": [{"text": prompt}]}],
            "generationConfig": {"responseModalities": ["IMAGE"]},
        }
        url = f"{settings.GEMINI_BASE_URL.rstrip('/')}/models/{settings.GEMINI_IMAGE_MODEL}:generateContent"
        data = http.post_json(self.name, url, body=body, headers={"x-goog-api-key": settings.GEMINI_API_KEY})
        try:
            parts = data["candidates"][0]["content"]["parts"]
            return next(part["inlineData"]["data"] for part in parts if "inlineData" in part)
        except (KeyError, IndexError, TypeError, StopIteration) as error:
            raise http.Transient("the response has no inline image") from error
