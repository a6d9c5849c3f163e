"""What every network LLM provider shares: prompts, JSON repair and validation, usage accounting."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import json_repair
from pydantic import BaseModel, ValidationError

from artifacts.exceptions import InvalidPayload
from artifacts.providers import http
from artifacts.providers.exceptions import ProviderError
from artifacts.schemas import validate_payload
from webtoon import metrics

from .checks import CHECKS
from .tasks import TASKS

logger = logging.getLogger(__name__)
PROMPTS = Path(__file__).resolve().parents[2] / "pipeline" / "prompts"
PROMPT_VERSION = "v1"


def render_prompt(task: str, inputs: dict) -> str:
    template = (PROMPTS / f"{TASKS[task][0]}.{PROMPT_VERSION}.txt").read_text()
    return template.replace("{{inputs}}", json.dumps(inputs, ensure_ascii=False, indent=1))


def validate(task: str, payload) -> dict:
    schema = TASKS[task][1]
    if not isinstance(payload, dict):
        raise ValueError(f"expected a JSON object, got {type(payload).__name__}")
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        return schema.model_validate(payload).model_dump()
    return validate_payload(schema, payload)


class NetworkLLMProvider:
    """Subclasses send one prompt and return (text, prompt_tokens, completion_tokens)."""

    name = "network"
    model = ""

    def __init__(self):
        self.usage = {"prompt": 0, "completion": 0, "calls": 0}

    def complete(self, prompt: str) -> tuple[str, int, int]:
        raise NotImplementedError

    def run(self, task: str, inputs: dict) -> dict:
        """The LLM's answer to `task`, validated; exhausted retries raise ProviderError."""
        payload, meta = self._ask(task, inputs)
        payload["_meta"] = meta
        return payload

    def run_checked(self, task: str, inputs: dict, *, rules: dict) -> dict:
        """The LLM's answer to a checked task, kept where it holds against `rules` (the rules' answer to
        the same inputs), which stands in for whatever it missed or got wrong; when the LLM gives no
        usable answer at all (retries exhausted, a refusal) the rules' answer is the whole result."""
        started = time.perf_counter()
        try:
            answer, meta = self._ask(task, inputs)
        except ProviderError as error:
            metrics.PROVIDER_ERRORS.labels(provider=self.name, kind="fallback").inc()
            logger.warning("%s: %s falls back to the rules: %s", self.name, task, error)
            return {**rules, "_meta": {**rules_meta(started), "fallback": str(error)}}
        payload, report = CHECKS[task](answer, rules, inputs)
        payload["_meta"] = {**meta, "checked": report}
        return payload

    def _ask(self, task: str, inputs: dict) -> tuple[dict, dict]:
        prompt = render_prompt(task, inputs)
        started = time.perf_counter()

        def attempt():
            text, prompt_tokens, completion_tokens = self.complete(prompt)
            self.usage["prompt"] += prompt_tokens
            self.usage["completion"] += completion_tokens
            self.usage["calls"] += 1
            try:
                return (
                    validate(task, json_repair.loads(text) if text.strip() else None),
                    prompt_tokens,
                    completion_tokens,
                )
            except (ValidationError, InvalidPayload, ValueError, TypeError) as error:
                # A model that answered off-schema may answer well on the next try.
                raise http.Transient(f"the answer to {task} does not fit its schema: {error}") from error

        payload, prompt_tokens, completion_tokens = http.with_retries(self.name, attempt)
        metrics.record_tokens(provider=self.name, model=self.model, prompt=prompt_tokens, completion=completion_tokens)
        meta = {
            "strategy": "llm",
            "model": self.model,
            "prompt_version": f"{task}.{PROMPT_VERSION}",
            "latency_ms": int((time.perf_counter() - started) * 1000),
            "tokens": {"prompt": prompt_tokens, "completion": completion_tokens},
        }
        return payload, meta


def rules_meta(started: float) -> dict:
    return {
        "strategy": "rules",
        "model": "rules",
        "prompt_version": "",
        "latency_ms": int((time.perf_counter() - started) * 1000),
    }


__all__ = ["NetworkLLMProvider", "ProviderError", "render_prompt", "rules_meta", "validate"]
