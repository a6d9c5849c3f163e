"""The embedded default: every LLM task done by the rule-based strategies, deterministically."""

from __future__ import annotations

import time

from .base import rules_meta
from .tasks import TASKS


class OfflineProvider:
    name = "offline"
    model = "rules"

    def __init__(self):
        self.usage: dict[str, int] = {}

    def run(self, task: str, inputs: dict) -> dict:
        started = time.perf_counter()
        payload = TASKS[task][2](**inputs)
        payload["_meta"] = rules_meta(started)
        return payload

    def run_checked(self, task: str, inputs: dict, *, rules: dict) -> dict:
        """Offline the rules' answer is the answer: nothing to ask, nothing to check."""
        return {**rules, "_meta": rules_meta(time.perf_counter())}
