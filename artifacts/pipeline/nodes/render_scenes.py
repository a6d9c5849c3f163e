from artifacts.pipeline.runtime import pipeline_node


@pipeline_node("render_scenes", message="Rendering every scene")
def render_scenes(state, ctx):
    from artifacts.pipeline.graphs.scene_render import render_scene

    for index, scene_id in enumerate(state["scene_ids"]):
        render_scene(ctx, scene_id=scene_id, scene_index=index)
    return {}
