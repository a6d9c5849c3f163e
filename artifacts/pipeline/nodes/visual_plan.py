from artifacts.models import ArtifactType
from artifacts.pipeline import brief as briefs
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce
from projects.models import Scene


@pipeline_node("visual_plan", message="Planning the visual beats of each scene")
def visual_plan(state, ctx):
    scenes = Scene.objects.filter(pk__in=state["scene_ids"]).select_related("story").order_by("scene_index")
    codes = briefs.code_map(briefs.story_cast(scenes[0].story)) if scenes else {}
    for scene, split in zip(scenes, state["scenes"], strict=False):
        beats = [state["beats"][index] for index in split["beat_indexes"]]
        # any_version: a critic's or an editor's later revision of this plan survives a rerun.
        produce(
            ctx,
            node="visual_plan",
            scene=scene,
            type=ArtifactType.VISUAL_PLAN,
            any_version=True,
            inputs={"beats": beats, "codes": codes},
            make=lambda beats=beats: {"beats": briefs.visual_beats(beats, codes)},
        )
    return {}
