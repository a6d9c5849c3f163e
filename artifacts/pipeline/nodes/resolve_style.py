from artifacts.pipeline.runtime import pipeline_node
from projects.models import Scene
from styles.selectors import style_resolve_for_scene


@pipeline_node("resolve_style", message="Resolving the image style")
def resolve_style(state, ctx):
    scene = Scene.objects.select_related("story__default_image_style", "image_style_override").get(pk=state["scene_id"])
    resolved = style_resolve_for_scene(scene=scene)
    return {
        "scene_index": scene.scene_index,
        "style": {
            "preset_id": str(resolved.preset.pk) if resolved.preset else None,
            "name": resolved.preset.name if resolved.preset else "storyboard",
            "decided_by": resolved.decided_by,
            "config": resolved.config,
        },
    }
