"""What every node receives beside its state: providers, parameters and the run it reports to.

Nodes are small functions `(state, ctx) -> update`; `pipeline_node` adapts them to LangGraph
(which passes its `Runtime`, whose `context` is a `PipelineContext`) and adds what every node
needs: heartbeat and progress, cancellation, per-node timings and tokens, checkpoints, and the name
of the failing node on an error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass
class PipelineContext:
    llm: object
    images: object
    parameters: dict
    run_id: str | None = None
    story_id: str | None = None
    actor: str = "pipeline"
    total_steps: int = 0
    step: int = 0
    checkpoint: dict = field(default_factory=dict)
    # Set by a worker: hands scene planning to other workers (a chord) and returns True, or
    # returns False to plan in this process.
    dispatch_planning: Callable[[list[str], int], bool] | None = None
    on_progress: Callable[[dict], None] | None = None

    # Timings and tokens of finished nodes not yet written: they travel with the next report, so a
    # node costs one transaction on the run row, not three.
    pending_timings: dict = field(default_factory=dict)
    pending_tokens: dict = field(default_factory=dict)

    def report(self, node: str, *, message: str = "", scene_index: int | None = None) -> None:
        self.step += 1
        progress = {
            "current_node": node,
            "step": self.step,
            "total_steps": max(self.total_steps, self.step),
            "message": message or node.replace("_", " "),
            "scene_index": scene_index,
        }
        self.flush(node=node, progress=progress)
        if self.on_progress:
            self.on_progress(progress)

    def record(self, node: str, elapsed_ms: int, tokens: dict) -> None:
        timing = self.pending_timings.setdefault(node, {"calls": 0, "ms": 0})
        timing["calls"] += 1
        timing["ms"] += elapsed_ms
        for key, value in tokens.items():
            self.pending_tokens[key] = self.pending_tokens.get(key, 0) + value

    def flush(self, *, node: str | None = None, progress: dict | None = None, checkpoint=None) -> None:
        """Write what is pending to the run (and the story's progress) in one transaction."""
        if not self.run_id:
            return
        from artifacts.pipeline import runs

        runs.run_report(
            run_id=self.run_id,
            node=node,
            timings=self.pending_timings,
            tokens=self.pending_tokens,
            checkpoint=checkpoint,
            story_id=self.story_id,
            progress=progress,
        )
        self.pending_timings, self.pending_tokens = {}, {}

    def actor_for(self, node: str) -> str:
        return f"{self.actor}:{node}"


def pipeline_node(name: str, *, message: str = "", checkpointed: bool = False):
    """Wrap `fn(state, ctx) -> dict` as a LangGraph node named `name`.

    `checkpointed` nodes (story-level outputs that are not artifacts) store their update on the run,
    keyed by node and critic attempt; a rerun of the same run returns it instead of redoing the work.
    """

    def decorate(fn: Callable[[dict, PipelineContext], dict]):
        def node(state: dict, runtime) -> dict:
            ctx: PipelineContext = runtime.context
            ctx.report(name, message=message, scene_index=state.get("scene_index"))
            key = f"{name}:{state.get('attempt', 0)}"
            if checkpointed and key in ctx.checkpoint:
                return ctx.checkpoint[key]
            usage_before = dict(getattr(ctx.llm, "usage", {}))
            started = time.perf_counter()
            try:
                update = fn(state, ctx)
            except Exception as error:
                # The innermost node names the failure; graphs that wrap a subgraph keep it.
                if not getattr(error, "pipeline_node", None):
                    error.pipeline_node = name
                raise
            elapsed_ms = int((time.perf_counter() - started) * 1000)
            usage = getattr(ctx.llm, "usage", {})
            tokens = {
                key: usage[key] - usage_before.get(key, 0) for key in usage if usage[key] != usage_before.get(key)
            }
            ctx.record(name, elapsed_ms, tokens)
            if checkpointed:
                ctx.checkpoint[key] = update
                ctx.flush(checkpoint=(key, update))
            return update

        # Not functools.wraps: LangGraph reads the signature (following __wrapped__) to decide what to
        # inject, and it must see `runtime`, not the inner function's `ctx`.
        node.__name__, node.__doc__, node.node_name = fn.__name__, fn.__doc__, name
        return node

    return decorate
