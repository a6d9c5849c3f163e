from artifacts.pipeline.fanout import run_stage
from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("render_scenes", message="Rendering every scene")
def render_scenes(state, ctx):
    """Every scene through SceneRenderGraph, in parallel on workers when the run can hand them out."""
    scenes = [(scene_id, index) for index, scene_id in enumerate(state["scene_ids"])]
    return run_stage(ctx, node="render_scenes", state=state, stage="render", scenes=scenes)


def render_one_scene(ctx, scene_id: str, scene_index: int) -> None:
    from artifacts.pipeline.graphs.scene_render import render_scene

    render_scene(ctx, scene_id=scene_id, scene_index=scene_index)
