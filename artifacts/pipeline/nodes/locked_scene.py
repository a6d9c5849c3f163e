from artifacts.pipeline.exceptions import PlanningLocked
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import ref
from artifacts.selectors import PLANNED_TYPES, artifact_latest_by_type
from projects.models import Scene


@pipeline_node("locked_scene", message="Scene locked: keeping its plan")
def locked_scene(state, ctx):
    """A locked scene is never re-planned: its latest artifacts stand, and a missing one is an error."""
    scene = Scene.objects.get(pk=state["scene_id"])
    present = artifact_latest_by_type(scene=scene)
    missing = [type for type in PLANNED_TYPES if type not in present]
    if missing:
        raise PlanningLocked(
            f"Scene {scene.scene_index + 1} is locked for planning but has no {', '.join(missing)}; "
            "unlock it or add the missing artifacts by hand.",
            fields={"scene_id": str(scene.pk), "missing": missing},
        )
    return {"artifacts": {type: ref(artifact) for type, artifact in present.items()}}
