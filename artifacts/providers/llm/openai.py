"""Any OpenAI-compatible chat-completions server (hosted, Ollama, vLLM, llama.cpp), over plain HTTP."""

from __future__ import annotations

from django.conf import settings

from artifacts.providers import http
from artifacts.providers.exceptions import ProviderError

from .base import NetworkLLMProvider

SYSTEM = "You are a webtoon story editor. Answer with one JSON object only, exactly in the requested shape."


class OpenAIProvider(NetworkLLMProvider):
    name = "openai"

    def __init__(self):
        super().__init__()
        self.base_url = settings.OPENAI_BASE_URL.rstrip("/")
        self.model = settings.OPENAI_MODEL
        self.api_key = settings.OPENAI_API_KEY

    def complete(self, prompt: str) -> tuple[str, int, int]:
        body = {
            "model": self.model,
            "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}],
            "response_format": {"type": "json_object"},
            "temperature": 0.2,
        }
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        data = http.post_json(self.name, f"{self.base_url}/chat/completions", body=body, headers=headers)
        try:
            text = data["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError) as error:
            raise http.Transient("the response has no choices[0].message.content") from error
        usage = data.get("usage") or {}
        return text, int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))


__all__ = ["OpenAIProvider", "ProviderError"]
