from artifacts.models import Artifact, ArtifactType
from artifacts.pipeline.brief import brief_sources, scene_brief
from artifacts.pipeline.nodes.critic import rounds_left
from artifacts.pipeline.runtime import pipeline_node
from artifacts.pipeline.store import latest, produce
from projects.models import Scene


@pipeline_node("blind_test", message="Reading the panels back without the text", checkpointed=True)
def blind_test(state, ctx):
    """Could a reader tell the scene from its panels alone? One report per scene and critic round; the
    scenes that fail with critic rounds left go to the critic."""
    reports, failing = {}, []
    for scene in Scene.objects.filter(pk__in=state["scene_ids"]).select_related("story", "environment"):
        report = blind_test_scene(ctx, scene)
        reports[str(scene.pk)] = report.payload
        if not report.payload["passed"] and not scene.planning_locked and rounds_left(ctx, str(scene.pk)) > 0:
            failing.append(str(scene.pk))
    return {"blind": reports, "failing": failing}


def blind_test_scene(ctx, scene, brief: dict | None = None) -> Artifact:
    """The scene's report for its current panels; parallel planners call this too, right after planning a
    scene (with the brief they planned from), so the build's own blind test finds the reports made
    (unless the guardrails re-planned)."""
    semantics = latest(scene, ArtifactType.PANEL_SEMANTICS)
    return produce(
        ctx,
        node="blind_test",
        scene=scene,
        type=ArtifactType.BLIND_TEST_REPORT,
        inputs={"semantics": str(semantics.pk), "sources": brief_sources(scene)},
        make=lambda: ctx.llm.run("blind_test", {"brief": brief or scene_brief(scene), "semantics": semantics.payload}),
    )
