"""StoryBuildGraph: text -> characters -> script -> scenes -> [full] visual plans -> every scene
planned (ScenePlanningGraph) -> episode guardrails -> blind test -> critic loop -> rendering."""

from __future__ import annotations

from functools import cache

from artifacts.pipeline.fanout import RESUME_KEY
from artifacts.pipeline.graphs import scene_planning, scene_render
from artifacts.pipeline.nodes.blind_test import blind_test
from artifacts.pipeline.nodes.critic import critic
from artifacts.pipeline.nodes.episode_guardrails import episode_guardrails
from artifacts.pipeline.nodes.extract_characters import extract_characters
from artifacts.pipeline.nodes.normalize_characters import normalize_characters
from artifacts.pipeline.nodes.persist_story import persist_story
from artifacts.pipeline.nodes.plan_scenes import plan_scenes
from artifacts.pipeline.nodes.render_scenes import render_scenes
from artifacts.pipeline.nodes.split_scenes import split_scenes
from artifacts.pipeline.nodes.validate_input import validate_input
from artifacts.pipeline.nodes.visual_plan import visual_plan
from artifacts.pipeline.nodes.write_script import write_script
from artifacts.pipeline.runtime import PipelineContext
from artifacts.pipeline.state import StoryBuildState

NODES = (
    validate_input,
    extract_characters,
    normalize_characters,
    write_script,
    split_scenes,
    persist_story,
    visual_plan,
    plan_scenes,
    episode_guardrails,
    blind_test,
    critic,
    render_scenes,
)
# Each critic round re-plans and re-tests; LangGraph counts every node it runs against this.
RECURSION_LIMIT = 200


def route_from_start(state: StoryBuildState) -> str:
    return state.get("resume_at") or "validate_input"


def route_after_persist(state: StoryBuildState, runtime) -> str:
    return "visual_plan" if runtime.context.parameters["mode"] == "full" else "__end__"


def route_after_planning(state: StoryBuildState) -> str:
    return "__end__" if state.get("waiting") else "episode_guardrails"


def route_after_blind_test(state: StoryBuildState, runtime) -> str:
    parameters = runtime.context.parameters
    if state["failing"] and state.get("attempt", 0) < parameters["max_retries"]:
        return "critic"
    return "render_scenes" if parameters["render"] else "__end__"


@cache
def story_build_graph():
    from langgraph.graph import END, START, StateGraph

    graph = StateGraph(StoryBuildState, context_schema=PipelineContext)
    for node in NODES:
        graph.add_node(node.node_name, node)
    graph.add_conditional_edges(START, route_from_start, ["validate_input", "plan_scenes", "render_scenes"])
    graph.add_edge("validate_input", "extract_characters")
    graph.add_edge("extract_characters", "normalize_characters")
    graph.add_edge("normalize_characters", "write_script")
    graph.add_edge("write_script", "split_scenes")
    graph.add_edge("split_scenes", "persist_story")
    graph.add_conditional_edges("persist_story", route_after_persist, ["visual_plan", END])
    graph.add_edge("visual_plan", "plan_scenes")
    graph.add_conditional_edges("plan_scenes", route_after_planning, ["episode_guardrails", END])
    graph.add_edge("episode_guardrails", "blind_test")
    graph.add_conditional_edges("blind_test", route_after_blind_test, ["critic", "render_scenes", END])
    graph.add_edge("critic", "plan_scenes")
    graph.add_edge("render_scenes", END)
    return graph.compile()


def estimate_steps(parameters: dict, scene_count: int = 6) -> int:
    """Nodes a run will likely execute, for the progress bar (the critic may add rounds)."""
    steps = 6
    if parameters["mode"] == "full":
        steps += 4 + scene_count * scene_planning.STEPS
        if parameters["render"]:
            steps += 1 + scene_count * scene_render.STEPS
    return steps


def build_story(ctx: PipelineContext, *, story_id: str) -> dict:
    """Run the build from its start, or, once a scene stage went out to workers, from that stage with
    the state it had then. A build with neither (a foreground one) replays its checkpointed nodes."""
    resume = ctx.checkpoint.get(RESUME_KEY)
    if resume:
        state = {**resume["state"], "resume_at": resume["node"]}
        ctx.step = max(ctx.step, resume["step"] - 1)
    else:
        state = {"story_id": story_id, "attempt": 0}
    return story_build_graph().invoke(state, context=ctx, config={"recursion_limit": RECURSION_LIMIT})
