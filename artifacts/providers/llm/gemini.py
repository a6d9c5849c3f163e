"""Google Gemini over its generateContent REST endpoint, asking for a JSON answer."""

from __future__ import annotations

from django.conf import settings

from artifacts.providers import http

from .base import NetworkLLMProvider
from .openai import SYSTEM


class GeminiProvider(NetworkLLMProvider):
    name = "gemini"

    def __init__(self):
        super().__init__()
        self.base_url = settings.GEMINI_BASE_URL.rstrip("/")
        self.model = settings.GEMINI_MODEL
        self.api_key = settings.GEMINI_API_KEY

    def complete(self, prompt: str) -> tuple[str, int, int]:
        body = {
            "systemInstruction": {"parts": [{"text": SYSTEM}]},
            "contents": [{"role": "user", "parts": [{"text": prompt}]}],
            "generationConfig": {"responseMimeType": "application/json", "temperature": 0.2},
        }
        url = f"{self.base_url}/models/{self.model}:generateContent"
        data = http.post_json(self.name, url, body=body, headers={"x-goog-api-key": self.api_key})
        try:
            text = "".join(part.get("text", "") for part in data["candidates"][0]["content"]["parts"])
        except (KeyError, IndexError, TypeError) as error:
            raise http.Transient("the response has no candidates[0].content.parts") from error
        usage = data.get("usageMetadata") or {}
        return text, int(usage.get("promptTokenCount", 0)), int(usage.get("candidatesTokenCount", 0))
