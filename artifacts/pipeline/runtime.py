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
from contextlib import contextmanager
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


STORY_LANE = "story"


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
    # Set by a worker: hands the scenes of a stage ("plan" or "render") to other workers and returns
    # True, or returns False to do them in this process.
    dispatch_scenes: Callable[[str, list[str], int], bool] | None = None
    on_progress: Callable[[dict], None] | None = None
    # Whose chain of dependent LLM calls the next call extends: the story's, or a scene's (its id).
    lane: str = STORY_LANE

    # Timings, tokens and LLM chains of finished nodes not yet written: they travel with the next
    # checkpoint or the task's last flush, so a node costs one cheap heartbeat on the run row.
    pending_timings: dict = field(default_factory=dict)
    pending_tokens: dict = field(default_factory=dict)
    pending_chain: dict = field(default_factory=dict)

    def __post_init__(self):
        self.llm = ChainCountingLLM(self.llm, self)

    def report(self, node: str, *, message: str = "", scene_index: int | None = None) -> None:
        self.step += 1
        progress = {
            "current_node": node,
            "step": self.step,
            "total_steps": max(self.total_steps, self.step),
            "message": message or node.replace("_", " "),
            "scene_index": scene_index,
        }
        if self.run_id:
            from artifacts.pipeline import runs

            runs.run_heartbeat(run_id=self.run_id, node=node, story_id=self.story_id, progress=progress)
        if self.on_progress:
            self.on_progress(progress)

    def record(self, node: str, elapsed_ms: int, tokens: dict) -> None:
        timing = self.pending_timings.setdefault(node, {"calls": 0, "ms": 0})
        timing["calls"] += 1
        timing["ms"] += elapsed_ms
        for key, value in tokens.items():
            self.pending_tokens[key] = self.pending_tokens.get(key, 0) + value

    def flush(self, *, checkpoint=None) -> None:
        """Write what is pending to the run in one transaction."""
        if not self.run_id:
            return
        from artifacts.pipeline import runs

        runs.run_report(
            run_id=self.run_id,
            timings=self.pending_timings,
            tokens=self.pending_tokens,
            checkpoint=checkpoint,
            llm_chain=self.pending_chain,
        )
        self.pending_timings, self.pending_tokens, self.pending_chain = {}, {}, {}

    def actor_for(self, node: str) -> str:
        return f"{self.actor}:{node}"

    @contextmanager
    def in_lane(self, lane: str):
        """LLM calls in this block extend `lane`'s chain (a story-level node working on one scene)."""
        outer, self.lane = self.lane, lane
        try:
            yield
        finally:
            self.lane = outer

    def chain_llm_call(self) -> None:
        """One more LLM call: it waits for the calls before it in its own lane and for the story's
        (a scene is planned from the script); a story-level call waits for every lane (it reads what
        the scenes made). What a bench compares its wall time with, and what ops read on the run."""
        from artifacts.pipeline.runs import LLM_CHAIN_KEY

        chains = self.checkpoint.setdefault(LLM_CHAIN_KEY, {})
        if self.lane == STORY_LANE:
            depth = max(chains.values(), default=0) + 1
        else:
            depth = max(chains.get(self.lane, 0), chains.get(STORY_LANE, 0)) + 1
        chains[self.lane] = self.pending_chain[self.lane] = depth


class ChainCountingLLM:
    """The run's LLM provider, counting each call into its lane's chain (see `chain_llm_call`)."""

    def __init__(self, provider, ctx: PipelineContext):
        self.provider, self.ctx = provider, ctx

    def run(self, task: str, inputs: dict) -> dict:
        self.ctx.chain_llm_call()
        return self.provider.run(task, inputs)

    def run_checked(self, task: str, inputs: dict, *, rules: dict) -> dict:
        self.ctx.chain_llm_call()
        return self.provider.run_checked(task, inputs, rules=rules)

    def __getattr__(self, name):
        return getattr(self.provider, name)


def pipeline_node(name: str, *, message: str = "", checkpointed: bool = False):
    """Wrap `fn(state, ctx) -> dict` as a LangGraph node named `name`.

    `checkpointed` nodes (story-level nodes) store their update on the run, keyed by node and critic
    attempt; a rerun of the same run (a resumed build after a scene stage, a redelivered task) returns
    it instead of redoing the work.
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
                with ctx.in_lane(state.get("scene_id") or STORY_LANE):
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
