from artifacts.models import ArtifactType
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import produce, ref
from projects.models import Scene


@pipeline_node("scene_intent", message="Deciding what the scene is about")
def scene_intent(state, ctx):
    brief = state["brief"]
    artifact = produce(
        ctx,
        node="scene_intent",
        scene=Scene.objects.get(pk=state["scene_id"]),
        type=ArtifactType.SCENE_INTENT,
        inputs={"sources": brief["sources"], "location": brief["location"], "cast": brief["cast"]},
        make=lambda: ctx.llm.run("scene_intent", {"brief": brief}),
    )
    return {"artifacts": {**state["artifacts"], ArtifactType.SCENE_INTENT: ref(artifact)}}
