from artifacts.pipeline.brief import scene_brief
from artifacts.pipeline.runtime import pipeline_node
from projects.models import Scene


@pipeline_node("load_scene", message="Reading the scene")
def load_scene(state, ctx):
    scene = Scene.objects.select_related("story", "environment").get(pk=state["scene_id"])
    return {
        "brief": scene_brief(scene),
        "locked": scene.planning_locked,
        "scene_index": scene.scene_index,
        "artifacts": {},
    }
