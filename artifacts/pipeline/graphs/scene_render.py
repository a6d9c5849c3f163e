"""SceneRenderGraph: resolve style -> render_spec -> render (panels, then the scene by its layout)
-> render_result + Images -> qc_report."""

from __future__ import annotations

from functools import cache

from artifacts.pipeline.nodes.qc_check import qc_check
from artifacts.pipeline.nodes.render_panels import render_panels
from artifacts.pipeline.nodes.render_spec import render_spec
from artifacts.pipeline.nodes.resolve_style import resolve_style
from artifacts.pipeline.runtime import PipelineContext
from artifacts.pipeline.state import SceneRenderState

STEPS = 4


@cache
def scene_render_graph():
    from langgraph.graph import END, START, StateGraph

    graph = StateGraph(SceneRenderState, context_schema=PipelineContext)
    for node in (resolve_style, render_spec, render_panels, qc_check):
        graph.add_node(node.node_name, node)
    graph.add_edge(START, "resolve_style")
    graph.add_edge("resolve_style", "render_spec")
    graph.add_edge("render_spec", "render_panels")
    graph.add_edge("render_panels", "qc_check")
    graph.add_edge("qc_check", END)
    return graph.compile()


def render_scene(ctx: PipelineContext, *, scene_id: str, scene_index: int = 0) -> dict:
    return scene_render_graph().invoke({"scene_id": scene_id, "scene_index": scene_index}, context=ctx)
