"""The embedded default: every LLM task done by the rule-based strategies, deterministically."""

from __future__ import annotations

import time

from .tasks import TASKS


class OfflineProvider:
    name = "offline"
    model = "rules"

    def __init__(self):
        self.usage: dict[str, int] = {}

    def run(self, task: str, inputs: dict) -> dict:
        started = time.perf_counter()
        payload = TASKS[task][2](**inputs)
        payload["_meta"] = {
            "strategy": "rules",
            "model": self.model,
            "prompt_version": "",
            "latency_ms": int((time.perf_counter() - started) * 1000),
        }
        return payload
