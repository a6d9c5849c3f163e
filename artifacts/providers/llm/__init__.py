"""LLM providers: `offline` (the rule-based strategies, the default), `openai` and `gemini`."""

from __future__ import annotations

from django.conf import settings


def get_llm_provider(name: str | None = None):
    name = name or settings.LLM_PROVIDER
    if name == "offline":
        from .offline import OfflineProvider

        return OfflineProvider()
    if name == "openai":
        from .openai import OpenAIProvider

        return OpenAIProvider()
    if name == "gemini":
        from .gemini import GeminiProvider

        return GeminiProvider()
    raise ValueError(f"Unknown LLM provider {name!r}: expected offline, openai or gemini.")
