from artifacts.models import ArtifactType
from artifacts.pipeline import brief as briefs
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce_per_scene
from projects.models import Scene


@pipeline_node("visual_plan", message="Planning the visual beats of each scene", checkpointed=True)
def visual_plan(state, ctx):
    scenes = Scene.objects.filter(pk__in=state["scene_ids"]).select_related("story").order_by("scene_index")
    codes = briefs.code_map(briefs.story_cast(scenes[0].story)) if scenes else {}
    produce_per_scene(
        ctx,
        node="visual_plan",
        type=ArtifactType.VISUAL_PLAN,
        scenes=scenes,
        state=state,
        codes=codes,
        build=lambda beats, codes: {"beats": briefs.visual_beats(beats, codes)},
    )
    return {}
