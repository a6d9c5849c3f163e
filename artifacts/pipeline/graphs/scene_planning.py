"""ScenePlanningGraph: scene_intent -> panel_plan -> panel_plan_normalized -> layout_template ->
panel_semantics -> draft DialogueLayer. A locked scene takes the other branch and keeps its plan."""

from __future__ import annotations

from functools import cache

from artifacts.pipeline.nodes.choose_layout import choose_layout
from artifacts.pipeline.nodes.draft_dialogue import draft_dialogue
from artifacts.pipeline.nodes.load_scene import load_scene
from artifacts.pipeline.nodes.locked_scene import locked_scene
from artifacts.pipeline.nodes.normalize_panels import normalize_panels
from artifacts.pipeline.nodes.panel_plan import panel_plan
from artifacts.pipeline.nodes.panel_semantics import panel_semantics
from artifacts.pipeline.nodes.scene_intent import scene_intent
from artifacts.pipeline.runtime import PipelineContext
from artifacts.pipeline.state import ScenePlanningState

STEPS = 7


def route_after_load(state: ScenePlanningState) -> str:
    return "locked_scene" if state["locked"] else "scene_intent"


@cache
def scene_planning_graph():
    from langgraph.graph import END, START, StateGraph

    graph = StateGraph(ScenePlanningState, context_schema=PipelineContext)
    for node in (
        load_scene,
        locked_scene,
        scene_intent,
        panel_plan,
        normalize_panels,
        choose_layout,
        panel_semantics,
        draft_dialogue,
    ):
        graph.add_node(node.node_name, node)
    graph.add_edge(START, "load_scene")
    graph.add_conditional_edges("load_scene", route_after_load, ["locked_scene", "scene_intent"])
    graph.add_edge("locked_scene", END)
    graph.add_edge("scene_intent", "panel_plan")
    graph.add_edge("panel_plan", "normalize_panels")
    graph.add_edge("normalize_panels", "choose_layout")
    graph.add_edge("choose_layout", "panel_semantics")
    graph.add_edge("panel_semantics", "draft_dialogue")
    graph.add_edge("draft_dialogue", END)
    return graph.compile()


def plan_scene(
    ctx: PipelineContext, *, scene_id: str, scene_index: int = 0, panel_count: int | None = None, exclude_templates=()
) -> dict:
    state = {
        "scene_id": scene_id,
        "scene_index": scene_index,
        "panel_count": panel_count,
        "exclude_templates": list(exclude_templates),
    }
    return scene_planning_graph().invoke(state, context=ctx)
